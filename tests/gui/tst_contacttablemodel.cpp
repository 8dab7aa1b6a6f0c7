#include "ContactTableModel.h"
#include "CoreServices.h"
#include "GuiTestSupport.h"
#include "TestSupport.h"
#include "contacts/ContactStore.h"

#include <QSignalSpy>
#include <QtTest>

using GuiTestSupport::Owner;

// The contacts page's model: one page at a time from ContactStore::search on a worker thread.
class TestContactTableModel : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    Owner m_owner;

    static bool waitLoaded(ContactTableModel &model)
    {
        QSignalSpy spy(&model, &ContactTableModel::loaded);
        return spy.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_owner = GuiTestSupport::makeOwner(*m_core);
        GuiTestSupport::addContacts(*m_core, m_owner, 1234);
    }
    void cleanupTestCase()
    {
        m_core.reset();
        m_dir.reset();
    }

    void noUserMeansNoRows()
    {
        ContactTableModel model(m_core->database());
        QSignalSpy spy(&model, &ContactTableModel::loaded);
        model.setUser(0, 0);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.total(), 0);
        QCOMPARE(model.pageCount(), 1);
    }

    void pagesThroughAllContacts()
    {
        ContactTableModel model(m_core->database());
        model.setUser(m_owner.vendorId, m_owner.userId);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 1234);
        QCOMPARE(model.pageSize(), 100);
        QCOMPARE(model.pageCount(), 13);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.columnCount(), int(ContactTableModel::ColumnCount));
        QCOMPARE(model.data(model.index(0, ContactTableModel::Name)).toString(),
                 QStringLiteral("Contact 000000"));
        QCOMPARE(model.data(model.index(0, ContactTableModel::Phone)).toString(),
                 QStringLiteral("+2348030000000"));
        QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1);

        model.setPage(13);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.page(), 13);
        QCOMPARE(model.rowCount(), 34);
        QCOMPARE(model.contactAt(33).name, QStringLiteral("Contact 001233"));
        QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1201);

        // Beyond the last page is clamped, not an empty page.
        QSignalSpy spy(&model, &ContactTableModel::loaded);
        model.setPage(99);
        QCOMPARE(model.page(), 13);
        QCOMPARE(spy.count(), 0); // nothing to fetch

        model.setPageSize(500);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.pageCount(), 3);
        QCOMPARE(model.page(), 3); // the first visible contact (1201st) stays on screen
        QCOMPARE(model.rowCount(), 234);
    }

    void searchesOnTheServer()
    {
        ContactTableModel model(m_core->database());
        model.setUser(m_owner.vendorId, m_owner.userId);
        QVERIFY(waitLoaded(model));
        model.setPage(5);
        QVERIFY(waitLoaded(model));

        model.setSearch(QStringLiteral("Contact 00077"));
        QCOMPARE(model.page(), 1); // a new search starts at page 1
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 10); // 000770 … 000779
        QCOMPARE(model.rowCount(), 10);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.contactAt(r).name.startsWith(QStringLiteral("Contact 00077")));

        model.setSearch(QStringLiteral("c1233@example"));
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 1);
        QCOMPARE(model.contactAt(0).email, QStringLiteral("c1233@example.com"));

        model.setSearch(QStringLiteral("nobody-like-this"));
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 0);
        QCOMPARE(model.rowCount(), 0);

        model.setSearch(QString());
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 1234);
    }

    void onlyTheNewestAnswerCounts()
    {
        ContactTableModel model(m_core->database());
        model.setUser(m_owner.vendorId, m_owner.userId);
        // Three requests in a row: the answers of the first two must not land.
        model.setSearch(QStringLiteral("Contact 0001"));
        model.setSearch(QStringLiteral("Contact 0002"));
        model.setSearch(QStringLiteral("Contact 000999"));
        QSignalSpy spy(&model, &ContactTableModel::loaded);
        QVERIFY(spy.wait(20000));
        QTest::qWait(200);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(model.total(), 1);
        QCOMPARE(model.contactAt(0).name, QStringLiteral("Contact 000999"));
    }

    void otherUsersContactsStayOut()
    {
        AppUser other;
        other.name = QStringLiteral("Other");
        other.email = QStringLiteral("other@example.com");
        const qint64 otherId = m_core->users().create(m_owner.vendorId, other).id;
        ContactTableModel model(m_core->database());
        model.setUser(m_owner.vendorId, otherId);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 0);
        // Another vendor's id with this user: nothing either.
        model.setUser(m_owner.vendorId + 1000, m_owner.userId);
        QVERIFY(waitLoaded(model));
        QCOMPARE(model.total(), 0);
    }
};

WAMATOR_GUI_TEST_MAIN(TestContactTableModel)
#include "tst_contacttablemodel.moc"
