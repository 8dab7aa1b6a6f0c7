#include "ConnectController.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "QrCodeImage.h"
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
        const QString state = m_sessions.snapshot(req.vendorId, n.id).state;
        if (state == SessionState::Ready)
            throw DomainError::conflict(QStringLiteral("already_connected"),
                                        QStringLiteral("this number is already connected"));
        // The window's Connect asks the same service (subscription, plan limit).
        m_core.subscriptionService().requireMayConnect(req.vendorId, userId, Clock::nowMs());
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
        return ApiResponse::json(
            QJsonObject{{QStringLiteral("state"), snap.state},
                        {QStringLiteral("qr"), nullable(snap.qr)},
                        {QStringLiteral("qr_png"), nullable(png)},
                        {QStringLiteral("reason"), nullable(snap.reason)},
                        {QStringLiteral("updated_at"), nullable(Clock::toIso(snap.updatedAt))}});
    });

    router.add(Method::Delete, path, vendor, [this](ApiRequest &req) {
        const WhatsAppNumber n =
            resolve(m_core, req.vendorId, req.idParam(kUserId), req.param(kPhone));
        m_sessions.logoutNumber(req.vendorId, n.id);
        return ApiResponse::noContent();
    });
}
