#include "GuardedTcpServer.h"

#include "ApiErrorMapper.h"
#include "HttpRequestHead.h"
#include "HttpServerCompat.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QQueue>
#include <QTcpSocket>
#include <QTimer>

#include <functional>

#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcGuard, "wamator.api.tcp")

namespace {

// Refusing by closing the socket at once would make the kernel reset the connection while the
// client is still uploading, and most clients then report "connection reset" instead of our
// answer. So: write the answer, half-close (FIN), read and discard for a short while, close.
void lingerAndClose(QTcpSocket *socket, const QByteArray &response, int drainMs,
                    const std::function<void()> &onGone = {})
{
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll();
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
    if (onGone)
        QObject::connect(socket, &QObject::destroyed, onGone);
    auto halfClose = [socket] {
        if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState &&
            !socket->property("wamator_halfClosed").toBool()) {
            socket->setProperty("wamator_halfClosed", true);
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        }
    };
    QObject::connect(socket, &QAbstractSocket::bytesWritten, socket, halfClose);
    QObject::connect(socket, &QAbstractSocket::disconnected, socket,
                     [socket] { HttpServerCompat::release(socket); });
    QTimer::singleShot(drainMs, socket, [socket] {
        socket->abort();
        HttpServerCompat::release(socket);
    });
    socket->write(response);
    socket->flush();
    halfClose();
}

} // namespace

// Follows one connection's requests without consuming a byte: it sees each chunk before
// QHttpServer (connected first to readyRead) and peeks exactly the bytes QHttpServer has not
// read yet (QHttpServer reads everything on each readyRead, inside a transaction).
class GuardedConnection : public QObject
{
public:
    QQueue<QByteArray> targets; // request-targets seen, in order, not yet taken

    GuardedConnection(GuardedTcpServer *server, QTcpSocket *socket)
        : QObject(socket), m_server(server), m_socket(socket)
    {
        ++server->m_open;
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { onTimer(); });
        QObject::connect(socket, &QIODevice::readyRead, this, [this] { onReadyRead(); });
        restartTimer();
    }
    ~GuardedConnection() override
    {
        if (m_server)
            --m_server->m_open;
    }

private:
    enum class Phase
    {
        Idle,
        Head,
        Body,
        UpgradePending,
        Upgraded,
        Refused
    };

    const GuardedTcpServer::Limits &limits() const { return m_server->limits(); }
    static qint64 nowMs() { return QDeadlineTimer::current().deadline(); }
    // The deadline moves on every request of a keep-alive connection. Restarting a QTimer
    // each time (unregister + register with the event dispatcher) cost more than the rest of
    // the guard, so the timer is lazy: it keeps running towards the deadline it was last
    // started for, and when it fires before the current deadline it is started again for what
    // is left. It is restarted at once only when the deadline moves earlier.
    void armTimer(qint64 ms)
    {
        m_deadline = nowMs() + ms;
        if (!m_timer.isActive() || m_timerDue > m_deadline) {
            m_timer.start(int(ms));
            m_timerDue = m_deadline;
        }
    }
    void stopTimer() { m_timer.stop(); }
    void onTimer()
    {
        const qint64 left = m_deadline - nowMs();
        if (left > 0) {
            m_timer.start(int(left));
            m_timerDue = m_deadline;
            return;
        }
        onTimeout();
    }
    void restartTimer() { armTimer(qint64(qMax(1, limits().idleTimeoutSeconds)) * 1000); }
    // A body must make progress every timeout *and* finish within kBodyTimeoutFactor timeouts
    // of its head: a client dripping one byte just before each timeout (slow POST) is cut too.
    static constexpr int kBodyTimeoutFactor = 4;
    void restartBodyTimer()
    {
        const qint64 idleMs = qint64(qMax(1, limits().idleTimeoutSeconds)) * 1000;
        const qint64 left = m_bodyDeadline.remainingTime();
        armTimer(qBound<qint64>(1, qMin(idleMs, left), idleMs));
    }

    void onReadyRead()
    {
        if (!m_server || m_phase == Phase::Upgraded || m_phase == Phase::Refused ||
            !m_socket->isOpen())
            return;
        const qint64 available = m_socket->bytesAvailable();
        // QHttpServer reads one request per readyRead and emits readyRead again for the rest
        // of a pipelined segment: those bytes were framed here already, and framing them
        // twice (from whatever state the guard is in by then) would desynchronise the guard.
        const qint64 seen = m_followsHttpReads ? qMin(m_seenUnread, available) : 0;
        m_seenUnread = available;
        if (m_phase == Phase::UpgradePending) {
            // QHttpServer decides on the handshake in this same readyRead; a client does not
            // send more before the 101 (RFC 6455 §4.1). Bound what may pile up meanwhile.
            if (available > limits().maxHeaderBytes)
                refuse(400, "Bad Request", QStringLiteral("bad_request"),
                       QStringLiteral("Data after a WebSocket handshake before its answer"));
            return;
        }
        // Peeked into a buffer kept per connection: no allocation per request.
        m_peek.resize(available);
        const qint64 peeked =
            available > 0 ? qMax<qint64>(0, m_socket->peek(m_peek.data(), available)) : 0;
        const QByteArrayView data =
            QByteArrayView(m_peek.constData(), peeked).sliced(qMin(seen, peeked));
        qsizetype pos = 0;
        while (pos < data.size() && m_phase != Phase::UpgradePending && m_phase != Phase::Refused) {
            if (m_phase == Phase::Body) {
                const qint64 n = qMin<qint64>(m_bodyRemaining, data.size() - pos);
                m_bodyRemaining -= n;
                pos += n;
                restartBodyTimer(); // a body must keep making progress
                if (m_bodyRemaining == 0)
                    m_phase = Phase::Idle;
                continue;
            }
            if (m_phase == Phase::Idle) {
                // Empty lines between requests are allowed (RFC 9112 §2.2; QHttpServer skips
                // them too).
                if (data.at(pos) == '\r' || data.at(pos) == '\n') {
                    ++pos;
                    continue;
                }
                m_phase = Phase::Head;
                m_head.resize(0);
                restartTimer(); // the whole head must arrive within one timeout from here
            }
            if (m_head.isEmpty()) {
                // The usual case: the whole head is in this chunk. Framed and parsed where it
                // lies, without a copy.
                const QByteArrayView rest = data.sliced(pos);
                const HttpRequestHead::Scan scan = HttpRequestHead::scan(rest);
                if (scan.framing == HttpRequestHead::Framing::Complete) {
                    pos += scan.size;
                    onHead(rest.first(scan.size));
                    continue;
                }
                if (scan.framing == HttpRequestHead::Framing::BareLineEnd) {
                    refuse(400, "Bad Request", QStringLiteral("bad_request"),
                           QStringLiteral("Request lines must end with CRLF"));
                    break;
                }
            }
            const qsizetype before = m_head.size();
            m_head.append(data.constData() + pos, data.size() - pos);
            const HttpRequestHead::Scan scan = HttpRequestHead::scan(m_head, before - 1);
            if (scan.framing == HttpRequestHead::Framing::BareLineEnd) {
                refuse(400, "Bad Request", QStringLiteral("bad_request"),
                       QStringLiteral("Request lines must end with CRLF"));
                break;
            }
            if (scan.framing == HttpRequestHead::Framing::Incomplete) {
                pos = data.size();
                if (m_head.size() > limits().maxHeaderBytes)
                    refuse(431, "Request Header Fields Too Large",
                           QStringLiteral("header_too_large"),
                           QStringLiteral("The request head is too large"));
                break;
            }
            pos += scan.size - before;
            m_head.truncate(scan.size);
            onHead(m_head);
            m_head.resize(0);
        }
        // A large upload's chunks are not kept between reads.
        if (m_peek.capacity() > kKeptPeekBytes)
            m_peek = QByteArray();
        if (m_phase == Phase::Idle)
            restartTimer();
    }

    // head: a complete head as HttpRequestHead::scan() framed it.
    void onHead(QByteArrayView rawHead)
    {
        if (rawHead.size() > limits().maxHeaderBytes) {
            refuse(431, "Request Header Fields Too Large", QStringLiteral("header_too_large"),
                   QStringLiteral("The request head is too large"));
            return;
        }
        const HttpRequestHead head = HttpRequestHead::parseFramed(rawHead);
        if (!head.ok) {
            refuse(head.errorStatus, reasonPhrase(head.errorStatus),
                   QString::fromLatin1(head.errorCode), QString::fromLatin1(head.errorMessage));
            return;
        }
        if (head.contentLength > limits().maxBodyBytes) {
            refuse(413, "Payload Too Large", QStringLiteral("payload_too_large"),
                   QStringLiteral("The request body is larger than %1 bytes")
                       .arg(limits().maxBodyBytes),
                   QJsonObject{{QStringLiteral("max_bytes"), limits().maxBodyBytes}});
            return;
        }
        if (const auto refusal = m_server->requestGate().check(head)) {
            refuse(refusal->status, refusal->reason, refusal->code, refusal->message,
                   refusal->details);
            return;
        }
        if (head.isWebSocketUpgrade() && head.contentLength > 0) {
            refuse(400, "Bad Request", QStringLiteral("bad_request"),
                   QStringLiteral("A WebSocket handshake has no body"));
            return;
        }
        if (targets.size() < 64) // a pipelining client cannot grow this without bound
            targets.enqueue(head.target);
        m_bodyRemaining = head.contentLength;
        if (head.isWebSocketUpgrade()) {
            // QHttpServer asks ApiHttpServer::handleRequest now, which calls upgradeDecided().
            // Until then the limits and the head timeout stay.
            m_phase = Phase::UpgradePending;
            return;
        }
        m_phase = head.contentLength > 0 ? Phase::Body : Phase::Idle;
        m_bodyDeadline.setRemainingTime(qint64(qMax(1, limits().idleTimeoutSeconds)) * 1000 *
                                        kBodyTimeoutFactor);
        if (m_phase == Phase::Body)
            restartBodyTimer();
        else
            restartTimer();
    }

public:
    // Connected after QHttpServer's own readyRead handler: whatever is still unread then was
    // framed here already.
    void followHttpServerReads()
    {
        if (m_followsHttpReads)
            return;
        m_followsHttpReads = true;
        m_follow = QObject::connect(m_socket, &QIODevice::readyRead, this,
                                    [this] { m_seenUnread = m_socket->bytesAvailable(); });
    }

    // QtHttpServer 6.8 reconnects its readyRead slot after each answer: connect ours again so
    // that it runs after it once more.
    void refollowHttpServerReads()
    {
        if (!m_followsHttpReads)
            return;
        QObject::disconnect(m_follow);
        m_followsHttpReads = false;
        followHttpServerReads();
        m_seenUnread = m_socket->bytesAvailable();
    }

    void upgradeDecided(bool accepted)
    {
        if (m_phase != Phase::UpgradePending)
            return; // not a handshake this guard framed: stay in charge
        if (accepted) {
            // The WebSocket server owns the socket now (with its own handshake timeout).
            m_phase = Phase::Upgraded;
            stopTimer();
            return;
        }
        // QHttpServer writes the refusal and closes; nothing after it may reach a parser.
        m_phase = Phase::Refused;
        cutHttpServer();
        QObject::connect(m_socket, &QIODevice::readyRead, this, [this] {
            if (m_socket->isTransactionStarted())
                m_socket->commitTransaction();
            m_socket->readAll();
        });
        armTimer(qMax(1, limits().drainMilliseconds));
    }

private:
    static QByteArray reasonPhrase(int status)
    {
        switch (status) {
        case 411:
            return "Length Required";
        case 431:
            return "Request Header Fields Too Large";
        default:
            return "Bad Request";
        }
    }

    void onTimeout()
    {
        if (m_phase == Phase::Refused) {
            m_socket->abort(); // a refused handshake whose client does not go away
            return;
        }
        if (!m_server || m_phase == Phase::Upgraded)
            return;
        if (m_phase == Phase::Idle) {
            // Still owed a deferred answer (ApiHttpServer: password hashing): not idle.
            if (m_socket->property("wamator_answersOwed").toInt() > 0) {
                restartTimer();
                return;
            }
            // An idle keep-alive connection: nothing is owed, just close.
            qCDebug(lcGuard) << "closing idle connection" << m_socket->peerAddress();
            cutHttpServer();
            m_phase = Phase::Refused;
            m_socket->disconnectFromHost();
            return;
        }
        qCInfo(lcGuard) << "request timed out (slow client)" << m_socket->peerAddress();
        refuse(408, "Request Timeout", QStringLiteral("request_timeout"),
               QStringLiteral("The request was not received in time"));
    }

    void cutHttpServer()
    {
        if (QObject *http = HttpServerCompat::httpReader(m_socket, m_server->httpServer()))
            QObject::disconnect(m_socket, &QIODevice::readyRead, http, nullptr);
    }

    void refuse(int status, const QByteArray &reason, const QString &code, const QString &message,
                const QJsonObject &details = {})
    {
        // A request refused while its body arrives was queued when its head was framed: it is
        // not one of the requests before it.
        if (m_phase == Phase::Body && !targets.isEmpty())
            targets.removeLast();
        const bool afterEarlierRequests =
            m_phase != Phase::UpgradePending && (!targets.isEmpty() || m_owed > 0);
        m_phase = Phase::Refused;
        stopTimer();
        Q_EMIT m_server->refused(status);
        qCInfo(lcGuard) << "refused" << status << code << "from" << m_socket->peerAddress();
        QByteArray response =
            GuardedTcpServer::rawErrorResponse(status, reason, code, message, details);
        if (!afterEarlierRequests) {
            cutHttpServer();
            lingerAndClose(m_socket, response, limits().drainMilliseconds);
            return;
        }
        // Pipelined requests before the refused one are still to be read (their heads were
        // framed here) or answered (a deferred answer): they are answered first, in order, and
        // the refusal leaves after them. Meanwhile the socket reads nothing more from the
        // network (its buffer holds those earlier requests already), and the wait is bounded.
        m_pendingRefusal = std::move(response);
        m_socket->setReadBufferSize(qMax<qint64>(1, m_socket->bytesAvailable()));
        armTimer(kPendingRefusalMs);
        if (targets.isEmpty())
            answersProgressed(m_owed);
    }

public:
    void answersProgressed(int stillOwed)
    {
        m_owed = stillOwed;
        if (m_pendingRefusal.isNull() || !targets.isEmpty())
            return;
        // Every request before the refused one has been read: QHttpServer must not read on
        // into the refused one.
        cutHttpServer();
        if (m_owed > 0)
            return;
        const QByteArray response = std::exchange(m_pendingRefusal, QByteArray());
        stopTimer();
        m_socket->setReadBufferSize(0);
        lingerAndClose(m_socket, response, limits().drainMilliseconds);
    }

private:
    // How long a refusal may wait for the answers of the requests before it (a deferred answer
    // is a password hash: well under a second, unless the machine is overloaded).
    static constexpr int kPendingRefusalMs = 10000;

    QPointer<GuardedTcpServer> m_server;
    QTcpSocket *m_socket;
    QTimer m_timer;
    qint64 m_deadline = 0; // nowMs() at which the phase's time is up
    qint64 m_timerDue = 0; // nowMs() at which m_timer fires
    QDeadlineTimer m_bodyDeadline;
    Phase m_phase = Phase::Idle;
    QByteArray m_head;           // a head that came in more than one chunk, so far
    QByteArray m_pendingRefusal; // written once the answers before it have left
    int m_owed = 0;              // answers the HTTP server still owes on this connection
    QByteArray m_peek;           // what is unread on the socket, peeked (reused)
    static constexpr qsizetype kKeptPeekBytes = 16 * 1024;
    qint64 m_bodyRemaining = 0;
    bool m_followsHttpReads = false;
    QMetaObject::Connection m_follow;
    qint64 m_seenUnread = 0; // bytes at the front of the read buffer framed already
};

GuardedTcpServer::GuardedTcpServer(QObject *parent) : QTcpServer(parent)
{
    // 500 clients connecting at once (quality bar R4) must not overflow the accept queue.
    setListenBacklogSize(1024);
}

QByteArray GuardedTcpServer::rawErrorResponse(int status, const QByteArray &reason,
                                              const QString &code, const QString &message,
                                              const QJsonObject &details,
                                              const QList<QPair<QByteArray, QByteArray>> &extra)
{
    const QByteArray body = ApiErrorMapper::errorBody(code, message, details);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n";
    out +=
        "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nX-Frame-Options: DENY\r\n";
    for (const auto &h : extra)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n" + body;
    return out;
}

static GuardedConnection *guardOf(QTcpSocket *socket)
{
    // GuardedConnection has no meta-object of its own, so findChild<> cannot tell it apart.
    if (socket) {
        for (QObject *child : socket->children()) {
            if (auto *guard = dynamic_cast<GuardedConnection *>(child))
                return guard;
        }
    }
    return nullptr;
}

QByteArray GuardedTcpServer::takeRequestTarget(QTcpSocket *socket)
{
    GuardedConnection *guard = guardOf(socket);
    if (!guard || guard->targets.isEmpty())
        return {};
    return guard->targets.dequeue();
}

void GuardedTcpServer::followHttpServerReads()
{
    if (m_following)
        return;
    m_following = true;
    // Connected after QAbstractHttpServer::bind()'s own newConnection handler, which connects
    // each new socket's readyRead to the HTTP server: the guards' second readyRead slot,
    // connected here, runs after the HTTP server has read.
    connect(this, &QTcpServer::newConnection, this, [this] {
        for (const QPointer<GuardedConnection> &guard : std::as_const(m_unfollowed))
            if (guard)
                guard->followHttpServerReads();
        m_unfollowed.clear();
    });
}

void GuardedTcpServer::upgradeDecided(QTcpSocket *socket, bool accepted)
{
    if (GuardedConnection *guard = guardOf(socket))
        guard->upgradeDecided(accepted);
}

void GuardedTcpServer::answersProgressed(QTcpSocket *socket, int stillOwed)
{
    if (GuardedConnection *guard = guardOf(socket))
        guard->answersProgressed(stillOwed);
}

void GuardedTcpServer::refollowHttpServerReads(QTcpSocket *socket)
{
    if (GuardedConnection *guard = guardOf(socket))
        guard->refollowHttpServerReads();
}

QTcpSocket *GuardedTcpServer::connectionOf(const QHostAddress &peer, quint16 peerPort) const
{
    return m_connections.value(qMakePair(peer, peerPort));
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // QHttpServerResponder writes headers and body separately: with Nagle on, an answer larger
    // than one small segment waits for the client's delayed ACK (~40 ms on Linux).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_open >= m_limits.maxConnections) {
        Q_EMIT refused(503);
        // Over capacity: a short answer, never handed to QHttpServer. While a flood lasts,
        // stop lingering (each lingering socket is a file descriptor) and just close.
        if (m_draining > 64) {
            socket->abort();
            socket->deleteLater();
            return;
        }
        lingerAndClose(socket,
                       rawErrorResponse(503, "Service Unavailable", QStringLiteral("server_busy"),
                                        QStringLiteral("Too many open connections"), {},
                                        {{"Retry-After", "1"}}),
                       500, [self = QPointer<GuardedTcpServer>(this)] {
                           if (self)
                               --self->m_draining;
                       });
        ++m_draining;
        return;
    }
    m_unfollowed.append(new GuardedConnection(this, socket));
    const auto key = qMakePair(socket->peerAddress(), socket->peerPort());
    m_connections.insert(key, socket);
    connect(socket, &QObject::destroyed, this, [this, key, socket] {
        if (m_connections.value(key) == socket)
            m_connections.remove(key);
    });
    addPendingConnection(socket);
}
