// P4: GET /contacts/:userId/list?search=…&limit=50 over 1,000,000 contacts of one user:
// p50 ≤ 15 ms and p99 ≤ 50 ms for every kind of term, `total` included.
// First rows: realistic contacts (../shared/tools/contacts-dataset.py, imported through the
// API as P3 does) and the terms its --queries prints for seed 1 — full names, first names
// shared by a tenth of the list, e-mail local parts, the last 7 digits of a phone, companies
// (the tool picks them among its first 5,000 contacts, so they are the same for any --count).
// Each answer's total is checked against the store's own uncapped count. Second rows: the
// former synthetic list (unique names; one hit and 1,000 hits), seeded through ContactStore.
// `bench_p4_search 100000` for a dry run; WAMATOR_P4_REALISTIC_ONLY=1 skips the second part.

#include "BenchHttp.h"
#include "BenchSetup.h"

#include "contacts/ContactStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>
#include <cstdio>
#include <sys/resource.h>

namespace {

constexpr int kRuns = 50;
constexpr double kBarP50Ms = 15.0;
constexpr double kBarP99Ms = 50.0;

struct Case
{
    QString term;
    int expected = -1; // -1: the store's uncapped count
    bool estimate = false;
    std::vector<double> times;
    double cpuMs = 0; // the process's CPU time (every thread: client and server) per request
    int failures = 0;
};

// The process's CPU time (user + system, every thread) in ms: with the 2 cores shared by
// several builds the wall time mostly measures the wait for a core; the CPU time much less.
double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

int runCases(BenchEnv &env, std::vector<Case> &cases, int total, const char *label)
{
    const QByteArray base =
        "/contacts/" + QByteArray::number(env.userId) + "/list?limit=50&search=";
    for (Case &c : cases) {
        if (c.expected < 0) {
            c.expected = int(env.core->contacts()
                                 .search(env.vendorId, env.userId, c.term, 1, 0)
                                 .contacts.size());
            c.estimate = c.expected > ContactStore::kExactTotalCap;
        }
    }
    runClient([&] {
        BenchHttp http(env.port);
        http.headers.append({"x-api-key", env.apiKey.toUtf8()});
        for (Case &c : cases) {
            double cpuStart = 0;
            for (int i = 0; i < kRuns + 3; ++i) {
                if (i == 3)
                    cpuStart = cpuMs();
                const BenchHttp::Reply r =
                    http.request("GET", base + QUrl::toPercentEncoding(c.term));
                const QJsonObject o = QJsonDocument::fromJson(r.body).object();
                const bool estimate = o.value(QStringLiteral("total_is_estimate")).toBool();
                const int got = o.value(QStringLiteral("total")).toInt();
                const bool ok = r.status == 200 && estimate == c.estimate &&
                                (estimate ? got > ContactStore::kExactTotalCap : got == c.expected);
                if (!ok) {
                    if (!c.failures)
                        std::fprintf(stderr, "\"%s\": unexpected answer %d: %s\n",
                                     qPrintable(c.term), r.status, r.body.right(120).constData());
                    ++c.failures;
                }
                if (i >= 3)
                    c.times.push_back(r.ms);
            }
            c.cpuMs = (cpuMs() - cpuStart) / kRuns;
        }
    });
    int status = 0;
    for (const Case &c : cases) {
        if (c.failures) {
            std::printf("P4 FAILED (%s): search \"%s\" did not answer %d hits (%d times)\n", label,
                        qPrintable(c.term), c.expected, c.failures);
            status = 1;
            continue;
        }
        const double p50 = percentile(c.times, 0.5);
        const double p99 = percentile(c.times, 0.99);
        std::printf("P4 %s: \"%s\" (%d hits%s) in %d contacts, limit 50: p50 %.1f ms, p99 %.1f ms "
                    "(CPU %.2f ms a request, client and server) | bar: p50 <= %.0f ms, p99 <= "
                    "%.0f ms | %s\n",
                    label, qPrintable(c.term), c.expected, c.estimate ? ", total estimated" : "",
                    total, p50, p99, c.cpuMs, kBarP50Ms, kBarP99Ms,
                    p50 <= kBarP50Ms && p99 <= kBarP99Ms ? "PASS" : "MISS");
    }
    return status;
}

int realistic(int total)
{
    BenchEnv env;
    env.start();
    const QList<QByteArray> bodies = realisticContactBatches(total, 5000);
    QElapsedTimer seedTimer;
    seedTimer.start();
    runClient([&] {
        BenchHttp http(env.port);
        http.headers.append({"x-api-key", env.apiKey.toUtf8()});
        for (const QByteArray &body : bodies)
            http.request("POST", "/contacts/" + QByteArray::number(env.userId) + "/add", body);
    });
    std::fprintf(stderr, "imported %d realistic contacts in %.1f s\n",
                 env.core->contacts().countForUser(env.vendorId, env.userId),
                 seedTimer.elapsed() / 1000.0); // (A dataset file still being written once gave
                                                // 775,000 of 1,000,000 here, silently.)
    if (env.core->contacts().countForUser(env.vendorId, env.userId) != total) {
        std::printf("P4 FAILED: %d of %d contacts imported\n",
                    env.core->contacts().countForUser(env.vendorId, env.userId), total);
        return 1;
    }

    {
        // What the search costs on disk: SQLite's dbstat table (Debian's build has it).
        QSqlDatabase stat =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("p4-stat"));
        stat.setDatabaseName(env.core->databasePath());
        stat.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (stat.open()) {
            QSqlQuery q(stat);
            if (q.exec(QStringLiteral(
                    "SELECT name, SUM(pgsize) FROM dbstat WHERE name IN ('contact_lists', "
                    "'contact_words_data', 'contact_term_ids', 'contact_search_terms') GROUP BY "
                    "name ORDER BY name"))) {
                while (q.next())
                    std::fprintf(stderr, "on disk: %s %.1f MB\n", qPrintable(q.value(0).toString()),
                                 q.value(1).toDouble() / 1e6);
            }
        }
        stat.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("p4-stat"));

    // contacts-dataset.py --queries (seed 1), in its order.
    const char *terms[] = {
        "Marie Okafor",   "Marie",   "marie.okafor",    "4832054", "Asaba Properties",
        "Musa Obi",       "Musa",    "musa.obi",        "6418450", "Aba Bakery",
        "Funmi Mohammed", "Funmi",   "funmi.mohammed",  "5283798", "Aba Concepts Co",
        "Abena Obi",      "Abena",   "abena.obi2",      "4819248", "Abeokuta Fashion",
        "Chinedu Okafor", "Chinedu", "chinedu.okafor9", "1282117", "Aba Foods"};
    std::vector<Case> cases;
    for (const char *t : terms) {
        Case c;
        c.term = QString::fromUtf8(t);
        cases.push_back(c);
    }
    return runCases(env, cases, total, "realistic");
}

int synthetic(int total)
{
    constexpr int kChunk = 20000;
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
    std::fprintf(stderr, "seeded %d contacts in %.1f s\n", total, seedTimer.elapsed() / 1000.0);

    std::vector<Case> cases(2);
    cases[0].term = QStringLiteral("quokka");
    cases[0].expected = 1;
    cases[1].term = QStringLiteral("heliotrope");
    cases[1].expected = kManyHits;
    return runCases(env, cases, total, "synthetic");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000; // smaller for a dry run
    int status = realistic(total);
    if (qEnvironmentVariableIsEmpty("WAMATOR_P4_REALISTIC_ONLY"))
        status |= synthetic(total);
    std::printf("machine: %s\n", benchMachine().constData());
    return status;
}
