#pragma once

#include "MediaTypes.h"
#include "MessageSender.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>

class QHostAddress;
class QNetworkAccessManager;
class QNetworkReply;

// Downloads a batch's file_url once and hands the same bytes to every message of the batch
// (the bytes never go into a database row per recipient). Results, failures included, are
// kept in memory (within a byte budget) and on disk under <data>/media/<key>.{bin,json}, keyed
// by batch + URL, so a restart or a memory eviction does not download again.
//
// Failures carry api.md's reasons: media_unreachable (bad scheme, DNS, refused, HTTP error,
// timeout, a private address when those are refused), media_unsupported (a type WhatsApp
// cannot send, e.g. an HTML page), media_too_large (over MediaTypes::maxBytes for the kind;
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
        MediaTypes::Kind kind = MediaTypes::Kind::Unsupported;
        MessageSender::Media media; // bytes, mimetype, filename when ok
    };
    using Callback = std::function<void(const Result &)>;

    explicit MediaFetcher(QString cacheDir, QObject *parent = nullptr);
    ~MediaFetcher() override;

    // Loopback and private addresses are allowed by default (api.md); the dispatcher sets this
    // from Settings::allowPrivateMediaUrls before every fetch.
    void setAllowPrivateAddresses(bool allow) { m_allowPrivate = allow; }
    void setTransferTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setMemoryBudgetBytes(qint64 bytes) { m_memoryBudget = bytes; }

    // Calls `done` once, asynchronously (never from inside fetch()). Concurrent fetches of the
    // same batch + URL share one download.
    void fetch(const QString &batchId, const QString &url, Callback done);
    // Drops the batch's cached file (memory and disk) once nothing of it is left to send.
    void forgetBatch(const QString &batchId, const QString &url);
    // Removes cache files older than maxAgeMs (start-up housekeeping).
    void pruneDisk(qint64 maxAgeMs);

    // How many HTTP downloads were started (tests prove "once per batch" with it).
    int downloadsStarted() const { return m_downloads; }

    static bool isPrivateAddress(const QHostAddress &address);

private:
    struct Download;
    static QString keyFor(const QString &batchId, const QString &url);
    void finish(const QString &key, Result result);
    void startGet(const QString &key, const QUrl &url);
    bool loadFromDisk(const QString &key, Result *out) const;
    void saveToDisk(const QString &key, const Result &r) const;
    void remember(const QString &key, const Result &r);

    QString m_cacheDir;
    QNetworkAccessManager *m_nam;
    bool m_allowPrivate = true;
    int m_timeoutMs = 60000;
    qint64 m_memoryBudget = 256LL * 1024 * 1024;
    qint64 m_memoryUsed = 0;
    int m_downloads = 0;
    QHash<QString, Result> m_memory;
    QList<QString> m_memoryOrder; // oldest first, for eviction
    QHash<QString, QList<Callback>> m_waiting;
};
