#pragma once

#include "Entities.h"

#include <QHash>
#include <mutex>
#include <optional>

// api_consumer + api_keys. Every read of vendor data is by the vendor's own id; the only
// unscoped reads are the login lookup by email, the key-hash lookup that *establishes* the
// vendor id, and listAllForOperator() (admin API / GUI).
class EventBus;

class VendorStore
{
public:
    // `events` (may be null in tests) hears of every key rotation and vendor removal, whoever
    // made it (API or window), so that sessions authenticated earlier can be ended.
    explicit VendorStore(QString connectionName, EventBus *events = nullptr);

    // One transaction: the vendor row and its first API key. Email is trimmed and lower-cased.
    // Throws DomainError Conflict "email_taken".
    Vendor create(const Vendor &vendor, const QString &passwordHash, const QString &keyHash,
                  const QString &keyEncrypted);

    std::optional<Vendor> find(qint64 vendorId) const;
    // Whether a vendor has this email (trimmed, lower-cased), without reading its secrets.
    bool emailTaken(const QString &email) const;
    // For login only: the vendor and its password hash.
    std::optional<std::pair<Vendor, QString>> findForLogin(const QString &email) const;
    // Changes the given fields (absent optionals stay). Throws NotFound.
    Vendor update(qint64 vendorId, const std::optional<QString> &name,
                  const std::optional<QString> &companyName,
                  const std::optional<QString> &phoneNumber);
    QList<Vendor> listAllForOperator() const;
    // Announces EventBus::vendorRemoved after the commit.
    bool remove(qint64 vendorId);
    void setPasswordHash(qint64 vendorId, const QString &passwordHash);

    // --- API keys (stored only as HMAC hash + secretbox ciphertext, never plaintext) ---
    // The vendor of a non-revoked key, and touches last_used_at (at most once a minute).
    // Answers from a small in-memory cache (hits only, a few seconds old at most) because it
    // runs on every API request; rotateKey() and remove() drop the vendor's entries at once.
    std::optional<qint64> vendorForKeyHash(const QString &keyHash) const;
    // The encrypted current (newest non-revoked) key, for login to show it.
    std::optional<QString> currentEncryptedKey(qint64 vendorId) const;
    // One transaction: revokes every key of the vendor and adds the new one. Announces
    // EventBus::vendorKeysRevoked after the commit.
    void rotateKey(qint64 vendorId, const QString &keyHash, const QString &keyEncrypted);

private:
    void forgetKeysOf(qint64 vendorId);

    struct CachedKey
    {
        qint64 keyId = 0;
        qint64 vendorId = 0;
        qint64 lastUsedAt = 0;
        qint64 cachedAt = 0;
    };
    QString m_connection;
    EventBus *m_events = nullptr;
    mutable std::mutex m_keyCacheMutex;
    mutable QHash<QString, CachedKey> m_keyCache; // key hash -> key; valid keys only
    // Bumped by every invalidation, so that a lookup that read the database before a
    // rotation cannot put the old key back into the cache after it.
    mutable quint64 m_keyCacheGeneration = 0;
};
