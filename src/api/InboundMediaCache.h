#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// The bytes of a customer's media (GET /messages/inbound/:id/media): downloaded through the
// number's page on the first request, then answered from disk, also when the number is no
// longer connected. The files live in the outgoing media's cache directory (<data>/media,
// MediaFetcher's), named "inbound-<key>.{bin,json}", so the start-up housekeeping that ages
// out the outgoing files (MediaFetcher::pruneDisk) ages these out too; the size limit is the
// outgoing one for the same kind (MediaTypes::maxBytes: image, video, audio 16 MB, the rest
// 100 MB as documents).
class InboundMediaCache
{
public:
    struct Entry
    {
        QString path; // the bytes
        qint64 size = 0;
        QString mimetype;
        QString filename;
    };

    explicit InboundMediaCache(QString dir);

    // The cached file of a number's message, or nullopt (never cached, or torn: download again).
    std::optional<Entry> find(qint64 numberId, const QString &waMessageId) const;
    // Keeps the bytes (the data file first, then its description: a crash in between leaves
    // nothing that find() accepts). Throws DomainError internal when the disk refuses.
    Entry store(qint64 numberId, const QString &waMessageId, const QByteArray &bytes,
                const QString &mimetype, const QString &filename);

    // The most bytes a file of this MIME type may have: the outgoing limit of its kind; a type
    // WhatsApp would not show inline counts as a document.
    static qint64 limitFor(const QString &mimetype);

private:
    QString pathFor(qint64 numberId, const QString &waMessageId, const char *suffix) const;

    QString m_dir;
};
