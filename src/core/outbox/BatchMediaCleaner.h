#pragma once

#include "Entities.h"

#include <QHash>
#include <QObject>
#include <QString>

class MediaFetcher;
class OutboxQueue;

// Drops a batch's cached media file (MediaFetcher) once none of the batch's rows is `pending`
// or `sending` any more: every row sent, failed, expired or cancelled (docs/pipeline.md,
// "Download, cache and delivery"). Rows reaching a final status are collected and looked at
// together from the event loop, so a batch of thousands asks the database once.
class BatchMediaCleaner : public QObject
{
    Q_OBJECT
public:
    BatchMediaCleaner(OutboxQueue &queue, MediaFetcher &media, QObject *parent = nullptr);

    // A row's status changed; a media row with a final status may end its batch's file. A
    // row with messageType "unknown" and no mediaUrl names just its batch (the URL is looked
    // up later).
    void schedule(const Message &m);

private:
    void run();

    OutboxQueue &m_queue;
    MediaFetcher &m_media;
    struct BatchFile
    {
        qint64 vendorId = 0;
        QString batchId;
        QString url;
    };
    QHash<QString, BatchFile> m_pending; // key: vendor|batch|url
};
