#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

// Where long-lived secrets live (API-key HMAC and encryption keys, the admin token).
// Implementations: KeychainSecretStore (qtkeychain, the OS keychain), FileSecretStore (the
// explicit, logged fallback when no keychain backend exists: a 0600 file in the data dir),
// MemorySecretStore (tests). SecretStore::create() picks keychain and falls back loudly.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    virtual std::optional<QByteArray> read(const QString &key) = 0;
    virtual bool write(const QString &key, const QByteArray &value) = 0;
    virtual bool remove(const QString &key) = 0;
    virtual QString backendName() const = 0;

    // Tries the keychain (a round trip with a probe entry); if it fails, logs a warning naming
    // the reason and returns a FileSecretStore under dataDir. WAMATOR_SECRET_BACKEND=file|keychain
    // forces one.
    static std::unique_ptr<SecretStore> create(const QString &dataDir);
};
