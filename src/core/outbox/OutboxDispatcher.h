#pragma once

#include "Entities.h"
#include "outbox/AckBatcher.h"
#include "outbox/BatchMediaCleaner.h"
#include "outbox/MediaBudget.h"
#include "outbox/MessageSender.h"
#include "outbox/OutboxQueue.h"
#include "outbox/OutboxReconciler.h"
#include "outbox/RegistrationCache.h"
#include "outbox/RetryPolicy.h"
#include "outbox/SendPacer.h"
#include "outbox/SendWindowPolicy.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <functional>
#include <limits>
#include <memory>
#include <utility>

class CoreServices;
#include "messaging/MediaFetcher.h"
class VoiceConverter;

// Moves the outbox on: takes due `pending` rows per ready number, honours pacing, claims them
// (`sending` + a WhatsApp id generated before the send), sends through MessageSender and
// records the acks, publishing a message_status event for every status change.
// See docs/pipeline.md for the rules (statuses, retries, pacing, crash safety, media).
//
// The coordinator: it keeps the lanes (one per number), the users' fetched rows and the steps
// of one send; each rule it applies has a home of its own, which it calls:
//   SendPacer (delays, typing, daily cap, sends in flight), RetryPolicy (backoff, attempts),
//   RegistrationCache (is the recipient on WhatsApp), MediaFetcher + MediaBudget (files and
//   the bytes in flight) + BatchMediaCleaner (a done batch's file), OutboxReconciler (rows
//   left `sending`), AckBatcher (acks written in batches), OutboxQueue (every SQL statement).
//
// Runs on the thread that owns it (the sender calls back there), on CoreServices' connection.
//   - One send in flight per paced number (real numbers); an unpaced number (sandbox, or
//     pacing off) keeps a window of sends in flight so WhatsApp's round trip (~50 ms in the
//     simulator, more in reality) does not cap it at 20/s — never two to one recipient at once,
//     so a recipient's messages keep their order. Rows without from_number_id go to whichever
//     ready number of the user has room, so a user's numbers share the work.
//   - Pacing per number (Settings: delays, typing, daily cap) for real numbers; none for
//     sandbox numbers unless the `pacing_sandbox` setting asks.
//   - Before a send: the registration check (cached per number + recipient), the media
//     download (once per batch, MediaFetcher).
//   - Transient failures retry with exponential backoff + jitter up to maxSendAttempts.
//   - Crash safety: rows found in `sending` are reconciled with the session by their stored
//     WhatsApp id (MessageSender::hasMessage) before that number sends anything else.
class OutboxDispatcher : public QObject
{
    Q_OBJECT
public:
    OutboxDispatcher(CoreServices &core, MessageSender &sender, QObject *parent = nullptr);
    ~OutboxDispatcher() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // New rows were committed: look now instead of at the next poll (optional; polling finds
    // them within pollIntervalMs anyway).
    void wake();

    // Tuning for tests and benchmarks.
    void setPollIntervalMs(int ms);
    void setAckFlushIntervalMs(int ms) { m_acks.setFlushIntervalMs(ms); }
    // Sends in flight per unpaced number (default kUnpacedWindow); 1 gives strict one-by-one.
    void setUnpacedWindow(int n) { m_pacer.setUnpacedWindow(n); }
    static constexpr int kUnpacedWindow = SendPacer::kUnpacedWindow;
    MediaFetcher &media() { return *m_media; }
    // Media bytes handed to sessions at once, across all numbers (default 256 MiB): a send
    // that would pass the cap waits, still pending, until earlier sends release theirs; a
    // single file over the cap goes alone.
    void setMediaBytesInFlightCap(qint64 bytes) { m_mediaBudget.setCap(bytes); }
    static constexpr qint64 kMediaBytesInFlight = MediaBudget::kDefaultCap;
    qint64 mediaBytesInFlight() const { return m_mediaBudget.bytesInFlight(); }

    // Counters since start (benchmarks, diagnostics).
    struct Stats
    {
        qint64 sends = 0;      // send calls made
        qint64 sentOk = 0;     // Outcome::Ok
        qint64 transient = 0;  // transient failures (check or send)
        qint64 reconciled = 0; // sending rows checked with hasMessage
        qint64 registrationChecks = 0;
        qint64 scheduleLookups = 0; // reads of the earliest send_at (not one per poll)
        qint64 promoted = 0;        // scheduled messages moved to pending at their send_at
    };
    Stats stats() const;

Q_SIGNALS:
    // A message reached a status (after the database write); mirrors the event bus payloads
    // for in-process listeners that do not want JSON.
    void statusChanged(qint64 vendorId, qint64 messageId, const QString &status);

private:
    struct Lane
    {
        qint64 numberId = 0;
        qint64 vendorId = 0;
        qint64 userId = 0;
        bool sandbox = false;
        qint64 createdAt = 0; // the warm-up's day 1
        bool ready = false;
        int inFlight = 0;       // sends under way (1 at most while paced)
        bool dry = false;       // a fetch for rows aimed at this number found none
        quint64 generation = 0; // bumps when readiness drops: stale callbacks are ignored
        qint64 nextSendAt = 0;  // pacing: earliest start of the next send
        qint64 dayStart = -1;   // daily cap bookkeeping (UTC day)
        int dayCount = 0;
        bool timerArmed = false;
    };
    struct UserQueue
    {
        QList<Message> rows;              // fetched, not claimed yet, oldest first
        QSet<qint64> reserved;            // ids in rows + in flight
        QSet<QString> recipientsInFlight; // never two at once to one recipient (order)
        bool dry = false;                 // the last fetch found nothing: wait for a wake
        // The user's subscription, looked up at most once per kSubscriptionRecheckMs while
        // rows are taken: an operator may end it early (PATCH ends_at), or it runs out.
        bool subscribed = false;
        qint64 subscriptionCheckedAt = -1;
        quint64 subscriptionChanges = 0; // SubscriptionStore::changeCount() when checked
    };
    // How often a user's subscription is looked up again while its rows are taken or held.
    static constexpr qint64 kSubscriptionRecheckMs = 1000;

    SendPacer::Pacing pacingFor(const Lane &lane) const { return m_pacer.pacingFor(lane.sandbox); }
    OutboxQueue::UserKey keyOf(const Lane &lane) const { return {lane.vendorId, lane.userId}; }

    bool userSubscribed(UserQueue &uq, const Lane &lane, qint64 now);
    void loadLanes();
    Lane *laneFor(qint64 numberId);
    void onReadinessChanged(qint64 numberId, bool ready);
    void onAckChanged(qint64 numberId, const QString &waMessageId, int ack);
    void onNumberRemoved(qint64 vendorId, qint64 numberId);

    void schedulePump(qint64 numberId);
    void schedulePumpUser(const OutboxQueue::UserKey &key);
    void runPumps();
    void pumpLane(Lane &lane);
    bool takeRow(Lane &lane, Message *out);
    // A row SendWindowPolicy held back (quiet hours, daily limit): true if the lane may take
    // another row.
    bool holdForSendWindow(Lane &lane, const Message &m, const SendWindowPolicy::Verdict &v);
    void wakeUser(const OutboxQueue::UserKey &key);
    void armLaneTimer(Lane &lane, qint64 atMs);

    // The steps of one send; `gen` guards against a lane that lost its session meanwhile.
    void stepRegistration(qint64 numberId, quint64 gen, Message m);
    void stepMedia(qint64 numberId, quint64 gen, Message m);
    void stepMediaFetched(qint64 numberId, quint64 gen, const Message &m,
                          const MediaFetcher::Result &r);
    void stepMediaGranted(qint64 numberId, quint64 gen, const Message &m,
                          const MessageSender::Media &media);
    void stepClaim(qint64 numberId, quint64 gen, Message m, const MessageSender::Media &media);
    void stepSend(qint64 numberId, quint64 gen, Message m, const MessageSender::Media &media);
    void onSendDone(qint64 numberId, Message m, const MessageSender::Outcome &o);
    void finishStep(qint64 numberId, const Message &m);
    void abandonStep(qint64 numberId, const Message &m);
    void endFlight(Lane &lane, const Message &m);
    int windowFor(const Lane &lane) const;
    void releaseRow(const Message &m, bool requeue);
    void transientFailure(Message m, const QString &error, bool claimed);
    void failMessage(const Message &m, const QString &error);

    OutboxReconciler::Hooks reconcilerHooks();
    void pollTick();
    // Scheduled batches (send_at): the earliest one is kept in memory and read again only when
    // rows were added or some were promoted, so the 100 ms poll costs no query while nothing
    // is due; at its time the due rows become pending and their users are woken.
    void refreshScheduled();
    void promoteScheduled(qint64 now);
    // A paused batch's rows already fetched are dropped (the claim would refuse them anyway).
    void dropBatchRows(qint64 vendorId, qint64 userId, const QString &batchId);
    void expireTick();
    void publish(const Message &m, qint64 atMs);

    CoreServices &m_core;
    MessageSender &m_sender;
    std::unique_ptr<OutboxQueue> m_queue;
    MediaFetcher *m_media = nullptr;
    VoiceConverter *m_voice = nullptr; // voice notes to OGG/Opus (type voice)
    bool m_running = false;

    QHash<qint64, Lane> m_lanes;
    QHash<OutboxQueue::UserKey, UserQueue> m_users;
    // Users whose rows were held back for want of an active subscription (their rows expire
    // with "subscription_inactive"); a user leaves the set when its subscription is active again.
    QSet<OutboxQueue::UserKey> m_subscriptionHeld;
    QHash<OutboxQueue::UserKey, qint64> m_retryAt;
    SendPacer m_pacer;
    RetryPolicy m_retry;
    RegistrationCache m_registrations;
    MediaBudget m_mediaBudget;
    BatchMediaCleaner m_mediaCleaner;
    OutboxReconciler m_reconciler;
    AckBatcher m_acks;

    QTimer m_pollTimer;
    QTimer m_pumpTimer;
    QSet<qint64> m_pumpSet;
    qint64 m_lastMaxId = 0;
    qint64 m_nextExpiryAt = 0;
    static constexpr qint64 kNoneScheduled = std::numeric_limits<qint64>::max();
    qint64 m_nextScheduledAt = kNoneScheduled;
    Stats m_stats;
};
