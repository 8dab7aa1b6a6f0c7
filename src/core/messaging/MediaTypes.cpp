#include "messaging/MediaTypes.h"

#include <QFileInfo>
#include <QMimeDatabase>
#include <QMimeType>
#include <QSet>

namespace {

// What WhatsApp Web sends inline as image / video / audio. Other image/video/audio types
// (TIFF, MKV, FLAC, ...) can still be delivered, as a document.
const QSet<QString> &inlineImages()
{
    static const QSet<QString> s{QStringLiteral("image/jpeg"), QStringLiteral("image/png"),
                                 QStringLiteral("image/webp"), QStringLiteral("image/gif")};
    return s;
}
const QSet<QString> &inlineVideos()
{
    static const QSet<QString> s{QStringLiteral("video/mp4"), QStringLiteral("video/3gpp"),
                                 QStringLiteral("video/3gpp2")};
    return s;
}
const QSet<QString> &inlineAudios()
{
    static const QSet<QString> s{
        QStringLiteral("audio/aac"),         QStringLiteral("audio/mp4"),
        QStringLiteral("audio/mpeg"),        QStringLiteral("audio/amr"),
        QStringLiteral("audio/ogg"),         QStringLiteral("audio/x-opus+ogg"),
        QStringLiteral("audio/opus"),        QStringLiteral("audio/x-m4a"),
        QStringLiteral("audio/x-vorbis+ogg")};
    return s;
}

// Documents people actually send. An allow-list rather than "anything": a URL that answers
// with text/html is an error or login page, and executables have no business in a chat.
bool isDocument(const QMimeType &t)
{
    static const QSet<QString> exact{
        QStringLiteral("application/pdf"),
        QStringLiteral("application/msword"),
        QStringLiteral("application/vnd.ms-excel"),
        QStringLiteral("application/vnd.ms-powerpoint"),
        QStringLiteral("application/rtf"),
        QStringLiteral("application/zip"),
        QStringLiteral("application/gzip"),
        QStringLiteral("application/x-7z-compressed"),
        QStringLiteral("application/vnd.rar"),
        QStringLiteral("application/x-rar"),
        QStringLiteral("application/x-rar-compressed"),
        QStringLiteral("application/x-tar"),
        QStringLiteral("application/x-compressed-tar"),
        QStringLiteral("application/epub+zip"),
        QStringLiteral("application/vnd.android.package-archive"),
    };
    const QString name = t.name();
    if (exact.contains(name))
        return true;
    if (name.startsWith(QLatin1String("application/vnd.openxmlformats-officedocument.")) ||
        name.startsWith(QLatin1String("application/vnd.oasis.opendocument.")) ||
        name.startsWith(QLatin1String("application/vnd.ms-")))
        return true;
    // Media WhatsApp cannot play inline still travels as a file.
    return name.startsWith(QLatin1String("image/")) || name.startsWith(QLatin1String("video/")) ||
           name.startsWith(QLatin1String("audio/"));
}

// What web servers, APIs and internal services answer with (pages, error bodies, JSON, XML,
// scripts, SVG): never a media file. A media URL that answers with one of these is an error
// page at best, and at worst a way to read an internal service's answer through WhatsApp, so
// it is refused whatever the URL's extension says (media_unsupported).
bool isTextual(const QString &name)
{
    return name.startsWith(QLatin1String("text/")) || name.endsWith(QLatin1String("+json")) ||
           name.endsWith(QLatin1String("+xml")) || name == QLatin1String("application/json") ||
           name == QLatin1String("application/xml") ||
           name == QLatin1String("application/javascript") ||
           name == QLatin1String("application/ecmascript") ||
           name == QLatin1String("application/x-javascript") ||
           name == QLatin1String("application/x-www-form-urlencoded") ||
           name == QLatin1String("application/xhtml+xml") ||
           name == QLatin1String("application/x-yaml") ||
           name == QLatin1String("application/yaml") || name == QLatin1String("application/toml");
}

bool isGeneric(const QString &name)
{
    return name.isEmpty() || name == QLatin1String("application/octet-stream") ||
           name == QLatin1String("binary/octet-stream") ||
           name == QLatin1String("application/binary") ||
           name == QLatin1String("application/unknown");
}

// Resolves aliases ("image/jpg", "audio/mp3") to the database's canonical name; unknown
// names stay as given, lower-cased.
QMimeType mimeForName(const QString &raw)
{
    const QString name = raw.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    static const QHash<QString, QString> extraAliases{
        {QStringLiteral("image/jpg"), QStringLiteral("image/jpeg")},
        {QStringLiteral("image/pjpeg"), QStringLiteral("image/jpeg")},
        {QStringLiteral("audio/mp3"), QStringLiteral("audio/mpeg")},
        {QStringLiteral("audio/x-mp3"), QStringLiteral("audio/mpeg")},
        {QStringLiteral("audio/m4a"), QStringLiteral("audio/mp4")},
    };
    QMimeDatabase db;
    return db.mimeTypeForName(extraAliases.value(name, name));
}

MediaTypes::Kind classify(const QMimeType &t)
{
    if (!t.isValid() || isGeneric(t.name()))
        return MediaTypes::Kind::Unsupported;
    const QString name = t.name();
    if (isTextual(name) || t.inherits(QStringLiteral("text/plain")))
        return MediaTypes::Kind::Unsupported;
    if (inlineImages().contains(name))
        return MediaTypes::Kind::Image;
    if (inlineVideos().contains(name))
        return MediaTypes::Kind::Video;
    if (inlineAudios().contains(name))
        return MediaTypes::Kind::Audio;
    if (isDocument(t))
        return MediaTypes::Kind::Document;
    return MediaTypes::Kind::Unsupported;
}

QMimeType mimeForUrl(const QUrl &url)
{
    const QString fileName = QFileInfo(url.path()).fileName();
    if (fileName.isEmpty() || !fileName.contains(QLatin1Char('.')))
        return {};
    QMimeDatabase db;
    return db.mimeTypeForFile(fileName, QMimeDatabase::MatchExtension);
}

} // namespace

MediaTypes::Detected MediaTypes::detect(const QUrl &url, const QString &contentType)
{
    Detected d;
    // A textual answer is refused even when the MIME database does not know the name (an
    // "application/problem+json" must not defer to a ".png" in the URL).
    const QString rawName = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (isTextual(rawName)) {
        d.mimeType = rawName;
        d.fileName = QFileInfo(url.path()).fileName();
        if (d.fileName.isEmpty())
            d.fileName = QStringLiteral("file");
        return d;
    }
    QMimeType type;
    const QMimeType fromHeader = mimeForName(contentType);
    if (fromHeader.isValid() && !isGeneric(fromHeader.name()))
        type = fromHeader;
    else
        type = mimeForUrl(url);

    if (type.isValid() && !isGeneric(type.name())) {
        d.mimeType = type.name();
        d.kind = classify(type);
    }

    d.fileName = QFileInfo(url.path()).fileName();
    if (d.fileName.isEmpty()) {
        const QString suffix = type.isValid() ? type.preferredSuffix() : QString();
        d.fileName = suffix.isEmpty() ? QStringLiteral("file") : QStringLiteral("file.") + suffix;
    }
    return d;
}

MediaTypes::Kind MediaTypes::kindForMimeType(const QString &mimeType)
{
    return classify(mimeForName(mimeType));
}

MediaTypes::Kind MediaTypes::kindForUrl(const QUrl &url)
{
    return classify(mimeForUrl(url));
}

MediaTypes::Kind MediaTypes::kindBeforeDownload(const QUrl &url)
{
    const Kind kind = kindForUrl(url);
    return kind == Kind::Unsupported ? Kind::Document : kind;
}

QString MediaTypes::typeName(Kind kind)
{
    switch (kind) {
    case Kind::Image:
        return QStringLiteral("image");
    case Kind::Video:
        return QStringLiteral("video");
    case Kind::Audio:
        return QStringLiteral("audio");
    case Kind::Document:
        return QStringLiteral("document");
    case Kind::Unsupported:
        break;
    }
    return {};
}

std::optional<MediaTypes::Kind> MediaTypes::kindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("image"))
        return Kind::Image;
    if (n == QLatin1String("video"))
        return Kind::Video;
    if (n == QLatin1String("audio"))
        return Kind::Audio;
    if (n == QLatin1String("document"))
        return Kind::Document;
    return std::nullopt;
}

qint64 MediaTypes::maxBytes(Kind kind)
{
    switch (kind) {
    case Kind::Image:
    case Kind::Video:
    case Kind::Audio:
        return kMediaLimitBytes;
    case Kind::Document:
        return kDocumentLimitBytes;
    case Kind::Unsupported:
        break;
    }
    return 0;
}
