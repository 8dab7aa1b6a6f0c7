// P4: GET /contacts/:userId/list?search=…&limit=50 over 1,000,000 contacts of one user,
// p50 ≤ 15 ms for a term with one hit and for a term with 1,000 hits. The contacts are seeded
// directly through ContactStore (the import path has its own benchmark, P3); the searches go
// through the real HTTP server. Each answer's total is checked.

#include "BenchHttp.h"
#include "BenchSetup.h"

#include "ContactStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000; // smaller for a dry run
    constexpr int kChunk = 20000;
    constexpr int kRuns = 50;
    constexpr double kBarMs = 15.0;
    constexpr int kManyHits = 1000;

    BenchEnv env;
    env.start();

    QElapsedTimer seedTimer;
    seedTimer.start();
    // One contact is "Zanzibar Quokka"; 1,000 (spread over the table) work at "Heliotrope
    // Industries"; the rest are ordinary. No other row contains either term.
    const int every = total / kManyHits;
    for (int start = 0; start < total; start += kChunk) {
        QList<Contact> chunk;
        chunk.reserve(kChunk);
        for (int n = start; n < qMin(total, start + kChunk); ++n) {
            Contact c;
            c.name = n == total / 2 ? QStringLiteral("Zanzibar Quokka")
                                    : QStringLiteral("Customer %1").arg(n);
            c.phoneNumber = QString::number(2348030000000LL + n);
            c.email = QStringLiteral("c%1@example.com").arg(n);
            c.companyName = (n % every == 7) ? QStringLiteral("Heliotrope Industries")
                                             : QStringLiteral("Company %1").arg(n % 997);
            chunk.append(c);
        }
        env.core->contacts().addMany(env.vendorId, env.userId, chunk);
    }
    // The search index is built after the fact (ContactStore: deferred FTS5 indexing); the
    // figure is for a settled database, so let it catch up first.
    ContactStore::waitForBackgroundIndexing();
    while (env.core->contacts().indexPending(50000) > 0) {
    }
    std::fprintf(stderr, "seeded and indexed %d contacts in %.1f s\n", total,
                 seedTimer.elapsed() / 1000.0);

    struct Case
    {
        const char *term;
        int expected;
        std::vector<double> times;
        int failures = 0;
    };
    Case cases[] = {{"quokka", 1, {}, 0}, {"heliotrope", kManyHits, {}, 0}};
    const QByteArray base = "/contacts/" + QByteArray::number(env.userId) + "/list?limit=50&search=";
    runClient([&] {
        BenchHttp http(env.port);
        http.headers.append({"x-api-key", env.apiKey.toUtf8()});
        for (Case &c : cases) {
            for (int i = 0; i < kRuns + 3; ++i) {
                const BenchHttp::Reply r = http.request("GET", base + c.term);
                const QJsonObject o = QJsonDocument::fromJson(r.body).object();
                if (r.status != 200 || o.value(QStringLiteral("total")).toInt() != c.expected) {
                    if (!c.failures)
                        std::fprintf(stderr, "unexpected answer %d: %s\n", r.status,
                                     r.body.left(300).constData());
                    ++c.failures;
                }
                if (i >= 3)
                    c.times.push_back(r.ms);
            }
        }
    });
    int status = 0;
    for (const Case &c : cases) {
        if (c.failures) {
            std::printf("P4 FAILED: search \"%s\" did not return %d hits (%d times)\n", c.term,
                        c.expected, c.failures);
            status = 1;
            continue;
        }
        const double p50 = percentile(c.times, 0.5);
        std::printf("P4 search \"%s\" (%d hit%s) in %d contacts, limit 50: p50 %.1f ms, p99 %.1f "
                    "ms | bar: p50 <= %.0f ms | %s\n",
                    c.term, c.expected, c.expected == 1 ? "" : "s", total, p50,
                    percentile(c.times, 0.99), kBarMs, p50 <= kBarMs ? "PASS" : "MISS");
    }
    std::printf("machine: %s\n", benchMachine().constData());
    return status;
}
