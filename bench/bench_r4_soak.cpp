// R4 soak (docs/performance.md): 500 concurrent keep-alive connections for 60 s against the real
// `wamator --headless` binary, each sending an authenticated GET /users/list again as soon as
// its answer is in. Bar: 0 errors; server RSS back within 10 % of its warmed-up value after the
// clients leave; idle keep-alive connections closed after the idle timeout.
// Usage: bench_r4_soak [seconds=60] [connections=500]

#include "../tests/api/HeadlessAppFixture.h"

#include <QCoreApplication>
#include <cstdio>

using namespace headless;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 60;
    const int connections = argc > 2 ? std::atoi(argv[2]) : 500;
    constexpr int kIdleSeconds = 5;

    App server;
    if (!server.start({{QStringLiteral("idle_timeout_seconds"), kIdleSeconds},
                       {QStringLiteral("max_connections"), qMax(1024, connections + 64)}})) {
        std::fprintf(stderr, "wamator --headless did not start:\n%s\n", qPrintable(server.log()));
        return 2;
    }
    const QByteArray key = registerVendor(server.port(), QStringLiteral("soak@example.com"),
                                          QStringLiteral("soak test password"))
                               .toLatin1();
    if (key.isEmpty()) {
        std::fprintf(stderr, "could not register a vendor\n");
        return 2;
    }

    {
        LoadDriver warm(server.port(), "/users/list", key);
        warm.run(connections, 3);
    }
    wait(1500);
    const qint64 before = server.rssKiB();

    LoadDriver d(server.port(), "/users/list", key);
    d.run(connections, seconds);
    const qint64 peak = server.rssKiB();
    const int stillOpen = d.openSockets();
    d.closeAll();
    qint64 after = 0;
    (void)waitFor([&] {
        after = server.rssKiB();
        return after <= before * 11 / 10;
    }, 15000);

    LoadDriver idle(server.port(), "/health", key);
    idle.run(50, 0);
    idle.expectServerClose();
    QElapsedTimer t;
    t.start();
    const bool idleClosed = waitFor([&] { return idle.openSockets() == 0; },
                                            (kIdleSeconds + 10) * 1000);

    const double growth = before > 0 ? 100.0 * double(after - before) / double(before) : 0;
    std::printf("R4 soak: %d connections (%d connected) for %d s\n", connections, d.connected, seconds);
    std::printf("  answers: %lld (%.0f/s), errors: %lld, connections kept open under load: %d\n",
                d.answers, double(d.answers) / qMax(1, seconds), d.errors, stillOpen);
    for (const QString &e : d.errorSamples)
        std::printf("    error: %s\n", qPrintable(e));
    std::printf("  server RSS: %lld KiB warmed up, %lld KiB at the end of the load, %lld KiB after "
                "(%+.1f %%)\n", before, peak, after, growth);
    std::printf("  idle keep-alive connections closed by the server: %s (after %lld ms, idle "
                "timeout %d s)\n", idleClosed ? "yes" : "NO", t.elapsed(), kIdleSeconds);
    const bool pass = d.errors == 0 && d.connected == connections && stillOpen == connections
                      && growth <= 10.0 && idleClosed;
    std::printf("  bar: 0 errors, RSS back within 10 %%, idle connections closed → %s\n",
                pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
