#include "WebhookReceiver.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

WebhookReceiver::WebhookReceiver(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this]() {
        while (QTcpSocket *s = m_server.nextPendingConnection())
            serve(s);
    });
}

bool WebhookReceiver::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString WebhookReceiver::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
}

void WebhookReceiver::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer]() {
        buffer->append(socket->readAll());
        // Several requests may be pipelined on a kept-alive connection.
        for (;;) {
            const int end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request r;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            r.method = requestLine.value(0);
            r.path = requestLine.value(1);
            qint64 length = 0;
            for (int i = 1; i < lines.size(); ++i) {
                const int colon = lines.at(i).indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = lines.at(i).left(colon).trimmed().toLower();
                const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
                r.headers.insert(name, value);
                if (name == "content-length")
                    length = value.toLongLong();
            }
            if (buffer->size() < end + 4 + length)
                return; // the body is still coming
            r.body = buffer->mid(end + 4, length);
            buffer->remove(0, end + 4 + length);
            r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
            const int index = int(m_requests.size());
            m_requests.append(r);
            m_open += 1;
            m_maxOpen = std::max(m_maxOpen, m_open);
            const Reply reply = m_script ? m_script(m_requests.last(), index) : Reply();
            if (reply.hang)
                continue; // the socket stays open; the client gives up
            QPointer<QTcpSocket> guarded(socket);
            if (reply.delayMs > 0)
                QTimer::singleShot(reply.delayMs, this, [this, guarded, index, reply] {
                    answer(guarded, index, reply);
                });
            else
                answer(guarded, index, reply);
        }
    });
}

void WebhookReceiver::answer(QPointer<QTcpSocket> socket, int index, const Reply &reply)
{
    m_open -= 1;
    m_requests[index].answered = reply.status;
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Status\r\n";
    for (const auto &h : reply.headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "Content-Type: text/plain\r\nContent-Length: " + QByteArray::number(reply.body.size()) +
            "\r\n\r\n";
    socket->write(head + reply.body);
}
