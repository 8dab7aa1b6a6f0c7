#include "SandboxController.h"

#include "ApiServer.h"
#include "ConnectController.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "PendingAnswer.h"
#include "RequestValidator.h"
#include "Router.h"
#include "SessionManager.h"
#include "contacts/PhoneNormalizer.h"
#include "messaging/MediaFetcher.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "platform/JsonNumber.h"
#include "platform/Settings.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>

// POST .../incoming: the API's message types (as inbound messages name them) and what the
// simulator calls them (INBOUND-CONTRACT §3).
struct IncomingType
{
    const char *api;
    const char *page;
    bool media; // needs file_url
};

namespace {
using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");
const QString kPhone = QStringLiteral("phoneNumber");

// Exactly the fields of api.md, whatever else the simulator keeps.
QJsonObject outboxEntry(const QJsonObject &record)
{
    static const char *const fields[] = {"id",      "to",       "type",     "body",
                                         "caption", "mimetype", "filename", "size",
                                         "sha256",  "ack",      "t"};
    QJsonObject out;
    for (const char *field : fields) {
        const QString key = QString::fromLatin1(field);
        const QJsonValue v = record.value(key);
        out.insert(key, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v);
    }
    // What rich messages carried (issue #16), only on the records that have it: a location's
    // lat/lng/loc, contact cards, the voice note flag, the quoted message, our reactions.
    static const char *const rich[] = {"lat",       "lng",
                                       "loc",       "vcards",
                                       "ptt",       "quotedStanzaID",
                                       "quotedMsg", "quotedParticipant",
                                       "reaction",  "reactionTo"};
    for (const char *field : rich) {
        const QString key = QString::fromLatin1(field);
        const QJsonValue v = record.value(key);
        if (!v.isUndefined() && !v.isNull())
            out.insert(key, v);
    }
    return out;
}

const IncomingType kIncomingTypes[] = {
    {"text", "chat", false},      {"image", "image", true},        {"video", "video", true},
    {"audio", "audio", true},     {"voice", "ptt", true},          {"document", "document", true},
    {"sticker", "sticker", true}, {"location", "location", false}, {"contact", "vcard", false},
};

const IncomingType *incomingType(const QString &name)
{
    for (const IncomingType &t : kIncomingTypes)
        if (name == QLatin1String(t.api))
            return &t;
    return nullptr;
}

// The API's name of a downloaded file's kind (file_url without a type).
const IncomingType *incomingTypeOfKind(MediaTypes::Kind kind)
{
    const QString name = MediaTypes::typeName(kind);
    return incomingType(name.isEmpty() ? QStringLiteral("document") : name);
}

constexpr int kMaxIncomingText = MessageComposer::kMaxMessageLength;
constexpr int kMaxUrlLength = 2048;

// The text as the customer typed it: not trimmed (the opt-out rule trims; a test of it needs
// the spaces to reach it).
std::optional<QString> rawText(const QJsonObject &o, const QString &field, int maxLength)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString())
        throw DomainError::validation(field, QStringLiteral("%1 must be a string").arg(field));
    const QString text = v.toString();
    if (text.size() > maxLength)
        throw DomainError::validation(
            field, QStringLiteral("%1 must be at most %2 characters").arg(field).arg(maxLength));
    return text;
}

double requiredCoordinate(const QJsonObject &o, const QString &field, double limit)
{
    const QJsonValue v = o.value(field);
    if (!v.isDouble() || v.toDouble() < -limit || v.toDouble() > limit)
        throw DomainError::validation(QStringLiteral("location.") + field,
                                      QStringLiteral("location.%1 must be a number from %2 to %3")
                                          .arg(field)
                                          .arg(-limit)
                                          .arg(limit));
    return v.toDouble();
}
} // namespace

SandboxController::SandboxController(CoreServices &core, SessionManager &sessions,
                                     ApiServer &server)
    : m_core(core), m_sessions(sessions), m_server(server)
{
}

SandboxController::~SandboxController() = default;

void SandboxController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;
    auto sandboxNumber = [this](ApiRequest &req) {
        const WhatsAppNumber n = ConnectController::resolve(
            m_core, req.vendorId, req.idParam(kUserId), req.param(kPhone));
        if (!n.sandbox)
            throw DomainError::notFound(QStringLiteral("sandbox number"));
        return n;
    };

    router.add(Method::Post, QStringLiteral("/sandbox/:userId/:phoneNumber/scan"), vendor,
               [this, sandboxNumber](ApiRequest &req) {
                   const WhatsAppNumber n = sandboxNumber(req);
                   m_sessions.simulateScan(req.vendorId, n.id);
                   return ApiResponse::json(
                       QJsonObject{{QStringLiteral("status"), QStringLiteral("scanned")}});
               });

    router.add(Method::Post, QStringLiteral("/sandbox/:userId/:phoneNumber/logout"), vendor,
               [this, sandboxNumber](ApiRequest &req) {
                   const WhatsAppNumber n = sandboxNumber(req);
                   m_sessions.simulateLogout(req.vendorId, n.id);
                   return ApiResponse::json(
                       QJsonObject{{QStringLiteral("status"), QStringLiteral("logged_out")}});
               });

    router.add(Method::Get, QStringLiteral("/sandbox/:userId/:phoneNumber/outbox"), vendor,
               [this, sandboxNumber](ApiRequest &req) {
                   const WhatsAppNumber n = sandboxNumber(req);
                   // HTTP handlers are synchronous: the copy the manager keeps in step with
                   // the simulator (each record arrives before its message's first ack).
                   QJsonArray messages;
                   for (const QJsonValue &v : m_sessions.cachedSandboxOutbox(req.vendorId, n.id))
                       messages.append(outboxEntry(v.toObject()));
                   return ApiResponse::json(QJsonObject{{QStringLiteral("messages"), messages}});
               });

    // The phone's owner types the pairing code the page shows (POST /connect with
    // {"method": "code"}): 200 once pairing started, 422 wrong_code / expired_code.
    router.add(
        Method::Post, QStringLiteral("/sandbox/:userId/:phoneNumber/enter-code"), vendor,
        [this, sandboxNumber](ApiRequest &req) {
            const WhatsAppNumber n = sandboxNumber(req);
            const QString code =
                RequestValidator::requiredString(req.jsonObject(), QStringLiteral("code"), 32);
            static const QRegularExpression shape(
                QStringLiteral("^[0-9A-Za-z]{4}[- ]?[0-9A-Za-z]{4}$"));
            if (!shape.match(code).hasMatch())
                throw DomainError::validation(QStringLiteral("code"),
                                              QStringLiteral("code must be 8 letters or "
                                                             "digits (XXXX-XXXX)"));
            const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
            m_sessions.simulateEnterCode(
                req.vendorId, n.id, code,
                [pending](bool ok, const QJsonObject &, const QString &error,
                          const QString &message) {
                    if (ok) {
                        pending->succeed([] {
                            return ApiResponse::json(
                                QJsonObject{{QStringLiteral("status"), QStringLiteral("paired")}});
                        });
                    } else if (error == QLatin1String("wrong_code") ||
                               error == QLatin1String("expired_code")) {
                        pending->fail(DomainError(
                            DomainError::Kind::Unprocessable, error, message,
                            QJsonObject{{QStringLiteral("field"), QStringLiteral("code")}}));
                    } else if (error == QLatin1String("already_paired")) {
                        pending->fail(
                            DomainError::conflict(QStringLiteral("already_connected"), message));
                    } else {
                        pending->fail(PendingAnswer::sessionError(error, message));
                    }
                });
            return pending->answer();
        });

    // A simulated customer writes to the sandbox number (the vendor tests its integration
    // without a phone). 202 once the simulator has sent it; the number's page then reports it
    // like any message a customer sends, and it is recorded and published from there.
    router.add(Method::Post, QStringLiteral("/sandbox/:userId/:phoneNumber/incoming"), vendor,
               [this, sandboxNumber](ApiRequest &req) {
                   const WhatsAppNumber n = sandboxNumber(req);
                   if (!m_sessions.session(n.id)) // before downloading anything for it
                       throw DomainError::conflict(QStringLiteral("not_connected"),
                                                   QStringLiteral("the sandbox number is not "
                                                                  "connected (POST /connect)"));
                   QString fileUrl;
                   const IncomingType *type = nullptr;
                   QJsonObject spec =
                       incomingSpec(req.vendorId, n, req.jsonObject(), &fileUrl, &type);
                   const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
                   if (fileUrl.isEmpty())
                       simulate(req.vendorId, n.id, spec, pending); // may throw not_connected
                   else
                       fetchThenSimulate(req.vendorId, n.id, spec, type, fileUrl, pending);
                   return pending->answer();
               });
}

QJsonObject SandboxController::incomingSpec(qint64 vendorId, const WhatsAppNumber &n,
                                            const QJsonObject &body, QString *fileUrl,
                                            const IncomingType **typeOut)
{
    namespace RV = RequestValidator;
    const QString fromText = RV::requiredString(body, QStringLiteral("from"), 64);
    const auto from = m_core.phones().normalize(fromText);
    if (!from)
        throw DomainError::validation(QStringLiteral("from"),
                                      QStringLiteral("from must be a valid phone number"));
    if (*from == n.phoneNumber) // the page has no chat with itself to write from
        throw DomainError::validation(QStringLiteral("from"),
                                      QStringLiteral("from must be a customer's phone, not the "
                                                     "sandbox number itself"));
    *fileUrl =
        RV::optionalString(body, QStringLiteral("file_url"), kMaxUrlLength).value_or(QString());
    const auto typeName = RV::optionalString(body, QStringLiteral("type"), 32);
    const IncomingType *type = nullptr;
    if (typeName && !typeName->isNull()) {
        type = incomingType(*typeName);
        if (!type) {
            QStringList names;
            for (const IncomingType &t : kIncomingTypes)
                names << QString::fromLatin1(t.api);
            throw DomainError::validation(
                QStringLiteral("type"),
                QStringLiteral("type must be one of: %1").arg(names.join(QStringLiteral(", "))));
        }
    } else if (fileUrl->isEmpty()) {
        type = incomingType(QStringLiteral("text"));
    } // else: the download decides (fetchThenSimulate)
    *typeOut = type;

    QJsonObject spec{{QStringLiteral("from"), *from}};
    const auto text = rawText(body, QStringLiteral("body"), kMaxIncomingText);
    if (text)
        spec.insert(QStringLiteral("body"), *text);
    if (type && type->media && fileUrl->isEmpty())
        throw DomainError::validation(QStringLiteral("file_url"),
                                      QStringLiteral("file_url is required for a %1 message")
                                          .arg(QString::fromLatin1(type->api)));
    if (type && !type->media && !fileUrl->isEmpty())
        throw DomainError::validation(
            QStringLiteral("file_url"),
            QStringLiteral("a %1 message has no file_url").arg(QString::fromLatin1(type->api)));
    if (!fileUrl->isEmpty()) {
        const QUrl url(*fileUrl, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            throw DomainError::validation(QStringLiteral("file_url"),
                                          QStringLiteral("file_url must be an http or https URL"));
    }
    if (type && QLatin1String(type->api) == QLatin1String("text") &&
        (!text || text->trimmed().isEmpty()))
        throw DomainError::validation(QStringLiteral("body"),
                                      QStringLiteral("body is required for a text message"));
    if (type && QLatin1String(type->api) == QLatin1String("location")) {
        const QJsonValue loc = body.value(QStringLiteral("location"));
        if (!loc.isObject())
            throw DomainError::validation(
                QStringLiteral("location"),
                QStringLiteral(
                    "location is required for a location message: {lat, lng, name?, address?}"));
        const QJsonObject l = loc.toObject();
        QJsonObject location{
            {QStringLiteral("lat"), requiredCoordinate(l, QStringLiteral("lat"), 90)},
            {QStringLiteral("lng"), requiredCoordinate(l, QStringLiteral("lng"), 180)}};
        for (const QString &field : {QStringLiteral("name"), QStringLiteral("address")}) {
            const auto v = RV::optionalString(l, field, 1024);
            if (v && !v->isNull())
                location.insert(field, *v);
        }
        spec.insert(QStringLiteral("location"), location);
    }
    if (type && QLatin1String(type->api) == QLatin1String("contact")) {
        const auto vcard = rawText(body, QStringLiteral("vcard"), kMaxIncomingText);
        if (!vcard ||
            !vcard->trimmed().startsWith(QLatin1String("BEGIN:VCARD"), Qt::CaseInsensitive))
            throw DomainError::validation(QStringLiteral("vcard"),
                                          QStringLiteral("vcard (a BEGIN:VCARD text) is required "
                                                         "for a contact message"));
        spec.insert(QStringLiteral("vcard"), *vcard);
    }
    if (type)
        spec.insert(QStringLiteral("type"), QString::fromLatin1(type->page));

    // The quoted message: ours (a sent_messages id: the WhatsApp id it was sent with) or
    // WhatsApp's own id (as received; a serialized "false_…@c.us_<id>" is cut to its id).
    const QString quotedField = QStringLiteral("quoted_message_id");
    const QJsonValue quoted = body.value(quotedField);
    static const QRegularExpression digits(QStringLiteral("^\\s*[0-9]+\\s*$"));
    if (quoted.isString() && !quoted.toString().trimmed().isEmpty() &&
        !digits.match(quoted.toString()).hasMatch()) {
        QString waId = quoted.toString().trimmed();
        if (waId.contains(QLatin1Char('_')))
            waId = waId.section(QLatin1Char('_'), -1);
        static const QRegularExpression idShape(QStringLiteral("^[A-Za-z0-9]{4,128}$"));
        if (!idShape.match(waId).hasMatch())
            throw DomainError::validation(quotedField,
                                          QStringLiteral("quoted_message_id must be one of our "
                                                         "message ids or a WhatsApp message id"));
        spec.insert(QStringLiteral("quotedId"), waId);
    } else if (const auto ours = RV::optionalId(body, quotedField)) {
        const std::optional<Message> m = m_core.messages().find(vendorId, *ours);
        if (!m)
            throw DomainError(DomainError::Kind::NotFound, QStringLiteral("not_found"),
                              QStringLiteral("message %1 not found").arg(*ours),
                              QJsonObject{{QStringLiteral("field"), quotedField}});
        if (m->numberId != n.id || m->recipient != *from)
            throw DomainError::validation(quotedField,
                                          QStringLiteral("message %1 was not sent from this number "
                                                         "to %2")
                                              .arg(*ours)
                                              .arg(*from));
        if (m->waMessageId.isEmpty())
            throw DomainError::validation(
                quotedField, QStringLiteral("message %1 has not been sent yet").arg(*ours));
        spec.insert(QStringLiteral("quotedId"), m->waMessageId);
    }
    if (const auto asLid = RV::optionalBool(body, QStringLiteral("as_lid")))
        spec.insert(QStringLiteral("asLid"), *asLid);
    return spec;
}

void SandboxController::simulate(qint64 vendorId, qint64 numberId, QJsonObject spec,
                                 const std::shared_ptr<PendingAnswer> &pending)
{
    // The API's body is a media message's caption (the simulator keeps them apart).
    const QString pageType = spec.value(QStringLiteral("type")).toString();
    for (const IncomingType &t : kIncomingTypes)
        if (t.media && pageType == QLatin1String(t.page) && spec.contains(QStringLiteral("body")))
            spec.insert(QStringLiteral("caption"), spec.take(QStringLiteral("body")));
    const QString from = spec.value(QStringLiteral("from")).toString();
    m_sessions.simulateIncoming(
        vendorId, numberId, spec,
        [pending, from](bool ok, const QJsonObject &result, const QString &error,
                        const QString &message) {
            if (!ok) {
                pending->fail(PendingAnswer::sessionError(error, message));
                return;
            }
            const QString id = result.value(QStringLiteral("id")).toString();
            pending->succeed([id, from] {
                return ApiResponse::json(
                    202, QJsonObject{{QStringLiteral("status"), QStringLiteral("sent")},
                                     {QStringLiteral("from"), from},
                                     {QStringLiteral("wa_message_id"), id}});
            });
        });
}

void SandboxController::fetchThenSimulate(qint64 vendorId, qint64 numberId, QJsonObject spec,
                                          const IncomingType *type, const QString &url,
                                          const std::shared_ptr<PendingAnswer> &pending)
{
    if (!m_media) {
        // A temporary directory of its own: each file is read once, handed to the page and
        // dropped (forgetBatch); nothing is kept for the dispatcher.
        m_media = std::make_unique<MediaFetcher>(QString());
    }
    // The same URL rules as POST /messages' file_url (MediaFetcher): the setting for private
    // addresses, never the API's own port.
    m_media->setAllowPrivateAddresses(m_core.settings().allowPrivateMediaUrls());
    m_media->protectLocalPort(m_server.serverPort());
    const QString key =
        QStringLiteral("sandbox-incoming-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_media->fetch(
        key, url,
        [this, vendorId, numberId, spec, type, url, key,
         pending](const MediaFetcher::Result &r) mutable {
            if (!r.ok) {
                m_media->forgetBatch(key, url);
                pending->fail(DomainError(
                    DomainError::Kind::Unprocessable, r.error,
                    QStringLiteral("file_url could not be used: %1 (%2)").arg(r.error, r.detail),
                    QJsonObject{{QStringLiteral("field"), QStringLiteral("file_url")}}));
                return;
            }
            QFile file(r.media.path);
            const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            m_media->forgetBatch(key, url);
            if (bytes.size() != r.media.size) {
                pending->fail(
                    DomainError::internal(QStringLiteral("cannot read the downloaded file")));
                return;
            }
            if (!type) {
                type = incomingTypeOfKind(r.media.kind);
                spec.insert(QStringLiteral("type"), QString::fromLatin1(type->page));
            }
            spec.insert(QStringLiteral("data"), QString::fromLatin1(bytes.toBase64()));
            spec.insert(QStringLiteral("mimetype"), r.media.mimetype);
            spec.insert(QStringLiteral("filename"), r.media.filename);
            try {
                simulate(vendorId, numberId, spec, pending);
            } catch (const DomainError &e) {
                pending->fail(e);
            }
        });
}
