#include "RawConnection.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTest>

RawConnection::RawConnection(quint16 port)
{
    QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { m_buffer += m_socket.readAll(); });
    QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] {
        if (m_socket.isOpen())
            m_buffer += m_socket.readAll();
        m_closed = true;
    });
    QObject::connect(&m_socket, &QTcpSocket::errorOccurred, [this](QAbstractSocket::SocketError) {
        m_closed = true;
    });
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    QDeadlineTimer deadline(5000);
    while (m_socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired() && !m_closed)
        QTest::qWait(5);
}

void RawConnection::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

HttpReply RawConnection::readReply(int timeoutMs)
{
    HttpReply reply;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        reply.closedByServer = m_closed;
        if (HttpClient::parse(m_buffer, reply)) {
            // Drop the consumed answer so the next call sees the next one.
            const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
            m_buffer.remove(0, headEnd + 4 + reply.body.size());
            return reply;
        }
        if (m_closed)
            break;
        QTest::qWait(5);
    }
    reply = HttpReply();
    reply.timedOut = !m_closed;
    reply.closedByServer = m_closed;
    return reply;
}

bool RawConnection::waitForClose(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return m_closed;
}
