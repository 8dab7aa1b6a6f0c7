#include "DomainError.h"
#include "TestSupport.h"
#include "platform/Settings.h"
#include "storage/Database.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>

namespace {

// The environment variables Settings reads; cleared for every test so the developer's shell
// cannot change the outcome.
const char *const kEnvVars[] = {
    "WAMATOR_DEFAULT_REGION",     "WAMATOR_LISTEN",     "WAMATOR_PORT",
    "WAMATOR_MAX_BODY_BYTES",     "WAMATOR_USER_AGENT", "WAMATOR_CORS_ORIGINS",
    "WAMATOR_QR_TIMEOUT_SECONDS", "WAMATOR_PACING",     "WAMATOR_ENGINE_MIN_CHROMIUM"};

QString storedValue(const Database &db, const QString &key)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return QStringLiteral("<none>");
    return q.value(0).toString();
}

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

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void defaults();
    void roundTripThroughReopenedDatabase();
    void environmentOverrides();
    void invalidEnvironmentRefused();
    void pacingOffFromEnvironment();
    void changedSignal();
    void invalidValuesRefused_data();
    void invalidValuesRefused();
    void pacingRangeConsistent();
    void garbageInDatabaseIgnored();
    void everyKeyHasADefault();

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::vector<std::unique_ptr<ScopedEnv>> m_env;
    void reopen();
};

void TestSettings::init()
{
    m_env.clear();
    for (const char *name : kEnvVars)
        m_env.push_back(std::make_unique<ScopedEnv>(name, std::nullopt));
    m_dir = std::make_unique<TempDataDir>();
    reopen();
}

void TestSettings::cleanup()
{
    m_db.reset();
    m_dir.reset();
    m_env.clear();
}

void TestSettings::reopen()
{
    m_db.reset();
    m_db = std::make_unique<Database>(m_dir->file(QStringLiteral("wamator.sqlite")),
                                      QStringLiteral("settings-test"));
    m_db->open();
}

void TestSettings::defaults()
{
    Settings s(m_db->connectionName());
    s.load();
    QCOMPARE(s.defaultRegion(), QStringLiteral("NG"));
    QCOMPARE(s.listenAddress(), QStringLiteral("127.0.0.1"));
    QCOMPARE(s.port(), 3000);
    QCOMPARE(s.maxBodyBytes(), qint64(1024 * 1024));
    QCOMPARE(s.maxConnections(), 512);
    QCOMPARE(s.idleTimeoutSeconds(), 30);
    QCOMPARE(s.corsAllowedOrigins(), QStringList());
    QCOMPARE(s.loginMaxFailures(), 5);
    QCOMPARE(s.loginWindowSeconds(), 900);
    QCOMPARE(s.loginBanSeconds(), 900);
    // "" = from the engine (the whatsapp layer's EngineInfo fills in the Chromium major).
    QCOMPARE(s.userAgent(), QString());
    QCOMPARE(s.engineMinChromium(), 118);
    QCOMPARE(s.qrTimeoutSeconds(), 90);
    QCOMPARE(s.qrMaxRefreshes(), 5);
    QCOMPARE(s.maxConcurrentStarts(), 3);
    QVERIFY(s.pacingEnabled());
    QCOMPARE(s.pacingMinDelayMs(), 4000);
    QCOMPARE(s.pacingMaxDelayMs(), 12000);
    QCOMPARE(s.typingMsPerChar(), 40);
    QCOMPARE(s.typingMaxMs(), 5000);
    QCOMPARE(s.dailyCapPerNumber(), 1000);
    QCOMPARE(s.messageTtlSeconds(), 86400);
    QCOMPARE(s.maxSendAttempts(), 5);
    QVERIFY(!s.allowPrivateMediaUrls()); // SSRF: media URLs stay off private networks
    QCOMPARE(s.language(), QString());
    // Defaults are not written to the database: a later version may change them.
    QCOMPARE(storedValue(*m_db, QStringLiteral("port")), QStringLiteral("<none>"));
}

void TestSettings::roundTripThroughReopenedDatabase()
{
    {
        Settings s(m_db->connectionName());
        s.load();
        s.setDefaultRegion(QStringLiteral(" gh "));
        s.setListenAddress(QStringLiteral("0.0.0.0"));
        s.setPort(4010);
        s.setUserAgent(QStringLiteral("Mozilla/5.0 Test"));
        s.setLanguage(QStringLiteral("pt-BR"));
        s.setValue(QStringLiteral("cors_allowed_origins"),
                   QStringLiteral("https://a.example, http://b.example:8080/"));
        s.setValue(QStringLiteral("pacing_enabled"), false);
        s.setValue(QStringLiteral("max_body_bytes"), QStringLiteral("2097152"));
        s.setValue(QStringLiteral("message_ttl_seconds"), 3600);
        s.setPort(4011); // the second write updates the row
    }
    reopen();
    Settings s(m_db->connectionName());
    s.load();
    QCOMPARE(s.defaultRegion(), QStringLiteral("GH"));
    QCOMPARE(s.listenAddress(), QStringLiteral("0.0.0.0"));
    QCOMPARE(s.port(), 4011);
    QCOMPARE(s.userAgent(), QStringLiteral("Mozilla/5.0 Test"));
    QCOMPARE(s.language(), QStringLiteral("pt_BR"));
    // An empty user agent (not a blank one) goes back to the engine's default.
    s.setUserAgent(QString());
    QCOMPARE(s.userAgent(), QString());
    QCOMPARE(s.corsAllowedOrigins(), (QStringList{QStringLiteral("https://a.example"),
                                                  QStringLiteral("http://b.example:8080")}));
    QVERIFY(!s.pacingEnabled());
    QCOMPARE(s.maxBodyBytes(), qint64(2097152));
    QCOMPARE(s.messageTtlSeconds(), 3600);
    QCOMPARE(storedValue(*m_db, QStringLiteral("port")), QStringLiteral("4011"));
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM settings WHERE key = 'port'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestSettings::environmentOverrides()
{
    {
        Settings s(m_db->connectionName());
        s.load();
        s.setPort(4000);
        s.setDefaultRegion(QStringLiteral("GH"));
    }
    ScopedEnv port("WAMATOR_PORT", QByteArray("5555"));
    ScopedEnv region("WAMATOR_DEFAULT_REGION", QByteArray("us"));
    ScopedEnv listen("WAMATOR_LISTEN", QByteArray("::1"));
    ScopedEnv body("WAMATOR_MAX_BODY_BYTES", QByteArray("65536"));
    ScopedEnv ua("WAMATOR_USER_AGENT", QByteArray("TestAgent/1.0"));
    ScopedEnv cors("WAMATOR_CORS_ORIGINS", QByteArray("https://x.example,https://y.example"));
    ScopedEnv qr("WAMATOR_QR_TIMEOUT_SECONDS", QByteArray("2"));
    Settings s(m_db->connectionName());
    s.load();
    QCOMPARE(s.port(), 5555);
    QCOMPARE(s.defaultRegion(), QStringLiteral("US"));
    QCOMPARE(s.listenAddress(), QStringLiteral("::1"));
    QCOMPARE(s.maxBodyBytes(), qint64(65536));
    QCOMPARE(s.userAgent(), QStringLiteral("TestAgent/1.0"));
    QCOMPARE(s.corsAllowedOrigins(), (QStringList{QStringLiteral("https://x.example"),
                                                  QStringLiteral("https://y.example")}));
    QCOMPARE(s.qrTimeoutSeconds(), 2);
    QVERIFY(s.isOverriddenByEnvironment(QStringLiteral("port")));
    QVERIFY(!s.isOverriddenByEnvironment(QStringLiteral("max_connections")));
    QCOMPARE(Settings::environmentVariable(QStringLiteral("port")), QStringLiteral("WAMATOR_PORT"));
    // The override is for this run only: the stored values stay.
    QCOMPARE(storedValue(*m_db, QStringLiteral("port")), QStringLiteral("4000"));
    QCOMPARE(storedValue(*m_db, QStringLiteral("default_region")), QStringLiteral("GH"));
    // An explicit change wins over the environment from then on.
    s.setPort(4001);
    QCOMPARE(s.port(), 4001);
    QVERIFY(!s.isOverriddenByEnvironment(QStringLiteral("port")));
}

void TestSettings::invalidEnvironmentRefused()
{
    ScopedEnv port("WAMATOR_PORT", QByteArray("abc"));
    Settings s(m_db->connectionName());
    const DomainError e = expectError([&] { s.load(); });
    QCOMPARE(e.code(), QStringLiteral("invalid_environment"));
    QVERIFY(e.message().contains(QLatin1String("WAMATOR_PORT")));
    ScopedEnv port2("WAMATOR_PORT", QByteArray("70000"));
    QCOMPARE(expectError([&] { s.load(); }).code(), QStringLiteral("invalid_environment"));
    ScopedEnv port3("WAMATOR_PORT", std::nullopt);
    ScopedEnv region("WAMATOR_DEFAULT_REGION", QByteArray("XX"));
    QCOMPARE(expectError([&] { s.load(); }).code(), QStringLiteral("invalid_environment"));
}

void TestSettings::pacingOffFromEnvironment()
{
    ScopedEnv pacing("WAMATOR_PACING", QByteArray("0"));
    Settings s(m_db->connectionName());
    s.load();
    QVERIFY(!s.pacingEnabled());
    QCOMPARE(s.pacingMinDelayMs(), 0);
    QCOMPARE(s.pacingMaxDelayMs(), 0);
    QCOMPARE(s.typingMsPerChar(), 0);
    QCOMPARE(s.typingMaxMs(), 0);
    // The configured values are still there for when pacing comes back.
    QCOMPARE(s.value(QStringLiteral("pacing_min_delay_ms")).toInt(), 4000);
    ScopedEnv on("WAMATOR_PACING", QByteArray("1"));
    s.load();
    QVERIFY(s.pacingEnabled());
    QCOMPARE(s.pacingMinDelayMs(), 4000);
}

void TestSettings::changedSignal()
{
    Settings s(m_db->connectionName());
    s.load();
    QSignalSpy spy(&s, &Settings::changed);
    s.setPort(4100);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("port"));
    s.setPort(4100); // unchanged: no signal
    QCOMPARE(spy.count(), 1);
    s.setDefaultRegion(QStringLiteral("GB"));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("default_region"));
    try {
        s.setPort(-1);
    } catch (const DomainError &) {
    }
    QCOMPARE(spy.count(), 2);
    // load() reports what the environment changed.
    ScopedEnv qr("WAMATOR_QR_TIMEOUT_SECONDS", QByteArray("3"));
    s.load();
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(2).at(0).toString(), QStringLiteral("qr_timeout_seconds"));
}

void TestSettings::invalidValuesRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("port too big") << "port" << QVariant(70000);
    QTest::newRow("port negative") << "port" << QVariant(-1);
    QTest::newRow("port text") << "port" << QVariant(QStringLiteral("eighty"));
    QTest::newRow("port fraction") << "port" << QVariant(80.5);
    QTest::newRow("port bool") << "port" << QVariant(true);
    QTest::newRow("region unknown") << "default_region" << QVariant(QStringLiteral("XX"));
    QTest::newRow("region empty") << "default_region" << QVariant(QString());
    QTest::newRow("listen not an address")
        << "listen_address" << QVariant(QStringLiteral("example.com"));
    QTest::newRow("body too small") << "max_body_bytes" << QVariant(10);
    QTest::newRow("cors not an origin")
        << "cors_allowed_origins" << QVariant(QStringLiteral("ftp://x.example"));
    QTest::newRow("cors with path")
        << "cors_allowed_origins" << QVariant(QStringLiteral("https://x.example/app"));
    QTest::newRow("cors wildcard") << "cors_allowed_origins" << QVariant(QStringLiteral("*"));
    QTest::newRow("ua empty") << "user_agent" << QVariant(QStringLiteral("  "));
    QTest::newRow("ua newline") << "user_agent" << QVariant(QStringLiteral("Mozilla\r\nX-Evil: 1"));
    QTest::newRow("engine floor negative") << "engine_min_chromium" << QVariant(-1);
    QTest::newRow("qr zero") << "qr_timeout_seconds" << QVariant(0);
    QTest::newRow("bool garbage") << "pacing_enabled" << QVariant(QStringLiteral("maybe"));
    QTest::newRow("ttl too short") << "message_ttl_seconds" << QVariant(5);
    QTest::newRow("language") << "language" << QVariant(QStringLiteral("english"));
    QTest::newRow("unknown key") << "no_such_setting" << QVariant(1);
}

void TestSettings::invalidValuesRefused()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    Settings s(m_db->connectionName());
    s.load();
    QSignalSpy spy(&s, &Settings::changed);
    const QVariant before = s.value(key);
    const DomainError e = expectError([&] { s.setValue(key, value); });
    QCOMPARE(int(e.kind()), int(DomainError::Kind::Validation));
    QCOMPARE(e.code(), QStringLiteral("validation_failed"));
    QCOMPARE(e.details().value(QStringLiteral("field")).toString(), key);
    QCOMPARE(s.value(key), before);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(storedValue(*m_db, key), QStringLiteral("<none>"));
}

void TestSettings::pacingRangeConsistent()
{
    Settings s(m_db->connectionName());
    s.load();
    QCOMPARE(expectError([&] { s.setValue(QStringLiteral("pacing_min_delay_ms"), 20000); }).code(),
             QStringLiteral("validation_failed"));
    QCOMPARE(expectError([&] { s.setValue(QStringLiteral("pacing_max_delay_ms"), 100); }).code(),
             QStringLiteral("validation_failed"));
    s.setValue(QStringLiteral("pacing_max_delay_ms"), 30000);
    s.setValue(QStringLiteral("pacing_min_delay_ms"), 20000);
    QCOMPARE(s.pacingMinDelayMs(), 20000);
    QCOMPARE(s.pacingMaxDelayMs(), 30000);
}

void TestSettings::garbageInDatabaseIgnored()
{
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(
        QStringLiteral("INSERT INTO settings (key, value) VALUES ('port', 'not a number')")));
    QVERIFY(
        q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('future_setting', 'x')")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES "
                                  "('cors_allowed_origins', 'https://legacy.example')")));
    Settings s(m_db->connectionName());
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("ignoring the stored port")));
    s.load();
    QCOMPARE(s.port(), 3000);
    QCOMPARE(s.corsAllowedOrigins(), QStringList{QStringLiteral("https://legacy.example")});
    QVERIFY(!s.value(QStringLiteral("future_setting")).isValid());
    QCOMPARE(storedValue(*m_db, QStringLiteral("future_setting")), QStringLiteral("x"));
}

void TestSettings::everyKeyHasADefault()
{
    Settings s(m_db->connectionName());
    s.load();
    const QStringList keys = Settings::keys();
    QVERIFY(keys.size() >= 24);
    for (const QString &k : keys) {
        QVERIFY2(Settings::defaultValue(k).isValid(), qPrintable(k));
        QCOMPARE(s.value(k), Settings::defaultValue(k));
        // Writing the default back is always valid.
        try {
            s.setValue(k, Settings::defaultValue(k));
        } catch (const DomainError &e) {
            QFAIL(qPrintable(k + QStringLiteral(": ") + e.message()));
        }
    }
    // docs/configuration.md documents every key and environment variable.
    const QByteArray doc =
        readWholeFile(QStringLiteral(WAMATOR_SOURCE_DIR "/docs/configuration.md"));
    QVERIFY(!doc.isEmpty());
    for (const QString &k : keys) {
        QVERIFY2(doc.contains(QByteArray("`" + k.toUtf8() + "`")), qPrintable(k));
        const QString env = Settings::environmentVariable(k);
        if (!env.isEmpty())
            QVERIFY2(doc.contains(env.toUtf8()), qPrintable(env));
    }
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
