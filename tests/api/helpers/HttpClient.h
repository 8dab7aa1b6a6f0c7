#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

// One parsed HTTP answer as the tests see it.
struct HttpReply
{
    int status = 0;          // 0: no answer (timeout, reset before a status line)
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QJsonDocument json;      // parsed body when it is JSON
    bool closedByServer = false;
    bool timedOut = false;

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    bool hasHeader(const QByteArray &name) const;
    QJsonObject object() const { return json.object(); }
    QJsonValue value(const QString &key) const { return json.object().value(key); }
    // error.code / error.details.field of the api.md error body ("" if none)
    QString errorCode() const;
    QString errorField() const;
    QString describe() const; // for failure messages
};

// A synchronous HTTP/1.1 client for tests against the real server on loopback. Each request
// uses a fresh connection and spins the event loop while waiting (the server lives in the same
// thread), so nothing is hidden by a client library: bytes on the wire are exactly ours.
class HttpClient
{
public:
    explicit HttpClient(quint16 port, QString host = QStringLiteral("127.0.0.1"));

    void setApiKey(const QString &key) { m_apiKey = key; }
    void setAdminToken(const QString &token) { m_adminToken = token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    quint16 port() const { return m_port; }

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    HttpReply get(const QString &path, const Headers &headers = {}) const;
    HttpReply del(const QString &path, const Headers &headers = {}) const;
    HttpReply post(const QString &path, const QJsonValue &body = QJsonValue::Undefined,
                   const Headers &headers = {}) const;
    HttpReply patch(const QString &path, const QJsonValue &body, const Headers &headers = {}) const;
    HttpReply put(const QString &path, const QJsonValue &body, const Headers &headers = {}) const;
    // Any method, raw body bytes (invalid JSON, bad UTF-8, ...).
    HttpReply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                      const Headers &headers = {},
                      const QByteArray &contentType = "application/json") const;

    // Sends exactly `bytes` on a new connection and reads one answer (or until the server
    // closes / timeoutMs passes).
    static HttpReply raw(quint16 port, const QByteArray &bytes, int timeoutMs = 10000,
                         const QHostAddress &host = QHostAddress(QHostAddress::LocalHost));
    // Parses an answer from raw bytes; returns false if incomplete.
    static bool parse(const QByteArray &data, HttpReply &reply);

private:
    quint16 m_port;
    QString m_host;
    QString m_apiKey;
    QString m_adminToken;
    int m_timeoutMs = 15000;
};
