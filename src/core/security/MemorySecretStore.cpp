#include "security/MemorySecretStore.h"

std::optional<QByteArray> MemorySecretStore::read(const QString &key)
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_values.constFind(key);
    if (it == m_values.cend())
        return std::nullopt;
    return *it;
}

bool MemorySecretStore::write(const QString &key, const QByteArray &value)
{
    const QMutexLocker lock(&m_mutex);
    m_values.insert(key, value);
    return true;
}

bool MemorySecretStore::remove(const QString &key)
{
    const QMutexLocker lock(&m_mutex);
    return m_values.remove(key) > 0;
}
