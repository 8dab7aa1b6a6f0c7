#include "MediaFetcher.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcMedia, "wamator.pipeline.media")

namespace {
const QString kTooLarge = QStringLiteral("media_too_large");
const QString kUnreachable = QStringLiteral("media_unreachable");
const QString kUnsupported = QStringLiteral("media_unsupported");

MediaFetcher::Result failure(const QString &error, const QString &detail)
{
    MediaFetcher::Result r;
    r.ok = false;
    r.error = error;
    r.detail = detail;
    return r;
}
} // namespace

MediaFetcher::MediaFetcher(QString cacheDir, QObject *parent)
    : QObject(parent), m_cacheDir(std::move(cacheDir)), m_nam(new QNetworkAccessManager(this))
{
    // Redirects are followed, but never from https down to http.
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    if (!m_cacheDir.isEmpty())
        QDir().mkpath(m_cacheDir);
}

MediaFetcher::~MediaFetcher() = default;

QString MediaFetcher::keyFor(const QString &batchId, const QString &url)
{
    return QString::fromLatin1(
        QCryptographicHash::hash((batchId + QLatin1Char('\n') + url).toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(40));
}

bool MediaFetcher::isPrivateAddress(const QHostAddress &address)
{
    if (address.isLoopback() || address.isLinkLocal() || address.isSiteLocal()
        || address.isUniqueLocalUnicast() || address.isMulticast() || address.isBroadcast()
        || address.isNull())
        return true;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4) {
        const quint8 a = quint8(v4 >> 24), b = quint8(v4 >> 16);
        if (a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31)
            || (a == 192 && b == 168) || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127))
            return true;
        return false;
    }
    return !address.isGlobal();
}

void MediaFetcher::fetch(const QString &batchId, const QString &urlText, Callback done)
{
    const QString key = keyFor(batchId, urlText);

    Result cached;
    bool have = false;
    if (m_memory.contains(key)) {
        cached = m_memory.value(key);
        have = true;
    } else if (loadFromDisk(key, &cached)) {
        remember(key, cached);
        have = true;
    }
    if (have) {
        QTimer::singleShot(0, this, [done = std::move(done), cached]() { done(cached); });
        return;
    }

    auto waiting = m_waiting.find(key);
    if (waiting != m_waiting.end()) {
        waiting->append(std::move(done));
        return;
    }
    m_waiting.insert(key, QList<Callback>{std::move(done)});

    const QUrl url(urlText, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        QTimer::singleShot(0, this, [this, key]() {
            finish(key, failure(kUnreachable, QStringLiteral("not an http(s) URL")));
        });
        return;
    }

    if (m_allowPrivate) {
        startGet(key, url);
        return;
    }
    // Private addresses refused: resolve first and check every address. (A DNS answer that
    // changes between this lookup and the connection is not caught; a desktop app that needs
    // that guarantee should also refuse redirects to private hosts at a proxy.)
    const QHostAddress literal(url.host());
    if (!literal.isNull()) {
        if (isPrivateAddress(literal)) {
            QTimer::singleShot(0, this, [this, key]() {
                finish(key, failure(kUnreachable, QStringLiteral("private address refused")));
            });
            return;
        }
        startGet(key, url);
        return;
    }
    QPointer<MediaFetcher> self(this);
    QHostInfo::lookupHost(url.host(), this, [self, key, url](const QHostInfo &info) {
        if (!self)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            self->finish(key, failure(kUnreachable, info.errorString()));
            return;
        }
        for (const QHostAddress &a : info.addresses()) {
            if (isPrivateAddress(a)) {
                self->finish(key, failure(kUnreachable, QStringLiteral("private address refused")));
                return;
            }
        }
        self->startGet(key, url);
    });
}

void MediaFetcher::startGet(const QString &key, const QUrl &url)
{
    ++m_downloads;
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setMaximumRedirectsAllowed(5);
    QNetworkReply *reply = m_nam->get(request);

    // Per-download state lives in the lambdas' shared pointer.
    struct State
    {
        QByteArray data;
        MediaTypes::Detected detected;
        bool haveHeaders = false;
        std::optional<Result> verdict; // a failure decided before the transfer ended
    };
    auto st = std::make_shared<State>();

    auto limitFor = [st]() {
        return st->haveHeaders && st->detected.kind != MediaTypes::Kind::Unsupported
                   ? MediaTypes::maxBytes(st->detected.kind)
                   : MediaTypes::kDocumentLimitBytes;
    };

    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, st, url, limitFor]() {
        if (st->verdict)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 300 && status < 400)
            return; // a redirect being followed
        if (status >= 400) {
            // Not aborted here: Qt reports the HTTP error itself when the (small) error page
            // ends; aborting on top of it trips a Qt warning. The body is discarded.
            st->verdict = failure(kUnreachable, QStringLiteral("HTTP %1").arg(status));
            return;
        }
        const QString contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        st->detected = MediaTypes::detect(reply->url().isValid() ? reply->url() : url, contentType);
        st->haveHeaders = true;
        if (st->detected.kind == MediaTypes::Kind::Unsupported) {
            st->verdict = failure(kUnsupported,
                                  QStringLiteral("content type '%1' cannot be sent").arg(contentType));
            reply->abort();
            return;
        }
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > limitFor()) {
            st->verdict = failure(kTooLarge, QStringLiteral("%1 bytes announced, limit %2")
                                                 .arg(length.toLongLong())
                                                 .arg(limitFor()));
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [reply, st, limitFor]() {
        if (st->verdict) {
            reply->readAll(); // discarded
            return;
        }
        st->data.append(reply->readAll());
        if (st->data.size() > limitFor()) {
            st->verdict = failure(kTooLarge, QStringLiteral("more than %1 bytes").arg(limitFor()));
            st->data.clear();
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, st, key, url, limitFor]() {
        reply->deleteLater();
        if (st->verdict) {
            finish(key, *st->verdict);
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            finish(key, failure(kUnreachable, status > 0 ? QStringLiteral("HTTP %1").arg(status)
                                                         : reply->errorString()));
            return;
        }
        st->data.append(reply->readAll());
        if (!st->haveHeaders) {
            st->detected = MediaTypes::detect(url, reply->header(QNetworkRequest::ContentTypeHeader).toString());
            st->haveHeaders = true;
        }
        if (st->detected.kind == MediaTypes::Kind::Unsupported) {
            finish(key, failure(kUnsupported, QStringLiteral("unknown content type")));
            return;
        }
        if (st->data.size() > limitFor()) {
            finish(key, failure(kTooLarge, QStringLiteral("%1 bytes").arg(st->data.size())));
            return;
        }
        Result r;
        r.ok = true;
        r.kind = st->detected.kind;
        r.media.bytes = std::move(st->data);
        r.media.mimetype = st->detected.mimeType;
        r.media.filename = st->detected.fileName;
        finish(key, r);
    });
}

void MediaFetcher::finish(const QString &key, Result result)
{
    if (!result.ok)
        qCWarning(lcMedia) << "media download failed:" << result.error << result.detail;
    remember(key, result);
    saveToDisk(key, result);
    const QList<Callback> callbacks = m_waiting.take(key);
    for (const Callback &cb : callbacks)
        cb(result);
}

void MediaFetcher::remember(const QString &key, const Result &r)
{
    if (m_memory.contains(key))
        return;
    m_memory.insert(key, r);
    m_memoryOrder.append(key);
    m_memoryUsed += r.media.bytes.size();
    while (m_memoryUsed > m_memoryBudget && m_memoryOrder.size() > 1) {
        const QString oldest = m_memoryOrder.takeFirst();
        m_memoryUsed -= m_memory.value(oldest).media.bytes.size();
        m_memory.remove(oldest); // still on disk
    }
}

bool MediaFetcher::loadFromDisk(const QString &key, Result *out) const
{
    if (m_cacheDir.isEmpty())
        return false;
    QFile meta(m_cacheDir + QLatin1Char('/') + key + QStringLiteral(".json"));
    if (!meta.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
    if (o.isEmpty())
        return false;
    Result r;
    r.ok = o.value(QStringLiteral("ok")).toBool();
    r.error = o.value(QStringLiteral("error")).toString();
    r.detail = o.value(QStringLiteral("detail")).toString();
    r.kind = MediaTypes::kindFromName(o.value(QStringLiteral("kind")).toString())
                 .value_or(MediaTypes::Kind::Unsupported);
    if (r.ok) {
        QFile bin(m_cacheDir + QLatin1Char('/') + key + QStringLiteral(".bin"));
        if (!bin.open(QIODevice::ReadOnly))
            return false;
        r.media.bytes = bin.readAll();
        if (r.media.bytes.size() != o.value(QStringLiteral("size")).toInteger(-1))
            return false; // torn write: download again
        r.media.mimetype = o.value(QStringLiteral("mimetype")).toString();
        r.media.filename = o.value(QStringLiteral("filename")).toString();
    }
    *out = r;
    return true;
}

void MediaFetcher::saveToDisk(const QString &key, const Result &r) const
{
    if (m_cacheDir.isEmpty())
        return;
    const QString base = m_cacheDir + QLatin1Char('/') + key;
    if (r.ok) {
        QSaveFile bin(base + QStringLiteral(".bin"));
        if (!bin.open(QIODevice::WriteOnly) || bin.write(r.media.bytes) != r.media.bytes.size()
            || !bin.commit()) {
            qCWarning(lcMedia) << "cannot cache media in" << m_cacheDir;
            return;
        }
    }
    QJsonObject o{{QStringLiteral("ok"), r.ok},
                  {QStringLiteral("error"), r.error},
                  {QStringLiteral("detail"), r.detail},
                  {QStringLiteral("kind"), MediaTypes::typeName(r.kind)},
                  {QStringLiteral("size"), qint64(r.media.bytes.size())},
                  {QStringLiteral("mimetype"), r.media.mimetype},
                  {QStringLiteral("filename"), r.media.filename}};
    QSaveFile meta(base + QStringLiteral(".json"));
    if (meta.open(QIODevice::WriteOnly)) {
        meta.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        meta.commit();
    }
}

void MediaFetcher::forgetBatch(const QString &batchId, const QString &url)
{
    const QString key = keyFor(batchId, url);
    if (m_memory.contains(key)) {
        m_memoryUsed -= m_memory.value(key).media.bytes.size();
        m_memory.remove(key);
        m_memoryOrder.removeAll(key);
    }
    if (!m_cacheDir.isEmpty()) {
        QFile::remove(m_cacheDir + QLatin1Char('/') + key + QStringLiteral(".bin"));
        QFile::remove(m_cacheDir + QLatin1Char('/') + key + QStringLiteral(".json"));
    }
}

void MediaFetcher::pruneDisk(qint64 maxAgeMs)
{
    if (m_cacheDir.isEmpty())
        return;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-maxAgeMs);
    const QFileInfoList files = QDir(m_cacheDir).entryInfoList(QDir::Files);
    for (const QFileInfo &fi : files)
        if (fi.lastModified() < cutoff)
            QFile::remove(fi.absoluteFilePath());
}
