// VendorStore on a real SQLite file: vendors, login lookup, API keys (hash lookup, rotation,
// last-used bookkeeping) and removal.

#include "StoreFixture.h"
#include "accounts/VendorStore.h"
#include "platform/Clock.h"

#include <QTest>

namespace {

Vendor vendor(const QString &email)
{
    Vendor v;
    v.name = QStringLiteral("Acme");
    v.email = email;
    v.companyName = QStringLiteral("Acme Ltd");
    v.phoneNumber = QStringLiteral("2348031234567");
    return v;
}

} // namespace

class TestVendorStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createNormalisesEmailAndFinds()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        const qint64 before = Clock::nowMs();
        const Vendor v = store.create(vendor(QStringLiteral("  Boss@Example.COM ")), QStringLiteral("pw"),
                                      QStringLiteral("kh1"), QStringLiteral("ke1"));
        QVERIFY(v.id > 0);
        QCOMPARE(v.email, QStringLiteral("boss@example.com"));
        QVERIFY(v.createdAt >= before);
        const auto found = store.find(v.id);
        QVERIFY(found);
        QCOMPARE(found->name, QStringLiteral("Acme"));
        QCOMPARE(found->email, QStringLiteral("boss@example.com"));
        QCOMPARE(found->companyName, QStringLiteral("Acme Ltd"));
        QCOMPARE(found->phoneNumber, QStringLiteral("2348031234567"));
        QCOMPARE(found->createdAt, v.createdAt);
        QVERIFY(!store.find(v.id + 1));
        QCOMPARE(store.vendorForKeyHash(QStringLiteral("kh1")), std::optional<qint64>(v.id));
        QCOMPARE(store.currentEncryptedKey(v.id), std::optional<QString>(QStringLiteral("ke1")));
    }

    void takenEmailIsAConflictAndLeavesNothing()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        store.create(vendor(QStringLiteral("boss@example.com")), QStringLiteral("pw"), QStringLiteral("kh1"),
                     QStringLiteral("ke1"));
        const auto e = thrown([&] {
            store.create(vendor(QStringLiteral(" BOSS@example.com")), QStringLiteral("pw"),
                         QStringLiteral("kh2"), QStringLiteral("ke2"));
        });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Conflict);
        QCOMPARE(e->code(), QStringLiteral("email_taken"));
        QCOMPARE(store.listAllForOperator().size(), 1);
        QVERIFY(!store.vendorForKeyHash(QStringLiteral("kh2")));
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys")).toInt(), 1);
    }

    void createValidates()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        auto e = thrown([&] { store.create(vendor(QStringLiteral("  ")), QStringLiteral("pw"), QStringLiteral("k"), QStringLiteral("e")); });
        QVERIFY(e && e->kind() == DomainError::Kind::Validation);
        Vendor noName = vendor(QStringLiteral("x@y.z"));
        noName.name = QStringLiteral(" ");
        e = thrown([&] { store.create(noName, QStringLiteral("pw"), QStringLiteral("k"), QStringLiteral("e")); });
        QVERIFY(e && e->kind() == DomainError::Kind::Validation);
        QCOMPARE(store.listAllForOperator().size(), 0);
    }

    void loginLookup()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        const Vendor v = store.create(vendor(QStringLiteral("boss@example.com")), QStringLiteral("argon-hash"),
                                      QStringLiteral("kh1"), QStringLiteral("ke1"));
        const auto login = store.findForLogin(QStringLiteral(" Boss@Example.com "));
        QVERIFY(login);
        QCOMPARE(login->first.id, v.id);
        QCOMPARE(login->second, QStringLiteral("argon-hash"));
        QVERIFY(!store.findForLogin(QStringLiteral("nobody@example.com")));
        QVERIFY(!store.findForLogin(QString()));
        QVERIFY(!store.findForLogin(QStringLiteral("' OR 1=1 --")));
        store.setPasswordHash(v.id, QStringLiteral("new-hash"));
        QCOMPARE(store.findForLogin(QStringLiteral("boss@example.com"))->second, QStringLiteral("new-hash"));
        QVERIFY(thrown([&] { store.setPasswordHash(v.id + 99, QStringLiteral("h")); })->kind()
                == DomainError::Kind::NotFound);
    }

    void updateChangesOnlyGivenFields()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        const Vendor v = store.create(vendor(QStringLiteral("boss@example.com")), QStringLiteral("pw"),
                                      QStringLiteral("kh1"), QStringLiteral("ke1"));
        const Vendor u = store.update(v.id, QStringLiteral("New Name"), std::nullopt, QStringLiteral("14155550123"));
        QCOMPARE(u.name, QStringLiteral("New Name"));
        QCOMPARE(u.companyName, QStringLiteral("Acme Ltd"));
        QCOMPARE(u.phoneNumber, QStringLiteral("14155550123"));
        QCOMPARE(u.email, QStringLiteral("boss@example.com"));
        QCOMPARE(store.find(v.id)->name, QStringLiteral("New Name"));
        QVERIFY(thrown([&] { store.update(v.id + 5, QStringLiteral("x"), std::nullopt, std::nullopt); })->kind()
                == DomainError::Kind::NotFound);
        QVERIFY(thrown([&] { store.update(v.id, QStringLiteral(" "), std::nullopt, std::nullopt); })->kind()
                == DomainError::Kind::Validation);
    }

    void rotateKeyRevokesTheOldOne()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        const Vendor a = store.create(vendor(QStringLiteral("a@example.com")), QStringLiteral("pw"),
                                      QStringLiteral("ka1"), QStringLiteral("ea1"));
        const Vendor b = store.create(vendor(QStringLiteral("b@example.com")), QStringLiteral("pw"),
                                      QStringLiteral("kb1"), QStringLiteral("eb1"));
        store.rotateKey(a.id, QStringLiteral("ka2"), QStringLiteral("ea2"));
        QVERIFY(!store.vendorForKeyHash(QStringLiteral("ka1")));
        QCOMPARE(store.vendorForKeyHash(QStringLiteral("ka2")), std::optional<qint64>(a.id));
        QCOMPARE(store.currentEncryptedKey(a.id), std::optional<QString>(QStringLiteral("ea2")));
        // The other vendor is untouched.
        QCOMPARE(store.vendorForKeyHash(QStringLiteral("kb1")), std::optional<qint64>(b.id));
        QCOMPARE(store.currentEncryptedKey(b.id), std::optional<QString>(QStringLiteral("eb1")));
        QVERIFY(thrown([&] { store.rotateKey(a.id + b.id + 10, QStringLiteral("k"), QStringLiteral("e")); })->kind()
                == DomainError::Kind::NotFound);
        QVERIFY(!store.vendorForKeyHash(QString()));
        QVERIFY(!store.vendorForKeyHash(QStringLiteral("unknown")));
    }

    void lastUsedIsTouchedAtMostOnceAMinute()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        store.create(vendor(QStringLiteral("a@example.com")), QStringLiteral("pw"), QStringLiteral("ka1"),
                     QStringLiteral("ea1"));
        const QString sql = QStringLiteral("SELECT last_used_at FROM api_keys WHERE key_hash = 'ka1'");
        QVERIFY(fx.scalar(sql).isNull());
        QVERIFY(store.vendorForKeyHash(QStringLiteral("ka1")));
        const qint64 first = fx.scalar(sql).toLongLong();
        QVERIFY(first > 0);
        Clock::setOffsetForTesting(30'000);
        QVERIFY(store.vendorForKeyHash(QStringLiteral("ka1")));
        QCOMPARE(fx.scalar(sql).toLongLong(), first);
        Clock::setOffsetForTesting(61'000);
        QVERIFY(store.vendorForKeyHash(QStringLiteral("ka1")));
        Clock::setOffsetForTesting(0);
        QVERIFY(fx.scalar(sql).toLongLong() >= first + 61'000);
    }

    void removeTakesKeysAndData()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        const Vendor a = store.create(vendor(QStringLiteral("a@example.com")), QStringLiteral("pw"),
                                      QStringLiteral("ka1"), QStringLiteral("ea1"));
        const Vendor b = store.create(vendor(QStringLiteral("b@example.com")), QStringLiteral("pw"),
                                      QStringLiteral("kb1"), QStringLiteral("eb1"));
        fx.user(a.id, QStringLiteral("u@x.com"));
        fx.user(b.id, QStringLiteral("u@x.com"));
        QVERIFY(store.remove(a.id));
        QVERIFY(!store.remove(a.id));
        QVERIFY(!store.find(a.id));
        QVERIFY(!store.vendorForKeyHash(QStringLiteral("ka1")));
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM app_users")).toInt(), 1);
        QCOMPARE(store.listAllForOperator().size(), 1);
        QCOMPARE(store.listAllForOperator().first().id, b.id);
        // The email is free again.
        QVERIFY(store.create(vendor(QStringLiteral("a@example.com")), QStringLiteral("pw"), QStringLiteral("ka3"),
                             QStringLiteral("ea3")).id > b.id);
    }

    void textIsStoredVerbatim()
    {
        StoreFixture fx;
        VendorStore store(fx.conn());
        Vendor v = vendor(QStringLiteral("o'brien+\"x\"@example.com"));
        v.name = QStringLiteral("Robert'); DROP TABLE api_consumer; --");
        v.companyName = QStringLiteral("Ünïcödé 😀");
        const Vendor created = store.create(v, QStringLiteral("pw"), QStringLiteral("k"), QStringLiteral("e"));
        const auto found = store.find(created.id);
        QCOMPARE(found->name, v.name);
        QCOMPARE(found->email, QStringLiteral("o'brien+\"x\"@example.com"));
        QCOMPARE(found->companyName, v.companyName);
    }
};

QTEST_GUILESS_MAIN(TestVendorStore)
#include "tst_vendorstore.moc"
