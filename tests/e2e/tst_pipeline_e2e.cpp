// The message pipeline end to end through the real `wamator --headless` binary on sandbox
// numbers: REST + a real WebSocket client + the simulator's outbox + a real HTTP server for
// media. See docs/pipeline.md for the rules checked here.
//
// "Retried then sent" is proven in tests/core/tst_outboxdispatcher (a scripted sender whose
// outcome is transient once) and end to end by tst_crash_recovery's R6 (the renderer is killed
// mid-batch: the sends in flight come back transient, the session recovers, all are sent). The
// simulator's #sim-network-error fails every attempt, so here it proves "retried, then failed
// after max_send_attempts".

#include "LocalHttpServer.h"
#include "PipelineHarness.h"
#include "TestSupport.h"

#include <QDir>
#include <QSet>
#include <QTest>

using namespace e2e;

namespace {

QJsonObject contact(const QString &name, const QString &phone)
{
    return QJsonObject{{"name", name}, {"phone_number", phone}};
}

QJsonArray numbers(const QStringList &phones)
{
    QJsonArray out;
    for (const QString &p : phones)
        out.append(QJsonObject{{"number", p}});
    return out;
}

QJsonObject resultFor(const QJsonObject &answer, const QString &number)
{
    for (const QJsonValue &v : answer.value("results").toArray())
        if (v.toObject().value("number").toString() == number)
            return v.toObject();
    return {};
}

QJsonObject outboxEntryTo(const QJsonArray &outbox, const QString &digits, const QString &type = {})
{
    for (const QJsonValue &v : outbox) {
        const QJsonObject o = v.toObject();
        if (o.value("to").toString().startsWith(digits)
            && (type.isEmpty() || o.value("type").toString() == type))
            return o;
    }
    return {};
}

} // namespace

class TestPipelineE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusesEventsMediaRetriesQuotaCancelExpiry()
    {
        TempDataDir dir;
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/photo.png"), {200, "image/png", LocalHttpServer::pngBytes()});
        http.route(QStringLiteral("/receipt.pdf"), {200, "application/pdf", LocalHttpServer::pdfBytes()});
        LocalHttpServer::Response huge{200, "image/jpeg", {}};
        huge.generatedBytes = 17LL * 1024 * 1024;
        http.route(QStringLiteral("/huge.jpg"), huge);

        App app(dir.file(QStringLiteral("data")));
        app.env().insert(QStringLiteral("WAMATOR_MAX_SEND_ATTEMPTS"), QStringLiteral("3"));
        app.env().insert(QStringLiteral("WAMATOR_RETRY_BASE_DELAY_MS"), QStringLiteral("200"));
        app.env().insert(QStringLiteral("WAMATOR_MESSAGE_TTL_SECONDS"), QStringLiteral("60"));
        // The media server is on loopback: private media URLs are refused by default.
        app.env().insert(QStringLiteral("WAMATOR_ALLOW_PRIVATE_MEDIA_URLS"), QStringLiteral("1"));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 100, QStringLiteral("08031110001")));
        Events events;
        QVERIFY(events.open(app.port(), w.apiKey));

        // A second user without any number: its messages wait, can be cancelled, expire.
        const Reply u2 = api.post(QStringLiteral("/users/register"),
                                  QJsonObject{{"name", "Idle"}, {"email", "idle@example.com"}});
        QCOMPARE(u2.status, 201);
        const qint64 idleUser = u2.json.value("user").toObject().value("id").toInteger();
        const Reply plan5 = api.admin("POST", QStringLiteral("/admin/plans"),
                                      QJsonObject{{"name", "Small"}, {"max_phone_numbers", 1},
                                                  {"max_messages", 5}});
        QCOMPARE(plan5.status, 201);
        QCOMPARE(api.admin("POST", QStringLiteral("/admin/subscriptions"),
                           QJsonObject{{"app_user_id", idleUser},
                                       {"plan_id", plan5.json.value("plan").toObject().value("id")},
                                       {"ends_at", Clock::toIso(Clock::nowMs() + 86400000LL)}})
                     .status,
                 201);
        QCOMPARE(api.post(QStringLiteral("/contacts/%1/add").arg(idleUser),
                          QJsonArray{contact("A", "08035550001"), contact("B", "08035550002"),
                                     contact("C", "08035550003")})
                     .status,
                 201);
        const Reply expiring = api.post(QStringLiteral("/messages"),
                                        QJsonObject{{"user_id", idleUser},
                                                    {"contacts", numbers({"08035550001", "08035550002", "08035550003"})},
                                                    {"message", "never sent"}});
        QCOMPARE(expiring.status, 200);
        const QElapsedTimer sinceExpiring = [] { QElapsedTimer t; t.start(); return t; }();

        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QVERIFY(addContacts(api, w, QJsonArray{contact("John", "08032220001"),
                                               QJsonObject{{"name", "Mary"}, {"phone_number", "08032220002"},
                                                           {"nickname", "Em"}},
                                               contact("Ghost", "08032220000")}));

        // --- a templated text batch, one recipient not on WhatsApp ---
        const Reply sent = api.post(
            QStringLiteral("/messages"),
            QJsonObject{{"user_id", w.userId},
                        {"contacts", QJsonArray{QJsonObject{{"number", "08032220001"},
                                                            {"metadata", QJsonObject{{"order", "A1"}}}},
                                                QJsonObject{{"number", "08032220002"}},
                                                QJsonObject{{"number", "+2348032220000"}}}},
                        {"message", "Hello {{name}} ({{nickname|friend}}), order {{order|none}}"},
                        {"template_id", "order_ready"}});
        QVERIFY2(sent.status == 200, qPrintable(sent.describe()));
        const QString batchId = sent.json.value("batch_id").toString();
        const qint64 john = resultFor(sent.json, "08032220001").value("message_id").toInteger();
        const qint64 mary = resultFor(sent.json, "08032220002").value("message_id").toInteger();
        const qint64 ghost = resultFor(sent.json, "+2348032220000").value("message_id").toInteger();
        QVERIFY(john > 0 && mary > 0 && ghost > 0);
        QVERIFY2(waitFor([&]() {
                     const QJsonObject b = batch(api, batchId);
                     return count(b, "read") == 2 && count(b, "failed") == 1;
                 }, 60000),
                 qPrintable(QJsonDocument(batch(api, batchId)).toJson()));

        const QStringList happy{"sending", "sent", "delivered", "read"};
        QVERIFY(waitFor([&]() { return events.statuses(john) == happy && events.statuses(mary) == happy; }, 10000));
        QCOMPARE(events.statuses(ghost), QStringList{"failed"});
        const QJsonObject ghostEvent = events.statusEvents(ghost).first();
        QCOMPARE(ghostEvent.value("error_message").toString(), QStringLiteral("not_on_whatsapp"));
        QCOMPARE(ghostEvent.value("user_id").toInteger(), w.userId);
        QCOMPARE(ghostEvent.value("batch_id").toString(), batchId);
        QCOMPARE(ghostEvent.value("recipient").toString(), QStringLiteral("2348032220000"));
        QVERIFY(Clock::fromIso(ghostEvent.value("at").toString()) > 0);
        const QJsonObject johnRead = events.statusEvents(john).last();
        const QStringList keys = johnRead.keys();
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()),
                 (QSet<QString>{"event", "user_id", "batch_id", "message_id", "recipient", "status",
                                "error_message", "at"}));
        QVERIFY(johnRead.value("error_message").isNull());

        const QJsonObject johnMsg = api.get(QStringLiteral("/messages/%1").arg(john)).json.value("message").toObject();
        QCOMPARE(johnMsg.value("status").toString(), QStringLiteral("read"));
        QCOMPARE(johnMsg.value("number_id").toInteger(), w.numberId);
        QCOMPARE(johnMsg.value("template_id").toString(), QStringLiteral("order_ready"));
        QVERIFY(!johnMsg.value("wa_message_id").toString().isEmpty());
        QVERIFY(!johnMsg.value("sent_at").isNull() && !johnMsg.value("delivered_at").isNull()
                && !johnMsg.value("read_at").isNull());
        const QJsonObject ghostMsg = api.get(QStringLiteral("/messages/%1").arg(ghost)).json.value("message").toObject();
        QCOMPARE(ghostMsg.value("status").toString(), QStringLiteral("failed"));
        QCOMPARE(ghostMsg.value("error_message").toString(), QStringLiteral("not_on_whatsapp"));

        QJsonArray box;
        QVERIFY(waitFor([&]() { box = outbox(api, w); return box.size() >= 2; }, 10000));
        QCOMPARE(box.size(), 2);
        QCOMPARE(outboxEntryTo(box, "2348032220001").value("body").toString(),
                 QStringLiteral("Hello John (friend), order A1"));
        QCOMPARE(outboxEntryTo(box, "2348032220002").value("body").toString(),
                 QStringLiteral("Hello Mary (Em), order none"));
        QVERIFY(outboxEntryTo(box, "2348032220001").value("id").toString().contains(johnMsg.value("wa_message_id").toString()));
        QVERIFY(outboxEntryTo(box, "2348032220000").isEmpty());

        // --- media: image and document once per batch; too big and 404 fail clearly ---
        auto media = [&](const QString &path, const QString &caption) {
            return api.post(QStringLiteral("/messages"),
                            QJsonObject{{"user_id", w.userId},
                                        {"contacts", numbers({"08032220001", "08032220002"})},
                                        {"file_url", http.url(path)},
                                        {"caption", caption}});
        };
        const Reply image = media(QStringLiteral("/photo.png"), QStringLiteral("Pic for {{name}}"));
        const Reply doc = media(QStringLiteral("/receipt.pdf"), QStringLiteral("Receipt"));
        const Reply tooBig = media(QStringLiteral("/huge.jpg"), QString());
        const Reply gone = media(QStringLiteral("/gone.png"), QString());
        for (const Reply *r : {&image, &doc, &tooBig, &gone})
            QVERIFY2(r->status == 200, qPrintable(r->describe()));
        QVERIFY2(waitFor([&]() {
                     return count(batch(api, image.json.value("batch_id").toString()), "read") == 2
                            && count(batch(api, doc.json.value("batch_id").toString()), "read") == 2
                            && count(batch(api, tooBig.json.value("batch_id").toString()), "failed") == 2
                            && count(batch(api, gone.json.value("batch_id").toString()), "failed") == 2;
                 }, 60000),
                 qPrintable(QJsonDocument(batch(api, tooBig.json.value("batch_id").toString())).toJson()));
        QCOMPARE(http.hits(QStringLiteral("/photo.png")), 1);
        QCOMPARE(http.hits(QStringLiteral("/receipt.pdf")), 1);
        QCOMPARE(http.hits(QStringLiteral("/huge.jpg")), 1);
        for (const QJsonValue &v : batch(api, tooBig.json.value("batch_id").toString()).value("messages").toArray())
            QCOMPARE(v.toObject().value("error_message").toString(), QStringLiteral("media_too_large"));
        for (const QJsonValue &v : batch(api, gone.json.value("batch_id").toString()).value("messages").toArray()) {
            QCOMPARE(v.toObject().value("error_message").toString(), QStringLiteral("media_unreachable"));
            QCOMPARE(events.statuses(v.toObject().value("id").toInteger()), QStringList{"failed"});
        }
        QVERIFY(waitFor([&]() { box = outbox(api, w); return box.size() >= 6; }, 10000));
        QCOMPARE(box.size(), 6);
        const QJsonObject pic = outboxEntryTo(box, "2348032220002", "image");
        QCOMPARE(pic.value("mimetype").toString(), QStringLiteral("image/png"));
        QCOMPARE(pic.value("size").toInteger(), LocalHttpServer::pngBytes().size());
        QCOMPARE(pic.value("caption").toString(), QStringLiteral("Pic for Mary"));
        const QJsonObject pdf = outboxEntryTo(box, "2348032220001", "document");
        QCOMPARE(pdf.value("mimetype").toString(), QStringLiteral("application/pdf"));
        QCOMPARE(pdf.value("filename").toString(), QStringLiteral("receipt.pdf"));
        QCOMPARE(pdf.value("size").toInteger(), LocalHttpServer::pdfBytes().size());
        // Every media batch is done: its cached file is dropped now, not at the next start-up.
        const QString mediaDir = dir.file(QStringLiteral("data")) + QStringLiteral("/media");
        QVERIFY2(waitFor([&]() { return QDir(mediaDir).entryList(QDir::Files).isEmpty(); }, 10000),
                 qPrintable(QDir(mediaDir).entryList(QDir::Files).join(QLatin1Char(','))));

        // --- a transient failure on every attempt: retried, then failed after 3 attempts ---
        const Reply flaky = api.post(QStringLiteral("/messages"),
                                     QJsonObject{{"user_id", w.userId},
                                                 {"contacts", numbers({"08032220001"})},
                                                 {"message", "boom #sim-network-error"}});
        QCOMPARE(flaky.status, 200);
        const qint64 flakyId = flaky.json.value("results").toArray().at(0).toObject().value("message_id").toInteger();
        QVERIFY(waitFor([&]() {
            return api.get(QStringLiteral("/messages/%1").arg(flakyId)).json.value("message").toObject()
                       .value("status").toString() == QLatin1String("failed");
        }, 60000));
        const QJsonObject flakyMsg = api.get(QStringLiteral("/messages/%1").arg(flakyId)).json.value("message").toObject();
        QCOMPARE(flakyMsg.value("error_message").toString(), QStringLiteral("ERROR_NETWORK"));
        QVERIFY(waitFor([&]() { return events.statuses(flakyId).size() == 6; }, 5000));
        QCOMPARE(events.statuses(flakyId),
                 (QStringList{"sending", "pending", "sending", "pending", "sending", "failed"}));
        QCOMPARE(events.statusEvents(flakyId).at(1).value("error_message").toString(), QStringLiteral("ERROR_NETWORK"));
        QCOMPARE(outbox(api, w).size(), 6); // WhatsApp never received it

        // --- cancel (user without a number: nothing can be sent) and quota ---
        const Reply toCancel = api.post(QStringLiteral("/messages"),
                                        QJsonObject{{"user_id", idleUser},
                                                    {"contacts", numbers({"08035550001", "08035550002"})},
                                                    {"message", "cancel me"}});
        QCOMPARE(toCancel.status, 200);
        const QString cancelBatch = toCancel.json.value("batch_id").toString();
        const Reply cancelled = api.post(QStringLiteral("/messages/batch/%1/cancel").arg(cancelBatch));
        QCOMPARE(cancelled.status, 200);
        QCOMPARE(cancelled.json.value("cancelled").toInt(), 2);
        QCOMPARE(count(batch(api, cancelBatch), "cancelled"), 2);
        for (const QJsonValue &v : toCancel.json.value("results").toArray())
            QVERIFY(waitFor([&]() {
                return events.statuses(v.toObject().value("message_id").toInteger()) == QStringList{"cancelled"};
            }, 5000));
        // 3 of 5 used (cancelled ones do not count): 3 more is over the quota, nothing queued.
        const Reply over = api.post(QStringLiteral("/messages"),
                                    QJsonObject{{"user_id", idleUser},
                                                {"contacts", numbers({"08035550001", "08035550002", "08035550003"})},
                                                {"message", "too many"}});
        QCOMPARE(over.status, 403);
        QCOMPARE(over.json.value("error").toObject().value("code").toString(), QStringLiteral("quota_exceeded"));
        QCOMPARE(over.json.value("error").toObject().value("details").toObject().value("remaining").toInt(), 2);

        // --- expiry: the idle user's first batch had no ready number for the TTL (60 s) ---
        const QString expBatch = expiring.json.value("batch_id").toString();
        QVERIFY2(waitFor([&]() { return count(batch(api, expBatch), "expired") == 3; },
                         int(std::max<qint64>(1000, 75000 - sinceExpiring.elapsed()))),
                 qPrintable(QJsonDocument(batch(api, expBatch)).toJson()));
        for (const QJsonValue &v : batch(api, expBatch).value("messages").toArray()) {
            const QJsonObject m = v.toObject();
            QCOMPARE(m.value("error_message").toString(), QStringLiteral("no_ready_number"));
            QVERIFY(waitFor([&]() { return events.statuses(m.value("id").toInteger()) == QStringList{"expired"}; }, 5000));
        }
        QVERIFY(sinceExpiring.elapsed() >= 55000); // not before the TTL
        app.stop();
    }

    // Issue #10 item 12: right after a batch reported its messages sent (or further), the
    // sandbox outbox answered [] (the copy of the page's outbox was refreshed at most twice a
    // second, and only once someone had asked). Now every message the batch counts as sent is
    // in the outbox at once, with at least that ack. Checked the moment each status event
    // arrives, with no earlier outbox read to warm anything up.
    void outboxHoldsEverySentMessageAtOnce()
    {
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 1000, QStringLiteral("08031110003")));
        Events events;
        QVERIFY(events.open(app.port(), w.apiKey));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QStringList phones;
        QJsonArray contacts;
        for (int i = 0; i < 40; ++i) { // none ends in 0000 (the simulator fails those)
            phones << QStringLiteral("080355%1").arg(10001 + i);
            contacts.append(contact(QStringLiteral("P%1").arg(i), phones.last()));
        }
        QVERIFY(addContacts(api, w, contacts));
        const Reply r =
            api.post(QStringLiteral("/messages"), QJsonObject{{"user_id", w.userId},
                                                              {"contacts", numbers(phones)},
                                                              {"message", "hello {{name}}"}});
        QCOMPARE(r.status, 200);
        const QString batchId = r.json.value("batch_id").toString();
        const QHash<QString, int> ackOf{{"sent", 1}, {"delivered", 2}, {"read", 3}};

        int seenFrames = 0;
        int checks = 0;
        bool allRead = false;
        while (!allRead) {
            // The next status event, then at once: the batch, the outbox.
            QVERIFY2(waitFor([&]() { return events.frames().size() > seenFrames; }, 60000),
                     qPrintable(QJsonDocument(batch(api, batchId)).toJson()));
            seenFrames = int(events.frames().size());
            const QJsonObject view = batch(api, batchId);
            const QJsonArray box = outbox(api, w);
            QHash<QString, int> outboxAck; // wa id → ack
            for (const QJsonValue &v : box) {
                const QString id = v.toObject().value("id").toString();
                outboxAck.insert(id.section(QLatin1Char('_'), 2, 2),
                                 v.toObject().value("ack").toInt());
            }
            int sentOrLater = 0;
            for (const QJsonValue &v : view.value("messages").toArray()) {
                const QJsonObject m = v.toObject();
                const QString status = m.value("status").toString();
                if (!ackOf.contains(status))
                    continue;
                ++sentOrLater;
                const QString waId = m.value("wa_message_id").toString();
                QVERIFY2(
                    outboxAck.contains(waId),
                    qPrintable(QStringLiteral("message %1 is %2 but not in the outbox (%3 entries)")
                                   .arg(m.value("id").toInteger())
                                   .arg(status)
                                   .arg(box.size())));
                QVERIFY2(outboxAck.value(waId) >= ackOf.value(status),
                         qPrintable(QStringLiteral("message %1 is %2, outbox ack %3")
                                        .arg(m.value("id").toInteger())
                                        .arg(status)
                                        .arg(outboxAck.value(waId))));
            }
            checks += sentOrLater > 0 ? 1 : 0;
            allRead = count(view, "read") == int(phones.size());
        }
        QVERIFY(checks > 0);
        QCOMPARE(outbox(api, w).size(), phones.size());
    }

    void pacingHonouredWhenOnForSandbox()
    {
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        app.env().insert(QStringLiteral("WAMATOR_PACING_SANDBOX"), QStringLiteral("1"));
        app.env().insert(QStringLiteral("WAMATOR_PACING_MIN_DELAY_MS"), QStringLiteral("1500"));
        app.env().insert(QStringLiteral("WAMATOR_PACING_MAX_DELAY_MS"), QStringLiteral("1600"));
        app.env().insert(QStringLiteral("WAMATOR_TYPING_MAX_MS"), QStringLiteral("200"));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 100, QStringLiteral("08031110002")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QStringList phones;
        QJsonArray contacts;
        for (int i = 0; i < 4; ++i) {
            phones << QStringLiteral("0803444000%1").arg(i + 1);
            contacts.append(contact(QStringLiteral("P%1").arg(i), phones.last()));
        }
        QVERIFY(addContacts(api, w, contacts));
        const Reply r = api.post(QStringLiteral("/messages"),
                                 QJsonObject{{"user_id", w.userId}, {"contacts", numbers(phones)},
                                             {"message", "paced {{name}}"}});
        QCOMPARE(r.status, 200);
        QJsonArray box;
        QVERIFY(waitFor([&]() { box = outbox(api, w); return box.size() == 4; }, 60000));
        // `t` is WhatsApp's time in seconds: with at least 1.5 s between sends, every next
        // message is at least a second later, and the four span at least 4 s.
        QList<qint64> times;
        for (const QJsonValue &v : box)
            times << v.toObject().value("t").toInteger();
        std::sort(times.begin(), times.end());
        for (int i = 1; i < times.size(); ++i)
            QVERIFY2(times.at(i) - times.at(i - 1) >= 1, qPrintable(QStringLiteral("t %1 → %2").arg(times.at(i - 1)).arg(times.at(i))));
        QVERIFY(times.last() - times.first() >= 4);
        app.stop();
    }
};

QTEST_GUILESS_MAIN(TestPipelineE2e)
#include "tst_pipeline_e2e.moc"
