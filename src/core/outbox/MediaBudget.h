#pragma once

#include <QList>
#include <QObject>
#include <functional>
#include <memory>
#include <utility>

// The media bytes handed to WhatsApp sessions at once, across all numbers (docs/pipeline.md,
// "Bytes in flight"): a send whose file would pass the cap waits until earlier sends give
// their bytes back; a single file over the cap goes alone. First come, first served.
class MediaBudget : public QObject
{
    Q_OBJECT
public:
    // A lease holds its bytes until its last copy goes (the send's completion keeps one).
    using Lease = std::shared_ptr<void>;
    using Granted = std::function<void(Lease)>;

    explicit MediaBudget(QObject *parent = nullptr) : QObject(parent) {}

    // `granted` runs later, from the event loop, once the bytes fit.
    void acquire(qint64 bytes, Granted granted);

    void setCap(qint64 bytes) { m_cap = std::max<qint64>(1, bytes); }
    qint64 cap() const { return m_cap; }
    qint64 bytesInFlight() const { return m_inFlight; }
    int waiting() const { return int(m_waiters.size()); }
    static constexpr qint64 kDefaultCap = 256LL * 1024 * 1024;

private:
    Lease makeLease(qint64 bytes);
    void release(qint64 bytes);

    qint64 m_cap = kDefaultCap;
    qint64 m_inFlight = 0;
    QList<std::pair<qint64, Granted>> m_waiters;
};
