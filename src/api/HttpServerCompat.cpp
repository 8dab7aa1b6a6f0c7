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
    // The 6.4 responder writes every piece of the status line and of every header line to the
    // socket separately (four writes a header, five for the status line). It keeps no state of
    // its own past the status line, so the head goes to its socket as one block instead, then
    // the body: the same bytes, two writes. The status line of a 200 is written here
    // (QtHttpServer's reason phrase); any other status line by the responder, which knows every
    // reason phrase.
    QByteArray rest;
    qsizetype size = 96 + response.contentType.size();
    for (const auto &h : response.headers)
        size += h.first.size() + h.second.size() + 4;
    rest.reserve(size);
    if (response.status == 200)
        rest.append("HTTP/1.1 200 OK\r\n");
    else
        responder.writeStatusLine(status);
    for (const auto &h : response.headers)
        rest.append(h.first).append(": ").append(h.second).append("\r\n");
    if (hasBody) {
        if (!response.contentType.isEmpty())
            rest.append("Content-Type: ").append(response.contentType).append("\r\n");
        rest.append("Content-Length: ")
            .append(QByteArray::number(response.body.size()))
            .append("\r\n\r\n");
    } else {
        rest.append("\r\n");
    }
    QTcpSocket *socket = responder.socket();
    socket->write(rest);
    if (hasBody && !response.body.isEmpty())
        socket->write(response.body);
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
