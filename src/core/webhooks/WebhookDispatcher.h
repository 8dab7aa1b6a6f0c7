#pragma once

#include "webhooks/WebhookDeliveryStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

class CoreServices;
class QNetworkAccessManager;
class QNetworkReply;
class WebhookHttpConnection;
class WebhookStore;

// Delivers the staged webhook events (webhook_deliveries, staged by WebhookOutbox in the
// producers' transactions) to the vendors' endpoints, at least once, signed as Standard
// Webhooks says (StandardWebhooks). docs/webhooks.md "Delivery" has the rules:
//   - Per endpoint, deliveries leave in id order with at most `webhooks/max_in_flight` (4)
//     requests in flight. Head of line: while the oldest undelivered delivery waits for a
//     retry, nothing newer of that endpoint leaves. Endpoints are independent lanes: a slow
//     one never delays another.
//   - A 2xx within the request timeout (10 s) is success. Network errors, timeouts, 408, 429
//     (Retry-After honoured) and 5xx retry after 5 s, 30 s, 2 min, 10 min, 1 h, then every 6 h
//     (±10 % jitter); once the endpoint has been failing for 3 days it is disabled
//     (`failing_3_days`; WebhookStore::setDisabled publishes webhook_disabled). Other answers (3xx,
//     4xx) fail the delivery at once; 410 also disables the endpoint (`gone`). A disabled endpoint
//     keeps its pending deliveries: re-enabling resumes from where it stopped.
//   - The URL is checked again at every attempt: the host is resolved here, every address is
//     checked with MediaFetcher's address policy (`webhooks/allow_private_addresses`) and the
//     connection goes to the checked address, so DNS rebinding cannot reach another one.
//   - Results are written in batches (every few ms); a crash between an answer and its write
//     delivers that event again with the same webhook-id (at least once).
// Runs on the thread that owns it, on CoreServices' connection.
class WebhookDispatcher : public QObject
{
    Q_OBJECT
public:
    using Resolver =
        std::function<void(const QString &host,
                           std::function<void(const QList<QHostAddress> &, const QString &)> done)>;

    static constexpr int kDefaultMaxInFlight = 4;
    static constexpr int kRequestTimeoutMs = 10000;
    // Idle keep-alive connections kept per receiver address (more are closed).
    static constexpr int kMaxIdleConnectionsPerTarget = 16;
    static constexpr qint64 kDisableAfterMs = 3LL * 24 * 3600 * 1000;
    static constexpr int kDefaultRetentionDays = 30;

    // Endpoints and secrets come from core.webhooks(); core.webhookOutbox()'s staged signal
    // wakes it.
    explicit WebhookDispatcher(CoreServices &core, QObject *parent = nullptr);
    ~WebhookDispatcher() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Deliveries were staged: look now instead of at the next poll (1 s).
    void wake();

    // The delay before the retry that follows the n-th failed attempt (n ≥ 1), without jitter:
    // 5 s, 30 s, 2 min, 10 min, 1 h, then 6 h.
    static qint64 retryDelayMs(int failedAttempts);

    // This machine's API port is never a webhook target.
    void protectLocalPort(quint16 port) { m_protectedPorts.insert(port); }

    // Tuning for tests and benchmarks.
    void setPollIntervalMs(int ms);
    void setRequestTimeoutMs(int ms) { m_timeoutMs = ms; } // checked every 100 ms
    void setFlushIntervalMs(int ms) { m_flushTimer.setInterval(ms); }
    // Replaces the retry schedule (delays after the 1st, 2nd, ... failure; the last repeats)
    // and the jitter fraction (0.1 = ±10 %).
    void setRetryScheduleForTests(QList<qint64> delaysMs, double jitter);
    void setResolverForTests(Resolver resolver) { m_resolver = std::move(resolver); }
    // Runs the pruning now (it also runs at start and every 6 h).
    qint64 pruneNow();

    struct Metrics
    {
        qint64 succeeded = 0; // attempts answered 2xx
        qint64 retried = 0;   // failed attempts that will be retried
        qint64 failed = 0;    // deliveries that failed for good
        qint64 disabled = 0;  // endpoints disabled (gone, failing_3_days)
        qint64 inFlight = 0;
        qint64 endpointScans = 0; // reads of the endpoints with work (woken, or the 1 s poll)
        // event staged → delivered, ms, and its histogram (cumulative buckets below)
        qint64 latencyCount = 0;
        double latencySumMs = 0;
        QList<qint64> latencyBuckets; // counts ≤ kLatencyBucketsMs[i]
    };
    static const QList<qint64> &latencyBucketsMs();
    Metrics metrics() const { return m_metrics; }
    // Prometheus text for /metrics (deliveries by outcome, queue depth, in flight, latency).
    QByteArray metricsText() const;

Q_SIGNALS:
    // After the result is written: outcome "succeeded", "retry" or "failed".
    void attempted(qint64 deliveryId, qint64 endpointId, const QString &outcome);
    // An endpoint was disabled by delivery (reason "gone" or "failing_3_days").
    void endpointDisabled(qint64 vendorId, qint64 endpointId, const QString &reason);

private:
    struct Lane
    {
        WebhookDeliveryStore::Target target;
        QList<WebhookDeliveryStore::Pending> rows; // pending, oldest first (in flight included)
        QSet<qint64> inFlight;
        qint64 lastLoadedId = 0;
        bool dry = false; // the last window load found everything
        bool disabled = false;
        QStringList secrets;
        qint64 secretsLoadedAt = -1;
        qint64 timerAt = 0; // a pump is armed for this time (ms since epoch), 0 = none
    };
    struct Attempt;

    void pollTick();
    void refreshTargets();
    void schedulePump(qint64 endpointId);
    void runPumps();
    void pump(Lane &lane);
    void armLaneTimer(Lane &lane, qint64 atMs);
    void send(Lane &lane, const WebhookDeliveryStore::Pending &row);
    void resolveAndPost(const std::shared_ptr<Attempt> &attempt);
    void post(const std::shared_ptr<Attempt> &attempt, const QHostAddress &pinned);
    void postPlain(const std::shared_ptr<Attempt> &attempt, const QHostAddress &pinned,
                   const QList<QPair<QByteArray, QByteArray>> &headers);
    struct PlainPost;
    void servePlain(const QString &key);
    void startPlain(const QString &key, WebhookHttpConnection *connection,
                    const std::shared_ptr<PlainPost> &post);
    void dropConnection(WebhookHttpConnection *connection);
    void dropConnections();
    QString refusal(const QHostAddress &address, quint16 port) const;
    void sweepTimeouts();
    void finishAttempt(const std::shared_ptr<Attempt> &attempt, int statusCode,
                       const QString &error, const QByteArray &response, qint64 retryAfterMs);
    void disableEndpoint(Lane &lane, const QString &reason);
    void flush();
    qint64 jittered(qint64 delayMs) const;
    int maxInFlight() const;

    CoreServices &m_core;
    WebhookStore &m_store;
    WebhookDeliveryStore m_deliveries;
    QNetworkAccessManager *m_nam;
    Resolver m_resolver;
    bool m_running = false;
    int m_timeoutMs = kRequestTimeoutMs;
    QList<qint64> m_schedule;
    double m_jitter = 0.1;
    QSet<quint16> m_protectedPorts;

    QHash<qint64, Lane> m_lanes;
    QSet<qint64> m_pumpSet;
    QTimer m_pollTimer;
    QTimer m_pumpTimer;
    QTimer m_flushTimer;
    QTimer m_pruneTimer;
    QTimer m_sweepTimer;
    QElapsedTimer m_mono;                       // request deadlines (monotonic)
    QHash<QNetworkReply *, qint64> m_deadlines; // in flight → m_mono deadline
    // Plain-http receivers, by "address|port|Host": the requests waiting for a connection (in
    // the order they were sent), the keep-alive connections free, those connecting.
    struct PlainTarget
    {
        QHostAddress address;
        quint16 port = 0;
        QByteArray host;
        QList<std::shared_ptr<PlainPost>> queue;
        QList<WebhookHttpConnection *> idle;
        int connecting = 0;
    };
    QHash<QString, PlainTarget> m_plainTargets;
    // Connections busy or connecting → m_mono deadline.
    QHash<WebhookHttpConnection *, qint64> m_connectionDeadlines;
    bool m_refreshWanted = false;
    QList<WebhookDeliveryStore::Result> m_unwritten;
    struct Done
    {
        qint64 deliveryId;
        qint64 endpointId;
        QString outcome;
    };
    QList<Done> m_unannounced;
    Metrics m_metrics;
};
