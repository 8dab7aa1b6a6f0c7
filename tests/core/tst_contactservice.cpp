// ContactService::add validates later chunks on other threads while the connection's thread
// inserts earlier ones. These check that the outcome does not depend on the chunking: the
// answer (added in input order, skipped by index with the same reasons) equals a plain
// sequential model of the rules, for chunk sizes that put boundaries everywhere — with
// duplicates inside a chunk, across chunk boundaries (adjacent and far apart), against stored
// rows, and an invalid item in every chunk.

#include "CoreServices.h"
#include "DomainError.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

namespace {

// National format of the default region (Nigeria): 0803xxxxxxx → 234803xxxxxxx.
QString national(int n)
{
    return QStringLiteral("0803%1").arg(1000000 + n);
}
QString normalised(int n)
{
    return QStringLiteral("234803%1").arg(1000000 + n);
}

struct Item
{
    enum Kind { Valid, NotObject, BadPhone, NoName } kind = Valid;
    int phone = 0; // for Valid
};

// Every third item is invalid (three kinds in turn); valid items reuse phones so that
// duplicates fall inside chunks, on their boundaries and far apart.
QList<Item> scenario(int n)
{
    QList<Item> items;
    for (int i = 0; i < n; ++i) {
        Item it;
        if (i % 3 == 1) {
            const int k = (i / 3) % 3;
            it.kind = k == 0 ? Item::NotObject : k == 1 ? Item::BadPhone : Item::NoName;
        } else if (i % 10 == 9) {
            it.phone = i - 1; // the item just before (often across a boundary)
        } else if (i >= n / 2 && i % 4 == 0) {
            it.phone = i - n / 2; // far back, in another chunk
        } else {
            it.phone = i;
        }
        items.append(it);
    }
    return items;
}

QJsonArray toJson(const QList<Item> &items)
{
    QJsonArray a;
    for (int i = 0; i < items.size(); ++i) {
        const Item &it = items.at(i);
        switch (it.kind) {
        case Item::NotObject:
            a.append(QStringLiteral("not a contact %1").arg(i));
            break;
        case Item::BadPhone:
            a.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Bad %1").arg(i)},
                                 {QStringLiteral("phone_number"), QStringLiteral("12")}});
            break;
        case Item::NoName:
            a.append(QJsonObject{{QStringLiteral("phone_number"), national(100000 + i)}});
            break;
        case Item::Valid:
            a.append(QJsonObject{
                {QStringLiteral("name"), QStringLiteral("Customer %1").arg(i)},
                {QStringLiteral("phone_number"), national(it.phone)},
                {QStringLiteral("interests"),
                 i % 2 ? QJsonArray{QStringLiteral("shoes"), QStringLiteral("b\"ags")} : QJsonArray{}}});
            break;
        }
    }
    return a;
}

// One line per outcome, in answer order: "added <index-name> <phone>" / "skipped <index> <reason> <field>".
QStringList describe(const ContactService::AddResult &r)
{
    QStringList out;
    for (const Contact &c : r.added)
        out << QStringLiteral("added %1 %2 %3").arg(c.name, c.phoneNumber, c.interests.isEmpty() ? QString() : c.interests.at(1).toString());
    for (const ContactService::Skipped &s : r.skipped)
        out << QStringLiteral("skipped %1 %2 %3 %4")
                   .arg(s.index)
                   .arg(s.reason, s.field, s.phoneNumber.isNull() ? QStringLiteral("null") : s.phoneNumber.toString());
    return out;
}

// The rules applied one item after the other, with `stored` phones already in the list.
QStringList model(const QList<Item> &items, QSet<int> stored)
{
    QStringList added, skipped;
    for (int i = 0; i < items.size(); ++i) {
        const Item &it = items.at(i);
        switch (it.kind) {
        case Item::NotObject:
            skipped << QStringLiteral("skipped %1 validation_failed body null").arg(i);
            break;
        case Item::BadPhone:
            skipped << QStringLiteral("skipped %1 invalid_phone phone_number 12").arg(i);
            break;
        case Item::NoName:
            skipped << QStringLiteral("skipped %1 validation_failed name %2").arg(i).arg(national(100000 + i));
            break;
        case Item::Valid:
            if (stored.contains(it.phone)) {
                skipped << QStringLiteral("skipped %1 duplicate  %2").arg(i).arg(national(it.phone));
            } else {
                stored.insert(it.phone);
                added << QStringLiteral("added Customer %1 %2 %3")
                             .arg(i)
                             .arg(normalised(it.phone), i % 2 ? QStringLiteral("b\"ags") : QString());
            }
            break;
        }
    }
    return added + skipped;
}

} // namespace

class TestContactService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    qint64 m_vendor = 0;
    int m_users = 0;

    qint64 newUser()
    {
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u%1@example.com").arg(++m_users);
        return m_core->users().create(m_vendor, u).id;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void chunkingDoesNotChangeTheAnswer_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("helpersOnly"); // every chunk validated by a helper thread
        QTest::newRow("one chunk") << 100000 << 600 << false;
        QTest::newRow("chunks of 1") << 1 << 120 << false;
        QTest::newRow("chunks of 2") << 2 << 120 << false;
        QTest::newRow("chunks of 3") << 3 << 300 << false;
        QTest::newRow("chunks of 7") << 7 << 300 << false;
        QTest::newRow("chunks of 64") << 64 << 600 << false;
        QTest::newRow("default chunks") << ContactService::kImportChunk << 2000 << false;
        QTest::newRow("one chunk, helper") << 100000 << 600 << true;
        QTest::newRow("chunks of 1, helper") << 1 << 300 << true;
        QTest::newRow("chunks of 7, helper") << 7 << 600 << true;
        QTest::newRow("chunks of 64, helper") << 64 << 2000 << true;
    }
    void chunkingDoesNotChangeTheAnswer()
    {
        QFETCH(int, chunk);
        QFETCH(int, count);
        QFETCH(bool, helpersOnly);
        const qint64 user = newUser();
        const QList<Item> items = scenario(count);
        // A few phones stored before: the import skips them as duplicates of stored rows.
        QSet<int> stored{0, 8, count / 2, count - 1};
        QJsonArray first;
        for (int p : std::as_const(stored))
            first.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Earlier %1").arg(p)},
                                     {QStringLiteral("phone_number"), national(p)}});
        ContactService service(*m_core);
        QCOMPARE(service.add(m_vendor, user, first).added.size(), stored.size());

        service.setImportChunkForTests(chunk, !helpersOnly);
        const ContactService::AddResult r = service.add(m_vendor, user, toJson(items));
        QCOMPARE(describe(r), model(items, stored));
        // Ids grow in input order, the rows are stored, skipped indexes ascend.
        for (int i = 1; i < r.added.size(); ++i)
            QVERIFY(r.added.at(i).id > r.added.at(i - 1).id);
        for (int i = 1; i < r.skipped.size(); ++i)
            QVERIFY(r.skipped.at(i).index > r.skipped.at(i - 1).index);
        QCOMPARE(m_core->contacts().countForUser(m_vendor, user), int(stored.size() + r.added.size()));
        for (const Contact &c : r.added) {
            const auto found = m_core->contacts().find(m_vendor, user, c.id);
            QVERIFY(found);
            QCOMPARE(found->phoneNumber, c.phoneNumber);
            QCOMPARE(found->interests, c.interests);
        }
    }

    void everyItemInvalidStoresNothing()
    {
        const qint64 user = newUser();
        QJsonArray items;
        for (int i = 0; i < 700; ++i)
            items.append(i % 2 ? QJsonValue(i) : QJsonValue(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}));
        ContactService service(*m_core);
        service.setImportChunkForTests(5);
        const ContactService::AddResult r = service.add(m_vendor, user, items);
        QVERIFY(r.added.isEmpty());
        QCOMPARE(r.skipped.size(), 700);
        QCOMPARE(m_core->contacts().countForUser(m_vendor, user), 0);
    }

    void aFailedInsertRollsBackTheWholeBatch()
    {
        // A database error in a late chunk (here a trigger aborting one row) fails the request
        // while helpers are still validating: nothing is stored, the threads are joined, and
        // the next import works.
        const qint64 user = newUser();
        QSqlQuery q(m_core->database().connection());
        QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON contact_lists "
                                       "WHEN new.name = 'Boom' BEGIN SELECT RAISE(ABORT, 'boom'); END")),
                 qPrintable(q.lastError().text()));
        QJsonArray items;
        for (int i = 0; i < 3000; ++i)
            items.append(QJsonObject{{QStringLiteral("name"), i == 1400 ? QStringLiteral("Boom")
                                                                       : QStringLiteral("C %1").arg(i)},
                                     {QStringLiteral("phone_number"), national(i)}});
        ContactService service(*m_core);
        service.setImportChunkForTests(100);
        try {
            service.add(m_vendor, user, items);
            QFAIL("expected the insert to fail");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Internal);
        }
        QCOMPARE(m_core->contacts().countForUser(m_vendor, user), 0);
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER boom")));
        QCOMPARE(service.add(m_vendor, user, items).added.size(), 3000);
    }

    void unknownUserIsNotFoundBeforeAnyWork()
    {
        ContactService service(*m_core);
        QJsonArray items;
        for (int i = 0; i < 600; ++i)
            items.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                     {QStringLiteral("phone_number"), national(i)}});
        try {
            service.add(m_vendor, 987654, items);
            QFAIL("expected NotFound");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::NotFound);
        }
    }
};

QTEST_GUILESS_MAIN(TestContactService)
#include "tst_contactservice.moc"
