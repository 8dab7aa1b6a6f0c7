#pragma once

#include "security/SecretStore.h"

#include <QHash>
#include <QMutex>

// The explicit fallback when no OS keychain is reachable (a headless server): a JSON object
// of base64 values in a file only the owner can read (0600), written atomically. Anyone who
// can read the data directory as this user can read the secrets; SecretStore::create() says so
// in the log when it picks this backend. A corrupt file is moved aside (<file>.corrupt-<ms>)
// with a warning and the store starts empty rather than crashing. Thread-safe.
class FileSecretStore : public SecretStore
{
public:
    explicit FileSecretStore(QString filePath);

    std::optional<QByteArray> read(const QString &key) override;
    bool write(const QString &key, const QByteArray &value) override;
    bool remove(const QString &key) override;
    QString backendName() const override { return QStringLiteral("file"); }

    QString filePath() const { return m_path; }

private:
    void loadLocked();
    bool saveLocked();

    QString m_path;
    QMutex m_mutex;
    bool m_loaded = false;
    QHash<QString, QByteArray> m_values;
};
