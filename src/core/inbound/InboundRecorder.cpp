#include "inbound/InboundRecorder.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "inbound/InboundStore.h"
#include "inbound/OptOutService.h"
#include "numbers/NumberStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcInbound, "wamator.inbound")

InboundRecorder::InboundRecorder(CoreServices &core, InboundStore &store, OptOutService &optOuts,
                                 QObject *parent)
    : QObject(parent), m_core(core), m_store(store), m_optOuts(optOuts)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kCoalesceMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(); });
}

InboundRecorder::~InboundRecorder() = default;

bool InboundRecorder::fillOwner(qint64 vendorId, qint64 numberId, InboundMessage &m)
{
    auto it = m_owners.constFind(numberId);
    if (it == m_owners.cend()) {
        const auto number = m_core.numbers().find(vendorId, numberId);
        if (!number)
            return false;
        it = m_owners.insert(numberId, Owner{number->vendorId, number->appUserId});
    }
    if (it->vendorId != vendorId)
        return false;
    m.vendorId = it->vendorId;
    m.appUserId = it->appUserId;
    m.numberId = numberId;
    return true;
}

void InboundRecorder::record(qint64 vendorId, qint64 numberId,
                             const QList<InboundMessage> &messages)
{
    for (InboundMessage m : messages) {
        if (!fillOwner(vendorId, numberId, m)) {
            qCWarning(lcInbound) << "number" << numberId << "of vendor" << vendorId
                                 << "is gone: dropped" << messages.size() << "incoming messages";
            return;
        }
        m_pending << m;
    }
    // A full batch is written now; the rest waits for the window (more may join it).
    while (m_pending.size() >= kMaxBatch)
        writeFront(kMaxBatch);
    if (m_pending.isEmpty())
        m_timer.stop();
    else if (!m_timer.isActive())
        m_timer.start();
}

QList<InboundMessage> InboundRecorder::flush()
{
    m_timer.stop();
    QList<InboundMessage> all;
    while (!m_pending.isEmpty())
        all << writeFront(kMaxBatch);
    return all;
}

QList<InboundMessage> InboundRecorder::writeFront(int count)
{
    const QList<InboundMessage> batch = m_pending.mid(0, count);
    m_pending.remove(0, batch.size());
    QList<InboundMessage> stored;
    try {
        stored = m_store.record(batch);
    } catch (const DomainError &e) {
        // Not lost for good: the number's next catch-up reads them from the page again.
        qCWarning(lcInbound).noquote()
            << "could not record" << batch.size() << "incoming messages:" << e.message();
        return stored;
    }
    // After the commit, and only for the new rows: a message WhatsApp re-emits or the
    // catch-up reads again announces nothing and opts nobody out twice.
    for (const InboundMessage &m : std::as_const(stored))
        m_core.events().publish(m.vendorId, MessageReceivedEvent{m.appUserId, m});
    for (const InboundMessage &m : std::as_const(stored))
        if (m.type == InboundMessage::kText)
            m_optOuts.handleIncoming(m);
    Q_EMIT recorded(stored);
    return stored;
}

QList<InboundMessage> InboundRecorder::recordNow(qint64 vendorId, qint64 numberId,
                                                 const QList<InboundMessage> &messages)
{
    record(vendorId, numberId, messages);
    return flush();
}
