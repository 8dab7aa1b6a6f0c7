// Scheduled and controlled campaigns (issue #16) through the real `wamator --headless` binary on
// a sandbox number; the simulator's outbox (what "WhatsApp" received) is the judge.
//   - send_at across a restart: a batch scheduled 3 s ahead, the app killed (-9) before then and
//     started again: every message is sent, at or after send_at, exactly once.
//   - pause / resume / cancel: while paused no message reaches the simulator; resumed, the rest
//     do; a scheduled batch cancelled sends nothing; the counts and states say so.

#include "PipelineHarness.h"
#include "TestSupport.h"

#include <QHash>
#include <QSet>
#include <QTest>

using namespace e2e;

namespace {

QString phoneFor(int i)
{
    return QStringLiteral("08036%1").arg(i + 1, 6, 10, QLatin1Char('0'));
}

int sentOrLater(const QJsonObject &view)
{
    return count(view, "sent") + count(view, "delivered") + count(view, "read");
}

// Every recipient whose body starts with `prefix` appears exactly once in the outbox; returns
// how many did.
int onceEach(const QJsonArray &box, const QString &prefix)
{
    QHash<QString, int> perRecipient;
    for (const QJsonValue &v : box) {
        const QJsonObject o = v.toObject();
        if (o.value("body").toString().startsWith(prefix))
            perRecipient[o.value("to").toString()] += 1;
    }
    for (auto it = perRecipient.cbegin(); it != perRecipient.cend(); ++it)
        if (it.value() != 1)
            return -1;
    return int(perRecipient.size());
}

int withPrefix(const QJsonArray &box, const QString &prefix)
{
    int n = 0;
    for (const QJsonValue &v : box)
        n += v.toObject().value("body").toString().startsWith(prefix) ? 1 : 0;
    return n;
}

} // namespace

class TestCampaignE2e : public QObject
{
    Q_OBJECT

    // The app on `app`'s directory with a ready sandbox number and `n` contacts.
    void prepare(App &app, Api &api, World &w, const QString &phone, int n)
    {
        QVERIFY2(app.start(), qPrintable(app.log()));
        api.setPort(app.port());
        QVERIFY(setUp(api, w, 100000, phone));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QJsonArray contacts;
        for (int i = 0; i < n; ++i)
            contacts.append(
                QJsonObject{{"name", QStringLiteral("C%1").arg(i)}, {"phone_number", phoneFor(i)}});
        QVERIFY(addContacts(api, w, contacts));
    }
    static QJsonArray recipients(int from, int to)
    {
        QJsonArray out;
        for (int i = from; i < to; ++i)
            out.append(QJsonObject{{"number", phoneFor(i)}});
        return out;
    }

private Q_SLOTS:
    void sendAtAcrossARestart()
    {
        constexpr int kMessages = 5;
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        Api api;
        World w;
        prepare(app, api, w, QStringLiteral("08031110016"), kMessages);
        if (QTest::currentTestFailed())
            return;
        const qint64 sendAt = Clock::nowMs() + 3000;
        const Reply r = api.post(QStringLiteral("/messages"),
                                 QJsonObject{{"user_id", w.userId},
                                             {"contacts", recipients(0, kMessages)},
                                             {"message", "S1 {{name}}"},
                                             {"send_at", double(sendAt)}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY(qAbs(Clock::fromIso(r.json.value("send_at").toString()) - sendAt) < 1000);
        const QString batchId = r.json.value("batch_id").toString();
        QJsonObject view = batch(api, batchId);
        QCOMPARE(view.value("state").toString(), QStringLiteral("scheduled"));
        QCOMPARE(count(view, "scheduled"), kMessages);
        QVERIFY(Clock::nowMs() < sendAt); // the kill comes before send_at
        app.kill9();
        QVERIFY(Clock::nowMs() < sendAt);

        QVERIFY2(app.start(), qPrintable(app.log()));
        api.setPort(app.port());
        QVERIFY2(waitFor([&]() { return connectState(api, w) == QLatin1String("ready"); }, 120000),
                 qPrintable(app.log()));
        QVERIFY2(waitFor(
                     [&]() {
                         view = batch(api, batchId);
                         return sentOrLater(view) == kMessages;
                     },
                     120000),
                 qPrintable(QJsonDocument(view).toJson() + app.log()));
        QCOMPARE(view.value("state").toString(), QStringLiteral("completed"));
        for (const QJsonValue &v : view.value("messages").toArray()) {
            const qint64 sentAt = Clock::fromIso(v.toObject().value("sent_at").toString());
            QVERIFY2(sentAt >= sendAt / 1000 * 1000,
                     qPrintable(QStringLiteral("sent %1 ms before send_at").arg(sendAt - sentAt)));
        }
        QJsonArray box;
        QVERIFY(waitFor(
            [&]() {
                box = outbox(api, w);
                return withPrefix(box, "S1 ") >= kMessages;
            },
            30000));
        QTest::qWait(500);
        box = outbox(api, w);
        QCOMPARE(onceEach(box, QStringLiteral("S1 ")), kMessages);
        app.stop();
    }

    void pauseResumeCancel()
    {
        constexpr int kMessages = 24;
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        // Paced sandbox: ~8 sends a second, so a pause lands mid-batch.
        app.env().insert(QStringLiteral("WAMATOR_PACING_SANDBOX"), QStringLiteral("1"));
        app.env().insert(QStringLiteral("WAMATOR_PACING_MIN_DELAY_MS"), QStringLiteral("100"));
        app.env().insert(QStringLiteral("WAMATOR_PACING_MAX_DELAY_MS"), QStringLiteral("150"));
        app.env().insert(QStringLiteral("WAMATOR_TYPING_MS_PER_CHAR"), QStringLiteral("0"));
        Api api;
        World w;
        prepare(app, api, w, QStringLiteral("08031110017"), kMessages + 4);
        if (QTest::currentTestFailed())
            return;
        Reply r = api.post(QStringLiteral("/messages"),
                           QJsonObject{{"user_id", w.userId},
                                       {"contacts", recipients(0, kMessages)},
                                       {"message", "P1 {{name}}"}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        const QString batchId = r.json.value("batch_id").toString();
        QVERIFY2(waitFor([&]() { return withPrefix(outbox(api, w), "P1 ") >= 3; }, 60000),
                 qPrintable(app.log()));
        r = api.post(QStringLiteral("/messages/batch/%1/pause").arg(batchId));
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.json.value("state").toString(), QStringLiteral("paused"));
        QTest::qWait(600); // a send under way finishes
        const int atPause = withPrefix(outbox(api, w), "P1 ");
        QVERIFY2(atPause < kMessages, "the batch finished before the pause");
        QTest::qWait(2000); // ~16 sends' time at this pace
        QCOMPARE(withPrefix(outbox(api, w), "P1 "), atPause);
        QJsonObject view = batch(api, batchId);
        QCOMPARE(view.value("state").toString(), QStringLiteral("paused"));
        QCOMPARE(count(view, "pending"), kMessages - atPause);
        QCOMPARE(count(view, "sending"), 0);

        r = api.post(QStringLiteral("/messages/batch/%1/resume").arg(batchId));
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QVERIFY2(waitFor(
                     [&]() {
                         view = batch(api, batchId);
                         return sentOrLater(view) == kMessages;
                     },
                     60000),
                 qPrintable(QJsonDocument(view).toJson() + app.log()));
        QCOMPARE(view.value("state").toString(), QStringLiteral("completed"));
        r = api.post(QStringLiteral("/messages/batch/%1/pause").arg(batchId));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.json.value("error").toObject().value("code").toString(),
                 QStringLiteral("batch_finished"));

        // A scheduled batch cancelled before its time: nothing goes out.
        r = api.post(QStringLiteral("/messages"),
                     QJsonObject{{"user_id", w.userId},
                                 {"contacts", recipients(kMessages, kMessages + 4)},
                                 {"message", "P2 {{name}}"},
                                 {"send_at", Clock::toIso(Clock::nowMs() + 2000)}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        const QString scheduled = r.json.value("batch_id").toString();
        r = api.post(QStringLiteral("/messages/batch/%1/cancel").arg(scheduled));
        QCOMPARE(r.json.value("cancelled").toInt(), 4);
        QTest::qWait(3000);
        view = batch(api, scheduled);
        QCOMPARE(view.value("state").toString(), QStringLiteral("cancelled"));
        QCOMPARE(count(view, "cancelled"), 4);
        QCOMPARE(withPrefix(outbox(api, w), "P2 "), 0);
        QCOMPARE(onceEach(outbox(api, w), QStringLiteral("P1 ")), kMessages);
        // Both batches in the user's list.
        r = api.get(QStringLiteral("/messages/batches/%1").arg(w.userId));
        QCOMPARE(r.json.value("total").toInt(), 2);
        app.stop();
    }
};

QTEST_MAIN(TestCampaignE2e)
#include "tst_campaign_e2e.moc"
