#include "CoreServices.h"
#include "DomainError.h"
#include "TestSupport.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "contacts/PhoneNormalizer.h"
#include "security/Crypto.h"
#include "security/FileSecretStore.h"
#include "security/MemorySecretStore.h"
#include "security/SecretStore.h"
#include "storage/Database.h"

#include "EventBus.h"
#include "platform/Settings.h"

#include <QDirIterator>
#include <QRegularExpression>
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
    void adminTokenTooShort();
    void phoneIsNormalised();
    void takenEmailCostsNoHash();
    void rotationAndRemovalAreAnnounced();
    void rememberedKeyHashesAreBounded();

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
    // Stored as E.164 digits (api.md), like every phone.
    QCOMPARE(issued.vendor.phoneNumber, QStringLiteral("2348031234567"));
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
    const PhoneNormalizer phones;
    {
        Database db(dir.file(QStringLiteral("wamator.sqlite")), QStringLiteral("restart-test"));
        db.open();
        VendorStore vendors(db.connectionName());
        FileSecretStore secrets(secretsFile);
        VendorAccounts acc(vendors, secrets, phones);
        acc.init();
        issued = acc.registerVendor(QStringLiteral("A"), QStringLiteral("a@b.co"),
                                    QStringLiteral("password"), QStringLiteral("C"),
                                    QStringLiteral("+14155550123"));
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
    VendorAccounts acc(vendors, secrets, phones);
    acc.init();
    QCOMPARE(acc.authenticate(issued.apiKey).value_or(0), issued.vendor.id);
    QCOMPARE(acc.login(QStringLiteral("a@b.co"), QStringLiteral("password")).apiKey, issued.apiKey);
    QCOMPARE(acc.adminToken(), token);

    // Secrets lost (a new keychain): old keys no longer authenticate, and login hands out a
    // new working key instead of a key it cannot decrypt.
    MemorySecretStore fresh;
    VendorAccounts reset(vendors, fresh, phones);
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
    const PhoneNormalizer phones;
    VendorAccounts acc(vendors, secrets, phones);
    const DomainError e = expectError([&] { acc.init(); });
    QCOMPARE(e.code(), QStringLiteral("secret_store_unavailable"));
    QCOMPARE(int(e.kind()), int(DomainError::Kind::Unavailable));

    MemorySecretStore wrongSize;
    wrongSize.write(QStringLiteral("api-key-hmac"), QByteArrayLiteral("short"));
    VendorAccounts acc2(vendors, wrongSize, phones);
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
        f.write("  token-from-file-0123456789abcdef\n\n");
    }
    // The token file (option) wins over the stored one, trimmed.
    accounts().init(file);
    QCOMPARE(accounts().adminToken(), QStringLiteral("token-from-file-0123456789abcdef"));
    QCOMPARE(accounts().adminTokenSource(), QStringLiteral("file"));
    QVERIFY(accounts().checkAdminToken(QStringLiteral("token-from-file-0123456789abcdef")));
    QVERIFY(!accounts().checkAdminToken(stored));
    QCOMPARE(expectError([&] { accounts().regenerateAdminToken(); }).code(),
             QStringLiteral("admin_token_managed_externally"));
    // ... and through WAMATOR_ADMIN_TOKEN_FILE.
    {
        ScopedEnv envFile("WAMATOR_ADMIN_TOKEN_FILE", file.toUtf8());
        accounts().init();
        QCOMPARE(accounts().adminToken(), QStringLiteral("token-from-file-0123456789abcdef"));
        // The environment variable wins over the file.
        ScopedEnv env("WAMATOR_ADMIN_TOKEN", QByteArray(" env-token-0123456789abcdef-0123456 "));
        accounts().init(file);
        QCOMPARE(accounts().adminToken(), QStringLiteral("env-token-0123456789abcdef-0123456"));
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

void TestVendorAccounts::adminTokenTooShort()
{
    const QString stored = accounts().adminToken();
    // From the environment: refused at start (the app prints the message and exits).
    {
        ScopedEnv env("WAMATOR_ADMIN_TOKEN", QByteArray("admin-secret"));
        const DomainError e = expectError([&] { accounts().init(); });
        QCOMPARE(e.code(), QStringLiteral("admin_token_too_short"));
        QCOMPARE(int(e.kind()), int(DomainError::Kind::Unavailable));
        QVERIFY2(e.message().contains(QLatin1String("WAMATOR_ADMIN_TOKEN")) &&
                     e.message().contains(QLatin1String("32")),
                 qPrintable(e.message()));
        // 31 characters are still too few, 32 are enough.
        ScopedEnv env31("WAMATOR_ADMIN_TOKEN", QByteArray(31, 'x'));
        QCOMPARE(expectError([&] { accounts().init(); }).code(),
                 QStringLiteral("admin_token_too_short"));
        ScopedEnv env32("WAMATOR_ADMIN_TOKEN", QByteArray(32, 'x'));
        accounts().init();
        QCOMPARE(accounts().adminToken(), QString(32, QLatin1Char('x')));
    }
    // From a token file.
    const QString file = m_dir->file(QStringLiteral("short-token.txt"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("short-token\n");
    }
    const DomainError e = expectError([&] { accounts().init(file); });
    QCOMPARE(e.code(), QStringLiteral("admin_token_too_short"));
    QVERIFY2(e.message().contains(file), qPrintable(e.message()));
    // A short stored one (never generated by Wamator) is replaced by a generated one.
    QVERIFY(m_core->secrets().write(QStringLiteral("admin-token"), QByteArrayLiteral("tok")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("shorter than 32")));
    accounts().init();
    QVERIFY(kHex64.match(accounts().adminToken()).hasMatch());
    QVERIFY(accounts().adminToken() != stored);
    QCOMPARE(m_core->secrets().read(QStringLiteral("admin-token")).value_or(QByteArray()),
             accounts().adminToken().toUtf8());
}

void TestVendorAccounts::phoneIsNormalised()
{
    // Register: national digits in the default region (NG) and international forms.
    auto issued = registerOne();
    QCOMPARE(issued.vendor.phoneNumber, QStringLiteral("2348031234567"));
    issued = accounts().registerVendor(QStringLiteral("Bob"), QStringLiteral("bob@example.com"),
                                       QStringLiteral("s3cret-pass"), QStringLiteral("Bob Ltd"),
                                       QStringLiteral("+1 (415) 555-0123"));
    QCOMPARE(issued.vendor.phoneNumber, QStringLiteral("14155550123"));
    // The default region is the settings' one.
    m_core->settings().setDefaultRegion(QStringLiteral("GH"));
    issued = accounts().registerVendor(QStringLiteral("Kofi"), QStringLiteral("kofi@example.com"),
                                       QStringLiteral("s3cret-pass"), QStringLiteral("K Ltd"),
                                       QStringLiteral("020 123 4567"));
    QCOMPARE(issued.vendor.phoneNumber, QStringLiteral("233201234567"));
    // Not a phone number: validation_failed on phone_number, nothing stored.
    const int before = m_core->vendors().listAllForOperator().size();
    for (const QString &bad :
         {QStringLiteral("12"), QStringLiteral("not a phone"), QStringLiteral("+999 1234")}) {
        const DomainError e = expectError([&] {
            accounts().registerVendor(QStringLiteral("Eve"), QStringLiteral("eve@example.com"),
                                      QStringLiteral("s3cret-pass"), QStringLiteral("E"), bad);
        });
        QCOMPARE(e.code(), QStringLiteral("validation_failed"));
        QCOMPARE(e.details().value(QStringLiteral("field")).toString(),
                 QStringLiteral("phone_number"));
    }
    QCOMPARE(m_core->vendors().listAllForOperator().size(), before);

    // Update (the API's PUT /vendors/update and the window's dialog): the same rule.
    const qint64 id = issued.vendor.id;
    Vendor v = accounts().updateProfile(id, std::nullopt, std::nullopt,
                                        QStringLiteral("+234 803 123 4568"));
    QCOMPARE(v.phoneNumber, QStringLiteral("2348031234568"));
    const DomainError e = expectError(
        [&] { accounts().updateProfile(id, std::nullopt, std::nullopt, QStringLiteral("abc")); });
    QCOMPARE(e.details().value(QStringLiteral("field")).toString(), QStringLiteral("phone_number"));
    QCOMPARE(m_core->vendors().find(id)->phoneNumber, QStringLiteral("2348031234568"));
    QCOMPARE(expectError([&] {
                 accounts().updateProfile(id, QStringLiteral(" "), std::nullopt, std::nullopt);
             })
                 .details()
                 .value(QStringLiteral("field"))
                 .toString(),
             QStringLiteral("name"));
    v = accounts().updateProfile(id, QStringLiteral(" Kofi M "), QStringLiteral("KM"),
                                 std::nullopt);
    QCOMPARE(v.name, QStringLiteral("Kofi M"));
    QCOMPARE(v.phoneNumber, QStringLiteral("2348031234568"));
}

void TestVendorAccounts::takenEmailCostsNoHash()
{
    registerOne();
    const quint64 before = Crypto::passwordWorkCount();
    const DomainError e = expectError([&] {
        accounts().checkRegistration(QStringLiteral("Ada 2"), QStringLiteral(" ADA@example.com "),
                                     QStringLiteral("another-pass"), QStringLiteral("X"),
                                     QStringLiteral("08031234567"));
    });
    QCOMPARE(e.code(), QStringLiteral("email_taken"));
    QCOMPARE(Crypto::passwordWorkCount(), before);
    // The insert decides again: a registration checked before another took the email loses.
    const auto r = accounts().checkRegistration(
        QStringLiteral("Bob"), QStringLiteral("bob@example.com"), QStringLiteral("s3cret-pass"),
        QStringLiteral("B"), QStringLiteral("08031234567"));
    registerOne(QStringLiteral("bob@example.com"));
    QCOMPARE(expectError([&] {
                 accounts().completeRegistration(r, Crypto::hashPassword(r.password));
             }).code(),
             QStringLiteral("email_taken"));
}

void TestVendorAccounts::rotationAndRemovalAreAnnounced()
{
    const auto a = registerOne();
    const auto b = registerOne(QStringLiteral("bob@example.com"));
    QSignalSpy revoked(&m_core->events(), &EventBus::vendorKeysRevoked);
    QSignalSpy removed(&m_core->events(), &EventBus::vendorRemoved);
    accounts().rotateKey(a.vendor.id);
    QCOMPARE(revoked.size(), 1);
    QCOMPARE(revoked.at(0).at(0).toLongLong(), a.vendor.id);
    // Whoever removes the vendor (the window calls the store), it is announced.
    QVERIFY(m_core->vendors().remove(b.vendor.id));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).toLongLong(), b.vendor.id);
    QVERIFY(!m_core->vendors().remove(b.vendor.id)); // nothing removed, nothing announced
    QCOMPARE(removed.size(), 1);
}

// authenticate() remembers the HMAC of the keys it is shown; a spray of valid-looking keys must
// not grow that memory without bound, and must not make a real key fail or a rotated key pass.
void TestVendorAccounts::rememberedKeyHashesAreBounded()
{
    const auto issued = registerOne();
    QCOMPARE(accounts().authenticate(issued.apiKey).value_or(0), issued.vendor.id);
    const qsizetype bound = VendorAccounts::kMaxRememberedKeyHashes;
    qsizetype most = 0;
    for (qsizetype i = 0; i < bound * 2 + 10; ++i) {
        QVERIFY(!accounts().authenticate(Crypto::generateApiKey()).has_value());
        most = qMax(most, accounts().rememberedKeyHashes());
    }
    QVERIFY2(most <= bound, qPrintable(QString::number(most)));
    QVERIFY(most > bound / 2); // it does remember: the bound is what stops it
    QCOMPARE(accounts().authenticate(issued.apiKey).value_or(0), issued.vendor.id);
    const QString rotated = accounts().rotateKey(issued.vendor.id);
    QVERIFY(!accounts().authenticate(issued.apiKey).has_value()); // remembered, still refused
    QCOMPARE(accounts().authenticate(rotated).value_or(0), issued.vendor.id);
}

QTEST_GUILESS_MAIN(TestVendorAccounts)
#include "tst_vendoraccounts.moc"
