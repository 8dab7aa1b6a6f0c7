#include "LoginThrottle.h"

#include "Clock.h"
#include "DomainError.h"
#include "Settings.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLoginThrottle, "wamator.api.throttle")

LoginThrottle::LoginThrottle(Settings &settings) : m_settings(settings) {}

QString LoginThrottle::keyFor(const QHostAddress &address)
{
    // ::ffff:1.2.3.4 and 1.2.3.4 are the same client.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    return address.toString();
}

void LoginThrottle::check(const QHostAddress &address)
{
    const qint64 now = Clock::nowMs();
    const auto it = m_entries.constFind(keyFor(address));
    if (it == m_entries.constEnd() || it->bannedUntil <= now)
        return;
    const qint64 waitSeconds = (it->bannedUntil - now + 999) / 1000;
    throw DomainError(DomainError::Kind::RateLimited, QStringLiteral("rate_limited"),
                      QStringLiteral("Too many failed logins from this address; try again later"),
                      QJsonObject{{QStringLiteral("retry_after"), waitSeconds}});
}

void LoginThrottle::recordFailure(const QHostAddress &address)
{
    const qint64 now = Clock::nowMs();
    const qint64 window = qint64(m_settings.loginWindowSeconds()) * 1000;
    const int maxFailures = qMax(1, m_settings.loginMaxFailures());
    prune(now);
    Entry &e = m_entries[keyFor(address)];
    e.failures.erase(std::remove_if(e.failures.begin(), e.failures.end(),
                                    [&](qint64 t) { return t <= now - window; }),
                     e.failures.end());
    e.failures.append(now);
    if (e.failures.size() >= maxFailures) {
        e.bannedUntil = now + qint64(m_settings.loginBanSeconds()) * 1000;
        e.failures.clear();
        qCWarning(lcLoginThrottle) << "login banned for" << keyFor(address) << "after"
                                   << maxFailures << "failures";
    }
}

void LoginThrottle::reset()
{
    m_entries.clear();
}

void LoginThrottle::prune(qint64 now)
{
    // Bounded memory under a spray of addresses: drop entries with nothing left to remember.
    if (m_entries.size() < 4096)
        return;
    const qint64 window = qint64(m_settings.loginWindowSeconds()) * 1000;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const bool recentFailure = !it->failures.isEmpty() && it->failures.last() > now - window;
        if (it->bannedUntil <= now && !recentFailure)
            it = m_entries.erase(it);
        else
            ++it;
    }
}
