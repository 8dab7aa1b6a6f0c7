#pragma once

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>

#include "RequestGate.h"

class GuardedConnection;
class QTcpSocket;

// The TCP layer under QHttpServer (which in 6.4 has no limits of its own). Every accepted socket
// gets a guard that runs *before* QHttpServer reads (its readyRead slot is connected first) and
// only peeks, tracking request boundaries on keep-alive connections:
// - more than maxConnections open → a short 503 and close, never handed to QHttpServer;
// - Content-Length over maxBodyBytes → 413 payload_too_large as soon as the head is seen, so
//   the body is never buffered; the rest of the upload is read and discarded briefly (so the
//   client sees the answer instead of a reset) and the connection is closed;
// - Transfer-Encoding (chunked) request bodies are refused with 411 length_required: every API
//   body is small JSON and clients know its length; refusing keeps the limit exact;
// - a request head larger than maxHeaderBytes → 431;
// - a head that is not strict HTTP/1.x (HttpRequestHead: bare LF or CR line ends, folded or
//   malformed fields, a bad Content-Length) → 400: QHttpServer reads such heads loosely, and a
//   head framed differently there than here would carry a body past these limits;
// - the RequestGate's Host and Content-Type rules → 400, 421 or 415;
// - the head must be complete within idleTimeoutSeconds of its first byte (slow-loris: trickling
//   bytes does not extend it); a body must make progress every idleTimeoutSeconds and be
//   complete within 4 × idleTimeoutSeconds of its head (slow POST); a keep-alive
//   connection idle that long is closed.
// The guard lets go of a connection only when the WebSocket server has really taken it
// (upgradeDecided(socket, true) from the HTTP server's handler): an Upgrade header alone
// changes nothing, and a refused upgrade leaves the guard in charge until the socket closes.
// Known limit: when a pipelining client sends a valid request and an oversized one in the same
// TCP segment, the refusal also drops the first (the guard cuts QHttpServer off before it reads
// the segment). Real clients do not pipeline; keep-alive with sequential requests is exact.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024;
        int maxConnections = 512;
        int idleTimeoutSeconds = 30;
        int maxHeaderBytes = 64 * 1024;
        int drainMilliseconds = 3000; // how long a refused upload is read and discarded
    };

    explicit GuardedTcpServer(QObject *parent = nullptr);

    void setLimits(const Limits &limits) { m_limits = limits; }
    // Host and Content-Type rules applied to every request head (see RequestGate).
    void setRequestGate(const RequestGate &gate) { m_gate = gate; }
    const RequestGate &requestGate() const { return m_gate; }
    const Limits &limits() const { return m_limits; }
    // The object whose readyRead handlers are cut when a request is refused (the HTTP server,
    // which is also this server's parent after QAbstractHttpServer::bind()).
    void setHttpServer(QObject *httpServer) { m_httpServer = httpServer; }
    QObject *httpServer() const { return m_httpServer ? m_httpServer.data() : parent(); }

    int openConnections() const { return m_open; }

    // Call once after QAbstractHttpServer::bind(this): from then on each guard also learns,
    // after every readyRead, how much the HTTP server left unread (see GuardedConnection).
    void followHttpServerReads();

    // The request-target of the oldest request on this socket not yet taken, exactly as the
    // client sent it (QHttpServer 6.4 mangles "//path" into a host). Empty if unknown.
    static QByteArray takeRequestTarget(QTcpSocket *socket);

    // Called by the HTTP server's handler for a request QHttpServer is about to hand to its
    // WebSocket server: accepted → the socket leaves the guard (an event stream may stay quiet
    // for hours); refused → the guard stops the HTTP server reading and closes the connection
    // after the refusal is written.
    static void upgradeDecided(QTcpSocket *socket, bool accepted);

    // Called by the HTTP server after it answered or queued an answer on this socket, with the
    // number of answers it still owes there (deferred ones, or ones waiting behind them). A
    // refusal of a later pipelined request waits for these: answers leave in request order, so
    // the client never reads the refusal as the answer to an earlier request.
    static void answersProgressed(QTcpSocket *socket, int stillOwed);

    // QtHttpServer 6.8 only (see HttpServerCompat.h): after its protocol handler connected its
    // readyRead slot again (once an answer's responder is gone), put the guard's follower
    // after it again.
    static void refollowHttpServerReads(QTcpSocket *socket);

    // The open connection from this peer address and port (QtHttpServer 6.8 gives its
    // handlers the request, not the socket). Null if there is none.
    QTcpSocket *connectionOf(const QHostAddress &peer, quint16 peerPort) const;

    // Builds a complete raw HTTP/1.1 error answer (security headers included, Connection: close).
    static QByteArray
    rawErrorResponse(int status, const QByteArray &reason, const QString &code,
                     const QString &message, const QJsonObject &details = {},
                     const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

Q_SIGNALS:
    // A connection or request refused here (503, 411, 413, 415, 421, 431, 408, 400): metrics.
    void refused(int status);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class GuardedConnection;
    Limits m_limits;
    RequestGate m_gate;
    QPointer<QObject> m_httpServer;
    QList<QPointer<GuardedConnection>> m_unfollowed; // accepted, not yet handed over
    QHash<QPair<QHostAddress, quint16>, QTcpSocket *> m_connections; // by peer address, port
    bool m_following = false;
    int m_open = 0;
    int m_draining = 0;
};
