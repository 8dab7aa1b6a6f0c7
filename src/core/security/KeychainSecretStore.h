#pragma once

#include "security/SecretStore.h"

// The OS keychain through qtkeychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows). qtkeychain jobs are asynchronous: each call here runs one in a local
// QEventLoop with a timeout, so it must be called from a thread that may spin an event loop
// (the main thread at start-up). Entries are named "<key>" under the service
// "wamator:<data dir>" so that two data directories never share secrets.
//
// read() returns nullopt only when the entry does not exist; when the keychain itself fails
// (locked, no backend, timeout) it throws DomainError Unavailable "secret_store_unavailable",
// because silently treating that as "no key yet" would replace the keys and invalidate every
// API key already issued.
class KeychainSecretStore : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service, int timeoutMs = 15000);

    std::optional<QByteArray> read(const QString &key) override;
    bool write(const QString &key, const QByteArray &value) override;
    bool remove(const QString &key) override;
    QString backendName() const override { return QStringLiteral("keychain"); }

    QString service() const { return m_service; }
    // A write/read/delete round trip with a probe entry. Empty on success, else the reason.
    QString probe();
    // The error text of the last failed call, for logs.
    QString lastError() const { return m_lastError; }

    static QString serviceForDataDir(const QString &dataDir);

private:
    QString m_service;
    int m_timeoutMs;
    QString m_lastError;
};
