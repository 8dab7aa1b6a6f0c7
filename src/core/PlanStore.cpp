#include "PlanStore.h"

#include "Clock.h"
#include "DomainError.h"
#include "SqlSupport.h"

namespace {

const QString kColumns =
    QStringLiteral("id, name, max_phone_numbers, max_messages, period_days, created_at");

Plan readPlan(const QSqlQuery &q)
{
    Plan p;
    p.id = q.value(0).toLongLong();
    p.name = q.value(1).toString();
    p.maxPhoneNumbers = q.value(2).toInt();
    p.maxMessages = q.value(3).toInt();
    p.periodDays = q.value(4).toInt();
    p.createdAt = q.value(5).toLongLong();
    return p;
}

Plan validated(const Plan &plan)
{
    Plan p = plan;
    p.name = plan.name.trimmed();
    if (p.name.isEmpty())
        throw DomainError::validation(QStringLiteral("name"), QStringLiteral("name is required"));
    if (p.maxPhoneNumbers < 0)
        throw DomainError::validation(QStringLiteral("max_phone_numbers"),
                                      QStringLiteral("max_phone_numbers must be 0 or more"));
    if (p.maxMessages < 0)
        throw DomainError::validation(QStringLiteral("max_messages"),
                                      QStringLiteral("max_messages must be 0 or more"));
    if (p.periodDays < 1)
        throw DomainError::validation(QStringLiteral("period_days"),
                                      QStringLiteral("period_days must be at least 1"));
    return p;
}

} // namespace

PlanStore::PlanStore(QString connectionName) : m_connection(std::move(connectionName)) {}

Plan PlanStore::create(const Plan &plan)
{
    Plan p = validated(plan);
    p.createdAt = Clock::nowMs();
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO plans (name, max_phone_numbers, max_messages, "
                           "period_days, created_at) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(p.name);
    q.addBindValue(p.maxPhoneNumbers);
    q.addBindValue(p.maxMessages);
    q.addBindValue(p.periodDays);
    q.addBindValue(p.createdAt);
    SqlSupport::exec(q);
    p.id = q.lastInsertId().toLongLong();
    return p;
}

std::optional<Plan> PlanStore::find(qint64 planId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("SELECT %1 FROM plans WHERE id = ?").arg(kColumns));
    q.addBindValue(planId);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return readPlan(q);
}

QList<Plan> PlanStore::list() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("SELECT %1 FROM plans ORDER BY id").arg(kColumns));
    SqlSupport::exec(q);
    QList<Plan> out;
    while (q.next())
        out << readPlan(q);
    return out;
}

Plan PlanStore::update(const Plan &plan)
{
    const Plan p = validated(plan);
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE plans SET name = ?, max_phone_numbers = ?, max_messages = ?, "
                           "period_days = ? WHERE id = ?"));
    q.addBindValue(p.name);
    q.addBindValue(p.maxPhoneNumbers);
    q.addBindValue(p.maxMessages);
    q.addBindValue(p.periodDays);
    q.addBindValue(p.id);
    SqlSupport::exec(q);
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("plan"));
    const auto stored = find(p.id);
    if (!stored)
        throw DomainError::notFound(QStringLiteral("plan"));
    return *stored;
}

bool PlanStore::remove(qint64 planId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    // One statement, so the check and the delete cannot be split by a new subscription.
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("DELETE FROM plans WHERE id = ? AND NOT EXISTS "
                           "(SELECT 1 FROM subscriptions WHERE plan_id = ?)"));
    q.addBindValue(planId);
    q.addBindValue(planId);
    SqlSupport::exec(q);
    if (q.numRowsAffected() > 0)
        return true;
    if (find(planId))
        throw DomainError::conflict(QStringLiteral("plan_in_use"),
                                    QStringLiteral("The plan has subscriptions; it cannot be removed"));
    return false;
}
