#include "ApiHttpServer.h"

#include "ApiErrorMapper.h"
#include "GuardedTcpServer.h"

#include <QFutureWatcher>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

namespace {
// Read by GuardedTcpServer: a connection that owes an answer is not idle.
const char *const kOwedProperty = "wamator_answersOwed";
} // namespace

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
    ApiResponse response = m_dispatcher(request, target);
    const auto owed = m_owed.constFind(socket);
    if (response.isDeferred() || (owed != m_owed.constEnd() && !owed->empty()))
        owe(request, socket, std::move(response));
    else
        write(request, socket, response);
    return true;
}

void ApiHttpServer::owe(const QHttpServerRequest &request, QTcpSocket *socket,
                        ApiResponse response)
{
    auto &queue = m_owed[socket];
    if (queue.empty() && !socket->property(kOwedProperty).isValid()) {
        // The socket goes away (client gone, server closed it): nothing more is written to
        // it, but deferred work still completes (a registration is still stored).
        connect(socket, &QObject::destroyed, this, [this, socket] { m_owed.remove(socket); });
    }
    auto entry = std::make_shared<Owed>(makeResponder(request, socket));
    queue.push_back(entry);
    socket->setProperty(kOwedProperty, int(queue.size()));
    if (!response.isDeferred()) {
        entry->response = std::move(response);
        return; // behind a deferred one: flush() writes it in turn
    }
    const std::shared_ptr<ApiResponse::Deferred> later = response.later;
    auto *watcher = new QFutureWatcher<void>(this);
    QPointer<QTcpSocket> alive(socket);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, later, entry, alive] {
        watcher->deleteLater();
        // Never throws: ApiServer maps failures of the deferred step.
        entry->response = later->complete();
        if (alive)
            flush(alive);
    });
    watcher->setFuture(later->work);
}

void ApiHttpServer::flush(QTcpSocket *socket)
{
    auto it = m_owed.find(socket);
    if (it == m_owed.end())
        return;
    auto &queue = *it;
    while (!queue.empty() && queue.front()->response) {
        const std::shared_ptr<Owed> entry = queue.front();
        queue.pop_front();
        if (socket->isOpen())
            write(entry->responder, *entry->response);
    }
    socket->setProperty(kOwedProperty, int(queue.size()));
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
    write(responder, response);
}

void ApiHttpServer::write(QHttpServerResponder &responder, const ApiResponse &response)
{
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
