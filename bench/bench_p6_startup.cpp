// P6 (docs/performance.md): start-up to `/ready` with 100 numbers configured, their sessions
// restoring in the background. Prepares a data directory with 100 sandbox numbers marked to be
// restored at start (as a run that had them all connected leaves it), then starts the real
// `wamator --headless` on it several times and measures, from QProcess::start to the first
// `200` of `GET /ready`. Bar: <= 1.0 s. After the last run it also checks that the sessions do
// restore (every number leaves `disconnected` within a minute), so a fast /ready is not bought
// by skipping the restore.

#include "BenchHttp.h"
#include "BenchSetup.h"

#include "CoreServices.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "numbers/NumberStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kNumbers = 100;
constexpr int kRuns = 5;
constexpr double kBarMs = 1000.0;
const QByteArray kAdminToken = "p6-admin-token-0123456789abcdef0123"; // >= 32 characters

struct Prepared
{
    bool ok = false;
    QByteArray apiKey;
    qint64 userId = 0;
};

QProcessEnvironment appEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    env.insert(QStringLiteral("WAMATOR_SECRET_BACKEND"), QStringLiteral("file"));
    env.insert(QStringLiteral("WAMATOR_ADMIN_TOKEN"), QString::fromLatin1(kAdminToken));
    return env;
}

Prepared prepare(const QString &dataDir)
{
    Prepared p;
    qputenv("WAMATOR_SECRET_BACKEND", "file"); // the same secret store the app will open
    CoreServices::Options options;
    options.dataDir = dataDir;
    CoreServices core(std::move(options));
    core.open();
    const auto registration =
        core.accounts().registerVendor(QStringLiteral("P6"), QStringLiteral("p6@example.com"),
                                       QStringLiteral("correct horse battery"),
                                       QStringLiteral("P6"), QStringLiteral("08031234567"));
    const qint64 vendor = registration.vendor.id;
    p.apiKey = registration.apiKey.toLatin1();
    AppUser u;
    u.name = QStringLiteral("P6 user");
    u.email = QStringLiteral("p6-user@example.com");
    const qint64 user = core.users().create(vendor, u).id;
    p.userId = user;
    for (int i = 0; i < kNumbers; ++i) {
        const WhatsAppNumber n = core.numbers().add(
            vendor, user, QStringLiteral("2348031%1").arg(i, 6, 10, QLatin1Char('0')), QString(),
            true);
        core.numbers().setRestoreOnStart(vendor, n.id, true);
    }
    p.ok = core.numbers().listToRestore().size() == kNumbers;
    return p;
}

struct Run
{
    double readyMs = -1;
    quint16 port = 0;
};

// Starts the app, waits for its port, then polls /ready as fast as a client would.
Run startAndWaitReady(QProcess &app, const QString &dataDir)
{
    Run run;
    app.setProcessEnvironment(appEnvironment());
    app.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    app.start(QStringLiteral(WAMATOR_BINARY),
              {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dataDir,
               QStringLiteral("--port"), QStringLiteral("0")});
    static const QRegularExpression listening(QStringLiteral("listening on [0-9.]+:(\\d+)"));
    QByteArray out;
    while (run.port == 0 && t.elapsed() < 30000 && app.state() != QProcess::NotRunning) {
        app.waitForReadyRead(2);
        out += app.readAll();
        const auto m = listening.match(QString::fromUtf8(out));
        if (m.hasMatch())
            run.port = quint16(m.captured(1).toUInt());
    }
    if (run.port == 0) {
        std::fprintf(stderr, "the app did not report its port:\n%s\n", out.constData());
        return run;
    }
    BenchHttp http(run.port);
    while (t.elapsed() < 30000) {
        if (http.request("GET", "/ready").status == 200) {
            run.readyMs = t.nsecsElapsed() / 1e6;
            break;
        }
        QThread::msleep(1);
    }
    return run;
}

void stop(QProcess &app)
{
    app.terminate();
    if (!app.waitForFinished(30000)) {
        app.kill();
        app.waitForFinished(5000);
    }
}

// Every number left `disconnected` (a restored session starts by itself).
bool sessionsRestore(quint16 port, const Prepared &p)
{
    BenchHttp http(port);
    http.headers.append({"x-api-key", p.apiKey});
    const QByteArray path = "/whatsapp-numbers/" + QByteArray::number(p.userId) + "/list";
    QElapsedTimer t;
    t.start();
    int started = 0;
    while (t.elapsed() < 60000) {
        const BenchHttp::Reply r = http.request("GET", path);
        started = 0;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.body).object().value("numbers").toArray())
            started += v.toObject().value("state").toString() != QLatin1String("disconnected");
        if (started == kNumbers)
            break;
        QThread::msleep(250);
    }
    std::printf("P6 restore: %d of %d sessions under way (`starting` or further) %.1f s after "
                "/ready\n",
                started, kNumbers, t.elapsed() / 1000.0);
    return started == kNumbers;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    const Prepared prepared = prepare(dataDir);
    if (!prepared.ok) {
        std::fprintf(stderr, "P6: could not prepare %d numbers\n", kNumbers);
        return 2;
    }
    std::vector<double> times;
    bool restored = true;
    for (int i = 0; i < kRuns; ++i) {
        QProcess wamator;
        const Run run = startAndWaitReady(wamator, dataDir);
        if (run.readyMs < 0) {
            std::fprintf(stderr, "P6: run %d never answered /ready\n%s\n", i + 1,
                         wamator.readAll().constData());
            stop(wamator);
            return 1;
        }
        times.push_back(run.readyMs);
        std::printf("P6 run %d: /ready after %.0f ms\n", i + 1, run.readyMs);
        std::fflush(stdout);
        if (i == kRuns - 1)
            restored = sessionsRestore(run.port, prepared);
        stop(wamator);
    }
    std::sort(times.begin(), times.end());
    const double median = times.at(times.size() / 2);
    std::printf("P6 start-up to /ready with %d numbers restoring: median %.0f ms, max %.0f ms "
                "(%d runs) | bar: <= %.0f ms | %s\n",
                kNumbers, median, times.back(), kRuns, kBarMs,
                times.back() <= kBarMs && restored ? "PASS" : "MISS");
    std::printf("machine: %s\n", benchMachine().constData());
    return times.back() <= kBarMs && restored ? 0 : 1;
}
