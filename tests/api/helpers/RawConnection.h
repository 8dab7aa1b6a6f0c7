#pragma once

#include "HttpClient.h"

#include <QTcpSocket>

// One client TCP connection kept open across requests (keep-alive, pipelining, slow clients,
// idle connections). Waits spin the event loop so the in-process server keeps running.
class RawConnection
{
public:
    explicit RawConnection(quint16 port);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes);
    // The next complete answer on this connection (status 0 if none within timeoutMs).
    HttpReply readReply(int timeoutMs = 10000);
    // True once the server closed the connection (waits up to timeoutMs).
    bool waitForClose(int timeoutMs);
    QByteArray received() const { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};
