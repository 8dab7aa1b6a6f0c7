#pragma once

#include "inbound/InboundMessage.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

class CoreServices;
class InboundStore;
class OptOutService;

// Records what the pages hear (InboundListener) through one path: coalesces the messages that
// arrive within a few milliseconds into one transaction (InboundStore::record, exactly once),
// then, for the newly stored ones only, publishes message_received and hands text messages to
// the opt-out rule. A message held in the coalescing window when the process dies is not lost:
// the catch-up after the restart reads it back from the page (docs/inbound.md).
// Lives on the main thread (owned by CoreServices).
class InboundRecorder : public QObject
{
    Q_OBJECT
public:
    InboundRecorder(CoreServices &core, InboundStore &store, OptOutService &optOuts,
                    QObject *parent = nullptr);
    ~InboundRecorder() override;

    // How long messages are held to be written together.
    static constexpr int kCoalesceMs = 5;
    // At most this many are written in one transaction (a bigger burst takes several).
    static constexpr int kMaxBatch = 2000;

    // Queues messages the vendor's number received (fields from the page; the user is filled
    // from the number here; a number that is gone drops them). Written within kCoalesceMs, or at
    // once by flush().
    void record(qint64 vendorId, qint64 numberId, const QList<InboundMessage> &messages);
    // Writes what is queued now; returns the newly stored rows (after their events).
    QList<InboundMessage> flush();
    // record() + flush(): for the catch-up and tests.
    QList<InboundMessage> recordNow(qint64 vendorId, qint64 numberId,
                                    const QList<InboundMessage> &messages);

    int queued() const { return int(m_pending.size()); }

Q_SIGNALS:
    // After each written batch: the rows that were new (possibly none).
    void recorded(const QList<InboundMessage> &messages);

private:
    bool fillOwner(qint64 vendorId, qint64 numberId, InboundMessage &m);
    // Writes the first `count` queued messages in one transaction; the new ones.
    QList<InboundMessage> writeFront(int count);

    CoreServices &m_core;
    InboundStore &m_store;
    OptOutService &m_optOuts;
    QList<InboundMessage> m_pending;
    QTimer m_timer;
    struct Owner
    {
        qint64 vendorId = 0;
        qint64 appUserId = 0;
    };
    QHash<qint64, Owner> m_owners; // numberId → its vendor and user
};
