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
    if (!request.value("upgrade").toLower().contains("websocket"))
        return false;
    QString path = request.url().path();
    while (path.startsWith(QLatin1String("//")))
        path.remove(0, 1);
    if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path == m_webSocketPath;
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // QtHttpServer 6.4 calls this for upgrade requests too, and hands the socket to its
    // WebSocket server when we return true; nothing may be written then.
    const QByteArray target = GuardedTcpServer::takeRequestTarget(socket);
    if (!request.value("upgrade").isEmpty()) {
        if (isWebSocketUpgrade(request))
            return true;
        return false; // → missingHandler: 404, then the socket is closed
    }
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
