#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <list>
#include <optional>

// Answer bodies kept by key within a byte budget, least recently used first out. Each entry
// remembers the store version (a change counter) it was built at and is a miss once that
// moved. A body larger than a share of the budget is not kept at all: one huge list must not
// push out every other vendor's pages (and is cheap to rebuild relative to its size).
// Not thread-safe: the API runs on one thread.
class AnswerCache
{
public:
    // budgetBytes: the most the kept bodies and keys add up to. maxEntryShare: an entry may
    // take at most budgetBytes / maxEntryShare.
    explicit AnswerCache(qint64 budgetBytes = 8LL * 1024 * 1024, int maxEntryShare = 8);

    std::optional<QByteArray> find(const QString &key, quint64 version);
    void insert(const QString &key, quint64 version, const QByteArray &body);

    qint64 bytes() const { return m_bytes; }
    qint64 budget() const { return m_budget; }
    int size() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        QString key;
        quint64 version = 0;
        QByteArray body;
    };
    static qint64 costOf(const QString &key, const QByteArray &body);
    void removeAt(std::list<Entry>::iterator it);

    qint64 m_budget;
    qint64 m_maxEntry;
    qint64 m_bytes = 0;
    std::list<Entry> m_entries; // most recently used first
    QHash<QString, std::list<Entry>::iterator> m_index;
};
