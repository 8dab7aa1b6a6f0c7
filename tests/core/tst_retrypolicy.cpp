// RetryPolicy: the backoff after a transient failure (doubling, ±25 % jitter, 10 minutes at
// most) and the last attempt, read from the real Settings (docs/pipeline.md, "Retries").

#include "CoreServices.h"
#include "TestSupport.h"
#include "outbox/RetryPolicy.h"
#include "platform/Settings.h"

#include <QTest>

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;

    // Every value of many draws lies in [lo, hi], and the draws are not all the same.
    static void checkRange(int attempt, qint64 base, qint64 lo, qint64 hi)
    {
        QSet<qint64> seen;
        for (int i = 0; i < 500; ++i) {
            const qint64 v = RetryPolicy::backoffMs(attempt, base);
            QVERIFY2(v >= lo && v <= hi, qPrintable(QStringLiteral("attempt %1: %2 not in [%3, %4]")
                                                        .arg(attempt)
                                                        .arg(v)
                                                        .arg(lo)
                                                        .arg(hi)));
            seen.insert(v);
        }
        QVERIFY(seen.size() > 1);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
    }
    void cleanup() { m_core.reset(); }

    void backoffDoublesWithJitter()
    {
        checkRange(1, 2000, 1500, 2500);
        checkRange(2, 2000, 3000, 5000);
        checkRange(3, 2000, 6000, 10000);
        checkRange(0, 2000, 1500, 2500); // a try not counted yet: the first delay
    }

    void backoffStopsAtTenMinutes()
    {
        checkRange(9, 2000, 384000, 640000);  // 512 s
        checkRange(10, 2000, 450000, 750000); // 1024 s → 600 s
        checkRange(60, 2000, 450000, 750000); // no overflow
    }

    void backoffIsAtLeastOneMillisecond() { QCOMPARE(RetryPolicy::backoffMs(1, 1), qint64(1)); }

    void settingsGiveTheBaseAndTheLastAttempt()
    {
        Settings &s = m_core->settings();
        s.setValue(QStringLiteral("retry_base_delay_ms"), 100);
        s.setValue(QStringLiteral("max_send_attempts"), 3);
        const RetryPolicy policy(s);
        for (int i = 0; i < 200; ++i) {
            const qint64 at = policy.nextAttemptAt(2, 10000);
            QVERIFY(at >= 10150 && at <= 10250);
        }
        QVERIFY(!policy.exhausted(1));
        QVERIFY(!policy.exhausted(2));
        QVERIFY(policy.exhausted(3));
        QVERIFY(policy.exhausted(4));
        s.setValue(QStringLiteral("max_send_attempts"), 5); // read at each call
        QVERIFY(!policy.exhausted(3));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
