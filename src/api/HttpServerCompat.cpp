#include "HttpServerCompat.h"

#include "ApiResponse.h"

#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

namespace HttpServerCompat {

void write(QHttpServerResponder &responder, const ApiResponse &response)
{
    const auto status = static_cast<QHttpServerResponder::StatusCode>(response.status);
    const bool hasBody = response.status != 204 && response.status != 304;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // One call writes everything; the responder appends Content-Length itself (also
    // "Content-Length: 0" on 204/304, which 6.8 gives no way to leave out).
    QHttpHeaders headers;
    for (const auto &h : response.headers)
        headers.append(h.first, h.second);
    if (hasBody && !response.contentType.isEmpty())
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, response.contentType);
    responder.write(hasBody ? response.body : QByteArray(), headers, status);
#else
    responder.writeStatusLine(status);
    for (const auto &h : response.headers)
        responder.writeHeader(h.first, h.second);
    if (hasBody) {
        if (!response.contentType.isEmpty())
            responder.writeHeader("Content-Type", response.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeBody(response.body);
    } else {
        responder.writeBody(QByteArray());
    }
#endif
}

QObject *httpReader(QTcpSocket *socket, QObject *httpServer)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    Q_UNUSED(httpServer);
    return socket ? socket->parent() : nullptr;
#else
    Q_UNUSED(socket);
    return httpServer;
#endif
}

void release(QTcpSocket *socket)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (socket->parent() && !qobject_cast<QTcpServer *>(socket->parent()))
        return; // handed to QtHttpServer: its handler goes when the socket is disconnected
#endif
    socket->deleteLater();
}

void keepForRefusal(QTcpSocket *socket)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!socket)
        return;
    socket->setParent(nullptr);
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
#else
    Q_UNUSED(socket);
#endif
}

} // namespace HttpServerCompat
