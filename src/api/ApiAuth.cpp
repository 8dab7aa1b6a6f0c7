#include "ApiAuth.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "VendorAccounts.h"

namespace {
DomainError unauthorized(const QString &code, const QString &message)
{
    return DomainError(DomainError::Kind::Unauthorized, code, message);
}
} // namespace

ApiAuth::ApiAuth(CoreServices &core) : m_core(core) {}

QString ApiAuth::apiKeyOf(const QHttpServerRequest &request)
{
    const QString key = QString::fromUtf8(request.value("x-api-key")).trimmed();
    if (!key.isEmpty())
        return key;
    const QString authorization = QString::fromUtf8(request.value("authorization")).trimmed();
    static const QString bearer = QStringLiteral("bearer ");
    if (authorization.size() > bearer.size()
        && authorization.startsWith(bearer, Qt::CaseInsensitive))
        return authorization.mid(bearer.size()).trimmed();
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
    const QString token = QString::fromUtf8(request.value("x-admin-token")).trimmed();
    if (token.isEmpty())
        throw unauthorized(QStringLiteral("admin_token_required"),
                           QStringLiteral("The admin token is required (x-admin-token header)"));
    if (!m_core.accounts().checkAdminToken(token))
        throw unauthorized(QStringLiteral("invalid_admin_token"),
                           QStringLiteral("The admin token is not valid"));
}

void ApiAuth::requireLoopbackOrAdmin(const QHttpServerRequest &request) const
{
    if (request.remoteAddress().isLoopback())
        return;
    requireAdmin(request);
}
