#pragma once

#include "ApiResponse.h"

#include <QAbstractHttpServer>
#include <functional>

// The HTTP front: QtHttpServer's QAbstractHttpServer with one handler for everything, so the
// Router alone decides 404/405/auth (no QHttpServer rules, no afterRequest that some answers
// would skip). A WebSocket upgrade to webSocketPath is accepted without an HTTP answer and
// handed to newWebSocketConnection(); EventHub authenticates it there.
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
    void write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response);
    bool isWebSocketUpgrade(const QHttpServerRequest &request) const;
    bool isWebSocketPath(const QHttpServerRequest &request) const;

    Dispatcher m_dispatcher;
    QString m_webSocketPath;
};
