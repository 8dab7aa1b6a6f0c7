#include "ContactsPage.h"
#include "ContactTableModel.h"
#include "CoreServices.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "NumberStore.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "Settings.h"
#include "TestSupport.h"

#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

using GuiTestSupport::Owner;

// The window as a whole: every page is there, Ctrl+1…7 switch pages, the last page and the
// geometry come back, the language switches live, and a number added elsewhere shows up.
class TestMainWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;

private Q_SLOTS:
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
    }
    void cleanup()
    {
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
        GuiLanguage::apply(QStringLiteral("en"));
    }

    void shortcutsSwitchPagesAndTheLastPageIsRemembered()
    {
        {
            MainWindow window(*m_core, *m_sessions);
            window.resize(1100, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.currentPage(), int(MainWindow::Dashboard));
            for (int p = MainWindow::PageCount - 1; p >= 0; --p) {
                QTest::keyClick(&window, Qt::Key(Qt::Key_1 + p), Qt::ControlModifier);
                QCOMPARE(window.currentPage(), p);
                QVERIFY(window.page(p)->isVisible());
            }
            window.showPage(MainWindow::Contacts);
            window.move(40, 30);
            window.resize(1000, 650);
            window.close();
        }
        MainWindow again(*m_core, *m_sessions);
        QCOMPARE(again.currentPage(), int(MainWindow::Contacts));
        QCOMPARE(again.size(), QSize(1000, 650));
    }

    void languageSwitchesLive()
    {
        MainWindow window(*m_core, *m_sessions);
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        QCOMPARE(navigation->item(MainWindow::SettingsPageIndex)->text(), QStringLiteral("Settings"));
        m_core->settings().setLanguage(QStringLiteral("fr"));
        QCOMPARE(GuiLanguage::apply(QStringLiteral("fr")), QStringLiteral("fr"));
        QCoreApplication::processEvents();
        QCOMPARE(navigation->item(MainWindow::SettingsPageIndex)->text(), QStringLiteral("Paramètres"));
        QCOMPARE(GuiLanguage::apply(QStringLiteral("pt_BR")), QStringLiteral("pt_BR"));
        QCoreApplication::processEvents();
        QCOMPARE(navigation->item(MainWindow::SettingsPageIndex)->text(), QStringLiteral("Configurações"));
        QCOMPARE(GuiLanguage::apply(QStringLiteral("en")), QStringLiteral("en"));
        QCoreApplication::processEvents();
        QCOMPARE(navigation->item(MainWindow::SettingsPageIndex)->text(), QStringLiteral("Settings"));
        // English plurals come from the English translation.
        QCOMPARE(QCoreApplication::translate("ContactsPage", "%n contact(s)", nullptr, 1),
                 QStringLiteral("1 contact"));
        QCOMPARE(QCoreApplication::translate("ContactsPage", "%n contact(s)", nullptr, 3),
                 QStringLiteral("3 contacts"));
    }

    void numbersAddedElsewhereAppear()
    {
        MainWindow window(*m_core, *m_sessions);
        QCOMPARE(window.sessionsPage()->rowCount(), 0);
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        const WhatsAppNumber n = m_core->numbers().add(o.vendorId, o.userId,
                                                       QStringLiteral("2348031234567"),
                                                       QStringLiteral("Shop"), true);
        window.sessionsPage()->reload();
        QCOMPARE(window.sessionsPage()->rowCount(), 1);
        QVERIFY(window.sessionsPage()->selectNumber(n.id));
        QCOMPARE(window.sessionsPage()->selectedNumberId(), n.id);
        QVERIFY(window.sessionsPage()->qrText().isEmpty()); // not connected: no QR
    }
};

WAMATOR_GUI_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
