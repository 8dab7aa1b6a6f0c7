// R3: every route of users, numbers, contacts and messages (and vendors/connect/sandbox where
// an id can be named, the inbound routes of #14 and the webhooks of #15) called by vendor B with
// vendor A's ids answers 404 (403 for PUT /vendors/update with another id) and changes nothing: A's
// rows are compared before and after, straight from the database. The server has every controller
// the app has (core + WhatsApp), so a session route's 404 is the route's own, not "no such route".

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiJson.h"
#include "ApiServer.h"
#include "CoreServices.h"
#include "Router.h"
#include "SessionManager.h"
#include "WhatsAppControllers.h"
#include "accounts/AppUserStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorStore.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "inbound/OptOutService.h"
#include "messaging/BatchStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberCheckService.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "storage/Database.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QSqlQuery>

class TestTenantIsolation : public QObject
{
    Q_OBJECT

    struct World
    {
        Tenant a, b;
        qint64 numberA = 0, numberB = 0;
        QString phoneA; // A's WhatsApp number, normalised
        QList<qint64> contactsA;
        QString batchA;
        qint64 messageA = 0;
        qint64 inboundA = 0; // A1's messages to A's number: a text and an image
        qint64 inboundMediaA = 0;
        qint64 webhookA = 0, webhookB = 0; // each vendor's endpoint
        qint64 deliveryA = 0;              // a delivery of A's endpoint (pending: no deliverer)
    };

    static World build(TestApiServer &s)
    {
        World w;
        w.a = makeTenant(s);
        w.b = makeTenant(s);
        HttpReply r = w.a.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(w.a.userId),
                                    QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}, {"label", "A"}});
        w.numberA = idOf(r.value("number"));
        w.phoneA = r.value("number").toObject().value("phone_number").toString();
        r = w.b.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(w.b.userId),
                          QJsonObject{{"phone_number", "08030000002"}, {"sandbox", true}});
        w.numberB = idOf(r.value("number"));
        w.contactsA = addContacts(w.a, QJsonArray{contact("A1", "08031111111"), contact("A2", "08032222222")});
        addContacts(w.b, QJsonArray{contact("B1", "08033333333")});
        r = w.a.http.post(QStringLiteral("/messages"),
                          QJsonObject{{"user_id", w.a.userId},
                                      {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"}},
                                                              QJsonObject{{"number", "08032222222"}}}},
                                      {"message", "for A only"}});
        w.batchA = r.value("batch_id").toString();
        w.messageA = r.value("results").toArray().at(0).toObject().value("message_id").toInteger();
        InboundMessage in;
        in.fromPhone = QStringLiteral("2348031111111");
        in.chatWid = QStringLiteral("2348031111111@c.us");
        in.type = QStringLiteral("text");
        in.body = QStringLiteral("for A only: a reply");
        in.waMessageId = QStringLiteral("ISOLATION1");
        in.receivedAtMs = Clock::nowMs() - 1000;
        InboundMessage photo = in;
        photo.type = QStringLiteral("image");
        photo.body = QString();
        photo.mimetype = QStringLiteral("image/png");
        photo.waMessageId = QStringLiteral("ISOLATION2");
        const QList<InboundMessage> stored =
            s.core().inboundRecorder().recordNow(w.a.vendor.id, w.numberA, {in, photo});
        if (stored.size() == 2) {
            w.inboundA = stored.at(0).id;
            w.inboundMediaA = stored.at(1).id;
        }
        s.core().optOuts().optOut(w.a.vendor.id, w.a.userId, w.contactsA.at(1),
                                  QString(OptOutService::kOperator), QStringLiteral("asked"));
        r = w.a.http.post(QStringLiteral("/webhooks"),
                          QJsonObject{{"url", "https://a.example.com/hook"},
                                      {"events", QJsonArray{"*"}},
                                      {"app_user_id", w.a.userId}});
        w.webhookA = idOf(r.value("webhook"));
        r = w.b.http.post(
            QStringLiteral("/webhooks"),
            QJsonObject{{"url", "https://b.example.com/hook"}, {"events", QJsonArray{"*"}}});
        w.webhookB = idOf(r.value("webhook"));
        if (w.webhookA > 0)
            w.deliveryA = s.core().webhookOutbox().stageTest(w.a.vendor.id, w.webhookA).deliveryId;
        return w;
    }

    // Everything of A's, read from the database (not through the API under test).
    static QJsonObject snapshot(TestApiServer &s, const World &w)
    {
        CoreServices &core = s.core();
        const qint64 v = w.a.vendor.id;
        QJsonObject o;
        o.insert("user", ApiJson::user(*core.users().find(v, w.a.userId)));
        QJsonArray numbers;
        for (const WhatsAppNumber &n : core.numbers().listForUser(v, w.a.userId))
            numbers.append(ApiJson::number(n));
        o.insert("numbers", numbers);
        QJsonArray contacts;
        for (const Contact &c : core.contacts().search(v, w.a.userId, QString(), 1, 500).contacts)
            contacts.append(ContactJson::toJson(c));
        o.insert("contacts", contacts);
        QJsonArray messages;
        for (const Message &m : core.messages().listBatch(v, w.batchA))
            messages.append(ApiJson::message(m));
        o.insert("messages", messages);
        { // A's batch as a campaign: paused or not
            const auto row = BatchStore(core.database().connectionName()).find(v, w.batchA);
            o.insert("batch",
                     row ? QJsonArray{row->batchId, row->sendAt, row->pausedAt} : QJsonArray());
        }
        o.insert("subscriptions", int(core.subscriptions().listForUser(w.a.userId).size()));
        QJsonArray inbound;
        for (const InboundMessage &m : core.inbound().list(v, w.a.userId, {}).messages)
            inbound.append(QJsonArray{m.toJson(), m.readAtMs});
        o.insert("inbound", inbound);
        QJsonArray history;
        for (qint64 c : w.contactsA)
            for (const OptOutService::HistoryEntry &e : core.optOuts().history(v, c))
                history.append(e.toJson());
        o.insert("opt_history", history);
        o.insert("users", int(core.users().count(v)));
        QJsonArray webhooks; // A's endpoints and their live secrets
        for (const WebhookEndpoint &e : core.webhooks().list(v))
            webhooks.append(
                QJsonArray{e.toJson(), QJsonArray::fromStringList(core.webhooks().secrets(e.id))});
        o.insert("webhooks", webhooks);
        QJsonArray deliveries; // every delivery row of A's, as stored
        QSqlQuery q(core.database().connection());
        q.prepare(QStringLiteral("SELECT id, endpoint_id, event_id, status, attempts"
                                 " FROM webhook_deliveries WHERE api_consumer_id = ? ORDER BY id"));
        q.addBindValue(v);
        q.exec();
        while (q.next())
            deliveries.append(QJsonArray{q.value(0).toLongLong(), q.value(1).toLongLong(),
                                         q.value(2).toString(), q.value(3).toString(),
                                         q.value(4).toInt()});
        o.insert("webhook_deliveries", deliveries);
        return o;
    }

private Q_SLOTS:
    void otherVendorsIdsAre404()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        SessionManager sessions(s.core());
        addWhatsAppControllers(s.server(), s.core(), sessions);
        const World w = build(s);
        QVERIFY(w.numberA > 0 && w.numberB > 0 && w.contactsA.size() == 2 && w.messageA > 0);
        QVERIFY(w.inboundA > 0 && w.inboundMediaA > 0);
        QVERIFY(w.webhookA > 0 && w.webhookB > 0 && w.deliveryA > 0);
        const QString wa = "/webhooks/" + QString::number(w.webhookA);
        const QString wb = "/webhooks/" + QString::number(w.webhookB);
        const QString da = QString::number(w.deliveryA);
        const QString ia = QString::number(w.inboundA), ima = QString::number(w.inboundMediaA);
        const QString ca2 = QString::number(w.contactsA.at(1));
        const QJsonObject before = snapshot(s, w);
        const HttpClient &b = w.b.http;
        const QString ua = w.a.user(), ub = w.b.user();
        const QString na = QString::number(w.numberA);
        const QString ca = QString::number(w.contactsA.at(0));
        // #16: a number check of A's (only invalid phones: it completes without a session).
        const QString checkA =
            sessions.numberChecks().start(w.a.vendor.id, w.a.userId, {QStringLiteral("x")}).id;

        struct Call
        {
            QByteArray method;
            QString path;
            QJsonValue body;
        };
        const QList<Call> calls{
            {"GET", "/users/" + ua, {}},
            {"PATCH", "/users/" + ua, QJsonObject{{"name", "stolen"}}},
            {"DELETE", "/users/" + ua, {}},
            {"POST", "/whatsapp-numbers/" + ua + "/add",
             QJsonObject{{"phone_number", "08030000009"}}},
            {"PATCH", "/whatsapp-numbers/" + ua + "/update/" + na,
             QJsonObject{{"label", "stolen"}}},
            {"PATCH", "/whatsapp-numbers/" + ub + "/update/" + na,
             QJsonObject{{"label", "stolen"}}},
            {"GET", "/whatsapp-numbers/" + ua + "/list", {}},
            {"DELETE", "/whatsapp-numbers/" + ua + "/delete/" + na, {}},
            {"DELETE", "/whatsapp-numbers/" + ub + "/delete/" + na, {}},
            {"POST", "/contacts/" + ua + "/add", contact("X", "08039999999")},
            {"PATCH", "/contacts/" + ua + "/batch-update",
             QJsonObject{{"contacts",
                          QJsonArray{QJsonObject{{"id", w.contactsA.at(0)}, {"name", "stolen"}}}}}},
            {"PATCH", "/contacts/" + ua + "/" + ca, QJsonObject{{"name", "stolen"}}},
            {"PATCH", "/contacts/" + ub + "/" + ca, QJsonObject{{"name", "stolen"}}},
            {"DELETE", "/contacts/" + ua + "/batch-remove",
             QJsonObject{{"ids", QJsonArray{w.contactsA.at(0)}}}},
            {"GET", "/contacts/" + ua + "/list", {}},
            {"GET", "/contacts/" + ua + "/list?search=A1", {}},
            {"POST", "/messages",
             QJsonObject{{"user_id", w.a.userId},
                         {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"}}}},
                         {"message", "x"}}},
            {"POST", "/messages",
             QJsonObject{{"user_id", w.b.userId},
                         {"contacts", QJsonArray{QJsonObject{{"number", "08033333333"}}}},
                         {"message", "x"},
                         {"from_number_id", w.numberA}}},
            {"GET", "/messages/batch/" + w.batchA, {}},
            {"GET", "/messages/" + QString::number(w.messageA), {}},
            {"POST", "/messages/batch/" + w.batchA + "/cancel", {}},
            // #16: campaign controls and the batch list.
            {"POST", "/messages/batch/" + w.batchA + "/pause", {}},
            {"POST", "/messages/batch/" + w.batchA + "/resume", {}},
            {"GET", "/messages/batches/" + ua, {}},
            {"GET", "/messages/batches/" + ua + "?limit=5", {}},
            {"POST", "/messages",
             QJsonObject{{"user_id", w.a.userId},
                         {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"}}}},
                         {"message", "x"},
                         {"send_at", "2099-01-01T00:00:00Z"}}},
            // Session routes name the user and the phone.
            {"POST", "/connect/" + ua + "/" + w.phoneA, {}},
            {"GET", "/connect/" + ua + "/" + w.phoneA, {}},
            {"DELETE", "/connect/" + ua + "/" + w.phoneA, {}},
            {"POST", "/connect/" + ub + "/" + w.phoneA, {}},
            {"POST", "/sandbox/" + ua + "/" + w.phoneA + "/scan", {}},
            {"GET", "/sandbox/" + ua + "/" + w.phoneA + "/outbox", {}},
            // #13: the routes this list did not name yet, and B's own user with A's phone.
            {"POST", "/sandbox/" + ua + "/" + w.phoneA + "/logout", {}},
            {"POST", "/sandbox/" + ub + "/" + w.phoneA + "/scan", {}},
            {"GET", "/sandbox/" + ub + "/" + w.phoneA + "/outbox", {}},
            {"POST", "/sandbox/" + ub + "/" + w.phoneA + "/logout", {}},
            {"GET", "/connect/" + ub + "/" + w.phoneA, {}},
            {"DELETE", "/connect/" + ub + "/" + w.phoneA, {}},
            {"GET", "/users/" + ua + "/", {}},
            // #14: inbound messages, conversations, opt-out, the simulated customer.
            {"GET", "/messages/inbound/" + ua, {}},
            {"GET", "/messages/inbound/" + ua + "?contact=" + ca, {}},
            {"GET", "/messages/inbound/" + ub + "?contact=" + ca, {}},
            {"GET", "/messages/inbound/" + ia + "/media", {}},
            {"GET", "/messages/inbound/" + ima + "/media", {}},
            {"POST", "/messages/inbound/" + ia + "/read", {}},
            {"GET", "/conversations/" + ua + "/08031111111", {}},
            {"POST", "/contacts/" + ua + "/" + ca2 + "/opt-in", QJsonObject{{"reason", "stolen"}}},
            {"POST", "/contacts/" + ub + "/" + ca2 + "/opt-in", QJsonObject{{"reason", "stolen"}}},
            {"GET", "/contacts/" + ua + "/" + ca + "/opt-outs", {}},
            {"GET", "/contacts/" + ub + "/" + ca + "/opt-outs", {}},
            {"POST", "/sandbox/" + ua + "/" + w.phoneA + "/incoming",
             QJsonObject{{"from", "08031111111"}, {"body", "stolen"}}},
            {"POST", "/sandbox/" + ub + "/" + w.phoneA + "/incoming",
             QJsonObject{{"from", "08031111111"}, {"body", "stolen"}}},
            // #15: A's webhook endpoint and its delivery log; B's endpoint with A's user or
            // A's delivery.
            {"GET", wa, {}},
            {"PATCH", wa, QJsonObject{{"description", "stolen"}}},
            {"PATCH", wa, QJsonObject{{"enabled", false}}},
            {"DELETE", wa, {}},
            {"POST", wa + "/rotate-secret", {}},
            {"POST", wa + "/test", {}},
            {"GET", wa + "/deliveries", {}},
            {"GET", wa + "/deliveries?status=pending", {}},
            {"POST", wa + "/deliveries/" + da + "/replay", {}},
            {"POST", wb + "/deliveries/" + da + "/replay", {}},
            {"PATCH", wb, QJsonObject{{"app_user_id", w.a.userId}, {"description", "stolen"}}},
            {"POST", "/webhooks",
             QJsonObject{{"url", "https://stolen.example.com/"},
                         {"events", QJsonArray{"*"}},
                         {"app_user_id", w.a.userId}}},
            // #16: number checks name the user and the check.
            {"POST", "/numbers/check/" + ua, QJsonObject{{"phones", QJsonArray{"08031111111"}}}},
            {"GET", "/numbers/check/" + ua + "/" + checkA, {}},
            {"DELETE", "/numbers/check/" + ua + "/" + checkA, {}},
            {"GET", "/numbers/check/" + ub + "/" + checkA, {}},
            {"DELETE", "/numbers/check/" + ub + "/" + checkA, {}},
        };
        for (const Call &c : calls) {
            const QByteArray body = c.body.isObject()
                                        ? QJsonDocument(c.body.toObject()).toJson(QJsonDocument::Compact)
                                        : QByteArray();
            // The 404 must be the route's own answer, not "no such route".
            static const QHash<QByteArray, QHttpServerRequest::Method> methods{
                {"GET", QHttpServerRequest::Method::Get},
                {"POST", QHttpServerRequest::Method::Post},
                {"PUT", QHttpServerRequest::Method::Put},
                {"PATCH", QHttpServerRequest::Method::Patch},
                {"DELETE", QHttpServerRequest::Method::Delete}};
            QVERIFY2(s.server()
                         .router()
                         .match(methods.value(c.method), c.path.section('?', 0, 0))
                         .handler,
                     qPrintable(QStringLiteral("no route serves %1 %2")
                                    .arg(QString::fromLatin1(c.method), c.path)));
            const HttpReply r = b.request(c.method, c.path, body);
            if (r.status != 404 || r.errorCode() != QLatin1String("not_found") || !hasErrorShape(r))
                QFAIL(qPrintable(QStringLiteral("%1 %2 → expected 404 not_found, got %3")
                                     .arg(QString::fromLatin1(c.method), c.path, r.describe())));
            // Nothing of A's leaks into the answer either.
            QVERIFY2(!r.body.contains("for A only") && !r.body.contains("stolen"), r.body.constData());
        }

        // Routes scoped to B's own user, naming A's rows inside the body: they see none of them.
        HttpReply r = b.patch("/contacts/" + ub + "/batch-update",
                              QJsonObject{{"contacts", QJsonArray{QJsonObject{{"id", w.contactsA.at(0)}, {"name", "stolen"}}}}});
        EXPECT_STATUS(r, 207);
        QCOMPARE(r.value("results").toArray().at(0).toObject().value("status").toString(), QStringLiteral("not_found"));
        r = b.request("DELETE", "/contacts/" + ub + "/batch-remove",
                      QJsonDocument(QJsonObject{{"ids", QJsonArray{w.contactsA.at(0), w.contactsA.at(1)}}}).toJson());
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("removed").toInt(), 0);
        r = b.post("/messages", QJsonObject{{"user_id", w.b.userId},
                                            {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"}}}},
                                            {"message", "x"}});
        EXPECT_ERROR(r, 422, "no_valid_recipients"); // A's contact is not in B's list
        r = b.get("/users/list");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("users").toArray().size(), 1);
        QCOMPARE(idOf(r.value("users").toArray().at(0)), w.b.userId);
        // B's own inbound list and conversation: none of A's replies.
        r = b.get("/messages/inbound/" + ub);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("total").toInt(), 0);
        r = b.get("/conversations/" + ub + "/08031111111");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("messages").toArray().size(), 0);
        r = b.get("/contacts/" + ub + "/list?search=A1");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("total").toInt(), 0);
        // B's own endpoints: its one only, and its log holds nothing of A's.
        r = b.get("/webhooks");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("webhooks").toArray().size(), 1);
        QCOMPARE(idOf(r.value("webhooks").toArray().at(0)), w.webhookB);
        r = b.get(wb + "/deliveries");
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("deliveries").toArray().size(), 0);
        r = b.post("/whatsapp-numbers/" + ub + "/add", QJsonObject{{"phone_number", "08030000001"}});
        EXPECT_STATUS(r, 201); // the same phone under another vendor is not "taken"
        r = b.put("/vendors/update", QJsonObject{{"id", w.a.vendor.id}, {"name", "stolen"}});
        EXPECT_ERROR(r, 403, "forbidden");

        QCOMPARE(snapshot(s, w), before);
        QCOMPARE(s.core().vendors().find(w.a.vendor.id)->name, w.a.vendor.json.value("name").toString());
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestTenantIsolation)
#include "tst_tenant_isolation.moc"
