// SendPacer: which numbers are paced, the pause between sends, typing, the daily cap and the
// sends in flight, read from the real Settings (docs/pipeline.md, "Pacing (per number)").

#include "CoreServices.h"
#include "TestSupport.h"
#include "outbox/SendPacer.h"
#include "platform/Settings.h"

#include <QTest>

class TestSendPacer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    Settings &settings() { return m_core->settings(); }
    void set(const char *key, const QVariant &v) { settings().setValue(QLatin1String(key), v); }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        set("pacing_enabled", true);
        set("pacing_sandbox", false);
        set("pacing_min_delay_ms", 4000);
        set("pacing_max_delay_ms", 12000);
        set("typing_ms_per_char", 40);
        set("typing_max_ms", 5000);
        set("daily_cap_per_number", 1000);
    }
    void cleanup() { m_core.reset(); }

    void realNumbersArePacedSandboxNot()
    {
        const SendPacer pacer(settings());
        const SendPacer::Pacing real = pacer.pacingFor(false);
        QVERIFY(real.on);
        QCOMPARE(real.minDelayMs, 4000);
        QCOMPARE(real.maxDelayMs, 12000);
        QCOMPARE(real.typingMsPerChar, 40);
        QCOMPARE(real.typingMaxMs, 5000);
        QCOMPARE(real.dailyCap, 1000);
        QCOMPARE(pacer.windowFor(false), 1);

        const SendPacer::Pacing sandbox = pacer.pacingFor(true);
        QVERIFY(!sandbox.on);
        QCOMPARE(sandbox.dailyCap, 0);
        QCOMPARE(pacer.windowFor(true), SendPacer::kUnpacedWindow);

        set("pacing_sandbox", true); // read at each call: no restart
        QVERIFY(pacer.pacingFor(true).on);
        QCOMPARE(pacer.pacingFor(true).dailyCap, 1000);
        QCOMPARE(pacer.windowFor(true), 1);
    }

    void pacingOffKeepsTheDailyCapOfRealNumbers()
    {
        set("pacing_enabled", false);
        const SendPacer pacer(settings());
        const SendPacer::Pacing real = pacer.pacingFor(false);
        QVERIFY(!real.on);
        QCOMPARE(real.dailyCap, 1000); // protects the number from bans anyway
        QCOMPARE(real.minDelayMs, 0);
        QCOMPARE(SendPacer::typingMs(real, QStringLiteral("hello")), qint64(0));
        QCOMPARE(pacer.windowFor(false), SendPacer::kUnpacedWindow);
        QCOMPARE(pacer.pacingFor(true).dailyCap, 0);
    }

    void unpacedWindowIsAtLeastOne()
    {
        SendPacer pacer(settings());
        pacer.setUnpacedWindow(8);
        QCOMPARE(pacer.windowFor(true), 8);
        pacer.setUnpacedWindow(0);
        QCOMPARE(pacer.windowFor(true), 1);
        QCOMPARE(pacer.windowFor(false), 1); // paced: one at a time whatever the window
    }

    void maximumDelayNeverBelowMinimum()
    {
        // The settings page refuses it; the environment can still say it.
        m_core.reset();
        ScopedEnv minDelay("WAMATOR_PACING_MIN_DELAY_MS", QByteArray("5000"));
        ScopedEnv maxDelay("WAMATOR_PACING_MAX_DELAY_MS", QByteArray("1000"));
        m_core = makeCoreServices(*m_dir);
        QCOMPARE(settings().pacingMaxDelayMs(), 1000);
        const SendPacer::Pacing p = SendPacer(settings()).pacingFor(false);
        QCOMPARE(p.minDelayMs, 5000);
        QCOMPARE(p.maxDelayMs, 5000);
        QCOMPARE(SendPacer::nextSendAt(p, 1000), qint64(6000)); // no spread: exactly the minimum
    }

    void pauseBetweenMinimumAndMaximum()
    {
        SendPacer::Pacing p;
        p.on = true;
        p.minDelayMs = 100;
        p.maxDelayMs = 110;
        QSet<qint64> seen;
        for (int i = 0; i < 2000; ++i) {
            const qint64 at = SendPacer::nextSendAt(p, 50000);
            QVERIFY2(at >= 50100 && at <= 50110, qPrintable(QString::number(at)));
            seen.insert(at);
        }
        QCOMPARE(seen.size(), 11); // every value of the spread, both ends included
    }

    void typingGrowsWithTheTextUpToItsCap()
    {
        SendPacer::Pacing p;
        p.on = true;
        p.typingMsPerChar = 40;
        p.typingMaxMs = 5000;
        QCOMPARE(SendPacer::typingMs(p, QString()), qint64(0));
        QCOMPARE(SendPacer::typingMs(p, QStringLiteral("hello")), qint64(200));
        QCOMPARE(SendPacer::typingMs(p, QString(1000, QLatin1Char('x'))), qint64(5000));
        p.on = false;
        QCOMPARE(SendPacer::typingMs(p, QStringLiteral("hello")), qint64(0));
    }

    void dailyCapCountsSendsInFlight()
    {
        SendPacer::Pacing p;
        p.dailyCap = 3;
        QVERIFY(!SendPacer::dailyCapReached(p, 0, 0));
        QVERIFY(!SendPacer::dailyCapReached(p, 2, 0));
        QVERIFY(SendPacer::dailyCapReached(p, 2, 1));
        QVERIFY(SendPacer::dailyCapReached(p, 3, 0));
        QVERIFY(SendPacer::dailyCapReached(p, 5, 0));
        p.dailyCap = 0; // none
        QVERIFY(!SendPacer::dailyCapReached(p, 100000, 64));
    }

    void dayStartsAtMidnightUtc()
    {
        const qint64 midnight = 1764979200000; // 2025-12-06T00:00:00Z
        QCOMPARE(SendPacer::dayStartOf(midnight), midnight);
        QCOMPARE(SendPacer::dayStartOf(midnight + 1), midnight);
        QCOMPARE(SendPacer::dayStartOf(midnight + SendPacer::kDayMs - 1), midnight);
        QCOMPARE(SendPacer::dayStartOf(midnight + SendPacer::kDayMs), midnight + SendPacer::kDayMs);
    }
};

QTEST_GUILESS_MAIN(TestSendPacer)
#include "tst_sendpacer.moc"
