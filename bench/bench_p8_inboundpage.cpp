// P8, the page's share: how fast one sandbox session's page hands customers' messages to C++.
// A real WebEngineSession on the simulator page with the production adapter; the simulator's
// `burst` makes kBurst customers write at once (each message stored in the page's IndexedDB,
// transaction complete, before WhatsApp's `Msg` `add`), the adapter hears them and batches them
// into `messages` events, WebEngineSession emits messagesReceived. Figure: messages/s from the
// burst's start to the last message in C++, none lost or doubled. This is the ceiling the
// inbound recorder (core) works under, not P8 itself (P8 also records them durably).

#include "SimulatorScheme.h"
#include "WebEngineSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebEngineProfile>
#include <cstdio>

namespace {
const int kBurst = qEnvironmentVariableIsSet("WAMATOR_P8_BURST")
                       ? qEnvironmentVariableIntValue("WAMATOR_P8_BURST")
                       : 5000;
constexpr double kBar = 500.0;

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!condition()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(' ', 0, 0)
                                       : QStringLiteral("?");
}
} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    SimulatorScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QGuiApplication app(argc, argv);

    QTemporaryDir dir;
    auto *handler = new SimulatorSchemeHandler(&app);
    WebEngineSession::Config c;
    c.vendorId = 1;
    c.userId = 1;
    c.numberId = 1;
    c.phoneNumber = QStringLiteral("2348031234567");
    c.sessionId = QStringLiteral("1-1-2348031234567");
    c.sandbox = true;
    c.dataDir = dir.path();
    c.profileDir = dir.filePath(QStringLiteral("profiles/") + c.sessionId);
    c.url = SimulatorScheme::pageUrl(QStringLiteral("openMs=0&pairMs=50&syncMs=50"));
    c.prepareProfile = [handler](QWebEngineProfile *p) {
        p->installUrlSchemeHandler(SimulatorScheme::schemeName(), handler);
    };
    WebEngineSession session(c);

    QSet<QString> heard;
    int received = 0;
    int batches = 0;
    QObject::connect(&session, &Session::messagesReceived, [&](const QJsonArray &messages) {
        ++batches;
        for (const QJsonValue &v : messages) {
            ++received;
            heard.insert(v.toObject().value(QLatin1String("id")).toString());
        }
    });

    session.start();
    if (!waitFor([&] { return session.state() == SessionState::QrPending; }, 60000)) {
        std::fprintf(stderr, "no QR\n");
        return 2;
    }
    session.runInPage(QStringLiteral("WamatorSimulator.scan(), true"), [](const QVariant &) {});
    if (!waitFor([&] { return session.state() == SessionState::Ready; }, 60000)) {
        std::fprintf(stderr, "not ready: %s\n", qPrintable(session.reason()));
        return 2;
    }

    const QString load = loadAverage();
    bool done = false;
    bool ok = false;
    QJsonArray ids;
    QString error;
    QElapsedTimer t;
    t.start();
    session.simulatorRequest(
        QStringLiteral("burst"),
        {{QStringLiteral("from"), QStringLiteral("2348100000000")},
         {QStringLiteral("distinct"), true},
         {QStringLiteral("body"), QStringLiteral("reply")},
         {QStringLiteral("count"), kBurst}},
        600000, [&](bool success, const QJsonObject &result, const QString &e, const QString &m) {
            done = true;
            ok = success;
            ids = result.value(QLatin1String("ids")).toArray();
            error = e + QStringLiteral(": ") + m;
        });
    const bool all = waitFor([&] { return done && received >= kBurst; }, 600000);
    const double seconds = t.nsecsElapsed() / 1e9;
    if (!ok || !all) {
        std::fprintf(stderr, "burst failed (%s), %d of %d heard\n", qPrintable(error), received,
                     kBurst);
        return 1;
    }
    // A moment more: nothing may come twice.
    waitFor([] { return false; }, 500);
    QSet<QString> sent;
    for (const QJsonValue &v : std::as_const(ids))
        sent.insert(v.toString());
    const bool exact = received == kBurst && heard == sent;
    const double rate = kBurst / seconds;
    std::printf("P8 page: %d customers' messages in %.2f s = %.0f messages/s to C++ "
                "(%d batches), %s; load %s → %s; bar (whole P8) ≥ %.0f/s — %s\n",
                kBurst, seconds, rate, batches, exact ? "none lost or doubled" : "LOST OR DOUBLED",
                qPrintable(load), qPrintable(loadAverage()), kBar,
                exact && rate >= kBar ? "PASS" : "MISS");
    return exact ? 0 : 1;
}
