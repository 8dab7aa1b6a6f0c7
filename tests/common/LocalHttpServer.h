#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTcpServer>

// A real HTTP/1.1 server on a loopback port for tests that download files (media URLs): each
// path answers a scripted response; hits are counted per path. Every response closes the
// connection. Bodies can be generated (`generatedBytes`) so that "too big" files need no
// fixture on disk.
class LocalHttpServer : public QObject
{
public:
    struct Response
    {
        int status = 200;
        QByteArray contentType;      // empty → no Content-Type header
        QByteArray body;
        qint64 generatedBytes = 0;   // > 0: send this many 'x' bytes instead of body
        bool announceLength = true;  // false: no Content-Length, the end is the close
        QByteArray location = {};    // non-empty: a Location header (redirects)
        QByteArray disposition = {}; // non-empty: a Content-Disposition header
    };

    explicit LocalHttpServer(QObject *parent = nullptr);
    bool listen(); // 127.0.0.1, any free port
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path) const; // "http://127.0.0.1:<port><path>"

    void route(const QString &path, const Response &response);
    int hits(const QString &path) const { return m_hits.value(path); }
    qint64 bytesSent(const QString &path) const { return m_bytesSent.value(path); }
    // The Host header of the last request for the path.
    QByteArray lastHost(const QString &path) const { return m_hosts.value(path); }

    // A tiny valid PNG and PDF, for media tests.
    static QByteArray pngBytes();
    static QByteArray pdfBytes();

private:
    void serve(class QTcpSocket *socket);

    QTcpServer m_server;
    QHash<QString, Response> m_routes;
    QHash<QString, int> m_hits;
    QHash<QString, qint64> m_bytesSent;
    QHash<QString, QByteArray> m_hosts;
};
