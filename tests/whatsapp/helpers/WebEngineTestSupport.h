#pragma once

// Header-only so tests/api and tests/e2e can include it too.

#include "Entities.h"

#include <QGuiApplication>
#include <QImage>
#include <QString>
#include <QtTest>

#include "CoreServices.h"
#include "SimulatorScheme.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "numbers/NumberStore.h"

#include <QProcess>
#include <QTemporaryDir>

// WebEngine tests: the simulator's URL scheme must be registered before the application object
// exists, and Chromium needs a few switches in containers. Shared by tests/whatsapp and the
// WebEngine parts of tests/api and tests/e2e.
namespace WebEngineTestSupport {

struct Fixture
{
    qint64 vendorId = 0;
    qint64 userId = 0;
    WhatsAppNumber number;
    QString apiKey;
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
}

inline QString zbarDecode(const QImage &image)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("qr.png"));
    if (!image.save(file, "PNG"))
        return {};
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), file});
    if (!zbar.waitForFinished(30000))
        return {};
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}

inline Fixture makeSandboxNumber(CoreServices &core, const QString &phone = QStringLiteral("2348031234567"),
                                 const QString &email = QStringLiteral("vendor@example.com"))
{
    Fixture f;
    const auto issued = core.accounts().registerVendor(
        QStringLiteral("Vendor"), email, QStringLiteral("correct horse battery"),
        QStringLiteral("Acme"), QStringLiteral("2348000000000"));
    f.vendorId = issued.vendor.id;
    f.apiKey = issued.apiKey;
    AppUser user;
    user.name = QStringLiteral("User");
    user.email = QStringLiteral("user@example.com");
    f.userId = core.users().create(f.vendorId, user).id;
    f.number = core.numbers().add(f.vendorId, f.userId, phone, QStringLiteral("sandbox"), true);
    return f;
}

inline WhatsAppNumber addSandboxNumber(CoreServices &core, const Fixture &f, const QString &phone)
{
    return core.numbers().add(f.vendorId, f.userId, phone, QString(), true);
}

} // namespace WebEngineTestSupport


#define WAMATOR_WEBENGINE_TEST_MAIN(TestClass)                                                     \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        WebEngineTestSupport::prepareEnvironment();                                                \
        QGuiApplication app(argc, argv);                                                           \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
