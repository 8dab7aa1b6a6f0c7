#include "Logging.h"
#include "TestSupport.h"

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

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
