// GET /conversations/:userId/:phone (issue #14) over the real HTTP server: one timeline of what
// a customer sent (recorded through InboundRecorder) and what the user sent them (queued through
// POST /messages), oldest first within a page, paged backwards with next_before.

#include "RoutesFixture.h"

#include "CoreServices.h"
#include "inbound/InboundRecorder.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"

class TestConversations : public QObject
{
    Q_OBJECT

    struct ClockOffset
    {
        ~ClockOffset() { Clock::setOffsetForTesting(0); }
    };

    static qint64 addNumber(const Tenant &t, const QString &phone)
    {
        const HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                        QJsonObject{{"phone_number", phone}, {"sandbox", true}});
        return r.status == 201 ? idOf(r.value("number")) : 0;
    }

    static qint64 receive(TestApiServer &s, const Tenant &t, qint64 numberId, const QString &phone,
                          const QString &lid, const QString &body, qint64 atMs, const QString &waId)
    {
        InboundMessage m;
        m.fromPhone = phone;
        m.fromLid = lid;
        m.chatWid = phone.isEmpty() ? lid : phone + QStringLiteral("@c.us");
        m.type = QStringLiteral("text");
        m.body = body;
        m.waMessageId = waId;
        m.receivedAtMs = atMs;
        const QList<InboundMessage> stored =
            s.core().inboundRecorder().recordNow(t.vendor.id, numberId, {m});
        return stored.size() == 1 ? stored.first().id : 0;
    }

    static qint64 send(const Tenant &t, const QString &to, const QString &text)
    {
        const HttpReply r =
            t.http.post(QStringLiteral("/messages"),
                        QJsonObject{{"user_id", t.userId},
                                    {"contacts", QJsonArray{QJsonObject{{"number", to}}}},
                                    {"message", text}});
        return r.status == 200
                   ? r.value("results").toArray().at(0).toObject().value("message_id").toInteger()
                   : 0;
    }

    // "in:<id>" / "out:<id>" of each entry, in order.
    static QStringList timeline(const HttpReply &r)
    {
        QStringList out;
        for (const QJsonValue &v : r.value("messages").toArray())
            out << v.toObject().value("direction").toString() + QLatin1Char(':') +
                       QString::number(idOf(v));
        return out;
    }

private Q_SLOTS:
    void bothDirectionsPagedBackwards()
    {
        ClockOffset restore;
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const qint64 numberId = addNumber(t, "08030000001");
        QVERIFY(numberId > 0);
        addContacts(t, QJsonArray{contact("Ada", "08031111111"), contact("Bola", "08032222222")});

        // Our two messages 10 s apart; the customer's around them.
        const qint64 out1 = send(t, "08031111111", "Your order is ready");
        QVERIFY(out1 > 0);
        const qint64 n = s.core().messages().find(t.vendor.id, out1)->createdAt;
        Clock::setOffsetForTesting(10000);
        const qint64 out2 = send(t, "08031111111", "Still there?");
        QVERIFY(out2 > 0);
        Clock::setOffsetForTesting(30000);
        const qint64 in1 =
            receive(s, t, numberId, "2348031111111", {}, "Is it ready?", n - 60000, "A1");
        const qint64 in2 = receive(s, t, numberId, "2348031111111", {}, "Hello?", n - 30000, "A2");
        const qint64 in3 = receive(s, t, numberId, "2348031111111", {}, "Coming!", n + 20000, "A3");
        const qint64 other =
            receive(s, t, numberId, "2348032222222", {}, "Not Ada", n - 1000, "B1");
        const qint64 lidOnly = receive(s, t, numberId, {}, "99887766@lid", "who?", n - 500, "L1");
        QVERIFY(in1 && in2 && in3 && other && lidOnly);

        const QString base = QStringLiteral("/conversations/%1/").arg(t.userId);
        HttpReply r = t.http.get(base + "08031111111");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.object().keys(), (QStringList{"messages", "next_before", "phone"}));
        QCOMPARE(r.value("phone").toString(), QStringLiteral("2348031111111"));
        QCOMPARE(timeline(r),
                 (QStringList{"in:" + QString::number(in1), "in:" + QString::number(in2),
                              "out:" + QString::number(out1), "out:" + QString::number(out2),
                              "in:" + QString::number(in3)}));
        QVERIFY(r.value("next_before").isNull()); // the whole conversation
        const QJsonArray all = r.value("messages").toArray();
        const QJsonObject firstIn = all.at(0).toObject();
        QCOMPARE(firstIn.value("body").toString(), QStringLiteral("Is it ready?"));
        QCOMPARE(firstIn.value("from").toString(), QStringLiteral("2348031111111"));
        QCOMPARE(firstIn.value("at").toString(), Clock::toIso(n - 60000));
        QCOMPARE(firstIn.value("received_at").toString(), Clock::toIso(n - 60000));
        QVERIFY(firstIn.value("read_at").isNull());
        QVERIFY(firstIn.contains("revoked_at"));
        const QJsonObject firstOut = all.at(2).toObject();
        QCOMPARE(firstOut.value("message").toString(), QStringLiteral("Your order is ready"));
        QCOMPARE(firstOut.value("status").toString(), QStringLiteral("pending"));
        QCOMPARE(firstOut.value("recipient").toString(), QStringLiteral("2348031111111"));
        QVERIFY(firstOut.contains("batch_id"));

        // Pages of two, newest first, each oldest first inside.
        r = t.http.get(base + "2348031111111?limit=2");
        EXPECT_STATUS(r, 200);
        QCOMPARE(timeline(r),
                 (QStringList{"out:" + QString::number(out2), "in:" + QString::number(in3)}));
        const qint64 next = r.value("next_before").toInteger();
        QCOMPARE(next, s.core().messages().find(t.vendor.id, out2)->createdAt);
        r = t.http.get(base + "2348031111111?limit=2&before=" + QString::number(next));
        QCOMPARE(timeline(r),
                 (QStringList{"in:" + QString::number(in2), "out:" + QString::number(out1)}));
        r = t.http.get(base + "2348031111111?limit=2&before=" +
                       QString::number(r.value("next_before").toInteger()));
        QCOMPARE(timeline(r), QStringList{"in:" + QString::number(in1)});
        QVERIFY(r.value("next_before").isNull());
        // before as an ISO time.
        r = t.http.get(base + "%2B2348031111111?before=" + Clock::toIso(n - 29000));
        QCOMPARE(timeline(r),
                 (QStringList{"in:" + QString::number(in1), "in:" + QString::number(in2)}));

        // Another customer; a sender known only by a lid; someone who never wrote.
        r = t.http.get(base + "08032222222");
        QCOMPARE(timeline(r), QStringList{"in:" + QString::number(other)});
        r = t.http.get(base + "99887766@lid");
        QCOMPARE(timeline(r), QStringList{"in:" + QString::number(lidOnly)});
        r = t.http.get(base + "08039999999");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("messages").toArray().size(), 0);
        QVERIFY(r.value("next_before").isNull());

        // Bad input names itself; another vendor's user is not found.
        EXPECT_FIELD_ERROR(t.http.get(base + "not-a-phone"), "phone");
        EXPECT_FIELD_ERROR(t.http.get(base + "08031111111?limit=0"), "limit");
        EXPECT_FIELD_ERROR(t.http.get(base + "08031111111?limit=501"), "limit");
        EXPECT_FIELD_ERROR(t.http.get(base + "08031111111?before=soon"), "before");
        Tenant stranger = makeTenant(s);
        EXPECT_ERROR(stranger.http.get(base + "08031111111"), 404, "not_found");
        EXPECT_ERROR(t.http.get("/conversations/999999/08031111111"), 404, "not_found");
    }
};

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
