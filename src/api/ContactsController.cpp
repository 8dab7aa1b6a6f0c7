#include "ContactsController.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "JsonText.h"
#include "RequestValidator.h"
#include "Router.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "inbound/OptOutService.h"
#include "platform/Clock.h"
#include "platform/ParallelFor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");

// A JSON array of contacts written directly (see JsonText.h): the same members and values as
// ContactJson::toJson — tst_contacts compares the two — at a tenth of the cost, which matters
// for the 5,000 contacts a bulk add answers with (P3).
class ContactArrayWriter
{
public:
    QByteArray write(const QList<Contact> &contacts)
    {
        QByteArray out;
        out.reserve(64 + contacts.size() * 640);
        out += '[';
        appendRange(out, contacts, 0, contacts.size());
        out += ']';
        return out;
    }

    // contacts[from, to) separated by commas, without brackets.
    void appendRange(QByteArray &out, const QList<Contact> &contacts, qsizetype from, qsizetype to)
    {
        for (qsizetype i = from; i < to; ++i) {
            if (i > from)
                out += ',';
            append(out, contacts.at(i));
        }
    }

private:
    // Each member's `,"key":` as one piece (one append instead of three per member; the
    // view's length is computed once).
    struct Text
    {
        QByteArrayView prefix;
        QString Contact::*member;
    };
    struct Array
    {
        QByteArrayView prefix;
        QJsonArray Contact::*member;
    };

    void append(QByteArray &out, const Contact &c)
    {
        static const Text texts[] = {
            {",\"name\":", &Contact::name},
            {",\"phone_number\":", &Contact::phoneNumber},
            {",\"email\":", &Contact::email},
            {",\"company_name\":", &Contact::companyName},
            {",\"gender\":", &Contact::gender},
            {",\"dob\":", &Contact::dob},
            {",\"age_group\":", &Contact::ageGroup},
            {",\"language_preference\":", &Contact::languagePreference},
            {",\"timezone\":", &Contact::timezone},
            {",\"nickname\":", &Contact::nickname},
            {",\"custom_salutation\":", &Contact::customSalutation},
            {",\"partner_name\":", &Contact::partnerName},
            {",\"anniversary_date\":", &Contact::anniversaryDate},
            {",\"job_title\":", &Contact::jobTitle},
            {",\"industry\":", &Contact::industry},
            {",\"customer_tier\":", &Contact::customerTier},
            {",\"notes\":", &Contact::notes},
        };
        static const Array arrays[] = {
            {",\"kids_names\":", &Contact::kidsNames},
            {",\"pets_names\":", &Contact::petsNames},
            {",\"interests\":", &Contact::interests},
            {",\"preferred_products\":", &Contact::preferredProducts},
        };
        out += "{\"id\":" + QByteArray::number(c.id);
        for (const Text &t : texts) {
            out += t.prefix;
            const QString &value = c.*t.member;
            if (value.isNull() && t.member != &Contact::name && t.member != &Contact::phoneNumber)
                out += "null"; // name and phone_number are never null in the API
            else if (!ContactJson::appendPlainString(out, value))
                JsonText::appendString(out, value);
        }
        for (const Array &a : arrays) {
            out += a.prefix;
            ContactJson::appendArray(out, c.*a.member);
        }
        out += c.messageOptIn ? ",\"message_opt_in\":true" : ",\"message_opt_in\":false";
        out += ",\"average_spend\":";
        if (c.averageSpend)
            JsonText::appendValue(out, QJsonValue(*c.averageSpend));
        else
            out += "null";
        out += ",\"whatsapp_broadcast_preference\":";
        if (c.hasBroadcastPreference)
            JsonText::appendValue(out, QJsonValue(c.whatsappBroadcastPreference));
        else
            out += "null";
        out += ",\"created_at\":";
        appendTime(out, c.createdAt, m_created);
        out += ",\"updated_at\":";
        appendTime(out, c.updatedAt, m_updated);
        out += ",\"whatsapp_status\":";
        JsonText::appendString(out, c.whatsappStatus);
        out += ",\"whatsapp_checked_at\":";
        appendTime(out, c.whatsappCheckedAt, m_checked);
        out += '}';
    }

    // Rows of one import share their timestamps: format each distinct one once.
    struct TimeCache
    {
        qint64 ms = -1;
        QByteArray text;
    };
    static void appendTime(QByteArray &out, qint64 ms, TimeCache &cache)
    {
        if (cache.ms != ms) {
            cache.ms = ms;
            cache.text.clear();
            JsonText::appendStringOrNull(cache.text, Clock::toIso(ms));
        }
        out += cache.text;
    }

    TimeCache m_created, m_updated, m_checked;
};

QByteArray contactsJson(const QList<Contact> &contacts)
{
    // A 5,000-contact answer is ~3 MB of text: written in slices on the cores (each with its
    // own writer) and joined. Small lists are written inline.
    constexpr qsizetype kSlice = 1000;
    const int slices = int((contacts.size() + kSlice - 1) / kSlice);
    if (slices <= 1)
        return ContactArrayWriter().write(contacts);
    std::vector<QByteArray> parts(slices);
    parallelFor(
        slices,
        [&](int k) {
            const qsizetype from = k * kSlice;
            const qsizetype to = qMin(from + kSlice, contacts.size());
            parts[k].reserve((to - from) * 640);
            ContactArrayWriter().appendRange(parts[k], contacts, from, to);
        },
        1);
    qsizetype size = 2 + slices;
    for (const QByteArray &p : parts)
        size += p.size();
    QByteArray out;
    out.reserve(size);
    out += '[';
    for (int k = 0; k < slices; ++k) {
        if (k)
            out += ',';
        out += parts[k];
    }
    out += ']';
    return out;
}

} // namespace

ContactsController::ContactsController(CoreServices &core) : m_core(core) {}

void ContactsController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(Method::Post, QStringLiteral("/contacts/:userId/add"), vendor,
               [this](ApiRequest &req) {
                   QElapsedTimer timer;
                   timer.start();
                   const qint64 userId = req.idParam(kUserId);
                   const QJsonValue body = req.json();
                   const double parseMs = timer.nsecsElapsed() / 1e6;
                   QJsonArray items;
                   if (body.isArray())
                       items = body.toArray();
                   else if (body.isObject())
                       items.append(body);
                   else
                       throw DomainError::validation(
                           QStringLiteral("body"),
                           QStringLiteral("the body must be a contact object or an array of them"));
                   const ContactService::AddResult result =
                       ContactService(m_core).add(req.vendorId, userId, items);
                   QElapsedTimer respond;
                   respond.start();
                   QJsonArray skipped;
                   for (const ContactService::Skipped &s : result.skipped)
                       skipped.append(ContactService::skippedJson(s));
                   ApiResponse response;
                   response.status = 201;
                   response.body = "{\"added\":" + contactsJson(result.added) + ",\"skipped\":"
                                   + QJsonDocument(skipped).toJson(QJsonDocument::Compact) + '}';
                   // Server-Timing (W3C): where the time went, for vendors' tracing and bench P3.
                   QByteArray timing = "parse;dur=" + QByteArray::number(parseMs, 'f', 2);
                   for (const auto &t : result.timings)
                       timing += ", " + t.first + ";dur=" + QByteArray::number(t.second, 'f', 2);
                   timing += ", respond;dur=" + QByteArray::number(respond.nsecsElapsed() / 1e6, 'f', 2);
                   timing += ", handler;dur=" + QByteArray::number(timer.nsecsElapsed() / 1e6, 'f', 2);
                   response.headers.append({QByteArrayLiteral("Server-Timing"), timing});
                   return response;
               });

    router.add(Method::Patch, QStringLiteral("/contacts/:userId/batch-update"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const QJsonObject body = req.jsonObject();
                   const QJsonArray items =
                       RequestValidator::requiredArray(body, QStringLiteral("contacts"));
                   const QList<ContactService::UpdateResult> results =
                       ContactService(m_core).updateMany(req.vendorId, userId, items);
                   QJsonArray out;
                   for (const ContactService::UpdateResult &r : results)
                       out.append(ContactService::resultJson(r));
                   return ApiResponse::json(ContactService::allUpdated(results) ? 200 : 207,
                                            QJsonObject{{QStringLiteral("results"), out}});
               });

    router.add(Method::Patch, QStringLiteral("/contacts/:userId/:contactId"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const qint64 contactId = req.idParam(QStringLiteral("contactId"));
                   const Contact c = ContactService(m_core).update(req.vendorId, userId, contactId,
                                                                   req.jsonObject());
                   return ApiResponse::json(
                       QJsonObject{{QStringLiteral("contact"), ContactJson::toJson(c)}});
               });

    router.add(Method::Delete, QStringLiteral("/contacts/:userId/batch-remove"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const QJsonObject body = req.jsonObject();
                   const QJsonArray array = RequestValidator::requiredArray(body, QStringLiteral("ids"));
                   if (array.size() > ContactService::kMaxRemoveIds)
                       throw DomainError(DomainError::Kind::PayloadTooLarge,
                                         QStringLiteral("too_many_items"),
                                         QStringLiteral("At most %1 ids per request")
                                             .arg(ContactService::kMaxRemoveIds),
                                         QJsonObject{{QStringLiteral("field"), QStringLiteral("ids")},
                                                     {QStringLiteral("max"),
                                                      ContactService::kMaxRemoveIds}});
                   QList<qint64> ids;
                   ids.reserve(array.size());
                   for (qsizetype i = 0; i < array.size(); ++i) {
                       const QJsonObject holder{{QStringLiteral("id"), array.at(i)}};
                       try {
                           ids.append(RequestValidator::requiredId(holder, QStringLiteral("id")));
                       } catch (const DomainError &) {
                           throw DomainError::validation(
                               QStringLiteral("ids[%1]").arg(i),
                               QStringLiteral("ids must be positive integers"));
                       }
                   }
                   const int removed = ContactService(m_core).removeMany(req.vendorId, userId, ids);
                   return ApiResponse::json(QJsonObject{{QStringLiteral("removed"), removed}});
               });

    router.add(Method::Get, QStringLiteral("/contacts/:userId/list"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const QUrlQuery q = req.query();
                   const int page = RequestValidator::queryInt(
                       q.queryItemValue(QStringLiteral("page")), QStringLiteral("page"), 1, 1,
                       10000000);
                   const int limit = RequestValidator::queryInt(
                       q.queryItemValue(QStringLiteral("limit")), QStringLiteral("limit"), 50, 1,
                       500);
                   const QString search =
                       q.queryItemValue(QStringLiteral("search"), QUrl::FullyDecoded);
                   const ContactStore::Page result =
                       ContactService(m_core).search(req.vendorId, userId, search, page, limit);
                   ApiResponse response;
                   response.body = "{\"contacts\":" + contactsJson(result.contacts)
                                   + ",\"page\":" + QByteArray::number(page)
                                   + ",\"limit\":" + QByteArray::number(limit)
                                   + ",\"total\":" + QByteArray::number(result.total)
                                   + ",\"total_is_estimate\":"
                                   + (result.totalIsEstimate ? "true" : "false") + '}';
                   return response;
               });

    // Opting a contact back in after an opt-out (a STOP, an operator) is recorded with a reason
    // (OptOutService: 400 reason_required without one), like the window's.
    router.add(Method::Post, QStringLiteral("/contacts/:userId/:contactId/opt-in"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const qint64 contactId = req.idParam(QStringLiteral("contactId"));
                   const QJsonObject body = req.jsonObject();
                   const QString reason =
                       RequestValidator::optionalString(body, QStringLiteral("reason"), 1000)
                           .value_or(QString());
                   const OptOutService::Result r = m_core.optOuts().optIn(
                       req.vendorId, userId, contactId, QString(OptOutService::kApi), reason);
                   return ApiResponse::json(
                       QJsonObject{{QStringLiteral("contact"), ContactJson::toJson(r.contact)},
                                   {QStringLiteral("changed"), r.changed}});
               });

    router.add(Method::Get, QStringLiteral("/contacts/:userId/:contactId/opt-outs"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const qint64 contactId = req.idParam(QStringLiteral("contactId"));
                   if (!m_core.contacts().find(req.vendorId, userId, contactId))
                       throw DomainError::notFound(QStringLiteral("contact"));
                   // The state as stored, then how it came to be (newest first).
                   const OptOutService::State state =
                       m_core.optOuts().state(req.vendorId, contactId);
                   QJsonArray history;
                   for (const OptOutService::HistoryEntry &e :
                        m_core.optOuts().history(req.vendorId, contactId))
                       history.append(e.toJson());
                   const QString at = Clock::toIso(state.optedOutAtMs);
                   return ApiResponse::json(
                       QJsonObject{{QStringLiteral("opted_out"), state.optedOut},
                                   {QStringLiteral("opted_out_at"),
                                    at.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(at)},
                                   {QStringLiteral("opt_out_source"),
                                    state.source.isNull() ? QJsonValue(QJsonValue::Null)
                                                          : QJsonValue(state.source)},
                                   {QStringLiteral("history"), history}});
               });
}
