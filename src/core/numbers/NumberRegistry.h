#pragma once

#include "Entities.h"

#include <optional>

class CoreServices;

// The business rules around a user's WhatsApp numbers, shared by the REST API and the GUI:
// phone normalisation, the subscription and plan limit on adding (SubscriptionService), the
// immutable phone on update, and announcing removals so the session logs out and its profile data
// goes. Every call is scoped by the vendor; a user or number of another vendor is NotFound.
class NumberRegistry
{
public:
    explicit NumberRegistry(CoreServices &core);

    // 404 not_found (user), 400 validation_failed (field phone_number),
    // 403 subscription_required, 403 plan_limit_reached, 409 number_taken.
    WhatsAppNumber add(qint64 vendorId, qint64 userId, const QString &rawPhone,
                       const QString &label, bool sandbox);

    struct Patch
    {
        std::optional<QString> label;  // a null QString clears the label
        bool phoneNumberGiven = false; // → 400 immutable_field
    };
    WhatsAppNumber update(qint64 vendorId, qint64 userId, qint64 numberId, const Patch &patch);

    QList<WhatsAppNumber> list(qint64 vendorId, qint64 userId) const; // 404 if no such user
    // The number must belong to this vendor's user (404 otherwise).
    WhatsAppNumber find(qint64 vendorId, qint64 userId, qint64 numberId) const;

    // Announces the removal (session logout, profile deletion) and deletes the row. 404.
    void remove(qint64 vendorId, qint64 userId, qint64 numberId);

    // Deletes a user: each of its numbers is announced first, then the user goes with its
    // numbers, contacts and subscriptions (message history stays). 404.
    void removeUser(qint64 vendorId, qint64 userId);

private:
    void requireUser(qint64 vendorId, qint64 userId) const;
    CoreServices &m_core;
};
