#include "AnswerCache.h"

#include <algorithm>

AnswerCache::AnswerCache(qint64 budgetBytes, int maxEntryShare)
    : m_budget(std::max<qint64>(0, budgetBytes)), m_maxEntry(m_budget / std::max(1, maxEntryShare))
{
}

qint64 AnswerCache::costOf(const QString &key, const QByteArray &body)
{
    // The bytes the entry holds on to (bookkeeping overhead aside, which is per entry and
    // small next to a list answer).
    return body.size() + key.size() * qint64(sizeof(QChar));
}

std::optional<QByteArray> AnswerCache::find(const QString &key, quint64 version)
{
    const auto it = m_index.constFind(key);
    if (it == m_index.cend())
        return std::nullopt;
    const auto entry = *it;
    if (entry->version != version) {
        removeAt(entry); // stale: it can never be served again
        return std::nullopt;
    }
    m_entries.splice(m_entries.begin(), m_entries, entry);
    return entry->body;
}

void AnswerCache::insert(const QString &key, quint64 version, const QByteArray &body)
{
    if (const auto it = m_index.constFind(key); it != m_index.cend())
        removeAt(*it);
    const qint64 cost = costOf(key, body);
    if (cost > m_maxEntry)
        return;
    while (!m_entries.empty() && m_bytes + cost > m_budget)
        removeAt(std::prev(m_entries.end()));
    m_entries.push_front(Entry{key, version, body});
    m_index.insert(key, m_entries.begin());
    m_bytes += cost;
}

void AnswerCache::removeAt(std::list<Entry>::iterator it)
{
    m_bytes -= costOf(it->key, it->body);
    m_index.remove(it->key);
    m_entries.erase(it);
}
