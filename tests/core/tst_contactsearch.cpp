// The contact search of issue #12 on real SQLite files: CRM semantics (accents, case, word
// order, word prefixes, phones by their last digits, e-mail whole or local part), a contact
// findable as soon as its import returns, `total` exact up to the cap and estimated past it,
// the index following updates and removals, and contacts stored before the index existed
// (the upgrade from schema 1) being indexed by the migration.

#include "StoreFixture.h"
#include "contacts/ContactSearchIndex.h"
#include "contacts/ContactStore.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QSqlQuery>
#include <QTest>
#include <QUuid>

class TestContactSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wordsAreFoldedAndSplit()
    {
        QCOMPARE(ContactSearchIndex::words(u"Émile O'Brien-Ñandú"),
                 QStringLiteral("emile o brien nandu"));
        QCOMPARE(ContactSearchIndex::words(u"chinedu.okafor14@gmail.com"),
                 QStringLiteral("chinedu okafor 14 gmail com"));
        // Decomposed accents (e + U+0301) are the same word as precomposed ones.
        QCOMPARE(ContactSearchIndex::words(QStringLiteral("Ame\u0301lie")),
                 QStringLiteral("amelie"));
        QCOMPARE(ContactSearchIndex::words(u"  --  "), QString());
    }

    void crmSemantics()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        store.addMany(
            v, u,
            {
                contact(QStringLiteral("Chinedu Okafor"), QStringLiteral("2348031234567"),
                        QStringLiteral("chinedu.okafor@gmail.com"), QStringLiteral("Aba Bakery")),
                contact(QStringLiteral("Okafor Chinedu"), QStringLiteral("2348039999999"),
                        QStringLiteral("c.o@yahoo.com")),
                contact(QStringLiteral("Amélie Ñandú"), QStringLiteral("33612345678"),
                        QStringLiteral("amelie.nandu9@mail.fr")),
                contact(QStringLiteral("Chioma Eze"), QStringLiteral("2348054444567"),
                        QStringLiteral("chinedu.okafor2@gmail.com"),
                        QStringLiteral("Abakaliki Foods Ltd")),
            });
        auto check = [&](const QString &term, const QStringList &expected) {
            const auto page = store.search(v, u, term, 1, 50);
            QVERIFY2(names(page) == expected,
                     qPrintable(term + QStringLiteral(": ") + names(page).join(QLatin1Char(','))));
            QCOMPARE(page.total, expected.size());
        };
        // Accents and case, both ways.
        check(QStringLiteral("amelie nandu"), {QStringLiteral("Amélie Ñandú")});
        check(QStringLiteral("AMÉLIE"), {QStringLiteral("Amélie Ñandú")});
        check(QStringLiteral("Ame\u0301lie"), {QStringLiteral("Amélie Ñandú")});
        // Words in any order; every word must match.
        check(QStringLiteral("okafor chinedu"),
              {QStringLiteral("Chinedu Okafor"), QStringLiteral("Okafor Chinedu"),
               QStringLiteral("Chioma Eze")});
        check(QStringLiteral("chinedu okafor bakery"), {QStringLiteral("Chinedu Okafor")});
        check(QStringLiteral("chinedu zzz"), {});
        // Word prefixes, not inner substrings.
        check(QStringLiteral("chi"),
              {QStringLiteral("Chinedu Okafor"), QStringLiteral("Okafor Chinedu"),
               QStringLiteral("Chioma Eze")});
        check(QStringLiteral("chio"), {QStringLiteral("Chioma Eze")});
        check(QStringLiteral("hinedu"), {});
        check(QStringLiteral("aba"),
              {QStringLiteral("Chinedu Okafor"), QStringLiteral("Chioma Eze")});
        check(QStringLiteral("aba bak"), {QStringLiteral("Chinedu Okafor")});
        // Phones by their last digits (or whole, in any usual form).
        check(QStringLiteral("4567"),
              {QStringLiteral("Chinedu Okafor"), QStringLiteral("Chioma Eze")});
        check(QStringLiteral("1234567"), {QStringLiteral("Chinedu Okafor")});
        check(QStringLiteral("+234 803 123 4567"), {QStringLiteral("Chinedu Okafor")});
        check(QStringLiteral("0803-123-4567"), {QStringLiteral("Chinedu Okafor")});
        check(QStringLiteral("234803"), {}); // the start of a phone is not its end
        // E-mail whole, or its local part.
        check(QStringLiteral("chinedu.okafor@gmail.com"), {QStringLiteral("Chinedu Okafor")});
        check(QStringLiteral("chinedu.okafor2"), {QStringLiteral("Chioma Eze")});
        check(QStringLiteral("amelie.nandu9"), {QStringLiteral("Amélie Ñandú")});
        check(QStringLiteral("chinedu.okafor2"), {QStringLiteral("Chioma Eze")}); // "2" whole
        check(QStringLiteral("chinedu 23"), {});                                  // no such number
        check(QStringLiteral("c.o@yahoo"), {QStringLiteral("Okafor Chinedu")});
        check(QStringLiteral("@yahoo.com"), {QStringLiteral("Okafor Chinedu")}); // a domain: a scan
        check(QStringLiteral("gmail"), {}); // domains are not words
    }

    // A word that starts a few index terms is looked up as those terms, one that starts many
    // as a prefix query: both give the same contacts, and words added later (an update) count.
    void prefixesOverFewAndManyTerms()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        QList<Contact> list;
        for (int i = 0; i < 20; ++i)
            list << contact(QStringLiteral("Kappa%1 Test").arg(QChar(u'a' + i)),
                            QStringLiteral("2348%1").arg(i + 100));
        const auto added = store.addMany(v, u, list).added;
        QCOMPARE(store.search(v, u, QStringLiteral("kappa"), 1, 50).total,
                 20); // 20 terms: prefix query
        QCOMPARE(store.search(v, u, QStringLiteral("kappab"), 1, 50).total, 1); // one term
        QCOMPARE(store.search(v, u, QStringLiteral("kappab test"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("kappaz"), 1, 50).total, 0); // no such term
        Contact values;
        values.name = QStringLiteral("Omicron Newword");
        store.update(v, u, added.first().id, values, {QStringLiteral("name")});
        QCOMPARE(store.search(v, u, QStringLiteral("newwo"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("kappa"), 1, 50).total, 19);
    }

    void findableAsSoonAsImportedAndFollowsChanges()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        QList<Contact> list;
        for (int i = 0; i < 3000; ++i)
            list << contact(QStringLiteral("Person %1").arg(i),
                            QStringLiteral("23480%1").arg(10000000 + i));
        list << contact(QStringLiteral("Quokka Zanzibar"), QStringLiteral("2349012345678"));
        const auto added = store.addMany(v, u, list).added;
        // No catching up: the very next statement finds it.
        QCOMPARE(names(store.search(v, u, QStringLiteral("zanz"), 1, 50)),
                 QStringList{QStringLiteral("Quokka Zanzibar")});
        const qint64 id = added.last().id;
        Contact values;
        values.name = QStringLiteral("Wombat Émeraude");
        values.phoneNumber = QStringLiteral("2349000777001");
        store.update(v, u, id, values, {QStringLiteral("name"), QStringLiteral("phone_number")});
        QCOMPARE(store.search(v, u, QStringLiteral("zanzibar"), 1, 50).total, 0);
        QCOMPARE(store.search(v, u, QStringLiteral("5678"), 1, 50).total, 0);
        QCOMPARE(store.search(v, u, QStringLiteral("emeraude"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("0777001"), 1, 50).total,
                 1); // its zero is a digit looked for
        QCOMPARE(store.removeMany(v, u, {id}), 1);
        QCOMPARE(store.search(v, u, QStringLiteral("emeraude"), 1, 50).total, 0);
        // The contentless index forgot the document too (not only hidden by the join).
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_words WHERE contact_words "
                                          "MATCH ?"),
                           {QStringLiteral("words:\"u%1xemeraude\"").arg(u)})
                     .toInt(),
                 0);
    }

    void totalIsExactUpToTheCapThenEstimated()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 other = fx.user(v, QStringLiteral("o@x.com"));
        ContactStore store(fx.conn());
        const int cap = ContactStore::kExactTotalCap;
        QList<Contact> list;
        // "Common" in 3 of every 4 contacts; "Exact" in exactly cap of them.
        for (int i = 0; i < 16000; ++i)
            list << contact(i % 4 ? QStringLiteral("Common %1").arg(i)
                                  : QStringLiteral("Rare %1").arg(i),
                            QStringLiteral("2348%1").arg(10000000 + i), {},
                            i < cap ? QStringLiteral("Exact Ltd") : QString());
        store.addMany(v, u, list);
        store.addMany(v, other, {contact(QStringLiteral("Common other"), QStringLiteral("1"))});

        const auto exact = store.search(v, u, QStringLiteral("exact"), 2, 50);
        QCOMPARE(exact.total, cap);
        QVERIFY(!exact.totalIsEstimate);
        const auto common = store.search(v, u, QStringLiteral("common"), 1, 50);
        QVERIFY(common.totalIsEstimate);
        QCOMPARE(common.contacts.size(), 50);
        QVERIFY2(common.total > 11000 && common.total < 13000,
                 qPrintable(QString::number(common.total))); // 12,000
        const auto all = store.search(v, u, QString(), 1, 50);
        QVERIFY(all.totalIsEstimate);
        QCOMPARE(all.total, 16000); // dense ids: the estimate is the count
        const auto rare = store.search(v, u, QStringLiteral("rare"), 1, 50);
        QCOMPARE(rare.total, 4000);
        QVERIFY(!rare.totalIsEstimate);
        // limit 0 (every match) counts exactly.
        const auto every = store.search(v, u, QStringLiteral("common"), 1, 0);
        QCOMPARE(every.total, 12000);
        QVERIFY(!every.totalIsEstimate);
        // Another vendor asking for this user sees nothing, not even a count.
        const qint64 w = fx.vendor(QStringLiteral("w@x.com"));
        QCOMPARE(store.search(w, u, QStringLiteral("common"), 1, 50).total, 0);
    }

    // Word searches take their page and total from ContactTermIds (bitmaps per block of
    // 4,096 ids); every match list must stay the one FTS5 gives (limit 0 reads every match
    // from FTS5) through imports, updates and removals, in sparse blocks (sorted offsets)
    // and dense ones (bitmaps), and the total is exact even past the cap.
    void wordTotalsAreExactAndFollowChanges()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const QStringList first{QStringLiteral("Ada"), QStringLiteral("Bayo"),
                                QStringLiteral("Chidi"), QStringLiteral("Chioma"),
                                QStringLiteral("Dayo")};
        const QStringList last{QStringLiteral("Okafor"), QStringLiteral("Obi"),
                               QStringLiteral("Eze")};
        QList<Contact> list;
        // "Common" in the first 10,500 rows and every 7th after: past the cap, unevenly spread
        // (an estimate from the ids' span would not be the count). Rarer words fill blocks
        // below 256 ids (stored as offsets) and above (bitmaps).
        for (int i = 0; i < 13000; ++i) {
            const QString name = first.at((i * 7 + i / 13) % first.size()) + QLatin1Char(' ') +
                                 last.at((i / 3) % last.size());
            const QString company =
                (i < 10500 || i % 7 == 0 ? QStringLiteral("Common ") : QString()) +
                (i % 97 == 0 ? QStringLiteral("Rareco") : QStringLiteral("Ltd"));
            list << contact(
                name, QStringLiteral("2348%1").arg(10000000 + i),
                QStringLiteral("%1.%2@mail.com").arg(name.section(' ', 0, 0)).arg(i % 40), company);
        }
        const auto added = store.addMany(v, u, list).added;
        QCOMPARE(added.size(), 13000);
        const QStringList terms{QStringLiteral("common"),
                                QStringLiteral("ada"),
                                QStringLiteral("chi"),
                                QStringLiteral("chidi okafor"),
                                QStringLiteral("okafor chidi common"),
                                QStringLiteral("rareco"),
                                QStringLiteral("rareco obi"),
                                QStringLiteral("bayo 7"),
                                QStringLiteral("dayo.3"),
                                QStringLiteral("eze ltd"),
                                QStringLiteral("zzz"),
                                QStringLiteral("ob"),
                                QStringLiteral("Chioma Eze 12")};
        auto checkAll = [&](const char *when) {
            for (const QString &t : terms) {
                const auto every = store.search(v, u, t, 1, 0); // FTS5, every match
                QList<qint64> ids;
                for (const Contact &c : every.contacts)
                    ids << c.id;
                for (const int page : {1, 3}) {
                    const auto got = store.search(v, u, t, page, 50);
                    const QString what = QStringLiteral("%1: \"%2\" page %3")
                                             .arg(QLatin1String(when), t, QString::number(page));
                    QVERIFY2(
                        got.total == ids.size(),
                        qPrintable(
                            what +
                            QStringLiteral(": total %1, FTS5 %2").arg(got.total).arg(ids.size())));
                    QCOMPARE(got.totalIsEstimate, ids.size() > ContactStore::kExactTotalCap);
                    QList<qint64> pageIds;
                    for (const Contact &c : got.contacts)
                        pageIds << c.id;
                    QVERIFY2(pageIds == ids.mid((page - 1) * 50, 50), qPrintable(what));
                }
            }
        };
        checkAll("imported");
        QCOMPARE(store.search(v, u, QStringLiteral("common"), 1, 50).total, 10500 + 358);

        // Updates move words between contacts (and an update back and forth in one batch).
        QList<ContactStore::BatchItem> items;
        for (int i = 0; i < 13000; i += 37) {
            ContactStore::BatchItem item;
            item.id = added.at(i).id;
            item.values.name = i % 2 ? QStringLiteral("Rareco Okafor") : QStringLiteral("Ada Eze");
            item.values.companyName = i % 3 ? QString() : QStringLiteral("Common Ltd");
            item.fields = {QStringLiteral("name"), QStringLiteral("company_name")};
            items << item;
        }
        ContactStore::BatchItem again = items.first();
        again.values.name = QStringLiteral("Chidi Obi");
        items << again;
        store.updateMany(v, u, items);
        checkAll("updated");

        // Removals: a whole block's worth and scattered ones.
        QList<qint64> gone;
        for (int i = 4000; i < 8300; ++i)
            gone << added.at(i).id;
        for (int i = 0; i < 13000; i += 11)
            gone << added.at(i).id;
        store.removeMany(v, u, gone);
        checkAll("removed");

        // Imported again on top (new blocks and a block shared with the older rows).
        QList<Contact> more;
        for (int i = 0; i < 3000; ++i)
            more << contact(QStringLiteral("Chidi Rareco"),
                            QStringLiteral("2349%1").arg(20000000 + i), {},
                            QStringLiteral("Common"));
        store.addMany(v, u, more);
        checkAll("imported again");
    }

    void migrationIndexesExistingContacts()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("wamator.sqlite"));
        const QString name =
            QStringLiteral("upgrade-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            // A file written by the release before the word index: schema 1 and its contacts.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            Migrations::migrate(raw, {Migrations::all().first()});
            QSqlQuery q(raw);
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO api_consumer (id, name, email, password_hash, "
                               "created_at, updated_at) VALUES (1, 'V', 'v@x.com', 'h', 0, 0)")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO app_users (id, api_consumer_id, name, email, "
                               "created_at, updated_at) VALUES (7, 1, 'U', 'u@x.com', 0, 0)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO contact_lists (api_consumer_id, app_user_id, name, phone_number, "
                "email, company_name, created_at, updated_at) VALUES (1, 7, 'Émile Okafor', "
                "'2348031112222', 'emile@x.com', 'Bluefinch', 0, 0)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO contact_lists (api_consumer_id, app_user_id, name, phone_number, "
                "created_at, updated_at) VALUES (1, 7, 'Mary Eze', '2348033334444', 0, 0)")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(name);
        Database db(path, name + QStringLiteral("-new"));
        db.open(); // migrates to the latest schema
        {
            QSqlDatabase c = db.connection();
            QCOMPARE(Migrations::currentVersion(c), Migrations::latestVersion());
        }
        ContactStore store(db.connectionName());
        QCOMPARE(names(store.search(1, 7, QStringLiteral("emile"), 1, 50)),
                 QStringList{QStringLiteral("Émile Okafor")});
        QCOMPARE(names(store.search(1, 7, QStringLiteral("bluef"), 1, 50)),
                 QStringList{QStringLiteral("Émile Okafor")});
        QCOMPARE(names(store.search(1, 7, QStringLiteral("3334444"), 1, 50)),
                 QStringList{QStringLiteral("Mary Eze")});
        // And the old rows can be removed and changed (their documents are the indexed ones).
        const qint64 mary = store.search(1, 7, QStringLiteral("mary"), 1, 50).contacts.first().id;
        QCOMPARE(store.removeMany(1, 7, {mary}), 1);
        {
            QSqlQuery check(db.connection());
            QVERIFY(check.exec(QStringLiteral(
                "INSERT INTO contact_words (contact_words) VALUES ('integrity-check')")));
            QVERIFY(check.exec(QStringLiteral("SELECT COUNT(*) FROM contact_words WHERE "
                                              "contact_words MATCH 'words:\"u7xmary\"'")) &&
                    check.next());
            QCOMPARE(check.value(0).toInt(), 0);
        }
        db.close();
    }
};

QTEST_GUILESS_MAIN(TestContactSearch)
#include "tst_contactsearch.moc"
