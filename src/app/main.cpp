#include "CommandLine.h"
#include "UnixSignals.h"

#include "ApiControllers.h"
#include "ApiServer.h"
#include "ChromiumFlags.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "InboundListener.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "SimulatorScheme.h"
#include "WhatsAppControllers.h"
#include "messaging/MediaFetcher.h"
#include "outbox/OutboxDispatcher.h"
#include "platform/Logging.h"
#include "platform/Settings.h"
#include "platform/SingleInstanceLock.h"
#include "security/SecretStore.h"
#include "webhooks/WebhookDispatcher.h"

#include <QApplication>
#include <QDir>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcApp, "wamator.app")

namespace {

void prepareEnvironment(bool headless, bool quiet)
{
    // Without a display a headless run still needs a Qt platform for WebEngine pages.
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!headless && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Chromium refuses its sandbox as root (containers, CI); say so instead of dying.
    if (::geteuid() == 0 && qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX")) {
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
        if (!quiet)
            std::fprintf(stderr, "wamator: running as root, Chromium's sandbox is disabled\n");
    }
    ChromiumFlags::apply(headless);
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "wamator: %s\n", qPrintable(message));
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    // Everything this process creates (database, logs, media cache, Chromium's profile files,
    // secrets) is for its user only; the data directory is also set to 0700 explicitly
    // (CoreServices::open), this covers the files that code creates without a mode.
    ::umask(077);
    const bool headlessHint = CommandLine::wantsHeadless(argc, argv);
    prepareEnvironment(headlessHint, CommandLine::isInfoRequest(argc, argv));
    SimulatorScheme::registerScheme(); // before the application object (QtWebEngine rule)

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("wamator"));
    QApplication::setApplicationDisplayName(QStringLiteral("Wamator"));
    QApplication::setApplicationVersion(QStringLiteral(WAMATOR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("wamator"));

    const CommandLine cl = CommandLine::parse(app.arguments());
    const bool headless = cl.headless;
    QApplication::setQuitOnLastWindowClosed(!headless);

    if (!QDir().mkpath(cl.dataDir))
        return fail(QStringLiteral("cannot create the data directory %1").arg(cl.dataDir), 73);

    SingleInstanceLock lock(cl.dataDir);
    if (!lock.tryLock())
        return fail(lock.errorMessage(), 75);

    Logging::init(QDir(cl.dataDir).filePath(QStringLiteral("logs")), true);
    qCInfo(lcApp) << "Wamator" << WAMATOR_VERSION << (headless ? "headless" : "with a window")
                  << "data dir" << cl.dataDir;

    CoreServices::Options options;
    options.dataDir = cl.dataDir;
    options.adminTokenFile = cl.adminTokenFile;
    CoreServices core(std::move(options));
    try {
        core.open();
    } catch (const DomainError &e) {
        return fail(e.message(), 78);
    }

    const QString listenAddress =
        cl.listenAddress.isEmpty() ? core.settings().listenAddress() : cl.listenAddress;
    const int port = cl.port ? *cl.port : core.settings().port();
    QHostAddress address;
    if (listenAddress == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(listenAddress))
        return fail(QStringLiteral("--listen: \"%1\" is not an IP address").arg(listenAddress), 64);

    SessionManager sessions(core);
    OutboxDispatcher dispatcher(core, sessions.sender());
    InboundListener inbound(core, sessions);
    // Delivers the staged webhook events (docs/webhooks.md "Delivery").
    WebhookDispatcher webhooks(core);

    ApiServer api(core);
    addCoreControllers(api, core);
    addWhatsAppControllers(api, core, sessions);
    // /metrics carries the deliverer's families (deliveries by outcome, queue depth, latency).
    api.addMetricsSource([&webhooks] { return webhooks.metricsText(); });
    if (!api.listen(address, static_cast<quint16>(port)))
        return fail(QStringLiteral("cannot listen on %1:%2: %3")
                        .arg(address.toString())
                        .arg(port)
                        .arg(api.errorString()),
                    69);
    // Media URLs never reach the app's own API, whichever port it got.
    dispatcher.media().protectLocalPort(api.serverPort());
    webhooks.protectLocalPort(api.serverPort());
    qCInfo(lcApp).noquote() << QStringLiteral("API on http://%1:%2/")
                                   .arg(address.toString())
                                   .arg(api.serverPort());
    // Printed on stdout so scripts and tests can find a port chosen with --port 0.
    std::printf("wamator: listening on %s:%u\n", qPrintable(address.toString()), api.serverPort());
    std::fflush(stdout);

    // The API answers at once; sessions come back and the queue starts in the background.
    QTimer::singleShot(0, &sessions, [&] { sessions.restoreSessions(); });
    QTimer::singleShot(0, &dispatcher, [&] { dispatcher.start(); });
    QTimer::singleShot(0, &webhooks, [&] { webhooks.start(); });

    UnixSignals signals_;
    QObject::connect(&signals_, &UnixSignals::terminationRequested, &app, [](int sig) {
        qCInfo(lcApp) << "signal" << sig << "- shutting down";
        QCoreApplication::quit();
    });

    std::unique_ptr<MainWindow> window;
    if (!headless) {
        window = std::make_unique<MainWindow>(core, sessions);
        window->show();
    }

    const int rc = app.exec();
    window.reset();
    qCInfo(lcApp) << "stopped";
    return rc;
}
