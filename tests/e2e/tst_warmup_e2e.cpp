// Quiet hours and the warm-up's daily limit end to end: the real `wamator --headless`, a sandbox
// number in the simulator (the warm-up applied to it with WAMATOR_WARMUP_SANDBOX=1, the
// test-only switch of docs/configuration.md), the REST API. The releases at the window's end
// and at the next local day need a clock that jumps: tests/core/tst_sendwindowdispatch.

#include "PipelineHarness.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

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

QString clock(const QTime &t)
{
    return t.toString(QStringLiteral("HH:mm"));
}

} // namespace

class TestWarmupE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Day 1 of the default schedule allows 20: of 22 messages the simulator receives 20, two
    // stay pending, and the number's JSON says so.
    void dailyLimitHoldsTheRest()
    {
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        app.env().insert(QStringLiteral("WAMATOR_WARMUP_SANDBOX"), QStringLiteral("1"));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 1000, QStringLiteral("08031110003")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QStringList phones;
        QJsonArray contacts;
        for (int i = 0; i < 22; ++i) {
            phones << QStringLiteral("080355500%1").arg(10 + i);
            contacts.append(contact(QStringLiteral("C%1").arg(i), phones.last()));
        }
        QVERIFY(addContacts(api, w, contacts));
        const Reply r =
            api.post(QStringLiteral("/messages"), QJsonObject{{"user_id", w.userId},
                                                              {"contacts", numbers(phones)},
                                                              {"message", "hello {{name}}"}});
        QCOMPARE(r.status, 200);
        const QString batchId = r.json.value("batch_id").toString();
        QVERIFY(waitFor([&]() { return outbox(api, w).size() == 20; }, 60000));
        QTest::qWait(1000);
        QCOMPARE(outbox(api, w).size(), 20);
        const QJsonObject view = batch(api, batchId);
        QCOMPARE(count(view, QStringLiteral("pending")), 2);
        QCOMPARE(count(view, QStringLiteral("failed")), 0);
        const QJsonObject n = api.get(QStringLiteral("/whatsapp-numbers/%1/list").arg(w.userId))
                                  .json.value("numbers")
                                  .toArray()
                                  .at(0)
                                  .toObject();
        QCOMPARE(n.value("warmup_day").toInt(), 1);
        QCOMPARE(n.value("daily_limit").toInt(), 20);
        QCOMPARE(n.value("sent_today").toInt(), 20);
        QCOMPARE(n.value("left_today").toInt(), 0);
        app.stop();
    }

    // Quiet hours around the recipients' present time (Nigerian numbers: Lagos): nothing
    // reaches the simulator, the messages stay pending (until the window's end, an hour away).
    void quietHoursHold()
    {
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 1000, QStringLiteral("08031110004")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        const QTime lagosNow =
            QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Africa/Lagos")).time();
        const Reply patched = api.send(
            "PATCH", QStringLiteral("/users/%1").arg(w.userId),
            QJsonObject{{"quiet_hours", QJsonObject{{"start", clock(lagosNow.addSecs(-3600))},
                                                    {"end", clock(lagosNow.addSecs(3600))}}}});
        QCOMPARE(patched.status, 200);
        const QStringList phones{QStringLiteral("08035550001"), QStringLiteral("08035550002")};
        QVERIFY(addContacts(api, w,
                            QJsonArray{contact("A", phones.at(0)), contact("B", phones.at(1))}));
        const Reply r =
            api.post(QStringLiteral("/messages"), QJsonObject{{"user_id", w.userId},
                                                              {"contacts", numbers(phones)},
                                                              {"message", "late {{name}}"}});
        QCOMPARE(r.status, 200);
        QTest::qWait(2000);
        QCOMPARE(outbox(api, w).size(), 0);
        QCOMPARE(count(batch(api, r.json.value("batch_id").toString()), QStringLiteral("pending")),
                 2);
        app.stop();
    }
};

QTEST_GUILESS_MAIN(TestWarmupE2e)
#include "tst_warmup_e2e.moc"
