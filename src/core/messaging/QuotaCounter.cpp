#include "messaging/QuotaCounter.h"

#include "DomainError.h"
#include "Entities.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

#include <QJsonObject>

#include <optional>

namespace {

std::optional<int> counter(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId,
                           qint64 sinceMs)
{
    const TenantScope scope = TenantScope::user(vendorId, appUserId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT used FROM message_quota WHERE %1 AND since_ms = ?")
                .arg(scope.sql()));
    scope.bind(q);
    q.addBindValue(sinceMs);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toInt();
}

} // namespace

int QuotaCounter::countRows(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId,
                            qint64 sinceMs)
{
    // Reads only idx_messages_owner (api_consumer_id, app_user_id, created_at, status, …).
    const TenantScope scope = TenantScope::user(vendorId, appUserId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM sent_messages WHERE %1 AND created_at >= ? AND "
                           "status <> ?")
                .arg(scope.sql()));
    scope.bind(q);
    q.addBindValue(sinceMs);
    q.addBindValue(MessageStatus::Cancelled);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

int QuotaCounter::used(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId, qint64 sinceMs)
{
    if (const auto n = counter(db, vendorId, appUserId, sinceMs))
        return *n;
    // Created here too, not only by an accepted send: in a period that is already full every
    // request is refused, and each would otherwise count the rows again.
    SqlSupport::Transaction tx(db);
    const int n = create(db, vendorId, appUserId, sinceMs);
    tx.commit();
    return n;
}

int QuotaCounter::create(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId, qint64 sinceMs)
{
    // The DELETE first: a write, so this connection holds the write lock (waiting for it if
    // need be) before it reads; in WAL a transaction that reads first and writes later fails
    // when another connection wrote in between.
    SqlSupport::run(db,
                    QStringLiteral("DELETE FROM message_quota WHERE %1 AND since_ms < ?")
                        .arg(TenantScope::user(vendorId, appUserId).sql()),
                    TenantScope::user(vendorId, appUserId).values() << sinceMs);
    if (const auto n = counter(db, vendorId, appUserId, sinceMs))
        return *n; // another connection created it meanwhile
    const int used = countRows(db, vendorId, appUserId, sinceMs);
    SqlSupport::run(db,
                    QStringLiteral("INSERT INTO message_quota (api_consumer_id, app_user_id, "
                                   "since_ms, used) VALUES (?, ?, ?, ?)"),
                    {vendorId, appUserId, sinceMs, used});
    return used;
}

void QuotaCounter::addInserted(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId,
                               qint64 createdAtMs, int count)
{
    if (count <= 0)
        return;
    const TenantScope scope = TenantScope::user(vendorId, appUserId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE message_quota SET used = used + ? WHERE %1 AND since_ms <= ?")
                .arg(scope.sql()));
    q.addBindValue(count);
    scope.bind(q);
    q.addBindValue(createdAtMs);
    SqlSupport::exec(q);
}

int QuotaCounter::usedForUpdate(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId,
                                qint64 sinceMs)
{
    if (const auto n = counter(db, vendorId, appUserId, sinceMs))
        return *n;
    return create(db, vendorId, appUserId, sinceMs);
}

void QuotaCounter::require(int used, int limit, int requested)
{
    const int remaining = qMax(0, limit - used);
    if (requested > remaining)
        throw DomainError(DomainError::Kind::Forbidden, QStringLiteral("quota_exceeded"),
                          QStringLiteral("The plan allows %1 more message(s) this period; %2 "
                                         "were requested")
                              .arg(remaining)
                              .arg(requested),
                          QJsonObject{{QStringLiteral("remaining"), remaining},
                                      {QStringLiteral("requested"), requested}});
}
