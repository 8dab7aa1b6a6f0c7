#include "CoreServices.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "VendorsPage.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"

#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

// Names come from vendors over the API. A confirmation that quotes one shows it as written:
// Qt would otherwise guess "rich text" and render <b>, load <img>, or show a forged sentence.
class TestPlainTextDialogs : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
    }
    void cleanup()
    {
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void vendorAndUserNamesAreShownLiterally()
    {
        const QString hostile =
            QStringLiteral("<b>x</b><img src=\"http://127.0.0.1:9/p.png\"> <a href=\"x\">y</a>");
        const qint64 vendorId =
            m_core->accounts()
                .registerVendor(hostile, QStringLiteral("v@example.com"),
                                QStringLiteral("correct horse battery"), QStringLiteral("Acme"),
                                QStringLiteral("2348000000000"))
                .vendor.id;
        AppUser user;
        user.name = hostile;
        user.email = QStringLiteral("u@example.com");
        m_core->users().create(vendorId, user);

        MainWindow window(*m_core, *m_sessions);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        VendorsPage *page = window.vendorsPage();
        page->reload();
        auto *vendors = page->findChild<QTableWidget *>(QStringLiteral("vendorsTable"));
        auto *users = page->findChild<QTableWidget *>(QStringLiteral("usersTable"));
        QVERIFY(vendors && users);
        QCOMPARE(vendors->rowCount(), 1);
        vendors->selectRow(0);
        QTRY_COMPARE(users->rowCount(), 1);
        users->selectRow(0);

        for (const char *button : {"deleteVendorButton", "deleteUserButton"}) {
            auto *b = page->findChild<QPushButton *>(QLatin1String(button));
            QVERIFY2(b && b->isEnabled(), button);
            const auto seen = GuiTestSupport::dismissNextBox();
            b->click();
            QTRY_VERIFY2(seen->shown, button);
            QVERIFY2(seen->text.contains(hostile), qPrintable(seen->text));
            QCOMPARE(seen->format, Qt::PlainText);
        }
        // Cancelled: nothing was deleted.
        QVERIFY(m_core->vendors().find(vendorId));
    }
};

WAMATOR_GUI_TEST_MAIN(TestPlainTextDialogs)
#include "tst_plaintextdialogs.moc"
