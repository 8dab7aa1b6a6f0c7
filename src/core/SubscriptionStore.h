#pragma once

#include "Entities.h"

#include <optional>

class SubscriptionStore
{
public:
    explicit SubscriptionStore(QString connectionName);

    // Operator side (admin API / GUI): unscoped by vendor, by design.
    Subscription create(const Subscription &s); // NotFound if user or plan missing
    std::optional<Subscription> find(qint64 subscriptionId) const;
    QList<Subscription> listForUser(qint64 appUserId) const; // appUserId 0 → all
    Subscription update(const Subscription &s);              // NotFound

    // Vendor side: the user's active (status 'active', starts_at <= now < ends_at) subscription
    // with its plan, or nullopt. Scoped: the user must belong to vendorId.
    struct Active
    {
        Subscription subscription;
        Plan plan;
        qint64 periodStart = 0; // start of the current quota period (period_days windows from starts_at)
    };
    std::optional<Active> active(qint64 vendorId, qint64 appUserId, qint64 nowMs) const;

private:
    QString m_connection;
};
