#include "ApiHttpServer.h"

#include "ApiErrorMapper.h"
#include "GuardedTcpServer.h"
#include "HttpServerCompat.h"

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
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // 6.8 decides WebSocket upgrades here, before (and instead of) handleRequest. Refused →
    // passToNext: QtHttpServer then calls missingHandler (our 404) and closes, as 6.4 did.
    addWebSocketUpgradeVerifier(this, [this](const QHttpServerRequest &request) {
        QTcpSocket *socket = socketOf(request);
        if (decideUpgrade(request, socket))
            return QHttpServerWebSocketUpgradeResponse::accept();
        HttpServerCompat::keepForRefusal(socket);
        return QHttpServerWebSocketUpgradeResponse::passToNext();
    });
#endif
}

bool ApiHttpServer::isWebSocketUpgrade(const QHttpServerRequest &request) const
{
    // Exactly QtHttpServer's test (6.4 and 6.8) for handing a request to its WebSocket server.
    // Upgrade first: almost no request has one, and then Connection need not be looked up.
    return request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0 &&
           request.value("connection").toLower().contains("upgrade");
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

bool ApiHttpServer::decideUpgrade(const QHttpServerRequest &request, QTcpSocket *socket)
{
    GuardedTcpServer::takeRequestTarget(socket); // keep the guard's targets in step
    // The TCP guard lets go of the socket only when it is really handed over; refused, the
    // 404 is written and the socket closed.
    const bool accepted = isWebSocketPath(request);
    GuardedTcpServer::upgradeDecided(socket, accepted);
    return accepted;
}

void ApiHttpServer::answer(const QHttpServerRequest &request, QTcpSocket *socket,
                           QHttpServerResponder &&responder)
{
    const QByteArray target = GuardedTcpServer::takeRequestTarget(socket);
    // Any other Upgrade (h2c, websocket without Connection: upgrade) is ignored (RFC 9110
    // §7.8): QtHttpServer answers it as a plain request, and so do we.
    ApiResponse response = m_dispatcher(request, target);
    const auto owed = m_owed.constFind(socket);
    if ((response.isDeferred() || (owed != m_owed.constEnd() && !owed->empty())))
        owe(socket, std::move(responder), std::move(response));
    else
        HttpServerCompat::write(responder, response);
    GuardedTcpServer::answersProgressed(socket, owedOn(socket));
}

int ApiHttpServer::owedOn(QTcpSocket *socket) const
{
    const auto it = m_owed.constFind(socket);
    return it == m_owed.constEnd() ? 0 : int(it->size());
}

void ApiHttpServer::owe(QTcpSocket *socket, QHttpServerResponder &&responder, ApiResponse response)
{
    auto &queue = m_owed[socket];
    if (queue.empty() && !socket->property(kOwedProperty).isValid()) {
        // The socket goes away (client gone, server closed it): nothing more is written to
        // it, but deferred work still completes (a registration is still stored).
        connect(socket, &QObject::destroyed, this, [this, socket] { m_owed.remove(socket); });
    }
    auto entry = std::make_shared<Owed>(std::move(responder));
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
    bool answered = false;
    while (!queue.empty() && queue.front()->response) {
        const std::shared_ptr<Owed> entry = queue.front();
        queue.pop_front();
        // The responder ends here, not with the entry (a watcher may still hold it): in 6.8
        // its end lets QtHttpServer read the connection's next request.
        QHttpServerResponder responder = std::move(entry->responder);
        if (socket->isOpen())
            HttpServerCompat::write(responder, *entry->response);
        answered = true;
        // Before the responder ends: a refusal waiting behind this answer must be written (and
        // the unread rest discarded) before 6.8 lets QtHttpServer read the next request.
        GuardedTcpServer::answersProgressed(socket, int(queue.size()));
    }
    socket->setProperty(kOwedProperty, int(queue.size()));
    if (answered && HttpServerCompat::kUpgradeVerifier)
        GuardedTcpServer::refollowHttpServerReads(socket);
}

// ---- QtHttpServer version-specific entry points (see HttpServerCompat.h) -------------------
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)

QTcpSocket *ApiHttpServer::socketOf(const QHttpServerRequest &request) const
{
    for (QTcpServer *server : servers()) {
        if (auto *guarded = qobject_cast<GuardedTcpServer *>(server)) {
            if (QTcpSocket *socket =
                    guarded->connectionOf(request.remoteAddress(), request.remotePort()))
                return socket;
        }
    }
    return nullptr;
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request,
                                  QHttpServerResponder &responder)
{
    QTcpSocket *socket = socketOf(request);
    if (!socket) { // cannot happen: every connection comes through GuardedTcpServer
        HttpServerCompat::write(responder,
                                ApiErrorMapper::error(400, QStringLiteral("bad_request"),
                                                      QStringLiteral("Unknown connection")));
        return true;
    }
    answer(request, socket, std::move(responder));
    {
        // QtHttpServer connects its reader again once this request's responder is gone (it
        // queues a readyRead for that): the guard's follower must run after it again.
        QMetaObject::invokeMethod(
            this,
            [alive = QPointer<QTcpSocket>(socket)] {
                if (alive)
                    GuardedTcpServer::refollowHttpServerReads(alive);
            },
            Qt::QueuedConnection);
    }
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request,
                                   QHttpServerResponder &responder)
{
    Q_UNUSED(request);
    HttpServerCompat::write(responder,
                            ApiErrorMapper::error(404, QStringLiteral("not_found"),
                                                  QStringLiteral("No such route for an upgrade")));
}

#else

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (isWebSocketUpgrade(request)) {
        // 6.4 hands the socket to its WebSocket server when we return true (nothing may be
        // written then); false → missingHandler: 404, then the socket is closed.
        return decideUpgrade(request, socket);
    }
    answer(request, socket, makeResponder(request, socket));
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    HttpServerCompat::write(responder,
                            ApiErrorMapper::error(404, QStringLiteral("not_found"),
                                                  QStringLiteral("No such route for an upgrade")));
}

#endif
