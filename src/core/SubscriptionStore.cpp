#include "SubscriptionStore.h"

#include "Clock.h"
#include "DomainError.h"
#include "SqlSupport.h"

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

bool isKnownStatus(const QString &status)
{
    return status == QLatin1String("active") || status == QLatin1String("cancelled")
           || status == QLatin1String("expired") || status == QLatin1String("suspended");
}

void validate(const Subscription &s)
{
    if (!isKnownStatus(s.status))
        throw DomainError::validation(
            QStringLiteral("status"),
            QStringLiteral("status must be one of active, cancelled, expired, suspended"));
    if (s.endsAt <= 0)
        throw DomainError::validation(QStringLiteral("ends_at"), QStringLiteral("ends_at is required"));
    if (s.endsAt <= s.startsAt)
        throw DomainError::validation(QStringLiteral("ends_at"),
                                      QStringLiteral("ends_at must be after starts_at"));
}

bool exists(const QSqlDatabase &db, const QString &table, qint64 id)
{
    QSqlQuery q = SqlSupport::prepare(db, QStringLiteral("SELECT 1 FROM %1 WHERE id = ?").arg(table));
    q.addBindValue(id);
    SqlSupport::exec(q);
    return q.next();
}

} // namespace

SubscriptionStore::SubscriptionStore(QString connectionName)
    : m_connection(std::move(connectionName))
{
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
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO subscriptions (app_user_id, plan_id, status, starts_at, "
                           "ends_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(s.appUserId);
    q.addBindValue(s.planId);
    q.addBindValue(s.status);
    q.addBindValue(s.startsAt);
    q.addBindValue(s.endsAt);
    q.addBindValue(s.createdAt);
    q.addBindValue(s.updatedAt);
    SqlSupport::exec(q);
    s.id = q.lastInsertId().toLongLong();
    return s;
}

std::optional<Subscription> SubscriptionStore::find(qint64 subscriptionId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM subscriptions s WHERE s.id = ?").arg(kColumns));
    q.addBindValue(subscriptionId);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return readSubscription(q);
}

QList<Subscription> SubscriptionStore::listForUser(qint64 appUserId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QString sql = QStringLiteral("SELECT %1 FROM subscriptions s").arg(kColumns);
    if (appUserId != 0)
        sql += QStringLiteral(" WHERE s.app_user_id = ?");
    sql += QStringLiteral(" ORDER BY s.id");
    QSqlQuery q = SqlSupport::prepare(db, sql);
    if (appUserId != 0)
        q.addBindValue(appUserId);
    SqlSupport::exec(q);
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
    validate(s);
    if (s.planId != current->planId && !exists(db, QStringLiteral("plans"), s.planId))
        throw DomainError::notFound(QStringLiteral("plan"));
    s.updatedAt = Clock::nowMs();
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE subscriptions SET plan_id = ?, status = ?, starts_at = ?, "
                           "ends_at = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(s.planId);
    q.addBindValue(s.status);
    q.addBindValue(s.startsAt);
    q.addBindValue(s.endsAt);
    q.addBindValue(s.updatedAt);
    q.addBindValue(s.id);
    SqlSupport::exec(q);
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("subscription"));
    return s;
}

std::optional<SubscriptionStore::Active> SubscriptionStore::active(qint64 vendorId,
                                                                   qint64 appUserId,
                                                                   qint64 nowMs) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1, p.id, p.name, p.max_phone_numbers, p.max_messages, "
                           "p.period_days, p.created_at "
                           "FROM subscriptions s "
                           "JOIN app_users u ON u.id = s.app_user_id "
                           "JOIN plans p ON p.id = s.plan_id "
                           "WHERE s.app_user_id = ? AND u.api_consumer_id = ? "
                           "AND s.status = 'active' AND s.starts_at <= ? AND s.ends_at > ? "
                           "ORDER BY s.ends_at DESC, s.id DESC LIMIT 1")
                .arg(kColumns));
    q.addBindValue(appUserId);
    q.addBindValue(vendorId);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    Active a;
    a.subscription = readSubscription(q);
    const int c = kColumnCount;
    a.plan.id = q.value(c).toLongLong();
    a.plan.name = q.value(c + 1).toString();
    a.plan.maxPhoneNumbers = q.value(c + 2).toInt();
    a.plan.maxMessages = q.value(c + 3).toInt();
    a.plan.periodDays = q.value(c + 4).toInt();
    a.plan.createdAt = q.value(c + 5).toLongLong();
    const qint64 periodMs = qint64(std::max(a.plan.periodDays, 1)) * kDayMs;
    const qint64 elapsed = nowMs - a.subscription.startsAt; // >= 0 by the WHERE clause
    a.periodStart = a.subscription.startsAt + (elapsed / periodMs) * periodMs;
    return a;
}
