#pragma once

#include "Entities.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <functional>

class QWebEnginePage;

// One WhatsApp number: a named persistent QWebEngineProfile under <data>/profiles/<session-id>/
// and one page, the adapter injected into every navigation, and the state machine of
// docs/sessions.md. Created and owned by SessionManager; WebEngineSession is the real one.
// The interface is all WhatsAppMessageSender needs (state, adapter requests, media hand-over,
// acks), so the sender never knows which implementation it drives (tests use a fake).
class Session : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Session() override = default;

    // One adapter operation (the adapter protocol of whatsapp-adapter.js). `done` is called
    // exactly once, later, on this thread: ok + result, or !ok + an error code
    // (session_not_ready, timeout, adapter_outdated, not_on_whatsapp, ERROR_NETWORK, ...) and
    // a message.
    using Reply = std::function<void(bool ok, const QJsonObject &result, const QString &error,
                                     const QString &message)>;
    virtual void request(const QString &op, const QJsonObject &args, int timeoutMs, Reply done) = 0;
    // A one-time URL through which this session's page (only) reads the file; empty when the
    // session cannot offer it (no page, the file is missing). withdrawMedia forgets an unread
    // one.
    virtual QUrl offerMedia(const QString &path, const QString &mimeType) = 0;
    virtual void withdrawMedia(const QUrl &url) = 0;

    virtual qint64 numberId() const = 0;
    virtual qint64 vendorId() const = 0;
    virtual QString sessionId() const = 0;
    virtual bool isSandbox() const = 0;
    virtual QString state() const = 0;
    virtual QString reason() const = 0;
    virtual QString qr() const = 0;
    // For an embedded QWebEngineView in the GUI; owned by the session.
    virtual QWebEnginePage *page() const = 0;

Q_SIGNALS:
    void stateChanged(const QString &state, const QString &reason);
    void qrChanged(const QString &qr);
    // WhatsApp's ack (-1 error, 0 pending, 1 server, 2 device, 3 read, 4 played) for a message
    // this session sent, by its WhatsApp id.
    void ackChanged(const QString &messageId, int ack);
    // Messages customers sent to this number, as the adapter reports them (one JSON object
    // each, the "page message" format of docs/sessions.md "Incoming messages"): new ones as
    // they arrive, in page order. Reactions and revokes come the same way (their own types).
    void messagesReceived(const QJsonArray &messages);
};
