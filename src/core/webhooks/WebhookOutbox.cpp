#include "webhooks/WebhookOutbox.h"

#include "DomainError.h"
#include "EventBus.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"
#include "security/Crypto.h"
#include "storage/SqlSupport.h"
#include "webhooks/WebhookEndpoint.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMetaObject>
#include <QSet>
#include <QTimeZone>

Q_LOGGING_CATEGORY(lcWebhookOutbox, "wamator.webhooks.outbox")

namespace {

const QString kInsertEvent =
    QStringLiteral("INSERT INTO webhook_events (id, api_consumer_id, app_user_id, type, body,"
                   " created_at) VALUES (?, ?, ?, ?, ?, ?)");
const QString kInsertDelivery =
    QStringLiteral("INSERT INTO webhook_deliveries (endpoint_id, event_id, api_consumer_id,"
                   " status, attempts, next_attempt_at, created_at, updated_at)"
                   " VALUES (?, ?, ?, 'pending', 0, 0, ?, ?)");

void insertEvent(const QSqlDatabase &db, const QString &id, qint64 vendorId, qint64 userId,
                 const QString &type, const QByteArray &body, qint64 now)
{
    SqlSupport::run(
        db, kInsertEvent,
        {id, vendorId, SqlSupport::nullableInt(userId), type, QString::fromUtf8(body), now});
}

qint64 insertDelivery(const QSqlDatabase &db, qint64 endpointId, const QString &eventId,
                      qint64 vendorId, qint64 now)
{
    const QSqlQuery q =
        SqlSupport::run(db, kInsertDelivery, {endpointId, eventId, vendorId, now, now});
    return q.lastInsertId().toLongLong();
}

QStringList parseEvents(const QString &json)
{
    QStringList out;
    const QJsonArray a = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

} // namespace

WebhookOutbox::WebhookOutbox(QString connectionName, EventBus *events, QObject *parent)
    : QObject(parent), m_connection(std::move(connectionName)), m_events(events)
{
}

QVector<WebhookOutbox::Listener> WebhookOutbox::listeners(QSqlDatabase &db, qint64 vendorId)
{
    quint64 generation = 0;
    {
        QReadLocker lock(&m_lock);
        const auto it = m_cache.constFind(vendorId);
        if (it != m_cache.constEnd())
            return *it;
        generation = m_generation;
    }
    // Not loaded: read the vendor's enabled endpoints on the caller's connection (inside its
    // transaction: it sees what is committed, and takes no other lock).
    QVector<Listener> loaded;
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT id, app_user_id, events FROM"
                                                 " webhook_endpoints WHERE api_consumer_id = ?"
                                                 " AND enabled = 1 ORDER BY id"),
                                  {vendorId});
    while (q.next())
        loaded.append(Listener{q.value(0).toLongLong(), q.value(1).toLongLong(),
                               parseEvents(q.value(2).toString())});
    QWriteLocker lock(&m_lock);
    // A WebhookStore write that committed while we read may not be in what we read: keep it
    // out of the cache then (the next stage reads again).
    if (generation == m_generation)
        m_cache.insert(vendorId, loaded);
    return loaded;
}

void WebhookOutbox::invalidate(qint64 vendorId)
{
    QWriteLocker lock(&m_lock);
    ++m_generation;
    m_cache.remove(vendorId);
}

QString WebhookOutbox::stage(QSqlDatabase &db, qint64 vendorId, const Event &event)
{
    const QString type = Events::typeName(event);
    if (!WebhookEndpoint::eventTypes().contains(type))
        return {};
    const qint64 userId = Events::userId(event);
    const QVector<Listener> all = listeners(db, vendorId);
    QVector<qint64> targets;
    for (const Listener &l : all) {
        if (l.appUserId != 0 && l.appUserId != userId)
            continue;
        if (l.events.contains(QString(WebhookEndpoint::kAllEvents)) || l.events.contains(type))
            targets.append(l.endpointId);
    }
    if (targets.isEmpty())
        return {};

    const qint64 now = Clock::nowMs();
    const QString id = newEventId();
    insertEvent(db, id, vendorId, userId, type, body(type, now, Events::toJson(event)), now);
    for (qint64 endpointId : targets)
        insertDelivery(db, endpointId, id, vendorId, now);
    notify(vendorId);
    return id;
}

QString WebhookOutbox::openRowSql()
{
    // "+" keeps the planner on the batch index (the status indexes hold every pending row of
    // every batch).
    return QStringLiteral("SELECT 1 FROM sent_messages WHERE batch_id = ?"
                          " AND +status IN ('scheduled', 'pending', 'sending') ORDER BY id DESC"
                          " LIMIT 1");
}

QString WebhookOutbox::batchCountsSql()
{
    // By the batch index, not the vendor's owner index (every message the vendor ever sent).
    return QStringLiteral("SELECT app_user_id, status, COUNT(*) FROM sent_messages"
                          " WHERE batch_id = ? AND +api_consumer_id = ?"
                          " GROUP BY app_user_id, status");
}

bool WebhookOutbox::listens(QSqlDatabase &db, qint64 vendorId, const QString &type)
{
    for (const Listener &l : listeners(db, vendorId))
        if (l.events.contains(QString(WebhookEndpoint::kAllEvents)) || l.events.contains(type))
            return true;
    return false;
}

bool WebhookOutbox::hasEndpoints(qint64 vendorId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    return !listeners(db, vendorId).isEmpty();
}

QString WebhookOutbox::stageNow(qint64 vendorId, const Event &event)
{
    try {
        QSqlDatabase db = SqlSupport::database(m_connection);
        if (!listens(db, vendorId, Events::typeName(event)))
            return {};
        SqlSupport::Transaction tx(db);
        const QString id = stage(db, vendorId, event);
        tx.commit();
        return id;
    } catch (const DomainError &e) {
        qCWarning(lcWebhookOutbox).noquote()
            << "could not store a" << Events::typeName(event) << "webhook event of vendor"
            << vendorId << ":" << e.message();
        return {};
    }
}

void WebhookOutbox::stageStatus(QSqlDatabase &db, const Message &m, qint64 atMs)
{
    stage(db, m.vendorId, MessageStatusEvent::of(m, atMs));
}

void WebhookOutbox::stageStatusOf(QSqlDatabase &db, qint64 vendorId, qint64 messageId, qint64 atMs)
{
    if (!listens(db, vendorId, QString(MessageStatusEvent::kType)))
        return;
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT %1 FROM sent_messages WHERE id = ? AND"
                                                 " api_consumer_id = ?")
                                      .arg(MessageStore::columns()),
                                  {messageId, vendorId});
    if (q.next())
        stageStatus(db, MessageStore::fromRow(q), atMs);
}

QList<BatchCompletedEvent> WebhookOutbox::completeBatches(QSqlDatabase &db,
                                                          const QList<Message> &finished)
{
    QHash<qint64, QStringList> byVendor;
    for (const Message &m : finished)
        if (!m.batchId.isEmpty())
            byVendor[m.vendorId] << m.batchId;
    QList<BatchCompletedEvent> done;
    for (auto it = byVendor.cbegin(); it != byVendor.cend(); ++it)
        done << completeBatches(db, it.key(), it.value());
    return done;
}

QList<BatchCompletedEvent> WebhookOutbox::completeBatches(QSqlDatabase &db, qint64 vendorId,
                                                          const QStringList &batchIds)
{
    QList<BatchCompletedEvent> done;
    QSet<QString> seen;
    for (const QString &batchId : batchIds) {
        if (batchId.isEmpty() || seen.contains(batchId))
            continue;
        seen.insert(batchId);
        // Newest first: messages leave roughly in id order, so while the batch is under way
        // its last rows are still pending and this stops at the first one it reads (the batch
        // index, walked backwards); only the final check reads the whole batch.
        QSqlQuery open = SqlSupport::run(db, openRowSql(), {batchId});
        if (open.next())
            continue;
        const qint64 now = Clock::nowMs();
        // Once per batch, whoever gets here first (SQLite serialises the writers; the row
        // makes a second finishing transaction, or a late status change, a no-op).
        const QSqlQuery mark = SqlSupport::run(
            db,
            QStringLiteral("INSERT OR IGNORE INTO batch_completions (batch_id, api_consumer_id,"
                           " completed_at) VALUES (?, ?, ?)"),
            {batchId, vendorId, now});
        if (mark.numRowsAffected() != 1)
            continue;
        BatchCompletedEvent e;
        e.batchId = batchId;
        e.atMs = now;
        QSqlQuery counts = SqlSupport::run(db, batchCountsSql(), {batchId, vendorId});
        bool any = false;
        while (counts.next()) {
            any = true;
            e.userId = counts.value(0).toLongLong();
            const QString status = counts.value(1).toString();
            const qint64 n = counts.value(2).toLongLong();
            if (status == MessageStatus::Sent)
                e.counts.sent += n;
            else if (status == MessageStatus::Delivered)
                e.counts.delivered += n;
            else if (status == MessageStatus::Read)
                e.counts.read += n;
            else if (status == MessageStatus::Failed)
                e.counts.failed += n;
            else if (status == MessageStatus::Expired)
                e.counts.expired += n;
            else if (status == MessageStatus::Cancelled)
                e.counts.cancelled += n;
        }
        if (!any)
            continue; // another vendor's batch id (or none): nothing of ours completed
        stage(db, vendorId, e);
        publishCompletedLater(vendorId, e);
        done.append(e);
    }
    return done;
}

WebhookOutbox::Staged WebhookOutbox::stageTest(qint64 vendorId, qint64 endpointId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT app_user_id FROM webhook_endpoints"
                                                 " WHERE id = ? AND api_consumer_id = ?"),
                                  {endpointId, vendorId});
    if (!q.next())
        throw DomainError::notFound(QStringLiteral("Webhook"));
    const qint64 userId = q.value(0).toLongLong();
    const qint64 now = Clock::nowMs();
    const QString type = QString(WebhookEndpoint::kTestType);
    const QJsonObject data{{QStringLiteral("event"), type},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("endpoint_id"), endpointId},
                           {QStringLiteral("at"), Clock::toIso(now)}};
    Staged s;
    s.eventId = newEventId();
    insertEvent(db, s.eventId, vendorId, userId, type, body(type, now, data), now);
    s.deliveryId = insertDelivery(db, endpointId, s.eventId, vendorId, now);
    tx.commit();
    notify(vendorId);
    return s;
}

WebhookOutbox::Staged WebhookOutbox::replay(qint64 vendorId, qint64 endpointId, qint64 deliveryId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    // The delivery must be this endpoint's and the endpoint the vendor's; its event must still
    // be stored (the log is pruned after webhooks/retention_days).
    QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("SELECT d.event_id FROM webhook_deliveries d"
                       " JOIN webhook_endpoints e ON e.id = d.endpoint_id"
                       " JOIN webhook_events ev ON ev.id = d.event_id"
                       " WHERE d.id = ? AND d.endpoint_id = ? AND e.api_consumer_id = ?"
                       " AND d.api_consumer_id = ?"),
        {deliveryId, endpointId, vendorId, vendorId});
    if (!q.next())
        throw DomainError::notFound(QStringLiteral("Delivery"));
    Staged s;
    s.eventId = q.value(0).toString();
    s.deliveryId = insertDelivery(db, endpointId, s.eventId, vendorId, Clock::nowMs());
    tx.commit();
    notify(vendorId);
    return s;
}

QString WebhookOutbox::newEventId()
{
    static const char kAlphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString id = QStringLiteral("msg_");
    id.reserve(4 + 27);
    while (id.size() < 4 + 27) {
        const QByteArray bytes = Crypto::randomBytes(32);
        for (char c : bytes) {
            const quint8 b = quint8(c);
            if (b >= 62 * 4) // rejection sampling keeps every character equally likely
                continue;
            id.append(QLatin1Char(kAlphabet[b % 62]));
            if (id.size() == 4 + 27)
                break;
        }
    }
    return id;
}

QByteArray WebhookOutbox::body(const QString &type, qint64 atMs, const QJsonObject &data)
{
    // Written by hand to keep the specification's key order (type, timestamp, data); the type
    // is one of ours (plain ASCII, nothing to escape).
    const QString timestamp =
        QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    QByteArray out;
    out.reserve(64 + 256);
    out += "{\"type\":\"";
    out += type.toUtf8();
    out += "\",\"timestamp\":\"";
    out += timestamp.toUtf8();
    out += "\",\"data\":";
    out += QJsonDocument(data).toJson(QJsonDocument::Compact);
    out += '}';
    return out;
}

void WebhookOutbox::publishCompletedLater(qint64 vendorId, const BatchCompletedEvent &event)
{
    if (!m_events)
        return;
    // After the caller's commit: queued to this object's thread, where the producers run (the
    // dispatcher, the API, the window), so it runs once the producer's call has returned. The
    // row is looked for first: a transaction that rolled back after this call announced
    // nothing that happened.
    QMetaObject::invokeMethod(
        this,
        [this, vendorId, event] {
            try {
                QSqlDatabase db = SqlSupport::database(m_connection);
                QSqlQuery q = SqlSupport::run(
                    db,
                    QStringLiteral("SELECT 1 FROM batch_completions WHERE batch_id = ? AND"
                                   " api_consumer_id = ?"),
                    {event.batchId, vendorId});
                if (!q.next())
                    return;
            } catch (const DomainError &) {
                return; // the database is gone (shutting down): nothing to announce
            }
            m_events->publish(vendorId, event);
        },
        Qt::QueuedConnection);
}

void WebhookOutbox::notify(qint64 vendorId)
{
    QMetaObject::invokeMethod(
        this, [this, vendorId] { Q_EMIT staged(vendorId); }, Qt::QueuedConnection);
}
