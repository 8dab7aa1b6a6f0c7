#pragma once

#include "FailureWindow.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QList>
#include <QString>
#include <optional>

class CoreServices;

// Who is calling. Vendor: `x-api-key: <key>` or `Authorization: Bearer <key>`; admin:
// `x-admin-token`; /metrics: a loopback peer or the admin token. Failures throw DomainError
// Unauthorized with the codes of api.md, so they leave through ApiErrorMapper like any other.
// Wrong admin tokens are counted per address like failed logins (login_max_failures within
// login_window_seconds): then that address gets 429 rate_limited on admin routes for
// login_ban_seconds, even with the right token, so the token cannot be guessed at speed.
class ApiAuth
{
public:
    // Holds the core, not its accounts: the server may be built before CoreServices::open().
    explicit ApiAuth(CoreServices &core);

    qint64 requireVendor(const QHttpServerRequest &request) const;
    void requireAdmin(const QHttpServerRequest &request) const;
    void requireLoopbackOrAdmin(const QHttpServerRequest &request) const;

    // For the WebSocket handshake: the vendor of a key, if valid.
    std::optional<qint64> vendorForKey(const QString &apiKey) const;
    // The key a request carries (x-api-key wins over Bearer); empty when none.
    static QString apiKeyOf(const QHttpServerRequest &request);
    // The same rule from the two header values (the WebSocket handshake has no
    // QHttpServerRequest).
    static QString apiKeyFromHeaders(const QByteArray &xApiKey, const QByteArray &authorization);

private:
    FailureWindow::Policy adminPolicy() const;
    void checkAdminBan(const QString &address) const;
    void recordAdminFailure(const QString &address) const;

    CoreServices &m_core;
    mutable FailureWindow m_adminFailures; // per address
};
