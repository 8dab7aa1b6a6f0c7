#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpSocket>
#include <functional>

// One keep-alive HTTP/1.1 connection of the webhook deliverer to a plain-http receiver, on
// the deliverer's own thread: one request at a time, the answer parsed here (status, headers,
// a Content-Length, chunked or until-close body). Why not QNetworkAccessManager: it runs HTTP
// in a thread of its own, so every request and answer crosses threads several times, and at
// a few thousand deliveries a second that machinery — not signing or SQL — was the cost
// (docs/performance.md, P9). https receivers still go through QNetworkAccessManager, where TLS
// dominates anyway.
class WebhookHttpConnection : public QObject
{
public:
    struct Response
    {
        int status = 0;        // 0: no answer (see error)
        QString error;         // connection_refused, connection_closed, network_error, bad_response
        QByteArray body;       // the first `maxBodyBytes` bytes of the answer's body
        QByteArray retryAfter; // the Retry-After header, if any
    };
    using Done = std::function<void(const Response &)>;

    // `address`/`port`: where to connect (the address already checked by the caller);
    // `hostHeader`: the URL's authority, sent as Host.
    WebhookHttpConnection(QHostAddress address, quint16 port, QByteArray hostHeader,
                          QObject *parent = nullptr);
    ~WebhookHttpConnection() override;

    // Connects without a request yet; `connected(true, {})` once connected, or
    // `connected(false, error)` if that fails or abort() ends it first. Requests are handed to
    // connections as they become free, so they leave in the order they were queued even when
    // several connections open at once.
    void open(std::function<void(bool ok, const QString &error)> connected);

    // POSTs `body` to `pathAndQuery` with the given extra headers; `done` is called exactly
    // once, never from within post() (from a socket signal or abort()). At most one request at
    // a time: check idle() first.
    void post(const QByteArray &pathAndQuery, const QList<QPair<QByteArray, QByteArray>> &headers,
              const QByteArray &body, Done done);
    // Ends the request in progress (or the connecting) with `error` (a timeout) and closes the
    // connection.
    void abort(const QString &error);

    bool idle() const { return !m_done; }
    // Still usable for another request: connected (or connecting) and the last answer did not
    // ask to close.
    bool reusable() const
    {
        return m_reusable && m_socket.state() != QAbstractSocket::UnconnectedState;
    }
    const QHostAddress &address() const { return m_address; }
    quint16 port() const { return m_port; }
    const QByteArray &hostHeader() const { return m_hostHeader; }

    static constexpr int kMaxBodyBytes = 1024;        // kept of an answer's body
    static constexpr qint64 kMaxDrainBytes = 1 << 20; // read past that; bigger: close instead
    static constexpr int kMaxHeadBytes = 64 * 1024;

private:
    enum class Stage
    {
        Head,
        Body,
        Chunked,
        UntilClose
    };
    void writePending();
    void onReadyRead();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError e);
    bool parseHead(); // false: not complete yet (sets m_failed on a bad head)
    bool parseChunks();
    void keepBody(const char *data, qint64 n);
    void finish(Response r, bool keep);

    QTcpSocket m_socket;
    QHostAddress m_address;
    quint16 m_port;
    QByteArray m_hostHeader;
    QByteArray m_request; // written once connected
    QByteArray m_in;
    Done m_done;
    std::function<void(bool, const QString &)> m_connected; // set while open() connects
    Response m_response;
    Stage m_stage = Stage::Head;
    qint64 m_remaining = 0; // body bytes (Body) or current chunk bytes (Chunked)
    qint64 m_drained = 0;
    bool m_closeAfter = false;
    bool m_reusable = true;
    int m_answersOnSocket = 0; // answers read on the current socket: it was kept alive
    bool m_retried = false;    // this request was written again on a new connection
    bool m_failed = false;
};
