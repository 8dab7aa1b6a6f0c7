#pragma once

#include "Entities.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

class CoreServices;
class MessageSender;
class NumberCheckService;
class Session;

// Owns one Session (profile + page) per connected number. Starts, restores (numbers that were
// ready come back at start-up without a QR, in the background), stops, logs out, and bounds
// concurrent starts. The API's /connect and /sandbox routes and the GUI's Sessions page are
// thin layers over this class. Lives on the GUI thread (WebEngine requires it).
class SessionManager : public QObject
{
    Q_OBJECT
public:
    explicit SessionManager(CoreServices &core, QObject *parent = nullptr);
    ~SessionManager() override;

    // Starts restoring the numbers marked restore_on_start; returns at once.
    void restoreSessions();

    // Starts the number's session (idempotent while one is starting or running).
    // Throws DomainError NotFound for a number of another vendor.
    void connectNumber(qint64 vendorId, qint64 numberId);
    // Stops the page; the profile (and so the login) stays.
    void disconnectNumber(qint64 vendorId, qint64 numberId);
    // Logs the session out of WhatsApp and deletes its profile data.
    void logoutNumber(qint64 vendorId, qint64 numberId);
    void restartNumber(qint64 vendorId, qint64 numberId);

    struct Snapshot
    {
        QString state = SessionState::Disconnected;
        QString reason; // null unless failed
        QString qr;     // raw QR string, null unless qr_pending
        qint64 qrExpiresAt = 0;
        QString pairingCode; // the pairing code shown instead of the QR, null in QR mode
        qint64 pairingCodeExpiresAt = 0;
        qint64 updatedAt = 0;
    };
    Snapshot snapshot(qint64 vendorId, qint64 numberId) const;

    // The live session of a number (for the GUI's embedded view), or null.
    Session *session(qint64 numberId) const;
    QList<Session *> sessions() const;

    // The dispatcher's view of the sessions.
    MessageSender &sender();
    // "Check before sending" through these sessions (API and window share it).
    NumberCheckService &numberChecks();

    // Sandbox numbers only (NotFound for a real number): act as the phone would.
    void simulateScan(qint64 vendorId, qint64 numberId);
    void simulateLogout(qint64 vendorId, qint64 numberId);
    void sandboxOutbox(qint64 vendorId, qint64 numberId,
                       std::function<void(const QJsonArray &messages)> done);
    // The outbox as Wamator holds it, for synchronous HTTP handlers: the simulator announces
    // each record before the message's first ack and acks update it, so it lists every
    // message the outbox has counted as sent (no copy of the page's outbox per read).
    // NotFound for a real number, Conflict not_connected when the session has no page.
    QJsonArray cachedSandboxOutbox(qint64 vendorId, qint64 numberId);

    // Inbound (#14, docs/sessions.md "Incoming messages"). `done` is called exactly once,
    // later: ok + result, or an error code and message (the page's, or timeout).
    using Done = std::function<void(bool ok, const QJsonObject &result, const QString &error,
                                    const QString &message)>;
    // Sandbox numbers only (throws NotFound for a real number, Conflict not_connected without
    // a page): the simulated customer sends `spec` = {from (digits), body, type ("chat";
    // image, video, audio, ptt, document, sticker, location, vcard, multi_vcard, reaction,
    // revoked), data (base64 media bytes) + mimetype + filename, caption, quotedId (id.id,
    // ours or theirs; the reacted-to or revoked message for those types), asLid, location
    // {lat,lng,name,address}, vcard, vcards} → {id: "<id.id>", serialized, chat} once the
    // customer has sent it (stored by the simulator, announced to the adapter). With
    // "count" > 1: that many messages ("<body> <n>") → {ids: [...]} (benchmarks).
    void simulateIncoming(qint64 vendorId, qint64 numberId, const QJsonObject &spec, Done done);
    // Any number with a ready session (throws Conflict not_connected otherwise): an incoming
    // message's media → {mimetype, filename, data (base64)}; errors not_found,
    // media_unavailable.
    void downloadIncomingMedia(qint64 numberId, const QString &waMessageId, Done done);
    // The read receipt for a chat (the page message's `chat`) → {}.
    void sendSeen(qint64 numberId, const QString &chatWid, Done done);

    // Linking with a code instead of the QR (docs/sessions.md "Linking with a code"). Starts
    // the number's session when needed, waits for WhatsApp Web's linking screen, and asks the
    // page for a code for the number's own phone; `done` gets {code, expires_at (ms)} or an
    // error (already_connected, the session's failure reason, timeout, adapter_outdated ...).
    // The page renews the code every pairing interval while unpaired (pairingCodeChanged and
    // the pairing_code event each time). Throws NotFound for another vendor's number and
    // Conflict already_connected for a ready one.
    void requestPairingCode(qint64 vendorId, qint64 numberId, Done done);
    // A new code now (Conflict no_pairing_code when the page shows none).
    void refreshPairingCode(qint64 vendorId, qint64 numberId, Done done);
    // Back to the QR (Conflict no_pairing_code when the page shows none).
    void cancelPairingCode(qint64 vendorId, qint64 numberId, Done done);
    // Sandbox numbers only: the phone's owner types `code` → {status: "paired"}, or the
    // simulator's error wrong_code / expired_code / already_paired.
    void simulateEnterCode(qint64 vendorId, qint64 numberId, const QString &code, Done done);
    // How often the page renews a pairing code (WhatsApp's 3 minutes; tests shorten it).
    void setPairingCodeIntervalMs(int ms);

    // Query options appended to the simulator page's URL for sandbox sessions started from
    // now on (tests and benchmarks: "refMs=500", "missing=WAWebCmd").
    void setSimulatorQuery(const QString &query);
    // <data>/profiles/<session-id>
    QString profileDir(const QString &sessionId) const;

Q_SIGNALS:
    // Emitted with each session_state event the manager publishes (EventBus), never without.
    void stateChanged(qint64 vendorId, qint64 numberId, const QString &state,
                      const QString &reason);
    void qrChanged(qint64 vendorId, qint64 numberId, const QString &qr);
    // A new pairing code (published as the pairing_code event), or "" when the page went back
    // to QR mode or got linked.
    void pairingCodeChanged(qint64 vendorId, qint64 numberId, const QString &code);
    void sessionCreated(qint64 numberId);
    void sessionDestroyed(qint64 numberId);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
