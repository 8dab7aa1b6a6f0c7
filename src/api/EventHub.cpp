#include "EventHub.h"

#include "ApiAuth.h"
#include "CoreServices.h"
#include "EventBus.h"
#include "platform/JsonNumber.h"

#include <QAbstractHttpServer>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcEvents, "wamator.api.events")

EventHub::EventHub(CoreServices &core, ApiAuth &auth, QObject *parent)
    : QObject(parent), m_core(core), m_auth(auth)
{
}

EventHub::~EventHub()
{
    closeAll();
}

void EventHub::start()
{
    if (m_started)
        return;
    m_started = true;
    connect(&m_core.events(), &EventBus::occurred, this, &EventHub::onPublished);
    connect(&m_core.events(), &EventBus::vendorKeysRevoked, this,
            [this](qint64 vendorId) { closeVendor(vendorId, QStringLiteral("api key revoked")); });
    connect(&m_core.events(), &EventBus::vendorRemoved, this,
            [this](qint64 vendorId) { closeVendor(vendorId, QStringLiteral("vendor deleted")); });
}

void EventHub::closeVendor(qint64 vendorId, const QString &reason)
{
    QList<QWebSocket *> sockets;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->vendorId == vendorId)
            sockets << it.key();
    }
    for (QWebSocket *socket : sockets) {
        // Out of the table first: no event published from now on reaches it.
        m_clients.remove(socket);
        socket->disconnect(this);
        qCInfo(lcEvents) << "closing an event socket of vendor" << vendorId << "(" << reason << ")";
        socket->close(static_cast<QWebSocketProtocol::CloseCode>(CloseUnauthorized), reason);
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        // A peer that never answers the close handshake is cut.
        QTimer::singleShot(10000, socket, [socket] {
            socket->abort();
            socket->deleteLater();
        });
    }
}

void EventHub::closeAll()
{
    const auto sockets = m_clients.keys();
    m_clients.clear();
    for (QWebSocket *socket : sockets) {
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("server stopping"));
        socket->deleteLater();
    }
}

void EventHub::acceptPending(QAbstractHttpServer &server)
{
    while (server.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> owned = server.nextPendingWebSocketConnection();
        if (!owned)
            break;
        QWebSocket *socket = owned.release();
        socket->setParent(this);
        const QNetworkRequest request = socket->request();
        QString key = ApiAuth::apiKeyFromHeaders(request.rawHeader("x-api-key"),
                                                 request.rawHeader("authorization"));
        if (key.isEmpty()) // browsers cannot set headers on a WebSocket
            key = QUrlQuery(request.url())
                      .queryItemValue(QStringLiteral("api_key"), QUrl::FullyDecoded);
        std::optional<qint64> vendorId;
        try {
            vendorId = m_auth.vendorForKey(key);
        } catch (const std::exception &e) {
            qCWarning(lcEvents) << "key check failed:" << e.what();
        }
        if (!vendorId) {
            qCInfo(lcEvents) << "refused unauthenticated event socket from"
                             << socket->peerAddress();
            socket->close(static_cast<QWebSocketProtocol::CloseCode>(CloseUnauthorized),
                          QStringLiteral("api key required"));
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessageBytes);
        socket->setMaxAllowedIncomingFrameSize(MaxIncomingMessageBytes);
        m_clients.insert(socket, Client{*vendorId, {}});
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString &text) { onTextMessage(socket, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket] {
            sendError(socket, QStringLiteral("invalid_frame"),
                      QStringLiteral("Only JSON text frames are accepted"));
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] { drop(socket); });
        Q_EMIT clientAuthenticated(*vendorId);
    }
}

void EventHub::drop(QWebSocket *socket)
{
    if (m_clients.remove(socket))
        socket->deleteLater();
}

void EventHub::sendJson(QWebSocket *socket, const QJsonObject &object)
{
    socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void EventHub::sendError(QWebSocket *socket, const QString &code, const QString &message)
{
    sendJson(socket, QJsonObject{{QStringLiteral("event"), QStringLiteral("error")},
                                 {QStringLiteral("error"),
                                  QJsonObject{{QStringLiteral("code"), code},
                                              {QStringLiteral("message"), message}}}});
}

void EventHub::onTextMessage(QWebSocket *socket, const QString &text)
{
    auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(socket, QStringLiteral("invalid_json"),
                  QStringLiteral("Frames must be JSON objects"));
        return;
    }
    const QJsonObject frame = doc.object();
    const QString action = frame.value(QStringLiteral("action")).toString();
    if (action == QLatin1String("ping")) {
        sendJson(socket, QJsonObject{{QStringLiteral("event"), QStringLiteral("pong")}});
        return;
    }
    // "register_user" is the original Socket.IO name of subscribe.
    const bool subscribe =
        action == QLatin1String("subscribe") || action == QLatin1String("register_user");
    if (subscribe || action == QLatin1String("unsubscribe")) {
        const QJsonValue v = frame.value(QStringLiteral("user_id"));
        qint64 userId = 0;
        if (v.isDouble())
            userId = JsonNumber::exactInteger(v).value_or(0);
        else if (v.isString())
            userId = v.toString().toLongLong();
        if (userId <= 0) {
            sendError(socket, QStringLiteral("validation_failed"),
                      QStringLiteral("user_id must be a positive integer"));
            return;
        }
        if (subscribe) {
            if (it->users.size() >= 10000) {
                sendError(socket, QStringLiteral("too_many_subscriptions"),
                          QStringLiteral("Too many user subscriptions on one socket"));
                return;
            }
            it->users.insert(userId);
        } else {
            it->users.remove(userId);
        }
        sendJson(socket,
                 QJsonObject{{QStringLiteral("event"), subscribe ? QStringLiteral("subscribed")
                                                                 : QStringLiteral("unsubscribed")},
                             {QStringLiteral("user_id"), userId}});
        return;
    }
    sendError(socket, QStringLiteral("unknown_action"),
              QStringLiteral("Unknown action; use subscribe, unsubscribe or ping"));
}

void EventHub::onPublished(qint64 vendorId, const Event &event)
{
    const qint64 userId = Events::userId(event);
    QString text;
    QList<QWebSocket *> slow;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it->vendorId != vendorId)
            continue;
        if (!it->users.isEmpty() && !it->users.contains(userId))
            continue;
        QWebSocket *socket = it.key();
        // A client that stops reading must not grow our memory without bound.
        if (socket->bytesToWrite() > MaxQueuedBytesPerClient) {
            slow << socket;
            continue;
        }
        if (text.isNull())
            text = QString::fromUtf8(
                QJsonDocument(Events::toJson(event)).toJson(QJsonDocument::Compact));
        socket->sendTextMessage(text);
    }
    for (QWebSocket *socket : slow) {
        qCWarning(lcEvents) << "closing an event socket that does not read"
                            << socket->peerAddress();
        m_clients.remove(socket);
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}
