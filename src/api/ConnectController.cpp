#include "ConnectController.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "PendingAnswer.h"
#include "QrCodeImage.h"
#include "RequestValidator.h"
#include "Router.h"
#include "Session.h"
#include "SessionManager.h"
#include "accounts/AppUserStore.h"
#include "accounts/SubscriptionService.h"
#include "contacts/PhoneNormalizer.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

namespace {
using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");
const QString kPhone = QStringLiteral("phoneNumber");

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// POST /connect's optional body {"method": "qr" | "code"}; no body (or no method) is the QR.
bool wantsCode(const ApiRequest &req)
{
    if (req.http().body().trimmed().isEmpty())
        return false;
    const auto method =
        RequestValidator::optionalString(req.jsonObject(), QStringLiteral("method"), 16);
    if (!method || method->isNull() || *method == QLatin1String("qr"))
        return false;
    if (*method == QLatin1String("code"))
        return true;
    throw DomainError::validation(QStringLiteral("method"),
                                  QStringLiteral("method must be \"qr\" or \"code\""));
}

DomainError pairingError(const QString &error, const QString &message)
{
    if (error == QLatin1String("already_connected"))
        return DomainError::conflict(error, message);
    return PendingAnswer::sessionError(error, message);
}

// The answer of a code request (and of its refresh): the code and when it expires.
std::function<void(bool, const QJsonObject &, const QString &, const QString &)>
answerWithCode(const std::shared_ptr<PendingAnswer> &pending, const QString &sessionId)
{
    return [pending, sessionId](bool ok, const QJsonObject &result, const QString &error,
                                const QString &message) {
        if (!ok) {
            pending->fail(pairingError(error, message));
            return;
        }
        const QString code = result.value(QStringLiteral("code")).toString();
        const qint64 expiresAt = qint64(result.value(QStringLiteral("expires_at")).toDouble());
        pending->succeed([code, expiresAt, sessionId] {
            return ApiResponse::json(
                QJsonObject{{QStringLiteral("status"), QStringLiteral("code")},
                            {QStringLiteral("session_id"), sessionId},
                            {QStringLiteral("code"), code},
                            {QStringLiteral("expires_at"), Clock::toIso(expiresAt)}});
        });
    };
}
} // namespace

ConnectController::ConnectController(CoreServices &core, SessionManager &sessions)
    : m_core(core), m_sessions(sessions)
{
}

WhatsAppNumber ConnectController::resolve(CoreServices &core, qint64 vendorId, qint64 userId,
                                          const QString &rawPhone)
{
    core.users().requireUserOfVendor(vendorId, userId);
    const auto phone = core.phones().normalize(rawPhone);
    if (!phone)
        throw DomainError::notFound(QStringLiteral("number"));
    const auto number = core.numbers().findByPhone(vendorId, userId, *phone);
    if (!number)
        throw DomainError::notFound(QStringLiteral("number"));
    return *number;
}

void ConnectController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;
    const QString path = QStringLiteral("/connect/:userId/:phoneNumber");

    router.add(Method::Post, path, vendor, [this](ApiRequest &req) {
        const qint64 userId = req.idParam(kUserId);
        const WhatsAppNumber n = resolve(m_core, req.vendorId, userId, req.param(kPhone));
        const bool code = wantsCode(req);
        const QString state = m_sessions.snapshot(req.vendorId, n.id).state;
        if (state == SessionState::Ready)
            throw DomainError::conflict(QStringLiteral("already_connected"),
                                        QStringLiteral("this number is already connected"));
        // The window's Connect asks the same service (subscription, plan limit).
        m_core.subscriptionService().requireMayConnect(req.vendorId, userId, Clock::nowMs());
        if (code) {
            // Answered once the page gives the code (the session starts first when needed).
            const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
            m_sessions.requestPairingCode(req.vendorId, n.id, answerWithCode(pending, n.sessionId));
            return pending->answer();
        }
        m_sessions.connectNumber(req.vendorId, n.id);
        return ApiResponse::json(
            202, QJsonObject{{QStringLiteral("status"), QStringLiteral("processing")},
                             {QStringLiteral("session_id"), n.sessionId}});
    });

    router.add(Method::Get, path, vendor, [this](ApiRequest &req) {
        const WhatsAppNumber n =
            resolve(m_core, req.vendorId, req.idParam(kUserId), req.param(kPhone));
        const SessionManager::Snapshot snap = m_sessions.snapshot(req.vendorId, n.id);
        const QString png = snap.qr.isEmpty() ? QString() : QrCodeImage::pngDataUrl(snap.qr);
        return ApiResponse::json(QJsonObject{
            {QStringLiteral("state"), snap.state},
            {QStringLiteral("qr"), nullable(snap.qr)},
            {QStringLiteral("qr_png"), nullable(png)},
            {QStringLiteral("pairing_code"), nullable(snap.pairingCode)},
            {QStringLiteral("pairing_code_expires_at"),
             snap.pairingCode.isEmpty() ? QJsonValue(QJsonValue::Null)
                                        : QJsonValue(Clock::toIso(snap.pairingCodeExpiresAt))},
            {QStringLiteral("reason"), nullable(snap.reason)},
            {QStringLiteral("updated_at"), nullable(Clock::toIso(snap.updatedAt))}});
    });

    // A new pairing code now (the page renews it by itself before it expires).
    router.add(
        Method::Post, path + QStringLiteral("/code/refresh"), vendor, [this](ApiRequest &req) {
            const WhatsAppNumber n =
                resolve(m_core, req.vendorId, req.idParam(kUserId), req.param(kPhone));
            const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
            m_sessions.refreshPairingCode(req.vendorId, n.id, answerWithCode(pending, n.sessionId));
            return pending->answer();
        });

    // Back to the QR: the code stops working and a QR follows (qr events, GET).
    router.add(Method::Post, path + QStringLiteral("/code/cancel"), vendor,
               [this](ApiRequest &req) {
                   const WhatsAppNumber n =
                       resolve(m_core, req.vendorId, req.idParam(kUserId), req.param(kPhone));
                   const std::shared_ptr<PendingAnswer> pending = PendingAnswer::create();
                   m_sessions.cancelPairingCode(
                       req.vendorId, n.id,
                       [pending](bool ok, const QJsonObject &, const QString &error,
                                 const QString &message) {
                           if (!ok) {
                               pending->fail(pairingError(error, message));
                               return;
                           }
                           pending->succeed([] {
                               return ApiResponse::json(
                                   QJsonObject{{QStringLiteral("status"), QStringLiteral("qr")}});
                           });
                       });
                   return pending->answer();
               });

    router.add(Method::Delete, path, vendor, [this](ApiRequest &req) {
        const WhatsAppNumber n =
            resolve(m_core, req.vendorId, req.idParam(kUserId), req.param(kPhone));
        m_sessions.logoutNumber(req.vendorId, n.id);
        return ApiResponse::noContent();
    });
}
