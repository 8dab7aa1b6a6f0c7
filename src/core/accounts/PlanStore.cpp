#include "accounts/PlanStore.h"

#include "DomainError.h"
#include "platform/Clock.h"
#include "storage/SqlSupport.h"

namespace {

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

QString PlanStore::columns(const QString &alias)
{
    const QString p = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return QStringLiteral("%1id, %1name, %1max_phone_numbers, %1max_messages, %1period_days, "
                          "%1created_at")
        .arg(p);
}

Plan PlanStore::readRow(const QSqlQuery &q, int firstColumn)
{
    const int c = firstColumn;
    Plan p;
    p.id = q.value(c).toLongLong();
    p.name = q.value(c + 1).toString();
    p.maxPhoneNumbers = q.value(c + 2).toInt();
    p.maxMessages = q.value(c + 3).toInt();
    p.periodDays = q.value(c + 4).toInt();
    p.createdAt = q.value(c + 5).toLongLong();
    return p;
}

Plan PlanStore::create(const Plan &plan)
{
    Plan p = validated(plan);
    p.createdAt = Clock::nowMs();
    const QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("INSERT INTO plans (name, max_phone_numbers, max_messages, period_days, "
                       "created_at) VALUES (?, ?, ?, ?, ?)"),
        {p.name, p.maxPhoneNumbers, p.maxMessages, p.periodDays, p.createdAt});
    p.id = q.lastInsertId().toLongLong();
    return p;
}

std::optional<Plan> PlanStore::find(qint64 planId) const
{
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("SELECT %1 FROM plans WHERE id = ?").arg(columns()), {planId});
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

QList<Plan> PlanStore::list() const
{
    QSqlQuery q =
        SqlSupport::run(SqlSupport::database(m_connection),
                        QStringLiteral("SELECT %1 FROM plans ORDER BY id").arg(columns()));
    QList<Plan> out;
    while (q.next())
        out << readRow(q);
    return out;
}

Plan PlanStore::update(const Plan &plan)
{
    const Plan p = validated(plan);
    const QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("UPDATE plans SET name = ?, max_phone_numbers = ?, max_messages = ?, "
                       "period_days = ? WHERE id = ?"),
        {p.name, p.maxPhoneNumbers, p.maxMessages, p.periodDays, p.id});
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("plan"));
    const auto stored = find(p.id);
    if (!stored)
        throw DomainError::notFound(QStringLiteral("plan"));
    return *stored;
}

bool PlanStore::remove(qint64 planId)
{
    // One statement, so the check and the delete cannot be split by a new subscription.
    const QSqlQuery q =
        SqlSupport::run(SqlSupport::database(m_connection),
                        QStringLiteral("DELETE FROM plans WHERE id = ? AND NOT EXISTS "
                                       "(SELECT 1 FROM subscriptions WHERE plan_id = ?)"),
                        {planId, planId});
    if (q.numRowsAffected() > 0)
        return true;
    if (find(planId))
        throw DomainError::conflict(QStringLiteral("plan_in_use"),
                                    QStringLiteral("The plan has subscriptions; it cannot be removed"));
    return false;
}
