#include "LoginThrottle.h"

#include "DomainError.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcLoginThrottle, "wamator.api.throttle")

namespace {

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

qint64 LoginThrottle::windowMs() const
{
    return qint64(m_settings.loginWindowSeconds()) * 1000;
}

FailureWindow::Policy LoginThrottle::pairPolicy() const
{
    return {qMax(1, m_settings.loginMaxFailures()), windowMs(),
            qint64(m_settings.loginBanSeconds()) * 1000};
}

FailureWindow::Policy LoginThrottle::addressPolicy() const
{
    FailureWindow::Policy p = pairPolicy();
    p.limit *= AddressCeilingFactor;
    return p;
}

void LoginThrottle::beginLogin(const QHostAddress &address, const QString &email)
{
    const qint64 now = Clock::nowMs();
    prune(now);
    const QString pair = pairKey(address, email);
    const QString addr = addressKey(address);
    if (const qint64 wait = m_pairs.banRemaining(pair, now))
        throw rateLimited(wait, QStringLiteral("Too many failed logins for this email from this "
                                               "address; try again later"));
    if (const qint64 wait = m_addresses.banRemaining(addr, now))
        throw rateLimited(wait, QStringLiteral("Too many failed logins from this address; try "
                                               "again later"));
    // Logins still being verified may all fail: they count already.
    const FailureWindow::Policy pp = pairPolicy();
    const FailureWindow::Policy ap = addressPolicy();
    if (m_pairs.countInWindow(pair, pp, now) >= pp.limit ||
        m_addresses.countInWindow(addr, ap, now) >= ap.limit)
        throw rateLimited(1000, QStringLiteral("Too many logins in progress from this address; "
                                               "try again in a moment"));
    m_pairs.hold(pair);
    m_addresses.hold(addr);
}

void LoginThrottle::endLogin(const QHostAddress &address, const QString &email, bool failed)
{
    const qint64 now = Clock::nowMs();
    const QString pair = pairKey(address, email);
    const QString addr = addressKey(address);
    m_pairs.release(pair);
    m_addresses.release(addr);
    if (!failed)
        return;
    if (m_pairs.fail(pair, pairPolicy(), now))
        qCWarning(lcLoginThrottle).noquote() << "login banned for" << addr << "and one email after"
                                             << pairPolicy().limit << "failures";
    if (m_addresses.fail(addr, addressPolicy(), now))
        qCWarning(lcLoginThrottle).noquote()
            << "login banned for" << addr << "after" << addressPolicy().limit << "failures";
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
    m_pairs.reset();
    m_addresses.reset();
    m_registrations.clear();
}

void LoginThrottle::prune(qint64 now)
{
    // Bounded memory under a spray of addresses or emails.
    m_pairs.prune(windowMs(), now);
    m_addresses.prune(windowMs(), now);
    if (m_registrations.size() >= FailureWindow::kPruneAbove) {
        const qint64 oldest = now - windowMs();
        for (auto it = m_registrations.begin(); it != m_registrations.end();) {
            if (it->isEmpty() || it->last() <= oldest)
                it = m_registrations.erase(it);
            else
                ++it;
        }
    }
}
