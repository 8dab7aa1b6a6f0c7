#include "FailureWindow.h"

#include <algorithm>

void FailureWindow::expire(Entry &entry, qint64 windowMs, qint64 now)
{
    const qint64 oldest = now - windowMs;
    entry.failures.erase(std::remove_if(entry.failures.begin(), entry.failures.end(),
                                        [&](qint64 t) { return t <= oldest; }),
                         entry.failures.end());
}

qint64 FailureWindow::banRemaining(const QString &key, qint64 now) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd() || it->bannedUntil <= now)
        return 0;
    return it->bannedUntil - now;
}

int FailureWindow::countInWindow(const QString &key, const Policy &policy, qint64 now)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return 0;
    expire(*it, policy.windowMs, now);
    return int(it->failures.size()) + it->held;
}

bool FailureWindow::fail(const QString &key, const Policy &policy, qint64 now)
{
    Entry &entry = m_entries[key];
    expire(entry, policy.windowMs, now);
    entry.failures.append(now);
    if (entry.failures.size() < qMax(1, policy.limit))
        return false;
    entry.bannedUntil = now + policy.banMs;
    entry.failures.clear();
    return true;
}

void FailureWindow::hold(const QString &key)
{
    ++m_entries[key].held;
}

void FailureWindow::release(const QString &key)
{
    const auto it = m_entries.find(key);
    if (it != m_entries.end())
        it->held = qMax(0, it->held - 1);
}

void FailureWindow::reset()
{
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        it->failures.clear();
        it->bannedUntil = 0;
    }
}

void FailureWindow::prune(qint64 windowMs, qint64 now)
{
    if (m_entries.size() < kPruneAbove)
        return;
    const qint64 oldest = now - windowMs;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const bool recentFailure = !it->failures.isEmpty() && it->failures.last() > oldest;
        if (it->bannedUntil <= now && !recentFailure && it->held == 0)
            it = m_entries.erase(it);
        else
            ++it;
    }
}
