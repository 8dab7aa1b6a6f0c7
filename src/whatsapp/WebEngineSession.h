#pragma once

#include "MediaScheme.h"
#include "Session.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QWebEnginePage>
#include <functional>

class QWebChannel;
class QWebEngineProfile;
class SessionBridge;

// The QtWebEngine Session: one named persistent profile under <data>/profiles/<session-id>/
// (storage/ and cache/), one page at a time, the adapter + bridge injected into every
// navigation, and the state machine of docs/sessions.md ("States"):
//   disconnected → starting → qr_pending → authenticated → ready, failed(reason) from anywhere.
// Failure reasons: timeout (QR failsafe, QR refresh limit, DEPRECATED_VERSION after reloads),
// adapter_outdated (": <module> is missing (Chromium <version>)", or the module API never
// appeared), engine_outdated (WhatsApp Web refused this Chromium: its browser-upgrade page, or
// `... is not defined` script errors at load), page_hung (the page stopped answering the
// heartbeat), renderer_crashed (restarts by itself with backoff), logged_out, banned,
// proxy_blocked. A failed session holds no page (except while a crash restart is pending it
// holds none either) and keeps its profile.
//
// The watchdog: a page that shows the upgrade page, dies on `is not defined` at load, does not
// reach WhatsApp's module API within the load timeout, or stops answering the heartbeat is
// recovered first: the page goes, the profile's HTTP cache is cleared, after a capped
// exponential backoff a new page loads, clears the origin's service workers and CacheStorage
// through the adapter and reloads bypassing the cache. When the attempts are used up the
// session fails with the reason of the last cause.
class WebEngineSession : public Session
{
    Q_OBJECT
public:
    // The page watchdog (settings page_*, docs/configuration.md).
    struct Watchdog
    {
        int loadTimeoutSeconds = 60;    // hello → WhatsApp's module API
        int heartbeatSeconds = 15;      // a ping this often...
        int hangSeconds = 30;           // ...unanswered this long: the page hangs
        int recoveryAttempts = 3;       // recoveries per start before `failed`
        int recoveryDelayMs = 2000;     // before the first; doubles each time...
        int recoveryMaxDelayMs = 30000; // ...up to this
    };

    struct Config
    {
        qint64 vendorId = 0;
        qint64 userId = 0;
        qint64 numberId = 0;
        QString phoneNumber;
        QString sessionId;
        bool sandbox = false;
        QString profileDir; // <data>/profiles/<session-id>
        QString dataDir;    // for the adapter override
        QString userAgent;  // "" = EngineInfo::defaultUserAgent()
        // Inject the engine polyfills (off only in tests that show what they are for).
        bool polyfills = true;
        int qrTimeoutSeconds = 90;
        int qrMaxRefreshes = 5;
        QUrl url; // https://web.whatsapp.com/ or the simulator page
        Watchdog watchdog;
        // Called once on the new profile (the simulator's scheme handler for sandbox numbers).
        std::function<void(QWebEngineProfile *)> prepareProfile;
    };

    explicit WebEngineSession(Config config, QObject *parent = nullptr);
    ~WebEngineSession() override;

    qint64 numberId() const override { return m_config.numberId; }
    qint64 vendorId() const override { return m_config.vendorId; }
    QString sessionId() const override { return m_config.sessionId; }
    bool isSandbox() const override { return m_config.sandbox; }
    QString state() const override { return m_state; }
    QString reason() const override { return m_reason; }
    // No QR while the page shows a pairing code instead.
    QString qr() const override
    {
        return m_state == SessionState::QrPending && m_pairingCode.isEmpty() ? m_qr : QString();
    }
    QWebEnginePage *page() const override { return m_page; }

    qint64 userId() const { return m_config.userId; }
    QString phoneNumber() const { return m_config.phoneNumber; }
    QString profileDir() const { return m_config.profileDir; }
    qint64 updatedAt() const { return m_updatedAt; }
    qint64 qrExpiresAt() const { return m_qrExpiresAt; }
    QString meId() const { return m_meId; }
    int crashCount() const { return m_crashes; }
    // Watchdog recoveries since the last start, and the backoff delay chosen for each (ms).
    int recoveryCount() const { return m_recoveryDelays.size(); }
    QList<int> recoveryDelays() const { return m_recoveryDelays; }
    // Times the adapter cleared the origin's service workers and caches in a recovery, and
    // how many CacheStorage caches and service worker registrations it removed in all.
    int siteDataClears() const { return m_siteDataClears; }
    int clearedCaches() const { return m_clearedCaches; }
    int clearedServiceWorkers() const { return m_clearedServiceWorkers; }
    qint64 rendererPid() const;

    // Pairing by phone-number code (docs/sessions.md "Linking with a code"): the code the page
    // shows now and when it expires (ms); empty in QR mode.
    QString pairingCode() const { return m_pairingCode; }
    qint64 pairingCodeExpiresAt() const { return m_pairingCode.isEmpty() ? 0 : m_pairingExpiresAt; }
    // Asks the page for a code to link `phone` (digits) with; the page then renews it every
    // intervalMs while unpaired (pairingCodeChanged each time). `done` gets {code,
    // expires_at (ms)} or the adapter's error. Asking again starts over with a new code.
    void requestPairingCode(const QString &phone, int intervalMs, Reply done);
    // Back to QR mode: no more codes, a fresh QR follows.
    void cancelPairingCode(Reply done);

    // Seconds a QR string lives on WhatsApp Web before the next rotation (for `expires_in`).
    static constexpr int kQrLifetimeSeconds = 20;

    // Settings that may have changed since the session was created; used by the next start.
    void applySettings(const QString &userAgent, int qrTimeoutSeconds, int qrMaxRefreshes,
                       const QUrl &url, const Watchdog &watchdog);

    // Shows `starting` while waiting for a start slot (SessionManager bounds concurrent starts).
    void markQueued();
    // Creates the page and loads; idempotent while a page exists.
    void start();
    // Destroys the page; the profile and its login stay. State → disconnected.
    void stop();
    // Asks WhatsApp to unlink this device when the session is logged in (bounded wait), then
    // stops; `done` runs afterwards (always, exactly once).
    void logout(std::function<void()> done);
    // Destroys page and profile (before the profile directory is deleted).
    void releaseProfile();

    // Through the SessionBridge to the page's adapter (Session::request).
    void request(const QString &op, const QJsonObject &args, int timeoutMs, Reply done) override;

    // A one-time wamator-media: URL (see MediaScheme); empty without a profile or when the
    // file is missing.
    QUrl offerMedia(const QString &path, const QString &mimeType) override;
    void withdrawMedia(const QUrl &url) override;
    MediaSchemeHandler *mediaHandler() const { return m_mediaHandler; }

    // Evaluates a script in the page's main world (sandbox control); the callback gets its
    // value, or an invalid QVariant when there is no page.
    void runInPage(const QString &script, std::function<void(const QVariant &)> done);
    // Sandbox only: an asynchronous call of the simulator's control object
    // (WamatorSimulator.request(id, name, args), e.g. "receive" — a customer writes). `done`
    // exactly once, like request(): the simulator's answer, or not_simulator (no such call on
    // this page), session_not_ready (no page) or timeout.
    void simulatorRequest(const QString &name, const QJsonObject &args, int timeoutMs, Reply done);

Q_SIGNALS:
    // Sandbox only: the simulator received a message (its outbox record, api.md fields, and
    // the id ackChanged names it by). Comes before that message's first ack.
    void sandboxOutboxRecord(const QString &messageId, const QJsonObject &record);
    void started();
    // A new pairing code (or "" once the page is back to QR mode or linked).
    void pairingCodeChanged(const QString &code);

private:
    void createProfile();
    void createPage();
    void destroyPage();
    void setState(const QString &state, const QString &reason = QString());
    void fail(const QString &reason);
    void onPairingCode(const QString &code, qint64 expiresInMs);
    void clearPairingCode();
    void onMessage(const QJsonObject &message);
    void onSocketState(const QString &socketState);
    void onRendererTerminated(QWebEnginePage::RenderProcessTerminationStatus status, int code);
    void onUrlChanged(const QUrl &url);
    void failPending(const QString &error, const QString &message);
    // Registers `done` under a new request id with its timeout; returns the id.
    QString addPending(const QString &op, int timeoutMs, Reply done);
    void answerPending(const QString &id, bool ok, const QJsonObject &result, const QString &error,
                       const QString &message);

    // What the watchdog saw; each names its final reason (failureReason()).
    enum class Cause
    {
        EngineOutdated,
        ModuleApiMissing,
        PageHung,
        DeprecatedVersion
    };
    void recover(Cause cause, const QString &detail);
    void loadAfterRecovery();
    void clearSiteDataAndReload();
    void reloadAfterClearing();
    void onModuleApiTimeout();
    void onConsoleError(const QString &message);
    void heartbeat();
    QString failureReason(Cause cause, const QString &detail) const;

    struct Pending
    {
        Reply done;
        QTimer *timer = nullptr;
    };

    Config m_config;
    QString m_state = SessionState::Disconnected;
    QString m_reason;
    QString m_qr;
    QString m_meId;
    qint64 m_qrExpiresAt = 0;
    QString m_pairingCode; // shown on the page now ("" in QR mode)
    qint64 m_pairingExpiresAt = 0;
    int m_pairingCodes = 0; // codes since the last request (renewals count as refreshes)
    qint64 m_updatedAt = 0;
    int m_refreshes = 0;
    int m_crashes = 0;
    bool m_bridgeReady = false;
    bool m_moduleApi = false;    // this document reached window.require (`loaded`)
    bool m_clearOnHello = false; // a recovery load: clear site data, then reload
    bool m_clearing = false;     // that load is only for the clearing: ignore what it says
    int m_reloads = 0;           // loads after this recovery's clearing (m_reloadCheck)
    quint64 m_ping = 0;          // the outstanding heartbeat, 0 if none
    quint64 m_pingSeq = 0;
    int m_siteDataClears = 0;
    int m_clearedCaches = 0;
    int m_clearedServiceWorkers = 0;
    QList<int> m_recoveryDelays;
    QStringList m_loadErrors; // `... is not defined` before the module API
    bool m_stopping = false;
    quint64 m_nextRequestId = 0;

    QWebEngineProfile *m_profile = nullptr;
    QPointer<QWebEnginePage> m_page;
    QList<QPointer<QWebEnginePage>> m_dyingPages; // deleteLater()'d, must go before the profile
    SessionBridge *m_bridge = nullptr;
    QPointer<MediaSchemeHandler> m_mediaHandler; // a child of m_profile
    QHash<QString, Pending> m_pending;
    QTimer m_failsafe;        // QR failsafe / page never loaded / sync stalled
    QTimer m_restart;         // renderer crash backoff
    QTimer m_stable;          // a session ready for a while forgets its past crashes
    QTimer m_adapterWatchdog; // the bridge is up but the adapter never said hello
    QTimer m_moduleApiTimer;  // the adapter said hello but WhatsApp's module API never came
    QTimer m_heartbeat;       // pings the adapter while a bridge is up
    QTimer m_recover;         // the watchdog's backoff before the next page
    QTimer m_reloadCheck;     // the load after clearing produced a document (its bridge spoke)
};
