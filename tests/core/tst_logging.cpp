#include "TestSupport.h"
#include "platform/Logging.h"

#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QtTest>

Q_LOGGING_CATEGORY(lcTest, "wamator.test")

namespace {

QStringList lines(const QString &path)
{
    QStringList out = QString::fromUtf8(readWholeFile(path)).split(QLatin1Char('\n'));
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        Logging::shutdown();
        Logging::setRotation(5LL * 1024 * 1024, 5);
    }
    void writesFile();
    void manyThreads();
    void rotation();
    void unwritableDirectory();
    void secretsAreRedacted_data();
    void secretsAreRedacted();
    void filesAreOwnerOnly();
};

void TestLogging::writesFile()
{
    TempDataDir dir;
    const QString logs = dir.file(QStringLiteral("logs"));
    QVERIFY(Logging::init(logs, false));
    QCOMPARE(Logging::logFilePath(), logs + QStringLiteral("/wamator.log"));
    qCInfo(lcTest) << "hello" << 42;
    qCWarning(lcTest, "unicode ✓ %s", "ok");
    qCDebug(lcTest) << "debug is off by default";
    Logging::shutdown();
    const QStringList l = lines(logs + QStringLiteral("/wamator.log"));
    QCOMPARE(l.size(), 2);
    static const QRegularExpression re(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (info|warning) "
                       "wamator\\.test: (.*)$"));
    const auto m0 = re.match(l.at(0));
    QVERIFY2(m0.hasMatch(), qPrintable(l.at(0)));
    QCOMPARE(m0.captured(1), QStringLiteral("info"));
    QCOMPARE(m0.captured(2), QStringLiteral("hello 42"));
    const auto m1 = re.match(l.at(1));
    QVERIFY2(m1.hasMatch(), qPrintable(l.at(1)));
    QCOMPARE(m1.captured(1), QStringLiteral("warning"));
    QCOMPARE(m1.captured(2), QString::fromUtf8("unicode ✓ ok"));
    // After shutdown nothing more is written there.
    qCInfo(lcTest) << "after shutdown";
    QCOMPARE(lines(logs + QStringLiteral("/wamator.log")).size(), 2);
    // A second run appends.
    QVERIFY(Logging::init(logs, false));
    qCInfo(lcTest) << "second run";
    Logging::shutdown();
    QCOMPARE(lines(logs + QStringLiteral("/wamator.log")).size(), 3);
}

void TestLogging::manyThreads()
{
    TempDataDir dir;
    QVERIFY(Logging::init(dir.path(), false));
    constexpr int kThreads = 4;
    constexpr int kPerThread = 500;
    QList<QThread *> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads << QThread::create([t] {
            for (int i = 0; i < kPerThread; ++i)
                qCInfo(lcTest, "thread %d line %d end", t, i);
        });
        threads.last()->start();
    }
    for (QThread *t : threads) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    Logging::shutdown();
    const QStringList l = lines(dir.file(QStringLiteral("wamator.log")));
    QCOMPARE(l.size(), kThreads * kPerThread);
    // Every line whole: no interleaving.
    static const QRegularExpression re(
        QStringLiteral("^\\S+ info wamator\\.test: thread \\d line \\d+ end$"));
    for (const QString &line : l)
        QVERIFY2(re.match(line).hasMatch(), qPrintable(line));
}

void TestLogging::rotation()
{
    TempDataDir dir;
    Logging::setRotation(4000, 3);
    QVERIFY(Logging::init(dir.path(), false));
    const QString payload(80, QLatin1Char('x'));
    for (int i = 0; i < 400; ++i)
        qCInfo(lcTest, "line %04d %s", i, qPrintable(payload));
    Logging::shutdown();
    const QString base = dir.file(QStringLiteral("wamator.log"));
    QVERIFY(QFile::exists(base));
    QVERIFY(QFile::exists(base + QStringLiteral(".1")));
    QVERIFY(QFile::exists(base + QStringLiteral(".2")));
    QVERIFY(QFile::exists(base + QStringLiteral(".3")));
    QVERIFY(!QFile::exists(base + QStringLiteral(".4")));
    for (const QString &f : QStringList{base, base + QStringLiteral(".1"),
                                        base + QStringLiteral(".2"), base + QStringLiteral(".3")})
        QVERIFY2(QFileInfo(f).size() <= 4000, qPrintable(f));
    // The newest lines are in wamator.log, the ones just before in .1, and so on.
    const QStringList current = lines(base);
    QVERIFY(current.last().contains(QLatin1String("line 0399 ")));
    const QStringList previous = lines(base + QStringLiteral(".1"));
    const int lastOfPrevious = previous.last().section(QLatin1Char(' '), 4, 4).toInt();
    const int firstOfCurrent = current.first().section(QLatin1Char(' '), 4, 4).toInt();
    QCOMPARE(lastOfPrevious + 1, firstOfCurrent);
    // Old lines beyond the kept files are gone.
    QVERIFY(!lines(base + QStringLiteral(".3")).first().contains(QLatin1String("line 0000 ")));
}

void TestLogging::unwritableDirectory()
{
    TempDataDir dir;
    // Below a regular file: no directory can be created there, not even by root.
    const QString file = dir.file(QStringLiteral("a-file"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    // Falls back to stderr without crashing.
    QVERIFY(!Logging::init(file + QStringLiteral("/logs"), false));
    qCInfo(lcTest) << "still alive";
    Logging::shutdown();
    QCOMPARE(QFileInfo(file).size(), qint64(0));
}

void TestLogging::secretsAreRedacted_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("kept"); // what must still be there
    // QDebug of QHttpServerRequest: the headers as pairs.
    QTest::newRow("qdebug pairs")
        << QStringLiteral(
               "Request: QHttpServerRequest((Url: QUrl(\"http://127.0.0.1:5/users/list\"))"
               "(Headers: QList(std::pair(\"Host\",\"127.0.0.1:5\"), "
               "std::pair(\"x-api-key\",\"SECRET1\"), std::pair(\"X-Admin-Token\","
               "\"SECRET1\"), std::pair(\"Authorization\",\"Bearer SECRET1\"), "
               "std::pair(\"Cookie\",\"sid=SECRET1; b=SECRET1\"))))")
        << QStringLiteral("127.0.0.1:5");
    QTest::newRow("raw headers") << QStringLiteral(
                                        "x-api-key: SECRET1\r\nAuthorization: Basic SECRET1\r\n"
                                        "cookie: a=SECRET1; b=SECRET1\r\nAccept: */*")
                                 << QStringLiteral("Accept: */*");
    QTest::newRow("url query") << QStringLiteral(
                                      "QUrl(\"ws://127.0.0.1:5/events?api_key=SECRET1&x=1\")")
                               << QStringLiteral("x=1");
    QTest::newRow("json body")
        << QStringLiteral("{\"email\":\"a@b.c\",\"password\": \"SECRET1\",\"api_key\":\"SECRET1\"}")
        << QStringLiteral("a@b.c");
    QTest::newRow("json in qdebug quotes")
        << QStringLiteral("body \"{\\\"password\\\":\\\"SECRET1\\\",\\\"admin_token\\\":"
                          "\\\"SECRET1\\\",\\\"name\\\":\\\"Shop\\\"}\"")
        << QStringLiteral("Shop");
}

void TestLogging::secretsAreRedacted()
{
    QFETCH(QString, line);
    QFETCH(QString, kept);
    QVERIFY(line.contains(QLatin1String("SECRET1")));
    const QString r = Logging::redact(line);
    QVERIFY2(!r.contains(QLatin1String("SECRET1")), qPrintable(r));
    QVERIFY2(r.contains(QLatin1String("[redacted]")), qPrintable(r));
    QVERIFY2(r.contains(kept), qPrintable(r));

    // And through the handler, whoever logs it (debug on, as WAMATOR_DEBUG=1 does).
    TempDataDir dir;
    QVERIFY(Logging::init(dir.path(), false));
    QLoggingCategory::setFilterRules(QStringLiteral("wamator.test.debug=true"));
    qCDebug(lcTest).noquote() << line;
    qCWarning(lcTest) << line; // quoted and escaped by QDebug
    Logging::shutdown();
    QLoggingCategory::setFilterRules(QString());
    const QByteArray written = readWholeFile(dir.file(QStringLiteral("wamator.log")));
    QVERIFY(written.contains("[redacted]"));
    QVERIFY2(!written.contains("SECRET1"), written.constData());
    // Ordinary lines are left alone.
    QCOMPARE(Logging::redact(QStringLiteral("API key rotated for vendor 5; token count 3")),
             QStringLiteral("API key rotated for vendor 5; token count 3"));
}

void TestLogging::filesAreOwnerOnly()
{
    TempDataDir dir;
    const QString logs = dir.file(QStringLiteral("logs"));
    Logging::setRotation(2000, 2);
    QVERIFY(Logging::init(logs, false));
    for (int i = 0; i < 100; ++i)
        qCInfo(lcTest, "line %04d %s", i, qPrintable(QString(60, QLatin1Char('x'))));
    Logging::shutdown();
    const auto dirMode = QFileInfo(logs).permissions() &
                         (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                          QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther);
    QCOMPARE(int(dirMode), 0);
    for (const QString &name : {QStringLiteral("wamator.log"), QStringLiteral("wamator.log.1"),
                                QStringLiteral("wamator.log.2")}) {
        const QFileInfo f(logs + QLatin1Char('/') + name);
        QVERIFY2(f.exists(), qPrintable(name));
        QCOMPARE(int(f.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                        QFileDevice::ReadOther | QFileDevice::WriteOther)),
                 0);
    }
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
