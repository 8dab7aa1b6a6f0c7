#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>

class Settings;

// Brute-force brake for POST /vendors/login only: after loginMaxFailures failed logins from one
// address within loginWindowSeconds, that address gets 429 rate_limited (with Retry-After) on
// login for loginBanSeconds. A success does not wipe the count (otherwise an attacker with an
// account of their own could reset it between guesses). Time comes from Clock, so tests shift it.
class LoginThrottle
{
public:
    explicit LoginThrottle(Settings &settings);

    // Throws DomainError RateLimited (details.retry_after) while the address is banned.
    void check(const QHostAddress &address);
    void recordFailure(const QHostAddress &address);
    void reset(); // operator / tests

private:
    struct Entry
    {
        QList<qint64> failures; // epoch ms, inside the window
        qint64 bannedUntil = 0;
    };
    static QString keyFor(const QHostAddress &address);
    void prune(qint64 now);

    Settings &m_settings;
    QHash<QString, Entry> m_entries;
};
