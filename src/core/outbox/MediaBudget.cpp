#include "outbox/MediaBudget.h"

#include <QPointer>
#include <QTimer>
#include <algorithm>

void MediaBudget::acquire(qint64 bytes, Granted granted)
{
    // First come, first served: a small file does not overtake a big one that waits.
    if (m_waiters.isEmpty() && (m_inFlight == 0 || m_inFlight + bytes <= m_cap)) {
        Lease lease = makeLease(bytes);
        QTimer::singleShot(0, this, [granted = std::move(granted), lease]() { granted(lease); });
        return;
    }
    m_waiters.append({bytes, std::move(granted)});
}

MediaBudget::Lease MediaBudget::makeLease(qint64 bytes)
{
    m_inFlight += bytes;
    QPointer<MediaBudget> self(this);
    return Lease(new char, [self, bytes](void *p) {
        delete static_cast<char *>(p);
        if (self)
            self->release(bytes);
    });
}

void MediaBudget::release(qint64 bytes)
{
    m_inFlight = std::max<qint64>(0, m_inFlight - bytes);
    while (!m_waiters.isEmpty()) {
        const qint64 next = m_waiters.first().first;
        if (m_inFlight != 0 && m_inFlight + next > m_cap)
            break;
        auto waiter = m_waiters.takeFirst();
        Lease lease = makeLease(next);
        // Later: this may run inside the destruction of the last copy of another lease.
        QTimer::singleShot(0, this,
                           [granted = std::move(waiter.second), lease]() { granted(lease); });
    }
}
