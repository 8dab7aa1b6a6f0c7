#pragma once

#include <QHash>
#include <QString>
#include <optional>

// What WhatsApp answered when a number asked whether a recipient is on WhatsApp, kept for a
// while so a batch to the same people does not ask once per message (docs/pipeline.md,
// "Before each send"): 6 h for a yes, 1 h for a no. Bounded: past kMaxEntries it starts over.
class RegistrationCache
{
public:
    // nullopt when not known: never asked, or the answer is too old.
    std::optional<bool> lookup(qint64 numberId, const QString &recipient, qint64 nowMs) const;
    void remember(qint64 numberId, const QString &recipient, bool registered, qint64 nowMs);
    int size() const { return int(m_entries.size()); }

    static constexpr qint64 kRegisteredTtlMs = 6LL * 3600 * 1000;
    static constexpr qint64 kNotRegisteredTtlMs = 3600LL * 1000;
    static constexpr int kMaxEntries = 200000;

private:
    static QString keyOf(qint64 numberId, const QString &recipient);

    struct Entry
    {
        bool registered = false;
        qint64 until = 0;
    };
    QHash<QString, Entry> m_entries;
};
