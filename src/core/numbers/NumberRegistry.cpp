#include "numbers/NumberRegistry.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "accounts/AppUserStore.h"
#include "accounts/SubscriptionService.h"
#include "contacts/PhoneNormalizer.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

NumberRegistry::NumberRegistry(CoreServices &core) : m_core(core) {}

void NumberRegistry::requireUser(qint64 vendorId, qint64 userId) const
{
    m_core.users().requireUserOfVendor(vendorId, userId);
}

WhatsAppNumber NumberRegistry::add(qint64 vendorId, qint64 userId, const QString &rawPhone,
                                   const QString &label, bool sandbox)
{
    requireUser(vendorId, userId);
    const std::optional<QString> phone = m_core.phones().normalize(rawPhone);
    if (!phone)
        throw DomainError::validation(QStringLiteral("phone_number"),
                                      QStringLiteral("phone_number is not a valid phone number"));

    SubscriptionService &subscriptions = m_core.subscriptionService();
    const auto active = subscriptions.requireActive(vendorId, userId, Clock::nowMs());
    // A duplicate is reported as such even when the plan is full: it is the more useful answer.
    if (m_core.numbers().findByPhone(vendorId, userId, *phone))
        throw DomainError::conflict(QStringLiteral("number_taken"),
                                    QStringLiteral("This phone number is already registered"));
    subscriptions.requireRoomForNumber(active, vendorId, userId);
    // The store enforces uniqueness across the vendor's other users (409 number_taken).
    return m_core.numbers().add(vendorId, userId, *phone, label, sandbox);
}

WhatsAppNumber NumberRegistry::update(qint64 vendorId, qint64 userId, qint64 numberId,
                                      const Patch &patch)
{
    if (patch.phoneNumberGiven)
        throw DomainError(DomainError::Kind::Validation, QStringLiteral("immutable_field"),
                          QStringLiteral("phone_number cannot be changed; delete the number and "
                                         "add the new one"),
                          QJsonObject{{QStringLiteral("field"), QStringLiteral("phone_number")}});
    const WhatsAppNumber current = find(vendorId, userId, numberId);
    if (!patch.label)
        return current;
    return m_core.numbers().updateLabel(vendorId, userId, numberId, *patch.label);
}

QList<WhatsAppNumber> NumberRegistry::list(qint64 vendorId, qint64 userId) const
{
    requireUser(vendorId, userId);
    return m_core.numbers().listForUser(vendorId, userId);
}

WhatsAppNumber NumberRegistry::find(qint64 vendorId, qint64 userId, qint64 numberId) const
{
    const auto number = m_core.numbers().find(vendorId, numberId);
    if (!number || number->appUserId != userId)
        throw DomainError::notFound(QStringLiteral("number"));
    return *number;
}

void NumberRegistry::remove(qint64 vendorId, qint64 userId, qint64 numberId)
{
    const WhatsAppNumber number = find(vendorId, userId, numberId);
    // Announced before the row goes so listeners can still read it (session, profile dir).
    m_core.events().announceNumberRemoved(vendorId, number.id, number.sessionId);
    if (!m_core.numbers().remove(vendorId, userId, numberId))
        throw DomainError::notFound(QStringLiteral("number"));
}

void NumberRegistry::removeUser(qint64 vendorId, qint64 userId)
{
    requireUser(vendorId, userId);
    const QList<WhatsAppNumber> numbers = m_core.numbers().listForUser(vendorId, userId);
    for (const WhatsAppNumber &n : numbers)
        m_core.events().announceNumberRemoved(vendorId, n.id, n.sessionId);
    if (!m_core.users().remove(vendorId, userId))
        throw DomainError::notFound(QStringLiteral("user"));
}
