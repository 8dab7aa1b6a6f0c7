#pragma once

#include "Entities.h"

#include <QByteArray>
#include <optional>

class VendorStore;
class SecretStore;

// Vendor registration, login, API keys and the operator's admin token: the only code that
// touches passwords and keys. API keys: 256-bit random, stored as HMAC-SHA256 (lookup) and
// secretbox ciphertext (shown again at login); both keys live in the SecretStore.
class VendorAccounts
{
public:
    VendorAccounts(VendorStore &vendors, SecretStore &secrets);

    // Loads or creates the HMAC/encryption keys and the admin token (WAMATOR_ADMIN_TOKEN and
    // the token file, when given, win over the stored one). Throws DomainError if the secret
    // store cannot be written.
    void init(const QString &adminTokenFile = {});

    struct Issued
    {
        Vendor vendor;
        QString apiKey;
    };
    // Validation ("validation_failed" with field), Conflict "email_taken".
    Issued registerVendor(const QString &name, const QString &email, const QString &password,
                          const QString &companyName, const QString &phoneNumber);
    // Unauthorized "invalid_credentials".
    Issued login(const QString &email, const QString &password);
    QString rotateKey(qint64 vendorId);
    // The vendor's current key in clear, for the operator's window ("show API key"); empty when
    // the vendor has none readable (then rotateKey() issues one). NotFound for no such vendor.
    QString currentKey(qint64 vendorId) const;
    // The vendor id of a valid, non-revoked key.
    std::optional<qint64> authenticate(const QString &apiKey) const;
    // The operator creating a vendor from the GUI uses registerVendor too.

    QString adminToken() const;
    // Where the admin token came from: "environment" (WAMATOR_ADMIN_TOKEN), "file" (the token
    // file) or "secret_store" (generated at first start).
    QString adminTokenSource() const { return m_adminTokenSource; }
    // Replaces the stored token. Throws Conflict "admin_token_managed_externally" when the
    // environment or a token file sets it (a new stored one would not be used).
    QString regenerateAdminToken();
    bool checkAdminToken(const QString &token) const; // constant-time compare

private:
    VendorStore &m_vendors;
    SecretStore &m_secrets;
    QByteArray m_hmacKey;
    QByteArray m_encKey;
    QString m_adminToken;
    QString m_adminTokenSource;
};
