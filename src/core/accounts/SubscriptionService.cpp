#include "accounts/SubscriptionService.h"

#include "DomainError.h"

#include <QJsonObject>

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// The one limit check: `numbers` is how many the user would have (one more when adding, as
// many as now when connecting).
void requireWithinPlan(const Plan &plan, int numbers)
{
    if (numbers <= plan.maxPhoneNumbers)
        return;
    throw DomainError(
        DomainError::Kind::Forbidden, QStringLiteral("plan_limit_reached"),
        QStringLiteral("The plan allows %1 phone number(s)").arg(plan.maxPhoneNumbers),
        QJsonObject{{QStringLiteral("max_phone_numbers"), plan.maxPhoneNumbers}});
}

} // namespace

const QList<SubscriptionService::Status> &SubscriptionService::statuses()
{
    static const QList<Status> all{Status::Active, Status::Cancelled, Status::Expired,
                                   Status::Suspended};
    return all;
}

QString SubscriptionService::toString(Status status)
{
    switch (status) {
    case Status::Active:
        return QStringLiteral("active");
    case Status::Cancelled:
        return QStringLiteral("cancelled");
    case Status::Expired:
        return QStringLiteral("expired");
    case Status::Suspended:
        return QStringLiteral("suspended");
    }
    return {};
}

std::optional<SubscriptionService::Status>
SubscriptionService::statusFromString(const QString &name)
{
    for (const Status s : statuses()) {
        if (toString(s) == name)
            return s;
    }
    return std::nullopt;
}

QString SubscriptionService::statusNames()
{
    QStringList names;
    for (const Status s : statuses())
        names << toString(s);
    return names.join(QStringLiteral(", "));
}

SubscriptionService::SubscriptionService(const QString &connectionName)
    : m_subscriptions(connectionName), m_plans(connectionName), m_numbers(connectionName)
{
}

std::optional<SubscriptionStore::Active> SubscriptionService::active(qint64 vendorId, qint64 userId,
                                                                     qint64 nowMs) const
{
    return m_subscriptions.active(vendorId, userId, nowMs);
}

SubscriptionStore::Active SubscriptionService::requireActive(qint64 vendorId, qint64 userId,
                                                             qint64 nowMs) const
{
    auto a = active(vendorId, userId, nowMs);
    if (!a)
        throw DomainError::forbidden(QStringLiteral("subscription_required"),
                                     QStringLiteral("The user has no active subscription"));
    return *a;
}

bool SubscriptionService::isCurrent(const Subscription &s, qint64 nowMs)
{
    // SubscriptionStore::active's WHERE clause, on a row already read.
    return s.status == toString(Status::Active) && s.startsAt <= nowMs && nowMs < s.endsAt;
}

void SubscriptionService::requireRoomForNumber(const SubscriptionStore::Active &active,
                                               qint64 vendorId, qint64 userId) const
{
    requireWithinPlan(active.plan, m_numbers.countForUser(vendorId, userId) + 1);
}

void SubscriptionService::requireMayConnect(qint64 vendorId, qint64 userId, qint64 nowMs) const
{
    const SubscriptionStore::Active a = requireActive(vendorId, userId, nowMs);
    requireWithinPlan(a.plan, m_numbers.countForUser(vendorId, userId));
}

Subscription SubscriptionService::give(const Subscription &subscription)
{
    return m_subscriptions.create(subscription);
}

Subscription SubscriptionService::change(const Subscription &subscription)
{
    return m_subscriptions.update(subscription);
}

Subscription SubscriptionService::extend(qint64 subscriptionId, qint64 nowMs)
{
    std::optional<Subscription> s = m_subscriptions.find(subscriptionId);
    if (!s)
        throw DomainError::notFound(QStringLiteral("subscription"));
    const std::optional<Plan> plan = m_plans.find(s->planId);
    if (!plan) // plans with subscriptions cannot be removed (plan_in_use)
        throw DomainError::notFound(QStringLiteral("plan"));
    s->endsAt = defaultEnd(*plan, qMax(s->endsAt, nowMs));
    s->status = toString(Status::Active);
    return m_subscriptions.update(*s);
}

Subscription SubscriptionService::end(qint64 subscriptionId, qint64 nowMs)
{
    std::optional<Subscription> s = m_subscriptions.find(subscriptionId);
    if (!s)
        throw DomainError::notFound(QStringLiteral("subscription"));
    s->status = toString(Status::Cancelled);
    s->endsAt = qMin(s->endsAt, nowMs);
    return m_subscriptions.update(*s);
}

qint64 SubscriptionService::defaultEnd(const Plan &plan, qint64 startMs)
{
    return startMs + qint64(qMax(plan.periodDays, 1)) * kDayMs;
}
