// Issue #14 with simulator pages: POST /sandbox/:userId/:phoneNumber/incoming makes a simulated
// customer write; the page reports it, InboundListener records it, and the API (list, media
// downloaded through the page then from the cache, read receipt) and a real WebSocket client
// (message_received, contact_opted_out) show exactly that.

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "InboundListener.h"
#include "LocalHttpServer.h"
#include "SessionManager.h"
#include "WhatsAppControllers.h"
#include "platform/Settings.h"

#include <QWebSocket>

class TestInboundSandbox : public QObject
{
    Q_OBJECT

    struct Env
    {
        TestApiServer server;
        std::unique_ptr<SessionManager> sessions;
        std::unique_ptr<InboundListener> listener;
        Env()
        {
            sessions = std::make_unique<SessionManager>(server.core());
            listener = std::make_unique<InboundListener>(server.core(), *sessions);
            addWhatsAppControllers(server.server(), server.core(), *sessions);
        }
        ~Env()
        {
            listener.reset();
            sessions.reset();
        }
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

    static QString stateOf(const Tenant &t, const QString &phone)
    {
        return t.http.get(QStringLiteral("/connect/%1/%2").arg(t.userId).arg(phone))
            .value("state")
            .toString();
    }

private Q_SLOTS:
    void customersWriteToASandboxNumber()
    {
        Env env;
        QVERIFY(env.server.isValid());
        env.server.core().settings().setValue(QStringLiteral("allow_private_media_urls"), true);
        LocalHttpServer files;
        QVERIFY(files.listen());
        const QByteArray png = LocalHttpServer::pngBytes();
        files.route(QStringLiteral("/photo.png"), {200, "image/png", png});
        files.route(QStringLiteral("/gone.png"), {404, "text/plain", "no"});
        files.route(QStringLiteral("/page.html"), {200, "text/html", "<html></html>"});

        Tenant t = makeTenant(env.server);
        HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                  QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}});
        EXPECT_STATUS(r, 201);
        const QString phone = r.value("number").toObject().value("phone_number").toString();
        const QList<qint64> contacts = addContacts(
            t, QJsonArray{contact("Ada", "08031111111"), contact("Bola", "08032222222")});
        const QString incoming = QStringLiteral("/sandbox/%1/%2/incoming").arg(t.userId).arg(phone);
        const QString list = QStringLiteral("/messages/inbound/%1").arg(t.userId);

        // Not connected yet.
        EXPECT_ERROR(t.http.post(incoming, QJsonObject{{"from", "08031111111"}, {"body", "hi"}}),
                     409, "not_connected");

        Events events;
        QVERIFY(events.open(env.server.port(), t.vendor.apiKey));
        EXPECT_STATUS(t.http.post(QStringLiteral("/connect/%1/%2").arg(t.userId).arg(phone)), 202);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, phone), QStringLiteral("qr_pending"), 60000);
        EXPECT_STATUS(t.http.post(QStringLiteral("/sandbox/%1/%2/scan").arg(t.userId).arg(phone)),
                      200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, phone), QStringLiteral("ready"), 60000);

        // Bad requests name what is wrong, before anything is sent.
        EXPECT_FIELD_ERROR(t.http.post(incoming, QJsonObject{{"body", "hi"}}), "from");
        EXPECT_FIELD_ERROR(t.http.post(incoming, QJsonObject{{"from", "12"}, {"body", "hi"}}),
                           "from");
        EXPECT_FIELD_ERROR(t.http.post(incoming, QJsonObject{{"from", "08031111111"}}), "body");
        EXPECT_FIELD_ERROR(t.http.post(incoming, QJsonObject{{"from", phone}, {"body", "hi"}}),
                           "from"); // the number itself
        EXPECT_FIELD_ERROR(
            t.http.post(incoming, QJsonObject{{"from", "08031111111"}, {"type", "gif"}}), "type");
        EXPECT_FIELD_ERROR(
            t.http.post(incoming, QJsonObject{{"from", "08031111111"}, {"type", "image"}}),
            "file_url");
        EXPECT_FIELD_ERROR(
            t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                              {"type", "image"},
                                              {"file_url", "ftp://example.com/a.png"}}),
            "file_url");
        EXPECT_FIELD_ERROR(
            t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                              {"body", "hi"},
                                              {"type", "text"},
                                              {"file_url", files.url("/photo.png")}}),
            "file_url"); // a text message has none
        EXPECT_FIELD_ERROR(
            t.http.post(incoming,
                        QJsonObject{{"from", "08031111111"}, {"body", "hi"}, {"as_lid", "yes"}}),
            "as_lid");
        EXPECT_FIELD_ERROR(t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                                             {"body", "hi"},
                                                             {"quoted_message_id", "not an id!"}}),
                           "quoted_message_id");
        EXPECT_ERROR(t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                                       {"body", "hi"},
                                                       {"quoted_message_id", 999999}}),
                     404, "not_found");
        r = t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                              {"type", "image"},
                                              {"file_url", files.url("/gone.png")}});
        EXPECT_ERROR(r, 422, "media_unreachable");
        QCOMPARE(r.errorField(), QStringLiteral("file_url"));
        EXPECT_ERROR(t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                                       {"file_url", files.url("/page.html")}}),
                     422, "media_unsupported");
        QCOMPARE(t.http.get(list).value("total").toInt(), 0);

        // A text.
        r = t.http.post(incoming,
                        QJsonObject{{"from", "0803 111 1111"}, {"body", "Is my order ready?"}});
        EXPECT_STATUS(r, 202);
        QCOMPARE(r.value("status").toString(), QStringLiteral("sent"));
        QCOMPARE(r.value("from").toString(), QStringLiteral("2348031111111"));
        const QString textWaId = r.value("wa_message_id").toString();
        QVERIFY(!textWaId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(t.http.get(list).value("total").toInt(), 1, 15000);
        const QJsonObject text = t.http.get(list).value("messages").toArray().at(0).toObject();
        QCOMPARE(text.value("type").toString(), QStringLiteral("text"));
        QCOMPARE(text.value("body").toString(), QStringLiteral("Is my order ready?"));
        QCOMPARE(text.value("from").toString(), QStringLiteral("2348031111111"));
        QCOMPARE(text.value("contact_id").toInteger(), contacts.at(0));
        QCOMPARE(text.value("wa_message_id").toString(), textWaId);
        QTRY_COMPARE_WITH_TIMEOUT(events.of("message_received").size(), 1, 10000);
        QJsonObject frame = events.of("message_received").at(0);
        QCOMPARE(frame.value("id").toInteger(), idOf(text));
        QCOMPARE(frame.value("user_id").toInteger(), t.userId);
        QCOMPARE(frame.value("body").toString(), QStringLiteral("Is my order ready?"));

        // An image with a caption, quoting the text: its bytes come through the page, once.
        r = t.http.post(incoming, QJsonObject{{"from", "08031111111"},
                                              {"file_url", files.url("/photo.png")},
                                              {"body", "this one"},
                                              {"quoted_message_id", textWaId}});
        EXPECT_STATUS(r, 202);
        QTRY_COMPARE_WITH_TIMEOUT(t.http.get(list).value("total").toInt(), 2, 15000);
        const QJsonObject image = t.http.get(list).value("messages").toArray().at(0).toObject();
        QCOMPARE(image.value("type").toString(), QStringLiteral("image"));
        QCOMPARE(image.value("caption").toString(), QStringLiteral("this one"));
        QCOMPARE(image.value("mimetype").toString(), QStringLiteral("image/png"));
        QCOMPARE(image.value("quoted_wa_message_id").toString(), textWaId);
        QVERIFY(image.value("quoted_message_id").isNull()); // the customer's own message
        const QString mediaPath = QStringLiteral("/messages/inbound/%1/media").arg(idOf(image));
        r = t.http.get(mediaPath);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.body, png);
        QCOMPARE(r.header("content-type"), QByteArray("image/png"));
        QVERIFY2(r.header("content-disposition").startsWith("attachment; filename="),
                 r.header("content-disposition").constData());
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/inbound/%1/media").arg(idOf(text))), 404,
                     "not_found");

        // The read receipt: on demand only.
        r = t.http.post(QStringLiteral("/messages/inbound/%1/read").arg(idOf(image)));
        EXPECT_STATUS(r, 200);
        QVERIFY(r.value("read_at").isString());
        QCOMPARE(idOf(r.value("message")), idOf(image));

        // STOP from a @lid sender whose phone the page resolves: recorded with both, opted out.
        r = t.http.post(incoming,
                        QJsonObject{{"from", "08032222222"}, {"body", " stop "}, {"as_lid", true}});
        EXPECT_STATUS(r, 202);
        QTRY_COMPARE_WITH_TIMEOUT(t.http.get(list).value("total").toInt(), 3, 15000);
        const QJsonObject stop = t.http.get(list).value("messages").toArray().at(0).toObject();
        QVERIFY2(stop.value("from_lid").toString().endsWith(QLatin1String("@lid")),
                 QJsonDocument(stop).toJson().constData());
        QCOMPARE(stop.value("from").toString(), QStringLiteral("2348032222222"));
        QCOMPARE(stop.value("contact_id").toInteger(), contacts.at(1));
        QTRY_COMPARE_WITH_TIMEOUT(events.of("contact_opted_out").size(), 1, 10000);
        frame = events.of("contact_opted_out").at(0);
        QCOMPARE(frame.value("contact_id").toInteger(), contacts.at(1));
        QCOMPARE(frame.value("source").toString(), QStringLiteral("keyword"));
        r = t.http.get(
            QStringLiteral("/contacts/%1/%2/opt-outs").arg(t.userId).arg(contacts.at(1)));
        QCOMPARE(
            r.value("history").toArray().at(0).toObject().value("received_message_id").toInteger(),
            idOf(stop));
        QCOMPARE(events.of("message_received").size(), 3);

        // Disconnected: the cached media is still answered, the uncached and the receipt are not.
        env.sessions->disconnectNumber(t.vendor.id, image.value("number_id").toInteger());
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(t, phone) != QLatin1String("ready"), 30000);
        r = t.http.get(mediaPath);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.body, png);
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages/inbound/%1/read").arg(idOf(text))), 409,
                     "not_connected");
        EXPECT_ERROR(t.http.post(incoming, QJsonObject{{"from", "08031111111"}, {"body", "hi"}}),
                     409, "not_connected");
    }

    void realNumbersAre404()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server);
        HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                  QJsonObject{{"phone_number", "08030000002"}});
        EXPECT_STATUS(r, 201);
        EXPECT_ERROR(t.http.post(QStringLiteral("/sandbox/%1/08030000002/incoming").arg(t.userId),
                                 QJsonObject{{"from", "08031111111"}, {"body", "hi"}}),
                     404, "not_found");
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestInboundSandbox)
#include "tst_inbound_sandbox.moc"
