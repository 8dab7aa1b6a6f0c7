// WebhookHttpConnection against a real TCP server on loopback that answers raw bytes: the
// answer forms a receiver may use (Content-Length, chunked with trailers, until close, an
// interim 100, split across packets), keep-alive reuse, a kept-alive socket the receiver
// closed, and answers that are not HTTP.

#include "webhooks/WebhookHttpConnection.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <functional>
#include <optional>

namespace {

// Accepts connections; for each complete request (head + Content-Length body) calls `answer`
// with the request's index on the whole server and writes what it returns, in the given
// pieces. `closeAfter` closes the socket after the answer.
class RawServer : public QObject
{
public:
    struct Answer
    {
        QList<QByteArray> pieces;
        bool closeAfter = false;
    };
    std::function<Answer(int index, const QByteArray &request)> answer;
    int connections = 0;
    QList<QByteArray> requests;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++connections;
                m_sockets << s;
                auto buffer = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
                    *buffer += s->readAll();
                    for (;;) {
                        const int end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        const QByteArray head = buffer->left(end);
                        const int at = head.toLower().indexOf("content-length:");
                        const int length = at < 0
                                               ? 0
                                               : head.mid(at + 15, head.indexOf('\r', at) - at - 15)
                                                     .trimmed()
                                                     .toInt();
                        if (buffer->size() < end + 4 + length)
                            return;
                        const QByteArray request = buffer->left(end + 4 + length);
                        buffer->remove(0, end + 4 + length);
                        requests << request;
                        const Answer a = answer(int(requests.size()) - 1, request);
                        for (int i = 0; i < a.pieces.size(); ++i) {
                            s->write(a.pieces.at(i));
                            s->flush();
                            if (i + 1 < a.pieces.size())
                                QTest::qWait(20);
                        }
                        if (a.closeAfter)
                            s->disconnectFromHost();
                    }
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return m_server.serverPort(); }
    // Closes every accepted socket (a receiver's idle timeout).
    void closeAll()
    {
        for (QTcpSocket *s : std::as_const(m_sockets))
            if (s)
                s->disconnectFromHost();
    }

private:
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
};

std::optional<WebhookHttpConnection::Response> postAndWait(WebhookHttpConnection &c,
                                                           const QByteArray &body = "{}")
{
    std::optional<WebhookHttpConnection::Response> out;
    c.post("/hook?x=1", {{"webhook-id", "msg_1"}}, body,
           [&](const WebhookHttpConnection::Response &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 5000))
        return std::nullopt;
    return out;
}

} // namespace

class TestWebhookHttpConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answerForms_data()
    {
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("reusable");
        QTest::newRow("content-length")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"} << 200
            << QByteArray("ok") << true;
        QTest::newRow("split everywhere") << QList<QByteArray>{"HTT", "P/1.1 201 Created\r\nConte",
                                                               "nt-Length: 5\r\n\r", "\nhel", "lo"}
                                          << 201 << QByteArray("hello") << true;
        QTest::newRow("chunked with trailers")
            << QList<
                   QByteArray>{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
                               "2;ext=1\r\nde\r\n0\r\nX-Trailer: 1\r\n", "\r\n"}
            << 200 << QByteArray("abcde") << true;
        QTest::newRow("interim 100 first")
            << QList<QByteArray>{"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"}
            << 204 << QByteArray() << true;
        QTest::newRow("connection close")
            << QList<QByteArray>{"HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: "
                                 "4\r\n\r\nfail"}
            << 500 << QByteArray("fail") << false;
        QTest::newRow("http/1.0")
            << QList<QByteArray>{"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"} << 200
            << QByteArray() << false;
        QTest::newRow("big body kept short")
            << QList<QByteArray>{"HTTP/1.1 200 OK\r\nContent-Length: 3000\r\n\r\n" +
                                 QByteArray(3000, 'a')}
            << 200 << QByteArray(WebhookHttpConnection::kMaxBodyBytes, 'a') << true;
    }
    void answerForms()
    {
        QFETCH(QList<QByteArray>, pieces);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, reusable);
        RawServer server;
        server.answer = [&](int, const QByteArray &) { return RawServer::Answer{pieces, false}; };
        QVERIFY(server.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, server.port(), "hooks.example:80");
        const auto r = postAndWait(c, R"({"a":1})");
        QVERIFY(r.has_value());
        QCOMPARE(r->status, status);
        QCOMPARE(r->error, QString());
        QCOMPARE(r->body, body);
        QCOMPARE(c.reusable(), reusable);
        // What the receiver got: the path, Host, our header, the exact body.
        const QByteArray request = server.requests.value(0);
        QVERIFY(request.startsWith("POST /hook?x=1 HTTP/1.1\r\n"));
        QVERIFY(request.contains("\r\nHost: hooks.example:80\r\n"));
        QVERIFY(request.contains("\r\nwebhook-id: msg_1\r\n"));
        QVERIFY(request.endsWith("\r\n\r\n{\"a\":1}"));
    }

    void untilCloseBody()
    {
        RawServer server;
        server.answer = [](int, const QByteArray &) {
            return RawServer::Answer{{"HTTP/1.1 200 OK\r\n\r\nall of it"}, true};
        };
        QVERIFY(server.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, server.port(), "h");
        const auto r = postAndWait(c);
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, QByteArray("all of it"));
        QVERIFY(!c.reusable());
    }

    void retryAfterIsKept()
    {
        RawServer server;
        server.answer = [](int, const QByteArray &) {
            return RawServer::Answer{
                {"HTTP/1.1 429 Slow down\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n"}, false};
        };
        QVERIFY(server.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, server.port(), "h");
        const auto r = postAndWait(c);
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 429);
        QCOMPARE(r->retryAfter, QByteArray("7"));
    }

    void keepAliveReusesOneSocket()
    {
        RawServer server;
        server.answer = [](int, const QByteArray &) {
            return RawServer::Answer{{"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"}, false};
        };
        QVERIFY(server.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, server.port(), "h");
        for (int i = 0; i < 5; ++i) {
            const auto r = postAndWait(c);
            QVERIFY(r.has_value());
            QCOMPARE(r->status, 200);
        }
        QCOMPARE(server.connections, 1);
        QCOMPARE(server.requests.size(), 5);
    }

    // The receiver closed the kept-alive socket while it was idle: the next request goes on
    // a new connection instead of failing.
    void closedWhileIdleGoesOnANewConnection()
    {
        RawServer server;
        server.answer = [](int, const QByteArray &) {
            return RawServer::Answer{{"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"}, false};
        };
        QVERIFY(server.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, server.port(), "h");
        QVERIFY(postAndWait(c).has_value());
        server.closeAll();
        QTest::qWait(100);
        const auto r = postAndWait(c);
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 200);
        QCOMPARE(server.connections, 2);
    }

    void notHttpIsABadResponse()
    {
        RawServer server;
        server.answer = [](int, const QByteArray &) {
            return RawServer::Answer{{"SSH-2.0-OpenSSH_9.2\r\n\r\n"}, false};
        };
        QVERIFY(server.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, server.port(), "h");
        const auto r = postAndWait(c);
        QVERIFY(r.has_value());
        QCOMPARE(r->status, 0);
        QCOMPARE(r->error, QStringLiteral("bad_response"));
        QVERIFY(!c.reusable());
    }

    void refusedAndAborted()
    {
        quint16 closedPort = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost));
            closedPort = s.serverPort();
        }
        WebhookHttpConnection refused(QHostAddress::LocalHost, closedPort, "h");
        auto r = postAndWait(refused);
        QVERIFY(r.has_value());
        QCOMPARE(r->error, QStringLiteral("connection_refused"));

        // A receiver that never answers: the caller's deadline aborts the request.
        RawServer silent;
        silent.answer = [](int, const QByteArray &) { return RawServer::Answer{}; };
        QVERIFY(silent.listen());
        WebhookHttpConnection c(QHostAddress::LocalHost, silent.port(), "h");
        std::optional<WebhookHttpConnection::Response> out;
        c.post("/", {}, "{}", [&](const WebhookHttpConnection::Response &x) { out = x; });
        QVERIFY(QTest::qWaitFor([&] { return silent.requests.size() == 1; }, 5000));
        QVERIFY(!out.has_value());
        c.abort(QStringLiteral("timeout"));
        QVERIFY(out.has_value());
        QCOMPARE(out->error, QStringLiteral("timeout"));
        QVERIFY(!c.reusable());
    }
};

QTEST_GUILESS_MAIN(TestWebhookHttpConnection)
#include "tst_webhookhttpconnection.moc"
