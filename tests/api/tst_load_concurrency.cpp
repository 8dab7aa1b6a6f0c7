// R4 (docs/performance.md): 500 concurrent keep-alive connections against the real
// `wamator --headless` binary, every connection sending an authenticated GET /users/list again
// as soon as its answer is in. 0 errors (every answer 2xx, no connection dropped, none left
// unanswered); the server's resident memory (VmRSS from /proc) back within 10 % of its
// warmed-up value once the clients are gone; idle keep-alive connections closed by the server
// after its idle timeout. The test runs the load for 15 s (WAMATOR_R4_SECONDS overrides);
// bench/bench_r4_soak runs the same driver for 60 s and prints the figures.

#include "HeadlessAppFixture.h"

#include <QTest>

using namespace headless;

namespace {
constexpr int kConnections = 500;
constexpr int kIdleSeconds = 5;
} // namespace

class TestLoadConcurrency : public QObject
{
    Q_OBJECT

    App m_app;
    QByteArray m_apiKey;

    // Warm-up and settle: the same load briefly, so one-time allocations (SQLite caches,
    // QHttpServer's per-connection objects, malloc arenas) are in the baseline.
    void warm()
    {
        LoadDriver d(m_app.port(), "/users/list", m_apiKey);
        d.run(kConnections, 2);
        d.closeAll();
        QTest::qWait(1500);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_app.start({{QStringLiteral("idle_timeout_seconds"), kIdleSeconds},
                              {QStringLiteral("max_connections"), 1024}}),
                 qPrintable(m_app.log()));
        m_apiKey = registerVendor(m_app.port(), QStringLiteral("load@example.com"),
                                  QStringLiteral("load test password")).toLatin1();
        QVERIFY2(!m_apiKey.isEmpty(), qPrintable(m_app.log()));
    }

    void cleanupTestCase() { m_app.stop(); }

    void fiveHundredKeepAliveConnections()
    {
        warm();
        const qint64 before = m_app.rssKiB();
        QVERIFY(before > 0);
        const int seconds = qEnvironmentVariableIsSet("WAMATOR_R4_SECONDS")
                                ? qEnvironmentVariableIntValue("WAMATOR_R4_SECONDS")
                                : 15;
        LoadDriver d(m_app.port(), "/users/list", m_apiKey);
        d.run(kConnections, seconds);
        const qint64 peak = m_app.rssKiB();
        qInfo("R4: %d connections, %d s: %lld answers (%.0f/s), %lld errors; RSS %lld → %lld KiB",
              d.connected, seconds, d.answers, double(d.answers) / seconds, d.errors, before, peak);
        QCOMPARE(d.connected, kConnections);
        QVERIFY2(d.errors == 0, qPrintable(d.errorSamples.join(QStringLiteral("; "))));
        QVERIFY(d.answers >= kConnections);
        QCOMPARE(d.openSockets(), kConnections); // keep-alive: none was closed under load

        d.closeAll();
        // The server frees a connection's objects when it sees the close; give it a moment.
        qint64 after = 0;
        (void)QTest::qWaitFor([&] {
            after = m_app.rssKiB();
            return after <= before * 11 / 10;
        }, 10000);
        qInfo("R4: RSS after the clients left: %lld KiB (%+.1f %%)", after,
              100.0 * double(after - before) / double(before));
        QVERIFY2(after <= before * 11 / 10,
                 qPrintable(QStringLiteral("RSS %1 KiB before, %2 KiB after").arg(before).arg(after)));
        QVERIFY(m_app.running());
    }

    void idleConnectionsClosed()
    {
        LoadDriver d(m_app.port(), "/health", m_apiKey);
        d.run(50, 0); // one answer each, then silence
        QCOMPARE(d.errors, 0);
        QCOMPARE(d.openSockets(), 50);
        d.expectServerClose();
        QElapsedTimer t;
        t.start();
        QVERIFY2(QTest::qWaitFor([&] { return d.openSockets() == 0; }, (kIdleSeconds + 10) * 1000),
                 qPrintable(QStringLiteral("%1 idle connections still open").arg(d.openSockets())));
        // Not closed early either: a keep-alive client gets the whole idle timeout.
        QVERIFY2(t.elapsed() >= (kIdleSeconds - 1) * 1000,
                 qPrintable(QStringLiteral("closed after %1 ms").arg(t.elapsed())));
    }
};

QTEST_MAIN(TestLoadConcurrency)
#include "tst_load_concurrency.moc"
