#pragma once

#include "Entities.h"
#include "outbox/OutboxQueue.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <functional>

class MessageSender;

// Crash safety (docs/pipeline.md, "Crash safety"): rows left `sending` whose fate is unknown
// — a previous run stopped between the claim and the ack, or a session went away mid-send —
// are checked with their number's session by the WhatsApp id stored at the claim
// (MessageSender::hasMessage) before that number sends anything else:
//   held with a server ack → recorded by that ack (no resend); held at ack 0 / −1 → a
//   transient failure (the retry asks again first); not held → back to `pending`, free for
//   any ready number of the user; no answer → asked again a second later.
// The dispatcher applies the outcomes through Hooks and keeps the number from sending while
// busy(numberId).
class OutboxReconciler : public QObject
{
    Q_OBJECT
public:
    struct Hooks
    {
        std::function<void(const Message &, qint64 atMs)> publish; // a status was written
        std::function<void(const OutboxQueue::Ack &)> ack;         // held with a server ack
        // Held but not out (ack 0 or −1): retry later as after a transient failure.
        std::function<void(const Message &, const QString &error)> retry;
        std::function<void(const OutboxQueue::UserKey &)> wake; // the user's rows may go
        std::function<bool(qint64 numberId)> numberReady;
        std::function<void(qint64 numberId)> finished; // every row answered: may send again
    };
    OutboxReconciler(OutboxQueue &queue, MessageSender &sender, Hooks hooks,
                     QObject *parent = nullptr);

    // Start-up: takes the rows a previous run left in `sending`. Those never handed out (no
    // WhatsApp id or number) go back to `pending` at once; the others wait for their number.
    // Returns how many rows were found.
    int takeOver(qint64 nowMs);

    void add(qint64 numberId, const Message &m) { m_rows[numberId] << m; }
    bool hasRows(qint64 numberId) const { return m_rows.contains(numberId); }
    bool busy(qint64 numberId) const { return m_busy.contains(numberId); }
    // Checks every row waiting for this (ready) number; finished(numberId) once all answered
    // (at once when there is none).
    void reconcile(qint64 numberId);
    qint64 checks() const { return m_checks; } // rows asked about since start

private:
    OutboxQueue &m_queue;
    MessageSender &m_sender;
    Hooks m_hooks;
    QHash<qint64, QList<Message>> m_rows; // numberId → sending rows to check
    QSet<qint64> m_busy;                  // numbers whose checks are under way
    qint64 m_checks = 0;
};
