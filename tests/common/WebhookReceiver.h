#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <functional>

class QTcpSocket;

// A real HTTP/1.1 webhook receiver on a loopback port (keep-alive, Content-Length bodies): it
// records every POST (headers lower-cased, body) and answers what the test's script says —
// a status with headers and body, after a delay, or never (a hung receiver, for timeouts).
class WebhookReceiver : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // names lower-cased
        QByteArray body;
        qint64 receivedAtMs = 0; // QDateTime::currentMSecsSinceEpoch()
        int answered = 0;        // set when the answer was written (status), 0 while open
    };
    struct Reply
    {
        int status = 200;
        QByteArray body = "ok";
        QList<QPair<QByteArray, QByteArray>> headers;
        int delayMs = 0;   // answer later
        bool hang = false; // never answer (the client times out)
    };
    // Called for each request in arrival order; `index` counts requests (0-based).
    using Script = std::function<Reply(const Request &request, int index)>;

    explicit WebhookReceiver(QObject *parent = nullptr);
    bool listen(); // 127.0.0.1, any free port
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path = QStringLiteral("/hook")) const;

    void setScript(Script script) { m_script = std::move(script); }
    const QList<Request> &requests() const { return m_requests; }
    int count() const { return int(m_requests.size()); }
    // Requests received and not answered yet; the most at once since the start.
    int open() const { return m_open; }
    int maxOpen() const { return m_maxOpen; }

private:
    void serve(QTcpSocket *socket);
    void answer(QPointer<QTcpSocket> socket, int index, const Reply &reply);

    QTcpServer m_server;
    Script m_script;
    QList<Request> m_requests;
    int m_open = 0;
    int m_maxOpen = 0;
};
