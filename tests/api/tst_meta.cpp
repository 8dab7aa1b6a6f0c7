#include "ApiServer.h"
#include "CoreServices.h"
#include "TestApiServer.h"
#include "platform/Settings.h"

#include <QNetworkInterface>
#include <QTest>
#include <QtWebEngineCore/qtwebenginecoreglobal.h>

class TestMeta : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void health()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.value(QStringLiteral("version")).toString(), QStringLiteral(WAMATOR_VERSION));
        // The running engine's Chromium, as QtWebEngine itself reports it.
        QCOMPARE(r.value(QStringLiteral("chromium")).toString(),
                 QString::fromLatin1(qWebEngineChromiumVersion()));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        // Security headers on every answer.
        QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
        QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
        QCOMPARE(r.header("x-frame-options"), QByteArray("DENY"));
    }

    void ready()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/ready"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("ready"));
    }

    void openapiIsServed()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/openapi.json"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.isObject());
        QVERIFY(r.value(QStringLiteral("openapi")).toString().startsWith(QLatin1String("3.")));
        QVERIFY(!r.value(QStringLiteral("paths")).toObject().isEmpty());
    }

    void unknownRouteIs404InErrorShape()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/no/such/thing"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
        QCOMPARE(r.object().keys(), QStringList{QStringLiteral("error")});
        QVERIFY(!r.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
    }

    void metricsFromLoopback()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
        QCOMPARE(s.client().get(QStringLiteral("/nope")).status, 404);
        const HttpReply r = s.client().get(QStringLiteral("/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/plain"));
        const QString text = QString::fromUtf8(r.body);
        QVERIFY2(text.contains(QLatin1String("# TYPE wamator_http_requests_total counter")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("wamator_http_requests_total{code=\"2xx\"} ")));
        QVERIFY(!text.contains(QLatin1String("wamator_http_requests_total{code=\"4xx\"} 0\n")));
        QVERIFY(text.contains(QLatin1String("wamator_http_open_connections ")));
        QVERIFY(text.contains(QLatin1String("wamator_outbox_queue_depth 0")));
        QVERIFY(text.contains(QLatin1String("wamator_sessions{state=\"ready\"} 0")));
        QVERIFY(text.contains(QLatin1String("wamator_websocket_clients 0")));
    }

    void metricsFromAnotherAddressNeedsTheAdminToken()
    {
        QHostAddress external;
        for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback()) {
                external = a;
                break;
            }
        }
        if (external.isNull())
            QSKIP("no non-loopback IPv4 address on this machine");
        TestApiServer s(TestApiServer::Options{false, true});
        QVERIFY(s.isValid());
        QVERIFY(s.server().listen(external, 0));
        HttpClient c(s.server().serverPort(), external.toString());
        HttpReply r = c.get(QStringLiteral("/metrics"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("admin_token_required"));
        r = c.get(QStringLiteral("/metrics"), {{"x-admin-token", "wrong"}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_admin_token"));
        c.setAdminToken(QString::fromLatin1(TestApiServer::AdminToken));
        QCOMPARE(c.get(QStringLiteral("/metrics")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestMeta)
#include "tst_meta.moc"
