#include "ContactsController.h"

#include "ContactJson.h"
#include "ContactService.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "RequestValidator.h"
#include "Router.h"

#include <QJsonArray>

namespace {

using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");

QJsonArray contactsJson(const QList<Contact> &contacts)
{
    QJsonArray array;
    for (const Contact &c : contacts)
        array.append(ContactJson::toJson(c));
    return array;
}

} // namespace

ContactsController::ContactsController(CoreServices &core) : m_core(core) {}

void ContactsController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(Method::Post, QStringLiteral("/contacts/:userId/add"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const QJsonValue body = req.json();
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
                   QJsonArray skipped;
                   for (const ContactService::Skipped &s : result.skipped)
                       skipped.append(ContactService::skippedJson(s));
                   return ApiResponse::json(201, QJsonObject{{QStringLiteral("added"),
                                                              contactsJson(result.added)},
                                                             {QStringLiteral("skipped"), skipped}});
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
                   return ApiResponse::json(QJsonObject{{QStringLiteral("contacts"),
                                                         contactsJson(result.contacts)},
                                                        {QStringLiteral("page"), page},
                                                        {QStringLiteral("limit"), limit},
                                                        {QStringLiteral("total"), result.total}});
               });
}
