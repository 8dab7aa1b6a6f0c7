#pragma once

#include "Entities.h"

#include <optional>

// api_consumer + api_keys. Every read of vendor data is by the vendor's own id; the only
// unscoped reads are the login lookup by email, the key-hash lookup that *establishes* the
// vendor id, and listAllForOperator() (admin API / GUI).
class VendorStore
{
public:
    explicit VendorStore(QString connectionName);

    // One transaction: the vendor row and its first API key. Email is trimmed and lower-cased.
    // Throws DomainError Conflict "email_taken".
    Vendor create(const Vendor &vendor, const QString &passwordHash, const QString &keyHash,
                  const QString &keyEncrypted);

    std::optional<Vendor> find(qint64 vendorId) const;
    // For login only: the vendor and its password hash.
    std::optional<std::pair<Vendor, QString>> findForLogin(const QString &email) const;
    // Changes the given fields (absent optionals stay). Throws NotFound.
    Vendor update(qint64 vendorId, const std::optional<QString> &name,
                  const std::optional<QString> &companyName,
                  const std::optional<QString> &phoneNumber);
    QList<Vendor> listAllForOperator() const;
    bool remove(qint64 vendorId);
    void setPasswordHash(qint64 vendorId, const QString &passwordHash);

    // --- API keys (stored only as HMAC hash + secretbox ciphertext, never plaintext) ---
    // The vendor of a non-revoked key, and touches last_used_at (at most once a minute).
    std::optional<qint64> vendorForKeyHash(const QString &keyHash) const;
    // The encrypted current (newest non-revoked) key, for login to show it.
    std::optional<QString> currentEncryptedKey(qint64 vendorId) const;
    // One transaction: revokes every key of the vendor and adds the new one.
    void rotateKey(qint64 vendorId, const QString &keyHash, const QString &keyEncrypted);

private:
    QString m_connection;
};
