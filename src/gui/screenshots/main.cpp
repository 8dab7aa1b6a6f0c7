// wamator-screenshots: opens the real window over a demo data directory and saves a PNG of
// every page, so a reviewer sees what an operator sees. Run by scripts/screenshots under Xvfb.
//   wamator-screenshots --out DIR [--data-dir DIR] [--language fr] [--size 1360x860]

#include "ComposeDialog.h"
#include "ContactDialog.h"
#include "ConversationsPage.h"
#include "CoreServices.h"
#include "DemoData.h"
#include "DomainError.h"
#include "GuiContext.h"
#include "InboundListener.h"
#include "MainWindow.h"
#include "MessagesPage.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "SimulatorScheme.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneDisplay.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "outbox/OutboxDispatcher.h"
#include "platform/Settings.h"
#include "security/MemorySecretStore.h"
#include "webhooks/WebhookDispatcher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <functional>

namespace {
void pump(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

bool save(QWidget *w, const QString &path)
{
    const bool ok = w->window()->grab().save(path, "PNG");
    std::fprintf(stdout, "%s %s\n", ok ? "saved" : "FAILED", qPrintable(path));
    return ok;
}
} // namespace

int main(int argc, char **argv)
{
    SimulatorScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("wamator-screenshots"));
    app.setApplicationName(QStringLiteral("wamator"));
    QStandardPaths::setTestModeEnabled(true); // window state of earlier runs stays out

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("out"), QStringLiteral("Folder for the PNG files."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("Data directory (default: a temporary one)."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("en, fr or pt_BR."), QStringLiteral("lang"), QStringLiteral("en")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Window size."), QStringLiteral("WxH"), QStringLiteral("1360x860")});
    parser.process(app);
    if (!parser.isSet(QStringLiteral("out"))) {
        std::fprintf(stderr, "--out is required\n");
        return 2;
    }
    const QString out = parser.value(QStringLiteral("out"));
    QDir().mkpath(out);
    QTemporaryDir temp;
    const QString dataDir = parser.isSet(QStringLiteral("data-dir")) ? parser.value(QStringLiteral("data-dir"))
                                                                      : temp.path();
    CoreServices::Options options;
    options.dataDir = dataDir;
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    DemoData::Seeded demo;
    try {
        core.open();
        core.settings().setLanguage(parser.value(QStringLiteral("language")) == QLatin1String("en")
                                        ? QStringLiteral("en")
                                        : parser.value(QStringLiteral("language")));
        demo = DemoData::seed(core);
    } catch (const DomainError &e) {
        std::fprintf(stderr, "cannot prepare the demo data: %s\n", qPrintable(e.message()));
        return 1;
    }

    SessionManager sessions(core);
    OutboxDispatcher dispatcher(core, sessions.sender());
    InboundListener inbound(core, sessions);
    WebhookDispatcher webhooks(core);
    dispatcher.start();
    webhooks.start();

    // One number connected (scan simulated), one waiting with its QR code on screen.
    sessions.connectNumber(demo.vendorId, demo.readyNumberId);
    if (!waitFor([&]() { return sessions.snapshot(demo.vendorId, demo.readyNumberId).state == SessionState::QrPending; }, 60000))
        std::fprintf(stderr, "warning: the sandbox page showed no QR code\n");
    sessions.simulateScan(demo.vendorId, demo.readyNumberId);
    if (!waitFor([&]() { return sessions.snapshot(demo.vendorId, demo.readyNumberId).state == SessionState::Ready; }, 60000))
        std::fprintf(stderr, "warning: the sandbox number did not become ready\n");
    sessions.connectNumber(demo.vendorId, demo.qrNumberId);
    waitFor([&]() { return sessions.snapshot(demo.vendorId, demo.qrNumberId).state == SessionState::QrPending; }, 60000);

    // Today's batch through the real pipeline.
    MessageComposer composer(core);
    MessageComposer::Request request;
    request.userId = demo.userId;
    request.message = QStringLiteral("Hello {{nickname|friend}}, your cake order is ready for pick-up!");
    request.templateId = QStringLiteral("order_ready");
    request.fromNumberId = demo.readyNumberId;
    const ContactStore::Page page = core.contacts().search(demo.vendorId, demo.userId, QString(), 1, 25);
    for (const Contact &c : page.contacts)
        request.recipients.append({PhoneDisplay::e164(c.phoneNumber), QJsonObject()});
    QString batchId;
    try {
        batchId = composer.compose(demo.vendorId, request).batchId;
        dispatcher.wake();
    } catch (const DomainError &e) {
        std::fprintf(stderr, "warning: compose failed: %s\n", qPrintable(e.message()));
    }
    if (!batchId.isEmpty()) {
        waitFor([&]() {
            const auto counts = core.messages().countsForBatch(demo.vendorId, batchId);
            return counts.value(MessageStatus::Pending) + counts.value(MessageStatus::Sending) +
                       counts.value(MessageStatus::Sent) + counts.value(MessageStatus::Delivered) ==
                   0;
        }, 30000); // the simulator reads each message about 400 ms after it arrives
    }

    QSize size(1360, 860);
    const QStringList wh = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
    if (wh.size() == 2)
        size = QSize(wh.at(0).toInt(), wh.at(1).toInt());
    MainWindow window(core, sessions);
    window.resize(size);
    window.show();
    pump(1500);

    int failures = 0;
    int n = 1;
    const auto shot = [&](const QString &name) {
        failures += !save(&window, QStringLiteral("%1/%2-%3.png").arg(out).arg(n++, 2, 10, QLatin1Char('0')).arg(name));
    };
    for (int p = 0; p < MainWindow::PageCount; ++p) {
        window.showPage(p);
        if (p == MainWindow::Sessions)
            window.sessionsPage()->selectNumber(demo.qrNumberId);
        if (p == MainWindow::Messages) {
            pump(800);
            // Select the newest message so its batch and counts show.
            if (auto *table = window.messagesPage()->findChild<QTableView *>(QStringLiteral("table")))
                table->selectRow(0);
        }
        if (p == MainWindow::Conversations) {
            window.conversationsPage()->selectUser(demo.vendorId, demo.userId);
            pump(800);
            window.conversationsPage()->openChat(3); // the customer who sent a photo
        }
        pump(1200);
        shot(MainWindow::pageKey(p));
        if (p == MainWindow::Sessions) {
            window.sessionsPage()->selectNumber(demo.readyNumberId);
            window.sessionsPage()->showWebView();
            pump(3000);
            shot(QStringLiteral("sessions-whatsapp-web"));
            window.sessionsPage()->showQr();
        }
    }

    // Two dialogs an operator meets early: the contact form and the compose dialog.
    GuiContext ctx(core, sessions);
    {
        Contact sample = page.contacts.value(0);
        ContactDialog dialog(core, demo.vendorId, demo.userId, sample, &window);
        dialog.show();
        pump(500);
        failures += !save(&dialog, QStringLiteral("%1/%2-contact-dialog.png").arg(out).arg(n++, 2, 10, QLatin1Char('0')));
    }
    {
        ComposeDialog dialog(ctx, demo.vendorId, demo.userId, &window);
        dialog.setMessage(QStringLiteral("Hello {{nickname|friend}}, your cake order is ready for pick-up!"));
        dialog.setSearch(QStringLiteral("Okafor"));
        dialog.addAllMatching();
        dialog.show();
        pump(500);
        failures += !save(&dialog, QStringLiteral("%1/%2-compose-dialog.png").arg(out).arg(n++, 2, 10, QLatin1Char('0')));
    }
    webhooks.stop();
    dispatcher.stop();
    return failures ? 1 : 0;
}
