#pragma once

#include <QString>
#include <QUrl>
#include <optional>

// What kind of WhatsApp message a media file becomes (api.md: image|video|audio|document),
// decided from the HTTP Content-Type and/or the URL path's extension via QMimeDatabase, and the
// per-kind size limits (image/video/audio 16 MB, document 100 MB). Kinds WhatsApp cannot send
// (an HTML error page, an executable, an unknown blob) come back as Unsupported so the
// pipeline can fail the messages with `media_unsupported`. Textual answers (text/*, JSON, XML,
// scripts, SVG) are never media: they are what error pages, APIs and internal services answer
// with, and accepting them would let a media URL read such an answer out (SSRF). Thread-safe.
class MediaTypes
{
public:
    enum class Kind
    {
        Unsupported,
        Image,
        Video,
        Audio,
        Document
    };

    struct Detected
    {
        Kind kind = Kind::Unsupported;
        QString mimeType; // canonical name, e.g. "image/jpeg"; empty when nothing matched
        QString fileName; // last path segment of the URL, or "file.<ext>" when the URL has none
    };

    // A specific Content-Type wins (parameters such as "; charset=" are ignored); an empty or
    // generic one (application/octet-stream) defers to the URL's extension.
    static Detected detect(const QUrl &url, const QString &contentType = {});
    static Kind kindForMimeType(const QString &mimeType);
    static Kind kindForUrl(const QUrl &url);

    // "image", "video", "audio", "document"; "" for Unsupported.
    static QString typeName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);

    static qint64 maxBytes(Kind kind); // 0 for Unsupported
    static bool withinLimit(Kind kind, qint64 bytes)
    {
        return bytes >= 0 && bytes <= maxBytes(kind);
    }

    static constexpr qint64 kMediaLimitBytes = 16LL * 1024 * 1024;
    static constexpr qint64 kDocumentLimitBytes = 100LL * 1024 * 1024;
};
