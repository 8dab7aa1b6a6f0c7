#include "webhooks/WebhookDeliveryStore.h"

#include "platform/Clock.h"
#include "storage/SqlSupport.h"

#include <QJsonValue>

namespace {
const QString kPending = QStringLiteral("pending");
const QString kSucceeded = QStringLiteral("succeeded");

QJsonValue nullable(qint64 v, bool isSet)
{
    return isSet ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}
QJsonValue nullableText(const QString &s)
{
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QJsonObject WebhookDeliveryStore::Entry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("endpoint_id"), endpointId},
        {QStringLiteral("event_id"), eventId},
        {QStringLiteral("event_type"), eventType},
        {QStringLiteral("status"), status},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("next_attempt_at"), status == kPending && nextAttemptAt > 0
                                                ? QJsonValue(Clock::toIso(nextAttemptAt))
                                                : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("last_status_code"), nullable(lastStatusCode, lastStatusCode > 0)},
        {QStringLiteral("last_latency_ms"), nullable(lastLatencyMs, lastLatencyMs >= 0)},
        {QStringLiteral("last_response"), nullableText(lastResponse)},
        {QStringLiteral("last_error"), nullableText(lastError)},
        {QStringLiteral("created_at"), Clock::toIso(createdAt)},
        {QStringLiteral("updated_at"), Clock::toIso(updatedAt)},
        {QStringLiteral("delivered_at"),
         deliveredAt > 0 ? QJsonValue(Clock::toIso(deliveredAt)) : QJsonValue(QJsonValue::Null)},
    };
}

WebhookDeliveryStore::WebhookDeliveryStore(QString connectionName)
    : m_connection(std::move(connectionName))
{
}

QString WebhookDeliveryStore::responseText(const QByteArray &bytes)
{
    // Cut at kResponseBytes; a multi-byte character cut in half becomes U+FFFD (lossy).
    return QString::fromUtf8(bytes.left(kResponseBytes));
}

QList<WebhookDeliveryStore::Target> WebhookDeliveryStore::activeTargets() const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("SELECT e.id, e.api_consumer_id, e.app_user_id, e.url, e.failing_since "
                       "FROM webhook_endpoints e WHERE e.enabled = 1 AND EXISTS (SELECT 1 FROM "
                       "webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = ?)"),
        {kPending});
    QList<Target> out;
    while (q.next()) {
        Target t;
        t.id = q.value(0).toLongLong();
        t.vendorId = q.value(1).toLongLong();
        t.appUserId = q.value(2).toLongLong();
        t.url = q.value(3).toString();
        t.failingSince = q.value(4).toLongLong();
        out << t;
    }
    return out;
}

QList<WebhookDeliveryStore::Pending> WebhookDeliveryStore::window(qint64 endpointId, qint64 afterId,
                                                                  int limit) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("SELECT d.id, d.event_id, ev.type, ev.body, d.attempts, d.next_attempt_at, "
                       "ev.created_at FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = "
                       "d.event_id WHERE d.endpoint_id = ? AND d.status = ? AND d.id > ? "
                       "ORDER BY d.id LIMIT ?"),
        {endpointId, kPending, afterId, limit});
    QList<Pending> out;
    while (q.next()) {
        Pending p;
        p.id = q.value(0).toLongLong();
        p.endpointId = endpointId;
        p.eventId = q.value(1).toString();
        p.type = q.value(2).toString();
        p.body = q.value(3).toString().toUtf8();
        p.attempts = q.value(4).toInt();
        p.nextAttemptAt = q.value(5).toLongLong();
        p.eventCreatedAt = q.value(6).toLongLong();
        out << p;
    }
    return out;
}

void WebhookDeliveryStore::record(const QList<Result> &results)
{
    if (results.isEmpty())
        return;
    const QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery up = SqlSupport::prepare(
        db, QStringLiteral("UPDATE webhook_deliveries SET status = ?, attempts = ?, "
                           "next_attempt_at = ?, last_status_code = ?, last_latency_ms = ?, "
                           "last_response = ?, last_error = ?, updated_at = ?, delivered_at = "
                           "CASE WHEN ? = 'succeeded' THEN ? ELSE delivered_at END WHERE id = ?"));
    for (const Result &r : results) {
        SqlSupport::bind(up, {r.status, r.attempts, r.nextAttemptAt,
                              SqlSupport::nullableInt(r.statusCode), r.latencyMs,
                              SqlSupport::text(r.response), SqlSupport::text(r.error), r.atMs,
                              r.status, r.atMs, r.deliveryId});
        SqlSupport::exec(up);
    }
    tx.commit();
}

qint64 WebhookDeliveryStore::queueDepth() const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("SELECT COUNT(*) FROM webhook_endpoints e JOIN webhook_deliveries d "
                       "ON d.endpoint_id = e.id AND d.status = ? WHERE e.enabled = 1"),
        {kPending});
    return q.next() ? q.value(0).toLongLong() : 0;
}

QList<WebhookDeliveryStore::Entry> WebhookDeliveryStore::deliveries(qint64 vendorId,
                                                                    qint64 endpointId,
                                                                    const QString &status,
                                                                    qint64 sinceMs, int limit) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QString sql = QStringLiteral(
        "SELECT d.id, d.event_id, ev.type, d.status, d.attempts, d.next_attempt_at, "
        "d.last_status_code, d.last_latency_ms, d.last_response, d.last_error, d.created_at, "
        "d.updated_at, d.delivered_at FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = "
        "d.event_id WHERE d.api_consumer_id = ? AND d.endpoint_id = ?");
    QVariantList values{vendorId, endpointId};
    if (!status.isEmpty()) {
        sql += QStringLiteral(" AND d.status = ?");
        values << status;
    }
    if (sinceMs > 0) {
        sql += QStringLiteral(" AND d.created_at >= ?");
        values << sinceMs;
    }
    sql += QStringLiteral(" ORDER BY d.id DESC LIMIT ?");
    values << qBound(1, limit <= 0 ? kDefaultLogLimit : limit, kMaxLogLimit);
    QSqlQuery q = SqlSupport::run(db, sql, values);
    QList<Entry> out;
    while (q.next()) {
        Entry e;
        e.id = q.value(0).toLongLong();
        e.endpointId = endpointId;
        e.eventId = q.value(1).toString();
        e.eventType = q.value(2).toString();
        e.status = q.value(3).toString();
        e.attempts = q.value(4).toInt();
        e.nextAttemptAt = q.value(5).toLongLong();
        e.lastStatusCode = q.value(6).toInt();
        e.lastLatencyMs = q.value(7).isNull() ? -1 : q.value(7).toLongLong();
        e.lastResponse = SqlSupport::text(q, 8);
        e.lastError = SqlSupport::text(q, 9);
        e.createdAt = q.value(10).toLongLong();
        e.updatedAt = q.value(11).toLongLong();
        e.deliveredAt = q.value(12).toLongLong();
        out << e;
    }
    return out;
}

qint64 WebhookDeliveryStore::prune(qint64 cutoffMs)
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    constexpr int kBatch = 5000;
    qint64 deleted = 0;
    for (;;) {
        SqlSupport::Transaction tx(db);
        QSqlQuery q = SqlSupport::run(
            db,
            QStringLiteral("DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM "
                           "webhook_deliveries WHERE created_at < ? AND status != ? LIMIT ?)"),
            {cutoffMs, kPending, kBatch});
        const int n = q.numRowsAffected();
        tx.commit();
        deleted += n;
        if (n < kBatch)
            break;
    }
    // An event stays while any delivery refers to it (a pending one, or a recent replay).
    for (;;) {
        SqlSupport::Transaction tx(db);
        QSqlQuery q = SqlSupport::run(
            db,
            QStringLiteral("DELETE FROM webhook_events WHERE id IN (SELECT id FROM webhook_events "
                           "WHERE created_at < ? AND id NOT IN (SELECT event_id FROM "
                           "webhook_deliveries) LIMIT ?)"),
            {cutoffMs, kBatch});
        const int n = q.numRowsAffected();
        tx.commit();
        if (n < kBatch)
            break;
    }
    return deleted;
}
