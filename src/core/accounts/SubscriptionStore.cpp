#include "accounts/SubscriptionStore.h"

#include "DomainError.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "platform/Clock.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

#include <atomic>

namespace {

const QString kColumns = QStringLiteral(
    "s.id, s.app_user_id, s.plan_id, s.status, s.starts_at, s.ends_at, s.created_at, "
    "s.updated_at");
constexpr int kColumnCount = 8;
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

Subscription readSubscription(const QSqlQuery &q)
{
    Subscription s;
    s.id = q.value(0).toLongLong();
    s.appUserId = q.value(1).toLongLong();
    s.planId = q.value(2).toLongLong();
    s.status = q.value(3).toString();
    s.startsAt = q.value(4).toLongLong();
    s.endsAt = q.value(5).toLongLong();
    s.createdAt = q.value(6).toLongLong();
    s.updatedAt = q.value(7).toLongLong();
    return s;
}

// endedEarly: an update whose ends_at is already past, which may lie before starts_at.
void validate(const Subscription &s, bool endedEarly = false)
{
    if (!SubscriptionService::statusFromString(s.status))
        throw DomainError::validation(
            QStringLiteral("status"),
            QStringLiteral("status must be one of %1").arg(SubscriptionService::statusNames()));
    if (s.endsAt <= 0)
        throw DomainError::validation(QStringLiteral("ends_at"),
                                      QStringLiteral("ends_at is required"));
    if (s.endsAt <= s.startsAt && !endedEarly)
        throw DomainError::validation(QStringLiteral("ends_at"),
                                      QStringLiteral("ends_at must be after starts_at"));
}

bool exists(const QSqlDatabase &db, const QString &table, qint64 id)
{
    return SqlSupport::run(db, QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table), {id})
        .next();
}

} // namespace

SubscriptionStore::SubscriptionStore(QString connectionName)
    : m_connection(std::move(connectionName))
{
}

namespace {
std::atomic<quint64> g_changes{0};
}

quint64 SubscriptionStore::changeCount()
{
    return g_changes.load(std::memory_order_acquire);
}

Subscription SubscriptionStore::create(const Subscription &sub)
{
    Subscription s = sub;
    const qint64 now = Clock::nowMs();
    if (s.startsAt <= 0)
        s.startsAt = now;
    validate(s);
    s.createdAt = s.updatedAt = now;

    QSqlDatabase db = SqlSupport::database(m_connection);
    if (!exists(db, QStringLiteral("app_users"), s.appUserId))
        throw DomainError::notFound(QStringLiteral("user"));
    if (!exists(db, QStringLiteral("plans"), s.planId))
        throw DomainError::notFound(QStringLiteral("plan"));
    const QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("INSERT INTO subscriptions (app_user_id, plan_id, status, starts_at, "
                       "ends_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {s.appUserId, s.planId, s.status, s.startsAt, s.endsAt, s.createdAt, s.updatedAt});
    s.id = q.lastInsertId().toLongLong();
    g_changes.fetch_add(1, std::memory_order_acq_rel);
    return s;
}

std::optional<Subscription> SubscriptionStore::find(qint64 subscriptionId) const
{
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("SELECT %1 FROM subscriptions s WHERE s.id = ?").arg(kColumns),
        {subscriptionId});
    if (!q.next())
        return std::nullopt;
    return readSubscription(q);
}

QList<Subscription> SubscriptionStore::listForUser(qint64 appUserId) const
{
    QString sql = QStringLiteral("SELECT %1 FROM subscriptions s").arg(kColumns);
    QVariantList values;
    if (appUserId != 0) {
        sql += QStringLiteral(" WHERE s.app_user_id = ?");
        values << appUserId;
    }
    sql += QStringLiteral(" ORDER BY s.id");
    QSqlQuery q = SqlSupport::run(SqlSupport::database(m_connection), sql, values);
    QList<Subscription> out;
    while (q.next())
        out << readSubscription(q);
    return out;
}

Subscription SubscriptionStore::update(const Subscription &sub)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const auto current = find(sub.id);
    if (!current)
        throw DomainError::notFound(QStringLiteral("subscription"));
    Subscription s = sub;
    s.appUserId = current->appUserId; // a subscription never moves to another user
    s.createdAt = current->createdAt;
    if (s.startsAt <= 0)
        s.startsAt = current->startsAt;
    const qint64 now = Clock::nowMs();
    validate(s, s.endsAt > 0 && s.endsAt <= now);
    if (s.planId != current->planId && !exists(db, QStringLiteral("plans"), s.planId))
        throw DomainError::notFound(QStringLiteral("plan"));
    s.updatedAt = now;
    const QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("UPDATE subscriptions SET plan_id = ?, status = ?, starts_at = ?, "
                       "ends_at = ?, updated_at = ? WHERE id = ?"),
        {s.planId, s.status, s.startsAt, s.endsAt, s.updatedAt, s.id});
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("subscription"));
    g_changes.fetch_add(1, std::memory_order_acq_rel);
    return s;
}

std::optional<SubscriptionStore::Active>
SubscriptionStore::active(qint64 vendorId, qint64 appUserId, qint64 nowMs) const
{
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("SELECT %1, %2 "
                       "FROM subscriptions s "
                       "JOIN app_users u ON u.id = s.app_user_id "
                       "JOIN plans p ON p.id = s.plan_id "
                       "WHERE s.app_user_id = ? AND %3 "
                       "AND s.status = ? AND s.starts_at <= ? AND s.ends_at > ? "
                       "ORDER BY s.ends_at DESC, s.id DESC LIMIT 1")
            .arg(kColumns, PlanStore::columns(QStringLiteral("p")),
                 TenantScope::vendor(vendorId, QStringLiteral("u")).sql()),
        QVariantList{appUserId} + TenantScope::vendor(vendorId, QStringLiteral("u")).values()
            << SubscriptionService::toString(SubscriptionService::Status::Active) << nowMs
            << nowMs);
    if (!q.next())
        return std::nullopt;
    Active a;
    a.subscription = readSubscription(q);
    a.plan = PlanStore::readRow(q, kColumnCount);
    const qint64 periodMs = qint64(std::max(a.plan.periodDays, 1)) * kDayMs;
    const qint64 elapsed = nowMs - a.subscription.startsAt; // >= 0 by the WHERE clause
    a.periodStart = a.subscription.startsAt + (elapsed / periodMs) * periodMs;
    return a;
}
