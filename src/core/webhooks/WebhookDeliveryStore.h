#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// Every SQL statement of webhook delivery (schema: migration 6, docs/webhooks.md): the
// endpoints with work, an endpoint's window of pending deliveries in id order, the results of
// attempts (written in batches), the vendor's delivery log and
// pruning. Runs on one named connection (the owning thread's).
class WebhookDeliveryStore
{
public:
    struct Target
    {
        qint64 id = 0;
        qint64 vendorId = 0;
        qint64 appUserId = 0; // 0 = every user of the vendor
        QString url;
        qint64 failingSince = 0; // 0 = healthy
    };
    struct Pending
    {
        qint64 id = 0; // the delivery
        qint64 endpointId = 0;
        QString eventId; // webhook-id
        QString type;
        QByteArray body; // exactly the bytes POSTed
        int attempts = 0;
        qint64 nextAttemptAt = 0;
        qint64 eventCreatedAt = 0; // ms: the event → delivered latency starts here
    };
    // The outcome of one attempt.
    struct Result
    {
        qint64 deliveryId = 0;
        QString status; // pending (a retry is due at nextAttemptAt) | succeeded | failed
        int attempts = 0;
        qint64 nextAttemptAt = 0;
        int statusCode = 0; // 0 = no HTTP answer
        qint64 latencyMs = 0;
        QString response; // first 1,024 bytes of the answer
        QString error;    // null when succeeded
        qint64 atMs = 0;
    };
    // A row of the delivery log (GET /webhooks/:id/deliveries).
    struct Entry
    {
        qint64 id = 0;
        qint64 endpointId = 0;
        QString eventId;
        QString eventType;
        QString status;
        int attempts = 0;
        qint64 nextAttemptAt = 0;
        int lastStatusCode = 0;
        qint64 lastLatencyMs = -1;
        QString lastResponse;
        QString lastError;
        qint64 createdAt = 0;
        qint64 updatedAt = 0;
        qint64 deliveredAt = 0;
        QJsonObject toJson() const;
    };

    static constexpr int kResponseBytes = 1024;
    static constexpr int kDefaultLogLimit = 100;
    static constexpr int kMaxLogLimit = 1000;

    explicit WebhookDeliveryStore(QString connectionName);

    // Enabled endpoints that have at least one pending delivery.
    QList<Target> activeTargets() const;
    // Up to `limit` pending deliveries of the endpoint with id > afterId, oldest first.
    QList<Pending> window(qint64 endpointId, qint64 afterId, int limit) const;
    // Writes the results in one transaction.
    void record(const QList<Result> &results);
    // Pending deliveries of enabled endpoints (the /metrics queue depth).
    qint64 queueDepth() const;

    // The vendor's log of one endpoint, newest first: status "" = any, sinceMs 0 = all, limit
    // clamped to 1..kMaxLogLimit. A foreign endpoint simply has no rows here (the API checks
    // the endpoint with WebhookStore::find first).
    QList<Entry> deliveries(qint64 vendorId, qint64 endpointId, const QString &status,
                            qint64 sinceMs, int limit) const;

    // Deletes finished deliveries created before cutoffMs, then events no delivery refers to
    // any more, in batches (short write locks). Pending deliveries are kept: a disabled
    // endpoint resumes from where it stopped. Returns the deliveries deleted.
    qint64 prune(qint64 cutoffMs);

    // The first kResponseBytes bytes as text (invalid UTF-8 replaced).
    static QString responseText(const QByteArray &bytes);

private:
    QString m_connection;
};
