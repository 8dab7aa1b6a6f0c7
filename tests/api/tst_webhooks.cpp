// /webhooks (issue #15, api.md "Webhooks") against the real server on loopback: the endpoint
// routes, a clear 4xx for every bad input, and POST /webhooks/:id/test delivered to a real
// receiver on another loopback port whose signature is checked here with our own HMAC (not the
// signing code under test), then the delivery log, replay and the secret rotation overlap.

#include "HeadlessAppFixture.h"
#include "RoutesFixture.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "platform/Settings.h"
#include "webhooks/WebhookDispatcher.h"

#include <QMessageAuthenticationCode>
#include <QTcpServer>
#include <QTcpSocket>
#include <memory>

namespace {

// A webhook receiver: a real HTTP/1.1 server on 127.0.0.1 that records every request (head
// fields lower-cased, the exact body bytes) and answers 200.
class Receiver : public QObject
{
public:
    struct Request
    {
        QByteArray method, path, body;
        QHash<QByteArray, QByteArray> headers;
    };

    Receiver()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                serve(s);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    QList<Request> requests;

private:
    void serve(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer]() {
            buffer->append(socket->readAll());
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                Request r;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                r.method = first.value(0);
                r.path = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines.at(i).indexOf(':');
                    if (colon > 0)
                        r.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                         lines.at(i).mid(colon + 1).trimmed());
                }
                const qsizetype length = r.headers.value("content-length").toLongLong();
                if (buffer->size() < end + 4 + length)
                    return;
                r.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                requests.append(r);
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                              "Content-Length: 2\r\n\r\nok");
            }
        });
    }

    QTcpServer m_server;
};

// Standard Webhooks, written out here independently of the code under test: the signature is
// base64(HMAC-SHA256(key = base64-decoded part after "whsec_", "id.timestamp.body")).
QByteArray expectedSignature(const QString &secret, const Receiver::Request &r)
{
    const QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    const QByteArray content =
        r.headers.value("webhook-id") + '.' + r.headers.value("webhook-timestamp") + '.' + r.body;
    return "v1," +
           QMessageAuthenticationCode::hash(content, key, QCryptographicHash::Sha256).toBase64();
}

bool signedWith(const QString &secret, const Receiver::Request &r)
{
    const QList<QByteArray> signatures = r.headers.value("webhook-signature").split(' ');
    return signatures.contains(expectedSignature(secret, r));
}

} // namespace

// A 400 with its own code (invalid_url, url_not_allowed, unknown_event) naming the field.
#define EXPECT_CODE(reply, code, field)                                                            \
    do {                                                                                           \
        const HttpReply &r__ = (reply);                                                            \
        if (r__.status != 400 || r__.errorCode() != QLatin1String(code) ||                         \
            r__.errorField() != QLatin1String(field) || !hasErrorShape(r__))                       \
            QFAIL(                                                                                 \
                qPrintable(QStringLiteral("expected 400 %1 on %2, got: %3")                        \
                               .arg(QLatin1String(code), QLatin1String(field), r__.describe())));  \
    } while (false)

class TestWebhooks : public QObject
{
    Q_OBJECT

    static QJsonObject endpoint(const QString &url, const QJsonArray &events = {"*"})
    {
        return QJsonObject{{"url", url}, {"events", events}};
    }

private Q_SLOTS:
    void createListGetPatchDelete()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.core().settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), true);
        const Tenant a = makeTenant(s);

        HttpReply r =
            a.http.post("/webhooks", QJsonObject{{"url", "https://example.com/hook"},
                                                 {"events", QJsonArray{"message_status", "qr"}},
                                                 {"app_user_id", a.userId},
                                                 {"description", "  CRM  "}});
        EXPECT_STATUS(r, 201);
        const QString secret = r.value("secret").toString();
        QVERIFY2(secret.startsWith(QLatin1String("whsec_")), qPrintable(secret));
        QVERIFY(QByteArray::fromBase64(secret.mid(6).toLatin1()).size() >= 24);
        QJsonObject hook = r.value("webhook").toObject();
        const qint64 id = idOf(hook);
        QVERIFY(id > 0);
        QCOMPARE(hook.value("url").toString(), QStringLiteral("https://example.com/hook"));
        QCOMPARE(hook.value("events").toArray(), (QJsonArray{"message_status", "qr"}));
        QCOMPARE(hook.value("app_user_id").toInteger(), a.userId);
        QCOMPARE(hook.value("description").toString(), QStringLiteral("CRM"));
        QCOMPARE(hook.value("enabled").toBool(), true);
        QVERIFY(hook.value("disabled_reason").isNull());
        QVERIFY(!hook.contains("secret"));

        // The secret is shown once: never by the reads.
        const QString path = "/webhooks/" + QString::number(id);
        r = a.http.get("/webhooks");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("webhooks").toArray().size(), 1);
        QCOMPARE(r.value("webhooks").toArray().at(0).toObject(), hook);
        QVERIFY(!r.body.contains(secret.toUtf8()));
        r = a.http.get(path);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("webhook").toObject(), hook);
        QVERIFY(!r.body.contains(secret.toUtf8()));

        // PATCH changes only what is sent; app_user_id null widens to every user; description
        // "" clears it; enabled false stops it.
        r = a.http.patch(path, QJsonObject{{"events", QJsonArray{"*"}},
                                           {"app_user_id", QJsonValue::Null},
                                           {"description", ""},
                                           {"enabled", false}});
        EXPECT_STATUS(r, 200);
        hook = r.value("webhook").toObject();
        QCOMPARE(hook.value("url").toString(), QStringLiteral("https://example.com/hook"));
        QCOMPARE(hook.value("events").toArray(), (QJsonArray{"*"}));
        QVERIFY(hook.value("app_user_id").isNull());
        QVERIFY(hook.value("description").isNull());
        QCOMPARE(hook.value("enabled").toBool(), false);
        r = a.http.patch(path, QJsonObject{{"url", "http://127.0.0.1:9/x"}, {"enabled", true}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("webhook").toObject().value("url").toString(),
                 QStringLiteral("http://127.0.0.1:9/x"));
        QCOMPARE(r.value("webhook").toObject().value("enabled").toBool(), true);
        QCOMPARE(a.http.get(path).value("webhook").toObject(), r.value("webhook").toObject());

        r = a.http.del(path);
        EXPECT_STATUS(r, 204);
        QVERIFY(r.body.isEmpty());
        EXPECT_ERROR(a.http.get(path), 404, "not_found");
        EXPECT_ERROR(a.http.del(path), 404, "not_found");
        QCOMPARE(a.http.get("/webhooks").value("webhooks").toArray().size(), 0);
    }

    void badInputIsAClearError()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const Tenant a = makeTenant(s);
        const Tenant b = makeTenant(s);
        const QString ok = QStringLiteral("https://example.com/hook");

        // url
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", QJsonObject{{"events", QJsonArray{"*"}}}),
                           "url");
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", endpoint("")), "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("not a url")), "invalid_url", "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("ftp://example.com/x")), "invalid_url",
                    "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("https://")), "invalid_url", "url");
        EXPECT_FIELD_ERROR(
            a.http.post("/webhooks", QJsonObject{{"url", 5}, {"events", QJsonArray{"*"}}}), "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("https://example.com/" + QString(2100, 'a'))),
                    "invalid_url", "url");
        // The address policy: metadata and link-local always, loopback and private by setting.
        EXPECT_CODE(a.http.post("/webhooks", endpoint("http://169.254.169.254/latest")),
                    "url_not_allowed", "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("http://metadata.google.internal/")),
                    "url_not_allowed", "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("http://127.0.0.1:8080/hook")),
                    "url_not_allowed", "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("http://192.168.1.10/hook")),
                    "url_not_allowed", "url");
        EXPECT_CODE(a.http.post("/webhooks", endpoint("http://localhost/hook")), "url_not_allowed",
                    "url");
        s.core().settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), true);
        EXPECT_STATUS(a.http.post("/webhooks", endpoint("http://127.0.0.1:8080/hook")), 201);
        EXPECT_CODE(a.http.post("/webhooks", endpoint("http://169.254.169.254/latest")),
                    "url_not_allowed", "url");

        // events
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", QJsonObject{{"url", ok}}), "events");
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", endpoint(ok, {})), "events");
        EXPECT_CODE(a.http.post("/webhooks", endpoint(ok, {"message_sent"})), "unknown_event",
                    "events");
        EXPECT_CODE(a.http.post("/webhooks", endpoint(ok, {"qr", "nope"})), "unknown_event",
                    "events");
        EXPECT_CODE(a.http.post("/webhooks", endpoint(ok, {"webhook.test"})), "unknown_event",
                    "events");
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", endpoint(ok, {1})), "events");
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", QJsonObject{{"url", ok}, {"events", "qr"}}),
                           "events");

        // app_user_id, description, body
        QJsonObject o = endpoint(ok);
        o.insert("app_user_id", b.userId); // B's user: no user of A's
        EXPECT_ERROR(a.http.post("/webhooks", o), 404, "not_found");
        o.insert("app_user_id", "x");
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", o), "app_user_id");
        o = endpoint(ok);
        o.insert("description", QString(501, 'd'));
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", o), "description");
        EXPECT_FIELD_ERROR(a.http.post("/webhooks", QJsonArray{}), "body");
        EXPECT_ERROR(a.http.request("POST", "/webhooks", "{nope"), 400, "invalid_json");

        // PATCH
        HttpReply r = a.http.post("/webhooks", endpoint(ok));
        EXPECT_STATUS(r, 201);
        const QString path = "/webhooks/" + QString::number(idOf(r.value("webhook")));
        EXPECT_FIELD_ERROR(a.http.patch(path, QJsonObject{{"url", QJsonValue::Null}}), "url");
        EXPECT_CODE(a.http.patch(path, QJsonObject{{"url", "gopher://x"}}), "invalid_url", "url");
        EXPECT_CODE(a.http.patch(path, QJsonObject{{"events", QJsonArray{"nope"}}}),
                    "unknown_event", "events");
        EXPECT_FIELD_ERROR(a.http.patch(path, QJsonObject{{"enabled", "yes"}}), "enabled");
        EXPECT_ERROR(a.http.patch(path, QJsonObject{{"app_user_id", b.userId}}), 404, "not_found");
        QCOMPARE(a.http.get(path).value("webhook").toObject().value("url").toString(), ok);

        // Ids and the delivery log's parameters.
        EXPECT_ERROR(a.http.get("/webhooks/abc"), 404, "not_found");
        EXPECT_ERROR(a.http.get("/webhooks/0"), 404, "not_found");
        EXPECT_ERROR(a.http.get("/webhooks/999999"), 404, "not_found");
        EXPECT_ERROR(a.http.post("/webhooks/999999/test"), 404, "not_found");
        EXPECT_ERROR(a.http.post("/webhooks/999999/rotate-secret"), 404, "not_found");
        EXPECT_ERROR(a.http.get("/webhooks/999999/deliveries"), 404, "not_found");
        EXPECT_ERROR(a.http.post(path + "/deliveries/999999/replay"), 404, "not_found");
        EXPECT_ERROR(a.http.post(path + "/deliveries/x/replay"), 404, "not_found");
        EXPECT_FIELD_ERROR(a.http.get(path + "/deliveries?status=done"), "status");
        EXPECT_FIELD_ERROR(a.http.get(path + "/deliveries?since=yesterday"), "since");
        EXPECT_FIELD_ERROR(a.http.get(path + "/deliveries?limit=0"), "limit");
        EXPECT_FIELD_ERROR(a.http.get(path + "/deliveries?limit=1001"), "limit");
        EXPECT_STATUS(
            a.http.get(path + "/deliveries?status=failed&since=2026-01-01T00:00:00Z&limit=5"), 200);

        // At most 10 per vendor: A has 2; the 11th is a conflict, B is not affected.
        for (int i = 2; i < 10; ++i)
            EXPECT_STATUS(a.http.post("/webhooks", endpoint(ok)), 201);
        EXPECT_ERROR(a.http.post("/webhooks", endpoint(ok)), 409, "webhook_limit");
        QCOMPARE(a.http.get("/webhooks").value("webhooks").toArray().size(), 10);
        EXPECT_STATUS(b.http.post("/webhooks", endpoint(ok)), 201);
    }

    // POST /test reaches a real receiver, signed with the secret POST /webhooks showed; the
    // log shows it; a replay is the same event again; after a rotation both secrets sign.
    void testEventIsSignedDeliveredLoggedAndReplayable()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.core().settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), true);
        WebhookDispatcher dispatcher(s.core());
        s.server().addMetricsSource([&dispatcher] { return dispatcher.metricsText(); });
        dispatcher.start();
        Receiver receiver;
        QVERIFY(receiver.listen());
        const Tenant a = makeTenant(s);

        HttpReply r = a.http.post("/webhooks", endpoint(receiver.url("/hook"), {"message_status"}));
        EXPECT_STATUS(r, 201);
        const QString secret = r.value("secret").toString();
        const QString path = "/webhooks/" + QString::number(idOf(r.value("webhook")));

        r = a.http.post(path + "/test");
        EXPECT_STATUS(r, 202);
        const QString eventId = r.value("event_id").toString();
        const qint64 deliveryId = r.value("delivery_id").toInteger();
        QVERIFY2(eventId.startsWith(QLatin1String("msg_")), qPrintable(eventId));
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 1, 15000);
        const Receiver::Request got = receiver.requests.at(0);
        QCOMPARE(got.method, QByteArray("POST"));
        QCOMPARE(got.path, QByteArray("/hook"));
        QCOMPARE(got.headers.value("webhook-id"), eventId.toUtf8());
        QVERIFY(got.headers.value("content-type").startsWith("application/json"));
        QVERIFY2(signedWith(secret, got), got.headers.value("webhook-signature").constData());
        const QJsonObject body = QJsonDocument::fromJson(got.body).object();
        QCOMPARE(body.value("type").toString(), QStringLiteral("webhook.test"));
        QVERIFY(body.contains("timestamp") && body.value("data").isObject());

        // The log: succeeded, with the receiver's code.
        QJsonObject d;
        QTRY_VERIFY_WITH_TIMEOUT(
            (d = a.http.get(path + "/deliveries").value("deliveries").toArray().at(0).toObject())
                    .value("status")
                    .toString() == QLatin1String("succeeded"),
            15000);
        QCOMPARE(d.value("id").toInteger(), deliveryId);
        QCOMPARE(d.value("event_id").toString(), eventId);
        QCOMPARE(d.value("event_type").toString(), QStringLiteral("webhook.test"));
        QCOMPARE(d.value("last_status_code").toInt(), 200);
        QCOMPARE(d.value("attempts").toInt(), 1);
        QCOMPARE(
            a.http.get(path + "/deliveries?status=pending").value("deliveries").toArray().size(),
            0);
        QCOMPARE(
            a.http.get(path + "/deliveries?status=succeeded").value("deliveries").toArray().size(),
            1);
        // /metrics carries the deliverer's families (registered as the app does).
        r = s.client().get("/metrics");
        EXPECT_STATUS(r, 200);
        QVERIFY2(r.body.contains("\nwamator_webhook_deliveries_total{outcome=\"succeeded\"} 1\n"),
                 r.body.constData());
        QVERIFY(r.body.contains("\nwamator_webhook_queue_depth 0\n"));
        QVERIFY(r.body.contains("\nwamator_webhook_delivery_latency_seconds_count 1\n"));
        QVERIFY(r.body.contains("\nwamator_outbox_queue_depth ")); // the API's own still there

        // Replay: a new delivery of the same event, same id and body.
        r = a.http.post(path + "/deliveries/" + QString::number(deliveryId) + "/replay");
        EXPECT_STATUS(r, 202);
        QCOMPARE(r.value("event_id").toString(), eventId);
        QVERIFY(r.value("delivery_id").toInteger() > deliveryId);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 2, 15000);
        QCOMPARE(receiver.requests.at(1).headers.value("webhook-id"), eventId.toUtf8());
        QCOMPARE(receiver.requests.at(1).body, got.body);
        QVERIFY(signedWith(secret, receiver.requests.at(1)));

        // Rotation: a new secret, shown once; the old one keeps signing alongside.
        r = a.http.post(path + "/rotate-secret");
        EXPECT_STATUS(r, 200);
        const QString rotated = r.value("secret").toString();
        QVERIFY(rotated.startsWith(QLatin1String("whsec_")) && rotated != secret);
        QVERIFY(r.value("previous_secret_expires_at").isString());
        QVERIFY(!a.http.get(path).body.contains(rotated.toUtf8()));
        EXPECT_STATUS(a.http.post(path + "/test"), 202);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests.size(), 3, 15000);
        const Receiver::Request third = receiver.requests.at(2);
        QVERIFY2(signedWith(rotated, third), third.headers.value("webhook-signature").constData());
        QVERIFY2(signedWith(secret, third), third.headers.value("webhook-signature").constData());
        QCOMPARE(third.headers.value("webhook-signature").split(' ').size(), 2);
        QVERIFY(!signedWith(QStringLiteral("whsec_") + QByteArray(32, 'k').toBase64(), third));

        // A deleted endpoint's log is gone with it.
        EXPECT_STATUS(a.http.del(path), 204);
        EXPECT_ERROR(a.http.get(path + "/deliveries"), 404, "not_found");
        dispatcher.stop();
    }

    // The app wires its deliverer into /metrics (main.cpp), not only the test server above.
    void appMetricsCarryTheDeliverer()
    {
        HeadlessApp app(QStringLiteral(WAMATOR_BINARY), headless::kAdminToken);
        QVERIFY2(app.start(), qPrintable(app.log()));
        const headless::Answer r = headless::send(app.port(), headless::request("GET", "/metrics"));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("\nwamator_webhook_queue_depth 0\n"), r.body.constData());
        QVERIFY(r.body.contains("\nwamator_webhook_deliveries_total{outcome=\"succeeded\"} 0\n"));
        app.stop();
    }
};

QTEST_GUILESS_MAIN(TestWebhooks)
#include "tst_webhooks.moc"
