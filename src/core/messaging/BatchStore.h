#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// The batches table (migration 8): one row per batch POST /messages queued, written by
// MessageStore::insertBatch in the batch's own transaction. What belongs to a batch rather than
// to its messages lives here: the send_at it was queued with and whether it is paused (the
// outbox does not take a paused batch's rows: OutboxQueue::notPausedSql). CampaignService
// applies the rules; this class is its SQL.
class BatchStore
{
public:
    explicit BatchStore(QString connectionName);

    struct Row
    {
        QString batchId;
        qint64 vendorId = 0;
        qint64 userId = 0;
        qint64 sendAt = 0;   // 0: sent as soon as queued
        qint64 pausedAt = 0; // 0: not paused
        qint64 createdAt = 0;
    };

    std::optional<Row> find(qint64 vendorId, const QString &batchId) const;
    // The user's batches, newest first.
    QList<Row> listForUser(qint64 vendorId, qint64 userId, int offset, int limit) const;
    int countForUser(qint64 vendorId, qint64 userId) const;
    // The newest batches of every vendor (the operator's window).
    QList<Row> listRecent(int limit) const;
    // pausedAt > 0 pauses, 0 resumes. False when the batch is not the vendor's.
    bool setPaused(qint64 vendorId, const QString &batchId, qint64 pausedAt);

    // status → count for each batch named (its messages, by the batch index).
    QHash<QString, QHash<QString, int>> countsFor(const QStringList &batchIds) const;
    // What the ETA needs from the batch's first message: the number the batch asked for
    // (from_number_id, 0 when it let the dispatcher choose; the same for every row) and the
    // text shown while typing (the message, or a media message's caption).
    struct Sample
    {
        qint64 fromNumberId = 0;
        QString shown;
    };
    Sample sample(const QString &batchId) const;

private:
    QString m_connection;
};
