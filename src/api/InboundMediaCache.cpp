#include "InboundMediaCache.h"

#include "DomainError.h"
#include "messaging/MediaTypes.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

InboundMediaCache::InboundMediaCache(QString dir) : m_dir(std::move(dir)) {}

QString InboundMediaCache::pathFor(qint64 numberId, const QString &waMessageId,
                                   const char *suffix) const
{
    // WhatsApp ids are the customer's text as far as we know: hashed, never a path of theirs.
    const QByteArray key =
        QCryptographicHash::hash(
            (QString::number(numberId) + QLatin1Char('\n') + waMessageId).toUtf8(),
            QCryptographicHash::Sha256)
            .toHex()
            .left(40);
    return m_dir + QStringLiteral("/inbound-") + QString::fromLatin1(key) +
           QString::fromLatin1(suffix);
}

std::optional<InboundMediaCache::Entry> InboundMediaCache::find(qint64 numberId,
                                                                const QString &waMessageId) const
{
    QFile meta(pathFor(numberId, waMessageId, ".json"));
    if (!meta.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
    Entry e;
    e.path = pathFor(numberId, waMessageId, ".bin");
    e.size = o.value(QStringLiteral("size")).toInteger(-1);
    e.mimetype = o.value(QStringLiteral("mimetype")).toString();
    e.filename = o.value(QStringLiteral("filename")).toString();
    if (e.size < 0 || QFileInfo(e.path).size() != e.size)
        return std::nullopt; // torn or pruned: download again
    return e;
}

InboundMediaCache::Entry InboundMediaCache::store(qint64 numberId, const QString &waMessageId,
                                                  const QByteArray &bytes, const QString &mimetype,
                                                  const QString &filename)
{
    QDir().mkpath(m_dir);
    Entry e;
    e.path = pathFor(numberId, waMessageId, ".bin");
    e.size = bytes.size();
    e.mimetype = mimetype;
    e.filename = filename;
    QSaveFile data(e.path);
    if (!data.open(QIODevice::WriteOnly) || data.write(bytes) != bytes.size() || !data.commit())
        throw DomainError::internal(QStringLiteral("cannot write the media cache file %1: %2")
                                        .arg(e.path, data.errorString()));
    const QJsonObject o{{QStringLiteral("size"), e.size},
                        {QStringLiteral("mimetype"), mimetype},
                        {QStringLiteral("filename"), filename}};
    QSaveFile meta(pathFor(numberId, waMessageId, ".json"));
    if (!meta.open(QIODevice::WriteOnly) ||
        meta.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0 || !meta.commit())
        throw DomainError::internal(QStringLiteral("cannot write the media cache file %1: %2")
                                        .arg(meta.fileName(), meta.errorString()));
    return e;
}

qint64 InboundMediaCache::limitFor(const QString &mimetype)
{
    const MediaTypes::Kind kind = MediaTypes::kindForMimeType(mimetype);
    return MediaTypes::maxBytes(kind == MediaTypes::Kind::Unsupported ? MediaTypes::Kind::Document
                                                                      : kind);
}
