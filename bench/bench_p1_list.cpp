// P1: authenticated GET /users/list (10 users) through the real ApiServer vs a bare
// QHttpServer route returning a constant JSON object, both served by this process's main
// thread, each loaded by wrk (keep-alive, 50 connections) in the same run. Bar: the real
// route reaches ≥ 60 % of the bare route's requests/s.

#include "BenchSetup.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHttpServer>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <cstdio>

namespace {

struct WrkResult
{
    double rps = 0;
    int non2xx = 0;
    int errors = 0;
    QByteArray output;
};

WrkResult runWrk(quint16 port, const QByteArray &path, const QByteArray &apiKey, int seconds)
{
    QProcess wrk;
    QStringList args{QStringLiteral("-t2"), QStringLiteral("-c50"),
                     QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency")};
    if (!apiKey.isEmpty())
        args << QStringLiteral("-H")
             << QStringLiteral("x-api-key: %1").arg(QString::fromUtf8(apiKey));
    args << QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(QString::fromUtf8(path));
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    wrk.start(QStringLiteral("wrk"), args);
    // The servers live on this thread: keep its event loop running while wrk loads them.
    QEventLoop loop;
    QObject::connect(&wrk, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&wrk, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    loop.exec();
    WrkResult r;
    r.output = wrk.readAll();
    const auto rps = QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)"))
                         .match(QString::fromUtf8(r.output));
    r.rps = rps.hasMatch() ? rps.captured(1).toDouble() : 0;
    const auto non2xx = QRegularExpression(QStringLiteral("Non-2xx or 3xx responses:\\s+(\\d+)"))
                            .match(QString::fromUtf8(r.output));
    r.non2xx = non2xx.hasMatch() ? non2xx.captured(1).toInt() : 0;
    const auto errors =
        QRegularExpression(QStringLiteral("Socket errors:.*")).match(QString::fromUtf8(r.output));
    r.errors = errors.hasMatch() ? 1 : 0;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? QByteArray(argv[1]).toInt() : 10;
    constexpr double kBar = 0.60;

    BenchEnv env;
    env.start();
    for (int i = 0; i < 9; ++i) { // 10 users with the one BenchEnv made
        AppUser u;
        u.name = QStringLiteral("User %1").arg(i);
        u.email = QStringLiteral("user%1@example.com").arg(i);
        u.companyName = QStringLiteral("Company %1").arg(i);
        env.core->users().create(env.vendorId, u);
    }

    QHttpServer bare;
    bare.route(QStringLiteral("/bare"), [] {
        return QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                           {QStringLiteral("users"), 10}};
    });
    // QTcpServer + bind(): QHttpServer::listen() is gone in Qt 6.8, bind() works on 6.4 and 6.8.
    auto *bareTcp = new QTcpServer(&bare);
    quint16 barePort = 0;
    if (bareTcp->listen(QHostAddress::LocalHost, 0)) {
        bare.bind(bareTcp);
        barePort = bareTcp->serverPort();
    }
    if (!barePort) {
        std::fprintf(stderr, "bare server could not listen\n");
        return 2;
    }

    // Short warm-ups (page cache, allocators), then the measured runs, alternating.
    runWrk(barePort, "/bare", {}, 2);
    runWrk(env.port, "/users/list", env.apiKey.toUtf8(), 2);
    const WrkResult bareRun = runWrk(barePort, "/bare", {}, seconds);
    const WrkResult realRun = runWrk(env.port, "/users/list", env.apiKey.toUtf8(), seconds);

    if (bareRun.rps <= 0 || realRun.rps <= 0 || realRun.non2xx > 0) {
        std::printf("P1 FAILED: wrk output:\n%s\n%s\n", bareRun.output.constData(),
                    realRun.output.constData());
        return 1;
    }
    const double ratio = realRun.rps / bareRun.rps;
    std::printf("P1 GET /users/list (10 users, authenticated): %.0f req/s vs bare QHttpServer "
                "route %.0f req/s = %.0f %% (wrk -t2 -c50 -d%ds) | bar: >= %.0f %% | %s\n",
                realRun.rps, bareRun.rps, ratio * 100, seconds, kBar * 100,
                ratio >= kBar ? "PASS" : "MISS");
    std::printf("machine: %s\n", benchMachine().constData());
    return 0;
}
