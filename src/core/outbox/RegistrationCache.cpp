#include "outbox/RegistrationCache.h"

QString RegistrationCache::keyOf(qint64 numberId, const QString &recipient)
{
    return QString::number(numberId) + QLatin1Char('|') + recipient;
}

std::optional<bool> RegistrationCache::lookup(qint64 numberId, const QString &recipient,
                                              qint64 nowMs) const
{
    const auto cached = m_entries.constFind(keyOf(numberId, recipient));
    if (cached == m_entries.cend() || cached->until <= nowMs)
        return std::nullopt;
    return cached->registered;
}

void RegistrationCache::remember(qint64 numberId, const QString &recipient, bool registered,
                                 qint64 nowMs)
{
    if (m_entries.size() > kMaxEntries)
        m_entries.clear();
    m_entries.insert(keyOf(numberId, recipient),
                     {registered, nowMs + (registered ? kRegisteredTtlMs : kNotRegisteredTtlMs)});
}
