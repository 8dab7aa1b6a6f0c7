#include "ApiHttpServer.h"

#include "ApiErrorMapper.h"
#include "GuardedTcpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

ApiHttpServer::ApiHttpServer(Dispatcher dispatcher, QString webSocketPath, QObject *parent)
    : QAbstractHttpServer(parent), m_dispatcher(std::move(dispatcher)),
      m_webSocketPath(std::move(webSocketPath))
{
}

bool ApiHttpServer::isWebSocketUpgrade(const QHttpServerRequest &request) const
{
    // Exactly QtHttpServer 6.4's test for handing a request to its WebSocket server.
    return request.value("connection").toLower().contains("upgrade") &&
           request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

bool ApiHttpServer::isWebSocketPath(const QHttpServerRequest &request) const
{
    QString path = request.url().path();
    while (path.startsWith(QLatin1String("//")))
        path.remove(0, 1);
    if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path == m_webSocketPath;
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QByteArray target = GuardedTcpServer::takeRequestTarget(socket);
    if (isWebSocketUpgrade(request)) {
        // QtHttpServer 6.4 hands the socket to its WebSocket server when we return true
        // (nothing may be written then); false → missingHandler: 404, then the socket is
        // closed. The TCP guard lets go of the socket only when it is really handed over.
        const bool accepted = isWebSocketPath(request);
        GuardedTcpServer::upgradeDecided(socket, accepted);
        return accepted;
    }
    // Any other Upgrade (h2c, websocket without Connection: upgrade) is ignored (RFC 9110
    // §7.8): QtHttpServer answers it as a plain request, and so do we.
    write(request, socket, m_dispatcher(request, target));
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    write(request, socket,
          ApiErrorMapper::error(404, QStringLiteral("not_found"),
                                QStringLiteral("No such route for an upgrade")));
}

void ApiHttpServer::write(const QHttpServerRequest &request, QTcpSocket *socket,
                          const ApiResponse &response)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    for (const auto &h : response.headers)
        responder.writeHeader(h.first, h.second);
    if (response.status != 204 && response.status != 304) {
        if (!response.contentType.isEmpty())
            responder.writeHeader("Content-Type", response.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeBody(response.body);
    } else {
        responder.writeBody(QByteArray());
    }
}
