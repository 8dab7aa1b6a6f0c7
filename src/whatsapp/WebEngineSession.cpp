#include "WebEngineSession.h"

#include "AdapterScripts.h"
#include "EngineInfo.h"
#include "MediaScheme.h"
#include "SessionBridge.h"
#include "SessionPage.h"
#include "WebEngineCompat.h"
#include "platform/Clock.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>
#include <QWebChannel>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineSettings>

Q_LOGGING_CATEGORY(lcSession, "wamator.whatsapp.session")

namespace {
constexpr int kMaxRestartDelayMs = 60 * 1000;
constexpr int kStableAfterMs = 5 * 60 * 1000;
constexpr int kLogoutWaitMs = 5000;
constexpr int kAdapterHelloMs = 10000;
constexpr int kClearSiteDataMs = 10000;
constexpr int kPairingRequestMs = 30000;
// The load after a recovery's clearing sometimes never produces a document (seen under load,
// on Qt 6.4 and 6.10 alike: the fresh page stays blank, no script runs). Its bridge speaks
// within a second or two normally; without it after 8 s the load is tried again on another page.
constexpr int kReloadBridgeMs = 8000;
constexpr int kReloadAttempts = 3;

// "(Chromium 102.0.5005.177)": every watchdog reason names the engine it happened in.
QString inChromium()
{
    return QStringLiteral("Chromium ") + EngineInfo::chromiumVersion();
}

// The console's words for a script that never registered, e.g. "Uncaught ReferenceError:
// cr:1234 is not defined": what WhatsApp's lazily loaded bundles do in a too old engine.
bool isNotDefinedError(const QString &message)
{
    return message.contains(QLatin1String("ReferenceError")) &&
           message.contains(QLatin1String(" is not defined"));
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

WebEngineSession::WebEngineSession(Config config, QObject *parent)
    : Session(parent), m_config(std::move(config))
{
    m_updatedAt = Clock::nowMs();
    m_failsafe.setSingleShot(true);
    connect(&m_failsafe, &QTimer::timeout, this, [this] {
        qCWarning(lcSession) << m_config.sessionId << "failsafe: not logged in after"
                             << m_failsafe.interval() / 1000 << "s in state" << m_state;
        fail(QStringLiteral("timeout"));
    });
    m_restart.setSingleShot(true);
    connect(&m_restart, &QTimer::timeout, this, &WebEngineSession::start);
    m_adapterWatchdog.setSingleShot(true);
    m_adapterWatchdog.setInterval(kAdapterHelloMs);
    connect(&m_adapterWatchdog, &QTimer::timeout, this, [this] {
        if (!m_page || m_stopping)
            return;
        qCCritical(lcSession) << m_config.sessionId
                              << "the adapter never started: a script error in it?";
        fail(QStringLiteral("adapter_outdated: whatsapp-adapter.js did not start (%1)")
                 .arg(inChromium()));
    });
    m_moduleApiTimer.setSingleShot(true);
    connect(&m_moduleApiTimer, &QTimer::timeout, this, &WebEngineSession::onModuleApiTimeout);
    m_heartbeat.setInterval(qMax(1, m_config.watchdog.heartbeatSeconds) * 1000);
    connect(&m_heartbeat, &QTimer::timeout, this, &WebEngineSession::heartbeat);
    m_recover.setSingleShot(true);
    connect(&m_recover, &QTimer::timeout, this, &WebEngineSession::loadAfterRecovery);
    m_reloadCheck.setSingleShot(true);
    m_reloadCheck.setInterval(kReloadBridgeMs);
    connect(&m_reloadCheck, &QTimer::timeout, this, [this] {
        if (m_stopping || m_bridgeReady)
            return;
        if (m_reloads >= kReloadAttempts) {
            qCWarning(lcSession) << m_config.sessionId << "watchdog: the load after clearing"
                                 << "produced no document" << m_reloads << "times";
            return; // the failsafe ends the session
        }
        qCWarning(lcSession) << m_config.sessionId << "watchdog: no document"
                             << kReloadBridgeMs / 1000 << "s after the load, loading again";
        reloadAfterClearing();
    });
    m_stable.setSingleShot(true);
    m_stable.setInterval(kStableAfterMs);
    connect(&m_stable, &QTimer::timeout, this, [this] {
        m_crashes = 0;
        m_recoveryDelays.clear();
    });
}

WebEngineSession::~WebEngineSession()
{
    m_stopping = true;
    failPending(QStringLiteral("session_not_ready"), QStringLiteral("session destroyed"));
    // The page must go before its profile.
    delete m_page.data();
    for (const QPointer<QWebEnginePage> &page : std::as_const(m_dyingPages))
        delete page.data();
    delete m_profile;
}

qint64 WebEngineSession::rendererPid() const
{
    return m_page ? m_page->renderProcessPid() : 0;
}

void WebEngineSession::createProfile()
{
    if (m_profile)
        return;
    QDir().mkpath(m_config.profileDir);
    // A named profile is persistent; its name must be unique in the process.
    m_profile = new QWebEngineProfile(QStringLiteral("wamator-") + m_config.sessionId);
    m_profile->setPersistentStoragePath(
        QDir(m_config.profileDir).filePath(QStringLiteral("storage")));
    m_profile->setCachePath(QDir(m_config.profileDir).filePath(QStringLiteral("cache")));
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::ForcePersistentCookies);
    m_profile->setHttpCacheType(QWebEngineProfile::DiskHttpCache);
    m_profile->setHttpUserAgent(EngineInfo::userAgent(m_config.userAgent));
    if (m_config.prepareProfile)
        m_config.prepareProfile(m_profile);
    // Per profile: another number's page cannot read this one's media.
    m_mediaHandler = new MediaSchemeHandler(m_config.url, m_profile);
    m_profile->installUrlSchemeHandler(MediaScheme::schemeName(), m_mediaHandler);
}

QUrl WebEngineSession::offerMedia(const QString &path, const QString &mimeType)
{
    return m_mediaHandler ? m_mediaHandler->offer(path, mimeType) : QUrl();
}

void WebEngineSession::withdrawMedia(const QUrl &url)
{
    if (m_mediaHandler)
        m_mediaHandler->withdraw(url);
}

void WebEngineSession::createPage()
{
    createProfile();
    auto *page = new SessionPage(m_profile, m_config.sessionId);
    page->setHomeUrl(m_config.url); // the main frame stays on this origin
    m_page = page;
    page->setAudioMuted(true);
    page->settings()->setAttribute(QWebEngineSettings::PlaybackRequiresUserGesture, true);

    m_bridge = new SessionBridge(page);
    auto *channel = new QWebChannel(page);
    channel->registerObject(QStringLiteral("wamatorBridge"), m_bridge);
    page->setWebChannel(channel, QWebEngineScript::ApplicationWorld);
    connect(m_bridge, &SessionBridge::received, this, &WebEngineSession::onMessage);

    QString origin;
    const QString adapterSource = AdapterScripts::adapter(m_config.dataDir, &origin);
    qCInfo(lcSession) << m_config.sessionId << "adapter:" << origin;

    auto makeScript = [](const QString &name, const QString &source, quint32 world) {
        QWebEngineScript script;
        script.setName(name);
        script.setSourceCode(source);
        script.setInjectionPoint(QWebEngineScript::DocumentCreation);
        script.setWorldId(world);
        script.setRunsOnSubFrames(false);
        return script;
    };
    // Page scripts are injected again into every navigation by QtWebEngine itself.
    // First, so the page's own scripts find the built-ins this engine lacks.
    if (m_config.polyfills)
        page->scripts().insert(makeScript(QStringLiteral("wamator-polyfills"),
                                          AdapterScripts::polyfills(),
                                          QWebEngineScript::MainWorld));
    page->scripts().insert(makeScript(QStringLiteral("wamator-storage-persist"),
                                      AdapterScripts::storagePersist(),
                                      QWebEngineScript::MainWorld));
    page->scripts().insert(makeScript(QStringLiteral("wamator-bridge"), AdapterScripts::bridge(),
                                      QWebEngineScript::ApplicationWorld));
    page->scripts().insert(
        makeScript(QStringLiteral("wamator-adapter"), adapterSource, QWebEngineScript::MainWorld));

    connect(page, &QWebEnginePage::renderProcessTerminated, this,
            &WebEngineSession::onRendererTerminated);
    connect(page, &SessionPage::consoleError, this, &WebEngineSession::onConsoleError);
    connect(page, &QWebEnginePage::urlChanged, this, &WebEngineSession::onUrlChanged);
    connect(page, &QWebEnginePage::loadingChanged, this, [this](const QWebEngineLoadingInfo &info) {
        // A main-frame navigation to another origin is refused by SessionPage: it leaves the
        // document, and the bridge in it, as they were.
        if (info.status() != QWebEngineLoadingInfo::LoadStartedStatus ||
            !SessionPage::sameOrigin(info.url(), m_config.url))
            return;
        m_bridgeReady = false;
        m_adapterWatchdog.stop();
        m_moduleApiTimer.stop();
        m_heartbeat.stop();
        m_ping = 0;
        m_moduleApi = false;
        m_loadErrors.clear();
        failPending(QStringLiteral("session_not_ready"), QStringLiteral("page navigated"));
    });
    WebEngineCompat::denyAllPermissions(page);
}

void WebEngineSession::destroyPage()
{
    m_failsafe.stop();
    m_stable.stop();
    m_reloadCheck.stop();
    m_adapterWatchdog.stop();
    m_moduleApiTimer.stop();
    m_heartbeat.stop();
    m_ping = 0;
    m_bridgeReady = false;
    m_moduleApi = false;
    m_clearOnHello = false;
    m_clearing = false;
    m_loadErrors.clear();
    failPending(QStringLiteral("session_not_ready"), QStringLiteral("session stopped"));
    if (!m_page)
        return;
    QWebEnginePage *page = m_page;
    m_page = nullptr;
    m_bridge = nullptr;
    page->disconnect(this);
    m_dyingPages.removeAll(nullptr);
    m_dyingPages.append(page);
    // May run inside one of the page's own signals (renderProcessTerminated): defer.
    page->deleteLater();
}

void WebEngineSession::applySettings(const QString &userAgent, int qrTimeoutSeconds,
                                     int qrMaxRefreshes, const QUrl &url, const Watchdog &watchdog)
{
    m_config.watchdog = watchdog;
    m_heartbeat.setInterval(qMax(1, watchdog.heartbeatSeconds) * 1000);
    m_config.userAgent = userAgent;
    m_config.qrTimeoutSeconds = qrTimeoutSeconds;
    m_config.qrMaxRefreshes = qrMaxRefreshes;
    m_config.url = url;
    if (auto *page = qobject_cast<SessionPage *>(m_page.data()))
        page->setHomeUrl(url);
    if (m_profile)
        m_profile->setHttpUserAgent(EngineInfo::userAgent(userAgent));
    if (m_mediaHandler)
        m_mediaHandler->setPageUrl(url);
}

void WebEngineSession::markQueued()
{
    if (m_state != SessionState::Starting)
        setState(SessionState::Starting);
}

void WebEngineSession::start()
{
    m_restart.stop();
    m_recover.stop();
    if (m_page)
        return;
    m_stopping = false;
    m_refreshes = 0;
    m_recoveryDelays.clear();
    m_qr.clear();
    m_meId.clear();
    clearPairingCode();
    setState(SessionState::Starting);
    createPage();
    m_failsafe.start(qMax(1, m_config.qrTimeoutSeconds) * 1000);
    qCInfo(lcSession) << m_config.sessionId << "loading" << m_config.url.toString();
    m_page->load(m_config.url);
    Q_EMIT started();
}

void WebEngineSession::stop()
{
    m_stopping = true;
    m_restart.stop();
    m_recover.stop();
    destroyPage();
    m_qr.clear();
    clearPairingCode();
    setState(SessionState::Disconnected);
}

void WebEngineSession::logout(std::function<void()> done)
{
    if (m_page && m_bridgeReady &&
        (m_state == SessionState::Ready || m_state == SessionState::Authenticated)) {
        m_stopping = true; // the adapter's own `logout` event is ours, not a remote logout
        QPointer<WebEngineSession> self(this);
        request(QStringLiteral("logout"), {}, kLogoutWaitMs,
                [self, done](bool, const QJsonObject &, const QString &, const QString &) {
                    if (self)
                        self->stop();
                    done();
                });
        return;
    }
    stop();
    QTimer::singleShot(0, this, [done] { done(); });
}

void WebEngineSession::releaseProfile()
{
    m_stopping = true;
    m_restart.stop();
    m_recover.stop();
    destroyPage();
    if (m_profile) {
        // Deferred after the page's own deferred deletion, which is queued first.
        m_profile->deleteLater();
        m_profile = nullptr;
    }
}

void WebEngineSession::setState(const QString &state, const QString &reason)
{
    if (state != SessionState::QrPending)
        m_qrExpiresAt = 0;
    if (m_state == state && m_reason == reason)
        return;
    m_state = state;
    m_reason = reason;
    m_updatedAt = Clock::nowMs();
    qCInfo(lcSession) << m_config.sessionId << "state" << state << reason;
    if (state == SessionState::Ready)
        m_stable.start();
    else
        m_stable.stop();
    Q_EMIT stateChanged(m_state, m_reason);
}

void WebEngineSession::fail(const QString &reason)
{
    m_recover.stop();
    destroyPage();
    m_qr.clear();
    clearPairingCode();
    setState(SessionState::Failed, reason);
}

void WebEngineSession::requestPairingCode(const QString &phone, int intervalMs, Reply done)
{
    m_pairingCodes = 0;
    QPointer<WebEngineSession> self(this);
    request(QStringLiteral("requestPairingCode"),
            QJsonObject{{QStringLiteral("phone"), phone},
                        {QStringLiteral("showNotification"), true},
                        {QStringLiteral("intervalMs"), intervalMs}},
            kPairingRequestMs,
            [self, done](bool ok, const QJsonObject &result, const QString &error,
                         const QString &message) {
                // A missing module fails the session before the answer comes: say why.
                if (!ok && self && self->m_state == SessionState::Failed) {
                    done(false, {}, self->m_reason.section(QLatin1Char(':'), 0, 0),
                         QStringLiteral("the session failed: ") + self->m_reason);
                    return;
                }
                // The page reported the code (pairing_code) just before it answered.
                if (!ok || !self || self->m_pairingCode.isEmpty()) {
                    done(false, {}, ok ? QStringLiteral("session_not_ready") : error,
                         ok ? QStringLiteral("the session changed before the code arrived")
                            : message);
                    return;
                }
                Q_UNUSED(result);
                done(true,
                     QJsonObject{{QStringLiteral("code"), self->m_pairingCode},
                                 {QStringLiteral("expires_at"), self->m_pairingExpiresAt}},
                     {}, {});
            });
}

void WebEngineSession::cancelPairingCode(Reply done)
{
    QPointer<WebEngineSession> self(this);
    request(QStringLiteral("cancelPairingCode"), {}, kPairingRequestMs,
            [self, done](bool ok, const QJsonObject &result, const QString &error,
                         const QString &message) {
                if (ok && self) {
                    self->clearPairingCode();
                    // Back to the QR's own failsafe.
                    if (self->m_state == SessionState::QrPending)
                        self->m_failsafe.start(qMax(1, self->m_config.qrTimeoutSeconds) * 1000);
                }
                done(ok, result, error, message);
            });
}

void WebEngineSession::onPairingCode(const QString &code, qint64 expiresInMs)
{
    if (code.isEmpty() || m_state == SessionState::Authenticated ||
        m_state == SessionState::Ready || m_state == SessionState::Failed)
        return;
    // Each renewal counts like a QR refresh: a code nobody types does not keep the page
    // waiting forever.
    if (++m_pairingCodes > m_config.qrMaxRefreshes + 1) {
        qCInfo(lcSession) << m_config.sessionId << "pairing code renewal limit reached";
        fail(QStringLiteral("timeout"));
        return;
    }
    m_pairingCode = code;
    m_pairingExpiresAt = Clock::nowMs() + qMax<qint64>(1000, expiresInMs);
    // The phone's owner has the code's whole life to type it (the QR failsafe is shorter).
    m_failsafe.start(int(qMin<qint64>(qMax<qint64>(1000, expiresInMs), 24 * 3600 * 1000)) +
                     qMax(1, m_config.qrTimeoutSeconds) * 1000);
    setState(SessionState::QrPending);
    Q_EMIT pairingCodeChanged(m_pairingCode);
}

void WebEngineSession::clearPairingCode()
{
    if (m_pairingCode.isEmpty())
        return;
    m_pairingCode.clear();
    m_pairingExpiresAt = 0;
    Q_EMIT pairingCodeChanged(QString());
}

void WebEngineSession::request(const QString &op, const QJsonObject &args, int timeoutMs,
                               Reply done)
{
    if (!m_page || !m_bridge || !m_bridgeReady) {
        QTimer::singleShot(0, this, [done] {
            done(false, {}, QStringLiteral("session_not_ready"),
                 QStringLiteral("the session has no running page"));
        });
        return;
    }
    const QString id = addPending(op, timeoutMs, std::move(done));
    m_bridge->send(QJsonObject{
        {QStringLiteral("id"), id}, {QStringLiteral("op"), op}, {QStringLiteral("args"), args}});
}

QString WebEngineSession::addPending(const QString &op, int timeoutMs, Reply done)
{
    const QString id = QString::number(++m_nextRequestId);
    Pending pending;
    pending.done = std::move(done);
    pending.timer = new QTimer(this);
    pending.timer->setSingleShot(true);
    connect(pending.timer, &QTimer::timeout, this, [this, id, op] {
        const auto it = m_pending.find(id);
        if (it == m_pending.end())
            return;
        Pending p = it.value();
        m_pending.erase(it);
        p.timer->deleteLater();
        qCWarning(lcSession) << m_config.sessionId << "request timed out:" << op;
        p.done(false, {}, QStringLiteral("timeout"), op + QStringLiteral(" timed out"));
    });
    pending.timer->start(qMax(1, timeoutMs));
    m_pending.insert(id, pending);
    return id;
}

void WebEngineSession::answerPending(const QString &id, bool ok, const QJsonObject &result,
                                     const QString &error, const QString &message)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return; // timed out already
    Pending p = it.value();
    m_pending.erase(it);
    p.timer->stop();
    p.timer->deleteLater();
    p.done(ok, result, error, message);
}

void WebEngineSession::simulatorRequest(const QString &name, const QJsonObject &args, int timeoutMs,
                                        Reply done)
{
    if (!m_page || !m_config.sandbox) {
        QTimer::singleShot(0, this, [done] {
            done(false, {}, QStringLiteral("session_not_ready"),
                 QStringLiteral("the session has no running simulator page"));
        });
        return;
    }
    // The answer comes as a `response` event on the adapter's channel, like an operation's.
    const QString id = addPending(QStringLiteral("simulator ") + name, timeoutMs, std::move(done));
    const QByteArray callArgs =
        QJsonDocument(QJsonArray{id, name, args}).toJson(QJsonDocument::Compact);
    const QString call =
        QStringLiteral("(function(a){var s=window.WamatorSimulator;"
                       "return !!(s&&typeof s.request==='function'&&s.request.apply(s,a));})(%1)")
            .arg(QString::fromUtf8(callArgs));
    QPointer<WebEngineSession> self(this);
    m_page->runJavaScript(call, QWebEngineScript::MainWorld, [self, id, name](const QVariant &v) {
        if (self && !v.toBool())
            self->answerPending(id, false, {}, QStringLiteral("not_simulator"),
                                QStringLiteral("the page has no simulator call ") + name);
    });
}

void WebEngineSession::failPending(const QString &error, const QString &message)
{
    if (m_pending.isEmpty())
        return;
    const QHash<QString, Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        p.timer->stop();
        p.timer->deleteLater();
    }
    // Later, never from inside the caller's own call into this session.
    for (const Pending &p : pending) {
        Reply done = p.done;
        QTimer::singleShot(0, this, [done, error, message] { done(false, {}, error, message); });
    }
}

void WebEngineSession::runInPage(const QString &script, std::function<void(const QVariant &)> done)
{
    if (!m_page) {
        QTimer::singleShot(0, this, [done] { done(QVariant()); });
        return;
    }
    m_page->runJavaScript(script, QWebEngineScript::MainWorld,
                          [done](const QVariant &value) { done(value); });
}

void WebEngineSession::onMessage(const QJsonObject &message)
{
    if (!m_page)
        return;
    const QString type = str(message, "type");
    if (type == QLatin1String("response")) {
        if (message.value(QLatin1String("ok")).toBool())
            answerPending(str(message, "id"), true,
                          message.value(QLatin1String("result")).toObject(), {}, {});
        else
            answerPending(str(message, "id"), false, {}, str(message, "error"),
                          str(message, "message"));
        return;
    }
    if (type == QLatin1String("ack")) {
        Q_EMIT ackChanged(str(message, "id"), message.value(QLatin1String("ack")).toInt());
        return;
    }
    if (type == QLatin1String("messages")) {
        // Customers wrote (docs/sessions.md "Incoming messages"); a clearing load never syncs.
        const QJsonArray messages = message.value(QLatin1String("messages")).toArray();
        if (!messages.isEmpty() && !m_clearing)
            Q_EMIT messagesReceived(messages);
        return;
    }
    if (type == QLatin1String("sandbox_outbox")) {
        // The simulator's record of a message it received (sandbox sessions only: no other
        // page has a say in a sandbox outbox).
        if (m_config.sandbox)
            Q_EMIT sandboxOutboxRecord(str(message, "key"),
                                       message.value(QLatin1String("record")).toObject());
        return;
    }
    if (type == QLatin1String("bridge")) {
        m_bridgeReady = true;
        m_reloadCheck.stop();
        // The adapter says hello synchronously when injected, so it is queued right behind
        // this message; silence means the script did not run (a broken override, say).
        m_adapterWatchdog.start();
        m_heartbeat.start();
        return;
    }
    if (type == QLatin1String("hello")) {
        m_adapterWatchdog.stop();
        if (m_clearOnHello && !m_stopping) {
            clearSiteDataAndReload();
            return;
        }
        if (!m_clearing)
            m_moduleApiTimer.start(qMax(1, m_config.watchdog.loadTimeoutSeconds) * 1000);
    }
    // A recovery's clearing load is thrown away: what its page does is not the session's.
    if (m_stopping || m_clearing)
        return;
    if (type == QLatin1String("hello") || type == QLatin1String("loaded")) {
        qCInfo(lcSession) << m_config.sessionId << type << str(message, "version");
        if (type == QLatin1String("loaded")) {
            m_moduleApi = true;
            m_moduleApiTimer.stop();
            if (!m_loadErrors.isEmpty())
                qCInfo(lcSession) << m_config.sessionId
                                  << "loaded despite script errors:" << m_loadErrors.first();
        }
    } else if (type == QLatin1String("state")) {
        onSocketState(str(message, "state"));
    } else if (type == QLatin1String("qr")) {
        const QString qr = str(message, "qr");
        if (qr.isEmpty() || m_state == SessionState::Authenticated ||
            m_state == SessionState::Ready || m_state == SessionState::Failed)
            return;
        m_qr = qr;
        setState(SessionState::QrPending);
        m_qrExpiresAt = Clock::nowMs() + kQrLifetimeSeconds * 1000;
        Q_EMIT qrChanged(m_qr);
    } else if (type == QLatin1String("pairing_code")) {
        onPairingCode(str(message, "code"),
                      qint64(message.value(QLatin1String("expiresInMs")).toDouble()));
    } else if (type == QLatin1String("authenticated")) {
        m_failsafe.stop();
        m_qr.clear();
        clearPairingCode();
        setState(SessionState::Authenticated);
    } else if (type == QLatin1String("ready")) {
        m_failsafe.stop();
        m_meId = str(message, "me");
        setState(SessionState::Ready);
    } else if (type == QLatin1String("adapter_outdated")) {
        // Modules that did not register because the engine broke their scripts are the
        // engine's fault, and a reload with fresh caches may still help.
        if (!m_loadErrors.isEmpty()) {
            recover(Cause::EngineOutdated, m_loadErrors.first());
            return;
        }
        qCCritical(lcSession) << m_config.sessionId
                              << "adapter outdated:" << str(message, "message") << "in"
                              << inChromium();
        fail(QStringLiteral("adapter_outdated: %1 is missing (%2)")
                 .arg(str(message, "module"), inChromium()));
    } else if (type == QLatin1String("engine_outdated")) {
        recover(Cause::EngineOutdated, QStringLiteral("it showed its browser-upgrade page: \"%1\"")
                                           .arg(str(message, "text").left(200)));
    } else if (type == QLatin1String("logout")) {
        fail(QStringLiteral("logged_out"));
    } else if (type == QLatin1String("load_timeout")) {
        onModuleApiTimeout(); // an override adapter of the time before the session timed it
    } else if (type == QLatin1String("error")) {
        qCWarning(lcSession) << m_config.sessionId << "adapter error:" << str(message, "message");
    }
}

void WebEngineSession::onSocketState(const QString &socketState)
{
    if (socketState == QLatin1String("UNPAIRED_IDLE")) {
        // The QR expired: WhatsApp Web waits for a click. Each refresh counts toward the limit.
        if (m_state == SessionState::Authenticated || m_state == SessionState::Ready)
            return;
        if (!m_pairingCode.isEmpty())
            return; // the page renews its pairing code by itself
        if (m_refreshes >= m_config.qrMaxRefreshes) {
            qCInfo(lcSession) << m_config.sessionId << "QR refresh limit reached";
            fail(QStringLiteral("timeout"));
            return;
        }
        ++m_refreshes;
        request(QStringLiteral("refreshQr"), {}, 15000,
                {[](bool, const QJsonObject &, const QString &, const QString &) {}});
    } else if (socketState == QLatin1String("CONFLICT")) {
        // Opened elsewhere: take the session back, as whatsapp-web.js's takeoverOnConflict.
        request(QStringLiteral("takeover"), {}, 15000,
                {[](bool, const QJsonObject &, const QString &, const QString &) {}});
    } else if (socketState == QLatin1String("TOS_BLOCK") ||
               socketState == QLatin1String("SMB_TOS_BLOCK")) {
        fail(QStringLiteral("banned"));
    } else if (socketState == QLatin1String("PROXYBLOCK")) {
        fail(QStringLiteral("proxy_blocked"));
    } else if (socketState == QLatin1String("DEPRECATED_VERSION")) {
        recover(Cause::DeprecatedVersion, QString());
    } else if (socketState == QLatin1String("PAIRING") ||
               socketState == QLatin1String("CONNECTED")) {
        // The phone linked us: no more QR failsafe, but a sync must not stall forever.
        if (m_state != SessionState::Ready && m_state != SessionState::Authenticated)
            m_failsafe.start(qMax(180, 3 * m_config.qrTimeoutSeconds) * 1000);
    }
}

void WebEngineSession::onConsoleError(const QString &message)
{
    // Only errors while the page loads say the engine is too old; later ones are WhatsApp's.
    if (m_moduleApi || m_clearing || m_stopping || !isNotDefinedError(message))
        return;
    if (m_loadErrors.size() < 10)
        m_loadErrors.append(message.left(300));
}

void WebEngineSession::onModuleApiTimeout()
{
    if (!m_page || m_stopping || m_moduleApi)
        return;
    if (!m_loadErrors.isEmpty())
        recover(Cause::EngineOutdated, m_loadErrors.first());
    else
        recover(Cause::ModuleApiMissing, QString());
}

void WebEngineSession::heartbeat()
{
    if (!m_page || !m_bridgeReady || m_ping != 0 || m_stopping)
        return;
    const quint64 ping = ++m_pingSeq;
    m_ping = ping;
    const int hangMs = qMax(1, m_config.watchdog.hangSeconds) * 1000;
    QPointer<WebEngineSession> self(this);
    request(QStringLiteral("ping"), {}, hangMs,
            [self, ping](bool, const QJsonObject &, const QString &error, const QString &) {
                if (!self || self->m_ping != ping)
                    return; // an answer from a page that is gone
                self->m_ping = 0;
                // Only silence is a hang: "session_not_ready" means the page navigated.
                if (error == QLatin1String("timeout") && !self->m_clearing)
                    self->recover(Cause::PageHung, QString());
            });
}

QString WebEngineSession::failureReason(Cause cause, const QString &detail) const
{
    switch (cause) {
    case Cause::EngineOutdated:
        return QStringLiteral("engine_outdated: WhatsApp Web refused %1 (%2)")
            .arg(inChromium(), detail);
    case Cause::ModuleApiMissing:
        return QStringLiteral("adapter_outdated: WhatsApp's module API (window.require) did not "
                              "appear within %1 s (%2)")
            .arg(m_config.watchdog.loadTimeoutSeconds)
            .arg(inChromium());
    case Cause::PageHung:
        return QStringLiteral("page_hung: the page stopped answering for %1 s, its renderer "
                              "still running (%2)")
            .arg(m_config.watchdog.hangSeconds)
            .arg(inChromium());
    case Cause::DeprecatedVersion:
        break;
    }
    return QStringLiteral("timeout");
}

void WebEngineSession::recover(Cause cause, const QString &detail)
{
    if (!m_page || m_stopping)
        return;
    const Watchdog &w = m_config.watchdog;
    const QString reason = failureReason(cause, detail);
    if (m_recoveryDelays.size() >= w.recoveryAttempts) {
        qCCritical(lcSession).noquote() << m_config.sessionId << "giving up after"
                                        << m_recoveryDelays.size() << "recoveries:" << reason;
        fail(reason);
        return;
    }
    // Capped exponential backoff: base, 2×base, 4×base ... never above the maximum.
    const int n = int(m_recoveryDelays.size());
    const qint64 delay = qMin<qint64>(qMax(0, w.recoveryMaxDelayMs),
                                      qint64(qMax(0, w.recoveryDelayMs)) << qMin(n, 20));
    m_recoveryDelays.append(int(delay));
    qCWarning(lcSession).noquote() << m_config.sessionId << "watchdog:" << reason << "- recovery"
                                   << n + 1 << "of" << w.recoveryAttempts << "in" << delay
                                   << "ms (HTTP cache, service workers and caches cleared)";
    // A new page, not a reload: a hung renderer cannot navigate, and this one goes with its
    // page. The login (cookies, IndexedDB) stays in the profile.
    destroyPage();
    m_qr.clear();
    clearPairingCode();
    setState(SessionState::Starting);
    // The backoff starts once the cache is cleared: a load during the clearing never loads
    // (QtWebEngine 6.7+).
    WebEngineCompat::clearHttpCache(m_profile, this,
                                    [this, delay] { m_recover.start(int(delay)); });
}

void WebEngineSession::loadAfterRecovery()
{
    if (m_page || m_stopping)
        return;
    createPage();
    // Service workers and CacheStorage can only be cleared from a document of the origin:
    // this load gives the adapter one, then the real load follows (clearSiteDataAndReload).
    m_clearOnHello = true;
    m_clearing = true;
    m_reloads = 0;
    m_failsafe.start(qMax(1, m_config.qrTimeoutSeconds) * 1000);
    qCInfo(lcSession) << m_config.sessionId << "watchdog: loading again"
                      << m_config.url.toString(QUrl::RemoveQuery);
    m_page->load(m_config.url);
}

void WebEngineSession::reloadAfterClearing()
{
    // A fresh page rather than a reload in this one: the clearing document may still be
    // loading (a reload or a navigation then sometimes never produced a document), and with
    // it gone no client keeps an unregistered service worker alive.
    destroyPage();
    createPage();
    m_failsafe.start(qMax(1, m_config.qrTimeoutSeconds) * 1000);
    ++m_reloads;
    m_reloadCheck.start();
    m_page->load(m_config.url);
}

void WebEngineSession::clearSiteDataAndReload()
{
    m_clearOnHello = false;
    QPointer<QWebEnginePage> page = m_page;
    QPointer<WebEngineSession> self(this);
    request(
        QStringLiteral("clearSiteData"), {}, kClearSiteDataMs,
        [self, page](bool ok, const QJsonObject &result, const QString &error, const QString &) {
            if (!self || !page || self->m_page != page)
                return;
            if (ok) {
                ++self->m_siteDataClears;
                self->m_clearedCaches += result.value(QLatin1String("caches")).toInt();
                self->m_clearedServiceWorkers +=
                    result.value(QLatin1String("serviceWorkers")).toInt();
            }
            qCInfo(lcSession) << self->m_config.sessionId << "watchdog: site data cleared" << ok
                              << error << result;
            WebEngineCompat::clearHttpCache(self->m_profile, self, [self] {
                if (self && !self->m_stopping)
                    self->reloadAfterClearing();
            });
        });
}

void WebEngineSession::onRendererTerminated(QWebEnginePage::RenderProcessTerminationStatus status,
                                            int code)
{
    if (m_stopping)
        return;
    ++m_crashes;
    const int delay = qMin(kMaxRestartDelayMs, 1000 << qMin(m_crashes - 1, 6));
    qCWarning(lcSession) << m_config.sessionId << "renderer terminated, status" << status << "code"
                         << code << "- restarting in" << delay << "ms";
    fail(QStringLiteral("renderer_crashed"));
    m_restart.start(delay);
}

void WebEngineSession::onUrlChanged(const QUrl &url)
{
    if (m_stopping)
        return;
    // WhatsApp Web navigates to ...?post_logout=1 after the phone removed this device.
    if (QUrlQuery(url).queryItemValue(QStringLiteral("post_logout")) == QLatin1String("1")) {
        qCInfo(lcSession) << m_config.sessionId << "post_logout navigation";
        fail(QStringLiteral("logged_out"));
    }
}
