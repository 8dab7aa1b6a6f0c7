#include "outbox/OutboxReconciler.h"

#include "outbox/DispatchGuard.h"
#include "outbox/MessageSender.h"
#include "platform/Clock.h"

#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <memory>
#include <utility>

OutboxReconciler::OutboxReconciler(OutboxQueue &queue, MessageSender &sender, Hooks hooks,
                                   QObject *parent)
    : QObject(parent), m_queue(queue), m_sender(sender), m_hooks(std::move(hooks))
{
}

int OutboxReconciler::takeOver(qint64 now)
{
    // Rows a previous run left in `sending`: they were claimed, maybe handed to WhatsApp.
    // Each is checked against its number's session before that number sends anything.
    const QList<Message> sending = m_queue.listSendingForReconciliation();
    for (Message m : sending) {
        if (m.waMessageId.isEmpty() || m.numberId == 0) {
            if (m_queue.returnToPending(m.vendorId, m.id, now)) {
                m.status = MessageStatus::Pending;
                m_hooks.publish(m, now);
            }
            continue;
        }
        m_rows[m.numberId] << m;
    }
    return int(sending.size());
}

void OutboxReconciler::reconcile(qint64 numberId)
{
    QList<Message> rows = m_rows.take(numberId);
    if (rows.isEmpty()) {
        m_hooks.finished(numberId);
        return;
    }
    m_busy.insert(numberId);
    auto remaining = std::make_shared<int>(int(rows.size()));
    QPointer<OutboxReconciler> self(this);
    auto oneDone = [self, numberId, remaining]() {
        if (--*remaining > 0 || !self)
            return;
        self->m_busy.remove(numberId);
        if (self->m_rows.contains(numberId) && self->m_hooks.numberReady(numberId)) {
            // Some checks could not be answered: try again shortly, still before any send.
            self->m_busy.insert(numberId);
            QTimer::singleShot(1000, self.data(), [self, numberId]() {
                self->m_busy.remove(numberId);
                if (self->m_hooks.numberReady(numberId))
                    self->reconcile(numberId);
            });
            return;
        }
        self->m_hooks.finished(numberId);
    };
    for (const Message &m : std::as_const(rows)) {
        ++m_checks;
        m_sender.hasMessage(
            numberId, m.recipient, m.waMessageId,
            [self, numberId, m, oneDone](MessageSender::Outcome o, bool exists, int ack) {
                if (!self)
                    return;
                dispatchGuarded("reconcile", [&]() {
                    OutboxReconciler *r = self.data();
                    const qint64 now = Clock::nowMs();
                    if (o.code != MessageSender::Outcome::Code::Ok) {
                        r->m_rows[numberId] << m;
                    } else if (exists && ack >= 1) {
                        for (int a = 1; a <= std::min(ack, 3); ++a)
                            r->m_hooks.ack({numberId, m.waMessageId, a, now});
                    } else if (exists) {
                        // Held but not acknowledged by the server (ack 0) or failed there (-1):
                        // retry after a backoff; the retry asks again by this id first, so if
                        // WhatsApp gets it out meanwhile it is recorded, not sent twice.
                        r->m_hooks.retry(m, ack == 0 ? QStringLiteral("ERROR_PENDING")
                                                     : QStringLiteral("ERROR_UNKNOWN"));
                        r->m_hooks.wake({m.vendorId, m.appUserId});
                    } else {
                        Message back = m;
                        if (r->m_queue.returnToPending(m.vendorId, m.id, now)) {
                            back.status = MessageStatus::Pending;
                            r->m_hooks.publish(back, now);
                        }
                        r->m_hooks.wake({m.vendorId, m.appUserId});
                    }
                });
                oneDone();
            });
    }
}
