#pragma once

#include "Entities.h"

#include <QHash>
#include <QSqlQuery>
#include <optional>

class WebhookOutbox;

// sent_messages: the outbox *is* this table. A pending row is a queue item.
// Status only moves forward (MessageStatus::rank); the one exception is reschedule(), which
// puts a row whose send failed transiently back to pending for a retry.
class MessageStore
{
public:
    explicit MessageStore(QString connectionName);

    // The sent_messages columns in the order fromRow() reads them; OutboxQueue shares both.
    static const QString &columns();
    static Message fromRow(const QSqlQuery &query);

    // The plan quota checked inside insertBatch's transaction, after the rows are in and the
    // counters updated: under the write lock, so concurrent senders (other connections, other
    // threads) cannot both take the last places. Over the limit the whole batch rolls back
    // and 403 quota_exceeded is thrown (QuotaCounter::require).
    struct QuotaCheck
    {
        qint64 appUserId = 0;
        qint64 periodStart = 0;
        int limit = 0;
        int requested = 0; // what the request asks for (may exceed the rows inserted)
    };

    // One transaction; returns the rows with their ids. All belong to vendorId. The quota
    // counters (QuotaCounter) move in the same transaction: a crash leaves both or neither.
    QList<Message> insertBatch(qint64 vendorId, const QList<Message> &messages,
                               const std::optional<QuotaCheck> &quota = std::nullopt);

    std::optional<Message> find(qint64 vendorId, qint64 messageId) const;
    QList<Message> listBatch(qint64 vendorId, const QString &batchId) const;
    bool batchExists(qint64 vendorId, const QString &batchId) const;
    QHash<QString, int> countsForBatch(qint64 vendorId, const QString &batchId) const;
    // Scheduled or pending → cancelled (paused rows are pending); returns the cancelled rows
    // (for status events).
    // webhooks: their status events and the batch's completion are staged in the same
    // transaction (null: none).
    QList<Message> cancelPending(qint64 vendorId, const QString &batchId,
                                 WebhookOutbox *webhooks = nullptr);

    // Messages counted against the plan's max_messages since `sinceMs` (everything queued
    // except cancelled ones): COUNT(*) over the rows, the reference the counter must equal.
    int countForQuota(qint64 vendorId, qint64 appUserId, qint64 sinceMs) const;
    // The same figure from the quota counter (QuotaCounter::used): no scan of the period.
    int quotaUsed(qint64 vendorId, qint64 appUserId, qint64 sinceMs) const;

    // Operator delivery log (GUI): filters are optional (0 / empty = any).
    struct Filter
    {
        qint64 vendorId = 0;
        qint64 appUserId = 0;
        QString batchId;
        QString status;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };
    QList<Message> listForOperator(const Filter &filter, int offset, int limit) const;
    int countForOperator(const Filter &filter) const;
    // Messages per day per status since `sinceMs` (dashboard): day (epoch ms of 00:00 UTC) →
    // status → count.
    QMap<qint64, QHash<QString, int>> dailyCounts(qint64 sinceMs) const;
    int queueDepth() const; // pending + sending, all vendors

    // --- dispatcher side ---
    // Forward-only transition; sets sent_at/delivered_at/read_at for those statuses.
    // Returns false (and changes nothing) if the row is missing or the move is not forward.
    bool advance(qint64 vendorId, qint64 messageId, const QString &status, qint64 atMs,
                 const QString &errorMessage = {});

private:
    QString m_connection;
};
