#pragma once

#include <QString>
#include <QUrl>
#include <optional>

// What kind of WhatsApp message a media file becomes (api.md: image|video|audio|document),
// decided from the HTTP Content-Type and/or the URL path's extension via QMimeDatabase, and the
// per-kind size limits (image/video/audio 16 MB, document 100 MB). This is the only place the
// kind is decided: MessageComposer asks kindBeforeDownload() for the provisional message_type,
// MediaFetcher asks detect() with the download's Content-Type for the final one and hands it on
// in MessageSender::Media::kind, and the WhatsApp sender passes that kind to the page as it is
// (an image/tiff is a Document here, so it goes as a document, not as an image). Kinds
// WhatsApp cannot send (an HTML error page, an executable, an unknown blob) come back as
// Unsupported so the pipeline can fail the messages with `media_unsupported`. Textual answers
// (text/*, JSON, XML, scripts, SVG) are never media: they are what error pages, APIs and
// internal services answer with, and accepting them would let a media URL read such an answer
// out (SSRF). Thread-safe.
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
    // The kind a message is queued with, before anything is downloaded: what the URL's
    // extension says, or Document when it says nothing sendable (no extension, ".php"). Only
    // provisional: the download's Content-Type decides (detect()).
    static Kind kindBeforeDownload(const QUrl &url);
    // Whether WhatsApp shows the kind inline (image, video, audio); everything else is sent as
    // a document (the adapter's asDocument).
    static bool sendsInline(Kind kind)
    {
        return kind == Kind::Image || kind == Kind::Video || kind == Kind::Audio;
    }

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
