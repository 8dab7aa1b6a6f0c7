#pragma once

#include "ApiResponse.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerResponder>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

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
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // An answer owed on a connection: its responder, and the answer once it is known.
    struct Owed
    {
        explicit Owed(QHttpServerResponder &&r) : responder(std::move(r)) {}
        QHttpServerResponder responder;
        std::optional<ApiResponse> response;
    };

    void write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response);
    static void write(QHttpServerResponder &responder, const ApiResponse &response);
    void owe(const QHttpServerRequest &request, QTcpSocket *socket, ApiResponse response);
    void flush(QTcpSocket *socket);
    bool isWebSocketUpgrade(const QHttpServerRequest &request) const;
    bool isWebSocketPath(const QHttpServerRequest &request) const;

    Dispatcher m_dispatcher;
    QString m_webSocketPath;
    QHash<QTcpSocket *, std::deque<std::shared_ptr<Owed>>> m_owed;
};
