#pragma once

#include "Entities.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "numbers/NumberStore.h"

#include <optional>

// The rules of plans and subscriptions, in one place for the REST API, the window and the
// message pipeline (issue #13; docs/architecture.md "Where each rule lives"):
// - the statuses a subscription can have, with their names in the API and the database;
// - "has an active subscription" (status active and starts_at <= now < ends_at), and the 403
//   subscription_required of every vendor-side action that needs one;
// - what max_phone_numbers means: how many WhatsApp numbers a user may have
//   (docs/api.md; original-system.md "Max WhatsApp numbers per user"), for adding a number
//   and for connecting one alike;
// - extending a subscription by one plan period, ending one now, a new one's default end.
// It works on one database connection, as the stores do: CoreServices holds the one for the
// main thread; a worker with its own connection (MessageComposer's) makes its own.
class SubscriptionService
{
public:
    enum class Status
    {
        Active,
        Cancelled,
        Expired,
        Suspended
    };
    static const QList<Status> &statuses(); // in the order docs/api.md lists them
    static QString toString(Status status); // "active", … (API and database)
    static std::optional<Status> statusFromString(const QString &name);
    static QString statusNames(); // "active, cancelled, expired, suspended", for messages

    // A plan's quota period when none is given: Plan's, in Entities.h.
    static constexpr int kDefaultPeriodDays = Plan::kDefaultPeriodDays;

    explicit SubscriptionService(const QString &connectionName);

    // The user's current subscription with its plan, or nullopt. Scoped by the vendor.
    std::optional<SubscriptionStore::Active> active(qint64 vendorId, qint64 userId,
                                                    qint64 nowMs) const;
    // active() or 403 subscription_required: the check behind sending, adding a number,
    // connecting one and the message quota. An ends_at that has passed is not active,
    // whatever the status says.
    SubscriptionStore::Active requireActive(qint64 vendorId, qint64 userId, qint64 nowMs) const;
    // The same rule on a subscription already read (the Plans page's list).
    static bool isCurrent(const Subscription &subscription, qint64 nowMs);

    // Adding one more number (after the active check and the duplicate check, which the
    // caller orders): 403 plan_limit_reached if the user already has max_phone_numbers.
    void requireRoomForNumber(const SubscriptionStore::Active &active, qint64 vendorId,
                              qint64 userId) const;
    // Connecting a number, from the API and from the window alike: 403 subscription_required,
    // or 403 plan_limit_reached while the user has more numbers than the plan allows (only
    // after the plan was changed to a smaller one: none connects until some are removed).
    // A number that is connected already is the caller's 409 (it knows the live state).
    void requireMayConnect(qint64 vendorId, qint64 userId, qint64 nowMs) const;

    // Operator side (admin API, Plans page). give/change validate (statuses(), ends_at).
    Subscription give(const Subscription &subscription);
    Subscription change(const Subscription &subscription);
    // One plan period more, counted from the later of its end and now (a lapsed subscription
    // starts again from now), and active again. NotFound (subscription, plan).
    Subscription extend(qint64 subscriptionId, qint64 nowMs);
    // Cancelled, ending now (or when it ended already, if that is earlier). NotFound.
    Subscription end(qint64 subscriptionId, qint64 nowMs);
    // Where a new subscription to this plan, starting at `startMs`, ends by default.
    static qint64 defaultEnd(const Plan &plan, qint64 startMs);

private:
    SubscriptionStore m_subscriptions;
    PlanStore m_plans;
    NumberStore m_numbers;
};
