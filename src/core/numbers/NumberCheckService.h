#pragma once

#include "Entities.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <optional>

class CoreServices;
class MessageSender;

// "Check before sending" (docs/api.md "Number check"): whether up to kMaxPhones phones are on
// WhatsApp, as a job that runs in the background and is read back by id (the API's POST answers
// 202 at once; the window follows checkChanged). Each phone is normalised with the region rules
// of POST /messages; an answer standing in NumberCheckStore (checks/cache_days) is used as is;
// the others are asked through the user's ready numbers (MessageSender::isRegistered), one at
// a time per number and spaced like sends (checks/min_delay_ms..max_delay_ms, jittered; off for
// sandbox numbers unless pacing_sandbox, like SendPacer), because mass lookups get numbers
// banned too. Every answer goes to NumberCheckStore (and so to the contacts). Jobs live in
// memory: the answers they gathered survive a restart in the store, the job itself does not.
class NumberCheckService : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxPhones = 1000;
    // Running checks per user at once; finished ones are kept kKeepFinishedMs for reading.
    static constexpr int kMaxRunningPerUser = 10;
    static constexpr qint64 kKeepFinishedMs = 24LL * 3600 * 1000;
    // ...and at most this many per user (the oldest go first): memory stays bounded whatever
    // a client sends in a day.
    static constexpr int kMaxKeptPerUser = 100;

    struct Item
    {
        QString input;       // as given
        QString phone;       // normalised digits; empty when invalid
        QString status;      // pending | yes | no | invalid | error | unchecked
        bool cached = false; // answered from an earlier check or send, not asked now
        qint64 checkedAt = 0;
        QString error; // status error: the page's reason
    };
    struct Check
    {
        QString id;
        qint64 vendorId = 0;
        qint64 appUserId = 0;
        QString status; // running | completed | cancelled | failed
        QString error;  // failed: no_ready_number
        qint64 createdAt = 0;
        qint64 finishedAt = 0;
        int lookups = 0;  // questions asked to WhatsApp for this check
        qint64 etaMs = 0; // running: time the remaining lookups take at the current pace
        QList<Item> items;
        int count(const QString &itemStatus) const;
    };

    NumberCheckService(CoreServices &core, MessageSender &sender, QObject *parent = nullptr);

    // Starts a check (NotFound if the user is not the vendor's). Validation errors:
    // validation_failed (no phones), too_many_phones (over kMaxPhones); Conflict
    // no_ready_number when something must be asked and the user has no ready number,
    // too_many_checks past kMaxRunningPerUser. Answers the check as it stands (completed
    // already when every phone was invalid or cached).
    Check start(qint64 vendorId, qint64 userId, const QStringList &phones);
    std::optional<Check> find(qint64 vendorId, qint64 userId, const QString &id) const;
    // Stops asking (a lookup in flight still records its answer); nullopt if unknown.
    std::optional<Check> cancel(qint64 vendorId, qint64 userId, const QString &id);

    // Asks what is due now and schedules the next round. Runs by itself on a timer; public so
    // tests drive the pacing with Clock's offset instead of waiting.
    void pump();
    int lookupsInFlight() const { return int(m_busy.size()); }

Q_SIGNALS:
    // Progress, an answer, or the end of a check (the window's progress bar).
    void checkChanged(const QString &id);

private:
    struct Job
    {
        Check check;
        QStringList queue;                // unique phones still to ask, in input order
        QHash<QString, QList<int>> items; // phone → item indexes (a phone may repeat)
        int inFlight = 0;
    };

    void answer(Job &job, const QString &phone, const QString &status, bool cached, qint64 at,
                const QString &error);
    bool applyKnown(Job &job, const QString &phone, qint64 now);
    void lookup(Job &job, qint64 numberId, bool sandbox, const QString &phone);
    void finish(Job &job, const QString &status, const QString &error, qint64 now);
    void prune(qint64 now);
    QList<WhatsAppNumber> readyNumbers(qint64 vendorId, qint64 userId) const;
    qint64 nextLookupAt(bool sandbox, qint64 now) const;
    qint64 meanDelayMs(bool sandbox) const;
    void schedule(qint64 atMs);

    CoreServices &m_core;
    MessageSender &m_sender;
    QHash<QString, Job> m_jobs;
    QStringList m_order;            // job ids, oldest first (fair rounds)
    QSet<qint64> m_busy;            // numbers with a lookup in flight
    QHash<qint64, qint64> m_nextAt; // number → earliest next lookup
    QTimer m_timer;
};
