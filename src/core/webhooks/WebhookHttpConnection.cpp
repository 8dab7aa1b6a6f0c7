#include "webhooks/WebhookHttpConnection.h"

WebhookHttpConnection::WebhookHttpConnection(QHostAddress address, quint16 port,
                                             QByteArray hostHeader, QObject *parent)
    : QObject(parent), m_address(std::move(address)), m_port(port),
      m_hostHeader(std::move(hostHeader))
{
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        if (m_connected) {
            auto connected = std::move(m_connected);
            m_connected = nullptr;
            connected(true, {});
            return;
        }
        writePending();
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] { onDisconnected(); });
    connect(&m_socket, &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError e) { onError(e); });
}

WebhookHttpConnection::~WebhookHttpConnection()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

void WebhookHttpConnection::open(std::function<void(bool, const QString &)> connected)
{
    m_connected = std::move(connected);
    m_answersOnSocket = 0;
    m_socket.connectToHost(m_address, m_port);
}

void WebhookHttpConnection::post(const QByteArray &pathAndQuery,
                                 const QList<QPair<QByteArray, QByteArray>> &headers,
                                 const QByteArray &body, Done done)
{
    Q_ASSERT(!m_done);
    m_done = std::move(done);
    m_response = Response{};
    m_in.clear();
    m_stage = Stage::Head;
    m_remaining = 0;
    m_drained = 0;
    m_closeAfter = false;
    m_failed = false;

    QByteArray req;
    req.reserve(256 + body.size());
    req += "POST ";
    req += pathAndQuery.isEmpty() ? QByteArrayLiteral("/") : pathAndQuery;
    req += " HTTP/1.1\r\nHost: ";
    req += m_hostHeader;
    req += "\r\nContent-Length: ";
    req += QByteArray::number(body.size());
    req += "\r\nConnection: keep-alive\r\n";
    for (const auto &h : headers) {
        req += h.first;
        req += ": ";
        req += h.second;
        req += "\r\n";
    }
    req += "\r\n";
    req += body;
    m_request = std::move(req);

    m_retried = false;
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        writePending();
    } else if (m_socket.state() == QAbstractSocket::UnconnectedState) {
        m_answersOnSocket = 0;
        m_socket.connectToHost(m_address, m_port);
    }
    // Connecting: `connected` writes it.
}

void WebhookHttpConnection::writePending()
{
    if (m_request.isEmpty())
        return;
    // m_request is kept until the answer's first byte: a keep-alive socket the receiver closed
    // just as we wrote gets it once more on a new connection (onDisconnected).
    m_socket.write(m_request);
}

void WebhookHttpConnection::onReadyRead()
{
    if (!m_done) {
        // Nothing was asked: a receiver talking out of turn. Drop the connection.
        m_socket.readAll();
        m_reusable = false;
        m_socket.abort();
        return;
    }
    m_request.clear(); // an answer started: never sent again
    m_in += m_socket.readAll();
    for (;;) {
        switch (m_stage) {
        case Stage::Head:
            if (!parseHead()) {
                if (m_failed)
                    return finish(Response{0, QStringLiteral("bad_response"), {}, {}}, false);
                if (m_in.size() > kMaxHeadBytes)
                    return finish(Response{0, QStringLiteral("bad_response"), {}, {}}, false);
                return;
            }
            continue;
        case Stage::Body: {
            const qint64 n = std::min<qint64>(m_remaining, m_in.size());
            keepBody(m_in.constData(), n);
            m_in.remove(0, n);
            m_remaining -= n;
            if (m_remaining > 0)
                return;
            return finish(m_response, !m_closeAfter);
        }
        case Stage::Chunked:
            if (m_failed)
                return finish(Response{0, QStringLiteral("bad_response"), {}, {}}, false);
            if (!parseChunks()) {
                if (m_failed)
                    return finish(Response{0, QStringLiteral("bad_response"), {}, {}}, false);
                return;
            }
            return finish(m_response, !m_closeAfter);
        case Stage::UntilClose:
            keepBody(m_in.constData(), m_in.size());
            m_in.clear();
            return; // onDisconnected finishes it
        }
    }
}

bool WebhookHttpConnection::parseHead()
{
    const int end = m_in.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = m_in.left(end);
    m_in.remove(0, end + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    // "HTTP/1.1 200 OK"
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12) {
        m_failed = true;
        return false;
    }
    const bool http10 = statusLine.at(7) == '0';
    bool ok = false;
    const int status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 999) {
        m_failed = true;
        return false;
    }
    qint64 contentLength = -1;
    bool chunked = false;
    m_closeAfter = http10;
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            contentLength = value.toLongLong(&ok);
            if (!ok || contentLength < 0) {
                m_failed = true;
                return false;
            }
        } else if (name == "transfer-encoding") {
            chunked = value.toLower().contains("chunked");
        } else if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close"))
                m_closeAfter = true;
            else if (v.contains("keep-alive"))
                m_closeAfter = false;
        } else if (name == "retry-after") {
            m_response.retryAfter = value;
        }
    }
    if (status < 200) {
        // 100 Continue and other interim answers: the real one follows.
        return true;
    }
    m_response.status = status;
    if (status == 204 || status == 304) {
        m_stage = Stage::Body;
        m_remaining = 0;
    } else if (chunked) {
        m_stage = Stage::Chunked;
        m_remaining = -1; // reading a chunk-size line next
    } else if (contentLength >= 0) {
        if (contentLength > kMaxDrainBytes)
            m_closeAfter = true; // read what we keep, then drop the connection
        m_stage = Stage::Body;
        m_remaining = contentLength;
        if (m_closeAfter && contentLength > kMaxBodyBytes) {
            // No point reading a big answer we will not keep on a connection we will not reuse.
            keepBody(m_in.constData(), std::min<qint64>(m_in.size(), contentLength));
            m_in.clear();
            finish(m_response, false);
            return false;
        }
    } else {
        m_stage = Stage::UntilClose;
        m_closeAfter = true;
    }
    return true;
}

bool WebhookHttpConnection::parseChunks()
{
    for (;;) {
        if (m_remaining == -2) {
            if (m_in.startsWith("\r\n")) {
                m_in.remove(0, 2);
                return true;
            }
            const int end = m_in.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_in.size() > kMaxHeadBytes)
                    m_failed = true;
                return false;
            }
            m_in.remove(0, end + 4);
            return true;
        }
        if (m_remaining < 0) {
            const int eol = m_in.indexOf("\r\n");
            if (eol < 0) {
                if (m_in.size() > 1024)
                    m_failed = true;
                return false;
            }
            QByteArray sizeText = m_in.left(eol);
            const int semi = sizeText.indexOf(';');
            if (semi >= 0)
                sizeText.truncate(semi);
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                m_failed = true;
                return false;
            }
            m_in.remove(0, eol + 2);
            if (size == 0) {
                m_remaining = -2; // the trailers, then an empty line
                continue;
            }
            m_remaining = size + 2; // data and its CRLF
        }
        const qint64 n = std::min<qint64>(m_remaining, m_in.size());
        keepBody(m_in.constData(), std::min<qint64>(n, std::max<qint64>(0, m_remaining - 2)));
        m_in.remove(0, n);
        m_remaining -= n;
        if (m_remaining > 0)
            return false;
        m_remaining = -1;
    }
}

void WebhookHttpConnection::keepBody(const char *data, qint64 n)
{
    m_drained += n;
    const qint64 room = kMaxBodyBytes - m_response.body.size();
    if (room > 0)
        m_response.body.append(data, std::min(room, n));
    if (m_drained > kMaxDrainBytes)
        m_closeAfter = true;
}

void WebhookHttpConnection::onDisconnected()
{
    if (!m_done) {
        m_reusable = false;
        return;
    }
    if (m_stage == Stage::UntilClose && m_response.status != 0)
        return finish(m_response, false);
    if (!m_request.isEmpty() && m_answersOnSocket > 0 && !m_retried) {
        // A kept-alive socket the receiver closed before answering (its idle timeout met our
        // write): once more on a new connection. The receiver may have seen the first; then
        // it sees the same webhook-id again, which receivers de-duplicate (docs/webhooks.md).
        m_retried = true;
        m_failed = false;
        m_stage = Stage::Head;
        m_in.clear();
        m_answersOnSocket = 0;
        m_socket.abort();
        m_socket.connectToHost(m_address, m_port); // `connected` writes m_request again
        return;
    }
    finish(Response{0, QStringLiteral("connection_closed"), {}, {}}, false);
}

void WebhookHttpConnection::onError(QAbstractSocket::SocketError e)
{
    QString error = QStringLiteral("network_error");
    if (e == QAbstractSocket::ConnectionRefusedError)
        error = QStringLiteral("connection_refused");
    if (m_connected) {
        auto connected = std::move(m_connected);
        m_connected = nullptr;
        m_reusable = false;
        connected(false, error);
        return;
    }
    if (!m_done)
        return;
    if (e == QAbstractSocket::RemoteHostClosedError)
        return; // onDisconnected decides
    finish(Response{0, error, {}, {}}, false);
}

void WebhookHttpConnection::abort(const QString &error)
{
    if (m_connected) {
        auto connected = std::move(m_connected);
        m_connected = nullptr;
        m_reusable = false;
        m_socket.abort();
        connected(false, error);
        return;
    }
    if (!m_done)
        return;
    finish(Response{0, error, {}, {}}, false);
}

void WebhookHttpConnection::finish(Response r, bool keep)
{
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    m_request.clear();
    m_in.clear();
    m_reusable = keep;
    if (keep)
        ++m_answersOnSocket;
    else
        m_socket.abort();
    // Last: the callback may hand this connection another request at once. It must not delete
    // it synchronously (deleteLater).
    done(r);
}
