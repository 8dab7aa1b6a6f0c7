#pragma once

#include "FailureWindow.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

class Settings;

// Brakes for the public account routes, all counted per client address within
// login_window_seconds (Settings; time from Clock, so tests shift it):
//
// - Login failures per (address, email): login_max_failures (5) ban that pair from login for
//   login_ban_seconds. Per pair, because on loopback every local client is 127.0.0.1: one
//   process guessing at vendor A must not lock vendor B out.
// - Login failures per address, whatever the email: AddressCeilingFactor × login_max_failures
//   (50) ban the address from login, so spreading guesses over many emails does not help.
// - Registrations per address: MaxRegistrationsPerWindow (10) well-formed POST
//   /vendors/register, taken emails included (so register is no fast email oracle either);
//   the next gets 429 until the oldest leaves the window.
//
// A banned caller gets DomainError RateLimited "rate_limited" with details.retry_after, even
// with the right password. A success does not wipe the failures (otherwise an attacker with
// an account of their own could reset the address count between guesses). Logins are verified
// off the event-loop thread, so a login holds a place from beginLogin() to endLogin(): failures
// plus logins still being verified never exceed a limit, however many are sent at once.
class LoginThrottle
{
public:
    static constexpr int AddressCeilingFactor = 10;
    static constexpr int MaxRegistrationsPerWindow = 10;

    explicit LoginThrottle(Settings &settings);

    // Throws RateLimited (see above); otherwise holds a place until endLogin().
    void beginLogin(const QHostAddress &address, const QString &email);
    // Releases the place; a failed login (wrong email or password) counts.
    void endLogin(const QHostAddress &address, const QString &email, bool failed);

    // Throws RateLimited when the address has registered too often; otherwise counts this one.
    void countRegistration(const QHostAddress &address);

    void reset(); // operator / tests

    // The key of a client: ::ffff:1.2.3.4 and 1.2.3.4 are one client.
    static QString addressKey(const QHostAddress &address);

private:
    static QString pairKey(const QHostAddress &address, const QString &email);
    FailureWindow::Policy pairPolicy() const;
    FailureWindow::Policy addressPolicy() const;
    qint64 windowMs() const;
    void prune(qint64 now);

    Settings &m_settings;
    FailureWindow m_pairs;
    FailureWindow m_addresses;
    QHash<QString, QList<qint64>> m_registrations;
};
