#pragma once

#include "ApiResponse.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerResponder>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

// The HTTP front: QtHttpServer's QAbstractHttpServer with one handler for everything, so the
// Router alone decides 404/405/auth (no QHttpServer rules, no afterRequest that some answers
// would skip). A WebSocket upgrade to webSocketPath is accepted without an HTTP answer and
// handed to newWebSocketConnection(); EventHub authenticates it there.
// Deferred answers (ApiResponse::deferred) are written when their work is done; answers on
// one connection always leave in request order, so a client that pipelines a request behind
// a deferred one gets its answer after it.
class ApiHttpServer : public QAbstractHttpServer
{
public:
    using Dispatcher =
        std::function<ApiResponse(const QHttpServerRequest &, const QByteArray &rawTarget)>;
    ApiHttpServer(Dispatcher dispatcher, QString webSocketPath, QObject *parent = nullptr);

protected:
    // QtHttpServer's entry points. Their signatures differ between 6.4 and 6.8: this and the
    // marked section at the end of ApiHttpServer.cpp are this class's only version-specific
    // code (the rest is in HttpServerCompat).
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request,
                        QHttpServerResponder &responder) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#endif

private:
    // An answer owed on a connection: its responder, and the answer once it is known.
    struct Owed
    {
        explicit Owed(QHttpServerResponder &&r) : responder(std::move(r)) {}
        QHttpServerResponder responder;
        std::optional<ApiResponse> response;
    };

    // Both versions end here: answer a plain (not upgrading) request on this connection.
    void answer(const QHttpServerRequest &request, QTcpSocket *socket,
                QHttpServerResponder &&responder);
    // A WebSocket handshake: accepted (handed to the WebSocket server) when it asks for
    // webSocketPath; the TCP guard learns the decision.
    bool decideUpgrade(const QHttpServerRequest &request, QTcpSocket *socket);
    void owe(QTcpSocket *socket, QHttpServerResponder &&responder, ApiResponse response);
    void flush(QTcpSocket *socket);
    int owedOn(QTcpSocket *socket) const;
    bool isWebSocketUpgrade(const QHttpServerRequest &request) const;
    bool isWebSocketPath(const QHttpServerRequest &request) const;
    QTcpSocket *socketOf(const QHttpServerRequest &request) const;

    Dispatcher m_dispatcher;
    QString m_webSocketPath;
    QHash<QTcpSocket *, std::deque<std::shared_ptr<Owed>>> m_owed;
};
