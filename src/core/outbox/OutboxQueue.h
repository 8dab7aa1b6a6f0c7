#pragma once

#include "Entities.h"
#include "messaging/MediaTypes.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <functional>
#include <optional>

class WebhookOutbox;
class QSqlDatabase;

// The dispatcher's side of the outbox: the SQL that moves sent_messages rows on once
// POST /messages has committed them as `pending` (MessageStore owns the vendor-facing reads and
// the insert). Same conventions as the stores: portable SQL, times in epoch ms, every method
// that acts for a known vendor takes its id; the unscoped ones serve the dispatcher across all
// vendors and say so.
//
// Status only moves forward (MessageStatus::rank). The two sanctioned steps back are
// reschedule()/returnToPending(): a row whose send failed transiently, or whose send a crash
// interrupted before it reached WhatsApp, goes back to `pending`.
class OutboxQueue
{
public:
    // webhooks: every status change below stages its message_status event (and a finished
    // batch its batch_completed) in the transaction that makes it (null: none).
    explicit OutboxQueue(QString connectionName, WebhookOutbox *webhooks = nullptr);

    struct UserKey
    {
        qint64 vendorId = 0;
        qint64 userId = 0;
        bool operator==(const UserKey &o) const { return vendorId == o.vendorId && userId == o.userId; }
    };

    // --- finding work (unscoped: the dispatcher serves every vendor) ---
    qint64 maxMessageId() const;
    // Users with pending rows whose id is above `afterId` (new batches since the last look).
    QList<UserKey> usersWithPendingAfter(qint64 afterId) const;
    // Its SELECT (binds: afterId, status), for the test that checks its query plan.
    static QString pendingAfterSql();
    // Per user with pending rows: the earliest next_attempt_at (start-up and retry wake-ups).
    QHash<UserKey, qint64> earliestAttemptPerUser() const;
    // The user's earliest next_attempt_at after nowMs among pending rows (0: none).
    qint64 nextAttemptAfter(const UserKey &user, qint64 nowMs) const;

    // The number a row must be sent from, 0 when any ready number of the user may take it:
    // the one it asked for (from_number_id), else the one that already tried it and has not
    // reconciled that attempt (number_id with a wa_message_id still set). After a transient
    // failure WhatsApp may hold the first attempt after all; only that number's session can
    // tell (MessageSender::hasMessage), so the row may not move to another number meanwhile
    // or it could be delivered twice. returnToPending() (the number confirmed it never got
    // the message) clears wa_message_id and frees the row.
    static qint64 pinnedNumber(const Message &m);

    // Due pending rows of one user, oldest first, that one of `numberIds` may send: rows that
    // asked for one of them (from_number_id), plus, when `includeUnassigned`, rows that let the
    // dispatcher choose, except those pinned to a number not in `numberIds` (pinnedNumber).
    // Not yet expired, not of a paused batch.
    QList<Message> duePending(qint64 vendorId, qint64 userId, const QList<qint64> &numberIds,
                              bool includeUnassigned, qint64 nowMs, int limit) const;

    // --- scheduled batches (send_at) ---
    // The earliest send_at of any scheduled row, all vendors (the dispatcher's next wake for
    // them); nullopt when none waits. One read of idx_messages_scheduled.
    std::optional<qint64> earliestScheduled() const;
    struct Promoted
    {
        UserKey user;
        QString batchId;
        int count = 0;
    };
    // Scheduled rows whose send_at has come (next_attempt_at <= nowMs) → pending, due now, in
    // one transaction with their message_status webhook events. Never a row early: the
    // condition is in the UPDATE. Returns each batch moved (unscoped: the dispatcher's).
    QList<Promoted> promoteDue(qint64 nowMs);

    // The condition that keeps a paused batch's rows from being taken (batches.paused_at),
    // shared by duePending and claim (a row fetched before the pause is not claimed after).
    static QString notPausedSql();

    // --- one message ---
    std::optional<Message> find(qint64 vendorId, qint64 messageId) const;
    // pending → sending, storing the number and the WhatsApp id generated before the send in
    // the same statement, attempts + 1. False if the row is no longer pending, not due,
    // expired, or its batch is paused (cancelled or paused meanwhile, ...).
    bool claim(qint64 vendorId, qint64 messageId, qint64 numberId, const QString &waMessageId,
               qint64 nowMs);
    // Runs inside the transaction of every successful claim (the warm-up's daily count,
    // SendWindowPolicy::countClaim): what it writes commits or rolls back with the claim.
    using ClaimHook = std::function<void(const QSqlDatabase &, qint64 numberId, qint64 nowMs)>;
    void setClaimHook(ClaimHook hook) { m_claimHook = std::move(hook); }
    // pending → pending due at `until` (quiet hours, the daily limit): attempts and error
    // unchanged, no event (the status did not change). False if the row is no longer pending.
    bool holdUntil(qint64 vendorId, qint64 messageId, qint64 until, qint64 nowMs);
    // sending (or pending, for a failed pre-send check) → pending, due at nextAttemptAt,
    // keeping the error. For pending rows attempts + 1 (the try counted without a claim).
    bool reschedule(qint64 vendorId, qint64 messageId, qint64 nextAttemptAt,
                    const QString &error, qint64 nowMs);
    // sending → pending, due now, attempts unchanged, wa_message_id cleared: reconciliation
    // found the message was never handed to WhatsApp, so any number may send it now.
    bool returnToPending(qint64 vendorId, qint64 messageId, qint64 nowMs);
    // pending|sending → failed with the reason. Returns the row as it now is, if it changed.
    std::optional<Message> fail(qint64 vendorId, qint64 messageId, const QString &error,
                                qint64 nowMs);
    // Every pending row of a batch → failed (media of the batch cannot be sent).
    QList<Message> failPendingOfBatch(qint64 vendorId, const QString &batchId,
                                      const QString &error, qint64 nowMs);
    // Whether any row of the batch is still scheduled, pending or sending (its media file is
    // in use).
    bool batchHasOpenRows(qint64 vendorId, const QString &batchId);
    // The batch's file_url ("" for a text batch or an unknown one).
    QString batchMediaUrl(qint64 vendorId, const QString &batchId);
    // The batch's media rows take the message_type of the kind its download decided. They were
    // queued with MediaTypes::kindBeforeDownload(mediaUrl): when the download agrees (the usual
    // case) nothing is written or read; otherwise one UPDATE rewrites the batch's rows, once
    // per batch (as failing a batch does). Unscoped: MediaFetcher knows batches, not vendors;
    // a batch id is a random UUID, one vendor's.
    void storeDecidedMediaKind(const QString &batchId, const QString &mediaUrl,
                               MediaTypes::Kind kind);

    // --- acknowledgements ---
    struct Ack
    {
        qint64 numberId = 0;
        QString waMessageId;
        int ack = 0; // WhatsApp ack: 1 server → sent, 2 device → delivered, 3/4 → read
        qint64 atMs = 0;
    };
    struct Change
    {
        Message message; // the row after this step (status, timestamps)
        qint64 atMs = 0;
    };
    // Applies acks in order, in one transaction, forward only (an ack that would move a row
    // back or out of a terminal status is ignored). Each step forward is one Change, so
    // 1,2,3 arriving together give sent, delivered and read. The row is written once.
    QList<Change> recordAcks(const QList<Ack> &acks);
    static QString statusForAck(int ack); // "" when the ack moves nothing (-1, 0)

    // Pending rows past expires_at → expired (unscoped sweep). Returns the rows changed.
    // A row of a user in subscriptionHeld (the dispatcher held it back because the user had no
    // active subscription) expires with "subscription_inactive" unless it has an error of its own.
    QList<Message> expireOverdue(qint64 nowMs, int limit,
                                 const QSet<UserKey> &subscriptionHeld = {});
    // Its SELECT (binds: status, now, limit), for the test that checks its query plan.
    static QString expirySql();

    // Rows left in `sending` (a crash or a lost session between claim and ack): all vendors.
    QList<Message> listSendingForReconciliation() const;

    // Messages a number handed to WhatsApp since `sinceMs` (daily cap).
    int sentCountSince(qint64 numberId, qint64 sinceMs) const;

private:
    // The webhook events of rows this transaction moved out of pending/sending.
    void stageEnded(QSqlDatabase &db, const QList<Message> &rows, qint64 atMs);

    QString m_connection;
    WebhookOutbox *m_webhooks = nullptr;
    ClaimHook m_claimHook;
};

inline size_t qHash(const OutboxQueue::UserKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.vendorId, k.userId);
}
