#include "SessionManager.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "QrCodeImage.h"
#include "SandboxOutboxCache.h"
#include "SimulatorScheme.h"
#include "WebEngineSession.h"
#include "WhatsAppMessageSender.h"
#include "numbers/NumberCheckService.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "webhooks/WebhookOutbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWebEngineProfile>

Q_LOGGING_CATEGORY(lcSessions, "wamator.whatsapp.sessions")

namespace {
const QUrl kWhatsAppWebUrl(QStringLiteral("https://web.whatsapp.com/"));
constexpr int kSimulateTimeoutMs = 30000;
constexpr int kSimulateBurstTimeoutMs = 300000;
constexpr int kDownloadTimeoutMs = 120000;
constexpr int kSendSeenTimeoutMs = 30000;
// From Connect to WhatsApp Web's linking screen (a page load, the first QR).
constexpr int kPairingScreenWaitMs = 60000;
constexpr int kEnterCodeTimeoutMs = 30000;

// One handler for every sandbox profile; it must outlive them all, so it lives with the app.
SimulatorSchemeHandler *simulatorHandler()
{
    static QPointer<SimulatorSchemeHandler> handler;
    if (!handler)
        handler = new SimulatorSchemeHandler(QCoreApplication::instance());
    return handler;
}

// Removes a profile directory once Chromium has let go of it: the profile object is gone but
// its storage backend can close files a moment later, so retry a few times.
void removeProfileDir(const QString &dir, int attempt = 0)
{
    if (dir.isEmpty() || !QFileInfo::exists(dir))
        return;
    QDir(dir).removeRecursively();
    if (QFileInfo::exists(dir) || attempt < 2) {
        if (attempt < 20)
            QTimer::singleShot(250, QCoreApplication::instance(),
                               [dir, attempt] { removeProfileDir(dir, attempt + 1); });
        else
            qCWarning(lcSessions) << "could not remove profile directory" << dir;
    }
}

SessionStateEvent stateEvent(qint64 userId, qint64 numberId, const QString &phoneNumber,
                             const QString &state, const QString &reason)
{
    SessionStateEvent e;
    e.userId = userId;
    e.numberId = numberId;
    e.phoneNumber = phoneNumber;
    e.state = state;
    e.reason = reason;
    return e;
}
} // namespace

struct SessionManager::Private
{
    CoreServices &core;
    SessionManager *q;
    QHash<qint64, WebEngineSession *> sessions;
    QList<qint64> queue;        // waiting for a start slot
    QSet<qint64> startingNow;   // holding a start slot (page loading, not yet QR/ready)
    QHash<qint64, int> closing; // number id → sessions still closing (logout in progress)
    QHash<qint64, qint64> connectAfterClose; // number id → vendor id
    SandboxOutboxCache outboxes;             // sandbox numbers' outboxes, for /sandbox/.../outbox
    QString simulatorQuery;
    int pairingIntervalMs = 180000; // WhatsApp's (whatsapp-web.js's intervalMs default)
    std::unique_ptr<WhatsAppMessageSender> sender;
    // Asks through `sender`: declared after it, so it goes first.
    std::unique_ptr<NumberCheckService> numberChecks;
    bool pumpScheduled = false;

    Private(CoreServices &c, SessionManager *manager) : core(c), q(manager) {}

    WhatsAppNumber number(qint64 vendorId, qint64 numberId) const
    {
        const auto n = core.numbers().find(vendorId, numberId);
        if (!n)
            throw DomainError::notFound(QStringLiteral("number"));
        return *n;
    }

    WebEngineSession *create(const WhatsAppNumber &n);
    QUrl pageUrl(bool sandbox) const
    {
        return sandbox ? SimulatorScheme::pageUrl(simulatorQuery) : kWhatsAppWebUrl;
    }
    WebEngineSession::Watchdog watchdog() const
    {
        const Settings &settings = core.settings();
        WebEngineSession::Watchdog w;
        w.loadTimeoutSeconds = settings.pageLoadTimeoutSeconds();
        w.heartbeatSeconds = settings.pageHeartbeatSeconds();
        w.hangSeconds = settings.pageHangSeconds();
        w.recoveryAttempts = settings.pageRecoveryAttempts();
        w.recoveryDelayMs = settings.pageRecoveryDelayMs();
        w.recoveryMaxDelayMs = settings.pageRecoveryMaxDelayMs();
        return w;
    }
    void refreshSettings(WebEngineSession *s)
    {
        Settings &settings = core.settings();
        s->applySettings(settings.userAgent(), settings.qrTimeoutSeconds(),
                         settings.qrMaxRefreshes(), pageUrl(s->isSandbox()), watchdog());
    }
    void enqueue(WebEngineSession *s);
    void schedulePump();
    void pump();
    void onState(WebEngineSession *s, const QString &state, const QString &reason);
    void onQr(WebEngineSession *s, const QString &qr);
    void onPairingCode(WebEngineSession *s, const QString &code);
    void whenLinkingScreen(WebEngineSession *s,
                           std::function<void(const QString &error, const QString &message)> go);
    WebEngineSession *codeSession(qint64 vendorId, qint64 numberId) const;
    void persist(WebEngineSession *s, const QString &state, const QString &reason);
    void announceState(qint64 vendorId, const SessionStateEvent &event);
    void close(qint64 numberId, bool logout, const QString &profileDirToDelete);
    void copyOutboxBaseline(WebEngineSession *s);
    WebEngineSession *sandboxSession(qint64 vendorId, qint64 numberId) const;
    WebEngineSession *readySession(qint64 numberId) const;
};

WebEngineSession *SessionManager::Private::create(const WhatsAppNumber &n)
{
    Settings &settings = core.settings();
    WebEngineSession::Config config;
    config.vendorId = n.vendorId;
    config.userId = n.appUserId;
    config.numberId = n.id;
    config.phoneNumber = n.phoneNumber;
    config.sessionId = n.sessionId;
    config.sandbox = n.sandbox;
    config.profileDir = q->profileDir(n.sessionId);
    config.dataDir = core.dataDir();
    config.userAgent = settings.userAgent();
    config.qrTimeoutSeconds = settings.qrTimeoutSeconds();
    config.qrMaxRefreshes = settings.qrMaxRefreshes();
    config.watchdog = watchdog();
    config.url = pageUrl(n.sandbox);
    if (n.sandbox) {
        config.prepareProfile = [](QWebEngineProfile *profile) {
            profile->installUrlSchemeHandler(SimulatorScheme::schemeName(), simulatorHandler());
        };
    }

    auto *s = new WebEngineSession(config, q);
    sessions.insert(n.id, s);
    sender->attach(s);
    QObject::connect(
        s, &Session::stateChanged, q,
        [this, s](const QString &state, const QString &reason) { onState(s, state, reason); });
    QObject::connect(s, &Session::qrChanged, q, [this, s](const QString &qr) { onQr(s, qr); });
    QObject::connect(s, &WebEngineSession::pairingCodeChanged, q,
                     [this, s](const QString &code) { onPairingCode(s, code); });
    if (n.sandbox) {
        const qint64 id = n.id;
        QObject::connect(s, &WebEngineSession::sandboxOutboxRecord, q,
                         [this, id](const QString &key, const QJsonObject &record) {
                             outboxes.addRecord(id, key, record);
                         });
        QObject::connect(s, &WebEngineSession::ackChanged, q,
                         [this, id](const QString &key, int ack) { outboxes.ack(id, key, ack); });
    }
    Q_EMIT q->sessionCreated(n.id);
    return s;
}

void SessionManager::Private::enqueue(WebEngineSession *s)
{
    s->markQueued();
    if (!queue.contains(s->numberId()))
        queue.append(s->numberId());
    schedulePump();
}

void SessionManager::Private::schedulePump()
{
    if (pumpScheduled)
        return;
    pumpScheduled = true;
    // Deferred: state changes arrive from inside sessions' own calls.
    QTimer::singleShot(0, q, [this] {
        pumpScheduled = false;
        pump();
    });
}

void SessionManager::Private::pump()
{
    const int limit = qMax(1, core.settings().maxConcurrentStarts());
    while (startingNow.size() < limit && !queue.isEmpty()) {
        const qint64 id = queue.takeFirst();
        WebEngineSession *s = sessions.value(id);
        if (!s || s->page() || s->state() != SessionState::Starting)
            continue;
        startingNow.insert(id);
        s->start();
    }
}

void SessionManager::Private::persist(WebEngineSession *s, const QString &state,
                                      const QString &reason)
{
    try {
        core.numbers().setState(s->vendorId(), s->numberId(), state, reason);
        if (state == SessionState::Ready)
            core.numbers().setRestoreOnStart(s->vendorId(), s->numberId(), true);
        else if (state == SessionState::Failed && reason == QLatin1String("logged_out"))
            core.numbers().setRestoreOnStart(s->vendorId(), s->numberId(), false);
    } catch (const DomainError &e) {
        // The number was deleted while its session was still closing.
        qCDebug(lcSessions) << s->sessionId() << "state not stored:" << e.message();
    }
}

// One place for both audiences of a state change: the event stream (WebSocket) and the
// window (stateChanged) always hear the same changes.
void SessionManager::Private::announceState(qint64 vendorId, const SessionStateEvent &event)
{
    core.webhookOutbox().stageNow(vendorId, event); // webhooks: stored before it is announced
    core.events().publish(vendorId, event);
    Q_EMIT q->stateChanged(vendorId, event.numberId, event.state, event.reason);
}

void SessionManager::Private::onState(WebEngineSession *s, const QString &state,
                                      const QString &reason)
{
    if (state != SessionState::Starting && startingNow.remove(s->numberId()))
        schedulePump();
    if (s->isSandbox() && state == SessionState::Ready)
        copyOutboxBaseline(s);
    persist(s, state, reason);
    announceState(s->vendorId(),
                  stateEvent(s->userId(), s->numberId(), s->phoneNumber(), state, reason));
    if (state == SessionState::Failed && reason == QLatin1String("logged_out")) {
        // The phone unlinked this device: the stored login is worthless, and a page killed
        // half-way through its own clean-up could look logged in next time. Drop the profile;
        // the number keeps showing failed/logged_out (from its row) until connected again.
        const qint64 id = s->numberId();
        const QString dir = q->profileDir(s->sessionId());
        QPointer<WebEngineSession> session(s);
        QTimer::singleShot(0, q, [this, id, dir, session] {
            if (session && sessions.value(id) == session &&
                session->state() == SessionState::Failed)
                close(id, false, dir);
        });
    }
}

void SessionManager::Private::onQr(WebEngineSession *s, const QString &qr)
{
    if (qr.isEmpty())
        return;
    const qint64 expiresIn = qMax<qint64>(1, (s->qrExpiresAt() - Clock::nowMs() + 999) / 1000);
    QrEvent event;
    event.userId = s->userId();
    event.numberId = s->numberId();
    event.phoneNumber = s->phoneNumber();
    event.qr = qr;
    event.qrPng = QrCodeImage::pngDataUrl(qr);
    event.expiresInSeconds = expiresIn;
    core.webhookOutbox().stageNow(s->vendorId(), event);
    core.events().publish(s->vendorId(), event);
    Q_EMIT q->qrChanged(s->vendorId(), s->numberId(), qr);
}

// Only the WebSocket and the window hear it: no webhook type fits a code (and a code is a
// secret of the moment, not something to store and retry).
void SessionManager::Private::onPairingCode(WebEngineSession *s, const QString &code)
{
    if (!code.isEmpty()) {
        PairingCodeEvent event;
        event.userId = s->userId();
        event.numberId = s->numberId();
        event.phoneNumber = s->phoneNumber();
        event.code = code;
        event.expiresAtMs = s->pairingCodeExpiresAt();
        core.events().publish(s->vendorId(), event);
    }
    Q_EMIT q->pairingCodeChanged(s->vendorId(), s->numberId(), code);
}

// Calls `go` once the page shows WhatsApp Web's linking screen (qr_pending: loaded, unpaired),
// or with an error when the session gets linked, stops or fails first, or after a minute.
void SessionManager::Private::whenLinkingScreen(
    WebEngineSession *s, std::function<void(const QString &, const QString &)> go)
{
    auto *waiter = new QObject(q);
    auto finished = std::make_shared<bool>(false);
    auto finish = [waiter, finished, go](const QString &error, const QString &message) {
        if (*finished)
            return;
        *finished = true;
        waiter->deleteLater();
        go(error, message);
    };
    QObject::connect(
        s, &Session::stateChanged, waiter, [finish](const QString &state, const QString &reason) {
            if (state == SessionState::QrPending)
                finish({}, {});
            else if (state == SessionState::Authenticated || state == SessionState::Ready)
                finish(QStringLiteral("already_connected"),
                       QStringLiteral("this number is already connected"));
            else if (state == SessionState::Failed)
                finish(QStringLiteral("session_failed"),
                       QStringLiteral("the session failed: ") + reason);
            else if (state == SessionState::Disconnected)
                finish(QStringLiteral("session_not_ready"),
                       QStringLiteral("the session was stopped"));
        });
    QObject::connect(s, &QObject::destroyed, waiter, [finish] {
        finish(QStringLiteral("session_not_ready"), QStringLiteral("the session was closed"));
    });
    QTimer::singleShot(kPairingScreenWaitMs, waiter, [finish] {
        finish(QStringLiteral("timeout"),
               QStringLiteral("WhatsApp Web did not show its linking screen in time"));
    });
    if (s->state() == SessionState::QrPending && s->page())
        QTimer::singleShot(0, waiter, [finish] { finish({}, {}); });
}

WebEngineSession *SessionManager::Private::codeSession(qint64 vendorId, qint64 numberId) const
{
    number(vendorId, numberId); // NotFound for another vendor's number
    WebEngineSession *s = sessions.value(numberId);
    if (!s || !s->page() || s->pairingCode().isEmpty())
        throw DomainError::conflict(QStringLiteral("no_pairing_code"),
                                    QStringLiteral("no pairing code is shown for this number; "
                                                   "ask for one with POST /connect and "
                                                   "{\"method\": \"code\"}"));
    return s;
}

// Takes the session out of the manager, stops it (logging it out of WhatsApp when asked) and
// deletes its profile directory when one is given. A connect that arrives meanwhile waits, so
// two profiles never share one storage directory.
void SessionManager::Private::close(qint64 numberId, bool logout, const QString &profileDirToDelete)
{
    queue.removeAll(numberId);
    if (startingNow.remove(numberId))
        schedulePump();
    outboxes.remove(numberId);
    WebEngineSession *s = sessions.take(numberId);
    if (!s) {
        if (!profileDirToDelete.isEmpty() && !closing.contains(numberId))
            removeProfileDir(profileDirToDelete);
        return;
    }
    // From here on the session's own signals no longer drive the manager's state.
    QObject::disconnect(s, &Session::stateChanged, q, nullptr);
    QObject::disconnect(s, &Session::qrChanged, q, nullptr);
    QObject::disconnect(s, &WebEngineSession::pairingCodeChanged, q, nullptr);
    ++closing[numberId];
    auto finish = [this, s, numberId, profileDirToDelete] {
        s->releaseProfile();
        s->deleteLater();
        Q_EMIT q->sessionDestroyed(numberId);
        // The profile object is deleted with the event loop's next turn; its files after it.
        QTimer::singleShot(100, q, [this, numberId, profileDirToDelete] {
            if (!profileDirToDelete.isEmpty())
                removeProfileDir(profileDirToDelete);
            if (--closing[numberId] <= 0) {
                closing.remove(numberId);
                if (connectAfterClose.contains(numberId)) {
                    const qint64 vendorId = connectAfterClose.take(numberId);
                    try {
                        q->connectNumber(vendorId, numberId);
                    } catch (const DomainError &) {
                        // deleted meanwhile
                    }
                }
            }
        });
    };
    if (logout)
        s->logout(finish);
    else {
        s->stop();
        finish();
    }
}

// The page's outbox as it is now, once per ready session: what the simulator restored from its
// storage (sent before this run) is not announced record by record (SandboxOutboxCache).
void SessionManager::Private::copyOutboxBaseline(WebEngineSession *s)
{
    const qint64 id = s->numberId();
    if (!s->page())
        return;
    const quint64 copy = outboxes.beginBaseline(id);
    QPointer<SessionManager> guard(q);
    QPointer<WebEngineSession> session(s);
    s->runInPage(QStringLiteral("(function(){var s=window.WamatorSimulator;"
                                "return s?JSON.stringify(s.outbox()):'[]';})()"),
                 [this, guard, session, id, copy](const QVariant &value) {
                     if (!guard || !session || sessions.value(id) != session)
                         return;
                     outboxes.applyBaseline(
                         id, copy, QJsonDocument::fromJson(value.toString().toUtf8()).array());
                 });
}

WebEngineSession *SessionManager::Private::sandboxSession(qint64 vendorId, qint64 numberId) const
{
    const WhatsAppNumber n = number(vendorId, numberId);
    if (!n.sandbox)
        throw DomainError::notFound(QStringLiteral("sandbox number"));
    WebEngineSession *s = sessions.value(numberId);
    if (!s || !s->page())
        throw DomainError::conflict(QStringLiteral("not_connected"),
                                    QStringLiteral("the sandbox number's session is not running; "
                                                   "connect it first"));
    return s;
}

WebEngineSession *SessionManager::Private::readySession(qint64 numberId) const
{
    WebEngineSession *s = sessions.value(numberId);
    if (!s || !s->page() || s->state() != SessionState::Ready)
        throw DomainError::conflict(QStringLiteral("not_connected"),
                                    QStringLiteral("the number's WhatsApp session is not ready"));
    return s;
}

SessionManager::SessionManager(CoreServices &core, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(core, this))
{
    d->sender = std::make_unique<WhatsAppMessageSender>(
        [this](qint64 numberId) { return session(numberId); });
    d->numberChecks = std::make_unique<NumberCheckService>(core, *d->sender);
    connect(&core.events(), &EventBus::numberRemoved, this,
            [this](qint64, qint64 numberId, const QString &sessionId) {
                d->connectAfterClose.remove(numberId);
                d->close(numberId, true, profileDir(sessionId));
            });
}

SessionManager::~SessionManager()
{
    // Application shutdown: pages go, logins stay; restore_on_start is left as it is so the
    // next start restores what was ready.
    const auto sessions = d->sessions;
    d->sessions.clear();
    for (WebEngineSession *s : sessions) {
        QObject::disconnect(s, nullptr, this, nullptr);
        try {
            d->core.numbers().setState(s->vendorId(), s->numberId(), SessionState::Disconnected,
                                       QString());
        } catch (const DomainError &) {
        }
        delete s; // page, then profile
    }
}

QString SessionManager::profileDir(const QString &sessionId) const
{
    return QDir(d->core.profilesDir()).filePath(sessionId);
}

void SessionManager::setSimulatorQuery(const QString &query)
{
    d->simulatorQuery = query;
}

void SessionManager::restoreSessions()
{
    QTimer::singleShot(0, this, [this] {
        try {
            // States left over by a previous run (which may have crashed) mean nothing now.
            for (const WhatsAppNumber &n : d->core.numbers().listAllForOperator()) {
                if (d->sessions.contains(n.id) || n.restoreOnStart)
                    continue;
                if (n.state != SessionState::Disconnected || n.isActive)
                    d->core.numbers().setState(n.vendorId, n.id, SessionState::Disconnected,
                                               QString());
            }
            const QList<WhatsAppNumber> numbers = d->core.numbers().listToRestore();
            qCInfo(lcSessions) << "restoring" << numbers.size() << "session(s)";
            for (const WhatsAppNumber &n : numbers) {
                if (d->sessions.contains(n.id))
                    continue;
                d->enqueue(d->create(n));
            }
        } catch (const DomainError &e) {
            qCCritical(lcSessions) << "restoring sessions failed:" << e.message();
        }
    });
}

void SessionManager::connectNumber(qint64 vendorId, qint64 numberId)
{
    const WhatsAppNumber n = d->number(vendorId, numberId);
    if (d->closing.contains(numberId)) {
        d->connectAfterClose.insert(numberId, vendorId);
        return;
    }
    WebEngineSession *s = d->sessions.value(numberId);
    if (!s) {
        d->enqueue(d->create(n));
        return;
    }
    if (s->state() == SessionState::Failed || s->state() == SessionState::Disconnected) {
        d->refreshSettings(s);
        d->enqueue(s);
    }
    // starting, qr_pending, authenticated, ready: already under way.
}

void SessionManager::disconnectNumber(qint64 vendorId, qint64 numberId)
{
    const WhatsAppNumber n = d->number(vendorId, numberId);
    d->close(numberId, false, QString());
    d->core.numbers().setState(vendorId, numberId, SessionState::Disconnected, QString());
    d->core.numbers().setRestoreOnStart(vendorId, numberId, false);
    d->announceState(vendorId, stateEvent(n.appUserId, numberId, n.phoneNumber,
                                          SessionState::Disconnected, QString()));
}

void SessionManager::logoutNumber(qint64 vendorId, qint64 numberId)
{
    const WhatsAppNumber n = d->number(vendorId, numberId);
    d->connectAfterClose.remove(numberId);
    d->close(numberId, true, profileDir(n.sessionId));
    d->core.numbers().setState(vendorId, numberId, SessionState::Disconnected, QString());
    d->core.numbers().setRestoreOnStart(vendorId, numberId, false);
    d->announceState(vendorId, stateEvent(n.appUserId, numberId, n.phoneNumber,
                                          SessionState::Disconnected, QString()));
}

void SessionManager::restartNumber(qint64 vendorId, qint64 numberId)
{
    const WhatsAppNumber n = d->number(vendorId, numberId);
    WebEngineSession *s = d->sessions.value(numberId);
    if (!s) {
        connectNumber(vendorId, numberId);
        return;
    }
    s->stop();
    d->refreshSettings(s);
    d->enqueue(s);
}

SessionManager::Snapshot SessionManager::snapshot(qint64 vendorId, qint64 numberId) const
{
    const WhatsAppNumber n = d->number(vendorId, numberId);
    Snapshot snap;
    if (WebEngineSession *s = d->sessions.value(numberId)) {
        snap.state = s->state();
        snap.reason = s->reason().isEmpty() ? QString() : s->reason();
        snap.qr = s->qr().isEmpty() ? QString() : s->qr();
        snap.qrExpiresAt = snap.qr.isNull() ? 0 : s->qrExpiresAt();
        snap.pairingCode = s->pairingCode().isEmpty() ? QString() : s->pairingCode();
        snap.pairingCodeExpiresAt = s->pairingCodeExpiresAt();
        snap.updatedAt = s->updatedAt();
    } else {
        snap.state = n.state.isEmpty() ? SessionState::Disconnected : n.state;
        snap.reason = n.stateReason.isEmpty() ? QString() : n.stateReason;
        snap.updatedAt = n.updatedAt;
    }
    return snap;
}

Session *SessionManager::session(qint64 numberId) const
{
    return d->sessions.value(numberId);
}

QList<Session *> SessionManager::sessions() const
{
    QList<Session *> list;
    for (WebEngineSession *s : std::as_const(d->sessions))
        list.append(s);
    return list;
}

NumberCheckService &SessionManager::numberChecks()
{
    return *d->numberChecks;
}

MessageSender &SessionManager::sender()
{
    return *d->sender;
}

void SessionManager::simulateScan(qint64 vendorId, qint64 numberId)
{
    d->sandboxSession(vendorId, numberId)
        ->runInPage(
            QStringLiteral("window.WamatorSimulator && window.WamatorSimulator.scan(), true"),
            [](const QVariant &) {});
}

void SessionManager::simulateLogout(qint64 vendorId, qint64 numberId)
{
    d->sandboxSession(vendorId, numberId)
        ->runInPage(
            QStringLiteral("window.WamatorSimulator && window.WamatorSimulator.logout(), true"),
            [](const QVariant &) {});
}

void SessionManager::sandboxOutbox(qint64 vendorId, qint64 numberId,
                                   std::function<void(const QJsonArray &)> done)
{
    WebEngineSession *s = d->sandboxSession(vendorId, numberId);
    // JSON text crosses runJavaScript intact (a QVariant of nested maps loses number types).
    s->runInPage(QStringLiteral("(function(){var s=window.WamatorSimulator;"
                                "return s?JSON.stringify(s.outbox()):'[]';})()"),
                 [done](const QVariant &value) {
                     done(QJsonDocument::fromJson(value.toString().toUtf8()).array());
                 });
}

QJsonArray SessionManager::cachedSandboxOutbox(qint64 vendorId, qint64 numberId)
{
    d->sandboxSession(vendorId, numberId); // NotFound / not_connected
    return d->outboxes.records(numberId);
}

void SessionManager::simulateIncoming(qint64 vendorId, qint64 numberId, const QJsonObject &spec,
                                      Done done)
{
    WebEngineSession *s = d->sandboxSession(vendorId, numberId);
    const bool many = spec.value(QLatin1String("count")).toInt(1) > 1;
    s->simulatorRequest(many ? QStringLiteral("burst") : QStringLiteral("receive"), spec,
                        many ? kSimulateBurstTimeoutMs : kSimulateTimeoutMs, std::move(done));
}

void SessionManager::downloadIncomingMedia(qint64 numberId, const QString &waMessageId, Done done)
{
    d->readySession(numberId)->request(QStringLiteral("downloadMedia"),
                                       {{QStringLiteral("id"), waMessageId}}, kDownloadTimeoutMs,
                                       std::move(done));
}

void SessionManager::sendSeen(qint64 numberId, const QString &chatWid, Done done)
{
    d->readySession(numberId)->request(QStringLiteral("sendSeen"),
                                       {{QStringLiteral("chat"), chatWid}}, kSendSeenTimeoutMs,
                                       std::move(done));
}

void SessionManager::setPairingCodeIntervalMs(int ms)
{
    d->pairingIntervalMs = qMax(1000, ms);
}

void SessionManager::requestPairingCode(qint64 vendorId, qint64 numberId, Done done)
{
    const WhatsAppNumber n = d->number(vendorId, numberId);
    if (snapshot(vendorId, numberId).state == SessionState::Ready)
        throw DomainError::conflict(QStringLiteral("already_connected"),
                                    QStringLiteral("this number is already connected"));
    connectNumber(vendorId, numberId);
    WebEngineSession *s = d->sessions.value(numberId);
    if (!s) { // its previous session is still closing; the connect waits for it
        QTimer::singleShot(0, this, [done] {
            done(false, {}, QStringLiteral("session_not_ready"),
                 QStringLiteral("the number's previous session is still closing; try again"));
        });
        return;
    }
    QPointer<WebEngineSession> session(s);
    const QString phone = n.phoneNumber;
    const int intervalMs = d->pairingIntervalMs;
    d->whenLinkingScreen(s, [session, phone, intervalMs, done](const QString &error,
                                                               const QString &message) {
        if (!error.isEmpty() || !session) {
            done(false, {}, error.isEmpty() ? QStringLiteral("session_not_ready") : error, message);
            return;
        }
        session->requestPairingCode(phone, intervalMs, done);
    });
}

void SessionManager::refreshPairingCode(qint64 vendorId, qint64 numberId, Done done)
{
    WebEngineSession *s = d->codeSession(vendorId, numberId);
    s->requestPairingCode(d->number(vendorId, numberId).phoneNumber, d->pairingIntervalMs,
                          std::move(done));
}

void SessionManager::cancelPairingCode(qint64 vendorId, qint64 numberId, Done done)
{
    d->codeSession(vendorId, numberId)->cancelPairingCode(std::move(done));
}

void SessionManager::simulateEnterCode(qint64 vendorId, qint64 numberId, const QString &code,
                                       Done done)
{
    d->sandboxSession(vendorId, numberId)
        ->simulatorRequest(QStringLiteral("enterCode"), {{QStringLiteral("code"), code}},
                           kEnterCodeTimeoutMs, std::move(done));
}
