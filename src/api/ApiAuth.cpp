#include "ApiAuth.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "LoginThrottle.h"
#include "accounts/VendorAccounts.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAuth, "wamator.api.auth")

namespace {
DomainError unauthorized(const QString &code, const QString &message)
{
    return DomainError(DomainError::Kind::Unauthorized, code, message);
}
} // namespace

ApiAuth::ApiAuth(CoreServices &core) : m_core(core) {}

QString ApiAuth::apiKeyOf(const QHttpServerRequest &request)
{
    return apiKeyFromHeaders(request.value("x-api-key"), request.value("authorization"));
}

QString ApiAuth::apiKeyFromHeaders(const QByteArray &xApiKey, const QByteArray &authorization)
{
    const QString key = QString::fromUtf8(xApiKey).trimmed();
    if (!key.isEmpty())
        return key;
    const QString auth = QString::fromUtf8(authorization).trimmed();
    static const QString bearer = QStringLiteral("bearer ");
    if (auth.size() > bearer.size() && auth.startsWith(bearer, Qt::CaseInsensitive))
        return auth.mid(bearer.size()).trimmed();
    return {};
}

std::optional<qint64> ApiAuth::vendorForKey(const QString &apiKey) const
{
    // Keys are 64 hex chars; anything far off is not worth an HMAC and a query.
    if (apiKey.isEmpty() || apiKey.size() > 256)
        return std::nullopt;
    return m_core.accounts().authenticate(apiKey);
}

qint64 ApiAuth::requireVendor(const QHttpServerRequest &request) const
{
    const QString key = apiKeyOf(request);
    if (key.isEmpty())
        throw unauthorized(QStringLiteral("api_key_required"),
                           QStringLiteral("An API key is required (x-api-key header)"));
    const auto vendorId = vendorForKey(key);
    if (!vendorId)
        throw unauthorized(QStringLiteral("invalid_api_key"),
                           QStringLiteral("The API key is not valid"));
    return *vendorId;
}

void ApiAuth::requireAdmin(const QHttpServerRequest &request) const
{
    const QString address = LoginThrottle::addressKey(request.remoteAddress());
    checkAdminBan(address);
    const QString token = QString::fromUtf8(request.value("x-admin-token")).trimmed();
    if (token.isEmpty())
        throw unauthorized(QStringLiteral("admin_token_required"),
                           QStringLiteral("The admin token is required (x-admin-token header)"));
    if (!m_core.accounts().checkAdminToken(token)) {
        recordAdminFailure(address);
        throw unauthorized(QStringLiteral("invalid_admin_token"),
                           QStringLiteral("The admin token is not valid"));
    }
}

FailureWindow::Policy ApiAuth::adminPolicy() const
{
    const Settings &settings = m_core.settings();
    return {qMax(1, settings.loginMaxFailures()), qint64(settings.loginWindowSeconds()) * 1000,
            qint64(settings.loginBanSeconds()) * 1000};
}

void ApiAuth::checkAdminBan(const QString &address) const
{
    const qint64 wait = m_adminFailures.banRemaining(address, Clock::nowMs());
    if (wait == 0)
        return;
    throw DomainError(
        DomainError::Kind::RateLimited, QStringLiteral("rate_limited"),
        QStringLiteral("Too many wrong admin tokens from this address; try again "
                       "later"),
        QJsonObject{{QStringLiteral("retry_after"), qMax<qint64>(1, (wait + 999) / 1000)}});
}

void ApiAuth::recordAdminFailure(const QString &address) const
{
    const FailureWindow::Policy policy = adminPolicy();
    const qint64 now = Clock::nowMs();
    m_adminFailures.prune(policy.windowMs, now);
    if (m_adminFailures.fail(address, policy, now))
        qCWarning(lcAuth).noquote() << "admin routes banned for" << address << "after"
                                    << policy.limit << "wrong admin tokens";
}

void ApiAuth::requireLoopbackOrAdmin(const QHttpServerRequest &request) const
{
    if (request.remoteAddress().isLoopback())
        return;
    requireAdmin(request);
}
