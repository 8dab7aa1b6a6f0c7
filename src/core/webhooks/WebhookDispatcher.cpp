#include "webhooks/WebhookDispatcher.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "Events.h"
#include "messaging/MediaFetcher.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "webhooks/StandardWebhooks.h"
#include "webhooks/WebhookHttpConnection.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QDateTime>
#include <QHostInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QUrl>
#include <algorithm>

Q_LOGGING_CATEGORY(lcWebhooks, "wamator.webhooks")

namespace {
const QString kPending = QStringLiteral("pending");
const QString kSucceeded = QStringLiteral("succeeded");
const QString kFailed = QStringLiteral("failed");
const QString kRetry = QStringLiteral("retry");

constexpr int kWindowRows = 256;       // pending rows an endpoint keeps in memory
constexpr int kRefillBelow = 64;       // load more when fewer are left
constexpr qint64 kSecretsTtlMs = 1000; // a rotated secret signs within a second
constexpr qint64 kPruneEveryMs = 6LL * 3600 * 1000;
constexpr qint64 kMaxRetryAfterMs = 6LL * 3600 * 1000;

const QList<qint64> kSchedule{5'000, 30'000, 120'000, 600'000, 3'600'000, 6 * 3'600'000};

int settingInt(const Settings &s, const QString &key, int fallback)
{
    const QVariant v = s.value(key);
    bool ok = false;
    const int n = v.toInt(&ok);
    return v.isValid() && ok ? n : fallback;
}

// Retry-After: delay-seconds or an HTTP date (RFC 9110 §10.2.3); -1 when absent or unreadable.
qint64 parseRetryAfter(const QByteArray &value, qint64 nowMs)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const qint64 secs = v.toLongLong(&ok);
    if (ok)
        return secs < 0 ? -1 : secs * 1000;
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(v).left(25),
                                           QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!at.isValid())
        return -1;
    at.setTimeZone(QTimeZone::utc());
    return std::max<qint64>(0, at.toMSecsSinceEpoch() - nowMs);
}

QString networkError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection_refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("connection_closed");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("dns_failed");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("tls_failed");
    default:
        return QStringLiteral("network_error");
    }
}
} // namespace

struct WebhookDispatcher::Attempt
{
    qint64 endpointId = 0;
    qint64 vendorId = 0;
    WebhookDeliveryStore::Pending row;
    QUrl url;
    QStringList secrets;
    QElapsedTimer started;
    bool done = false;
};

struct WebhookDispatcher::PlainPost
{
    std::shared_ptr<Attempt> attempt;
    QByteArray path;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 deadline = 0; // m_mono
};

WebhookDispatcher::WebhookDispatcher(CoreServices &core, QObject *parent)
    : QObject(parent), m_core(core), m_store(core.webhooks()),
      m_deliveries(core.database().connectionName()), m_nam(new QNetworkAccessManager(this)),
      m_schedule(kSchedule)
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); // a 3xx is an answer
    m_resolver = [this](const QString &host,
                        std::function<void(const QList<QHostAddress> &, const QString &)> done) {
        QHostInfo::lookupHost(host, this, [done = std::move(done)](const QHostInfo &info) {
            done(info.error() == QHostInfo::NoError ? info.addresses() : QList<QHostAddress>(),
                 info.errorString());
        });
    };
    m_pollTimer.setInterval(1000);
    connect(&m_pollTimer, &QTimer::timeout, this, &WebhookDispatcher::pollTick);
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setInterval(0);
    connect(&m_pumpTimer, &QTimer::timeout, this, &WebhookDispatcher::runPumps);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(5);
    connect(&m_flushTimer, &QTimer::timeout, this, &WebhookDispatcher::flush);
    m_mono.start();
    m_sweepTimer.setInterval(100);
    connect(&m_sweepTimer, &QTimer::timeout, this, &WebhookDispatcher::sweepTimeouts);
    m_pruneTimer.setInterval(int(kPruneEveryMs));
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { pruneNow(); });
    m_metrics.latencyBuckets = QList<qint64>(latencyBucketsMs().size(), 0);
    connect(&core.webhookOutbox(), &WebhookOutbox::staged, this, &WebhookDispatcher::wake);
    // A producer on a worker thread may stage before its commit is visible here; every event
    // is published after its commit, so that is the moment to look again — for a vendor with
    // an endpoint: only those have rows staged. Every message's status change is an event, so
    // looking at the endpoints for every vendor's event was an SQL read per event-loop turn
    // of a busy send, for nothing when no vendor uses webhooks.
    connect(&core.events(), &EventBus::occurred, this, [this](qint64 vendorId, const Event &) {
        if (m_running && m_core.webhookOutbox().hasEndpoints(vendorId))
            wake();
    });
    // Endpoints enabled again, changed, removed, or given a new secret (which signs from the
    // next request on).
    connect(&m_store, &WebhookStore::changed, this, [this](qint64, qint64 endpointId) {
        auto it = m_lanes.find(endpointId);
        if (it != m_lanes.end())
            it->secretsLoadedAt = -1;
        wake();
    });
}

WebhookDispatcher::~WebhookDispatcher()
{
    stop();
    // Replies still under way go now, while the members their handlers touch still exist.
    delete m_nam;
    m_nam = nullptr;
    dropConnections();
}

const QList<qint64> &WebhookDispatcher::latencyBucketsMs()
{
    static const QList<qint64> buckets{10, 25, 50, 100, 250, 1000, 5000, 30000, 300000};
    return buckets;
}

void WebhookDispatcher::setPollIntervalMs(int ms)
{
    m_pollTimer.setInterval(std::max(1, ms));
}

void WebhookDispatcher::setRetryScheduleForTests(QList<qint64> delaysMs, double jitter)
{
    if (!delaysMs.isEmpty())
        m_schedule = std::move(delaysMs);
    m_jitter = std::clamp(jitter, 0.0, 0.5);
}

qint64 WebhookDispatcher::retryDelayMs(int failedAttempts)
{
    return kSchedule.at(std::clamp(failedAttempts, 1, int(kSchedule.size())) - 1);
}

qint64 WebhookDispatcher::jittered(qint64 delayMs) const
{
    if (m_jitter <= 0)
        return delayMs;
    // Spread retries of many endpoints that failed together (±jitter).
    const double f = 1.0 + m_jitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    return std::max<qint64>(1, qint64(double(delayMs) * f));
}

int WebhookDispatcher::maxInFlight() const
{
    return std::clamp(settingInt(m_core.settings(), QStringLiteral("webhooks/max_in_flight"),
                                 kDefaultMaxInFlight),
                      1, 64);
}

void WebhookDispatcher::start()
{
    if (m_running)
        return;
    m_running = true;
    pruneNow();
    m_pruneTimer.start();
    m_pollTimer.start();
    refreshTargets();
}

void WebhookDispatcher::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer.stop();
    m_pumpTimer.stop();
    m_pruneTimer.stop();
    flush();
    m_lanes.clear(); // replies still under way find no lane and are not recorded: redelivered
    dropConnections();
}

void WebhookDispatcher::dropConnections()
{
    // Requests still waiting for a connection end here (their lanes are gone: redelivered).
    QList<std::shared_ptr<PlainPost>> waiting;
    for (PlainTarget &t : m_plainTargets) {
        waiting += t.queue;
        t.queue.clear();
        for (WebhookHttpConnection *c : std::as_const(t.idle))
            c->deleteLater();
        t.idle.clear();
    }
    for (const auto &post : std::as_const(waiting))
        finishAttempt(post->attempt, 0, QStringLiteral("stopped"), {}, -1);
    // Busy or connecting: abort() calls their handlers now.
    const QList<WebhookHttpConnection *> open = m_connectionDeadlines.keys();
    for (WebhookHttpConnection *c : open)
        if (m_connectionDeadlines.contains(c))
            c->abort(QStringLiteral("stopped"));
    m_plainTargets.clear();
}

void WebhookDispatcher::wake()
{
    if (!m_running)
        return;
    // Coalesced: a burst of staged events costs one look at the endpoints.
    m_refreshWanted = true;
    if (!m_pumpTimer.isActive())
        m_pumpTimer.start();
}

void WebhookDispatcher::pollTick()
{
    refreshTargets();
}

qint64 WebhookDispatcher::pruneNow()
{
    const int days =
        std::max(1, settingInt(m_core.settings(), QStringLiteral("webhooks/retention_days"),
                               kDefaultRetentionDays));
    try {
        const qint64 n = m_deliveries.prune(Clock::nowMs() - qint64(days) * 24 * 3600 * 1000);
        if (n > 0)
            qCInfo(lcWebhooks) << "pruned" << n << "webhook deliveries older than" << days
                               << "days";
        return n;
    } catch (const DomainError &e) {
        qCWarning(lcWebhooks) << "webhook pruning failed:" << e.what();
        return 0;
    }
}

void WebhookDispatcher::refreshTargets()
{
    if (!m_running)
        return;
    m_refreshWanted = false;
    QList<WebhookDeliveryStore::Target> targets;
    ++m_metrics.endpointScans;
    try {
        targets = m_deliveries.activeTargets();
    } catch (const DomainError &e) {
        qCWarning(lcWebhooks) << "cannot read webhook endpoints:" << e.what();
        return;
    }
    QSet<qint64> seen;
    for (const auto &t : targets) {
        seen.insert(t.id);
        Lane &lane = m_lanes[t.id];
        const bool urlChanged = lane.target.url != t.url;
        lane.target = t;
        lane.disabled = false;
        lane.dry = false; // new rows may have been staged since the last load
        if (urlChanged)
            lane.secretsLoadedAt = -1;
        schedulePump(t.id);
    }
    // Endpoints gone, disabled or without work: their lanes go once nothing is in flight
    // (a disabled endpoint's in-flight answers are still recorded).
    for (auto it = m_lanes.begin(); it != m_lanes.end();) {
        if (!seen.contains(it.key())) {
            it->disabled = true;
            if (it->inFlight.isEmpty()) {
                it = m_lanes.erase(it);
                continue;
            }
        }
        ++it;
    }
}

void WebhookDispatcher::schedulePump(qint64 endpointId)
{
    m_pumpSet.insert(endpointId);
    if (!m_pumpTimer.isActive())
        m_pumpTimer.start();
}

void WebhookDispatcher::runPumps()
{
    if (!m_running)
        return;
    if (m_refreshWanted) {
        refreshTargets(); // schedules every active lane
    }
    const QSet<qint64> ids = std::exchange(m_pumpSet, {});
    for (qint64 id : ids) {
        auto it = m_lanes.find(id);
        if (it != m_lanes.end())
            pump(*it);
    }
}

void WebhookDispatcher::armLaneTimer(Lane &lane, qint64 atMs)
{
    if (lane.timerAt != 0 && lane.timerAt <= atMs)
        return;
    lane.timerAt = atMs;
    const qint64 id = lane.target.id;
    const qint64 delay = std::clamp<qint64>(atMs - Clock::nowMs(), 0, 24LL * 3600 * 1000);
    QTimer::singleShot(int(delay), this, [this, id, atMs] {
        auto it = m_lanes.find(id);
        if (it == m_lanes.end() || it->timerAt != atMs)
            return;
        it->timerAt = 0;
        schedulePump(id);
    });
}

void WebhookDispatcher::pump(Lane &lane)
{
    if (lane.disabled)
        return;
    if (lane.rows.size() < kRefillBelow && !lane.dry) {
        const int want = kWindowRows - int(lane.rows.size());
        try {
            const auto more = m_deliveries.window(lane.target.id, lane.lastLoadedId, want);
            for (const auto &p : more) {
                lane.rows.append(p);
                lane.lastLoadedId = p.id;
            }
            lane.dry = more.size() < want;
        } catch (const DomainError &e) {
            qCWarning(lcWebhooks) << "cannot read webhook deliveries:" << e.what();
            return;
        }
    }
    const int cap = maxInFlight();
    const qint64 now = Clock::nowMs();
    for (const auto &row : std::as_const(lane.rows)) {
        if (lane.inFlight.size() >= cap)
            break;
        if (lane.inFlight.contains(row.id))
            continue;
        if (row.nextAttemptAt > now) {
            // Head of line: nothing newer leaves while the oldest waits for its retry.
            armLaneTimer(lane, row.nextAttemptAt);
            break;
        }
        send(lane, row);
    }
}

void WebhookDispatcher::send(Lane &lane, const WebhookDeliveryStore::Pending &row)
{
    const qint64 now = Clock::nowMs();
    if (lane.secretsLoadedAt < 0 || now - lane.secretsLoadedAt > kSecretsTtlMs) {
        try {
            lane.secrets = m_store.secrets(lane.target.id);
            lane.secretsLoadedAt = now;
        } catch (const DomainError &e) {
            qCWarning(lcWebhooks) << "cannot read the endpoint's secrets:" << e.what();
            lane.secrets.clear();
        }
    }
    lane.inFlight.insert(row.id);
    m_metrics.inFlight += 1;
    auto attempt = std::make_shared<Attempt>();
    attempt->endpointId = lane.target.id;
    attempt->vendorId = lane.target.vendorId;
    attempt->row = row;
    attempt->url = QUrl(lane.target.url, QUrl::StrictMode);
    attempt->secrets = lane.secrets;
    attempt->started.start();
    resolveAndPost(attempt);
}

QString WebhookDispatcher::refusal(const QHostAddress &address, quint16 port) const
{
    // MediaFetcher's policy, applied to the webhook setting.
    QHostAddress a = address;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        a = QHostAddress(v4);
    a.setScopeId(QString());
    if (MediaFetcher::isAlwaysRefused(a))
        return QStringLiteral("link-local or cloud metadata address %1").arg(a.toString());
    if (m_protectedPorts.contains(port) &&
        (a.isLoopback() || QNetworkInterface::allAddresses().contains(a)))
        return QStringLiteral("this machine's API port %1").arg(port);
    const QVariant allow =
        m_core.settings().value(QStringLiteral("webhooks/allow_private_addresses"));
    if (!(allow.isValid() && allow.toBool()) && MediaFetcher::isPrivateAddress(a))
        return QStringLiteral("private address %1").arg(a.toString());
    return {};
}

void WebhookDispatcher::resolveAndPost(const std::shared_ptr<Attempt> &attempt)
{
    const QUrl &url = attempt->url;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        QTimer::singleShot(0, this, [this, attempt] {
            finishAttempt(attempt, 0, QStringLiteral("invalid_url"), {}, -1);
        });
        return;
    }
    if (MediaFetcher::isMetadataHost(url.host())) {
        QTimer::singleShot(0, this, [this, attempt] {
            finishAttempt(attempt, 0, QStringLiteral("address_not_allowed"), {}, -1);
        });
        return;
    }
    const quint16 port = quint16(url.port(scheme == QLatin1String("https") ? 443 : 80));
    auto checked = [this, attempt, port](const QList<QHostAddress> &addresses,
                                         const QString &error) {
        if (addresses.isEmpty()) {
            qCInfo(lcWebhooks) << "webhook host not resolved:" << attempt->url.host() << error;
            finishAttempt(attempt, 0, QStringLiteral("dns_failed"), {}, -1);
            return;
        }
        // Every address must pass (a name with one public and one private address is refused),
        // and the connection goes to the checked one.
        for (const QHostAddress &a : addresses) {
            const QString why = refusal(a, port);
            if (!why.isEmpty()) {
                qCWarning(lcWebhooks) << "webhook to" << attempt->url.host() << "refused:" << why;
                finishAttempt(attempt, 0, QStringLiteral("address_not_allowed"), why.toUtf8(), -1);
                return;
            }
        }
        post(attempt, addresses.first());
    };
    const QHostAddress literal(url.host());
    if (!literal.isNull()) {
        checked({literal}, {});
        return;
    }
    QPointer<WebhookDispatcher> self(this);
    m_resolver(url.host(), [self, checked](const QList<QHostAddress> &a, const QString &e) {
        if (self)
            checked(a, e);
    });
}

void WebhookDispatcher::post(const std::shared_ptr<Attempt> &attempt, const QHostAddress &pinnedIn)
{
    const QUrl &logical = attempt->url;
    const bool https = logical.scheme().toLower() == QLatin1String("https");
    QHostAddress pinned = pinnedIn;
    pinned.setScopeId(QString());
    const qint64 ts = Clock::nowMs() / 1000;
    const auto &row = attempt->row;
    const QList<QPair<QByteArray, QByteArray>> headers{
        {QByteArrayLiteral("webhook-id"), row.eventId.toUtf8()},
        {QByteArrayLiteral("webhook-timestamp"), QByteArray::number(ts)},
        {QByteArrayLiteral("webhook-signature"),
         StandardWebhooks::sign(row.eventId, ts, row.body, attempt->secrets).toLatin1()},
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Wamator/" WAMATOR_VERSION)},
    };
    if (!https) {
        postPlain(attempt, pinned, headers);
        return;
    }

    QUrl target = logical;
    target.setUserInfo(QString());
    target.setHost(pinned.protocol() == QAbstractSocket::IPv6Protocol
                       ? QLatin1Char('[') + pinned.toString() + QLatin1Char(']')
                       : pinned.toString());
    QNetworkRequest request(target);
    QUrl authority = logical;
    authority.setUserInfo(QString());
    request.setRawHeader("Host", authority.authority(QUrl::FullyEncoded).toLatin1());
    if (QHostAddress(logical.host()).isNull())
        request.setPeerVerifyName(logical.host(QUrl::FullyEncoded));
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_nam->post(request, row.body);

    // The whole exchange must end within the timeout (a receiver trickling bytes too): one
    // sweep timer for all requests, not a timer each (a timer per request costs as much as the
    // rest of the request's bookkeeping on the event loop).
    m_deadlines.insert(reply, m_mono.elapsed() + m_timeoutMs);
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
    connect(reply, &QNetworkReply::finished, this, [this, reply, attempt] {
        reply->deleteLater();
        m_deadlines.remove(reply);
        const bool timedOut = reply->property("wamatorTimedOut").toBool();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body =
            reply->isOpen() ? reply->read(WebhookDeliveryStore::kResponseBytes) : QByteArray();
        if (timedOut) {
            finishAttempt(attempt, 0, QStringLiteral("timeout"), {}, -1);
            return;
        }
        if (status == 0) {
            finishAttempt(attempt, 0, networkError(reply->error()), {}, -1);
            return;
        }
        const qint64 retryAfter =
            status == 429 || status == 503
                ? parseRetryAfter(reply->rawHeader("Retry-After"), Clock::nowMs())
                : -1;
        finishAttempt(attempt, status,
                      status >= 200 && status < 300 ? QString()
                                                    : QStringLiteral("http_%1").arg(status),
                      body, retryAfter);
    });
}

// http: keep-alive connections of our own on this thread (WebhookHttpConnection says why).
// The request joins its receiver's queue; free connections take the queue in order, and as
// many connections open as requests wait (the lane's window bounds them), so requests leave in
// the order they were sent even while several connections are being opened.
void WebhookDispatcher::postPlain(const std::shared_ptr<Attempt> &attempt,
                                  const QHostAddress &pinned,
                                  const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const QUrl &url = attempt->url;
    const quint16 port = quint16(url.port(80));
    QUrl authority = url;
    authority.setUserInfo(QString());
    const QByteArray host = authority.authority(QUrl::FullyEncoded).toLatin1();
    const QString key = pinned.toString() + QLatin1Char('|') + QString::number(port) +
                        QLatin1Char('|') + QString::fromLatin1(host);
    auto post = std::make_shared<PlainPost>();
    post->attempt = attempt;
    post->path = url.path(QUrl::FullyEncoded).toLatin1();
    if (post->path.isEmpty())
        post->path = QByteArrayLiteral("/");
    if (url.hasQuery())
        post->path += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    post->headers = headers;
    post->deadline = m_mono.elapsed() + m_timeoutMs;
    PlainTarget &target = m_plainTargets[key];
    if (target.host.isEmpty()) {
        target.address = pinned;
        target.port = port;
        target.host = host;
    }
    target.queue.append(post);
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
    servePlain(key);
}

void WebhookDispatcher::servePlain(const QString &key)
{
    auto it = m_plainTargets.find(key);
    if (it == m_plainTargets.end())
        return;
    PlainTarget &target = *it;
    while (!target.queue.isEmpty() && !target.idle.isEmpty()) {
        WebhookHttpConnection *c = target.idle.takeFirst();
        if (!c->reusable()) {
            dropConnection(c); // the receiver closed it meanwhile
            continue;
        }
        startPlain(key, c, target.queue.takeFirst());
        // startPlain never calls back synchronously: `target` is still valid.
    }
    if (!m_running)
        return;
    for (int wanted = int(target.queue.size()) - target.connecting; wanted > 0; --wanted) {
        auto *c = new WebhookHttpConnection(target.address, target.port, target.host, this);
        ++target.connecting;
        m_connectionDeadlines.insert(c, m_mono.elapsed() + m_timeoutMs);
        c->open([this, c, key](bool ok, const QString &error) {
            m_connectionDeadlines.remove(c);
            auto t = m_plainTargets.find(key);
            if (t == m_plainTargets.end()) {
                dropConnection(c);
                return;
            }
            --t->connecting;
            if (ok) {
                t->idle.append(c);
            } else {
                dropConnection(c);
                // The request this connection was opened for fails with its error.
                if (!t->queue.isEmpty()) {
                    const auto post = t->queue.takeFirst();
                    finishAttempt(post->attempt, 0, error, {}, -1);
                }
            }
            servePlain(key);
        });
    }
}

void WebhookDispatcher::startPlain(const QString &key, WebhookHttpConnection *connection,
                                   const std::shared_ptr<PlainPost> &post)
{
    m_connectionDeadlines.insert(connection, post->deadline);
    const auto attempt = post->attempt;
    connection->post(post->path, post->headers, attempt->row.body,
                     [this, connection, attempt, key](const WebhookHttpConnection::Response &r) {
                         m_connectionDeadlines.remove(connection);
                         auto t = m_plainTargets.find(key);
                         if (m_running && connection->reusable() && t != m_plainTargets.end() &&
                             t->idle.size() < kMaxIdleConnectionsPerTarget)
                             t->idle.append(connection);
                         else
                             dropConnection(connection);
                         if (r.status == 0) {
                             finishAttempt(attempt, 0, r.error, {}, -1);
                         } else {
                             const qint64 retryAfter =
                                 r.status == 429 || r.status == 503
                                     ? parseRetryAfter(r.retryAfter, Clock::nowMs())
                                     : -1;
                             finishAttempt(attempt, r.status,
                                           r.status >= 200 && r.status < 300
                                               ? QString()
                                               : QStringLiteral("http_%1").arg(r.status),
                                           r.body, retryAfter);
                         }
                         servePlain(key);
                     });
}

void WebhookDispatcher::dropConnection(WebhookHttpConnection *connection)
{
    m_connectionDeadlines.remove(connection);
    for (PlainTarget &t : m_plainTargets)
        t.idle.removeOne(connection);
    connection->deleteLater();
}

void WebhookDispatcher::sweepTimeouts()
{
    bool queued = false;
    for (const PlainTarget &t : std::as_const(m_plainTargets))
        queued = queued || !t.queue.isEmpty();
    if (m_deadlines.isEmpty() && m_connectionDeadlines.isEmpty() && !queued) {
        m_sweepTimer.stop();
        return;
    }
    const qint64 now = m_mono.elapsed();
    // Requests that waited for a connection until their deadline.
    QList<std::shared_ptr<PlainPost>> lateQueued;
    for (PlainTarget &t : m_plainTargets)
        while (!t.queue.isEmpty() && t.queue.first()->deadline <= now)
            lateQueued << t.queue.takeFirst();
    for (const auto &post : std::as_const(lateQueued))
        finishAttempt(post->attempt, 0, QStringLiteral("timeout"), {}, -1);
    QList<WebhookHttpConnection *> lateConnections;
    for (auto it = m_connectionDeadlines.cbegin(); it != m_connectionDeadlines.cend(); ++it)
        if (it.value() <= now)
            lateConnections << it.key();
    for (WebhookHttpConnection *c : lateConnections)
        if (m_connectionDeadlines.contains(c))
            c->abort(QStringLiteral("timeout")); // its handler runs now
    QList<QNetworkReply *> late;
    for (auto it = m_deadlines.cbegin(); it != m_deadlines.cend(); ++it)
        if (it.value() <= now)
            late << it.key();
    for (QNetworkReply *reply : late) {
        m_deadlines.remove(reply);
        reply->setProperty("wamatorTimedOut", true);
        reply->abort(); // finished runs now, and sees the flag
    }
}

void WebhookDispatcher::finishAttempt(const std::shared_ptr<Attempt> &attempt, int statusCode,
                                      const QString &error, const QByteArray &response,
                                      qint64 retryAfterMs)
{
    if (attempt->done)
        return;
    attempt->done = true;
    m_metrics.inFlight -= 1;
    auto it = m_lanes.find(attempt->endpointId);
    if (it == m_lanes.end())
        return; // stopped meanwhile: the row stays pending and is delivered again
    Lane &lane = *it;
    lane.inFlight.remove(attempt->row.id);

    const qint64 now = Clock::nowMs();
    WebhookDeliveryStore::Result r;
    r.deliveryId = attempt->row.id;
    r.attempts = attempt->row.attempts + 1;
    r.statusCode = statusCode;
    r.latencyMs = attempt->started.elapsed();
    r.response = response.isEmpty() ? QString() : WebhookDeliveryStore::responseText(response);
    r.error = error;
    r.atMs = now;

    const bool ok = statusCode >= 200 && statusCode < 300;
    const bool retryable =
        !ok && (statusCode == 0 || statusCode == 408 || statusCode == 429 || statusCode >= 500);
    auto rowIt = std::find_if(lane.rows.begin(), lane.rows.end(),
                              [&](const auto &p) { return p.id == attempt->row.id; });
    QString outcome;
    if (ok) {
        r.status = kSucceeded;
        outcome = kSucceeded;
        m_metrics.succeeded += 1;
        const qint64 latency = std::max<qint64>(0, now - attempt->row.eventCreatedAt);
        m_metrics.latencyCount += 1;
        m_metrics.latencySumMs += double(latency);
        const auto &buckets = latencyBucketsMs();
        for (int i = 0; i < buckets.size(); ++i)
            if (latency <= buckets.at(i))
                m_metrics.latencyBuckets[i] += 1;
        if (rowIt != lane.rows.end())
            lane.rows.erase(rowIt);
        if (lane.target.failingSince > 0) {
            lane.target.failingSince = 0;
            m_store.markHealthy(lane.target.id);
        }
    } else if (retryable) {
        r.status = kPending;
        outcome = kRetry;
        m_metrics.retried += 1;
        qint64 delay =
            jittered(m_schedule.at(std::min<qsizetype>(r.attempts, m_schedule.size()) - 1));
        if (retryAfterMs >= 0)
            delay = std::min(retryAfterMs, kMaxRetryAfterMs); // the receiver said when
        r.nextAttemptAt = now + delay;
        if (rowIt != lane.rows.end()) {
            rowIt->attempts = r.attempts;
            rowIt->nextAttemptAt = r.nextAttemptAt;
        }
        if (lane.target.failingSince == 0) {
            lane.target.failingSince = now;
            m_store.markFailing(lane.target.id, now);
        } else if (now - lane.target.failingSince >= kDisableAfterMs && !lane.disabled) {
            m_unwritten << r;
            disableEndpoint(lane, QStringLiteral("failing_3_days"));
            m_unannounced << Done{r.deliveryId, attempt->endpointId, outcome};
            flush();
            return;
        }
    } else {
        r.status = kFailed;
        outcome = kFailed;
        m_metrics.failed += 1;
        if (rowIt != lane.rows.end())
            lane.rows.erase(rowIt);
        if (statusCode == 410 && !lane.disabled) {
            m_unwritten << r;
            disableEndpoint(lane, QStringLiteral("gone"));
            m_unannounced << Done{r.deliveryId, attempt->endpointId, outcome};
            flush();
            return;
        }
    }
    m_unwritten << r;
    m_unannounced << Done{r.deliveryId, attempt->endpointId, outcome};
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
    schedulePump(lane.target.id);
}

void WebhookDispatcher::disableEndpoint(Lane &lane, const QString &reason)
{
    lane.disabled = true;
    m_metrics.disabled += 1;
    qCWarning(lcWebhooks) << "webhook endpoint" << lane.target.id << "disabled:" << reason;
    try {
        m_store.setDisabled(lane.target.id, reason); // publishes webhook_disabled
    } catch (const DomainError &e) {
        qCWarning(lcWebhooks) << "cannot disable webhook endpoint:" << e.what();
    }
    Q_EMIT endpointDisabled(lane.target.vendorId, lane.target.id, reason);
}

void WebhookDispatcher::flush()
{
    m_flushTimer.stop();
    if (m_unwritten.isEmpty())
        return;
    const auto results = std::exchange(m_unwritten, {});
    try {
        m_deliveries.record(results);
    } catch (const DomainError &e) {
        // Left pending in the database: delivered again later (same webhook-id).
        qCWarning(lcWebhooks) << "cannot record webhook results:" << e.what();
    }
    const auto done = std::exchange(m_unannounced, {});
    for (const Done &d : done)
        Q_EMIT attempted(d.deliveryId, d.endpointId, d.outcome);
}

QByteArray WebhookDispatcher::metricsText() const
{
    QByteArray out;
    auto family = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    family("wamator_webhook_deliveries_total", "counter",
           "Webhook delivery attempts by outcome (retry = failed, will be retried).");
    out += "wamator_webhook_deliveries_total{outcome=\"succeeded\"} " +
           QByteArray::number(m_metrics.succeeded) + '\n';
    out += "wamator_webhook_deliveries_total{outcome=\"retry\"} " +
           QByteArray::number(m_metrics.retried) + '\n';
    out += "wamator_webhook_deliveries_total{outcome=\"failed\"} " +
           QByteArray::number(m_metrics.failed) + '\n';
    family("wamator_webhook_endpoints_disabled_total", "counter",
           "Webhook endpoints disabled by delivery (gone, failing for 3 days).");
    out +=
        "wamator_webhook_endpoints_disabled_total " + QByteArray::number(m_metrics.disabled) + '\n';
    family("wamator_webhook_endpoint_scans_total", "counter",
           "Reads of the endpoints with pending deliveries (on a staged event, or the 1 s poll).");
    out += "wamator_webhook_endpoint_scans_total " + QByteArray::number(m_metrics.endpointScans) +
           '\n';
    family("wamator_webhook_queue_depth", "gauge",
           "Pending webhook deliveries of enabled endpoints.");
    qint64 depth = 0;
    try {
        depth = m_deliveries.queueDepth();
    } catch (const DomainError &) {
    }
    out += "wamator_webhook_queue_depth " + QByteArray::number(depth) + '\n';
    family("wamator_webhook_in_flight", "gauge", "Webhook requests under way.");
    out += "wamator_webhook_in_flight " + QByteArray::number(m_metrics.inFlight) + '\n';
    family("wamator_webhook_delivery_latency_seconds", "histogram",
           "Event staged to delivered (2xx), seconds.");
    const auto &buckets = latencyBucketsMs();
    for (int i = 0; i < buckets.size(); ++i)
        out += "wamator_webhook_delivery_latency_seconds_bucket{le=\"" +
               QByteArray::number(double(buckets.at(i)) / 1000.0) + "\"} " +
               QByteArray::number(m_metrics.latencyBuckets.at(i)) + '\n';
    out += "wamator_webhook_delivery_latency_seconds_bucket{le=\"+Inf\"} " +
           QByteArray::number(m_metrics.latencyCount) + '\n';
    out += "wamator_webhook_delivery_latency_seconds_sum " +
           QByteArray::number(m_metrics.latencySumMs / 1000.0) + '\n';
    out += "wamator_webhook_delivery_latency_seconds_count " +
           QByteArray::number(m_metrics.latencyCount) + '\n';
    return out;
}
