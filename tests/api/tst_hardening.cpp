#include "ApiServer.h"
#include "CoreServices.h"
#include "RawConnection.h"
#include "Settings.h"
#include "TestApiServer.h"

#include <QTcpSocket>
#include <QTest>
#include <QTimer>

// Abuse at the TCP and HTTP level (quality bar R5): huge bodies, slow and idle clients, too many
// connections, malformed input. The server must refuse with 4xx (never 5xx) and keep serving.
class TestHardening : public QObject
{
    Q_OBJECT

    static GuardedTcpServer::Limits tightLimits()
    {
        GuardedTcpServer::Limits l;
        l.idleTimeoutSeconds = 1;
        l.maxConnections = 512;
        return l;
    }

private Q_SLOTS:
    void hugeBodyIs413AndOthersAreServed()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const qint64 size = 50LL * 1024 * 1024;
        QTcpSocket big;
        QByteArray received;
        bool closed = false;
        connect(&big, &QTcpSocket::readyRead, this, [&] { received += big.readAll(); });
        connect(&big, &QTcpSocket::disconnected, this, [&] { closed = true; });
        connect(&big, &QTcpSocket::connected, this, [&] {
            big.write("POST /vendors/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Content-Length: " + QByteArray::number(size) + "\r\n\r\n");
            big.write(QByteArray(size, 'a'));
        });
        big.connectToHost(QHostAddress::LocalHost, s.port());

        // While the upload is in flight another client is answered.
        const HttpReply health = s.client().get(QStringLiteral("/health"));
        QCOMPARE(health.status, 200);

        QTRY_VERIFY_WITH_TIMEOUT(received.contains("\r\n\r\n"), 30000);
        HttpReply reply;
        reply.closedByServer = true;
        QVERIFY(HttpClient::parse(received, reply));
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.errorCode(), QStringLiteral("payload_too_large"));
        QCOMPARE(reply.header("x-content-type-options"), QByteArray("nosniff"));
        QTRY_VERIFY_WITH_TIMEOUT(closed, 30000);
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void bodyJustOverTheLimitIs413()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        auto limits = s.server().limits();
        limits.maxBodyBytes = 1000;
        s.server().setLimits(limits);
        HttpReply r = s.client().request("POST", QStringLiteral("/vendors/register"), QByteArray(1001, ' '));
        QCOMPARE(r.status, 413);
        QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
        // At the limit it reaches the handler (and fails as JSON, not as size).
        r = s.client().request("POST", QStringLiteral("/vendors/register"), QByteArray(1000, ' '));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
    }

    void keepAliveRequestsAreTrackedAcrossBodies()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        auto limits = s.server().limits();
        limits.maxBodyBytes = 100;
        s.server().setLimits(limits);
        RawConnection c(s.port());
        QVERIFY(c.isConnected());
        // A body that contains what looks like the end of a head must not confuse the guard.
        const QByteArray body = "{\"x\":\"\r\n\r\nGET / HTTP/1.1\r\n\r\n\"}";
        for (int i = 0; i < 3; ++i) {
            c.send("POST /vendors/login HTTP/1.1\r\nHost: x\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            const HttpReply r = c.readReply();
            QVERIFY2(r.status == 400, qPrintable(r.describe()));
        }
        c.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(c.readReply().status, 200);
        c.send("POST /vendors/login HTTP/1.1\r\nHost: x\r\nContent-Length: 101\r\n\r\n");
        const HttpReply r = c.readReply();
        QCOMPARE(r.status, 413);
        QVERIFY(c.waitForClose(10000));
    }

    void chunkedBodiesAreRefused()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = HttpClient::raw(
            s.port(), "POST /vendors/register HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n0\r\n\r\n");
        QCOMPARE(r.status, 411);
        QCOMPARE(r.errorCode(), QStringLiteral("length_required"));
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void hugeHeadIs431()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QByteArray req = "GET /health HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 2000; ++i)
            req += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray(40, 'f') + "\r\n";
        req += "\r\n";
        const HttpReply r = HttpClient::raw(s.port(), req);
        QCOMPARE(r.status, 431);
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void idleConnectionIsClosed()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.server().setLimits(tightLimits());
        RawConnection silent(s.port());
        QVERIFY(silent.isConnected());
        QVERIFY(silent.waitForClose(15000));

        // A keep-alive connection idle after an answer is closed too.
        RawConnection keepAlive(s.port());
        keepAlive.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(keepAlive.readReply().status, 200);
        QVERIFY(keepAlive.waitForClose(15000));
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void slowLorisIsClosed()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.server().setLimits(tightLimits());
        RawConnection slow(s.port());
        QVERIFY(slow.isConnected());
        slow.send("GET /health HTTP/1.1\r\n");
        // One header line every 200 ms: always "active", never finishing the head.
        QTimer trickle;
        int n = 0;
        connect(&trickle, &QTimer::timeout, this, [&] {
            if (slow.isConnected())
                slow.send("X-Slow-" + QByteArray::number(++n) + ": 1\r\n");
        });
        trickle.start(200);
        QVERIFY(slow.waitForClose(15000));
        trickle.stop();
        QVERIFY2(slow.received().startsWith("HTTP/1.1 408"), slow.received().constData());
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void slowBodyIsClosed()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.server().setLimits(tightLimits());
        RawConnection slow(s.port());
        QVERIFY(slow.isConnected());
        slow.send("POST /vendors/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
        // One byte every 300 ms: progress within every idle timeout, never finishing.
        QTimer drip;
        connect(&drip, &QTimer::timeout, this, [&] {
            if (slow.isConnected())
                slow.send(" ");
        });
        drip.start(300);
        QVERIFY(slow.waitForClose(20000));
        drip.stop();
        QVERIFY2(slow.received().startsWith("HTTP/1.1 408"), slow.received().constData());
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void connectionCap()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        auto limits = s.server().limits();
        limits.maxConnections = 3;
        s.server().setLimits(limits);
        std::vector<std::unique_ptr<RawConnection>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<RawConnection>(s.port()));
            QVERIFY(held.back()->isConnected());
        }
        QTRY_COMPARE(s.server().openConnections(), 3);
        HttpReply r = s.client().get(QStringLiteral("/health"));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.errorCode(), QStringLiteral("server_busy"));
        held.pop_back();
        QTRY_COMPARE(s.server().openConnections(), 2);
        r = s.client().get(QStringLiteral("/health"));
        QCOMPARE(r.status, 200);
    }

    void badInputIsNever5xx_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("auth"); // 0 none, 1 vendor, 2 admin
        QTest::newRow("register") << QByteArray("POST") << "/vendors/register" << 0;
        QTest::newRow("login") << QByteArray("POST") << "/vendors/login" << 0;
        QTest::newRow("update") << QByteArray("PUT") << "/vendors/update" << 1;
        QTest::newRow("plans") << QByteArray("POST") << "/admin/plans" << 2;
        QTest::newRow("subscriptions") << QByteArray("POST") << "/admin/subscriptions" << 2;
        QTest::newRow("subscription patch") << QByteArray("PATCH") << "/admin/subscriptions/1" << 2;
    }
    void badInputIsNever5xx()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, auth);
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        HttpClient c = auth == 1 ? s.vendorClient(v.apiKey) : auth == 2 ? s.adminClient() : s.client();
        QList<QByteArray> bodies{
            "", "{", "}", "null", "123", "\"text\"", "[]", "{}", "[{}]", "{\"a\":1,}", "NaN",
            "{\"name\":\"\xff\xfe\xfd\"}",                      // bad UTF-8
            "{\"name\":\"\xc3\x28\"}",                          // bad UTF-8 sequence
            "{\"name\": 1e400, \"email\": -1e400}",
            "{\"id\": 1.5, \"name\": [], \"email\": {}, \"password\": 12345678}",
            "{\"id\": 99999999999999999999999, \"max_phone_numbers\": \"many\"}",
            "{\"app_user_id\": -1, \"plan_id\": true, \"ends_at\": \"yesterday\"}",
            "{\"app_user_id\": 1, \"plan_id\": 1, \"ends_at\": 5}",
            "{\"status\": \"bogus\", \"ends_at\": \"2020-13-45T99:99:99Z\"}",
            "{\"name\":\"" + QByteArray(900 * 1024, 'x') + "\"}",
            QByteArray(5000, '[') + QByteArray(5000, ']'),
            QByteArray("{\"name\":\"a\\u0000b\",\"email\":\"a\\ud800@x.com\"}"),
        };
        for (const QByteArray &body : bodies) {
            const HttpReply r = c.request(method, path, body);
            QVERIFY2(r.status >= 400 && r.status < 500,
                     qPrintable(QStringLiteral("%1 %2 with %3 → %4")
                                    .arg(QString::fromLatin1(method), path,
                                         QString::fromLatin1(body.left(60).toPercentEncoding()),
                                         r.describe())));
            QVERIFY2(!r.errorCode().isEmpty(), qPrintable(r.describe()));
        }
        // Bad UTF-8 is called what it is.
        const HttpReply r = c.request(method, path, "{\"name\":\"\xff\xfe\"}");
        if (r.status != 401 && r.status != 404)
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
    }

    void wrongMethodIs405AndLiteralBeatsParameter()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        using M = QHttpServerRequest::Method;
        Router &router = s.server().router();
        router.add(M::Get, QStringLiteral("/hardening-test/list"), Router::Access::Public,
                   [](ApiRequest &) { return ApiResponse::json(QJsonObject{{"route", "list"}}); });
        router.add(M::Get, QStringLiteral("/hardening-test/:id"), Router::Access::Public,
                   [](ApiRequest &r) {
                       return ApiResponse::json(QJsonObject{{"id", r.idParam(QStringLiteral("id"))}});
                   });
        router.add(M::Delete, QStringLiteral("/hardening-test/:id"), Router::Access::Public,
                   [](ApiRequest &r) {
                       r.idParam(QStringLiteral("id"));
                       return ApiResponse::noContent();
                   });
        HttpReply r = s.client().get(QStringLiteral("/hardening-test/list"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("route")).toString(), QStringLiteral("list"));
        r = s.client().del(QStringLiteral("/hardening-test/list"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.errorCode(), QStringLiteral("method_not_allowed"));
        QCOMPARE(r.header("allow"), QByteArray("GET"));
        r = s.client().del(QStringLiteral("/hardening-test/7"));
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        r = s.client().get(QStringLiteral("/hardening-test/7"));
        QCOMPARE(r.value(QStringLiteral("id")).toInteger(), 7);
        r = s.client().request("PATCH", QStringLiteral("/hardening-test/7"), "{}");
        QCOMPARE(r.status, 405);
        r = s.client().get(QStringLiteral("/hardening-test/-1"));
        QCOMPARE(r.status, 404);
        r = s.client().get(QStringLiteral("/hardening-test/99999999999999999999999"));
        QCOMPARE(r.status, 404);
        r = s.client().request("BREW", QStringLiteral("/health"));
        QVERIFY2(r.status >= 400 && r.status < 500, qPrintable(r.describe()));
    }

    void doubleLeadingSlashIsAnAlias()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        QCOMPARE(s.client().get(QStringLiteral("//health")).status, 200);
        HttpReply r = s.vendorClient(v.apiKey).get(QStringLiteral("//vendors/me"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("id")).toInteger(), v.id);
        QCOMPARE(s.client().get(QStringLiteral("/health/")).status, 200);
        QCOMPARE(s.client().get(QStringLiteral("/vendors//me")).status, 404);
    }

    void cors()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        // Nothing allowed by default.
        HttpReply r = s.client().get(QStringLiteral("/health"), {{"Origin", "https://app.example.com"}});
        QCOMPARE(r.status, 200);
        QVERIFY(!r.hasHeader("access-control-allow-origin"));

        s.core().settings().setValue(QStringLiteral("cors_allowed_origins"),
                                     QStringList{QStringLiteral("https://app.example.com")});
        r = s.client().get(QStringLiteral("/health"), {{"Origin", "https://app.example.com"}});
        QCOMPARE(r.header("access-control-allow-origin"), QByteArray("https://app.example.com"));
        QCOMPARE(r.header("vary"), QByteArray("Origin"));
        r = s.client().get(QStringLiteral("/health"), {{"Origin", "https://evil.example.com"}});
        QCOMPARE(r.status, 200);
        QVERIFY(!r.hasHeader("access-control-allow-origin"));

        r = s.client().request("OPTIONS", QStringLiteral("/vendors/me"), {},
                               {{"Origin", "https://app.example.com"},
                                {"Access-Control-Request-Method", "GET"},
                                {"Access-Control-Request-Headers", "x-api-key"}});
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("access-control-allow-origin"), QByteArray("https://app.example.com"));
        QVERIFY(r.header("access-control-allow-methods").contains("GET"));
        QVERIFY(r.header("access-control-allow-headers").toLower().contains("x-api-key"));

        r = s.client().request("OPTIONS", QStringLiteral("/vendors/me"), {},
                               {{"Origin", "https://evil.example.com"},
                                {"Access-Control-Request-Method", "GET"}});
        QVERIFY(r.status >= 400 && r.status < 500);
        QVERIFY(!r.hasHeader("access-control-allow-origin"));
        QVERIFY(!r.hasHeader("access-control-allow-methods"));
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
