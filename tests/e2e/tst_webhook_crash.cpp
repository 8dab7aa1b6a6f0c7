// Webhooks never lose an event (issue #15, "kill -9 during a burst of 10,000 events"), through
// the real `wamator --headless` binary on a sandbox number and a real HTTP receiver on
// loopback: simulated customers write 10,000 replies through POST /sandbox/…/incoming, each
// a `message_received` event staged in the transaction that records the reply. The receiver
// answers slowly while the burst runs, so a backlog of staged events and requests in flight
// exist when the app is killed with SIGKILL. After the restart every recorded reply must reach
// the receiver, correctly signed; a reply delivered twice carries the same webhook-id both
// times (the duplicates a crash may cause are ones a receiver de-duplicates).

#include "PipelineHarness.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "webhooks/StandardWebhooks.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTest>

using namespace e2e;

namespace {

QString customer(int i)
{
    return QStringLiteral("2348038%1").arg(i % 100, 6, 10, QLatin1Char('0'));
}

} // namespace

class TestWebhookCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killDuringABurstThenRestart()
    {
        const int kEvents = qEnvironmentVariableIntValue("WAMATOR_R7_EVENTS") > 0
                                ? qEnvironmentVariableIntValue("WAMATOR_R7_EVENTS")
                                : 10000;
        const int killAfter = kEvents / 3;
        constexpr int kParallel = 12;

        // Slow while the burst runs (a backlog builds up behind the endpoint's few requests in
        // flight), immediate after the restart.
        bool slow = true;
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.setScript([&](const WebhookReceiver::Request &, int) {
            WebhookReceiver::Reply reply;
            reply.delayMs = slow ? 15 : 0;
            return reply;
        });

        TempDataDir dir;
        const QString dataDir = dir.file(QStringLiteral("data"));
        App app(dataDir);
        // The receiver is on this machine: loopback addresses are refused unless the operator
        // allows them.
        app.env().insert(QStringLiteral("WAMATOR_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"),
                         QStringLiteral("1"));
        Api api;
        World w;
        QVERIFY2(app.start(), qPrintable(app.log()));
        api.setPort(app.port());
        QVERIFY(setUp(api, w, 100000, QStringLiteral("08031110009")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        const Reply created =
            api.post(QStringLiteral("/webhooks"),
                     QJsonObject{{"url", receiver.url()},
                                 {"events", QJsonArray{QStringLiteral("message_received")}}});
        QVERIFY2(created.status == 201, qPrintable(created.describe()));
        const QString secret = created.json.value("secret").toString();
        QVERIFY(secret.startsWith(QLatin1String("whsec_")));

        const QString path = QStringLiteral("/sandbox/%1/%2/incoming").arg(w.userId).arg(w.phone);
        ReplyStream replies(path, kEvents, kParallel, customer);
        const auto pendingDeliveries = [&] {
            return readColumn(dataDir, QStringLiteral("SELECT count(*) FROM webhook_deliveries "
                                                      "WHERE status = 'pending'"))
                .value(0)
                .toInt();
        };

        {
            Burst burst(app.port(), w.apiKey);
            QVERIFY(
                replies.run(burst, [&] { return int(replies.acknowledged.size()) >= killAfter; }));
            QVERIFY2(replies.refused == 0, qPrintable(replies.firstRefusal));
            replies.halt();
            const int receiverOpen = receiver.open();
            app.kill9();
            burst.abandon();
            const int pending = pendingDeliveries();
            qInfo() << "R7:" << replies.acknowledged.size() << "replies acknowledged,"
                    << receiver.count() << "webhook requests received," << receiverOpen
                    << "of them unanswered, and" << pending
                    << "deliveries pending when the app died";
            // The kill must hit a backlog, or this test proves nothing about one.
            QVERIFY2(pending > 0, "no delivery was pending at the kill: the receiver was too fast");
        }

        slow = false;
        QVERIFY2(app.start(), qPrintable(app.log()));
        api.setPort(app.port());
        QVERIFY2(waitFor([&] { return connectState(api, w) == QLatin1String("ready"); }, 120000),
                 qPrintable(app.log()));
        {
            Burst burst(app.port(), w.apiKey);
            QVERIFY(replies.run(burst, [] { return false; }));
        }
        QVERIFY2(replies.refused == 0, qPrintable(replies.firstRefusal));

        // Settled: the replies recorded (the catch-up has run) stop growing and no delivery is
        // pending.
        QStringList rows;
        int stable = 0;
        QVERIFY2(
            waitFor(
                [&] {
                    const QStringList now = readColumn(
                        dataDir, QStringLiteral("SELECT wa_message_id FROM received_messages"));
                    stable = now.size() == rows.size() && pendingDeliveries() == 0 ? stable + 1 : 0;
                    rows = now;
                    return stable >= 5;
                },
                240000),
            qPrintable(QStringLiteral("%1 replies recorded, %2 deliveries pending\n")
                           .arg(rows.size())
                           .arg(pendingDeliveries()) +
                       app.log()));
        QVERIFY2(rows.size() >= replies.acknowledged.size(), "a reply was lost");
        QCOMPARE(readColumn(dataDir, QStringLiteral("SELECT count(*) FROM webhook_deliveries "
                                                    "WHERE status <> 'succeeded'"))
                     .value(0)
                     .toInt(),
                 0);

        // What the receiver got: every request signed with the endpoint's secret; for each
        // reply, one webhook-id however many times it came.
        QHash<QString, QSet<QString>> idsOfReply; // wa_message_id → webhook-ids
        QHash<QString, int> requestsOfId;
        int badSignatures = 0;
        for (const WebhookReceiver::Request &r : receiver.requests()) {
            const QString id = QString::fromLatin1(r.headers.value("webhook-id"));
            const qint64 ts = r.headers.value("webhook-timestamp").toLongLong();
            if (!StandardWebhooks::verify(id, ts, r.body,
                                          QString::fromLatin1(r.headers.value("webhook-signature")),
                                          {secret}, r.receivedAtMs / 1000))
                ++badSignatures;
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            QCOMPARE(body.value("type").toString(), QStringLiteral("message_received"));
            const QString wa = body.value("data").toObject().value("wa_message_id").toString();
            QVERIFY(!wa.isEmpty());
            idsOfReply[wa].insert(id);
            ++requestsOfId[id];
        }
        QCOMPARE(badSignatures, 0);
        int lost = 0, twoIds = 0, strangers = 0, repeated = 0;
        const QSet<QString> recordedIds(rows.cbegin(), rows.cend());
        for (const QString &wa : std::as_const(rows))
            lost += idsOfReply.contains(wa) ? 0 : 1;
        for (auto it = idsOfReply.cbegin(); it != idsOfReply.cend(); ++it) {
            twoIds += it.value().size() > 1 ? 1 : 0;
            strangers += recordedIds.contains(it.key()) ? 0 : 1;
        }
        for (const int n : std::as_const(requestsOfId))
            repeated += n - 1;
        qInfo() << "R7:" << rows.size() << "replies recorded," << receiver.count()
                << "webhook requests," << repeated << "of them repeats of an id already received";
        QCOMPARE(lost, 0);      // every recorded reply reached the receiver
        QCOMPARE(twoIds, 0);    // and always under one webhook-id
        QCOMPARE(strangers, 0); // nothing but recorded replies
        QCOMPARE(int(rows.size()), int(QSet<QString>(rows.cbegin(), rows.cend()).size()));
        app.stop();
    }
};

QTEST_GUILESS_MAIN(TestWebhookCrash)
#include "tst_webhook_crash.moc"
