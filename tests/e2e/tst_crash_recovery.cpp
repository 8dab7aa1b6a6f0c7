// Reliability bars R1 and R6 (docs/performance.md) through the real `wamator --headless` binary on a
// sandbox number; the simulator's outbox (what "WhatsApp" received, durable in the profile)
// is the judge: every message exactly once.
//   R1: kill -9 of the app in the middle of a 5,000-message batch, then restart.
//   R6: kill -9 of the ready session's renderer mid-batch: the session recovers by itself.

#include "PipelineHarness.h"
#include "ProcessTree.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTest>

using namespace e2e;

namespace {

// Renderers: "--type=renderer" when launched directly; with Chromium's zygote they are forked
// from a zygote and keep its command line, so every process whose parent is a zygote of the
// app counts too (the app's direct children are the zygotes themselves).
QList<qint64> renderers(qint64 appPid)
{
    using proctree::commandLine;
    using proctree::descendants;
    using proctree::parentOf;
    const QList<qint64> direct = descendants(appPid);
    QSet<qint64> zygotes; // the app's own children
    for (qint64 pid : direct)
        if (parentOf(pid) == appPid && commandLine(pid).contains("--type=zygote"))
            zygotes.insert(pid);
    QList<qint64> out;
    for (qint64 z : std::as_const(zygotes))
        for (qint64 child : descendants(z))
            if (!zygotes.contains(child))
                out << child;
    for (qint64 pid : direct)
        if (commandLine(pid).contains("--type=renderer") && !out.contains(pid))
            out << pid;
    return out;
}

QString phoneFor(int i)
{
    return QStringLiteral("08035%1").arg(i + 1, 6, 10, QLatin1Char('0'));
}

int delivered(const QJsonObject &batchView)
{
    return count(batchView, "sent") + count(batchView, "delivered") + count(batchView, "read");
}

int sentEvents(const Events &events)
{
    int n = 0;
    for (const QJsonObject &o : events.frames())
        n += o.value("event").toString() == QLatin1String("message_status")
                     && o.value("status").toString() == QLatin1String("sent")
                 ? 1
                 : 0;
    return n;
}

// The simulator's outbox holds each recipient exactly once, under distinct ids.
void checkExactlyOnce(const QJsonArray &box, int n, const QString &prefix)
{
    QHash<QString, int> perRecipient;
    QSet<QString> ids;
    for (const QJsonValue &v : box) {
        const QJsonObject o = v.toObject();
        perRecipient[o.value("to").toString()] += 1;
        ids.insert(o.value("id").toString());
        QVERIFY(o.value("body").toString().startsWith(prefix));
    }
    int twice = 0;
    for (auto it = perRecipient.cbegin(); it != perRecipient.cend(); ++it)
        twice += it.value() > 1 ? 1 : 0;
    QCOMPARE(twice, 0);           // 0 sent twice
    QCOMPARE(perRecipient.size(), n); // 0 lost
    QCOMPARE(ids.size(), n);
    QCOMPARE(box.size(), n);
}

} // namespace

class TestCrashRecovery : public QObject
{
    Q_OBJECT

    void prepare(App &app, Api &api, World &w, Events &events, const QString &phone, int n,
                 QString *batchId, const QString &prefix)
    {
        QVERIFY2(app.start(), qPrintable(app.log()));
        api.setPort(app.port());
        QVERIFY(setUp(api, w, 100000, phone));
        QVERIFY(events.open(app.port(), w.apiKey));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QJsonArray contacts, recipients;
        for (int i = 0; i < n; ++i) {
            contacts.append(QJsonObject{{"name", QStringLiteral("C%1").arg(i)}, {"phone_number", phoneFor(i)}});
            recipients.append(QJsonObject{{"number", phoneFor(i)}});
        }
        QVERIFY(addContacts(api, w, contacts));
        const Reply r = api.post(QStringLiteral("/messages"),
                                 QJsonObject{{"user_id", w.userId}, {"contacts", recipients},
                                             {"message", QString(prefix + QStringLiteral(" {{name}}"))}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QCOMPARE(r.json.value("queued").toInt(), n);
        *batchId = r.json.value("batch_id").toString();
    }

private Q_SLOTS:
    void r1_killDuringDispatchThenRestart()
    {
        // quality-bars R1: 5,000 messages (WAMATOR_R1_MESSAGES changes it while debugging).
        const int kMessages = qEnvironmentVariableIntValue("WAMATOR_R1_MESSAGES") > 0
                                  ? qEnvironmentVariableIntValue("WAMATOR_R1_MESSAGES")
                                  : 5000;
        const int killAfter = kMessages / 4;
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        Api api;
        World w;
        Events events;
        QString batchId;
        prepare(app, api, w, events, QStringLiteral("08031110003"), kMessages, &batchId, QStringLiteral("R1"));
        if (QTest::currentTestFailed())
            return;

        // Mid-batch: some sent, most not.
        QElapsedTimer sending;
        sending.start();
        QVERIFY2(waitFor([&]() { return sentEvents(events) >= killAfter; }, 180000), qPrintable(app.log()));
        qInfo() << "R1:" << killAfter << "sent in" << sending.elapsed() << "ms; killing the app";
        app.kill9();

        QVERIFY2(app.start(), qPrintable(app.log()));
        api.setPort(app.port());
        QVERIFY2(waitFor([&]() { return connectState(api, w) == QLatin1String("ready"); }, 120000),
                 qPrintable(app.log()));
        QJsonObject view;
        QElapsedTimer progress;
        progress.start();
        QVERIFY2(waitFor([&]() {
                     view = batch(api, batchId);
                     if (progress.elapsed() > 5000) {
                         qInfo().noquote() << "R1 after restart:" << QJsonDocument(view.value("counts").toObject()).toJson(QJsonDocument::Compact);
                         progress.restart();
                     }
                     return delivered(view) == kMessages;
                 }, 360000),
                 qPrintable(QJsonDocument(view.value("counts").toObject()).toJson() + app.log()));
        QCOMPARE(count(view, "failed"), 0);
        QCOMPARE(count(view, "pending") + count(view, "sending"), 0);

        QJsonArray box;
        QVERIFY(waitFor([&]() { box = outbox(api, w); return box.size() >= kMessages; }, 30000));
        checkExactlyOnce(box, kMessages, QStringLiteral("R1 C"));
        app.stop();
    }

    void r6_rendererKilledMidBatch()
    {
        constexpr int kMessages = 1000;
        TempDataDir dir;
        App app(dir.file(QStringLiteral("data")));
        Api api;
        World w;
        Events events;
        QString batchId;
        prepare(app, api, w, events, QStringLiteral("08031110004"), kMessages, &batchId, QStringLiteral("R6"));
        if (QTest::currentTestFailed())
            return;

        QVERIFY2(waitFor([&]() { return sentEvents(events) >= 150; }, 180000), qPrintable(app.log()));
        const QList<qint64> pids = renderers(app.pid());
        QVERIFY2(!pids.isEmpty(), "no renderer process found");
        for (qint64 pid : pids)
            ::kill(pid_t(pid), SIGKILL);

        // The session notices, fails with renderer_crashed, and comes back ready by itself.
        auto sawState = [&](const QString &state, const QString &reason) {
            for (const QJsonObject &o : events.frames())
                if (o.value("event").toString() == QLatin1String("session_state")
                    && o.value("state").toString() == state
                    && (reason.isEmpty() || o.value("reason").toString() == reason))
                    return true;
            return false;
        };
        QVERIFY2(waitFor([&]() { return sawState(QStringLiteral("failed"), QStringLiteral("renderer_crashed")); }, 60000),
                 qPrintable(app.log()));
        QJsonObject view;
        QVERIFY2(waitFor([&]() {
                     view = batch(api, batchId);
                     return delivered(view) == kMessages;
                 }, 300000),
                 qPrintable(QJsonDocument(view.value("counts").toObject()).toJson() + app.log()));
        QCOMPARE(connectState(api, w), QStringLiteral("ready"));
        QCOMPARE(count(view, "failed"), 0);
        QJsonArray box;
        QVERIFY(waitFor([&]() { box = outbox(api, w); return box.size() >= kMessages; }, 30000));
        checkExactlyOnce(box, kMessages, QStringLiteral("R6 C"));
        app.stop();
    }
};

int main(int argc, char **argv)
{
    // Each case dispatches thousands of messages through a real session: more than QtTest's
    // default 5-minute watchdog per function on a loaded machine (CTest's timeout still holds).
    if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "590000");
    QCoreApplication app(argc, argv);
    TestCrashRecovery tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}
#include "tst_crash_recovery.moc"
