#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "TestSupport.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "contacts/PhoneNormalizer.h"
#include "platform/Settings.h"
#include "security/MemorySecretStore.h"
#include "security/SecretStore.h"
#include "storage/Database.h"

#include <QSignalSpy>
#include <QtTest>

namespace {

template <typename F> DomainError expectError(F &&f)
{
    try {
        f();
    } catch (const DomainError &e) {
        return e;
    }
    return DomainError(DomainError::Kind::Internal, QStringLiteral("no_error"),
                       QStringLiteral("nothing thrown"));
}

} // namespace

class TestCoreServices : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void opensDataDirectory();
    void accessorsBeforeOpen();
    void phonesFollowSettings();
    void regionFromEnvironment();
    void twoInstancesSideBySide();
    void reopenKeepsData();
    void unwritableDataDir();
    void corruptDatabase();
    void createsSecretStoreWhenNoneGiven();
    void adminTokenFileOption();
    void events();

private:
    std::vector<std::unique_ptr<ScopedEnv>> m_env;
};

void TestCoreServices::init()
{
    for (const char *name : {"WAMATOR_DEFAULT_REGION", "WAMATOR_ADMIN_TOKEN",
                             "WAMATOR_ADMIN_TOKEN_FILE", "WAMATOR_SECRET_BACKEND", "WAMATOR_PORT"})
        m_env.push_back(std::make_unique<ScopedEnv>(name, std::nullopt));
}

void TestCoreServices::cleanup()
{
    m_env.clear();
}

void TestCoreServices::opensDataDirectory()
{
    TempDataDir dir;
    auto core = makeCoreServices(dir);
    QCOMPARE(core->dataDir(), QDir(dir.path()).absolutePath());
    QCOMPARE(core->databasePath(), dir.file(QStringLiteral("wamator.sqlite")));
    QCOMPARE(core->profilesDir(), dir.file(QStringLiteral("profiles")));
    QCOMPARE(core->logsDir(), dir.file(QStringLiteral("logs")));
    QVERIFY(QFile::exists(core->databasePath()));
    QVERIFY(QFileInfo(core->profilesDir()).isDir());
    QVERIFY(QFileInfo(core->logsDir()).isDir());
    QVERIFY(core->database().isOpen());
    QCOMPARE(core->database().filePath(), core->databasePath());
    QCOMPARE(core->settings().port(), 3000);
    QCOMPARE(core->secrets().backendName(), QStringLiteral("memory"));
    QVERIFY(!core->accounts().adminToken().isEmpty());
    QCOMPARE(core->phones().defaultRegion(), QStringLiteral("NG"));
    // The stores work on the database's connection.
    const auto issued = core->accounts().registerVendor(
        QStringLiteral("A"), QStringLiteral("a@b.co"), QStringLiteral("password"),
        QStringLiteral("C"), QStringLiteral("08031234567"));
    QCOMPARE(core->vendors().find(issued.vendor.id)->email, QStringLiteral("a@b.co"));
    core->open(); // idempotent
    QVERIFY(core->database().isOpen());
}

void TestCoreServices::accessorsBeforeOpen()
{
    TempDataDir dir;
    CoreServices::Options o;
    o.dataDir = dir.path();
    o.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(o));
    QCOMPARE(int(expectError([&] { core.database(); }).kind()), int(DomainError::Kind::Internal));
    QCOMPARE(int(expectError([&] { core.vendors(); }).kind()), int(DomainError::Kind::Internal));
    QCOMPARE(int(expectError([&] { core.accounts(); }).kind()), int(DomainError::Kind::Internal));
    // Paths are known before open() (the app needs the logs directory first).
    QCOMPARE(core.logsDir(), dir.file(QStringLiteral("logs")));
}

void TestCoreServices::phonesFollowSettings()
{
    TempDataDir dir;
    auto core = makeCoreServices(dir);
    QCOMPARE(core->phones().normalize(QStringLiteral("08031234567")).value_or(QString()),
             QStringLiteral("2348031234567"));
    core->settings().setDefaultRegion(QStringLiteral("GB"));
    QCOMPARE(core->phones().defaultRegion(), QStringLiteral("GB"));
    QCOMPARE(core->phones().normalize(QStringLiteral("07911 123456")).value_or(QString()),
             QStringLiteral("447911123456"));
    QVERIFY(!core->phones().normalize(QStringLiteral("08031234567")).has_value());
    core->settings().setValue(QStringLiteral("default_region"), QStringLiteral("ng"));
    QCOMPARE(core->phones().defaultRegion(), QStringLiteral("NG"));
}

void TestCoreServices::regionFromEnvironment()
{
    TempDataDir dir;
    ScopedEnv env("WAMATOR_DEFAULT_REGION", QByteArray("US"));
    auto core = makeCoreServices(dir);
    QCOMPARE(core->settings().defaultRegion(), QStringLiteral("US"));
    QCOMPARE(core->phones().defaultRegion(), QStringLiteral("US"));
    QCOMPARE(core->phones().normalize(QStringLiteral("(415) 555-0123")).value_or(QString()),
             QStringLiteral("14155550123"));
}

void TestCoreServices::twoInstancesSideBySide()
{
    TempDataDir a, b;
    auto coreA = makeCoreServices(a);
    auto coreB = makeCoreServices(b);
    QVERIFY(coreA->database().connectionName() != coreB->database().connectionName());
    coreA->accounts().registerVendor(QStringLiteral("A"), QStringLiteral("a@b.co"),
                                     QStringLiteral("password"), QStringLiteral("C"),
                                     QStringLiteral("08031234567"));
    QCOMPARE(coreA->vendors().listAllForOperator().size(), 1);
    QCOMPARE(coreB->vendors().listAllForOperator().size(), 0);
    coreB->settings().setPort(4444);
    QCOMPARE(coreA->settings().port(), 3000);
}

void TestCoreServices::reopenKeepsData()
{
    TempDataDir dir;
    ScopedEnv backend("WAMATOR_SECRET_BACKEND", QByteArray("file"));
    VendorAccounts::Issued issued;
    {
        CoreServices::Options o;
        o.dataDir = dir.path();
        CoreServices core(std::move(o));
        core.open();
        issued = core.accounts().registerVendor(QStringLiteral("A"), QStringLiteral("a@b.co"),
                                                QStringLiteral("password"), QStringLiteral("C"),
                                                QStringLiteral("08031234567"));
        core.settings().setPort(4321);
    }
    CoreServices::Options o;
    o.dataDir = dir.path();
    CoreServices core(std::move(o));
    core.open();
    QCOMPARE(core.settings().port(), 4321);
    QCOMPARE(core.accounts().authenticate(issued.apiKey).value_or(0), issued.vendor.id);
}

void TestCoreServices::unwritableDataDir()
{
    TempDataDir dir;
    const QString file = dir.file(QStringLiteral("a-file"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    CoreServices::Options o;
    o.dataDir = file + QStringLiteral("/data");
    o.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(o));
    const DomainError e = expectError([&] { core.open(); });
    QCOMPARE(e.code(), QStringLiteral("data_dir_unwritable"));
    QVERIFY(e.message().contains(file));
}

void TestCoreServices::corruptDatabase()
{
    TempDataDir dir;
    {
        QFile f(dir.file(QStringLiteral("wamator.sqlite")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
    }
    CoreServices::Options o;
    o.dataDir = dir.path();
    o.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(o));
    const DomainError e = expectError([&] { core.open(); });
    QCOMPARE(int(e.kind()), int(DomainError::Kind::Unavailable));
    QVERIFY(e.message().contains(QLatin1String("wamator.sqlite")));
}

void TestCoreServices::createsSecretStoreWhenNoneGiven()
{
    TempDataDir dir;
    ScopedEnv backend("WAMATOR_SECRET_BACKEND", QByteArray("file"));
    CoreServices::Options o;
    o.dataDir = dir.path();
    CoreServices core(std::move(o));
    core.open();
    QCOMPARE(core.secrets().backendName(), QStringLiteral("file"));
    QVERIFY(QFile::exists(dir.file(QStringLiteral("secrets.json"))));
    QCOMPARE(core.secrets().read(QStringLiteral("admin-token")).value_or(QByteArray()),
             core.accounts().adminToken().toUtf8());
}

void TestCoreServices::adminTokenFileOption()
{
    TempDataDir dir;
    const QString file = dir.file(QStringLiteral("token"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("from-the-file-0123456789abcdef-0123\n"); // >= 32 characters
    }
    CoreServices::Options o;
    o.dataDir = dir.path();
    o.secrets = std::make_unique<MemorySecretStore>();
    o.adminTokenFile = file;
    CoreServices core(std::move(o));
    core.open();
    QCOMPARE(core.accounts().adminToken(), QStringLiteral("from-the-file-0123456789abcdef-0123"));
}

void TestCoreServices::events()
{
    TempDataDir dir;
    auto core = makeCoreServices(dir);
    QSignalSpy spy(&core->events(), &EventBus::published);
    QrEvent qr;
    qr.userId = 3;
    core->events().publish(7, qr);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toLongLong(), 7);
}

QTEST_GUILESS_MAIN(TestCoreServices)
#include "tst_coreservices.moc"
