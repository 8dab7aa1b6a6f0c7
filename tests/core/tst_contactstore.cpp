// ContactStore on a real SQLite file: bulk add with duplicates, updates, removal, search (its
// semantics in detail: tst_contactsearch), and tenant scoping on every method.

#include "StoreFixture.h"
#include "contacts/ContactStore.h"
#include "platform/Clock.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {

QList<qint64> ids(const QList<Contact> &list)
{
    QList<qint64> out;
    for (const Contact &c : list)
        out << c.id;
    return out;
}

} // namespace

class TestContactStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addManyStoresEveryField()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        Contact c = contact(QStringLiteral("Ada Obi"), QStringLiteral("2348031234567"),
                            QStringLiteral("ada@example.com"), QStringLiteral("Green Foods"));
        c.gender = QStringLiteral("female");
        c.dob = QStringLiteral("1990-02-03");
        c.ageGroup = QStringLiteral("30-39");
        c.languagePreference = QStringLiteral("en");
        c.timezone = QStringLiteral("Africa/Lagos");
        c.nickname = QStringLiteral("Adaeze");
        c.customSalutation = QStringLiteral("Dear Ada");
        c.partnerName = QStringLiteral("Obi");
        c.anniversaryDate = QStringLiteral("2015-06-07");
        c.kidsNames = QJsonArray{QStringLiteral("Chi"), QStringLiteral("Nne")};
        c.petsNames = QJsonArray{QStringLiteral("Rex")};
        c.jobTitle = QStringLiteral("CTO");
        c.industry = QStringLiteral("Food");
        c.interests = QJsonArray{QStringLiteral("tennis")};
        c.preferredProducts = QJsonArray{QStringLiteral("rice"), QStringLiteral("beans")};
        c.messageOptIn = false;
        c.customerTier = QStringLiteral("gold");
        c.averageSpend = 1234.5;
        c.whatsappBroadcastPreference = QJsonObject{{QStringLiteral("days"), QJsonArray{1, 2}}};
        c.hasBroadcastPreference = true;
        c.notes = QStringLiteral("line one\nline two with 'quotes' and \"double\"");
        const qint64 before = Clock::nowMs();
        const auto result = store.addMany(v, u, {c});
        QCOMPARE(result.added.size(), 1);
        QVERIFY(result.skipped.isEmpty());
        const Contact &added = result.added.first();
        QVERIFY(added.id > 0);
        QVERIFY(added.createdAt >= before);
        QCOMPARE(added.vendorId, v);
        QCOMPARE(added.appUserId, u);

        const auto stored = store.find(v, u, added.id);
        QVERIFY(stored);
        QCOMPARE(stored->name, c.name);
        QCOMPARE(stored->phoneNumber, c.phoneNumber);
        QCOMPARE(stored->email, c.email);
        QCOMPARE(stored->companyName, c.companyName);
        QCOMPARE(stored->gender, c.gender);
        QCOMPARE(stored->dob, c.dob);
        QCOMPARE(stored->ageGroup, c.ageGroup);
        QCOMPARE(stored->languagePreference, c.languagePreference);
        QCOMPARE(stored->timezone, c.timezone);
        QCOMPARE(stored->nickname, c.nickname);
        QCOMPARE(stored->customSalutation, c.customSalutation);
        QCOMPARE(stored->partnerName, c.partnerName);
        QCOMPARE(stored->anniversaryDate, c.anniversaryDate);
        QCOMPARE(stored->kidsNames, c.kidsNames);
        QCOMPARE(stored->petsNames, c.petsNames);
        QCOMPARE(stored->jobTitle, c.jobTitle);
        QCOMPARE(stored->industry, c.industry);
        QCOMPARE(stored->interests, c.interests);
        QCOMPARE(stored->preferredProducts, c.preferredProducts);
        QCOMPARE(stored->messageOptIn, false);
        QCOMPARE(stored->customerTier, c.customerTier);
        QVERIFY(stored->averageSpend);
        QCOMPARE(*stored->averageSpend, 1234.5);
        QVERIFY(stored->hasBroadcastPreference);
        QCOMPARE(stored->whatsappBroadcastPreference, c.whatsappBroadcastPreference);
        QCOMPARE(stored->notes, c.notes);
        QCOMPARE(stored->createdAt, added.createdAt);
        QCOMPARE(stored->updatedAt, added.updatedAt);
    }

    void absentOptionalFieldsStayNull()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const auto r = store.addMany(v, u, {contact(QStringLiteral("Bare"), QStringLiteral("111"))});
        const auto c = store.find(v, u, r.added.first().id);
        QVERIFY(c);
        QVERIFY(c->email.isNull());
        QVERIFY(c->companyName.isNull());
        QVERIFY(c->dob.isNull());
        QVERIFY(c->notes.isNull());
        QVERIFY(c->kidsNames.isEmpty());
        QVERIFY(!c->averageSpend);
        QVERIFY(!c->hasBroadcastPreference);
        QVERIFY(c->messageOptIn);
        QVERIFY(fx.scalar(QStringLiteral("SELECT email IS NULL AND kids_names IS NULL FROM contact_lists")).toBool());
    }

    void duplicatesAreSkippedNotErrors()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 u2 = fx.user(v, QStringLiteral("u2@x.com"));
        ContactStore store(fx.conn());
        QCOMPARE(store.addMany(v, u, {contact(QStringLiteral("Stored"), QStringLiteral("100"))}).added.size(), 1);
        const auto r = store.addMany(v, u,
                                     {contact(QStringLiteral("A"), QStringLiteral("200")),
                                      contact(QStringLiteral("B"), QStringLiteral("100")),   // stored
                                      contact(QStringLiteral("C"), QStringLiteral("200")),   // in input
                                      contact(QStringLiteral("D"), QString()),               // no phone
                                      contact(QStringLiteral("  "), QStringLiteral("300")),  // no name
                                      contact(QStringLiteral("E"), QStringLiteral("400"))});
        QCOMPARE(r.added.size(), 2);
        QCOMPARE(r.added.at(0).name, QStringLiteral("A"));
        QCOMPARE(r.added.at(1).name, QStringLiteral("E"));
        QCOMPARE(r.skipped.size(), 4);
        QCOMPARE(r.skipped.at(0).index, 1);
        QCOMPARE(r.skipped.at(0).phoneNumber, QStringLiteral("100"));
        QCOMPARE(r.skipped.at(0).reason, QStringLiteral("duplicate"));
        QCOMPARE(r.skipped.at(1).index, 2);
        QCOMPARE(r.skipped.at(1).reason, QStringLiteral("duplicate"));
        QCOMPARE(r.skipped.at(2).index, 3);
        QCOMPARE(r.skipped.at(2).reason, QStringLiteral("invalid_phone"));
        QCOMPARE(r.skipped.at(3).index, 4);
        QCOMPARE(r.skipped.at(3).reason, QStringLiteral("validation_failed"));
        QCOMPARE(store.countForUser(v, u), 3);
        // The same phone is no duplicate for another user.
        QCOMPARE(store.addMany(v, u2, {contact(QStringLiteral("B"), QStringLiteral("100"))}).added.size(), 1);
    }

    void importSessionRollsBackWithoutCommit()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        {
            ContactStore::ImportSession session(store, v, u);
            Contact c = contact(QStringLiteral("A"), QStringLiteral("2348031234567"));
            QCOMPARE(session.add(c), ContactStore::ImportSession::Outcome::Added);
            QVERIFY(c.id > 0);
            QCOMPARE(c.appUserId, u);
        } // no commit(): e.g. a later insert threw
        QCOMPARE(store.countForUser(v, u), 0);
        const auto e = thrown([&] { ContactStore::ImportSession s(store, v, 9999); });
        QVERIFY(e && e->kind() == DomainError::Kind::NotFound);
    }

    void importSessionDuplicatesAreExactStrings()
    {
        // Digit phones are tracked as numbers, anything else as strings: strings that would
        // read as the same number ("0123" / "123", 19+ digits) stay different phones.
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const QStringList phones{QStringLiteral("123"), QStringLiteral("0123"), QStringLiteral("00123"),
                                 QStringLiteral("+123"), QStringLiteral("123"), QStringLiteral("0123"),
                                 QStringLiteral("1234567890123456789"), QStringLiteral("1234567890123456789"),
                                 QStringLiteral("999999999999999999"), QStringLiteral("0999999999999999999"),
                                 QStringLiteral("999999999999999999"), QStringLiteral("12a"), QStringLiteral("12a")};
        using Outcome = ContactStore::ImportSession::Outcome;
        const QList<Outcome> expected{Outcome::Added, Outcome::Added, Outcome::Added, Outcome::Added,
                                      Outcome::Duplicate, Outcome::Duplicate, Outcome::Added,
                                      Outcome::Duplicate, Outcome::Added, Outcome::Added,
                                      Outcome::Duplicate, Outcome::Added, Outcome::Duplicate};
        ContactStore::ImportSession session(store, v, u);
        for (int i = 0; i < phones.size(); ++i) {
            Contact c = contact(QStringLiteral("P%1").arg(i), phones.at(i));
            QVERIFY2(session.add(c) == expected.at(i), qPrintable(phones.at(i)));
        }
        session.commit();
        QCOMPARE(store.countForUser(v, u), 8);
    }

    void storedArraysRoundTrip()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        Contact a = contact(QStringLiteral("A"), QStringLiteral("1"));
        a.interests = QJsonArray{QStringLiteral("q\"uote"), QStringLiteral("Ünï 😀"), QStringLiteral("back\\slash")};
        a.kidsNames = QJsonArray{QStringLiteral("Chi")};
        Contact b = contact(QStringLiteral("B"), QStringLiteral("2"));
        b.preferredProducts = QJsonArray{QStringLiteral("rice")};
        b.petsNames = QJsonArray{QStringLiteral("Rex"), QStringLiteral("Tom")};
        const auto r = store.addMany(v, u, {a, b});
        QCOMPARE(r.added.size(), 2);
        const auto fa = store.find(v, u, r.added.at(0).id);
        const auto fb = store.find(v, u, r.added.at(1).id);
        QVERIFY(fa && fb);
        QCOMPARE(fa->interests, a.interests);
        QCOMPARE(fa->kidsNames, a.kidsNames);
        QVERIFY(fa->petsNames.isEmpty() && fa->preferredProducts.isEmpty());
        QCOMPARE(fb->preferredProducts, b.preferredProducts);
        QCOMPARE(fb->petsNames, b.petsNames);
        // Empty arrays are stored as NULL (as before the direct binding).
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_lists WHERE (name = 'A' AND "
                                          "pets_names IS NULL AND preferred_products IS NULL) OR (name = "
                                          "'B' AND interests IS NULL AND kids_names IS NULL)")).toInt(), 2);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT typeof(interests) FROM contact_lists WHERE name = 'A'")).toString(),
                 QStringLiteral("text"));
    }

    void addManyForAnotherVendorsUserIsNotFound()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const auto e = thrown([&] { store.addMany(b, ua, {contact(QStringLiteral("X"), QStringLiteral("1"))}); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::NotFound);
        const auto e2 = thrown([&] { store.addMany(a, 9999, {contact(QStringLiteral("X"), QStringLiteral("1"))}); });
        QVERIFY(e2 && e2->kind() == DomainError::Kind::NotFound);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_lists")).toInt(), 0);
    }

    void bigImportIsOneTransactionAndGetsIndexed()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        QList<Contact> list;
        for (int i = 0; i < 5000; ++i)
            list << contact(QStringLiteral("Person %1").arg(i), QStringLiteral("23480%1").arg(10000000 + i),
                            QStringLiteral("p%1@mail.example").arg(i),
                            i % 100 == 0 ? QStringLiteral("Bluefinch Analytics") : QStringLiteral("Other Co"));
        const auto r = store.addMany(v, u, list);
        QCOMPARE(r.added.size(), 5000);
        QCOMPARE(store.countForUser(v, u), 5000);
        // Complete right away, indexed or not.
        QCOMPARE(store.search(v, u, QStringLiteral("bluefinch"), 1, 10).total, 50);
        QVERIFY(integrityOk(fx));
    }

    void findAndUpdateAreScoped()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ua2 = fx.user(a, QStringLiteral("u2@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const qint64 id = store.addMany(a, ua, {contact(QStringLiteral("Mine"), QStringLiteral("1"))}).added.first().id;
        QVERIFY(store.find(a, ua, id));
        QVERIFY(!store.find(b, ub, id));
        QVERIFY(!store.find(b, ua, id));
        QVERIFY(!store.find(a, ua2, id));
        Contact values;
        values.name = QStringLiteral("Hacked");
        for (auto [vendor, user] : {std::pair{b, ub}, std::pair{b, ua}, std::pair{a, ua2}}) {
            const auto e = thrown([&] { store.update(vendor, user, id, values, {QStringLiteral("name")}); });
            QVERIFY(e && e->kind() == DomainError::Kind::NotFound);
            const auto results = store.updateMany(vendor, user, {{id, values, {QStringLiteral("name")}}});
            QCOMPARE(results.size(), 1);
            QCOMPARE(results.first().status, QStringLiteral("not_found"));
            QCOMPARE(store.removeMany(vendor, user, {id}), 0);
            QVERIFY(store.findByPhones(vendor, user, {QStringLiteral("1")}).isEmpty());
            QCOMPARE(store.search(vendor, user, QString(), 1, 50).total, 0);
            QCOMPARE(store.search(vendor, user, QStringLiteral("Mine"), 1, 50).total, 0);
            QCOMPARE(store.countForUser(vendor, user), 0);
        }
        QCOMPARE(store.find(a, ua, id)->name, QStringLiteral("Mine"));
    }

    void updateWritesOnlyTheGivenFields()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        Contact c = contact(QStringLiteral("Old"), QStringLiteral("1"), QStringLiteral("old@x.com"),
                            QStringLiteral("Co"));
        c.interests = QJsonArray{QStringLiteral("x")};
        const auto r = store.addMany(v, u, {c, contact(QStringLiteral("Other"), QStringLiteral("2"))});
        const qint64 id = r.added.first().id;

        Contact values; // everything else default/empty: must not be written
        values.name = QStringLiteral("New");
        values.kidsNames = QJsonArray{QStringLiteral("k")};
        values.averageSpend = 9.5;
        Clock::setOffsetForTesting(5000);
        const Contact updated = store.update(v, u, id, values,
                                             {QStringLiteral("name"), QStringLiteral("kids_names"),
                                              QStringLiteral("average_spend"), QStringLiteral("unknown_field")});
        Clock::setOffsetForTesting(0);
        QCOMPARE(updated.name, QStringLiteral("New"));
        QCOMPARE(updated.kidsNames, QJsonArray{QStringLiteral("k")});
        QCOMPARE(*updated.averageSpend, 9.5);
        QCOMPARE(updated.email, QStringLiteral("old@x.com"));
        QCOMPARE(updated.companyName, QStringLiteral("Co"));
        QCOMPARE(updated.interests, QJsonArray{QStringLiteral("x")});
        QCOMPARE(updated.phoneNumber, QStringLiteral("1"));
        QVERIFY(updated.updatedAt > updated.createdAt);

        // Clearing an optional field.
        Contact clear;
        const Contact cleared = store.update(v, u, id, clear, {QStringLiteral("email")});
        QVERIFY(cleared.email.isNull());

        // Taking the other contact's phone: Conflict "duplicate"; the row is unchanged.
        Contact dup;
        dup.phoneNumber = QStringLiteral("2");
        const auto e = thrown([&] { store.update(v, u, id, dup, {QStringLiteral("phone_number")}); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Conflict);
        QCOMPARE(e->code(), QStringLiteral("duplicate"));
        QCOMPARE(store.find(v, u, id)->phoneNumber, QStringLiteral("1"));

        Contact empty;
        const auto e2 = thrown([&] { store.update(v, u, id, empty, {QStringLiteral("name")}); });
        QVERIFY(e2 && e2->kind() == DomainError::Kind::Validation);
        QVERIFY(thrown([&] { store.update(v, u, 424242, values, {QStringLiteral("name")}); })->kind()
                == DomainError::Kind::NotFound);
    }

    void updateManyReportsEachItem()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const auto r = store.addMany(v, u, {contact(QStringLiteral("A"), QStringLiteral("1")),
                                            contact(QStringLiteral("B"), QStringLiteral("2"))});
        Contact rename;
        rename.name = QStringLiteral("A2");
        Contact takePhone;
        takePhone.phoneNumber = QStringLiteral("1");
        Contact noName;
        const auto results = store.updateMany(
            v, u,
            {{r.added.at(0).id, rename, {QStringLiteral("name")}},
             {r.added.at(1).id, takePhone, {QStringLiteral("phone_number")}},
             {987654, rename, {QStringLiteral("name")}},
             {r.added.at(1).id, noName, {QStringLiteral("name")}}});
        QCOMPARE(results.size(), 4);
        QCOMPARE(results.at(0).status, QStringLiteral("updated"));
        QCOMPARE(results.at(1).status, QStringLiteral("invalid"));
        QVERIFY(!results.at(1).error.isEmpty());
        QCOMPARE(results.at(2).status, QStringLiteral("not_found"));
        QCOMPARE(results.at(3).status, QStringLiteral("invalid"));
        QCOMPARE(store.find(v, u, r.added.at(0).id)->name, QStringLiteral("A2"));
        QCOMPARE(store.find(v, u, r.added.at(1).id)->phoneNumber, QStringLiteral("2"));
        QCOMPARE(store.find(v, u, r.added.at(1).id)->name, QStringLiteral("B"));
    }

    void removeManyRemovesOnlyOwnRows()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        QList<Contact> mine, theirs;
        for (int i = 0; i < 250; ++i) {
            mine << contact(QStringLiteral("M%1").arg(i), QStringLiteral("1%1").arg(i));
            theirs << contact(QStringLiteral("T%1").arg(i), QStringLiteral("1%1").arg(i));
        }
        const QList<qint64> mineIds = ids(store.addMany(a, ua, mine).added);
        const QList<qint64> theirIds = ids(store.addMany(b, ub, theirs).added);
        QList<qint64> request = mineIds.mid(0, 230) + theirIds + mineIds.mid(0, 10) + QList<qint64>{-1, 0, 99999};
        QCOMPARE(store.removeMany(a, ua, request), 230);
        QCOMPARE(store.countForUser(a, ua), 20);
        QCOMPARE(store.countForUser(b, ub), 250);
        QCOMPARE(store.removeMany(a, ua, {}), 0);
        QVERIFY(integrityAfterIndexing(fx, store));
    }

    void searchMatchesWordsPhonesAndEmails()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        store.addMany(v, u, sampleContacts());
        auto check = [&](const QString &term, const QStringList &expected) {
            const auto page = store.search(v, u, term, 1, 50);
            QVERIFY2(names(page) == expected,
                     qPrintable(QStringLiteral("'") + term + QStringLiteral("': ")
                                + names(page).join(QLatin1Char(','))));
            QCOMPARE(page.total, expected.size());
            QVERIFY(!page.totalIsEstimate);
        };
        check(QStringLiteral("okafor"), {QStringLiteral("John Okafor"), QStringLiteral("Mary Okafor")});
        check(QStringLiteral("OKAFOR"), {QStringLiteral("John Okafor"), QStringLiteral("Mary Okafor")});
        check(QStringLiteral("okaf"), {QStringLiteral("John Okafor"), QStringLiteral("Mary Okafor")}); // prefix
        check(QStringLiteral("kafor"), {});                                       // not a word start
        check(QStringLiteral("jo okaf"), {QStringLiteral("John Okafor")});        // prefixes of two words
        check(QStringLiteral("okafor john"), {QStringLiteral("John Okafor")});    // any order
        check(QStringLiteral("mary@corp"), {QStringLiteral("Mary Okafor")});      // email
        check(QStringLiteral("mary@corp.example"), {QStringLiteral("Mary Okafor")});
        check(QStringLiteral("8031112"), {});                                     // inside a phone
        check(QStringLiteral("1112222"), {QStringLiteral("John Okafor")});        // phone tail
        check(QStringLiteral("2348031112222"), {QStringLiteral("John Okafor")});  // whole phone
        check(QStringLiteral("+234 803 333 4444"), {QStringLiteral("Mary Okafor")});
        check(QStringLiteral("0803 333 4444"), {QStringLiteral("Mary Okafor")}); // national form
        check(QStringLiteral("9998031112222"), {});                               // same tail
        check(QStringLiteral("bluefinch"), {QStringLiteral("Ahmed Bello"), QStringLiteral("Tunde Eze")}); // company
        check(QStringLiteral("zz"), {QStringLiteral("Zz Top")});
        check(QStringLiteral("z"), {QStringLiteral("Zz Top")});
        check(QStringLiteral("  okafor  "), {QStringLiteral("John Okafor"), QStringLiteral("Mary Okafor")});
        check(QStringLiteral("nobody"), {});
        // Punctuation separates words, in the data as in the term; FTS5 syntax and LIKE
        // wildcards are plain text, never errors.
        check(QStringLiteral("\"quoted\""), {QStringLiteral("Say \"Quoted\" Here")});
        check(QStringLiteral("50%"), {QStringLiteral("Percent 50% Off")});
        check(QStringLiteral("%"), {});
        check(QStringLiteral("under_sc"), {QStringLiteral("Under_Score")});
        const QStringList nastyTerms{QStringLiteral("\""), QStringLiteral("\"\"\""), QStringLiteral("a OR b"),
              QStringLiteral("NEAR(a b)"), QStringLiteral("name:john"), QStringLiteral("joh*"),
              QStringLiteral("(((")  , QStringLiteral("-john"), QStringLiteral("^john"),
              QStringLiteral("owner:u1"), QStringLiteral("phone:2*"), QStringLiteral("AND"),
              QStringLiteral("'; DROP TABLE contact_lists; --"), QStringLiteral("!!!"),
              QString(QString(QChar(0)) + QStringLiteral("abc")), QString::fromUtf8("\xF0\x9F\x98\x80")};
        for (const QString &nasty : nastyTerms) {
            const auto page = store.search(v, u, nasty, 1, 50);
            QCOMPARE(page.contacts.size(), page.total);
        }
        check(QStringLiteral("-john"), {QStringLiteral("John Okafor")});
        check(QStringLiteral("joh*"), {QStringLiteral("John Okafor")});
        QCOMPARE(store.countForUser(v, u), sampleContacts().size());
        QVERIFY(integrityOk(fx));
    }

    void searchPagesAndTotals()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 other = fx.user(v, QStringLiteral("o@x.com"));
        ContactStore store(fx.conn());
        QList<Contact> list;
        for (int i = 0; i < 120; ++i)
            list << contact(QStringLiteral("Match %1").arg(i, 3, 10, QLatin1Char('0')),
                            QStringLiteral("555%1").arg(i));
        for (int i = 0; i < 30; ++i)
            list << contact(QStringLiteral("Else %1").arg(i), QStringLiteral("777%1").arg(i));
        const auto added = store.addMany(v, u, list).added;
        store.addMany(v, other, {contact(QStringLiteral("Match other user"), QStringLiteral("1"))});
        for (const QString &term : {QStringLiteral("match"), QStringLiteral("ma"), QString()}) {
            const int expected = term.isEmpty() ? 150 : 120;
            const auto p1 = store.search(v, u, term, 1, 50);
            QCOMPARE(p1.total, expected);
            QCOMPARE(p1.contacts.size(), 50);
            QCOMPARE(p1.contacts.first().id, added.first().id); // ordered by id
            const auto p3 = store.search(v, u, term, 3, 50);
            QCOMPARE(p3.total, expected);
            QCOMPARE(p3.contacts.size(), expected - 100);
            QCOMPARE(p3.contacts.first().id, added.at(100).id);
            const auto beyond = store.search(v, u, term, 9, 50);
            QCOMPARE(beyond.total, expected);
            QVERIFY(beyond.contacts.isEmpty());
            const auto all = store.search(v, u, term, 1, 0);
            QCOMPARE(all.total, expected);
            QCOMPARE(all.contacts.size(), expected);
            const auto zeroPage = store.search(v, u, term, 0, 50);
            QCOMPARE(zeroPage.contacts.first().id, added.first().id);
        }
    }

    void indexFollowsUpdatesAndDeletes()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        const auto added = store.addMany(v, u, sampleContacts()).added;
        Contact values;
        values.name = QStringLiteral("Renamed Person");
        store.update(v, u, added.first().id, values, {QStringLiteral("name")});
        QCOMPARE(store.search(v, u, QStringLiteral("renamed"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("john okafor"), 1, 50).total, 0);
        QCOMPARE(store.search(v, u, QStringLiteral("john@"), 1, 50).total, 1); // email unchanged
        // A non-searched field changes nothing in the index.
        Contact notes;
        notes.notes = QStringLiteral("findme");
        store.update(v, u, added.at(1).id, notes, {QStringLiteral("notes")});
        QCOMPARE(store.search(v, u, QStringLiteral("findme"), 1, 50).total, 0);
        store.removeMany(v, u, {added.at(1).id});
        QCOMPARE(store.search(v, u, QStringLiteral("mary"), 1, 50).total, 0);
        QVERIFY(integrityOk(fx));
    }

    void removingAUserKeepsSearchExact()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 gone = fx.user(v, QStringLiteral("gone@x.com"));
        const qint64 stays = fx.user(v, QStringLiteral("stays@x.com"));
        ContactStore store(fx.conn());
        store.addMany(v, gone, sampleContacts());
        store.addMany(v, stays, {contact(QStringLiteral("John Okafor"), QStringLiteral("2348031112222"))});
        // The cascade leaves the removed rows' index entries in place (no per-row
        // un-indexing); they must never surface again.
        QVERIFY(AppUserStore(fx.conn()).remove(v, gone));
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_lists WHERE app_user_id = ?"), {gone}).toInt(), 0);
        const auto page = store.search(v, stays, QStringLiteral("okafor"), 1, 50);
        QCOMPARE(page.total, 1);
        QCOMPARE(page.contacts.size(), 1);
        QCOMPARE(page.contacts.first().appUserId, stays);
        QCOMPARE(store.search(v, stays, QStringLiteral("2348031112222"), 1, 50).total, 1);
        QCOMPARE(store.search(v, gone, QStringLiteral("okafor"), 1, 50).total, 0);
        // New rows get new ids: the same data for a new user is found exactly once.
        const qint64 again = fx.user(v, QStringLiteral("gone@x.com"));
        store.addMany(v, again, sampleContacts());
        QCOMPARE(store.search(v, again, QStringLiteral("okafor"), 1, 50).total, 2);
        // A single removal (not in bulk) still un-indexes the row.
        const qint64 id = store.search(v, again, QStringLiteral("mary"), 1, 50).contacts.first().id;
        QCOMPARE(store.removeMany(v, again, {id}), 1);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_words WHERE contact_words MATCH ?"),
                           {QStringLiteral("words:\"u%1xmary\"").arg(gone)}).toInt(), 1);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_words WHERE contact_words MATCH ?"),
                           {QStringLiteral("words:\"u%1xmary\"").arg(again)}).toInt(), 0);
        // (the one left is the removed user's stale document)
        // Removing the vendor cascades the same way.
        QVERIFY(VendorStore(fx.conn()).remove(v));
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_lists")).toInt(), 0);
    }

    void unicodeSearchIsCaseInsensitiveOnceIndexed()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        store.addMany(v, u, {contact(QStringLiteral("ÑANDÚ Émile"), QStringLiteral("1")),
                             contact(QStringLiteral("日本語の名前"), QStringLiteral("2"))});
        QCOMPARE(store.search(v, u, QStringLiteral("ñandú"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("émile"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("ÉMILE ñandu"), 1, 50).total, 1);
        QCOMPARE(store.search(v, u, QStringLiteral("日本"), 1, 50).total, 1); // a word's start
        QCOMPARE(store.search(v, u, QStringLiteral("本語の"), 1, 50).total, 0); // not a word's start
    }

    void findByPhonesIsChunkedAndScoped()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        QList<Contact> list;
        QStringList phones;
        for (int i = 0; i < 350; ++i) {
            list << contact(QStringLiteral("P%1").arg(i), QStringLiteral("234%1").arg(i));
            phones << QStringLiteral("234%1").arg(i);
        }
        store.addMany(a, ua, list);
        store.addMany(b, ub, {contact(QStringLiteral("Theirs"), QStringLiteral("999"))});
        phones << QStringLiteral("999") << QStringLiteral("2340") << QString();
        const auto found = store.findByPhones(a, ua, phones);
        QCOMPARE(found.size(), 350);
        QCOMPARE(found.value(QStringLiteral("2345")).name, QStringLiteral("P5"));
        QVERIFY(!found.contains(QStringLiteral("999")));
        QVERIFY(store.findByPhones(a, ua, {}).isEmpty());
        QCOMPARE(store.findByPhones(b, ub, phones).size(), 1);
    }

    // The composer reads only the fields a template names: the others stay empty, the phone,
    // the opt-in, id and owner are always read.
    void findByPhonesReadsOnlyTheFieldsAskedFor()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        ContactStore store(fx.conn());
        Contact c = contact(QStringLiteral("Ann"), QStringLiteral("2341"));
        c.nickname = QStringLiteral("Annie");
        c.companyName = QStringLiteral("Acme");
        c.kidsNames = QJsonArray{QStringLiteral("Bo")};
        c.messageOptIn = false;
        store.addMany(v, u, {c});
        const auto some = store.findByPhones(v, u, {QStringLiteral("2341")},
                                             {QStringLiteral("nickname"), QStringLiteral("nope")});
        QCOMPARE(some.size(), 1);
        const Contact &s = some.value(QStringLiteral("2341"));
        QVERIFY(s.id > 0);
        QCOMPARE(s.vendorId, v);
        QCOMPARE(s.appUserId, u);
        QCOMPARE(s.phoneNumber, QStringLiteral("2341"));
        QCOMPARE(s.messageOptIn, false);
        QCOMPARE(s.nickname, QStringLiteral("Annie"));
        QVERIFY(s.name.isNull());
        QVERIFY(s.companyName.isNull());
        QVERIFY(s.kidsNames.isEmpty());
        const auto none = store.findByPhones(v, u, {QStringLiteral("2341")}, {});
        QVERIFY(none.value(QStringLiteral("2341")).nickname.isNull());
        QCOMPARE(none.value(QStringLiteral("2341")).messageOptIn, false);
        const Contact all =
            store.findByPhones(v, u, {QStringLiteral("2341")}).value(QStringLiteral("2341"));
        QCOMPARE(all.name, QStringLiteral("Ann"));
        QCOMPARE(all.companyName, QStringLiteral("Acme"));
        QCOMPARE(all.kidsNames, QJsonArray{QStringLiteral("Bo")});
    }

private:
    static QList<Contact> sampleContacts()
    {
        return {
            contact(QStringLiteral("John Okafor"), QStringLiteral("2348031112222"), QStringLiteral("john@example.com")),
            contact(QStringLiteral("Mary Okafor"), QStringLiteral("2348033334444"), QStringLiteral("mary@corp.example")),
            contact(QStringLiteral("Ahmed Bello"), QStringLiteral("2348035556666"), {}, QStringLiteral("Bluefinch Analytics")),
            contact(QStringLiteral("Tunde Eze"), QStringLiteral("2348037778888"), {}, QStringLiteral("BLUEFINCH Ltd")),
            contact(QStringLiteral("Zz Top"), QStringLiteral("14155550100")),
            contact(QStringLiteral("Say \"Quoted\" Here"), QStringLiteral("14155550101")),
            contact(QStringLiteral("Percent 50% Off"), QStringLiteral("14155550102")),
            contact(QStringLiteral("Under_Score"), QStringLiteral("14155550103")),
        };
    }

    static bool integrityOk(StoreFixture &fx)
    {
        QSqlQuery q(fx.database().connection());
        // The index's own structure (contentless: there is no content to compare with).
        const bool ok = q.exec(QStringLiteral(
            "INSERT INTO contact_words (contact_words) VALUES ('integrity-check')"));
        if (!ok)
            qWarning() << q.lastError().text();
        return ok;
    }

    static bool integrityAfterIndexing(StoreFixture &fx, ContactStore &)
    {
        return integrityOk(fx); // the index is written with each row: nothing to wait for
    }
};

QTEST_GUILESS_MAIN(TestContactStore)
#include "tst_contactstore.moc"
