// /messages/inbound (issue #14) over the real HTTP server, on messages recorded through the
// core's one path (InboundRecorder), without pages: the list and its parameters, the media
// route's answers that need no page (no media, too large, not connected, from the cache), the
// read receipt without a session, and the contacts' opt-in and history routes.
// tst_inbound_sandbox drives the same routes with simulator pages.

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "InboundMediaCache.h"
#include "SessionManager.h"
#include "WhatsAppControllers.h"
#include "inbound/InboundRecorder.h"
#include "inbound/OptOutService.h"
#include "platform/Clock.h"

class TestInbound : public QObject
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

    static qint64 addNumber(const Tenant &t, const QString &phone)
    {
        const HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                        QJsonObject{{"phone_number", phone}, {"sandbox", true}});
        if (r.status != 201) {
            QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
            return 0;
        }
        return idOf(r.value("number"));
    }

    // A customer's message recorded as the listener records what a page reports.
    static InboundMessage received(const QString &phone, const QString &lid, const QString &type,
                                   const QString &body, qint64 atMs, const QString &waId)
    {
        InboundMessage m;
        m.fromPhone = phone;
        m.fromLid = lid;
        m.chatWid = (phone.isEmpty() ? lid : phone + QStringLiteral("@c.us"));
        m.type = type;
        m.body = body;
        m.waMessageId = waId;
        m.receivedAtMs = atMs;
        return m;
    }
    static qint64 record(Env &env, const Tenant &t, qint64 numberId, const InboundMessage &m)
    {
        const QList<InboundMessage> stored =
            env.server.core().inboundRecorder().recordNow(t.vendor.id, numberId, {m});
        return stored.size() == 1 ? stored.first().id : 0;
    }

    static QStringList idsOf(const HttpReply &r)
    {
        QStringList out;
        for (const QJsonValue &v : r.value("messages").toArray())
            out << QString::number(idOf(v));
        return out;
    }

private Q_SLOTS:
    void listShapeFiltersAndPages()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server);
        Tenant other = makeTenant(env.server);
        const qint64 numberId = addNumber(t, "08030000001");
        const QList<qint64> contacts = addContacts(
            t, QJsonArray{contact("Ada", "08031111111"), contact("Bola", "08032222222")});
        const QList<qint64> otherContacts =
            addContacts(other, QJsonArray{contact("X", "08031111111")});
        QCOMPARE(contacts.size(), 2);

        const qint64 t0 = (Clock::nowMs() / 1000 - 3600) * 1000; // whole seconds: ISO is exact
        const qint64 m1 =
            record(env, t, numberId, received("2348031111111", {}, "text", "hello", t0, "WA1"));
        InboundMessage image = received("2348032222222", {}, "image", {}, t0 + 1000, "WA2");
        image.caption = QStringLiteral("the receipt");
        image.mimetype = QStringLiteral("image/png");
        image.filename = QStringLiteral("receipt.png");
        const qint64 m2 = record(env, t, numberId, image);
        const qint64 m3 =
            record(env, t, numberId,
                   received("2348035555555", {}, "text", "who is this", t0 + 2000, "WA3"));
        const qint64 m4 =
            record(env, t, numberId,
                   received({}, "123456789012345@lid", "text", "from a lid", t0 + 3000, "WA4"));
        QVERIFY(m1 && m2 && m3 && m4);

        const QString base = QStringLiteral("/messages/inbound/%1").arg(t.userId);
        HttpReply r = t.http.get(base);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.object().keys(), (QStringList{"limit", "messages", "page", "total"}));
        QCOMPARE(r.value("total").toInt(), 4);
        QCOMPARE(r.value("page").toInt(), 1);
        QCOMPARE(r.value("limit").toInt(), 50);
        QCOMPARE(idsOf(r), (QStringList{QString::number(m4), QString::number(m3),
                                        QString::number(m2), QString::number(m1)}));
        const QJsonArray list = r.value("messages").toArray();
        const QJsonObject first = list.at(3).toObject();
        QCOMPARE(first.keys(),
                 (QStringList{"app_user_id", "body", "caption", "contact_id", "filename", "from",
                              "from_lid", "id", "mimetype", "number_id", "quoted_message_id",
                              "quoted_wa_message_id", "received_at", "type", "wa_message_id"}));
        QCOMPARE(first.value("from").toString(), QStringLiteral("2348031111111"));
        QVERIFY(first.value("from_lid").isNull());
        QCOMPARE(first.value("contact_id").toInteger(), contacts.at(0));
        QCOMPARE(first.value("app_user_id").toInteger(), t.userId);
        QCOMPARE(first.value("number_id").toInteger(), numberId);
        QCOMPARE(first.value("type").toString(), QStringLiteral("text"));
        QCOMPARE(first.value("body").toString(), QStringLiteral("hello"));
        QCOMPARE(first.value("wa_message_id").toString(), QStringLiteral("WA1"));
        QCOMPARE(first.value("received_at").toString(), Clock::toIso(t0));
        QVERIFY(first.value("quoted_message_id").isNull());
        const QJsonObject img = list.at(2).toObject();
        QCOMPARE(img.value("caption").toString(), QStringLiteral("the receipt"));
        QCOMPARE(img.value("mimetype").toString(), QStringLiteral("image/png"));
        QCOMPARE(img.value("filename").toString(), QStringLiteral("receipt.png"));
        QVERIFY(list.at(1).toObject().value("contact_id").isNull()); // not in the list
        QVERIFY(list.at(0).toObject().value("from").isNull());       // only a lid
        QCOMPARE(list.at(0).toObject().value("from_lid").toString(),
                 QStringLiteral("123456789012345@lid"));

        // contact: an id, a phone in any form, a lid.
        auto ids = [&](const QString &query) {
            const HttpReply reply = t.http.get(base + query);
            if (reply.status != 200)
                return QStringList{reply.describe()};
            return idsOf(reply);
        };
        QCOMPARE(ids("?contact=" + QString::number(contacts.at(0))),
                 QStringList{QString::number(m1)});
        QCOMPARE(ids("?contact=08031111111"), QStringList{QString::number(m1)});
        QCOMPARE(ids("?contact=%2B2348031111111"), QStringList{QString::number(m1)});
        QCOMPARE(ids("?contact=2348035555555"), QStringList{QString::number(m3)});
        QCOMPARE(ids("?contact=123456789012345@lid"), QStringList{QString::number(m4)});
        QCOMPARE(ids("?contact=" + QString::number(contacts.at(1))),
                 QStringList{QString::number(m2)});
        // since: ISO or epoch ms, inclusive.
        QCOMPARE(ids("?since=" + Clock::toIso(t0 + 2000)),
                 (QStringList{QString::number(m4), QString::number(m3)}));
        QCOMPARE(ids("?since=" + QString::number(t0 + 1000)),
                 (QStringList{QString::number(m4), QString::number(m3), QString::number(m2)}));
        // Pages.
        r = t.http.get(base + "?page=2&limit=3");
        EXPECT_STATUS(r, 200);
        QCOMPARE(idsOf(r), QStringList{QString::number(m1)});
        QCOMPARE(r.value("page").toInt(), 2);
        QCOMPARE(r.value("limit").toInt(), 3);
        QCOMPARE(r.value("total").toInt(), 4);
        QCOMPARE(ids("?contact=08031111111&page=2"), QStringList{});

        // Bad parameters name themselves.
        EXPECT_FIELD_ERROR(t.http.get(base + "?limit=0"), "limit");
        EXPECT_FIELD_ERROR(t.http.get(base + "?limit=501"), "limit");
        EXPECT_FIELD_ERROR(t.http.get(base + "?page=abc"), "page");
        EXPECT_FIELD_ERROR(t.http.get(base + "?since=yesterday"), "since");
        EXPECT_FIELD_ERROR(t.http.get(base + "?contact=ada"), "contact");
        // Another user's contact, an unknown user: 404.
        EXPECT_ERROR(t.http.get(base + "?contact=" + QString::number(otherContacts.at(0))), 404,
                     "not_found");
        EXPECT_ERROR(t.http.get("/messages/inbound/999999"), 404, "not_found");
        // The other vendor's user sees none of them.
        r = other.http.get(QStringLiteral("/messages/inbound/%1").arg(other.userId));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("total").toInt(), 0);
    }

    void mediaAnswersWithoutAPage()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server);
        const qint64 numberId = addNumber(t, "08030000001");
        const qint64 now = Clock::nowMs();
        const qint64 text =
            record(env, t, numberId, received("2348031111111", {}, "text", "hi", now - 5000, "T1"));
        InboundMessage photo = received("2348031111111", {}, "image", {}, now - 4000, "P1");
        photo.mimetype = QStringLiteral("image/png");
        photo.filename = QStringLiteral("photo.png");
        photo.size = 68;
        const qint64 image = record(env, t, numberId, photo);
        InboundMessage huge = received("2348031111111", {}, "video", {}, now - 3000, "V1");
        huge.mimetype = QStringLiteral("video/mp4");
        huge.size = 17LL * 1024 * 1024; // over the 16 MB of a video
        const qint64 video = record(env, t, numberId, huge);
        QVERIFY(text && image && video);

        auto media = [&](qint64 id) {
            return t.http.get(QStringLiteral("/messages/inbound/%1/media").arg(id));
        };
        EXPECT_ERROR(media(text), 404, "not_found");
        EXPECT_ERROR(media(image), 409, "not_connected"); // nothing cached, no session
        HttpReply r = media(video);
        EXPECT_ERROR(r, 422, "media_too_large"); // refused before any download
        QCOMPARE(r.object()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("max_bytes")
                     .toInteger(),
                 16LL * 1024 * 1024);
        EXPECT_ERROR(media(999999), 404, "not_found");
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages/inbound/%1/read").arg(text)), 409,
                     "not_connected");

        // What a first download cached is answered without a session, as the file it was.
        InboundMediaCache cache(env.server.core().dataDir() + QStringLiteral("/media"));
        const QByteArray png =
            QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
                                   "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        cache.store(numberId, QStringLiteral("P1"), png, QStringLiteral("image/png"),
                    QStringLiteral("photo \"1\".png"));
        r = media(image);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.body, png);
        QCOMPARE(r.header("content-type"), QByteArray("image/png"));
        QCOMPARE(
            r.header("content-disposition"),
            QByteArray(
                "attachment; filename=\"photo _1_.png\"; filename*=UTF-8''photo%20%221%22.png"));
        QVERIFY(r.header("content-security-policy").contains("sandbox"));
        // Text stays text whatever is on disk.
        EXPECT_ERROR(media(text), 404, "not_found");
    }

    void optInNeedsAReasonAndIsInTheHistory()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server);
        const QList<qint64> contacts = addContacts(t, QJsonArray{contact("Ada", "08031111111")});
        const qint64 c = contacts.value(0);
        env.server.core().optOuts().optOut(t.vendor.id, t.userId, c,
                                           QString(OptOutService::kOperator),
                                           QStringLiteral("asked by phone"));
        const QString base = QStringLiteral("/contacts/%1/%2").arg(t.userId).arg(c);

        HttpReply r = t.http.get(QStringLiteral("/contacts/%1/list").arg(t.userId));
        QCOMPARE(r.value("contacts").toArray().at(0).toObject().value("message_opt_in").toBool(),
                 false);
        r = t.http.get(base + "/opt-outs");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("opted_out").toBool(), true);
        QVERIFY(r.value("opted_out_at").isString());
        QCOMPARE(r.value("opt_out_source").toString(), QStringLiteral("operator"));
        QCOMPARE(r.value("history").toArray().size(), 1);

        EXPECT_ERROR(t.http.post(base + "/opt-in", QJsonObject{}), 400, "reason_required");
        EXPECT_ERROR(t.http.post(base + "/opt-in", QJsonObject{{"reason", "  "}}), 400,
                     "reason_required");
        EXPECT_FIELD_ERROR(t.http.post(base + "/opt-in", QJsonObject{{"reason", 5}}), "reason");
        r = t.http.post(base + "/opt-in", QJsonObject{{"reason", "signed the form again"}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("changed").toBool(), true);
        QCOMPARE(r.value("contact").toObject().value("message_opt_in").toBool(), true);
        QCOMPARE(idOf(r.value("contact")), c);
        r = t.http.post(base + "/opt-in", QJsonObject{{"reason", "again"}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("changed").toBool(), false);

        r = t.http.get(base + "/opt-outs");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.object().keys(),
                 (QStringList{"history", "opt_out_source", "opted_out", "opted_out_at"}));
        QCOMPARE(r.value("opted_out").toBool(), false);
        QVERIFY(r.value("opted_out_at").isNull());
        QVERIFY(r.value("opt_out_source").isNull());
        const QJsonArray history = r.value("history").toArray();
        QCOMPARE(history.size(), 2);
        const QJsonObject in = history.at(0).toObject(), out = history.at(1).toObject();
        QCOMPARE(in.value("action").toString(), QStringLiteral("opt_in"));
        QCOMPARE(in.value("source").toString(), QStringLiteral("api"));
        QCOMPARE(in.value("reason").toString(), QStringLiteral("signed the form again"));
        QCOMPARE(in.value("contact_id").toInteger(), c);
        QCOMPARE(out.value("action").toString(), QStringLiteral("opt_out"));
        QCOMPARE(out.value("source").toString(), QStringLiteral("operator"));
        QVERIFY(out.value("at").isString());

        EXPECT_ERROR(t.http.get(QStringLiteral("/contacts/%1/999999/opt-outs").arg(t.userId)), 404,
                     "not_found");
        EXPECT_ERROR(t.http.post(QStringLiteral("/contacts/%1/999999/opt-in").arg(t.userId),
                                 QJsonObject{{"reason", "x"}}),
                     404, "not_found");
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestInbound)
#include "tst_inbound.moc"
