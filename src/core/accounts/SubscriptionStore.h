#pragma once

#include "Entities.h"

#include <optional>

class SubscriptionStore
{
public:
    explicit SubscriptionStore(QString connectionName);

    // Operator side (admin API / GUI, through SubscriptionService): unscoped by vendor, by
    // design. Statuses are SubscriptionService::statuses().
    Subscription create(const Subscription &s); // NotFound if user or plan missing
    std::optional<Subscription> find(qint64 subscriptionId) const;
    QList<Subscription> listForUser(qint64 appUserId) const; // appUserId 0 → all
    // NotFound. An ends_at at or before now is accepted even when it is before starts_at:
    // that is how an operator ends a subscription early (or one that never started).
    Subscription update(const Subscription &s);

    // Vendor side: the user's active (status 'active', starts_at <= now < ends_at) subscription
    // with its plan, or nullopt. Scoped: the user must belong to vendorId. The query behind
    // SubscriptionService::active/requireActive, which callers use.
    struct Active
    {
        Subscription subscription;
        Plan plan;
        qint64 periodStart =
            0; // start of the current quota period (period_days windows from starts_at)
    };
    std::optional<Active> active(qint64 vendorId, qint64 appUserId, qint64 nowMs) const;

    // Goes up after every subscription created or changed in this process (any thread): a
    // reader that caches active() (the dispatcher) looks again as soon as it moved.
    static quint64 changeCount();

private:
    QString m_connection;
};
