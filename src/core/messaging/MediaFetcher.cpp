#include "messaging/MediaFetcher.h"

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
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <optional>

Q_LOGGING_CATEGORY(lcMedia, "wamator.pipeline.media")

namespace {

// RFC 6266: filename*=UTF-8''<percent-encoded> (RFC 8187) first, else filename="…" or a bare
// token. Only the last path segment is kept, so a served name cannot carry a path.
QString dispositionFileName(const QByteArray &header)
{
    if (header.isEmpty())
        return {};
    QString name;
    static const QRegularExpression extended(
        QStringLiteral("filename\\*\\s*=\\s*([A-Za-z0-9_-]+)'[^']*'([^;\\s]+)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression plain(
        QStringLiteral("(?:^|;)\\s*filename\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))"),
        QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromLatin1(header);
    const QRegularExpressionMatch ext = extended.match(text);
    if (ext.hasMatch() &&
        ext.captured(1).compare(QLatin1String("UTF-8"), Qt::CaseInsensitive) == 0) {
        name = QString::fromUtf8(QByteArray::fromPercentEncoding(ext.captured(2).toLatin1()));
    } else {
        const QRegularExpressionMatch m = plain.match(text);
        if (m.hasMatch()) {
            name = m.captured(1).isNull() ? m.captured(2) : m.captured(1);
            name.replace(QRegularExpression(QStringLiteral("\\\\(.)")), QStringLiteral("\\1"));
        }
    }
    name.replace(QLatin1Char('\\'), QLatin1Char('/'));
    name = name.section(QLatin1Char('/'), -1).trimmed();
    if (name == QLatin1String(".") || name == QLatin1String("..") || name.size() > 255)
        return {};
    return name;
}

} // namespace

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

struct MediaFetcher::Job
{
    QString key;
    QString batchId;
    QString requestedUrl; // as the batch names it (kindDecided)
    QUrl url;             // the logical URL of this hop (the original host, not the pinned address)
    int hop = 0;          // redirects followed so far
    MediaTypes::Detected detected;
    bool haveHeaders = false;
    qint64 received = 0;
    std::unique_ptr<QSaveFile> file; // the body, straight to <key>.bin
    std::optional<Result> verdict;   // a failure decided before the transfer ended
};

MediaFetcher::MediaFetcher(QString cacheDir, QObject *parent)
    : QObject(parent), m_cacheDir(std::move(cacheDir)), m_nam(new QNetworkAccessManager(this))
{
    if (m_cacheDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_cacheDir = m_tempDir->path();
    }
    QDir().mkpath(m_cacheDir);
    // Redirects are followed by startHop, hop by hop, each target checked like the first URL.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_resolver = [this](const QString &host,
                        std::function<void(const QList<QHostAddress> &, const QString &)> done) {
        QHostInfo::lookupHost(host, this, [done = std::move(done)](const QHostInfo &info) {
            done(info.error() == QHostInfo::NoError ? info.addresses() : QList<QHostAddress>(),
                 info.errorString());
        });
    };
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

QString MediaFetcher::pathFor(const QString &key, const char *suffix) const
{
    return m_cacheDir + QLatin1Char('/') + key + QLatin1String(suffix);
}

QString MediaFetcher::cachedFilePath(const QString &batchId, const QString &url) const
{
    return pathFor(keyFor(batchId, url), ".bin");
}

void MediaFetcher::treatAsPublicForTests(const QHostAddress &address, quint16 port)
{
    m_publicForTests.insert(address.toString() + QLatin1Char('|') + QString::number(port));
}

bool MediaFetcher::isPrivateAddress(const QHostAddress &address)
{
    if (address.isLoopback() || address.isLinkLocal() || address.isSiteLocal() ||
        address.isUniqueLocalUnicast() || address.isMulticast() || address.isBroadcast() ||
        address.isNull())
        return true;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4) {
        const quint8 a = quint8(v4 >> 24), b = quint8(v4 >> 16);
        if (a == 10 || a == 127 || a == 0 || (a == 172 && b >= 16 && b <= 31) ||
            (a == 192 && b == 168) || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127))
            return true;
        return false;
    }
    return !address.isGlobal();
}

bool MediaFetcher::isAlwaysRefused(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4) {
        // 169.254.0.0/16 (link-local, AWS/GCP/Azure metadata at 169.254.169.254) and
        // Alibaba Cloud's metadata service.
        return (v4 >> 16) == 0xA9FE ||
               v4 == QHostAddress(QStringLiteral("100.100.100.200")).toIPv4Address();
    }
    if (address.isLinkLocal()) // fe80::/10
        return true;
    QHostAddress plain = address;
    plain.setScopeId(QString());
    return plain == QHostAddress(QStringLiteral("fd00:ec2::254")); // AWS metadata over IPv6
}

bool MediaFetcher::isMetadataHost(const QString &host)
{
    QString h = host.toLower();
    while (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    return h == QLatin1String("metadata.google.internal") || h == QLatin1String("metadata.goog") ||
           h == QLatin1String("metadata");
}

QString MediaFetcher::refusal(const QHostAddress &address, quint16 port) const
{
    QHostAddress a = address;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        a = QHostAddress(v4); // ::ffff:a.b.c.d is a.b.c.d
    a.setScopeId(QString());
    if (isAlwaysRefused(a))
        return QStringLiteral("link-local or cloud metadata address %1 refused").arg(a.toString());
    if (m_protectedPorts.contains(port)) {
        const bool local = a.isLoopback() || a == QHostAddress(QHostAddress::AnyIPv4) ||
                           a == QHostAddress(QHostAddress::AnyIPv6) ||
                           QNetworkInterface::allAddresses().contains(a);
        if (local)
            return QStringLiteral("this machine's API port %1 refused").arg(port);
    }
    if (!m_allowPrivate && isPrivateAddress(a) &&
        !m_publicForTests.contains(a.toString() + QLatin1Char('|') + QString::number(port)))
        return QStringLiteral("private address %1 refused").arg(a.toString());
    return {};
}

void MediaFetcher::fetch(const QString &batchId, const QString &urlText, Callback done)
{
    const QString key = keyFor(batchId, urlText);

    Result cached;
    bool have = false;
    if (m_memory.contains(key)) {
        cached = m_memory.value(key);
        have = !cached.ok || QFileInfo(cached.media.path).size() == cached.media.size;
    }
    if (!have && loadFromDisk(key, &cached)) {
        m_memory.insert(key, cached);
        have = true;
        // A restart between the download and the dispatcher storing its kind loses nothing.
        if (cached.ok)
            Q_EMIT kindDecided(batchId, urlText, cached.media.kind);
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

    auto job = std::make_shared<Job>();
    job->key = key;
    job->batchId = batchId;
    job->requestedUrl = urlText;
    job->url = QUrl(urlText, QUrl::StrictMode);
    startHop(job);
}

void MediaFetcher::failLater(const QString &key, const QString &error, const QString &detail)
{
    // Never from inside fetch() (a scripted resolver may answer synchronously).
    QTimer::singleShot(0, this,
                       [this, key, error, detail]() { finish(key, failure(error, detail)); });
}

void MediaFetcher::startHop(const std::shared_ptr<Job> &job)
{
    const QUrl &url = job->url;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        failLater(job->key, kUnreachable,
                  job->hop == 0 ? QStringLiteral("not an http(s) URL")
                                : QStringLiteral("redirect to a non-http(s) URL refused"));
        return;
    }
    const QString host = url.host();
    if (isMetadataHost(host)) {
        failLater(job->key, kUnreachable,
                  QStringLiteral("cloud metadata host %1 refused").arg(host));
        return;
    }
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        connectChecked(job, {literal});
        return;
    }
    QPointer<MediaFetcher> self(this);
    m_resolver(host, [self, job](const QList<QHostAddress> &addresses, const QString &error) {
        if (!self)
            return;
        if (addresses.isEmpty()) {
            self->failLater(job->key, kUnreachable,
                            error.isEmpty() ? QStringLiteral("host not found") : error);
            return;
        }
        self->connectChecked(job, addresses);
    });
}

void MediaFetcher::connectChecked(const std::shared_ptr<Job> &job,
                                  const QList<QHostAddress> &addresses)
{
    const bool https = job->url.scheme().toLower() == QLatin1String("https");
    const quint16 port = quint16(job->url.port(https ? 443 : 80));
    // Every address the name resolves to must pass, not just the one we would pick: a name
    // with one public and one private address is refused.
    for (const QHostAddress &a : addresses) {
        const QString why = refusal(a, port);
        if (!why.isEmpty()) {
            failLater(job->key, kUnreachable, why);
            return;
        }
    }
    startGet(job, addresses.first());
}

void MediaFetcher::startGet(const std::shared_ptr<Job> &job, const QHostAddress &pinnedAddress)
{
    if (job->hop == 0)
        ++m_downloads;
    const QUrl logical = job->url;
    const bool https = logical.scheme().toLower() == QLatin1String("https");

    // The connection goes to the checked address: the URL names the IP, the Host header (and
    // for https the SNI + certificate name) the original host.
    QHostAddress pinned = pinnedAddress;
    pinned.setScopeId(QString());
    QUrl target = logical;
    target.setHost(pinned.protocol() == QAbstractSocket::IPv6Protocol
                       ? QLatin1Char('[') + pinned.toString() + QLatin1Char(']')
                       : pinned.toString());
    QNetworkRequest request(target);
    QUrl authority = logical;
    authority.setUserInfo(QString());
    request.setRawHeader("Host", authority.authority(QUrl::FullyEncoded).toLatin1());
    if (https && QHostAddress(logical.host()).isNull())
        request.setPeerVerifyName(logical.host(QUrl::FullyEncoded));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = m_nam->get(request);

    auto limitFor = [job]() {
        return job->haveHeaders && job->detected.kind != MediaTypes::Kind::Unsupported
                   ? MediaTypes::maxBytes(job->detected.kind)
                   : MediaTypes::kDocumentLimitBytes;
    };
    auto isRedirect = [reply]() {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return status >= 300 && status < 400;
    };

    connect(
        reply, &QNetworkReply::metaDataChanged, this, [this, reply, job, limitFor, isRedirect]() {
            if (job->verdict || job->haveHeaders || isRedirect())
                return; // a redirect is handled when it finishes
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 400) {
                // Not aborted here: Qt reports the HTTP error itself when the (small) error page
                // ends; aborting on top of it trips a Qt warning. The body is discarded.
                job->verdict = failure(kUnreachable, QStringLiteral("HTTP %1").arg(status));
                return;
            }
            const QString contentType =
                reply->header(QNetworkRequest::ContentTypeHeader).toString();
            job->detected = MediaTypes::detect(job->url, contentType);
            // The server's name for the file wins over the URL's last segment (documents keep
            // their name: a download link such as /dl?id=7 has none worth showing).
            const QString served = dispositionFileName(reply->rawHeader("Content-Disposition"));
            if (!served.isEmpty())
                job->detected.fileName = served;
            job->haveHeaders = true;
            if (job->detected.kind == MediaTypes::Kind::Unsupported) {
                job->verdict =
                    failure(kUnsupported,
                            QStringLiteral("content type '%1' cannot be sent").arg(contentType));
                reply->abort();
                return;
            }
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid() && length.toLongLong() > limitFor()) {
                job->verdict = failure(kTooLarge, QStringLiteral("%1 bytes announced, limit %2")
                                                      .arg(length.toLongLong())
                                                      .arg(limitFor()));
                reply->abort();
                return;
            }
            job->file = std::make_unique<QSaveFile>(pathFor(job->key, ".bin"));
            if (!job->file->open(QIODevice::WriteOnly)) {
                job->verdict =
                    failure(kUnreachable, QStringLiteral("cannot write the media cache"));
                job->file.reset();
                reply->abort();
            }
        });
    connect(reply, &QNetworkReply::readyRead, this, [reply, job, limitFor]() {
        const QByteArray chunk = reply->readAll();
        if (job->verdict || !job->file)
            return; // discarded: a failure, or a redirect's body
        job->received += chunk.size();
        if (job->received > limitFor()) {
            job->verdict = failure(kTooLarge, QStringLiteral("more than %1 bytes").arg(limitFor()));
            job->file->cancelWriting();
            reply->abort();
            return;
        }
        if (job->file->write(chunk) != chunk.size()) {
            job->verdict = failure(kUnreachable, QStringLiteral("cannot write the media cache"));
            job->file->cancelWriting();
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, job, limitFor, isRedirect]() {
        reply->deleteLater();
        auto fail = [&](const Result &r) {
            if (job->file)
                job->file->cancelWriting();
            job->file.reset();
            finish(job->key, r);
        };
        if (job->verdict) {
            fail(*job->verdict);
            return;
        }
        if (isRedirect()) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QUrl location =
                reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            if (!location.isValid() || location.isEmpty()) {
                fail(failure(kUnreachable,
                             QStringLiteral("HTTP %1 without a location").arg(status)));
                return;
            }
            if (job->hop >= kMaxRedirects) {
                fail(failure(kUnreachable,
                             QStringLiteral("more than %1 redirects").arg(kMaxRedirects)));
                return;
            }
            // Relative locations resolve against the logical URL, so they name the original
            // host again, which is resolved and checked again like any other hop.
            const QUrl next = job->url.resolved(location);
            if (job->url.scheme().toLower() == QLatin1String("https") &&
                next.scheme().toLower() == QLatin1String("http")) {
                fail(failure(kUnreachable, QStringLiteral("redirect from https to http refused")));
                return;
            }
            job->url = next;
            job->hop += 1;
            startHop(job);
            return;
        }
        if (reply->error() != QNetworkReply::NoError) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            fail(failure(kUnreachable, status > 0 ? QStringLiteral("HTTP %1").arg(status)
                                                  : reply->errorString()));
            return;
        }
        if (!job->haveHeaders || !job->file) {
            fail(failure(kUnreachable, QStringLiteral("no response")));
            return;
        }
        const QByteArray rest = reply->readAll();
        job->received += rest.size();
        if (job->received > limitFor()) {
            fail(failure(kTooLarge, QStringLiteral("%1 bytes").arg(job->received)));
            return;
        }
        if ((!rest.isEmpty() && job->file->write(rest) != rest.size()) || !job->file->commit()) {
            job->file.reset();
            finish(job->key, failure(kUnreachable, QStringLiteral("cannot write the media cache")));
            return;
        }
        job->file.reset();
        Result r;
        r.ok = true;
        r.media.path = pathFor(job->key, ".bin");
        r.media.size = job->received;
        r.media.mimetype = job->detected.mimeType;
        r.media.filename = job->detected.fileName;
        r.media.kind = job->detected.kind;
        Q_EMIT kindDecided(job->batchId, job->requestedUrl, r.media.kind);
        finish(job->key, r);
    });
}

void MediaFetcher::finish(const QString &key, Result result)
{
    if (!result.ok)
        qCWarning(lcMedia) << "media download failed:" << result.error << result.detail;
    m_memory.insert(key, result);
    saveMeta(key, result);
    const QList<Callback> callbacks = m_waiting.take(key);
    for (const Callback &cb : callbacks)
        cb(result);
}

bool MediaFetcher::loadFromDisk(const QString &key, Result *out) const
{
    QFile meta(pathFor(key, ".json"));
    if (!meta.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject o = QJsonDocument::fromJson(meta.readAll()).object();
    if (o.isEmpty())
        return false;
    Result r;
    r.ok = o.value(QStringLiteral("ok")).toBool();
    r.error = o.value(QStringLiteral("error")).toString();
    r.detail = o.value(QStringLiteral("detail")).toString();
    if (r.ok) {
        const auto kind = MediaTypes::kindFromName(o.value(QStringLiteral("kind")).toString());
        if (!kind)
            return false; // a damaged record: download again
        r.media.kind = *kind;
        r.media.path = pathFor(key, ".bin");
        r.media.size = o.value(QStringLiteral("size")).toInteger(-1);
        if (QFileInfo(r.media.path).size() != r.media.size || r.media.size < 0)
            return false; // torn or missing: download again
        r.media.mimetype = o.value(QStringLiteral("mimetype")).toString();
        r.media.filename = o.value(QStringLiteral("filename")).toString();
    }
    *out = r;
    return true;
}

void MediaFetcher::saveMeta(const QString &key, const Result &r) const
{
    QJsonObject o{{QStringLiteral("ok"), r.ok},
                  {QStringLiteral("error"), r.error},
                  {QStringLiteral("detail"), r.detail},
                  {QStringLiteral("kind"), MediaTypes::typeName(r.media.kind)},
                  {QStringLiteral("size"), r.media.size},
                  {QStringLiteral("mimetype"), r.media.mimetype},
                  {QStringLiteral("filename"), r.media.filename}};
    QSaveFile meta(pathFor(key, ".json"));
    if (!meta.open(QIODevice::WriteOnly) ||
        meta.write(QJsonDocument(o).toJson(QJsonDocument::Compact)) < 0 || !meta.commit())
        qCWarning(lcMedia) << "cannot cache media results in" << m_cacheDir;
}

void MediaFetcher::forgetBatch(const QString &batchId, const QString &url)
{
    const QString key = keyFor(batchId, url);
    m_memory.remove(key);
    QFile::remove(pathFor(key, ".bin"));
    QFile::remove(pathFor(key, ".json"));
    QFile::remove(pathFor(key, ".bin.voice.ogg")); // VoiceConverter's copy of a voice note
}

void MediaFetcher::pruneDisk(qint64 maxAgeMs)
{
    m_memory.clear();
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addMSecs(-maxAgeMs);
    const QFileInfoList files = QDir(m_cacheDir).entryInfoList(QDir::Files);
    for (const QFileInfo &fi : files)
        if (fi.lastModified() < cutoff)
            QFile::remove(fi.absoluteFilePath());
}
