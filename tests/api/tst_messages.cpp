// /messages (api.md "Messages"): queueing with templates, partial and total rejection,
// subscription and quota, batch status, single message, cancellation with status events.

#include "RoutesFixture.h"

#include "CoreServices.h"
#include "EventBus.h"
#include "RawConnection.h"
#include "accounts/SubscriptionService.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTimeZone>
#include <QUuid>

namespace {

QJsonObject recipient(const QString &number, const QJsonObject &metadata = {})
{
    QJsonObject o{{"number", number}};
    if (!metadata.isEmpty())
        o.insert("metadata", metadata);
    return o;
}

} // namespace

class TestMessages : public QObject
{
    Q_OBJECT

    // A tenant with three contacts: John (nickname Johnny), Mary (opted out), Ade.
    static Tenant tenantWithContacts(TestApiServer &s, int maxMessages = 1000)
    {
        Tenant t = makeTenant(s, 5, maxMessages);
        addContacts(t, QJsonArray{QJsonObject{{"name", "John"}, {"nickname", "Johnny"},
                                              {"phone_number", "08031111111"}},
                                  QJsonObject{{"name", "Mary"}, {"phone_number", "08032222222"},
                                              {"message_opt_in", false}},
                                  QJsonObject{{"name", "Ade"}, {"phone_number", "08033333333"}}});
        return t;
    }

private Q_SLOTS:
    void queueAll()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s);
        QSignalSpy events(&s.core().events(), &EventBus::published);
        const HttpReply r = t.http.post(
            QStringLiteral("/messages"),
            QJsonObject{{"user_id", t.userId},
                        {"contacts", QJsonArray{recipient("08031111111", QJsonObject{{"order", "A-17"}}),
                                                recipient("+2348033333333", QJsonObject{{"name", "Mr Ade"}})}},
                        {"message", "Hello {{name}} ({{nickname|friend}}), order {{order|none}} is ready!"},
                        {"template_id", "order_ready"}});
        EXPECT_STATUS(r, 200);
        const QString batch = r.value("batch_id").toString();
        QVERIFY(!QUuid::fromString(batch).isNull());
        QCOMPARE(r.value("queued").toInt(), 2);
        QCOMPARE(r.value("rejected").toInt(), 0);
        const QJsonArray results = r.value("results").toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).toObject().value("number").toString(), QStringLiteral("08031111111"));
        QCOMPARE(results.at(0).toObject().value("status").toString(), QStringLiteral("queued"));
        QVERIFY(!results.at(0).toObject().contains("reason"));
        const qint64 first = results.at(0).toObject().value("message_id").toInteger();
        const qint64 second = results.at(1).toObject().value("message_id").toInteger();
        QVERIFY(first > 0 && second > first);
        QCOMPARE(events.count(), 0); // queueing publishes nothing (MessageComposer.h)
        // Where the time went, for vendors' tracing and bench P2.
        QVERIFY2(r.header("server-timing").contains("insert;dur="), r.header("server-timing").constData());

        // Committed before the answer, rendered per recipient.
        const auto m1 = s.core().messages().find(t.vendor.id, first);
        const auto m2 = s.core().messages().find(t.vendor.id, second);
        QVERIFY(m1 && m2);
        QCOMPARE(m1->message, QStringLiteral("Hello John (Johnny), order A-17 is ready!"));
        QCOMPARE(m2->message, QStringLiteral("Hello Mr Ade (friend), order none is ready!"));
        QCOMPARE(m1->recipient, QStringLiteral("2348031111111"));
        QCOMPARE(m1->status, QStringLiteral("pending"));
        QCOMPARE(m1->messageType, QStringLiteral("text"));
        QCOMPARE(m1->templateId, QStringLiteral("order_ready"));
        QCOMPARE(m1->batchId, batch);

        // GET /messages/:id
        const HttpReply one = t.http.get(QStringLiteral("/messages/%1").arg(first));
        EXPECT_STATUS(one, 200);
        const QJsonObject m = one.value("message").toObject();
        QCOMPARE(m.keys(), (QStringList{"app_user_id", "batch_id", "caption", "created_at",
                                        "delivered_at", "error_message", "id", "media_url", "message",
                                        "message_type", "number_id", "read_at", "recipient", "sent_at",
                                        "status", "template_id", "wa_message_id"}));
        QCOMPARE(m.value("status").toString(), QStringLiteral("pending"));
        QCOMPARE(m.value("recipient").toString(), QStringLiteral("2348031111111"));
        QCOMPARE(m.value("app_user_id").toInteger(), t.userId);
        QVERIFY(m.value("sent_at").isNull());
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/%1").arg(second + 100)), 404, "not_found");
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/xyz")), 404, "not_found");

        // GET /messages/batch/:batchId
        const HttpReply b = t.http.get(QStringLiteral("/messages/batch/%1").arg(batch));
        EXPECT_STATUS(b, 200);
        QCOMPARE(b.value("batch_id").toString(), batch);
        const QJsonObject counts = b.value("counts").toObject();
        QCOMPARE(counts.keys(), (QStringList{"cancelled", "delivered", "expired", "failed",
                                             "pending", "read", "scheduled", "sending", "sent"}));
        QCOMPARE(counts.value("pending").toInt(), 2);
        QCOMPARE(counts.value("sent").toInt(), 0);
        QCOMPARE(b.value("messages").toArray().size(), 2);
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/batch/%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces))),
                     404, "not_found");
    }

    void partialAndNone()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s);
        HttpReply r = t.http.post(QStringLiteral("/messages"),
                                  QJsonObject{{"user_id", t.userId},
                                              {"contacts", QJsonArray{recipient("08031111111"),
                                                                      recipient("08032222222"),
                                                                      recipient("08034444444"),
                                                                      recipient("not a phone")}},
                                              {"message", "Hi"}});
        EXPECT_STATUS(r, 207);
        QCOMPARE(r.value("queued").toInt(), 1);
        QCOMPARE(r.value("rejected").toInt(), 3);
        const QJsonArray results = r.value("results").toArray();
        QCOMPARE(results.at(1).toObject().value("reason").toString(), QStringLiteral("opted_out"));
        QCOMPARE(results.at(2).toObject().value("reason").toString(), QStringLiteral("not_in_contact_list"));
        QCOMPARE(results.at(3).toObject().value("reason").toString(), QStringLiteral("invalid_phone"));
        QCOMPARE(results.at(3).toObject().value("status").toString(), QStringLiteral("rejected"));
        QVERIFY(!results.at(3).toObject().contains("message_id"));
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 1);

        r = t.http.post(QStringLiteral("/messages"),
                        QJsonObject{{"user_id", t.userId},
                                    {"contacts", QJsonArray{recipient("08032222222"), recipient("08039999999")}},
                                    {"message", "Hi"}});
        EXPECT_ERROR(r, 422, "no_valid_recipients");
        const QJsonArray details = r.object().value("error").toObject().value("details").toObject()
                                       .value("results").toArray();
        QCOMPARE(details.size(), 2);
        QCOMPARE(details.at(0).toObject().value("reason").toString(), QStringLiteral("opted_out"));
        QCOMPARE(details.at(1).toObject().value("reason").toString(), QStringLiteral("not_in_contact_list"));
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 1);
    }

    void subscriptionAndQuota()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 1, 3, /*subscribe=*/false);
        addContacts(t, QJsonArray{contact("A", "08031111111"), contact("B", "08032222222")});
        const QJsonObject two{{"user_id", t.userId},
                              {"contacts", QJsonArray{recipient("08031111111"), recipient("08032222222")}},
                              {"message", "Hi"}};
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages"), two), 403, "subscription_required");
        s.subscribe(t.userId, s.createPlan(1, 3));
        EXPECT_STATUS(t.http.post(QStringLiteral("/messages"), two), 200); // 2 of 3 used
        HttpReply r = t.http.post(QStringLiteral("/messages"), two);
        EXPECT_ERROR(r, 403, "quota_exceeded");
        QCOMPARE(r.object().value("error").toObject().value("details").toObject().value("remaining").toInt(), 1);
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 2); // nothing queued
        // Rejected recipients do not count: one valid + one unknown fits the last slot.
        r = t.http.post(QStringLiteral("/messages"),
                        QJsonObject{{"user_id", t.userId},
                                    {"contacts", QJsonArray{recipient("08031111111"), recipient("08039999999")}},
                                    {"message", "Hi"}});
        EXPECT_STATUS(r, 207);
        r = t.http.post(QStringLiteral("/messages"),
                        QJsonObject{{"user_id", t.userId}, {"contacts", QJsonArray{recipient("08031111111")}},
                                    {"message", "Hi"}});
        EXPECT_ERROR(r, 403, "quota_exceeded");
        QCOMPARE(r.object().value("error").toObject().value("details").toObject().value("remaining").toInt(), 0);
    }

    // Issue #10 item 3: only the template was capped. "{{notes}}" repeated over 5,000-character
    // notes renders far past WhatsApp's 65,536 characters: that recipient is rejected
    // (message_too_long) and the others are queued; a batch whose rendered texts pass 32 Mi
    // characters in total is refused as a whole (413 batch_too_large), nothing queued; the
    // quota is checked before any rendering.
    void renderedTextsAreBounded()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 1, 100000);
        QJsonObject longNotes = contact("Long", "08031111111");
        longNotes.insert("notes", QString(5000, QLatin1Char('n')));
        addContacts(t, QJsonArray{longNotes, contact("Short", "08032222222")});
        const QString path = QStringLiteral("/messages");
        QString fourteen; // 14 x 5,000 = 70,000 characters for Long, 0 for Short
        for (int i = 0; i < 14; ++i)
            fourteen += QStringLiteral("{{notes}}");

        HttpReply r = t.http.post(
            path, QJsonObject{
                      {"user_id", t.userId},
                      {"contacts", QJsonArray{recipient("08031111111"), recipient("08032222222")}},
                      {"message", QString(QStringLiteral("Hi {{name}} ") + fourteen)}});
        EXPECT_STATUS(r, 207);
        QCOMPARE(r.value("queued").toInt(), 1);
        QJsonObject first = r.value("results").toArray().at(0).toObject();
        QCOMPARE(first.value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(first.value("reason").toString(), QStringLiteral("message_too_long"));
        QVERIFY(!first.contains("message_id"));
        QCOMPARE(r.value("results").toArray().at(1).toObject().value("status").toString(),
                 QStringLiteral("queued"));

        // The caption is held to the same limit (media messages).
        r = t.http.post(path, QJsonObject{{"user_id", t.userId},
                                          {"contacts", QJsonArray{recipient("08031111111"),
                                                                  recipient("08032222222")}},
                                          {"file_url", "https://example.com/a.pdf"},
                                          {"caption", fourteen}});
        EXPECT_STATUS(r, 207);
        QCOMPARE(r.value("results").toArray().at(0).toObject().value("reason").toString(),
                 QStringLiteral("message_too_long"));

        // Every recipient too long: nothing to queue.
        r = t.http.post(path, QJsonObject{{"user_id", t.userId},
                                          {"contacts", QJsonArray{recipient("08031111111")}},
                                          {"message", fourteen}});
        EXPECT_ERROR(r, 422, "no_valid_recipients");
        QCOMPARE(r.object()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("results")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("reason")
                     .toString(),
                 QStringLiteral("message_too_long"));
        const int before = s.core().messages().countForQuota(t.vendor.id, t.userId, 0);
        QCOMPARE(before, 2);

        // 13 x 5,000 = 65,000 characters each fit; 520 of them (33.8 M) pass the batch bound.
        QString thirteen;
        for (int i = 0; i < 13; ++i)
            thirteen += QStringLiteral("{{notes}}");
        QJsonArray many;
        for (int i = 0; i < 520; ++i)
            many.append(recipient("08031111111"));
        r = t.http.post(
            path, QJsonObject{{"user_id", t.userId}, {"contacts", many}, {"message", thirteen}});
        EXPECT_ERROR(r, 413, "batch_too_large");
        QCOMPARE(r.object()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("max_characters")
                     .toInteger(),
                 qint64(32) * 1024 * 1024);
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0),
                 before); // nothing queued
        // Under the bound the same request goes through.
        QJsonArray fewer;
        for (int i = 0; i < 8; ++i)
            fewer.append(recipient("08031111111"));
        EXPECT_STATUS(t.http.post(path, QJsonObject{{"user_id", t.userId},
                                                    {"contacts", fewer},
                                                    {"message", thirteen}}),
                      200);
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), before + 8);
    }

    // The quota is decided before anything is rendered: a request over the quota whose texts
    // would also be too long gets quota_exceeded, not a rendering verdict.
    void quotaBeforeRendering()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 1, 1);
        QJsonObject longNotes = contact("Long", "08031111111");
        longNotes.insert("notes", QString(5000, QLatin1Char('n')));
        addContacts(t, QJsonArray{longNotes});
        QString fourteen;
        for (int i = 0; i < 14; ++i)
            fourteen += QStringLiteral("{{notes}}");
        const HttpReply r =
            t.http.post(QStringLiteral("/messages"),
                        QJsonObject{{"user_id", t.userId},
                                    {"contacts", QJsonArray{recipient("08031111111"),
                                                            recipient("08031111111")}},
                                    {"message", fourteen}});
        EXPECT_ERROR(r, 403, "quota_exceeded");
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 0);
    }

    // Several connections send at once (each request written before any answer is read):
    // with 9 places and 2 recipients a request, exactly 4 requests get in, the others are
    // refused with quota_exceeded, and the counter equals the rows (quota counter, #12).
    void concurrentSendsKeepTheQuotaExact()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s, 9); // John and Ade can be messaged, Mary opted out
        const QByteArray body =
            QJsonDocument(QJsonObject{{"user_id", t.userId},
                                      {"contacts", QJsonArray{recipient("08031111111"),
                                                              recipient("+2348033333333")}},
                                      {"message", "Hello {{name}}"}})
                .toJson(QJsonDocument::Compact);
        const QByteArray request =
            "POST /messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + t.vendor.apiKey.toUtf8() +
            "\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
        std::vector<std::unique_ptr<RawConnection>> connections;
        for (int i = 0; i < 4; ++i) {
            connections.push_back(std::make_unique<RawConnection>(s.port()));
            QVERIFY(connections.back()->isConnected());
        }
        for (auto &c : connections)
            c->send(request + request); // two requests each, pipelined
        int ok = 0, refused = 0;
        for (auto &c : connections) {
            for (int k = 0; k < 2; ++k) {
                const HttpReply r = c->readReply();
                if (r.status == 200)
                    ++ok;
                else if (r.status == 403 &&
                         r.object().value("error").toObject().value("code").toString() ==
                             QLatin1String("quota_exceeded"))
                    ++refused;
                else
                    QFAIL(QByteArray(r.statusLine + ' ' + r.body).constData());
            }
        }
        QCOMPARE(ok, 4);
        QCOMPARE(refused, 4);
        const qint64 since = s.core()
                                 .subscriptionService()
                                 .requireActive(t.vendor.id, t.userId, Clock::nowMs())
                                 .periodStart;
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, since), 8);
        QCOMPARE(s.core().messages().quotaUsed(t.vendor.id, t.userId, since), 8);
        // One more place: a single recipient fits, two do not.
        EXPECT_ERROR(
            t.http.post(QStringLiteral("/messages"), QJsonDocument::fromJson(body).object()), 403,
            "quota_exceeded");
        EXPECT_STATUS(t.http.post(QStringLiteral("/messages"),
                                  QJsonObject{{"user_id", t.userId},
                                              {"contacts", QJsonArray{recipient("08031111111")}},
                                              {"message", "Hello"}}),
                      200);
        QCOMPARE(s.core().messages().quotaUsed(t.vendor.id, t.userId, since), 9);
    }

    // The period rolls over (30-day windows from starts_at): the new period starts at 0. An
    // extended subscription keeps its period and what was used in it; a cancelled batch gives
    // its places back.
    void quotaPeriodRollsOver()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 5, 2, false);
        t.planId = s.createPlan(5, 2, 30);
        s.subscribe(t.userId, t.planId, 90);
        addContacts(t, QJsonArray{contact("John", "08031111111"), contact("Ade", "08033333333")});
        const QJsonObject two{
            {"user_id", t.userId},
            {"contacts", QJsonArray{recipient("08031111111"), recipient("08033333333")}},
            {"message", "Hello {{name}}"}};
        const QString path = QStringLiteral("/messages");
        const HttpReply first = t.http.post(path, two);
        EXPECT_STATUS(first, 200);
        HttpReply r = t.http.post(path, two);
        EXPECT_ERROR(r, 403, "quota_exceeded");
        QCOMPARE(r.object()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("remaining")
                     .toInt(),
                 0);

        // Cancelling the pending batch gives both places back.
        const QString batch = first.value("batch_id").toString();
        EXPECT_STATUS(
            t.http.post(QStringLiteral("/messages/batch/%1/cancel").arg(batch), QJsonObject{}),
            200);
        EXPECT_STATUS(t.http.post(path, two), 200);
        EXPECT_ERROR(t.http.post(path, two), 403, "quota_exceeded");

        // Extended by a year: same starts_at, same period, still used up.
        Subscription sub = s.core().subscriptions().listForUser(t.userId).first();
        sub.endsAt += 365LL * 24 * 3600 * 1000;
        s.core().subscriptions().update(sub);
        EXPECT_ERROR(t.http.post(path, two), 403, "quota_exceeded");

        // 31 days later: the second period, nothing used in it yet.
        Clock::setOffsetForTesting(31LL * 24 * 3600 * 1000);
        r = t.http.post(path, two);
        Clock::setOffsetForTesting(0);
        EXPECT_STATUS(r, 200);
        QCOMPARE(s.core().messages().quotaUsed(t.vendor.id, t.userId, sub.startsAt), 4);
        QCOMPARE(s.core().messages().quotaUsed(t.vendor.id, t.userId,
                                               sub.startsAt + 30LL * 24 * 3600 * 1000),
                 2);
    }

    void validation()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s);
        const QString path = QStringLiteral("/messages");
        const QJsonArray one{recipient("08031111111")};
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"contacts", one}, {"message", "x"}}), "user_id");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", "abc"}, {"contacts", one}, {"message", "x"}}),
                           "user_id");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"message", "x"}}), "contacts");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", QJsonArray{}},
                                                         {"message", "x"}}),
                           "contacts");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", "08031111111"},
                                                         {"message", "x"}}),
                           "contacts");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", one}}), "message");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", one}, {"message", ""}}),
                           "message");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", one}, {"message", 5}}),
                           "message");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", one},
                                                         {"file_url", "ftp://example.com/a.pdf"}}),
                           "file_url");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", one},
                                                         {"file_url", "file:///etc/passwd"}}),
                           "file_url");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId},
                                                         {"contacts", QJsonArray{QJsonObject{{"num", "1"}}}},
                                                         {"message", "x"}}),
                           "contacts[0].number");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId},
                                                         {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"},
                                                                                             {"metadata", "x"}}}},
                                                         {"message", "x"}}),
                           "contacts[0].metadata");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", QJsonArray{7}},
                                                         {"message", "x"}}),
                           "contacts[0]");
        EXPECT_ERROR(t.http.request("POST", path, "{\"user_id\": 1,"), 400, "invalid_json");
        QJsonArray many;
        for (int i = 0; i < 10001; ++i)
            many.append(recipient("08031111111"));
        EXPECT_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", many}, {"message", "x"}}),
                     413, "too_many_items");
        EXPECT_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId + 50}, {"contacts", one}, {"message", "x"}}),
                     404, "not_found");
        EXPECT_ERROR(t.http.post(path, QJsonObject{{"user_id", t.userId}, {"contacts", one}, {"message", "x"},
                                                   {"from_number_id", 424242}}),
                     404, "not_found");
        EXPECT_ERROR(t.http.get(path), 405, "method_not_allowed");
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 0);
    }

    void mediaAndFromNumber()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s);
        const qint64 number = idOf(t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                               QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}})
                                       .value("number"));
        QVERIFY(number > 0);
        const struct
        {
            const char *url;
            const char *type;
        } cases[] = {{"https://example.com/receipt.pdf", "document"},
                     {"http://127.0.0.1:8080/photo.JPG", "image"},
                     {"https://example.com/clip.mp4", "video"},
                     {"https://example.com/voice.ogg", "audio"},
                     {"https://example.com/download?id=5", "document"}};
        for (const auto &c : cases) {
            const HttpReply r = t.http.post(QStringLiteral("/messages"),
                                            QJsonObject{{"user_id", t.userId},
                                                        {"contacts", QJsonArray{recipient("08031111111")}},
                                                        {"file_url", c.url},
                                                        {"caption", "For {{name}}"},
                                                        {"from_number_id", number}});
            EXPECT_STATUS(r, 200);
            const qint64 id = r.value("results").toArray().at(0).toObject().value("message_id").toInteger();
            const HttpReply m = t.http.get(QStringLiteral("/messages/%1").arg(id));
            const QJsonObject o = m.value("message").toObject();
            QCOMPARE(o.value("message_type").toString(), QString::fromLatin1(c.type));
            QCOMPARE(o.value("media_url").toString(), QString::fromLatin1(c.url));
            QCOMPARE(o.value("caption").toString(), QStringLiteral("For John"));
            QCOMPARE(s.core().messages().find(t.vendor.id, id)->fromNumberId, number);
        }
        // A number of another user of the same vendor is not this user's.
        Tenant other = t;
        other.userId = s.createUser(t.vendor.apiKey);
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages"),
                                 QJsonObject{{"user_id", other.userId},
                                             {"contacts", QJsonArray{recipient("08031111111")}},
                                             {"message", "x"},
                                             {"from_number_id", number}}),
                     404, "not_found");
    }

    void cancelBatch()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s);
        const HttpReply r = t.http.post(QStringLiteral("/messages"),
                                        QJsonObject{{"user_id", t.userId},
                                                    {"contacts", QJsonArray{recipient("08031111111"),
                                                                            recipient("08033333333")}},
                                                    {"message", "Hi"}});
        EXPECT_STATUS(r, 200);
        const QString batch = r.value("batch_id").toString();
        const qint64 first = r.value("results").toArray().at(0).toObject().value("message_id").toInteger();
        // One of them already went out: only pending ones are cancelled.
        QVERIFY(s.core().messages().advance(t.vendor.id, first, QStringLiteral("sending"), Clock::nowMs()));

        QSignalSpy events(&s.core().events(), &EventBus::published);
        HttpReply c = t.http.post(QStringLiteral("/messages/batch/%1/cancel").arg(batch));
        EXPECT_STATUS(c, 200);
        QCOMPARE(c.value("cancelled").toInt(), 1);
        QCOMPARE(events.count(), 1);
        QCOMPARE(events.at(0).at(0).toLongLong(), t.vendor.id);
        const QJsonObject e = events.at(0).at(1).toJsonObject();
        QCOMPARE(e.value("event").toString(), QStringLiteral("message_status"));
        QCOMPARE(e.value("status").toString(), QStringLiteral("cancelled"));
        QCOMPARE(e.value("batch_id").toString(), batch);
        QCOMPARE(e.value("user_id").toInteger(), t.userId);
        QCOMPARE(e.value("recipient").toString(), QStringLiteral("2348033333333"));
        QVERIFY(e.contains("message_id") && e.contains("error_message") && e.value("at").isString());

        const HttpReply b = t.http.get(QStringLiteral("/messages/batch/%1").arg(batch));
        QCOMPARE(b.value("counts").toObject().value("cancelled").toInt(), 1);
        QCOMPARE(b.value("counts").toObject().value("sending").toInt(), 1);
        QCOMPARE(b.value("counts").toObject().value("pending").toInt(), 0);

        c = t.http.post(QStringLiteral("/messages/batch/%1/cancel").arg(batch));
        EXPECT_STATUS(c, 200);
        QCOMPARE(c.value("cancelled").toInt(), 0);
        QCOMPARE(events.count(), 1);
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages/batch/nope/cancel")), 404, "not_found");
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/batch/%1/cancel").arg(batch)), 405,
                     "method_not_allowed");
    }

    // send_at (api.md "Campaigns"): its two forms, what is refused, the scheduled answer, and
    // the campaign routes (state, counts, pause/resume, 409, the list).
    void sendAtAndCampaignRoutes()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = tenantWithContacts(s);
        auto send = [&](const QJsonValue &sendAt) {
            QJsonObject body{
                {"user_id", t.userId},
                {"contacts", QJsonArray{recipient("08031111111"), recipient("08033333333")}},
                {"message", "Hi"}};
            if (!sendAt.isUndefined())
                body.insert("send_at", sendAt);
            return t.http.post(QStringLiteral("/messages"), body);
        };
        const qint64 at = (Clock::nowMs() / 1000 + 3600) * 1000; // whole seconds: ISO round trip
        const QString iso =
            QDateTime::fromMSecsSinceEpoch(at, QTimeZone(3600))
                .toString(Qt::ISODate); // "…+01:00"
        QVERIFY2(iso.endsWith(QLatin1String("+01:00")), qPrintable(iso));
        HttpReply r = send(iso);
        EXPECT_STATUS(r, 200);
        QCOMPARE(Clock::fromIso(r.value("send_at").toString()), at);
        const QString batch = r.value("batch_id").toString();
        HttpReply b = t.http.get(QStringLiteral("/messages/batch/%1").arg(batch));
        EXPECT_STATUS(b, 200);
        QCOMPARE(b.value("state").toString(), QStringLiteral("scheduled"));
        QCOMPARE(b.value("counts").toObject().value("scheduled").toInt(), 2);
        QCOMPARE(b.value("counts").toObject().value("pending").toInt(), 0);
        QCOMPARE(b.value("total").toInt(), 2);
        QCOMPARE(b.value("left").toInt(), 2);
        QCOMPARE(Clock::fromIso(b.value("send_at").toString()), at);
        QVERIFY(b.value("paused_at").isNull());
        QVERIFY(Clock::fromIso(b.value("eta").toString()) >= at);
        QCOMPARE(b.value("messages").toArray().at(0).toObject().value("status").toString(),
                 QStringLiteral("scheduled"));

        // Epoch milliseconds.
        r = send(double(at + 60'000));
        EXPECT_STATUS(r, 200);
        QCOMPARE(Clock::fromIso(r.value("send_at").toString()), at + 60'000);
        const QString second = r.value("batch_id").toString();
        // A past time, or null: sent now, no send_at in the answer.
        r = send("2020-01-01T00:00:00Z");
        EXPECT_STATUS(r, 200);
        QVERIFY(!r.object().contains("send_at"));
        const QString now = r.value("batch_id").toString();
        QCOMPARE(
            t.http.get(QStringLiteral("/messages/batch/%1").arg(now)).value("state").toString(),
            QStringLiteral("running"));
        EXPECT_STATUS(send(QJsonValue::Null), 200);
        // Refused, with the field named: seconds, no offset, not a time, too far ahead.
        const QList<QJsonValue> bad{double(Clock::nowMs() / 1000 + 60),
                                    "2030-01-01T10:00:00",
                                    "tomorrow",
                                    true,
                                    "2030-01-01",
                                    Clock::toIso(Clock::nowMs() + 91LL * 86400'000)};
        for (const QJsonValue &v : bad) {
            const HttpReply e = send(v);
            EXPECT_ERROR(e, 400, "validation_failed");
            QCOMPARE(e.object()
                         .value("error")
                         .toObject()
                         .value("details")
                         .toObject()
                         .value("field")
                         .toString(),
                     QStringLiteral("send_at"));
        }

        // Pause / resume: the batch after the change; repeated: unchanged.
        HttpReply p = t.http.post(QStringLiteral("/messages/batch/%1/pause").arg(now));
        EXPECT_STATUS(p, 200);
        QCOMPARE(p.value("state").toString(), QStringLiteral("paused"));
        QVERIFY(Clock::fromIso(p.value("paused_at").toString()) > 0);
        QVERIFY(p.value("eta").isNull());
        EXPECT_STATUS(t.http.post(QStringLiteral("/messages/batch/%1/pause").arg(now)), 200);
        p = t.http.post(QStringLiteral("/messages/batch/%1/resume").arg(now));
        EXPECT_STATUS(p, 200);
        QCOMPARE(p.value("state").toString(), QStringLiteral("running"));
        QVERIFY(p.value("paused_at").isNull());
        // Cancel a scheduled batch: both of its messages; then it is finished → 409.
        HttpReply c = t.http.post(QStringLiteral("/messages/batch/%1/cancel").arg(batch));
        EXPECT_STATUS(c, 200);
        QCOMPARE(c.value("cancelled").toInt(), 2);
        b = t.http.get(QStringLiteral("/messages/batch/%1").arg(batch));
        QCOMPARE(b.value("state").toString(), QStringLiteral("cancelled"));
        QVERIFY(b.value("eta").isNull());
        const HttpReply conflict =
            t.http.post(QStringLiteral("/messages/batch/%1/pause").arg(batch));
        EXPECT_ERROR(conflict, 409, "batch_finished");
        QCOMPARE(conflict.object()
                     .value("error")
                     .toObject()
                     .value("details")
                     .toObject()
                     .value("state")
                     .toString(),
                 QStringLiteral("cancelled"));
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages/batch/%1/resume").arg(batch)), 409,
                     "batch_finished");
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages/batch/nope/pause")), 404, "not_found");
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/batch/%1/pause").arg(batch)), 405,
                     "method_not_allowed");

        // The user's batches, newest first, paged.
        HttpReply l = t.http.get(QStringLiteral("/messages/batches/%1").arg(t.userId));
        EXPECT_STATUS(l, 200);
        QCOMPARE(l.value("total").toInt(), 4);
        const QJsonArray list = l.value("batches").toArray();
        QCOMPARE(list.size(), 4);
        QSet<QString> ids;
        for (const QJsonValue &v : list)
            ids.insert(v.toObject().value("batch_id").toString());
        QVERIFY(ids.contains(batch) && ids.contains(second) && ids.contains(now));
        l = t.http.get(QStringLiteral("/messages/batches/%1?limit=1&page=2").arg(t.userId));
        EXPECT_STATUS(l, 200);
        QCOMPARE(l.value("batches").toArray().size(), 1);
        QCOMPARE(l.value("batches").toArray().at(0).toObject().value("batch_id").toString(),
                 list.at(1).toObject().value("batch_id").toString());
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/batches/%1?limit=0").arg(t.userId)), 400,
                     "validation_failed");
        EXPECT_ERROR(t.http.get(QStringLiteral("/messages/batches/999999")), 404, "not_found");
    }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
