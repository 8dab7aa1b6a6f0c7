// AppUserStore on a real SQLite file: per-vendor users, email rules, paging, tenant scoping,
// and removal cascading to numbers/contacts/subscriptions while message history stays.

#include "StoreFixture.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "contacts/ContactStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

#include <QTest>

namespace {

AppUser user(const QString &email, const QString &name = QStringLiteral("Jane"))
{
    AppUser u;
    u.name = name;
    u.email = email;
    return u;
}

} // namespace

class TestAppUserStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAndFind()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("v@x.com"));
        AppUserStore store(fx.conn());
        AppUser in = user(QStringLiteral("  Jane@Example.COM "), QStringLiteral(" Jane Doe "));
        in.companyName = QStringLiteral("Doe Inc");
        const AppUser u = store.create(v, in);
        QVERIFY(u.id > 0);
        QCOMPARE(u.vendorId, v);
        QCOMPARE(u.email, QStringLiteral("jane@example.com"));
        QCOMPARE(u.name, QStringLiteral("Jane Doe"));
        const auto found = store.find(v, u.id);
        QVERIFY(found);
        QCOMPARE(found->email, QStringLiteral("jane@example.com"));
        QCOMPARE(found->companyName, QStringLiteral("Doe Inc"));
        QVERIFY(found->externalUserId.isNull());
        QCOMPARE(found->createdAt, u.createdAt);
    }

    void emailIsUniquePerVendor()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        AppUserStore store(fx.conn());
        store.create(a, user(QStringLiteral("jane@example.com")));
        const auto e = thrown([&] { store.create(a, user(QStringLiteral("JANE@example.com "))); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Conflict);
        QCOMPARE(e->code(), QStringLiteral("email_taken"));
        QVERIFY(store.create(b, user(QStringLiteral("jane@example.com"))).id > 0);
        QCOMPARE(store.count(a), 1);
        QCOMPARE(store.count(b), 1);
    }

    void createValidatesAndNeedsTheVendor()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("v@x.com"));
        AppUserStore store(fx.conn());
        QVERIFY(thrown([&] { store.create(v, user(QString())); })->kind() == DomainError::Kind::Validation);
        QVERIFY(thrown([&] { store.create(v, user(QStringLiteral("a@b.c"), QStringLiteral(" "))); })->kind()
                == DomainError::Kind::Validation);
        QVERIFY(thrown([&] { store.create(v + 100, user(QStringLiteral("a@b.c"))); })->kind()
                == DomainError::Kind::NotFound);
        QCOMPARE(store.count(v), 0);
    }

    void listPages()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("v@x.com"));
        const qint64 other = fx.vendor(QStringLiteral("o@x.com"));
        AppUserStore store(fx.conn());
        for (int i = 0; i < 7; ++i)
            store.create(v, user(QStringLiteral("u%1@x.com").arg(i)));
        store.create(other, user(QStringLiteral("x@x.com")));
        QCOMPARE(store.list(v).size(), 7);
        QCOMPARE(store.list(v, 1, 3).size(), 3);
        QCOMPARE(store.list(v, 3, 3).size(), 1);
        QCOMPARE(store.list(v, 3, 3).first().email, QStringLiteral("u6@x.com"));
        QCOMPARE(store.list(v, 4, 3).size(), 0);
        QCOMPARE(store.list(v, 0, 3).first().email, QStringLiteral("u0@x.com"));
        QCOMPARE(store.count(v), 7);
    }

    void updatePatches()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("v@x.com"));
        AppUserStore store(fx.conn());
        AppUser in = user(QStringLiteral("jane@example.com"));
        in.companyName = QStringLiteral("Co");
        in.externalUserId = QStringLiteral("ext-1");
        const AppUser u = store.create(v, in);
        store.create(v, user(QStringLiteral("taken@example.com")));
        AppUserStore::Patch p;
        p.email = QStringLiteral(" NEW@Example.com");
        p.companyName = QString(); // → null
        const AppUser after = store.update(v, u.id, p);
        QCOMPARE(after.email, QStringLiteral("new@example.com"));
        QVERIFY(after.companyName.isNull());
        QCOMPARE(after.externalUserId, QStringLiteral("ext-1"));
        QCOMPARE(after.name, QStringLiteral("Jane"));

        AppUserStore::Patch clash;
        clash.email = QStringLiteral("TAKEN@example.com");
        const auto e = thrown([&] { store.update(v, u.id, clash); });
        QVERIFY(e && e->code() == QStringLiteral("email_taken"));
        AppUserStore::Patch blank;
        blank.name = QStringLiteral("  ");
        QVERIFY(thrown([&] { store.update(v, u.id, blank); })->kind() == DomainError::Kind::Validation);
        QCOMPARE(store.find(v, u.id)->email, QStringLiteral("new@example.com"));
    }

    void anotherVendorCannotTouchTheUser()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        AppUserStore store(fx.conn());
        const AppUser u = store.create(a, user(QStringLiteral("jane@example.com")));
        QVERIFY(!store.find(b, u.id));
        QVERIFY(store.list(b).isEmpty());
        QCOMPARE(store.count(b), 0);
        AppUserStore::Patch p;
        p.name = QStringLiteral("Hijacked");
        const auto e = thrown([&] { store.update(b, u.id, p); });
        QVERIFY(e && e->kind() == DomainError::Kind::NotFound);
        QVERIFY(!store.remove(b, u.id));
        QCOMPARE(store.find(a, u.id)->name, QStringLiteral("Jane"));
    }

    // #13: the one "user of this vendor, or 404" (the API's routes, ContactService,
    // NumberRegistry, the stores' checks on their own connections).
    void requireUserOfVendorIsTheUserOrNotFound()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        AppUserStore store(fx.conn());
        const AppUser u = store.create(a, user(QStringLiteral("jane@example.com")));
        QCOMPARE(store.requireUserOfVendor(a, u.id).email, QStringLiteral("jane@example.com"));
        for (const auto &[vendor, id] :
             {std::pair<qint64, qint64>{b, u.id}, {a, u.id + 1000}, {a, 0}}) {
            const auto e = thrown([&] { store.requireUserOfVendor(vendor, id); });
            QVERIFY(e);
            QCOMPARE(e->kind(), DomainError::Kind::NotFound);
            QCOMPARE(e->code(), QStringLiteral("not_found"));
            QCOMPARE(e->message(), QStringLiteral("user not found"));
        }
    }

    void removeCascadesButKeepsMessages()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("v@x.com"));
        AppUserStore store(fx.conn());
        const qint64 u = store.create(v, user(QStringLiteral("gone@example.com"))).id;
        const qint64 keep = store.create(v, user(QStringLiteral("stays@example.com"))).id;
        NumberStore numbers(fx.conn());
        numbers.add(v, u, QStringLiteral("2348031111111"), QString(), false);
        numbers.add(v, keep, QStringLiteral("2348032222222"), QString(), false);
        ContactStore contacts(fx.conn());
        Contact c;
        c.name = QStringLiteral("C");
        c.phoneNumber = QStringLiteral("1");
        contacts.addMany(v, u, {c});
        contacts.addMany(v, keep, {c});
        PlanStore plans(fx.conn());
        Plan plan;
        plan.name = QStringLiteral("Basic");
        plan.maxPhoneNumbers = 1;
        plan.maxMessages = 10;
        const qint64 planId = plans.create(plan).id;
        SubscriptionStore subs(fx.conn());
        Subscription s;
        s.appUserId = u;
        s.planId = planId;
        s.endsAt = Clock::nowMs() + 86'400'000;
        subs.create(s);
        s.appUserId = keep;
        subs.create(s);
        MessageStore messages(fx.conn());
        Message m;
        m.batchId = QStringLiteral("b");
        m.appUserId = u;
        m.recipient = QStringLiteral("1");
        const qint64 messageId = messages.insertBatch(v, {m}).first().id;

        QVERIFY(store.remove(v, u));
        QVERIFY(!store.remove(v, u));
        QVERIFY(!store.find(v, u));
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM whatsapp_numbers WHERE app_user_id = ?"), {u}).toInt(), 0);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM contact_lists WHERE app_user_id = ?"), {u}).toInt(), 0);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM subscriptions WHERE app_user_id = ?"), {u}).toInt(), 0);
        QVERIFY(messages.find(v, messageId));
        // The other user keeps everything.
        QCOMPARE(numbers.countForUser(v, keep), 1);
        QCOMPARE(contacts.countForUser(v, keep), 1);
        QCOMPARE(subs.listForUser(keep).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAppUserStore)
#include "tst_appuserstore.moc"
