#include "EventLoopStallMonitor.h"
#include "GuiTestSupport.h"

#include <QElapsedTimer>
#include <QPushButton>
#include <QThread>
#include <QTimer>
#include <QtTest>

// The stall recorder the responsiveness benchmark and tests rely on: it must see a blocked
// GUI thread (with the event delivery that blocked it), and see nothing when the work is on
// another thread.
class TestEventLoopStallMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seesABlockedLoopAndWhereItHappened()
    {
        EventLoopStallMonitor monitor(100);
        monitor.start();
        QTest::qWait(100);
        monitor.setPhase(QStringLiteral("clicking"));
        QPushButton button;
        button.setObjectName(QStringLiteral("slow"));
        connect(&button, &QPushButton::clicked, this, []() { QThread::msleep(400); });
        // Delivered by the event loop (a queued call to the button), as a click would be.
        QMetaObject::invokeMethod(&button, &QPushButton::click, Qt::QueuedConnection);
        QTest::qWait(600);
        monitor.stop();

        QVERIFY2(monitor.maxStallMs() >= 350, qPrintable(QString::number(monitor.maxStallMs())));
        const QList<EventLoopStallMonitor::Stall> stalls = monitor.stalls();
        QVERIFY(!stalls.isEmpty());
        const auto longest =
            std::max_element(stalls.cbegin(), stalls.cend(), [](const auto &a, const auto &b) {
                return a.durationMs < b.durationMs;
            });
        QCOMPARE(longest->phase, QStringLiteral("clicking"));
        // It slept: the stall is waiting, not work (the thread's CPU time tells them apart).
        QVERIFY2(longest->cpuMs >= 0 && longest->cpuMs < 100,
                 qPrintable(QString::number(longest->cpuMs)));
        // The watcher thread saw the delivery under way: the queued call to the button, and on
        // Linux the thread's state (sleeping: "S"). The watcher samples, and may itself wait
        // for a core on a loaded machine; it then catches the loop just after the stall
        // (the monitor's own timer event, the thread running again).
#ifdef Q_OS_LINUX
        const bool sawIt = longest->where.startsWith(QLatin1String("QPushButton/MetaCall [S"));
#else
        const bool sawIt = longest->where == QLatin1String("QPushButton/MetaCall");
#endif
        const bool late = longest->where.startsWith(QLatin1String("QTimer/Timer"));
        QVERIFY2(sawIt || late, qPrintable(longest->where));
        qint64 counted = 0;
        const QList<qint64> histogram = monitor.histogram();
        for (qint64 n : histogram)
            counted += n;
        QCOMPARE(counted, monitor.ticks());
        QVERIFY(histogram.at(4) >= 1); // the 250–500 ms bucket
    }

    void workOnAnotherThreadIsNoStall()
    {
        EventLoopStallMonitor monitor(100);
        monitor.start();
        QThread *worker = QThread::create([]() { QThread::msleep(500); });
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 5000);
        delete worker;
        monitor.stop();
        // Generous: the machine running the tests is shared, a scheduling hiccup is not a
        // stall of ours; 500 ms of blocking would be.
        QVERIFY2(monitor.maxStallMs() < 300, qPrintable(QString::number(monitor.maxStallMs())));
        QVERIFY(monitor.ticks() > 10);
    }

    void aStallThatLastsUntilStopCounts()
    {
        EventLoopStallMonitor monitor(100);
        monitor.start();
        QTest::qWait(50);
        QThread::msleep(300); // blocking work, then stop() before the loop turns again
        monitor.stop();
        QVERIFY2(monitor.maxStallMs() >= 250, qPrintable(QString::number(monitor.maxStallMs())));
        QCOMPARE(monitor.stalls().size(), 1);
    }

    void busyWorkShowsInTheStallsCpuTime()
    {
        EventLoopStallMonitor monitor(100);
        monitor.start();
        QTest::qWait(50);
        QElapsedTimer wall;
        wall.start();
        volatile quint64 sink = 0;
        while (wall.elapsed() < 300)
            sink = sink + 1;
        QTest::qWait(50);
        monitor.stop();
        QVERIFY(monitor.maxStallMs() >= 250);
        // Even on a shared machine a spinning thread gets more than a tenth of a core.
        QVERIFY2(monitor.maxStallCpuMs() > 30,
                 qPrintable(QString::number(monitor.maxStallCpuMs())));
    }

    void resetForgetsTheEarlierWindow()
    {
        EventLoopStallMonitor monitor(100);
        monitor.start();
        QThread::msleep(300); // blocks the loop the monitor watches
        QTest::qWait(50);
        QVERIFY(monitor.maxStallMs() >= 250);
        monitor.reset();
        QTest::qWait(100);
        QVERIFY2(monitor.maxStallMs() < 250, qPrintable(QString::number(monitor.maxStallMs())));
        QVERIFY(monitor.stalls().isEmpty());
    }
};

WAMATOR_GUI_TEST_MAIN(TestEventLoopStallMonitor)
#include "tst_eventloopstallmonitor.moc"
