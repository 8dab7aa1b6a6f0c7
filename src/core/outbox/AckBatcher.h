#pragma once

#include "outbox/OutboxQueue.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <functional>

// Writes WhatsApp's acks (sent, delivered, read) to the outbox in batches: one transaction per
// flush, every kDefaultFlushIntervalMs or kMaxBatch acks, whichever comes first. At hundreds
// of messages per second a transaction per ack would be the bottleneck. A crash before a flush
// is healed by reconciliation (the row is still `sending` with its id; docs/pipeline.md,
// "Crash safety"). `changed` runs for every status the flush moved, after the write.
class AckBatcher : public QObject
{
    Q_OBJECT
public:
    using Changed = std::function<void(const OutboxQueue::Change &)>;
    AckBatcher(OutboxQueue &queue, Changed changed, QObject *parent = nullptr);

    void add(const OutboxQueue::Ack &ack);
    void flush();
    bool isEmpty() const { return m_acks.isEmpty(); }
    int size() const { return int(m_acks.size()); }

    void setFlushIntervalMs(int ms) { m_flushIntervalMs = ms; }
    static constexpr int kDefaultFlushIntervalMs = 20;
    static constexpr int kMaxBatch = 500;

private:
    OutboxQueue &m_queue;
    Changed m_changed;
    QList<OutboxQueue::Ack> m_acks;
    QTimer m_flushTimer;
    int m_flushIntervalMs = kDefaultFlushIntervalMs;
};
