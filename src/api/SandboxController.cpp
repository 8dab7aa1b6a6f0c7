#include "SandboxController.h"

#include "ConnectController.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "Router.h"
#include "SessionManager.h"

#include <QJsonArray>

namespace {
using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");
const QString kPhone = QStringLiteral("phoneNumber");

// Exactly the fields of api.md, whatever else the simulator keeps.
QJsonObject outboxEntry(const QJsonObject &record)
{
    static const char *const fields[] = {"id",       "to",       "type", "body",   "caption",
                                         "mimetype", "filename", "size", "sha256", "ack",
                                         "t"};
    QJsonObject out;
    for (const char *field : fields) {
        const QString key = QString::fromLatin1(field);
        const QJsonValue v = record.value(key);
        out.insert(key, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v);
    }
    return out;
}
} // namespace

SandboxController::SandboxController(CoreServices &core, SessionManager &sessions)
    : m_core(core), m_sessions(sessions)
{
}

void SandboxController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;
    auto sandboxNumber = [this](ApiRequest &req) {
        const WhatsAppNumber n = ConnectController::resolve(m_core, req.vendorId,
                                                            req.idParam(kUserId), req.param(kPhone));
        if (!n.sandbox)
            throw DomainError::notFound(QStringLiteral("sandbox number"));
        return n;
    };

    router.add(Method::Post, QStringLiteral("/sandbox/:userId/:phoneNumber/scan"), vendor,
               [this, sandboxNumber](ApiRequest &req) {
                   const WhatsAppNumber n = sandboxNumber(req);
                   m_sessions.simulateScan(req.vendorId, n.id);
                   return ApiResponse::json(QJsonObject{{QStringLiteral("status"),
                                                         QStringLiteral("scanned")}});
               });

    router.add(Method::Post, QStringLiteral("/sandbox/:userId/:phoneNumber/logout"), vendor,
               [this, sandboxNumber](ApiRequest &req) {
                   const WhatsAppNumber n = sandboxNumber(req);
                   m_sessions.simulateLogout(req.vendorId, n.id);
                   return ApiResponse::json(QJsonObject{{QStringLiteral("status"),
                                                         QStringLiteral("logged_out")}});
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
}
