#include "outbox/AckBatcher.h"

#include "outbox/DispatchGuard.h"

#include <utility>

AckBatcher::AckBatcher(OutboxQueue &queue, Changed changed, QObject *parent)
    : QObject(parent), m_queue(queue), m_changed(std::move(changed))
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this]() { flush(); });
}

void AckBatcher::add(const OutboxQueue::Ack &ack)
{
    m_acks << ack;
    if (m_acks.size() >= kMaxBatch)
        flush();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(m_flushIntervalMs);
}

void AckBatcher::flush()
{
    if (m_acks.isEmpty())
        return;
    const QList<OutboxQueue::Ack> batch = std::exchange(m_acks, {});
    m_flushTimer.stop();
    dispatchGuarded("ack flush", [&]() {
        const QList<OutboxQueue::Change> changes = m_queue.recordAcks(batch);
        for (const OutboxQueue::Change &c : changes)
            m_changed(c);
    });
}
