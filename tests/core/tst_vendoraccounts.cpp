#include "CoreServices.h"
#include "Crypto.h"
#include "Database.h"
#include "DomainError.h"
#include "FileSecretStore.h"
#include "MemorySecretStore.h"
#include "SecretStore.h"
#include "TestSupport.h"
#include "VendorAccounts.h"
#include "VendorStore.h"

#include <QDirIterator>
#include <QRegularExpression>
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

// A keychain that refuses every write (locked, full, gone).
class ReadOnlySecretStore : public MemorySecretStore
{
public:
    bool write(const QString &, const QByteArray &) override { return false; }
};

// Everything SQLite may have written: the main file, the WAL and the shared-memory index.
QByteArray databaseBytes(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, {QStringLiteral("wamator.sqlite*")}, QDir::Files);
    while (it.hasNext())
        all += readWholeFile(it.next());
    return all;
}

const QRegularExpression kHex64(QStringLiteral("^[0-9a-f]{64}$"));

} // namespace

class TestVendorAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void registerAndAuthenticate();
    void registerValidation_data();
    void registerValidation();
    void emailTaken();
    void login();
    void wrongCredentialsLookTheSame();
    void rotateKey();
    void authenticateRejectsGarbage();
    void noPlaintextKeyInDatabase();
    void keysSurviveRestart();
    void secretStoreUnwritable();
    void adminTokenGeneratedAndKept();
    void adminTokenOverrides();
    void adminTokenFileProblems();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<ScopedEnv> m_envToken, m_envTokenFile;
    VendorAccounts &accounts() { return m_core->accounts(); }
    VendorAccounts::Issued registerOne(const QString &email = QStringLiteral("ada@example.com"))
    {
        return accounts().registerVendor(QStringLiteral("Ada"), email,
                                         QStringLiteral("s3cret-pass"), QStringLiteral("Ada Ltd"),
                                         QStringLiteral("08031234567"));
    }
};

void TestVendorAccounts::init()
{
    m_envToken = std::make_unique<ScopedEnv>("WAMATOR_ADMIN_TOKEN", std::nullopt);
    m_envTokenFile = std::make_unique<ScopedEnv>("WAMATOR_ADMIN_TOKEN_FILE", std::nullopt);
    m_dir = std::make_unique<TempDataDir>();
    m_core = makeCoreServices(*m_dir);
}

void TestVendorAccounts::cleanup()
{
    m_core.reset();
    m_dir.reset();
    m_envToken.reset();
    m_envTokenFile.reset();
}

void TestVendorAccounts::registerAndAuthenticate()
{
    const auto issued =
        accounts().registerVendor(QStringLiteral("  Ada Obi "), QStringLiteral(" Ada@Example.COM "),
                                  QStringLiteral("s3cret-pass"), QStringLiteral("Ada Ltd"),
                                  QStringLiteral(" 0803 123 4567 "));
    QVERIFY(issued.vendor.id > 0);
    QCOMPARE(issued.vendor.name, QStringLiteral("Ada Obi"));
    QCOMPARE(issued.vendor.email, QStringLiteral("ada@example.com"));
    QCOMPARE(issued.vendor.companyName, QStringLiteral("Ada Ltd"));
    QCOMPARE(issued.vendor.phoneNumber, QStringLiteral("0803 123 4567"));
    QVERIFY(issued.vendor.createdAt > 0);
    QVERIFY2(kHex64.match(issued.apiKey).hasMatch(), qPrintable(issued.apiKey));
    QCOMPARE(accounts().authenticate(issued.apiKey).value_or(0), issued.vendor.id);
    QCOMPARE(accounts()
                 .authenticate(QStringLiteral(" ") + issued.apiKey + QStringLiteral("\n"))
                 .value_or(0),
             issued.vendor.id);

    const auto other = registerOne(QStringLiteral("bob@example.com"));
    QVERIFY(other.vendor.id != issued.vendor.id);
    QVERIFY(other.apiKey != issued.apiKey);
    QCOMPARE(accounts().authenticate(other.apiKey).value_or(0), other.vendor.id);
}

void TestVendorAccounts::registerValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("company");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("field");
    QTest::newRow("name missing") << "  "
                                  << "a@b.co"
                                  << "12345678"
                                  << "C"
                                  << "0803"
                                  << "name";
    QTest::newRow("email missing") << "A"
                                   << ""
                                   << "12345678"
                                   << "C"
                                   << "0803"
                                   << "email";
    QTest::newRow("email without @") << "A"
                                     << "ab.co"
                                     << "12345678"
                                     << "C"
                                     << "0803"
                                     << "email";
    QTest::newRow("email without domain dot") << "A"
                                              << "a@b"
                                              << "12345678"
                                              << "C"
                                              << "0803"
                                              << "email";
    QTest::newRow("email with space") << "A"
                                      << "a b@c.co"
                                      << "12345678"
                                      << "C"
                                      << "0803"
                                      << "email";
    QTest::newRow("email two @") << "A"
                                 << "a@b@c.co"
                                 << "12345678"
                                 << "C"
                                 << "0803"
                                 << "email";
    QTest::newRow("password 7 chars") << "A"
                                      << "a@b.co"
                                      << "1234567"
                                      << "C"
                                      << "0803"
                                      << "password";
    QTest::newRow("password empty") << "A"
                                    << "a@b.co"
                                    << ""
                                    << "C"
                                    << "0803"
                                    << "password";
    QTest::newRow("password 7 emoji (14 UTF-16 units)")
        << "A"
        << "a@b.co" << QString::fromUtf8("😀😀😀😀😀😀😀") << "C"
        << "0803"
        << "password";
    QTest::newRow("password huge") << "A"
                                   << "a@b.co" << QString(5000, QLatin1Char('p')) << "C"
                                   << "0803"
                                   << "password";
    QTest::newRow("company missing") << "A"
                                     << "a@b.co"
                                     << "12345678"
                                     << " "
                                     << "0803"
                                     << "company_name";
    QTest::newRow("phone missing") << "A"
                                   << "a@b.co"
                                   << "12345678"
                                   << "C"
                                   << ""
                                   << "phone_number";
}

void TestVendorAccounts::registerValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, company);
    QFETCH(QString, phone);
    QFETCH(QString, field);
    const DomainError e =
        expectError([&] { accounts().registerVendor(name, email, password, company, phone); });
    QCOMPARE(int(e.kind()), int(DomainError::Kind::Validation));
    QCOMPARE(e.code(), QStringLiteral("validation_failed"));
    QCOMPARE(e.details().value(QStringLiteral("field")).toString(), field);
    QVERIFY(m_core->vendors().listAllForOperator().isEmpty());
}

void TestVendorAccounts::emailTaken()
{
    registerOne(QStringLiteral("ada@example.com"));
    const DomainError e = expectError([&] { registerOne(QStringLiteral("ADA@example.com ")); });
    QCOMPARE(int(e.kind()), int(DomainError::Kind::Conflict));
    QCOMPARE(e.code(), QStringLiteral("email_taken"));
    QCOMPARE(m_core->vendors().listAllForOperator().size(), 1);
}

void TestVendorAccounts::login()
{
    const auto issued = registerOne();
    // Login shows the current key again, for any spelling of the email.
    const auto again =
        accounts().login(QStringLiteral(" ADA@example.com"), QStringLiteral("s3cret-pass"));
    QCOMPARE(again.vendor.id, issued.vendor.id);
    QCOMPARE(again.vendor.email, QStringLiteral("ada@example.com"));
    QCOMPARE(again.apiKey, issued.apiKey);
    QCOMPARE(accounts().authenticate(again.apiKey).value_or(0), issued.vendor.id);
}

void TestVendorAccounts::wrongCredentialsLookTheSame()
{
    registerOne();
    const DomainError wrongPassword = expectError([&] {
        accounts().login(QStringLiteral("ada@example.com"), QStringLiteral("s3cret-pasS"));
    });
    const DomainError unknownEmail = expectError([&] {
        accounts().login(QStringLiteral("nobody@example.com"), QStringLiteral("s3cret-pass"));
    });
    const DomainError empty = expectError([&] { accounts().login(QString(), QString()); });
    for (const DomainError *e : {&wrongPassword, &unknownEmail, &empty}) {
        QCOMPARE(int(e->kind()), int(DomainError::Kind::Unauthorized));
        QCOMPARE(e->code(), QStringLiteral("invalid_credentials"));
        QCOMPARE(e->message(), wrongPassword.message());
        QVERIFY(e->details().isEmpty());
    }
}

void TestVendorAccounts::rotateKey()
{
    const auto issued = registerOne();
    const QString rotated = accounts().rotateKey(issued.vendor.id);
    QVERIFY(kHex64.match(rotated).hasMatch());
    QVERIFY(rotated != issued.apiKey);
    QVERIFY(!accounts().authenticate(issued.apiKey).has_value());
    QCOMPARE(accounts().authenticate(rotated).value_or(0), issued.vendor.id);
    QCOMPARE(
        accounts().login(QStringLiteral("ada@example.com"), QStringLiteral("s3cret-pass")).apiKey,
        rotated);
    const QString third = accounts().rotateKey(issued.vendor.id);
    QVERIFY(!accounts().authenticate(rotated).has_value());
    QCOMPARE(accounts().authenticate(third).value_or(0), issued.vendor.id);

    const DomainError e = expectError([&] { accounts().rotateKey(issued.vendor.id + 1000); });
    QCOMPARE(int(e.kind()), int(DomainError::Kind::NotFound));
    // The operator's "show key" sees the current key.
    QCOMPARE(accounts().currentKey(issued.vendor.id), third);
    QCOMPARE(int(expectError([&] { accounts().currentKey(issued.vendor.id + 1000); }).kind()),
             int(DomainError::Kind::NotFound));
}

void TestVendorAccounts::authenticateRejectsGarbage()
{
    const auto issued = registerOne();
    QVERIFY(!accounts().authenticate(QString()).has_value());
    QVERIFY(!accounts().authenticate(QStringLiteral("abc")).has_value());
    QVERIFY(!accounts().authenticate(issued.apiKey.left(63)).has_value());
    QVERIFY(!accounts().authenticate(issued.apiKey + QLatin1Char('0')).has_value());
    QVERIFY(!accounts().authenticate(issued.apiKey.toUpper()).has_value());
    QVERIFY(!accounts().authenticate(Crypto::generateApiKey()).has_value());
    QVERIFY(!accounts().authenticate(QString(64, QLatin1Char('\''))).has_value());
    QVERIFY(!accounts().authenticate(QString(100000, QLatin1Char('a'))).has_value());
}

void TestVendorAccounts::noPlaintextKeyInDatabase()
{
    const auto issued = registerOne();
    const QString rotated = accounts().rotateKey(issued.vendor.id);
    const auto second = registerOne(QStringLiteral("bob@example.com"));
    m_core.reset(); // close the database so everything is on disk
    const QByteArray bytes = databaseBytes(m_dir->path());
    QVERIFY(bytes.size() > 4096);
    QVERIFY(bytes.contains("ada@example.com")); // the scan does see the data
    for (const QString &key : {issued.apiKey, rotated, second.apiKey}) {
        QVERIFY2(!bytes.contains(key.toLatin1()), "a plaintext API key is in the database");
        QVERIFY(!bytes.contains(key.toUpper().toLatin1()));
        QVERIFY(!bytes.contains(QByteArray::fromHex(key.toLatin1()))); // nor its raw bytes
    }
    QVERIFY(!bytes.contains("s3cret-pass"));
}

void TestVendorAccounts::keysSurviveRestart()
{
    TempDataDir dir;
    const QString secretsFile = dir.file(QStringLiteral("secrets.json"));
    VendorAccounts::Issued issued;
    QString token;
    {
        Database db(dir.file(QStringLiteral("wamator.sqlite")), QStringLiteral("restart-test"));
        db.open();
        VendorStore vendors(db.connectionName());
        FileSecretStore secrets(secretsFile);
        VendorAccounts acc(vendors, secrets);
        acc.init();
        issued = acc.registerVendor(QStringLiteral("A"), QStringLiteral("a@b.co"),
                                    QStringLiteral("password"), QStringLiteral("C"),
                                    QStringLiteral("1"));
        token = acc.adminToken();
        QCOMPARE(secrets.read(QStringLiteral("api-key-hmac")).value_or(QByteArray()).size(), 32);
        QCOMPARE(secrets.read(QStringLiteral("api-key-enc")).value_or(QByteArray()).size(), 32);
        QCOMPARE(secrets.read(QStringLiteral("admin-token")).value_or(QByteArray()),
                 token.toUtf8());
    }
    Database db(dir.file(QStringLiteral("wamator.sqlite")), QStringLiteral("restart-test"));
    db.open();
    VendorStore vendors(db.connectionName());
    FileSecretStore secrets(secretsFile);
    VendorAccounts acc(vendors, secrets);
    acc.init();
    QCOMPARE(acc.authenticate(issued.apiKey).value_or(0), issued.vendor.id);
    QCOMPARE(acc.login(QStringLiteral("a@b.co"), QStringLiteral("password")).apiKey, issued.apiKey);
    QCOMPARE(acc.adminToken(), token);

    // Secrets lost (a new keychain): old keys no longer authenticate, and login hands out a
    // new working key instead of a key it cannot decrypt.
    MemorySecretStore fresh;
    VendorAccounts reset(vendors, fresh);
    reset.init();
    QVERIFY(!reset.authenticate(issued.apiKey).has_value());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no readable API key")));
    const auto relogged = reset.login(QStringLiteral("a@b.co"), QStringLiteral("password"));
    QVERIFY(relogged.apiKey != issued.apiKey);
    QVERIFY(kHex64.match(relogged.apiKey).hasMatch());
    QCOMPARE(reset.authenticate(relogged.apiKey).value_or(0), issued.vendor.id);
}

void TestVendorAccounts::secretStoreUnwritable()
{
    TempDataDir dir;
    Database db(dir.file(QStringLiteral("wamator.sqlite")), QStringLiteral("ro-secrets"));
    db.open();
    VendorStore vendors(db.connectionName());
    ReadOnlySecretStore secrets;
    VendorAccounts acc(vendors, secrets);
    const DomainError e = expectError([&] { acc.init(); });
    QCOMPARE(e.code(), QStringLiteral("secret_store_unavailable"));
    QCOMPARE(int(e.kind()), int(DomainError::Kind::Unavailable));

    MemorySecretStore wrongSize;
    wrongSize.write(QStringLiteral("api-key-hmac"), QByteArrayLiteral("short"));
    VendorAccounts acc2(vendors, wrongSize);
    QCOMPARE(expectError([&] { acc2.init(); }).code(), QStringLiteral("secret_store_corrupt"));
}

void TestVendorAccounts::adminTokenGeneratedAndKept()
{
    const QString token = accounts().adminToken();
    QVERIFY(kHex64.match(token).hasMatch());
    QCOMPARE(accounts().adminTokenSource(), QStringLiteral("secret_store"));
    QCOMPARE(m_core->secrets().read(QStringLiteral("admin-token")).value_or(QByteArray()),
             token.toUtf8());
    QVERIFY(accounts().checkAdminToken(token));
    QVERIFY(!accounts().checkAdminToken(QString()));
    QVERIFY(!accounts().checkAdminToken(token.left(63)));
    QVERIFY(!accounts().checkAdminToken(token.toUpper()));
    QVERIFY(!accounts().checkAdminToken(token + QLatin1Char('0')));

    // A second init on the same secrets keeps it.
    accounts().init();
    QCOMPARE(accounts().adminToken(), token);

    const QString fresh = accounts().regenerateAdminToken();
    QVERIFY(fresh != token);
    QVERIFY(kHex64.match(fresh).hasMatch());
    QVERIFY(accounts().checkAdminToken(fresh));
    QVERIFY(!accounts().checkAdminToken(token));
    accounts().init();
    QCOMPARE(accounts().adminToken(), fresh);
}

void TestVendorAccounts::adminTokenOverrides()
{
    const QString stored = accounts().adminToken();
    const QString file = m_dir->file(QStringLiteral("admin-token.txt"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("  token-from-file\n\n");
    }
    // The token file (option) wins over the stored one, trimmed.
    accounts().init(file);
    QCOMPARE(accounts().adminToken(), QStringLiteral("token-from-file"));
    QCOMPARE(accounts().adminTokenSource(), QStringLiteral("file"));
    QVERIFY(accounts().checkAdminToken(QStringLiteral("token-from-file")));
    QVERIFY(!accounts().checkAdminToken(stored));
    QCOMPARE(expectError([&] { accounts().regenerateAdminToken(); }).code(),
             QStringLiteral("admin_token_managed_externally"));
    // ... and through WAMATOR_ADMIN_TOKEN_FILE.
    {
        ScopedEnv envFile("WAMATOR_ADMIN_TOKEN_FILE", file.toUtf8());
        accounts().init();
        QCOMPARE(accounts().adminToken(), QStringLiteral("token-from-file"));
        // The environment variable wins over the file.
        ScopedEnv env("WAMATOR_ADMIN_TOKEN", QByteArray(" env-token "));
        accounts().init(file);
        QCOMPARE(accounts().adminToken(), QStringLiteral("env-token"));
        QCOMPARE(accounts().adminTokenSource(), QStringLiteral("environment"));
        QCOMPARE(expectError([&] { accounts().regenerateAdminToken(); }).code(),
                 QStringLiteral("admin_token_managed_externally"));
    }
    // Without overrides the stored token is back; the overrides never replaced it.
    accounts().init();
    QCOMPARE(accounts().adminToken(), stored);
    QCOMPARE(accounts().adminTokenSource(), QStringLiteral("secret_store"));
}

void TestVendorAccounts::adminTokenFileProblems()
{
    QCOMPARE(
        expectError([&] { accounts().init(m_dir->file(QStringLiteral("missing.txt"))); }).code(),
        QStringLiteral("admin_token_file_unreadable"));
    const QString empty = m_dir->file(QStringLiteral("empty.txt"));
    {
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(" \n");
    }
    QCOMPARE(expectError([&] { accounts().init(empty); }).code(),
             QStringLiteral("admin_token_file_empty"));
}

QTEST_GUILESS_MAIN(TestVendorAccounts)
#include "tst_vendoraccounts.moc"
