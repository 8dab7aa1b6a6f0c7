// The API-key lookup is cached in memory (VendorStore::vendorForKeyHash); these check that the
// cache never lets a rotated key or a removed vendor's key through, even right after the old
// key was used (and so cached).
#include "CoreServices.h"
#include "TestSupport.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"

#include <QtTest>

class TestVendorKeyCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rotatedKeyRefusedRightAfterRotation();
    void removedVendorKeyRefused();
    void manyKeysStayCorrect();

private:
    std::unique_ptr<ScopedEnv> m_envToken, m_envTokenFile;
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    VendorAccounts &accounts() { return m_core->accounts(); }
    VendorAccounts::Issued registerOne(const QString &email)
    {
        return accounts().registerVendor(QStringLiteral("Ada"), email,
                                         QStringLiteral("s3cret-pass"), QStringLiteral("Ada Ltd"),
                                         QStringLiteral("08031234567"));
    }
};

void TestVendorKeyCache::init()
{
    m_envToken = std::make_unique<ScopedEnv>("WAMATOR_ADMIN_TOKEN", std::nullopt);
    m_envTokenFile = std::make_unique<ScopedEnv>("WAMATOR_ADMIN_TOKEN_FILE", std::nullopt);
    m_dir = std::make_unique<TempDataDir>();
    m_core = makeCoreServices(*m_dir);
}

void TestVendorKeyCache::cleanup()
{
    m_core.reset();
    m_dir.reset();
    m_envToken.reset();
    m_envTokenFile.reset();
}

void TestVendorKeyCache::rotatedKeyRefusedRightAfterRotation()
{
    const auto ada = registerOne(QStringLiteral("ada@example.com"));
    const auto bob = registerOne(QStringLiteral("bob@example.com"));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(accounts().authenticate(ada.apiKey).value_or(0), ada.vendor.id);
        QCOMPARE(accounts().authenticate(bob.apiKey).value_or(0), bob.vendor.id);
    }
    const QString rotated = accounts().rotateKey(ada.vendor.id);
    QVERIFY(!accounts().authenticate(ada.apiKey).has_value());
    QVERIFY(!accounts().authenticate(ada.apiKey).has_value());
    QCOMPARE(accounts().authenticate(rotated).value_or(0), ada.vendor.id);
    // The other vendor's (cached) key is unaffected.
    QCOMPARE(accounts().authenticate(bob.apiKey).value_or(0), bob.vendor.id);

    // Again with the new key cached.
    QCOMPARE(accounts().authenticate(rotated).value_or(0), ada.vendor.id);
    const QString third = accounts().rotateKey(ada.vendor.id);
    QVERIFY(!accounts().authenticate(rotated).has_value());
    QCOMPARE(accounts().authenticate(third).value_or(0), ada.vendor.id);
}

void TestVendorKeyCache::removedVendorKeyRefused()
{
    const auto ada = registerOne(QStringLiteral("ada@example.com"));
    const auto bob = registerOne(QStringLiteral("bob@example.com"));
    QCOMPARE(accounts().authenticate(ada.apiKey).value_or(0), ada.vendor.id);
    QCOMPARE(accounts().authenticate(bob.apiKey).value_or(0), bob.vendor.id);
    QVERIFY(m_core->vendors().remove(ada.vendor.id));
    QVERIFY(!accounts().authenticate(ada.apiKey).has_value());
    QCOMPARE(accounts().authenticate(bob.apiKey).value_or(0), bob.vendor.id);
}

void TestVendorKeyCache::manyKeysStayCorrect()
{
    QList<VendorAccounts::Issued> all;
    for (int i = 0; i < 12; ++i)
        all << registerOne(QStringLiteral("v%1@example.com").arg(i));
    for (int round = 0; round < 2; ++round)
        for (const auto &v : all)
            QCOMPARE(accounts().authenticate(v.apiKey).value_or(0), v.vendor.id);
    // A key that is one character off is never confused with a cached one.
    QString off = all.first().apiKey;
    off[0] = off[0] == QLatin1Char('a') ? QLatin1Char('b') : QLatin1Char('a');
    QVERIFY(!accounts().authenticate(off).has_value());
}

QTEST_GUILESS_MAIN(TestVendorKeyCache)
#include "tst_vendorkeycache.moc"
