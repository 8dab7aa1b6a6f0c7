#include "ContactTableModel.h"
#include "ContactsPage.h"
#include "CoreServices.h"
#include "CsvImportDialog.h"
#include "DashboardPage.h"
#include "EngineInfo.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "TestSupport.h"
#include "UserPicker.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include <QJsonArray>

#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

using GuiTestSupport::Owner;

// The window as a whole: every page is there, Ctrl+1…8 switch pages, the last page and the
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

    // An engine older than engine_min_chromium gets one visible, non-modal banner on the
    // Sessions page naming its Chromium; dismissed, it stays away; a floor the engine meets
    // shows nothing.
    void oldEngineWarnsOnceOnTheSessionsPage()
    {
        const int major = EngineInfo::chromiumMajor();
        QVERIFY(major > 0);
        m_core->settings().setValue(QStringLiteral("engine_min_chromium"), major + 1);
        MainWindow window(*m_core, *m_sessions);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        SessionsPage *page = window.sessionsPage();
        const QString text = page->engineWarningText();
        QVERIFY2(text.contains(EngineInfo::chromiumVersion()), qPrintable(text));
        QVERIFY2(text.contains(QString::number(major + 1)), qPrintable(text));
        QVERIFY(!QApplication::activeModalWidget()); // a banner, not a dialog

        // The floor moves to what the engine has: the banner goes, and comes back when it
        // moves up again.
        m_core->settings().setValue(QStringLiteral("engine_min_chromium"), major);
        QVERIFY(page->engineWarningText().isEmpty());
        m_core->settings().setValue(QStringLiteral("engine_min_chromium"), major + 5);
        QVERIFY(!page->engineWarningText().isEmpty());

        // Once dismissed it does not come back in this run.
        page->dismissEngineWarning();
        QVERIFY(page->engineWarningText().isEmpty());
        m_core->settings().setValue(QStringLiteral("engine_min_chromium"), major + 6);
        QVERIFY(page->engineWarningText().isEmpty());
    }

    void currentEngineShowsNoWarning()
    {
        m_core->settings().setValue(QStringLiteral("engine_min_chromium"), 0);
        MainWindow window(*m_core, *m_sessions);
        QVERIFY(window.sessionsPage()->engineWarningText().isEmpty());
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

    // A session failed by the page watchdog: the Sessions page says why in words, shows the
    // reason with the engine's version, and what to do.
    void watchdogReasonShownWithWhatToDo()
    {
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        const WhatsAppNumber n = m_core->numbers().add(
            o.vendorId, o.userId, QStringLiteral("2348031234567"), QString(), false);
        const QString reason =
            QStringLiteral("engine_outdated: WhatsApp Web refused Chromium %1 (it showed its "
                           "browser-upgrade page: \"WhatsApp works with Google Chrome 85+\")")
                .arg(EngineInfo::chromiumVersion());
        m_core->numbers().setState(o.vendorId, n.id, SessionState::Failed, reason);
        MainWindow window(*m_core, *m_sessions);
        SessionsPage *page = window.sessionsPage();
        QVERIFY(page->selectNumber(n.id));
        const QString text = page->stateText();
        QVERIFY2(text.contains(QLatin1String("refused this browser engine")), qPrintable(text));
        QVERIFY2(text.contains(EngineInfo::chromiumVersion()), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Debian 13 with Qt WebEngine 6.10")),
                 qPrintable(text));

        m_core->numbers().setState(o.vendorId, n.id, SessionState::Failed,
                                   QStringLiteral("page_hung: the page stopped answering"));
        page->reload();
        QVERIFY(page->selectNumber(n.id));
        QVERIFY2(page->stateText().contains(QLatin1String("stopped responding")),
                 qPrintable(page->stateText()));
    }

    void exportThenImportRoundTrips()
    {
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        GuiTestSupport::addContacts(*m_core, o, 1200);
        Contact rich;
        rich.name = QStringLiteral("Doe, \"Jane\"");
        rich.phoneNumber = QStringLiteral("14155550123");
        rich.kidsNames = QJsonArray{QStringLiteral("Ann"), QStringLiteral("Bo")};
        rich.notes = QStringLiteral("line one\nline two");
        rich.messageOptIn = false;
        m_core->contacts().addMany(o.vendorId, o.userId, {rich});

        MainWindow window(*m_core, *m_sessions);
        ContactsPage *page = window.contactsPage();
        page->findChild<UserPicker *>()->select(o.vendorId, o.userId);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->total(), 1201, 20000);
        const QString path = m_dir->file(QStringLiteral("export.csv"));
        int written = -1;
        QString error;
        page->exportTo(path, [&](int n, const QString &e) {
            written = n;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written >= 0, 30000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(written, 1201);

        AppUser other;
        other.name = QStringLiteral("Copy");
        other.email = QStringLiteral("copy@example.com");
        const qint64 copyId = m_core->users().create(o.vendorId, other).id;
        CsvImportDialog dialog(*m_core, o.vendorId, copyId);
        QVERIFY(dialog.setFile(path));
        QSignalSpy done(&dialog, &CsvImportDialog::importFinished);
        QVERIFY(dialog.startImport());
        QVERIFY(done.wait(60000));
        QCOMPARE(dialog.lastSummary().added, 1201);
        QCOMPARE(dialog.lastSummary().skipped, 0);
        const Contact back = m_core->contacts()
                                 .findByPhones(o.vendorId, copyId, {QStringLiteral("14155550123")})
                                 .value(QStringLiteral("14155550123"));
        QCOMPARE(back.name, rich.name);
        QCOMPARE(back.kidsNames, rich.kidsNames);
        QCOMPARE(back.notes, rich.notes);
        QCOMPARE(back.messageOptIn, false);
    }

    void dashboardCountsWhatIsStored()
    {
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        m_core->numbers().add(o.vendorId, o.userId, QStringLiteral("2348031234567"), QString(), true);
        QList<Message> batch;
        for (int i = 0; i < 7; ++i) {
            Message m;
            m.batchId = QStringLiteral("b1");
            m.vendorId = o.vendorId;
            m.appUserId = o.userId;
            m.recipient = QStringLiteral("23480312300%1").arg(i, 2, 10, QLatin1Char('0'));
            m.message = QStringLiteral("hi");
            m.expiresAt = Clock::nowMs() + 3600000;
            batch << m;
        }
        const QList<Message> stored = m_core->messages().insertBatch(o.vendorId, batch);
        m_core->messages().advance(o.vendorId, stored.first().id, MessageStatus::Sent, Clock::nowMs());
        MainWindow window(*m_core, *m_sessions);
        DashboardPage *dashboard = window.dashboardPage();
        QSignalSpy refreshed(dashboard, &DashboardPage::refreshed);
        dashboard->refresh();
        QVERIFY(refreshed.wait(20000));
        QCOMPARE(dashboard->chartTotal(), 7);
        QCOMPARE(dashboard->queueDepth(), 6);
        QCOMPARE(dashboard->sessionCount(SessionState::Disconnected), 1);
    }
};

WAMATOR_GUI_TEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
