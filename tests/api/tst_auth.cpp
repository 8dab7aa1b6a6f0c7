#include "ApiAuth.h"
#include "TestApiServer.h"
#include "platform/Clock.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTest>

namespace {
// GET `path` with the admin token from another loopback address (127.0.0.2): another client.
int adminGetFrom(const QHostAddress &source, quint16 port, const QString &path)
{
    QTcpSocket socket;
    if (!socket.bind(source, 0))
        return -1;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    socket.write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-admin-token: " +
                 QByteArray(TestApiServer::AdminToken) + "\r\nConnection: close\r\n\r\n");
    QByteArray data;
    HttpReply reply;
    QDeadlineTimer deadline(15000);
    while (!HttpClient::parse(data, reply) && !deadline.hasExpired()) {
        QTest::qWait(5);
        data += socket.readAll();
    }
    return reply.status;
}
} // namespace

// Who may call what: vendor keys (x-api-key, Bearer), the admin token, 404 before 401.
class TestAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setOffsetForTesting(0); }

    void vendorRoutesNeedAKey()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        HttpReply r = s.client().get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("api_key_required"));
        QCOMPARE(r.object().keys(), QStringList{QStringLiteral("error")});

        r = s.vendorClient(QString(64, QLatin1Char('a'))).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));

        r = s.client().get(QStringLiteral("/vendors/me"), {{"x-api-key", QByteArray(5000, 'x')}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));

        r = s.client().post(QStringLiteral("/vendors/rotate-key"));
        QCOMPARE(r.status, 401);
        r = s.client().put(QStringLiteral("/vendors/update"),
                           QJsonObject{{QStringLiteral("id"), 1}});
        QCOMPARE(r.status, 401);
    }

    void keyInHeaderOrBearer()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        QVERIFY(v.id > 0);
        HttpReply r = s.vendorClient(v.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 200);
        QCOMPARE(
            r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("id")).toInteger(),
            v.id);

        r = s.client().get(QStringLiteral("/vendors/me"),
                           {{"Authorization", "Bearer " + v.apiKey.toUtf8()}});
        QCOMPARE(r.status, 200);
        r = s.client().get(QStringLiteral("/vendors/me"),
                           {{"authorization", "bearer " + v.apiKey.toUtf8()}});
        QCOMPARE(r.status, 200);

        r = s.client().get(QStringLiteral("/vendors/me"), {{"Authorization", "Bearer nope"}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));
        // Basic auth is not a key.
        r = s.client().get(QStringLiteral("/vendors/me"),
                           {{"Authorization", "Basic Zm9vOmJhcg=="}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("api_key_required"));
    }

    // The one parser of a presented key, for HTTP routes and the WebSocket handshake alike.
    void keyFromHeaders_data()
    {
        QTest::addColumn<QByteArray>("xApiKey");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("key");
        QTest::newRow("x-api-key") << QByteArray(" k1 ") << QByteArray() << QStringLiteral("k1");
        QTest::newRow("x-api-key wins")
            << QByteArray("k1") << QByteArray("Bearer k2") << QStringLiteral("k1");
        QTest::newRow("bearer") << QByteArray() << QByteArray("Bearer  k2 ")
                                << QStringLiteral("k2");
        QTest::newRow("bearer, any case")
            << QByteArray() << QByteArray("bEARER k2") << QStringLiteral("k2");
        QTest::newRow("bearer alone") << QByteArray() << QByteArray("Bearer ") << QString();
        QTest::newRow("basic") << QByteArray() << QByteArray("Basic a2V5") << QString();
        QTest::newRow("no space") << QByteArray() << QByteArray("Bearerk2") << QString();
        QTest::newRow("blank x-api-key")
            << QByteArray("   ") << QByteArray("Bearer k2") << QStringLiteral("k2");
        QTest::newRow("none") << QByteArray() << QByteArray() << QString();
    }
    void keyFromHeaders()
    {
        QFETCH(QByteArray, xApiKey);
        QFETCH(QByteArray, authorization);
        QFETCH(QString, key);
        QCOMPARE(ApiAuth::apiKeyFromHeaders(xApiKey, authorization), key);
    }

    void adminRoutesNeedTheAdminToken()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        for (const QString &path :
             {QStringLiteral("/admin/plans"), QStringLiteral("/admin/vendors"),
              QStringLiteral("/admin/subscriptions")}) {
            HttpReply r = s.client().get(path);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("admin_token_required"));
            r = s.client().get(path, {{"x-admin-token", "not-the-token"}});
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_admin_token"));
            // A vendor key is not an admin token.
            r = s.vendorClient(v.apiKey).get(path);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("admin_token_required"));
            r = s.adminClient().get(path);
            QCOMPARE(r.status, 200);
        }
        const HttpReply r = s.client().post(QStringLiteral("/admin/plans"), QJsonObject{});
        QCOMPARE(r.status, 401);
    }

    // Wrong admin tokens are counted per address (login_max_failures within
    // login_window_seconds); then the address gets 429 on admin routes, even with the token.
    void wrongAdminTokensAreThrottled()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        for (int i = 0; i < 5; ++i) {
            const HttpReply r =
                s.client().get(QStringLiteral("/admin/plans"),
                               {{"x-admin-token", "guess-" + QByteArray::number(i)}});
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_admin_token"));
        }
        HttpReply r = s.adminClient().get(QStringLiteral("/admin/plans"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
        const int retryAfter = r.header("retry-after").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 900, r.header("retry-after").constData());
        // Another client keeps its admin access; vendor and public routes stay open.
        QCOMPARE(adminGetFrom(QHostAddress(QStringLiteral("127.0.0.2")), s.port(),
                              QStringLiteral("/admin/plans")),
                 200);
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
        // A missing token is no guess and is not counted (checked on a fresh server below).
        Clock::setOffsetForTesting(15 * 60 * 1000 + 1000);
        QCOMPARE(s.adminClient().get(QStringLiteral("/admin/plans")).status, 200);
        Clock::setOffsetForTesting(0);

        TestApiServer fresh;
        QVERIFY(fresh.isValid());
        for (int i = 0; i < 10; ++i)
            QCOMPARE(fresh.client().get(QStringLiteral("/admin/plans")).status, 401);
        QCOMPARE(fresh.adminClient().get(QStringLiteral("/admin/plans")).status, 200);
    }

    void publicRoutesNeedNothing()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
        QCOMPARE(s.client().get(QStringLiteral("/ready")).status, 200);
        QCOMPARE(s.client().get(QStringLiteral("/openapi.json")).status, 200);
    }

    void unknownPathIs404EvenWithoutAKey()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/vendors/nothing-here"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
