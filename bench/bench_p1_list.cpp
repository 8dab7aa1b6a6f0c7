// P1: authenticated GET /users/list (10 users) served by `wamator --headless` (its own process)
// vs a bare QHttpServer program (bare_qhttpserver, its own process) returning a constant JSON
// object, both loaded by the same wrk command (keep-alive, 2 threads, 50 connections) in the
// same run, alternating, several rounds. Bar: the real route reaches >= 60 % of the bare
// program's requests/s. Measure with a Release build (bench/run-all, WAMATOR_BUILD_DIR): the
// machine's load is printed with the figures because the ratio moves with it.
// Usage: bench_p1_list [seconds per run=10] [rounds=3]
// WAMATOR_P1_BINARY=/path/to/wamator measures another build of the app (e.g. before a change).

#include "../tests/api/HeadlessAppFixture.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <vector>

#include <sys/prctl.h>
#include <unistd.h>

using namespace headless;

namespace {

struct WrkResult
{
    double rps = 0;
    qint64 requests = 0;
    double cpuSeconds = 0; // the server process's user + system CPU time during the run
    double cpuMicrosPerRequest() const
    {
        return requests > 0 ? cpuSeconds * 1e6 / double(requests) : 0;
    }
    qint64 non2xx = 0;
    bool socketErrors = false;
    QByteArray output;
};

// User + system CPU seconds a process has used (/proc/<pid>/stat fields 14 and 15).
double cpuSecondsOf(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // The command name (field 2) may contain spaces: count fields after its closing ')'.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    static const double ticks = double(sysconf(_SC_CLK_TCK));
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / ticks;
}

// wrk runs in its own process; both servers do too, so blocking here is fine. `serverPid`: the
// process whose CPU time the run is charged to.
WrkResult runWrk(quint16 port, const QByteArray &path, const QByteArray &apiKey, int seconds,
                 qint64 serverPid)
{
    const double cpuBefore = cpuSecondsOf(serverPid);
    QProcess wrk;
    QStringList args{QStringLiteral("-t2"), QStringLiteral("-c50"),
                     QStringLiteral("-d%1s").arg(seconds)};
    if (!apiKey.isEmpty())
        args << QStringLiteral("-H")
             << QStringLiteral("x-api-key: %1").arg(QString::fromLatin1(apiKey));
    args << QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(QString::fromLatin1(path));
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    wrk.start(QStringLiteral("wrk"), args);
    wrk.waitForFinished(seconds * 1000 + 30000);
    WrkResult r;
    r.cpuSeconds = cpuSecondsOf(serverPid) - cpuBefore;
    r.output = wrk.readAll();
    const QString out = QString::fromUtf8(r.output);
    const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(out);
    r.rps = rps.hasMatch() ? rps.captured(1).toDouble() : 0;
    const auto requests = QRegularExpression(QStringLiteral("(\\d+) requests in")).match(out);
    r.requests = requests.hasMatch() ? requests.captured(1).toLongLong() : 0;
    const auto non2xx =
        QRegularExpression(QStringLiteral("Non-2xx or 3xx responses:\\s+(\\d+)")).match(out);
    r.non2xx = non2xx.hasMatch() ? non2xx.captured(1).toLongLong() : 0;
    r.socketErrors = out.contains(QStringLiteral("Socket errors:"));
    return r;
}

QByteArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return "?";
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.mid(0, 3).join(' ');
}

// The bare program, started like the app: dies with this process.
class BareServer
{
public:
    bool start()
    {
        m_proc.setProcessChannelMode(QProcess::MergedChannels);
        m_proc.setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_proc.start(QStringLiteral(BARE_QHTTPSERVER_BINARY), {});
        if (!m_proc.waitForStarted(10000))
            return false;
        static const QRegularExpression re(QStringLiteral("listening on [0-9.]+:(\\d+)"));
        QByteArray out;
        while (m_proc.waitForReadyRead(10000)) {
            out += m_proc.readAll();
            const auto m = re.match(QString::fromUtf8(out));
            if (m.hasMatch()) {
                port = quint16(m.captured(1).toUInt());
                return true;
            }
        }
        return false;
    }
    ~BareServer()
    {
        m_proc.kill();
        m_proc.waitForFinished(5000);
    }
    quint16 port = 0;
    qint64 pid() const { return m_proc.processId(); }

private:
    QProcess m_proc;
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? qMax(1, std::atoi(argv[1])) : 10;
    const int rounds = argc > 2 ? qMax(1, std::atoi(argv[2])) : 3;
    constexpr double kBar = 0.60;

    // WAMATOR_P1_BINARY: another build of the app to measure the same way (a before/after pair).
    const QString binary = qEnvironmentVariableIsSet("WAMATOR_P1_BINARY")
                               ? qEnvironmentVariable("WAMATOR_P1_BINARY")
                               : QStringLiteral(WAMATOR_BINARY);
    HeadlessApp server(binary, kAdminToken);
    if (!server.start()) {
        std::fprintf(stderr, "%s --headless did not start:\n%s\n", qPrintable(binary),
                     qPrintable(server.log()));
        return 2;
    }
    const QByteArray key = registerVendor(server.port(), QStringLiteral("p1@example.com"),
                                          QStringLiteral("p1 bench password"))
                               .toLatin1();
    if (key.isEmpty()) {
        std::fprintf(stderr, "could not register a vendor\n");
        return 2;
    }
    for (int i = 0; i < 10; ++i) {
        const QByteArray body =
            QJsonDocument(QJsonObject{{"name", QStringLiteral("User %1").arg(i)},
                                      {"email", QStringLiteral("user%1@example.com").arg(i)},
                                      {"company_name", QStringLiteral("Company %1").arg(i)}})
                .toJson(QJsonDocument::Compact);
        const Answer a = send(
            server.port(), request("POST", "/users/register", body, "x-api-key: " + key + "\r\n"));
        if (a.status != 201) {
            std::fprintf(stderr, "could not create a user: %s\n", qPrintable(a.describe()));
            return 2;
        }
    }
    const Answer list =
        send(server.port(), request("GET", "/users/list", {}, "x-api-key: " + key + "\r\n"));
    if (list.status != 200 || list.json().value(QStringLiteral("users")).toArray().size() != 10) {
        std::fprintf(stderr, "GET /users/list: %s\n", qPrintable(list.describe()));
        return 2;
    }

    BareServer bare;
    if (!bare.start()) {
        std::fprintf(stderr, "bare_qhttpserver did not start\n");
        return 2;
    }

    const QByteArray loadBefore = loadAverage();
    // Short warm-ups (page cache, allocators, the app's caches), then the measured runs,
    // alternating which goes first so that neither always follows the other.
    runWrk(bare.port, "/bare", {}, 2, bare.pid());
    runWrk(server.port(), "/users/list", key, 2, server.pid());
    std::vector<double> bareRps, realRps, ratios, cpuRatios;
    for (int r = 0; r < rounds; ++r) {
        WrkResult b, w;
        if (r % 2 == 0) {
            b = runWrk(bare.port, "/bare", {}, seconds, bare.pid());
            w = runWrk(server.port(), "/users/list", key, seconds, server.pid());
        } else {
            w = runWrk(server.port(), "/users/list", key, seconds, server.pid());
            b = runWrk(bare.port, "/bare", {}, seconds, bare.pid());
        }
        if (b.rps <= 0 || w.rps <= 0 || w.non2xx > 0 || w.socketErrors || b.socketErrors) {
            std::printf("P1 FAILED in round %d: wrk output:\n%s\n%s\n", r + 1, b.output.constData(),
                        w.output.constData());
            return 1;
        }
        bareRps.push_back(b.rps);
        realRps.push_back(w.rps);
        ratios.push_back(w.rps / b.rps);
        cpuRatios.push_back(b.cpuMicrosPerRequest() / qMax(1e-9, w.cpuMicrosPerRequest()));
        std::printf("  round %d: wamator %.0f req/s, bare %.0f req/s = %.1f %%; server CPU per "
                    "request: wamator %.1f us, bare %.1f us (load %s)\n",
                    r + 1, w.rps, b.rps, 100 * w.rps / b.rps, w.cpuMicrosPerRequest(),
                    b.cpuMicrosPerRequest(), loadAverage().constData());
        std::fflush(stdout);
    }
    const double ratio = median(ratios);
    std::printf("P1 GET /users/list (10 users, authenticated), wamator --headless %.0f req/s vs "
                "bare QHttpServer program %.0f req/s (medians of %d rounds, separate processes, "
                "wrk -t2 -c50 -d%ds): median ratio %.1f %% | bar: >= %.0f %% | %s\n",
                median(realRps), median(bareRps), rounds, seconds, ratio * 100, kBar * 100,
                ratio >= kBar ? "PASS" : "MISS");
    // On a shared machine the servers get what CPU is left, and req/s moves with it; the CPU
    // each server spends per request does much less. Printed beside the bar, not judged.
    std::printf("  server CPU per request, bare / wamator (median of the rounds): %.1f %% "
                "(moves less with the machine's load than req/s)\n",
                median(cpuRatios) * 100);
    std::printf("app: %s\n", qPrintable(binary));
    std::printf("load average before %s, after %s; machine: %s %s, %d cores\n",
                loadBefore.constData(), loadAverage().constData(),
                qPrintable(QSysInfo::prettyProductName()),
                qPrintable(QSysInfo::currentCpuArchitecture()), QThread::idealThreadCount());
    return 0;
}
