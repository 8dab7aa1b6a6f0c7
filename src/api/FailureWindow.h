#pragma once

#include <QHash>
#include <QList>
#include <QString>

// "N failures within a window ban the key for a while", kept per key (an address, an address
// and an email…): the one home of that rule for failed logins (LoginThrottle) and wrong admin
// tokens (ApiAuth). Times are epoch milliseconds passed in by the caller (Clock::nowMs(), which
// tests shift). A key can also hold places for attempts still being checked, which count as
// failures until released, so a burst sent at once cannot exceed the limit. Memory is bounded:
// past kPruneAbove keys, those with nothing left to remember are dropped.
class FailureWindow
{
public:
    struct Policy
    {
        int limit = 5;       // failures within the window that ban
        qint64 windowMs = 0; // how long a failure is remembered
        qint64 banMs = 0;    // how long a ban lasts
    };
    static constexpr int kPruneAbove = 4096;

    // Milliseconds until the key's ban ends; 0 when it is not banned.
    qint64 banRemaining(const QString &key, qint64 now) const;
    // Failures still inside the window plus places held.
    int countInWindow(const QString &key, const Policy &policy, qint64 now);
    // A failure; true when it bans the key now (its failures are then forgotten).
    bool fail(const QString &key, const Policy &policy, qint64 now);

    void hold(const QString &key);
    void release(const QString &key);

    // Forget failures and bans; places held stay (their release is still to come).
    void reset();
    // Drops keys with no ban, no failure inside the window and no place held, once there are
    // more than kPruneAbove.
    void prune(qint64 windowMs, qint64 now);

    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        QList<qint64> failures; // inside the window, oldest first
        qint64 bannedUntil = 0;
        int held = 0;
    };
    static void expire(Entry &entry, qint64 windowMs, qint64 now);

    QHash<QString, Entry> m_entries;
};
