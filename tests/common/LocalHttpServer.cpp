#include "LocalHttpServer.h"

#include <QPointer>
#include <QTcpSocket>
#include <QUrl>
#include <memory>

LocalHttpServer::LocalHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this]() {
        while (QTcpSocket *s = m_server.nextPendingConnection())
            serve(s);
    });
}

bool LocalHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString LocalHttpServer::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

void LocalHttpServer::route(const QString &path, const Response &response)
{
    m_routes.insert(path, response);
}

void LocalHttpServer::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer]() {
        buffer->append(socket->readAll());
        const int end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
        QByteArray host;
        for (const QByteArray &line : buffer->left(end).split('\n')) {
            if (line.toLower().startsWith("host:"))
                host = line.mid(5).trimmed();
        }
        buffer->clear();
        const QString path = requestLine.size() > 1
                                 ? QUrl(QString::fromLatin1(requestLine.at(1))).path()
                                 : QString();
        m_hits[path] += 1;
        m_hosts[path] = host;
        Response r;
        if (m_routes.contains(path)) {
            r = m_routes.value(path);
        } else {
            r.status = 404;
            r.contentType = "text/html";
            r.body = "<html><body>not found</body></html>";
        }
        const qint64 length = r.generatedBytes > 0 ? r.generatedBytes : r.body.size();
        QByteArray head = "HTTP/1.1 " + QByteArray::number(r.status)
                          + (r.status == 200 ? " OK" : " Error") + "\r\nConnection: close\r\n";
        if (!r.contentType.isEmpty())
            head += "Content-Type: " + r.contentType + "\r\n";
        if (!r.location.isEmpty())
            head += "Location: " + r.location + "\r\n";
        if (!r.disposition.isEmpty())
            head += "Content-Disposition: " + r.disposition + "\r\n";
        if (r.announceLength)
            head += "Content-Length: " + QByteArray::number(length) + "\r\n";
        head += "\r\n";
        socket->write(head);
        if (r.generatedBytes <= 0) {
            socket->write(r.body);
            m_bytesSent[path] += r.body.size();
            socket->disconnectFromHost();
            return;
        }
        // Generated bodies go out in 1 MiB steps as the client reads, so a client that aborts
        // early stops the transfer early (bytesSent shows how far it got).
        auto left = std::make_shared<qint64>(r.generatedBytes);
        auto pump = [this, socket, left, path]() {
            while (*left > 0 && socket->bytesToWrite() < 4 * 1024 * 1024) {
                const qint64 n = std::min<qint64>(*left, 1024 * 1024);
                socket->write(QByteArray(int(n), 'x'));
                m_bytesSent[path] += n;
                *left -= n;
            }
            if (*left == 0 && socket->bytesToWrite() == 0) {
                *left = -1;
                socket->disconnectFromHost();
            }
        };
        connect(socket, &QTcpSocket::bytesWritten, this, pump);
        pump();
    });
}

QByteArray LocalHttpServer::pngBytes()
{
    // 1x1 transparent PNG.
    return QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

QByteArray LocalHttpServer::pdfBytes()
{
    return QByteArray("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                      "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
