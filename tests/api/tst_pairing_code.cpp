// Issue #16, "Link a number without a camera", end to end over the real HTTP server with
// simulator pages through the production adapter and a real WebSocket client: POST /connect
// with {"method": "code"} answers the code (also a pairing_code event and GET /connect), the
// sandbox route plays the phone typing it (wrong → 422 and still unlinked, replaced → 422
// expired_code, right → linked), refresh and cancel, and the refusals.

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "SessionManager.h"
#include "WhatsAppControllers.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

#include <QElapsedTimer>
#include <QWebSocket>

class TestPairingCodeApi : public QObject
{
    Q_OBJECT

    struct Env
    {
        TestApiServer server;
        std::unique_ptr<SessionManager> sessions;
        Env()
        {
            sessions = std::make_unique<SessionManager>(server.core());
            addWhatsAppControllers(server.server(), server.core(), *sessions);
        }
        ~Env() { sessions.reset(); }
    };

    // A vendor's /events socket collecting every frame.
    struct Events
    {
        QWebSocket socket;
        QList<QJsonObject> frames;
        bool open(quint16 port, const QString &key)
        {
            QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                             [this](const QString &text) {
                                 frames << QJsonDocument::fromJson(text.toUtf8()).object();
                             });
            QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(port)));
            req.setRawHeader("x-api-key", key.toLatin1());
            socket.open(req);
            return QTest::qWaitFor(
                [this] { return socket.state() == QAbstractSocket::ConnectedState; }, 15000);
        }
        QList<QJsonObject> of(const QString &event) const
        {
            QList<QJsonObject> out;
            for (const QJsonObject &f : frames)
                if (f.value("event").toString() == event)
                    out << f;
            return out;
        }
    };

    static QString connectPath(const Tenant &t, const QString &phone, const QString &tail = {})
    {
        return QStringLiteral("/connect/%1/%2").arg(t.userId).arg(phone) + tail;
    }
    static QString enterCodePath(const Tenant &t, const QString &phone)
    {
        return QStringLiteral("/sandbox/%1/%2/enter-code").arg(t.userId).arg(phone);
    }
    static QString stateOf(const Tenant &t, const QString &phone)
    {
        return t.http.get(connectPath(t, phone)).value("state").toString();
    }
    static QJsonObject codeBody() { return QJsonObject{{"method", "code"}}; }
    static QString otherCode(const QString &code)
    {
        QString other = code;
        other[0] = code.at(0) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        return other;
    }

private Q_SLOTS:
    void requestEnterAndLink()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server, 2);
        QVERIFY(t.http
                    .post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                          QJsonObject{{"phone_number", "08031234567"}, {"sandbox", true}})
                    .status == 201);
        Events ws;
        QVERIFY(ws.open(env.server.port(), t.vendor.apiKey));

        // Not started yet: the answer waits for the page and its code.
        QElapsedTimer clock;
        clock.start();
        HttpReply r = t.http.post(connectPath(t, "08031234567"), codeBody());
        EXPECT_STATUS(r, 200);
        qInfo("measured: POST /connect {method: code} from a stopped number answered in %lld ms",
              clock.elapsed());
        QCOMPARE(r.object().keys(), (QStringList{"code", "expires_at", "session_id", "status"}));
        QCOMPARE(r.value("status").toString(), QStringLiteral("code"));
        const QString code = r.value("code").toString();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^[1-9A-HJ-NP-TV-Z]{8}$")).match(code).hasMatch(),
            qPrintable(code));
        const QString expiresAt = r.value("expires_at").toString();
        const qint64 expiresMs = Clock::fromIso(expiresAt);
        QVERIFY(expiresMs > Clock::nowMs() + 170000 && expiresMs <= Clock::nowMs() + 180000);

        // The same code on the WebSocket and on GET /connect, no QR meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(!ws.of("pairing_code").isEmpty(), 10000);
        const QJsonObject event = ws.of("pairing_code").last();
        QCOMPARE(event.keys(), (QStringList{"code", "event", "expires_at", "number_id",
                                            "phone_number", "user_id"}));
        QCOMPARE(event.value("code").toString(), code);
        QCOMPARE(event.value("expires_at").toString(), expiresAt);
        QCOMPARE(event.value("phone_number").toString(), QStringLiteral("2348031234567"));
        QCOMPARE(event.value("user_id").toInteger(), t.userId);
        r = t.http.get(connectPath(t, "08031234567"));
        QCOMPARE(r.value("state").toString(), QStringLiteral("qr_pending"));
        QCOMPARE(r.value("pairing_code").toString(), code);
        QCOMPARE(r.value("pairing_code_expires_at").toString(), expiresAt);
        QVERIFY(r.value("qr").isNull());

        // Bad bodies: 400, nothing typed.
        EXPECT_FIELD_ERROR(t.http.post(enterCodePath(t, "08031234567"), QJsonObject{}), "code");
        EXPECT_FIELD_ERROR(
            t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", 12345678}}), "code");
        EXPECT_FIELD_ERROR(
            t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", "ABC"}}), "code");
        EXPECT_ERROR(t.http.request("POST", enterCodePath(t, "08031234567"), "{nope"), 400,
                     "invalid_json");

        // A wrong code: 422 and still unlinked.
        EXPECT_ERROR(
            t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", otherCode(code)}}),
            422, "wrong_code");
        QCOMPARE(stateOf(t, "08031234567"), QStringLiteral("qr_pending"));

        // Refresh: a new code; the old one is then expired.
        r = t.http.post(connectPath(t, "08031234567", "/code/refresh"));
        EXPECT_STATUS(r, 200);
        const QString fresh = r.value("code").toString();
        QVERIFY(fresh.size() == 8 && fresh != code);
        QTRY_COMPARE_WITH_TIMEOUT(ws.of("pairing_code").last().value("code").toString(), fresh,
                                  10000);
        EXPECT_ERROR(t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", code}}), 422,
                     "expired_code");
        QCOMPARE(stateOf(t, "08031234567"), QStringLiteral("qr_pending"));

        // The right one, as WhatsApp shows it: linked.
        r = t.http.post(enterCodePath(t, "08031234567"),
                        QJsonObject{{"code", QString(fresh.left(4) + "-" + fresh.mid(4))}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("status").toString(), QStringLiteral("paired"));
        clock.restart();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("ready"), 30000);
        qInfo("measured: enter-code → ready in %lld ms", clock.elapsed());
        r = t.http.get(connectPath(t, "08031234567"));
        QVERIFY(r.value("pairing_code").isNull());
        QVERIFY(r.value("pairing_code_expires_at").isNull());

        EXPECT_ERROR(t.http.post(connectPath(t, "08031234567"), codeBody()), 409,
                     "already_connected");
        EXPECT_ERROR(t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", fresh}}),
                     409, "already_connected");
        EXPECT_ERROR(t.http.post(connectPath(t, "08031234567", "/code/refresh")), 409,
                     "no_pairing_code");
    }

    // Cancel goes back to the QR (the QR flow then works as before).
    void cancelBackToQr()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server, 2);
        QVERIFY(t.http
                    .post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                          QJsonObject{{"phone_number", "08031234567"}, {"sandbox", true}})
                    .status == 201);
        EXPECT_ERROR(t.http.post(connectPath(t, "08031234567", "/code/cancel")), 409,
                     "no_pairing_code");
        HttpReply r = t.http.post(connectPath(t, "08031234567"), codeBody());
        EXPECT_STATUS(r, 200);
        const QString code = r.value("code").toString();
        r = t.http.post(connectPath(t, "08031234567", "/code/cancel"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("status").toString(), QStringLiteral("qr"));
        QTRY_VERIFY_WITH_TIMEOUT(t.http.get(connectPath(t, "08031234567")).value("qr").isString(),
                                 15000);
        QVERIFY(t.http.get(connectPath(t, "08031234567")).value("pairing_code").isNull());
        EXPECT_ERROR(t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", code}}), 422,
                     "wrong_code");
        EXPECT_STATUS(t.http.post(QStringLiteral("/sandbox/%1/08031234567/scan").arg(t.userId)),
                      200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("ready"), 30000);
    }

    void refusals()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server, 3);
        for (const auto &[phone, sandbox] :
             {std::pair{"08031234567", true}, std::pair{"14155550123", false}})
            QVERIFY(t.http
                        .post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                              QJsonObject{{"phone_number", phone}, {"sandbox", sandbox}})
                        .status == 201);

        EXPECT_FIELD_ERROR(
            t.http.post(connectPath(t, "08031234567"), QJsonObject{{"method", "sms"}}), "method");
        EXPECT_FIELD_ERROR(t.http.post(connectPath(t, "08031234567"), QJsonObject{{"method", 1}}),
                           "method");
        EXPECT_ERROR(t.http.request("POST", connectPath(t, "08031234567"), "[1"), 400,
                     "invalid_json");
        QVERIFY(env.sessions->sessions().isEmpty()); // nothing started for a bad body

        // Another vendor's number, a real number on the sandbox route: 404.
        Tenant other = makeTenant(env.server, 1);
        EXPECT_ERROR(other.http.post(connectPath(t, "08031234567"), codeBody()), 404, "not_found");
        EXPECT_ERROR(
            other.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", "ABCDEFGH"}}),
            404, "not_found");
        EXPECT_ERROR(other.http.post(connectPath(t, "08031234567", "/code/cancel")), 404,
                     "not_found");
        EXPECT_ERROR(
            t.http.post(enterCodePath(t, "+14155550123"), QJsonObject{{"code", "ABCDEFGH"}}), 404,
            "not_found");
        // A sandbox number without a page.
        EXPECT_ERROR(
            t.http.post(enterCodePath(t, "08031234567"), QJsonObject{{"code", "ABCDEFGH"}}), 409,
            "not_connected");
        // No subscription: as for the QR.
        const qint64 unsubscribed = env.server.createUser(t.vendor.apiKey);
        env.server.core().numbers().add(t.vendor.id, unsubscribed, QStringLiteral("2348031234560"),
                                        QString(), true);
        EXPECT_ERROR(
            t.http.post(QStringLiteral("/connect/%1/08031234560").arg(unsubscribed), codeBody()),
            403, "subscription_required");
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestPairingCodeApi)
#include "tst_pairing_code.moc"
