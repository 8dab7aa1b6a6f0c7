#pragma once

#include "messaging/MediaTypes.h"
#include "outbox/MessageSender.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QTemporaryDir;

// Downloads a batch's file_url once and hands the same file to every message of the batch
// (the bytes never go into a database row per recipient, nor into memory: the download is
// written straight to <cache>/<key>.bin and senders read it from there). Results, failures
// included, are kept on disk under <cache>/<key>.{bin,json}, keyed by batch + URL, so a restart
// does not download again; forgetBatch drops them when the batch is done.
//
// The URL is the vendor's, so the fetch is guarded against server-side request forgery:
//   - every hop is checked: redirects are followed here (at most kMaxRedirects), each target
//     must be http(s) (never https → http) and passes the same address checks;
//   - the host is resolved here, every address it resolves to is checked, and the connection
//     goes to the checked address (the request is made to the IP with the original Host header
//     and, for https, the original name for SNI and certificate checks), so a DNS answer that
//     changes between the check and the connection (rebinding) cannot reach another address;
//   - always refused, whatever allow_private_media_urls says: link-local addresses
//     (169.254.0.0/16, fe80::/10), cloud metadata endpoints (169.254.169.254, fd00:ec2::254,
//     100.100.100.200, metadata.google.internal) and the app's own API port on this machine;
//   - with private addresses disallowed (the default), loopback, private, CGNAT, unique-local
//     and other non-global addresses are refused too;
//   - textual answers (HTML, text, JSON, XML: MediaTypes) are refused as media.
//
// Failures carry api.md's reasons: media_unreachable (bad scheme, DNS, refused, HTTP error,
// timeout, a refused address, too many redirects), media_unsupported (a type WhatsApp cannot
// send, e.g. an HTML page or JSON), media_too_large (over MediaTypes::maxBytes for the kind;
// the transfer is aborted as soon as the limit is passed or announced).
class MediaFetcher : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        QString error;  // media_too_large | media_unreachable | media_unsupported
        QString detail; // for the log: HTTP status, driver text, sizes
        // path, size, mimetype, filename and the kind decided from the Content-Type when ok
        MessageSender::Media media;
    };
    using Callback = std::function<void(const Result &)>;
    // Resolves a host name: calls `done` once with its addresses, or none and an error text.
    using Resolver =
        std::function<void(const QString &host,
                           std::function<void(const QList<QHostAddress> &, const QString &)> done)>;

    static constexpr int kMaxRedirects = 5;

    // An empty cacheDir uses a temporary directory removed with the fetcher.
    explicit MediaFetcher(QString cacheDir, QObject *parent = nullptr);
    ~MediaFetcher() override;

    // Private addresses are refused by default (allow_private_media_urls, docs/configuration.md);
    // the dispatcher sets this from Settings before every fetch.
    void setAllowPrivateAddresses(bool allow) { m_allowPrivate = allow; }
    // A port of this machine that is never fetched from, on any local address (the API's).
    void protectLocalPort(quint16 port) { m_protectedPorts.insert(port); }
    void setTransferTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Test hooks: a scripted resolver (names the tests invent), and address + port pairs that
    // pass the private-address check as if public (a loopback test server playing a public
    // host). The always-refused checks still apply to them.
    void setResolverForTests(Resolver resolver) { m_resolver = std::move(resolver); }
    void treatAsPublicForTests(const QHostAddress &address, quint16 port);

    // Calls `done` once, asynchronously (never from inside fetch()). Concurrent fetches of the
    // same batch + URL share one download.
    void fetch(const QString &batchId, const QString &url, Callback done);
    // Drops the batch's cached file (memory and disk) once nothing of it is left to send.
    void forgetBatch(const QString &batchId, const QString &url);
    // Removes cache files older than maxAgeMs (start-up housekeeping).
    void pruneDisk(qint64 maxAgeMs);
    // Where the batch's file is (or would be) cached.
    QString cachedFilePath(const QString &batchId, const QString &url) const;

    // How many downloads were started (tests prove "once per batch" with it).
    int downloadsStarted() const { return m_downloads; }

    static bool isPrivateAddress(const QHostAddress &address);
    // Link-local and cloud metadata addresses: refused whatever the setting.
    static bool isAlwaysRefused(const QHostAddress &address);
    static bool isMetadataHost(const QString &host);

Q_SIGNALS:
    // A batch's file is known (downloaded, or found in the cache by a new fetcher): once per
    // batch + URL in this fetcher's life, before the fetch callbacks run. The dispatcher stores
    // the kind as the batch's message_type (the provisional one came from the URL alone).
    void kindDecided(const QString &batchId, const QString &url, MediaTypes::Kind kind);

private:
    struct Job;
    static QString keyFor(const QString &batchId, const QString &url);
    QString pathFor(const QString &key, const char *suffix) const;
    void startHop(const std::shared_ptr<Job> &job);
    void connectChecked(const std::shared_ptr<Job> &job, const QList<QHostAddress> &addresses);
    void startGet(const std::shared_ptr<Job> &job, const QHostAddress &pinned);
    QString refusal(const QHostAddress &address, quint16 port) const;
    void failLater(const QString &key, const QString &error, const QString &detail);
    void finish(const QString &key, Result result);
    bool loadFromDisk(const QString &key, Result *out) const;
    void saveMeta(const QString &key, const Result &r) const;

    QString m_cacheDir;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QNetworkAccessManager *m_nam;
    Resolver m_resolver;
    bool m_allowPrivate = false;
    QSet<quint16> m_protectedPorts;
    QSet<QString> m_publicForTests; // "address|port"
    int m_timeoutMs = 60000;
    int m_downloads = 0;
    QHash<QString, Result> m_memory; // metadata of finished fetches (no bytes)
    QHash<QString, QList<Callback>> m_waiting;
};
