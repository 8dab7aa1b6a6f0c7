#include "FailureWindow.h"

#include <QTest>

// FailureWindow: N failures within the window ban a key; bans end; places held count; memory
// stays bounded. The login throttle and the admin-token brake are built on it (their own
// tests: tst_loginthrottle, tst_abuse_auth).
class TestFailureWindow : public QObject
{
    Q_OBJECT

    static FailureWindow::Policy policy()
    {
        FailureWindow::Policy p;
        p.limit = 3;
        p.windowMs = 10'000;
        p.banMs = 60'000;
        return p;
    }

private Q_SLOTS:
    void limitFailuresInTheWindowBan()
    {
        FailureWindow w;
        const auto p = policy();
        QVERIFY(!w.fail(QStringLiteral("a"), p, 1000));
        QVERIFY(!w.fail(QStringLiteral("a"), p, 2000));
        QCOMPARE(w.countInWindow(QStringLiteral("a"), p, 2000), 2);
        QCOMPARE(w.banRemaining(QStringLiteral("a"), 2000), 0);
        QVERIFY(w.fail(QStringLiteral("a"), p, 3000)); // the third bans
        QCOMPARE(w.banRemaining(QStringLiteral("a"), 3000), 60'000);
        QCOMPARE(w.banRemaining(QStringLiteral("a"), 62'999), 1);
        QCOMPARE(w.banRemaining(QStringLiteral("a"), 63'000), 0);
        // A ban forgets the failures that caused it: three more are needed for the next.
        QCOMPARE(w.countInWindow(QStringLiteral("a"), p, 63'000), 0);
        // Other keys are untouched.
        QCOMPARE(w.banRemaining(QStringLiteral("b"), 3000), 0);
    }

    void failuresLeaveTheWindow()
    {
        FailureWindow w;
        const auto p = policy();
        w.fail(QStringLiteral("a"), p, 0);
        w.fail(QStringLiteral("a"), p, 5000);
        // At 10,000 the first failure is exactly a window old: gone.
        QCOMPARE(w.countInWindow(QStringLiteral("a"), p, 10'000), 1);
        QVERIFY(!w.fail(QStringLiteral("a"), p, 10'000));
        QVERIFY(w.fail(QStringLiteral("a"), p, 14'000));
    }

    void heldPlacesCount()
    {
        FailureWindow w;
        const auto p = policy();
        w.hold(QStringLiteral("a"));
        w.hold(QStringLiteral("a"));
        w.fail(QStringLiteral("a"), p, 1000);
        QCOMPARE(w.countInWindow(QStringLiteral("a"), p, 1000), 3);
        w.release(QStringLiteral("a"));
        w.release(QStringLiteral("a"));
        w.release(QStringLiteral("a")); // one too many: never negative
        QCOMPARE(w.countInWindow(QStringLiteral("a"), p, 1000), 1);
        w.release(QStringLiteral("never seen"));
        QCOMPARE(w.countInWindow(QStringLiteral("never seen"), p, 1000), 0);
    }

    void resetKeepsHeldPlaces()
    {
        FailureWindow w;
        const auto p = policy();
        w.hold(QStringLiteral("a"));
        for (int i = 0; i < 3; ++i)
            w.fail(QStringLiteral("a"), p, 1000 + i);
        QVERIFY(w.banRemaining(QStringLiteral("a"), 2000) > 0);
        w.reset();
        QCOMPARE(w.banRemaining(QStringLiteral("a"), 2000), 0);
        QCOMPARE(w.countInWindow(QStringLiteral("a"), p, 2000), 1); // the held place
    }

    void pruningIsBoundedAndKeepsWhatMatters()
    {
        FailureWindow w;
        const auto p = policy();
        for (int i = 0; i < FailureWindow::kPruneAbove + 100; ++i)
            w.fail(QStringLiteral("spray-%1").arg(i), p, 0);
        for (int i = 0; i < 3; ++i)
            w.fail(QStringLiteral("banned"), p, 50'000);
        w.fail(QStringLiteral("recent"), p, 55'000);
        w.hold(QStringLiteral("held"));
        QVERIFY(w.size() > FailureWindow::kPruneAbove);
        w.prune(p.windowMs, 60'000);
        QCOMPARE(w.size(), 3); // the spray is forgotten, the rest kept
        QVERIFY(w.banRemaining(QStringLiteral("banned"), 60'000) > 0);
        QCOMPARE(w.countInWindow(QStringLiteral("recent"), p, 60'000), 1);
        QCOMPARE(w.countInWindow(QStringLiteral("held"), p, 60'000), 1);
        // Below the threshold nothing is dropped.
        FailureWindow small;
        small.fail(QStringLiteral("old"), p, 0);
        small.prune(p.windowMs, 1'000'000);
        QCOMPARE(small.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFailureWindow)
#include "tst_failurewindow.moc"
