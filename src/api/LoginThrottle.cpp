#include "LoginThrottle.h"

#include "Clock.h"
#include "DomainError.h"
#include "Settings.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcLoginThrottle, "wamator.api.throttle")

namespace {

constexpr int kPruneAbove = 4096; // entries per table before forgotten ones are dropped

DomainError rateLimited(qint64 waitMs, const QString &message)
{
    const qint64 waitSeconds = qMax<qint64>(1, (waitMs + 999) / 1000);
    return DomainError(DomainError::Kind::RateLimited, QStringLiteral("rate_limited"), message,
                       QJsonObject{{QStringLiteral("retry_after"), waitSeconds}});
}

} // namespace

LoginThrottle::LoginThrottle(Settings &settings) : m_settings(settings) {}

QString LoginThrottle::addressKey(const QHostAddress &address)
{
    // ::ffff:1.2.3.4 and 1.2.3.4 are the same client.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    return address.toString();
}

QString LoginThrottle::pairKey(const QHostAddress &address, const QString &email)
{
    return addressKey(address) + QLatin1Char('\n') + email.trimmed().toLower();
}

int LoginThrottle::pairLimit() const
{
    return qMax(1, m_settings.loginMaxFailures());
}

int LoginThrottle::addressLimit() const
{
    return pairLimit() * AddressCeilingFactor;
}

qint64 LoginThrottle::windowMs() const
{
    return qint64(m_settings.loginWindowSeconds()) * 1000;
}

void LoginThrottle::expire(Entry &entry, qint64 now) const
{
    const qint64 oldest = now - windowMs();
    entry.failures.erase(std::remove_if(entry.failures.begin(), entry.failures.end(),
                                        [&](qint64 t) { return t <= oldest; }),
                         entry.failures.end());
}

void LoginThrottle::beginLogin(const QHostAddress &address, const QString &email)
{
    const qint64 now = Clock::nowMs();
    prune(now);
    Entry &pair = m_pairs[pairKey(address, email)];
    Entry &addr = m_addresses[addressKey(address)];
    if (pair.bannedUntil > now)
        throw rateLimited(pair.bannedUntil - now,
                          QStringLiteral("Too many failed logins for this email from this "
                                         "address; try again later"));
    if (addr.bannedUntil > now)
        throw rateLimited(addr.bannedUntil - now,
                          QStringLiteral("Too many failed logins from this address; try again "
                                         "later"));
    expire(pair, now);
    expire(addr, now);
    // Logins still being verified may all fail: they count already.
    if (pair.failures.size() + pair.pending >= pairLimit() ||
        addr.failures.size() + addr.pending >= addressLimit())
        throw rateLimited(1000, QStringLiteral("Too many logins in progress from this address; "
                                               "try again in a moment"));
    ++pair.pending;
    ++addr.pending;
}

void LoginThrottle::fail(Entry &entry, int limit, qint64 now, const QString &what)
{
    expire(entry, now);
    entry.failures.append(now);
    if (entry.failures.size() >= limit) {
        entry.bannedUntil = now + qint64(m_settings.loginBanSeconds()) * 1000;
        entry.failures.clear();
        qCWarning(lcLoginThrottle).noquote()
            << "login banned for" << what << "after" << limit << "failures";
    }
}

void LoginThrottle::endLogin(const QHostAddress &address, const QString &email, bool failed)
{
    const qint64 now = Clock::nowMs();
    const QString addrKey = addressKey(address);
    Entry &pair = m_pairs[pairKey(address, email)];
    Entry &addr = m_addresses[addrKey];
    pair.pending = qMax(0, pair.pending - 1);
    addr.pending = qMax(0, addr.pending - 1);
    if (!failed)
        return;
    fail(pair, pairLimit(), now, addrKey + QStringLiteral(" and one email"));
    fail(addr, addressLimit(), now, addrKey);
}

void LoginThrottle::countRegistration(const QHostAddress &address)
{
    const qint64 now = Clock::nowMs();
    prune(now);
    QList<qint64> &times = m_registrations[addressKey(address)];
    const qint64 oldest = now - windowMs();
    times.erase(std::remove_if(times.begin(), times.end(), [&](qint64 t) { return t <= oldest; }),
                times.end());
    if (times.size() >= MaxRegistrationsPerWindow)
        throw rateLimited(times.first() + windowMs() - now,
                          QStringLiteral("Too many registrations from this address; try again "
                                         "later"));
    times.append(now);
}

void LoginThrottle::reset()
{
    // Logins in flight keep their places: their endLogin() is still to come.
    for (auto *table : {&m_pairs, &m_addresses}) {
        for (auto it = table->begin(); it != table->end(); ++it) {
            it->failures.clear();
            it->bannedUntil = 0;
        }
    }
    m_registrations.clear();
}

void LoginThrottle::prune(qint64 now)
{
    // Bounded memory under a spray of addresses or emails: drop what there is nothing left to
    // remember of (never an entry with a login in flight).
    const qint64 oldest = now - windowMs();
    for (auto *table : {&m_pairs, &m_addresses}) {
        if (table->size() < kPruneAbove)
            continue;
        for (auto it = table->begin(); it != table->end();) {
            const bool recentFailure = !it->failures.isEmpty() && it->failures.last() > oldest;
            if (it->bannedUntil <= now && !recentFailure && it->pending == 0)
                it = table->erase(it);
            else
                ++it;
        }
    }
    if (m_registrations.size() >= kPruneAbove) {
        for (auto it = m_registrations.begin(); it != m_registrations.end();) {
            if (it->isEmpty() || it->last() <= oldest)
                it = m_registrations.erase(it);
            else
                ++it;
        }
    }
}
