#pragma once

#include "security/SecretStore.h"

#include <QHash>
#include <QMutex>

// Secrets kept in process memory only: tests, and WAMATOR_SECRET_BACKEND=memory (every start
// then gets new keys, so API keys from a previous run stop working). Thread-safe.
class MemorySecretStore : public SecretStore
{
public:
    std::optional<QByteArray> read(const QString &key) override;
    bool write(const QString &key, const QByteArray &value) override;
    bool remove(const QString &key) override;
    QString backendName() const override { return QStringLiteral("memory"); }

private:
    QMutex m_mutex;
    QHash<QString, QByteArray> m_values;
};
