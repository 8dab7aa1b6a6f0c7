// POST /messages with the rich types of issue #16 (api.md "Message types"): what is stored for
// each (message_type and the payload the dispatcher sends), the vCard text, templates in a
// location, a reply or reaction pinned to the chat and number of the message it answers, a 400
// naming each bad field, and 404 for another user's or vendor's message.

#include "RoutesFixture.h"

#include "CoreServices.h"
#include "inbound/InboundRecorder.h"
#include "messaging/MessageStore.h"
#include "messaging/RichMessage.h"

#include <QJsonDocument>

class TestRichMessages : public QObject
{
    Q_OBJECT

    // John and Jane; their contact ids in `ids` when given.
    static Tenant tenant(TestApiServer &s, QList<qint64> *ids = nullptr)
    {
        Tenant t = makeTenant(s, 5, 1000);
        const QList<qint64> added = addContacts(
            t, QJsonArray{QJsonObject{{"name", "John"}, {"phone_number", "08031111111"}},
                          QJsonObject{{"name", "Doe; Jane, Jr\\"},
                                      {"phone_number", "08032222222"},
                                      {"email", "jane@example.com"},
                                      {"company_name", "ACME, Inc"}}});
        if (ids)
            *ids = added;
        return t;
    }

    static qint64 addNumber(const Tenant &t, const QString &phone)
    {
        return idOf(t.http
                        .post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                              QJsonObject{{"phone_number", phone}, {"sandbox", true}})
                        .value("number"));
    }

    // A message a customer sent to the number (as the inbound recorder stores it).
    static qint64 received(TestApiServer &s, const Tenant &t, qint64 numberId, const QString &phone,
                           const QString &waId)
    {
        InboundMessage m;
        m.fromPhone = phone;
        m.chatWid = phone + QStringLiteral("@c.us");
        m.type = QStringLiteral("text");
        m.body = QStringLiteral("hello");
        m.waMessageId = waId;
        m.receivedAtMs = 1000;
        const QList<InboundMessage> stored =
            s.core().inboundRecorder().recordNow(t.vendor.id, numberId, {m});
        return stored.size() == 1 ? stored.first().id : 0;
    }

    static Message stored(TestApiServer &s, const Tenant &t, const HttpReply &r)
    {
        const qint64 id =
            r.value("results").toArray().at(0).toObject().value("message_id").toInteger();
        return s.core().messages().find(t.vendor.id, id).value_or(Message{});
    }

    static QJsonObject payloadOf(const Message &m)
    {
        return QJsonDocument::fromJson(m.payload.toUtf8()).object();
    }

private Q_SLOTS:
    void locationWithTemplates()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenant(s);
        const HttpReply r = t.http.post(
            QStringLiteral("/messages"),
            QJsonObject{
                {"user_id", t.userId},
                {"type", "location"},
                {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"},
                                                    {"metadata", QJsonObject{{"shop", "Ikeja"}}}}}},
                {"location", QJsonObject{{"lat", 6.6018},
                                         {"lng", 3.3515},
                                         {"name", "Our {{shop}} shop"},
                                         {"address", "Hi {{name}}, 1 Allen Ave"}}}});
        EXPECT_STATUS(r, 200);
        const Message m = stored(s, t, r);
        QCOMPARE(m.messageType, QStringLiteral("location"));
        const QJsonObject loc = payloadOf(m).value("location").toObject();
        QCOMPARE(loc.value("lat").toDouble(), 6.6018);
        QCOMPARE(loc.value("lng").toDouble(), 3.3515);
        QCOMPARE(loc.value("name").toString(), QStringLiteral("Our Ikeja shop"));
        QCOMPARE(loc.value("address").toString(), QStringLiteral("Hi John, 1 Allen Ave"));
        // GET /messages/:id shows it under content.
        const HttpReply got = t.http.get(QStringLiteral("/messages/%1").arg(m.id));
        EXPECT_STATUS(got, 200);
        QCOMPARE(got.value("message")
                     .toObject()
                     .value("content")
                     .toObject()
                     .value("location")
                     .toObject(),
                 loc);
    }

    void contactCardsAreVCard3()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QList<qint64> ids;
        Tenant t = tenant(s, &ids);
        QCOMPARE(ids.size(), 2);
        const qint64 jane = ids.at(1);
        const HttpReply r = t.http.post(
            QStringLiteral("/messages"),
            QJsonObject{{"user_id", t.userId},
                        {"type", "contact"},
                        {"contacts", QJsonArray{"08031111111"}},
                        {"contact_ids", QJsonArray{jane}},
                        {"cards", QJsonArray{QJsonObject{{"name", "Help desk"},
                                                         {"phone", "+234 803 000 0009"}}}}});
        EXPECT_STATUS(r, 200);
        const Message m = stored(s, t, r);
        QCOMPARE(m.messageType, QStringLiteral("contact"));
        const QJsonArray cards = payloadOf(m).value("vcards").toArray();
        QCOMPARE(cards.size(), 2);
        QCOMPARE(cards.at(0).toObject().value("name").toString(),
                 QStringLiteral("Doe; Jane, Jr\\"));
        QCOMPARE(cards.at(0).toObject().value("vcard").toString(),
                 QStringLiteral("BEGIN:VCARD\r\nVERSION:3.0\r\nN:;Doe\\; Jane\\, Jr\\\\;;;\r\n"
                                "FN:Doe\\; Jane\\, Jr\\\\\r\nORG:ACME\\, Inc\r\n"
                                "EMAIL;TYPE=INTERNET:jane@example.com\r\n"
                                "TEL;TYPE=CELL;TYPE=VOICE;waid=2348032222222:+2348032222222\r\n"
                                "END:VCARD\r\n"));
        QVERIFY(cards.at(1).toObject().value("vcard").toString().contains(
            QStringLiteral("waid=2348030000009:+2348030000009")));
    }

    void vcardFoldsLongLines()
    {
        RichMessage::Card c;
        c.name = QString(100, QChar(0x00E9)); // é: two octets each
        c.phone = QStringLiteral("2348031111111");
        const QString card = RichMessage::vcard(c);
        for (const QString &line : card.split(QStringLiteral("\r\n")))
            QVERIFY2(line.toUtf8().size() <= 75, qPrintable(line));
        QString unfolded = card;
        unfolded.replace(QStringLiteral("\r\n "), QString());
        QVERIFY(unfolded.contains(QStringLiteral("FN:") + c.name + QStringLiteral("\r\n")));
    }

    void replyAndReactionTargets()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenant(s);
        const qint64 first = addNumber(t, QStringLiteral("08030000001"));
        const qint64 second = addNumber(t, QStringLiteral("08030000002"));
        QVERIFY(first > 0 && second > 0);
        const qint64 in =
            received(s, t, second, QStringLiteral("2348031111111"), QStringLiteral("WAIN1"));
        QVERIFY(in > 0);

        // A reply quotes the received message and goes out from the number that received it.
        HttpReply r = t.http.post(QStringLiteral("/messages"),
                                  QJsonObject{{"user_id", t.userId},
                                              {"contacts", QJsonArray{"08031111111"}},
                                              {"message", "Thanks {{name}}"},
                                              {"reply_to", in}});
        EXPECT_STATUS(r, 200);
        Message m = stored(s, t, r);
        QCOMPARE(m.messageType, QStringLiteral("text"));
        QCOMPARE(m.message, QStringLiteral("Thanks John"));
        QCOMPARE(m.fromNumberId, second);
        const QJsonObject quoted = payloadOf(m).value("quoted").toObject();
        QCOMPARE(quoted.value("wa_id").toString(), QStringLiteral("WAIN1"));
        QCOMPARE(quoted.value("from_me").toBool(), false);
        QCOMPARE(quoted.value("chat").toString(), QStringLiteral("2348031111111@c.us"));

        r = t.http.post(
            QStringLiteral("/messages"),
            QJsonObject{{"user_id", t.userId},
                        {"type", "reaction"},
                        {"contacts", QJsonArray{"08031111111"}},
                        {"reaction",
                         QJsonObject{{"to", QJsonObject{{"received_id", in}}}, {"emoji", "👍"}}}});
        EXPECT_STATUS(r, 200);
        m = stored(s, t, r);
        QCOMPARE(m.messageType, QStringLiteral("reaction"));
        QCOMPARE(m.fromNumberId, second);
        QCOMPARE(payloadOf(m).value("reaction").toObject().value("emoji").toString(),
                 QStringLiteral("👍"));

        // Only the chat of the message answered; not from another number.
        EXPECT_FIELD_ERROR(t.http.post(QStringLiteral("/messages"),
                                       QJsonObject{{"user_id", t.userId},
                                                   {"contacts", QJsonArray{"08032222222"}},
                                                   {"message", "x"},
                                                   {"reply_to", in}}),
                           "contacts[0]");
        EXPECT_FIELD_ERROR(t.http.post(QStringLiteral("/messages"),
                                       QJsonObject{{"user_id", t.userId},
                                                   {"contacts", QJsonArray{"08031111111"}},
                                                   {"message", "x"},
                                                   {"from_number_id", first},
                                                   {"reply_to", in}}),
                           "from_number_id");
        // A message of ours that has not gone out yet cannot be quoted.
        const qint64 pending = m.id;
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages"),
                                 QJsonObject{{"user_id", t.userId},
                                             {"contacts", QJsonArray{"08031111111"}},
                                             {"message", "x"},
                                             {"reply_to", QJsonObject{{"sent_id", pending}}}}),
                     422, "target_not_sent");
    }

    void targetsOfOthersAreNotFound()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenant(s);
        QList<qint64> theirContacts;
        Tenant other = tenant(s, &theirContacts);
        const qint64 theirNumber = addNumber(other, QStringLiteral("08030000003"));
        const qint64 theirs = received(s, other, theirNumber, QStringLiteral("2348031111111"),
                                       QStringLiteral("WAOTHER"));
        QVERIFY(theirs > 0);
        // Another user of the same vendor.
        const qint64 sibling = s.createUser(t.vendor.apiKey);
        const auto post = [&](const Tenant &who, qint64 userId, const QJsonObject &extra) {
            QJsonObject body{{"user_id", userId}, {"contacts", QJsonArray{"08031111111"}}};
            for (auto it = extra.begin(); it != extra.end(); ++it)
                body.insert(it.key(), it.value());
            return who.http.post(QStringLiteral("/messages"), body);
        };
        EXPECT_ERROR(post(t, t.userId, QJsonObject{{"message", "x"}, {"reply_to", theirs}}), 404,
                     "not_found");
        EXPECT_ERROR(post(t, t.userId,
                          QJsonObject{{"type", "reaction"},
                                      {"reaction", QJsonObject{{"to", theirs}, {"emoji", "👍"}}}}),
                     404, "not_found");
        // Their sent message too.
        const HttpReply sent = post(other, other.userId, QJsonObject{{"message", "hi"}});
        EXPECT_STATUS(sent, 200);
        const qint64 theirSent =
            sent.value("results").toArray().at(0).toObject().value("message_id").toInteger();
        EXPECT_ERROR(
            post(t, t.userId,
                 QJsonObject{{"message", "x"}, {"reply_to", QJsonObject{{"sent_id", theirSent}}}}),
            404, "not_found");
        // Contact cards of another vendor's contacts.
        QCOMPARE(theirContacts.size(), 2);
        const qint64 theirContact = theirContacts.at(0);
        EXPECT_ERROR(
            post(t, t.userId,
                 QJsonObject{{"type", "contact"}, {"contact_ids", QJsonArray{theirContact}}}),
            404, "not_found");
        QVERIFY(sibling > 0);
        const qint64 myNumber = addNumber(t, QStringLiteral("08030000004"));
        const qint64 mine =
            received(s, t, myNumber, QStringLiteral("2348031111111"), QStringLiteral("WAMINE"));
        QVERIFY(mine > 0);
        EXPECT_ERROR(post(t, sibling, QJsonObject{{"message", "x"}, {"reply_to", mine}}), 404,
                     "not_found");
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 0);
    }

    void validation()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenant(s);
        const auto post = [&](const QJsonObject &extra) {
            QJsonObject body{{"user_id", t.userId}, {"contacts", QJsonArray{"08031111111"}}};
            for (auto it = extra.begin(); it != extra.end(); ++it)
                body.insert(it.key(), it.value());
            return t.http.post(QStringLiteral("/messages"), body);
        };
        EXPECT_FIELD_ERROR(post({{"type", "poll"}, {"message", "x"}}), "type");
        EXPECT_FIELD_ERROR(post({{"type", "location"}}), "location");
        EXPECT_FIELD_ERROR(post({{"type", "location"}, {"location", "here"}}), "location");
        EXPECT_FIELD_ERROR(post({{"type", "location"}, {"location", QJsonObject{{"lng", 3}}}}),
                           "location.lat");
        EXPECT_FIELD_ERROR(
            post({{"type", "location"}, {"location", QJsonObject{{"lat", 91}, {"lng", 3}}}}),
            "location.lat");
        EXPECT_FIELD_ERROR(
            post({{"type", "location"}, {"location", QJsonObject{{"lat", 6}, {"lng", -181}}}}),
            "location.lng");
        EXPECT_FIELD_ERROR(
            post({{"message", "x"}, {"location", QJsonObject{{"lat", 6}, {"lng", 3}}}}),
            "location");
        EXPECT_FIELD_ERROR(post({{"type", "contact"}}), "cards");
        EXPECT_FIELD_ERROR(
            post({{"type", "contact"}, {"cards", QJsonArray{QJsonObject{{"phone", "0803"}}}}}),
            "cards[0].name");
        EXPECT_FIELD_ERROR(
            post({{"type", "contact"}, {"cards", QJsonArray{QJsonObject{{"name", "A"}}}}}),
            "cards[0].phone");
        EXPECT_FIELD_ERROR(
            post({{"type", "contact"},
                  {"cards", QJsonArray{QJsonObject{{"name", "A"}, {"phone", "12"}}}}}),
            "cards[0].phone");
        EXPECT_FIELD_ERROR(post({{"type", "contact"}, {"contact_ids", QJsonArray{"x"}}}),
                           "contact_ids[0]");
        EXPECT_FIELD_ERROR(post({{"type", "voice"}}), "file_url");
        EXPECT_FIELD_ERROR(
            post({{"type", "voice"}, {"file_url", "https://example.com/a.mp3"}, {"message", "hi"}}),
            "message");
        EXPECT_FIELD_ERROR(post({{"type", "reaction"}, {"reaction", QJsonObject{{"emoji", "👍"}}}}),
                           "reaction.to");
        EXPECT_FIELD_ERROR(post({{"type", "reaction"}, {"reaction", QJsonObject{{"to", 1}}}}),
                           "reaction.emoji");
        EXPECT_FIELD_ERROR(
            post({{"type", "reaction"}, {"reaction", QJsonObject{{"to", "abc"}, {"emoji", ""}}}}),
            "reaction.to");
        EXPECT_FIELD_ERROR(post({{"message", "x"}, {"reply_to", -3}}), "reply_to");
        EXPECT_FIELD_ERROR(
            post({{"message", "x"}, {"reply_to", QJsonObject{{"sent_id", 1}, {"received_id", 2}}}}),
            "reply_to");
        EXPECT_FIELD_ERROR(post({{"message", "x"}, {"filename", "a.pdf"}}), "filename");
        EXPECT_FIELD_ERROR(
            post({{"file_url", "https://example.com/a"}, {"filename", "../etc/passwd"}}),
            "filename");
        EXPECT_FIELD_ERROR(post({{"type", "text"}, {"file_url", "https://example.com/a.pdf"}}),
                           "file_url");
        EXPECT_ERROR(post({{"message", "x"}, {"reply_to", 999999}}), 404, "not_found");
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 0);
    }

    void documentKeepsTheGivenFileName()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenant(s);
        const HttpReply r = t.http.post(QStringLiteral("/messages"),
                                        QJsonObject{{"user_id", t.userId},
                                                    {"contacts", QJsonArray{"08031111111"}},
                                                    {"file_url", "https://example.com/dl?id=7"},
                                                    {"filename", "Invoice 7.pdf"}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(payloadOf(stored(s, t, r)).value("filename").toString(),
                 QStringLiteral("Invoice 7.pdf"));
    }
};

QTEST_GUILESS_MAIN(TestRichMessages)
#include "tst_richmessages.moc"
