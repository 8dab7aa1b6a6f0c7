#include "messaging/BatchStore.h"

#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

namespace {

const QString kColumns =
    QStringLiteral("batch_id, api_consumer_id, app_user_id, send_at, paused_at, created_at");

BatchStore::Row fromRow(const QSqlQuery &q)
{
    BatchStore::Row r;
    r.batchId = q.value(0).toString();
    r.vendorId = q.value(1).toLongLong();
    r.userId = q.value(2).toLongLong();
    r.sendAt = q.value(3).toLongLong();
    r.pausedAt = q.value(4).toLongLong();
    r.createdAt = q.value(5).toLongLong();
    return r;
}

} // namespace

BatchStore::BatchStore(QString connectionName) : m_connection(std::move(connectionName)) {}

std::optional<BatchStore::Row> BatchStore::find(qint64 vendorId, const QString &batchId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("SELECT %1 FROM batches WHERE batch_id = ? AND %2")
                                    .arg(kColumns, scope.sql()));
    q.addBindValue(batchId);
    scope.bind(q);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return fromRow(q);
}

QList<BatchStore::Row> BatchStore::listForUser(qint64 vendorId, qint64 userId, int offset,
                                               int limit) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM batches WHERE %2 ORDER BY created_at DESC, "
                           "batch_id LIMIT ? OFFSET ?")
                .arg(kColumns, scope.sql()));
    scope.bind(q);
    q.addBindValue(limit);
    q.addBindValue(offset);
    SqlSupport::exec(q);
    QList<Row> out;
    while (q.next())
        out << fromRow(q);
    return out;
}

int BatchStore::countForUser(qint64 vendorId, qint64 userId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM batches WHERE %1").arg(scope.sql()));
    scope.bind(q);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

QList<BatchStore::Row> BatchStore::listRecent(int limit) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM batches ORDER BY created_at DESC, batch_id LIMIT ?")
                .arg(kColumns));
    q.addBindValue(limit);
    SqlSupport::exec(q);
    QList<Row> out;
    while (q.next())
        out << fromRow(q);
    return out;
}

bool BatchStore::setPaused(qint64 vendorId, const QString &batchId, qint64 pausedAt)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE batches SET paused_at = ? WHERE batch_id = ? AND %1")
                .arg(scope.sql()));
    q.addBindValue(SqlSupport::nullableInt(pausedAt));
    q.addBindValue(batchId);
    scope.bind(q);
    SqlSupport::exec(q);
    return q.numRowsAffected() == 1;
}

QHash<QString, QHash<QString, int>> BatchStore::countsFor(const QStringList &batchIds) const
{
    QHash<QString, QHash<QString, int>> out;
    if (batchIds.isEmpty())
        return out;
    QSqlDatabase db = SqlSupport::database(m_connection);
    constexpr int kChunk = 400;
    for (int i = 0; i < batchIds.size(); i += kChunk) {
        const QStringList part = batchIds.mid(i, kChunk);
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("SELECT batch_id, status, COUNT(*) FROM sent_messages "
                               "WHERE batch_id IN (%1) GROUP BY batch_id, status")
                    .arg(SqlSupport::placeholders(int(part.size()))));
        for (const QString &id : part)
            q.addBindValue(id);
        SqlSupport::exec(q);
        while (q.next())
            out[q.value(0).toString()].insert(q.value(1).toString(), q.value(2).toInt());
    }
    return out;
}

BatchStore::Sample BatchStore::sample(const QString &batchId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT from_number_id, message_type, message, caption "
                           "FROM sent_messages WHERE batch_id = ? ORDER BY id LIMIT 1"));
    q.addBindValue(batchId);
    SqlSupport::exec(q);
    Sample s;
    if (q.next()) {
        s.fromNumberId = q.value(0).toLongLong();
        s.shown = q.value(1).toString() == QLatin1String("text") ? q.value(2).toString()
                                                                 : q.value(3).toString();
    }
    return s;
}
