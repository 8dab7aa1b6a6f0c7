#include "outbox/BatchMediaCleaner.h"

#include "messaging/MediaFetcher.h"
#include "outbox/DispatchGuard.h"
#include "outbox/OutboxQueue.h"

#include <QTimer>
#include <utility>

BatchMediaCleaner::BatchMediaCleaner(OutboxQueue &queue, MediaFetcher &media, QObject *parent)
    : QObject(parent), m_queue(queue), m_media(media)
{
}

void BatchMediaCleaner::schedule(const Message &m)
{
    if (m.messageType == QLatin1String("text") || m.batchId.isEmpty() ||
        m.status == MessageStatus::Pending || m.status == MessageStatus::Sending)
        return;
    const QString key =
        QString::number(m.vendorId) + QLatin1Char('|') + m.batchId + QLatin1Char('|') + m.mediaUrl;
    if (m_pending.isEmpty())
        QTimer::singleShot(0, this, [this]() { run(); });
    m_pending.insert(key, {m.vendorId, m.batchId, m.mediaUrl});
}

void BatchMediaCleaner::run()
{
    const QHash<QString, BatchFile> batches = std::exchange(m_pending, {});
    dispatchGuarded("media cleanup", [&]() {
        for (const BatchFile &b : batches) {
            // A row still pending (a retry, one waiting for the budget) or sending (its send
            // not acknowledged yet) may read the file: keep it.
            if (m_queue.batchHasOpenRows(b.vendorId, b.batchId))
                continue;
            const QString url =
                b.url.isEmpty() ? m_queue.batchMediaUrl(b.vendorId, b.batchId) : b.url;
            if (!url.isEmpty())
                m_media.forgetBatch(b.batchId, url);
        }
    });
}
