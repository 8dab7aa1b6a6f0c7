#include "WebEngineSession.h"

#include "AdapterScripts.h"
#include "Clock.h"
#include "EngineInfo.h"
#include "MediaScheme.h"
#include "SessionBridge.h"
#include "SessionPage.h"
#include "WebEngineCompat.h"

#include <QDir>
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
        fail(QStringLiteral("adapter_outdated: whatsapp-adapter.js did not start"));
    });
    m_stable.setSingleShot(true);
    m_stable.setInterval(kStableAfterMs);
    connect(&m_stable, &QTimer::timeout, this, [this] { m_crashes = 0; });
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
    m_profile->setPersistentStoragePath(QDir(m_config.profileDir).filePath(QStringLiteral("storage")));
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
    page->scripts().insert(makeScript(QStringLiteral("wamator-adapter"), adapterSource,
                                      QWebEngineScript::MainWorld));

    connect(page, &QWebEnginePage::renderProcessTerminated, this,
            &WebEngineSession::onRendererTerminated);
    connect(page, &QWebEnginePage::urlChanged, this, &WebEngineSession::onUrlChanged);
    connect(page, &QWebEnginePage::loadingChanged, this, [this](const QWebEngineLoadingInfo &info) {
        // A main-frame navigation to another origin is refused by SessionPage: it leaves the
        // document, and the bridge in it, as they were.
        if (info.status() != QWebEngineLoadingInfo::LoadStartedStatus ||
            !SessionPage::sameOrigin(info.url(), m_config.url))
            return;
        m_bridgeReady = false;
        m_adapterWatchdog.stop();
        failPending(QStringLiteral("session_not_ready"), QStringLiteral("page navigated"));
    });
    WebEngineCompat::denyAllPermissions(page);
}

void WebEngineSession::destroyPage()
{
    m_failsafe.stop();
    m_stable.stop();
    m_adapterWatchdog.stop();
    m_bridgeReady = false;
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
                                     int qrMaxRefreshes, const QUrl &url)
{
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
    if (m_page)
        return;
    m_stopping = false;
    m_refreshes = 0;
    m_reloads = 0;
    m_qr.clear();
    m_meId.clear();
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
    destroyPage();
    m_qr.clear();
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
    destroyPage();
    m_qr.clear();
    setState(SessionState::Failed, reason);
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
    m_bridge->send(QJsonObject{{QStringLiteral("id"), id},
                               {QStringLiteral("op"), op},
                               {QStringLiteral("args"), args}});
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
        const auto it = m_pending.find(str(message, "id"));
        if (it == m_pending.end())
            return; // timed out already
        Pending p = it.value();
        m_pending.erase(it);
        p.timer->stop();
        p.timer->deleteLater();
        if (message.value(QLatin1String("ok")).toBool())
            p.done(true, message.value(QLatin1String("result")).toObject(), {}, {});
        else
            p.done(false, {}, str(message, "error"), str(message, "message"));
        return;
    }
    if (type == QLatin1String("ack")) {
        Q_EMIT ackChanged(str(message, "id"), message.value(QLatin1String("ack")).toInt());
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
        // The adapter says hello synchronously when injected, so it is queued right behind
        // this message; silence means the script did not run (a broken override, say).
        m_adapterWatchdog.start();
        return;
    }
    if (type == QLatin1String("hello"))
        m_adapterWatchdog.stop();
    if (m_stopping)
        return;
    if (type == QLatin1String("hello") || type == QLatin1String("loaded")) {
        qCInfo(lcSession) << m_config.sessionId << type << str(message, "version");
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
    } else if (type == QLatin1String("authenticated")) {
        m_failsafe.stop();
        m_qr.clear();
        setState(SessionState::Authenticated);
    } else if (type == QLatin1String("ready")) {
        m_failsafe.stop();
        m_meId = str(message, "me");
        setState(SessionState::Ready);
    } else if (type == QLatin1String("adapter_outdated")) {
        qCCritical(lcSession) << m_config.sessionId << "adapter outdated:"
                              << str(message, "message");
        fail(QStringLiteral("adapter_outdated: ") + str(message, "module"));
    } else if (type == QLatin1String("logout")) {
        fail(QStringLiteral("logged_out"));
    } else if (type == QLatin1String("load_timeout")) {
        reloadOrFail();
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
        if (m_refreshes >= m_config.qrMaxRefreshes) {
            qCInfo(lcSession) << m_config.sessionId << "QR refresh limit reached";
            fail(QStringLiteral("timeout"));
            return;
        }
        ++m_refreshes;
        request(QStringLiteral("refreshQr"), {}, 15000, {[](bool, const QJsonObject &,
                                                          const QString &, const QString &) {}});
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
        reloadOrFail();
    } else if (socketState == QLatin1String("PAIRING") ||
               socketState == QLatin1String("CONNECTED")) {
        // The phone linked us: no more QR failsafe, but a sync must not stall forever.
        if (m_state != SessionState::Ready && m_state != SessionState::Authenticated)
            m_failsafe.start(qMax(180, 3 * m_config.qrTimeoutSeconds) * 1000);
    }
}

void WebEngineSession::reloadOrFail()
{
    // Stale service-worker caches can leave WhatsApp's "update Chrome" page: reload bypassing
    // the cache, then clear the profile's HTTP cache; then give up.
    if (!m_page)
        return;
    ++m_reloads;
    if (m_reloads == 1) {
        qCInfo(lcSession) << m_config.sessionId << "page not loaded: reloading without cache";
        m_page->triggerAction(QWebEnginePage::ReloadAndBypassCache);
    } else if (m_reloads == 2 && m_profile) {
        qCInfo(lcSession) << m_config.sessionId << "page not loaded: clearing the HTTP cache";
        m_profile->clearHttpCache();
        m_page->load(m_config.url);
    } else {
        fail(QStringLiteral("timeout"));
    }
}

void WebEngineSession::onRendererTerminated(QWebEnginePage::RenderProcessTerminationStatus status,
                                            int code)
{
    if (m_stopping)
        return;
    ++m_crashes;
    const int delay = qMin(kMaxRestartDelayMs, 1000 << qMin(m_crashes - 1, 6));
    qCWarning(lcSession) << m_config.sessionId << "renderer terminated, status" << status
                         << "code" << code << "- restarting in" << delay << "ms";
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
