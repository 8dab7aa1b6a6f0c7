#pragma once

#include "Events.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <memory>

class QAbstractHttpServer;
class QWebSocket;
class CoreServices;
class ApiAuth;

// ws://host:port/events. Authenticates each socket at the handshake (x-api-key or
// Authorization: Bearer header, or ?api_key=); without a valid key the socket is closed with
// code 4401 before anything is sent. Forwards each event of the core's EventBus (Events.h) only
// to that vendor's sockets, narrowed to the user ids a socket subscribed to (none = all users),
// as the JSON its type gives (Events::toJson), serialised once for all of them.
// Client frames: {"action":"subscribe"|"unsubscribe","user_id":n}, {"action":"ping"}; anything
// else gets an {"event":"error"} frame, never a crash or a disconnect.
// A key is checked at the handshake only, so the hub also listens to the core: when a vendor's
// keys are revoked (rotation, from the API or the window) or the vendor is deleted, each of its
// open sockets is closed at once with 4401 and a reason, and gets nothing more.
class EventHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int CloseUnauthorized = 4401;
    static constexpr qint64 MaxIncomingMessageBytes = 64 * 1024;
    static constexpr qint64 MaxQueuedBytesPerClient = 8 * 1024 * 1024;

    EventHub(CoreServices &core, ApiAuth &auth, QObject *parent = nullptr);
    ~EventHub() override;

    // Subscribes to the core's EventBus (after CoreServices::open()).
    void start();
    // Takes every pending upgraded socket of the HTTP server.
    void acceptPending(QAbstractHttpServer &server);

    int clientCount() const { return int(m_clients.size()); }
    void closeAll();

Q_SIGNALS:
    void clientAuthenticated(qint64 vendorId); // tests wait on it instead of sleeping

private:
    struct Client
    {
        qint64 vendorId = 0;
        QSet<qint64> users; // empty = every user of the vendor
    };
    void onPublished(qint64 vendorId, const Event &event);
    void closeVendor(qint64 vendorId, const QString &reason);
    void onTextMessage(QWebSocket *socket, const QString &text);
    void sendJson(QWebSocket *socket, const QJsonObject &object);
    void sendError(QWebSocket *socket, const QString &code, const QString &message);
    void drop(QWebSocket *socket);

    CoreServices &m_core;
    ApiAuth &m_auth;
    QHash<QWebSocket *, Client> m_clients;
    bool m_started = false;
};
