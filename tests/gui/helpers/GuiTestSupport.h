#pragma once

// Shared by the widget tests: a QApplication that WebEngine accepts (the simulator scheme and
// shared GL contexts set up before it exists), QSettings in test mode, and a vendor with a user.

#include "CoreServices.h"
#include "SimulatorScheme.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"

#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QStandardPaths>
#include <QTimer>
#include <QtTest>

#include <memory>

namespace GuiTestSupport {

struct Owner
{
    qint64 vendorId = 0;
    qint64 userId = 0;
};

inline void prepareEnvironment()
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS",
                "--disable-gpu --disable-background-networking --disable-component-update "
                "--no-first-run");
    SimulatorScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QStandardPaths::setTestModeEnabled(true); // QSettings of the tests stay out of ~/.config
}

inline Owner makeOwner(CoreServices &core, const QString &email = QStringLiteral("vendor@example.com"))
{
    Owner o;
    o.vendorId = core.accounts()
                     .registerVendor(QStringLiteral("Vendor"), email,
                                     QStringLiteral("correct horse battery"),
                                     QStringLiteral("Acme"), QStringLiteral("2348000000000"))
                     .vendor.id;
    AppUser user;
    user.name = QStringLiteral("User");
    user.email = QStringLiteral("user@example.com");
    o.userId = core.users().create(o.vendorId, user).id;
    return o;
}

// n contacts "Contact 000001" … with distinct Nigerian mobile numbers.
inline void addContacts(CoreServices &core, const Owner &o, int n, int offset = 0)
{
    QList<Contact> batch;
    for (int i = offset; i < offset + n; ++i) {
        Contact c;
        c.name = QStringLiteral("Contact %1").arg(i, 6, 10, QLatin1Char('0'));
        c.phoneNumber = QStringLiteral("234803%1").arg(i, 7, 10, QLatin1Char('0'));
        c.email = QStringLiteral("c%1@example.com").arg(i);
        batch << c;
        if (batch.size() == 5000) {
            core.contacts().addMany(o.vendorId, o.userId, batch);
            batch.clear();
        }
    }
    if (!batch.isEmpty())
        core.contacts().addMany(o.vendorId, o.userId, batch);
}


// What the next modal message box showed (dismissNextBox()).
struct SeenBox
{
    bool shown = false;
    Qt::TextFormat format = Qt::AutoText;
    QString text;
    QPointer<QTimer> timer;
    ~SeenBox() { delete timer.data(); }
};

// Answers the next modal message box with Cancel/No (reject), noting its text and format.
// The watcher stops with the first box, and goes with the returned object.
inline std::shared_ptr<SeenBox> dismissNextBox()
{
    auto seen = std::make_shared<SeenBox>();
    auto *timer = new QTimer;
    seen->timer = timer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [raw = seen.get(), timer] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        raw->shown = true;
        raw->format = box->textFormat();
        raw->text = box->text();
        box->reject();
        timer->stop();
    });
    timer->start();
    return seen;
}

} // namespace GuiTestSupport

#define WAMATOR_GUI_TEST_MAIN(TestClass)                                                           \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        GuiTestSupport::prepareEnvironment();                                                      \
        QApplication app(argc, argv);                                                              \
        app.setOrganizationName(QStringLiteral("wamator-tests"));                                  \
        app.setApplicationName(QStringLiteral(#TestClass));                                        \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
