#pragma once

#include "Entities.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <optional>

class PhoneNormalizer;
class VendorStore;
class SecretStore;

// Vendor registration, login, API keys and the operator's admin token: the only code that
// touches passwords and keys. API keys: 256-bit random, stored as HMAC-SHA256 (lookup) and
// secretbox ciphertext (shown again at login); both keys live in the SecretStore.
class VendorAccounts
{
public:
    // `phones` normalises a vendor's phone_number (E.164 digits, default region of the settings).
    VendorAccounts(VendorStore &vendors, SecretStore &secrets, const PhoneNormalizer &phones);

    // An admin token shorter than this is refused: it guards every vendor's data.
    static constexpr int MinAdminTokenLength = 32;

    // Loads or creates the HMAC/encryption keys and the admin token (WAMATOR_ADMIN_TOKEN and
    // the token file, when given, win over the stored one). Throws DomainError if the secret
    // store cannot be written, or Unavailable "admin_token_too_short" when the environment or
    // the file sets a token of fewer than MinAdminTokenLength characters (a stored one that
    // short, which Wamator never generates, is replaced by a new one).
    void init(const QString &adminTokenFile = {});

    struct Issued
    {
        Vendor vendor;
        QString apiKey;
    };
    // A registration checked and normalised, its password not hashed yet.
    struct Registration
    {
        Vendor vendor;
        QString password;
    };
    // Validation ("validation_failed" with field; phone_number must be a valid number, made
    // E.164 digits like every phone), Conflict "email_taken" at once, before any Argon2id.
    Registration checkRegistration(const QString &name, const QString &email,
                                   const QString &password, const QString &companyName,
                                   const QString &phoneNumber) const;
    // The insert, with the hash made from registration.password. The database's UNIQUE email
    // decides again, so of two concurrent registrations of one email exactly one succeeds and
    // the other gets Conflict "email_taken".
    Issued completeRegistration(const Registration &registration, const QString &passwordHash);
    // All of it on the calling thread (the window, demo data, tests). The API hashes on the
    // password pool instead (Crypto::hashPasswordAsync) between the two steps above.
    Issued registerVendor(const QString &name, const QString &email, const QString &password,
                          const QString &companyName, const QString &phoneNumber);

    // Login in steps, for callers that verify the password off their thread.
    struct LoginCheck
    {
        std::optional<Vendor> vendor;
        QString passwordHash; // empty for an unknown email (Crypto::verifyPassword then fails)
    };
    LoginCheck lookupLogin(const QString &email) const;
    // After Crypto::verifyPassword(password, check.passwordHash): Unauthorized
    // "invalid_credentials", or the vendor with its current key.
    Issued completeLogin(const LoginCheck &check, bool passwordMatches);
    // Unauthorized "invalid_credentials".
    Issued login(const QString &email, const QString &password);

    // The vendor's profile, for PUT /vendors/update and the window alike: absent fields stay;
    // name must not be empty; phone_number is normalised as at registration. NotFound.
    Vendor updateProfile(qint64 vendorId, const std::optional<QString> &name,
                         const std::optional<QString> &companyName,
                         const std::optional<QString> &phoneNumber);
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
    // How many API keys' HMACs are remembered now (bounded by kMaxRememberedKeyHashes).
    qsizetype rememberedKeyHashes() const;
    static constexpr qsizetype kMaxRememberedKeyHashes = 1024;

private:
    QString normalizedPhone(const QString &raw) const;
    // HMAC of an API key, remembered for the keys recently presented (see authenticate()).
    QString keyHash(const QString &key) const;

    VendorStore &m_vendors;
    SecretStore &m_secrets;
    const PhoneNormalizer &m_phones;
    QByteArray m_hmacKey;
    QByteArray m_encKey;
    QString m_adminToken;
    QString m_adminTokenSource;
    mutable QMutex m_keyHashesMutex; // authenticate() is called from more than one thread
    mutable QHash<QString, QString> m_keyHashes; // API key -> its HMAC, bounded
};
