#pragma once

#include "Entities.h"

#include <optional>

// whatsapp_numbers. Plan/subscription rules are checked by the caller (NumberRegistry);
// this class only stores.
class NumberStore
{
public:
    explicit NumberStore(QString connectionName);

    // phone is already normalised. session_id is set to "{vendorId}-{userId}-{phone}".
    // Throws Conflict "number_taken" if the vendor already has this phone number.
    WhatsAppNumber add(qint64 vendorId, qint64 userId, const QString &phone, const QString &label,
                       bool sandbox);
    std::optional<WhatsAppNumber> find(qint64 vendorId, qint64 numberId) const;
    std::optional<WhatsAppNumber> findByPhone(qint64 vendorId, qint64 userId,
                                              const QString &phone) const;
    QList<WhatsAppNumber> listForUser(qint64 vendorId, qint64 userId) const;
    int countForUser(qint64 vendorId, qint64 userId) const;
    int countActiveForUser(qint64 vendorId, qint64 userId) const;
    WhatsAppNumber updateLabel(qint64 vendorId, qint64 userId, qint64 numberId,
                               const QString &label); // NotFound
    bool remove(qint64 vendorId, qint64 userId, qint64 numberId);

    // Session bookkeeping: state + reason; is_active = (state == ready).
    void setState(qint64 vendorId, qint64 numberId, const QString &state, const QString &reason);
    void setRestoreOnStart(qint64 vendorId, qint64 numberId, bool restore);
    QList<WhatsAppNumber> listToRestore() const;      // restore_on_start = 1, all vendors
    QList<WhatsAppNumber> listAllForOperator() const; // GUI / dispatcher, all vendors
    // Ready numbers of a user (dispatcher spreads over them).
    QList<WhatsAppNumber> listReadyForUser(qint64 vendorId, qint64 userId) const;

private:
    QString m_connection;
};
