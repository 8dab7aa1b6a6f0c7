#include "HttpClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool HttpReply::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString HttpReply::errorCode() const
{
    return object().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString HttpReply::errorField() const
{
    return object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("details"))
        .toObject()
        .value(QStringLiteral("field"))
        .toString();
}

QString HttpReply::describe() const
{
    return QStringLiteral("status %1 body %2").arg(status).arg(QString::fromUtf8(body.left(500)));
}

bool HttpClient::parse(const QByteArray &data, HttpReply &reply)
{
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = data.left(headEnd).split('\n');
    reply.statusLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = reply.statusLine.split(' ');
    reply.status = parts.value(1).toInt();
    reply.headers.clear();
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const int colon = line.indexOf(':');
        if (colon > 0)
            reply.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const QByteArray body = data.mid(headEnd + 4);
    if (reply.status == 204 || reply.status == 304 || (reply.status >= 100 && reply.status < 200)) {
        reply.body.clear();
    } else if (reply.hasHeader("content-length")) {
        const qint64 length = reply.header("content-length").toLongLong();
        if (body.size() < length)
            return false;
        reply.body = body.left(length);
    } else {
        if (!reply.closedByServer)
            return false; // read until close
        reply.body = body;
    }
    reply.json = QJsonDocument::fromJson(reply.body);
    return true;
}

HttpReply HttpClient::raw(quint16 port, const QByteArray &bytes, int timeoutMs,
                         const QHostAddress &host)
{
    HttpReply reply;
    QTcpSocket socket;
    QByteArray received;
    QEventLoop loop;
    bool done = false;
    auto tryParse = [&] {
        if (HttpClient::parse(received, reply)) {
            done = true;
            loop.quit();
        }
    };
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        received += socket.readAll();
        tryParse();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        if (socket.isOpen())
            received += socket.readAll();
        reply.closedByServer = true;
        tryParse();
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, [&](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError) {
            if (socket.isOpen())
                received += socket.readAll();
            reply.closedByServer = true;
            tryParse();
        }
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(bytes); });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        reply.timedOut = true;
        loop.quit();
    });
    socket.connectToHost(host, port);
    loop.exec();
    if (!done && !received.isEmpty()) {
        reply.closedByServer = true;
        HttpClient::parse(received, reply);
    }
    socket.abort();
    return reply;
}

HttpClient::HttpClient(quint16 port, QString host) : m_port(port), m_host(std::move(host)) {}

HttpReply HttpClient::request(const QByteArray &method, const QString &path, const QByteArray &body,
                              const Headers &headers, const QByteArray &contentType) const
{
    QByteArray req = method + ' ' + path.toUtf8() + " HTTP/1.1\r\n";
    req += "Host: " + m_host.toUtf8() + ':' + QByteArray::number(m_port) + "\r\n";
    req += "Connection: close\r\n";
    bool haveKey = false, haveAdmin = false;
    for (const auto &h : headers) {
        haveKey |= h.first.compare("x-api-key", Qt::CaseInsensitive) == 0
                   || h.first.compare("authorization", Qt::CaseInsensitive) == 0;
        haveAdmin |= h.first.compare("x-admin-token", Qt::CaseInsensitive) == 0;
        req += h.first + ": " + h.second + "\r\n";
    }
    if (!haveKey && !m_apiKey.isEmpty())
        req += "x-api-key: " + m_apiKey.toUtf8() + "\r\n";
    if (!haveAdmin && !m_adminToken.isEmpty())
        req += "x-admin-token: " + m_adminToken.toUtf8() + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!contentType.isEmpty())
            req += "Content-Type: " + contentType + "\r\n";
        req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    req += "\r\n" + body;
    return raw(m_port, req, m_timeoutMs, QHostAddress(m_host));
}

static QByteArray toBytes(const QJsonValue &v)
{
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    if (v.isUndefined())
        return {};
    // Scalars: serialise via a wrapping array and strip the brackets.
    QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

HttpReply HttpClient::get(const QString &path, const Headers &headers) const
{
    return request("GET", path, {}, headers);
}

HttpReply HttpClient::del(const QString &path, const Headers &headers) const
{
    return request("DELETE", path, {}, headers);
}

HttpReply HttpClient::post(const QString &path, const QJsonValue &body, const Headers &headers) const
{
    return request("POST", path, toBytes(body), headers);
}

HttpReply HttpClient::patch(const QString &path, const QJsonValue &body, const Headers &headers) const
{
    return request("PATCH", path, toBytes(body), headers);
}

HttpReply HttpClient::put(const QString &path, const QJsonValue &body, const Headers &headers) const
{
    return request("PUT", path, toBytes(body), headers);
}
