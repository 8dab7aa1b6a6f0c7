#include "ContactTableModel.h"
#include "ContactsPage.h"
#include "CoreServices.h"
#include "EventLoopStallMonitor.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "UserPicker.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactStore.h"
#include "storage/Database.h"

#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QSemaphore>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QtTest>

using GuiTestSupport::Owner;

// The contacts page never makes the GUI thread wait for the database (#12: the window must not
// freeze on a 1,000,000-contact list): work that can be slow runs on worker threads, and a
// burst of requests (typing a term) runs one query, not one per letter. Slowness is made real:
// a write lock held by another connection, a fetch that waits until the test lets it go.
class TestContactsPageResponsive : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;
    Owner m_owner;

private Q_SLOTS:
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
        m_owner = GuiTestSupport::makeOwner(*m_core);
        GuiTestSupport::addContacts(*m_core, m_owner, 50);
    }
    void cleanup()
    {
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    // A delete while another connection holds the write lock (as a CSV import does between
    // its batches' BEGIN and COMMIT) waits for it on a worker thread and then succeeds; the
    // loop keeps turning. (On the GUI thread it either blocked the window for busy_timeout or,
    // as ContactStore::removeMany does today, failed at once with "database is locked".)
    void deleteWaitingForTheWriteLockDoesNotStallTheWindow()
    {
        MainWindow window(*m_core, *m_sessions);
        window.showPage(MainWindow::Contacts);
        ContactsPage *page = window.contactsPage();
        page->findChild<UserPicker *>()->select(m_owner.vendorId, m_owner.userId);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->total(), 50, 20000);
        QTRY_VERIFY(!page->model()->isLoading());
        const QList<qint64> ids{page->model()->contactAt(0).id, page->model()->contactAt(1).id};

        constexpr int kHoldMs = 2000;
        QSemaphore locked;
        const Database &database = m_core->database();
        bool began = false;
        std::unique_ptr<QThread> holder(QThread::create([&database, &locked, &began]() {
            const QString name = database.openThreadConnection(QStringLiteral("lock-holder"));
            {
                QSqlQuery q(QSqlDatabase::database(name));
                began = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
                locked.release();
                QThread::msleep(kHoldMs);
                q.exec(QStringLiteral("COMMIT"));
            }
            Database::closeThreadConnection(name);
        }));
        holder->start();
        QVERIFY(locked.tryAcquire(1, 10000));
        QVERIFY(began);

        EventLoopStallMonitor monitor(100);
        monitor.start();
        QTest::qWait(50);
        int removed = -1;
        QString error;
        page->removeContacts(ids, [&](int n, const QString &e) {
            removed = n;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(removed >= 0, 15000);
        monitor.stop();
        holder->wait();

        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(removed, 2);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->total(), 48, 10000);
        // Done on the GUI thread, the delete would block it for the whole kHoldMs. The bar is
        // 100 ms; the margin up to 500 is for the shared machines the suite runs on.
        QVERIFY2(monitor.maxStallMs() < 500, qPrintable(QStringLiteral("stalled %1 ms in %2")
                                                            .arg(monitor.maxStallMs())
                                                            .arg(monitor.maxStallWhere())));
    }

    // Typing a term letter by letter while a slow search runs: the letters in between never
    // reach the database, the last term does, once the running search has answered.
    void requestsDuringASlowFetchCollapseIntoTheNewest()
    {
        ContactTableModel model(m_core->database());
        QMutex mutex;
        QStringList fetched;
        QSemaphore release;
        struct Releaser // a failed check must not leave a pool thread waiting for ever
        {
            QSemaphore &s;
            ~Releaser() { s.release(10); }
        } releaser{release};
        const auto terms = [&]() {
            QMutexLocker lock(&mutex);
            return fetched;
        };
        model.setFetcher([&](const QString &connection, const ContactTableModel::Query &query) {
            bool first;
            {
                QMutexLocker lock(&mutex);
                first = fetched.isEmpty();
                fetched << query.term;
            }
            if (first)
                release.acquire(); // the slow search the letters are typed over
            return ContactTableModel::storeFetch(connection, query);
        });
        EventLoopStallMonitor monitor(100);
        monitor.start();
        model.setUser(m_owner.vendorId, m_owner.userId);
        QTRY_COMPARE(terms().size(), 1);
        for (const QString &term : {QStringLiteral("C"), QStringLiteral("Co"),
                                    QStringLiteral("Con"), QStringLiteral("Contact 00004")})
            model.setSearch(term);
        QTest::qWait(200); // room for a wrong implementation to start more fetches
        QCOMPARE(terms(), QStringList{QString()});
        QVERIFY(model.isLoading());
        release.release();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        monitor.stop();
        QCOMPARE(terms(), (QStringList{QString(), QStringLiteral("Contact 00004")}));
        QCOMPARE(model.search(), QStringLiteral("Contact 00004"));
        QCOMPARE(model.total(), 10); // Contact 000040 … 000049
        QCOMPARE(model.rowCount(), 10);
        QVERIFY2(monitor.maxStallMs() < 500, qPrintable(QString::number(monitor.maxStallMs())));
    }

    // While a search runs (seconds on a big list), the page says so where the count goes.
    void aSlowSearchShowsThatItIsSearching()
    {
        MainWindow window(*m_core, *m_sessions);
        window.showPage(MainWindow::Contacts);
        ContactsPage *page = window.contactsPage();
        page->findChild<UserPicker *>()->select(m_owner.vendorId, m_owner.userId);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->total(), 50, 20000);
        QTRY_VERIFY(!page->model()->isLoading());
        auto *total = page->findChild<QLabel *>(QStringLiteral("totalLabel"));
        QCOMPARE(total->text(), QStringLiteral("50 contacts"));

        QSemaphore release;
        struct Releaser
        {
            QSemaphore &s;
            ~Releaser() { s.release(10); }
        } releaser{release};
        page->model()->setFetcher(
            [&release](const QString &connection, const ContactTableModel::Query &query) {
                release.acquire();
                return ContactTableModel::storeFetch(connection, query);
            });
        page->findChild<QLineEdit *>(QStringLiteral("searchEdit"))
            ->setText(QStringLiteral("Contact 00004"));
        QTRY_VERIFY(page->model()->isLoading());
        QCOMPARE(total->text(), QStringLiteral("Searching for “Contact 00004”…"));
        release.release();
        QTRY_VERIFY_WITH_TIMEOUT(!page->model()->isLoading(), 10000);
        QCOMPARE(total->text(), QStringLiteral("10 contacts match “Contact 00004”"));
    }
};

WAMATOR_GUI_TEST_MAIN(TestContactsPageResponsive)
#include "tst_contactspageresponsive.moc"
