#pragma once

#include "Entities.h"
#include "MessageSender.h"
#include "OutboxQueue.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>
#include <utility>

class CoreServices;
class MediaFetcher;

// Moves the outbox on: takes due `pending` rows per ready number, honours pacing, claims them
// (`sending` + a WhatsApp id generated before the send), sends through MessageSender and
// records the acks, publishing a message_status event for every status change.
// See docs/pipeline.md for the rules (statuses, retries, pacing, crash safety, media).
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
    void setAckFlushIntervalMs(int ms) { m_flushIntervalMs = ms; }
    // Sends in flight per unpaced number (default kUnpacedWindow); 1 gives strict one-by-one.
    void setUnpacedWindow(int n) { m_unpacedWindow = std::max(1, n); }
    static constexpr int kUnpacedWindow = 64;
    MediaFetcher &media() { return *m_media; }
    // Media bytes handed to sessions at once, across all numbers (default 256 MiB): a send
    // that would pass the cap waits, still pending, until earlier sends release theirs; a
    // single file over the cap goes alone.
    void setMediaBytesInFlightCap(qint64 bytes) { m_mediaCap = std::max<qint64>(1, bytes); }
    static constexpr qint64 kMediaBytesInFlight = 256LL * 1024 * 1024;
    qint64 mediaBytesInFlight() const { return m_mediaInFlight; }

    // Counters since start (benchmarks, diagnostics).
    struct Stats
    {
        qint64 sends = 0;          // send calls made
        qint64 sentOk = 0;         // Outcome::Ok
        qint64 transient = 0;      // transient failures (check or send)
        qint64 reconciled = 0;     // sending rows checked with hasMessage
        qint64 registrationChecks = 0;
    };
    Stats stats() const { return m_stats; }

    static qint64 backoffMs(int attempt, qint64 baseMs); // with jitter

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
        bool ready = false;
        int inFlight = 0; // sends under way (1 at most while paced)
        bool reconciling = false;
        bool dry = false;        // a fetch for rows aimed at this number found none
        quint64 generation = 0;  // bumps when readiness drops: stale callbacks are ignored
        qint64 nextSendAt = 0;   // pacing: earliest start of the next send
        qint64 dayStart = -1;    // daily cap bookkeeping (UTC day)
        int dayCount = 0;
        bool timerArmed = false;
    };
    struct UserQueue
    {
        QList<Message> rows;   // fetched, not claimed yet, oldest first
        QSet<qint64> reserved; // ids in rows + in flight
        QSet<QString> recipientsInFlight; // never two at once to one recipient (order)
        bool dry = false;      // the last fetch found nothing: wait for a wake
        // The user's subscription, looked up at most once per kSubscriptionRecheckMs while
        // rows are taken: an operator may end it early (PATCH ends_at), or it runs out.
        bool subscribed = false;
        qint64 subscriptionCheckedAt = -1;
        quint64 subscriptionChanges = 0; // SubscriptionStore::changeCount() when checked
    };
    // How often a user's subscription is looked up again while its rows are taken or held.
    static constexpr qint64 kSubscriptionRecheckMs = 1000;
    struct Pacing
    {
        bool on = false;
        int minDelayMs = 0;
        int maxDelayMs = 0;
        int typingMsPerChar = 0;
        int typingMaxMs = 0;
        int dailyCap = 0;
    };

    Pacing pacingFor(const Lane &lane) const;
    qint64 retryBaseMs() const;
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
    void wakeUser(const OutboxQueue::UserKey &key);
    void armLaneTimer(Lane &lane, qint64 atMs);

    // The steps of one send; `gen` guards against a lane that lost its session meanwhile.
    void stepRegistration(qint64 numberId, quint64 gen, Message m);
    void stepMedia(qint64 numberId, quint64 gen, Message m);
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

    // The media bytes-in-flight budget: `granted` runs (later) with a lease that gives the
    // bytes back when its last copy goes (the send's completion callback holds one).
    void acquireMedia(qint64 bytes, std::function<void(std::shared_ptr<void>)> granted);
    std::shared_ptr<void> makeMediaLease(qint64 bytes);
    void releaseMedia(qint64 bytes);
    // A media row reached a final status: drop the batch's cached file once no row of the
    // batch is pending or sending any more.
    void scheduleMediaCleanup(const Message &m);
    void runMediaCleanup();

    void reconcileLane(Lane &lane);
    void pollTick();
    void expireTick();
    void queueAck(const OutboxQueue::Ack &ack);
    void flushAcks();
    void publish(const Message &m, qint64 atMs);

    CoreServices &m_core;
    MessageSender &m_sender;
    std::unique_ptr<OutboxQueue> m_queue;
    MediaFetcher *m_media = nullptr;
    bool m_running = false;

    QHash<qint64, Lane> m_lanes;
    QHash<OutboxQueue::UserKey, UserQueue> m_users;
    // Users whose rows were held back for want of an active subscription (their rows expire
    // with "subscription_inactive"); a user leaves the set when its subscription is active again.
    QSet<OutboxQueue::UserKey> m_subscriptionHeld;
    QHash<qint64, QList<Message>> m_reconcile; // numberId → sending rows to check
    QHash<OutboxQueue::UserKey, qint64> m_retryAt;
    struct Registration
    {
        bool registered = false;
        qint64 until = 0;
    };
    QHash<QString, Registration> m_registrations;

    QList<OutboxQueue::Ack> m_acks;
    QTimer m_flushTimer;
    int m_flushIntervalMs = 20;
    int m_unpacedWindow = kUnpacedWindow;
    QTimer m_pollTimer;
    QTimer m_pumpTimer;
    QSet<qint64> m_pumpSet;
    qint64 m_lastMaxId = 0;
    qint64 m_nextExpiryAt = 0;
    Stats m_stats;

    qint64 m_mediaCap = kMediaBytesInFlight;
    qint64 m_mediaInFlight = 0;
    QList<std::pair<qint64, std::function<void(std::shared_ptr<void>)>>> m_mediaWaiters;
    struct BatchFile
    {
        qint64 vendorId = 0;
        QString batchId;
        QString url;
    };
    QHash<QString, BatchFile> m_mediaCleanup; // key: vendor|batch|url
};
