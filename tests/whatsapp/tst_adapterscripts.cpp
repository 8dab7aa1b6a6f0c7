#include "AdapterScripts.h"
#include "TestSupport.h"
#include "WebEngineTestSupport.h"

#include <QDir>
#include <QFile>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

// The adapter override runs inside the WhatsApp page with the user's login: it is used only
// when nobody but this user could have written it.
class TestAdapterScripts : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    const QByteArray m_source = "/* override */ window.__overridden = true;";

    QString adapterDir() const { return m_dir->path() + QStringLiteral("/adapter"); }
    QString path() const { return AdapterScripts::overridePath(m_dir->path()); }

    void writeOverride(mode_t fileMode, mode_t dirMode = 0700)
    {
        QVERIFY(QDir().mkpath(adapterDir()));
        QFile f(path());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(m_source);
        f.close();
        // chmod, not the umask: the modes are exactly those under test.
        QCOMPARE(::chmod(QFile::encodeName(path()).constData(), fileMode), 0);
        QCOMPARE(::chmod(QFile::encodeName(adapterDir()).constData(), dirMode), 0);
    }

    QString used()
    {
        QString origin;
        const QString source = AdapterScripts::adapter(m_dir->path(), &origin);
        if (origin == path())
            [&] { QCOMPARE(source.toUtf8(), m_source); }();
        else
            [&] { QCOMPARE(source, AdapterScripts::builtInAdapter()); }();
        return origin;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(!AdapterScripts::builtInAdapter().isEmpty());
    }

    void noOverrideUsesTheBuiltInOne() { QCOMPARE(used(), QStringLiteral("built-in")); }

    void ownerOnlyOverrideIsUsed_data()
    {
        QTest::addColumn<int>("fileMode");
        QTest::addColumn<int>("dirMode");
        QTest::newRow("0600 in 0700") << 0600 << 0700;
        QTest::newRow("0644 in 0755") << 0644 << 0755;
        QTest::newRow("0400 in 0500") << 0400 << 0500;
    }
    void ownerOnlyOverrideIsUsed()
    {
        QFETCH(int, fileMode);
        QFETCH(int, dirMode);
        writeOverride(mode_t(fileMode), mode_t(dirMode));
        QCOMPARE(AdapterScripts::overrideProblem(path()), QString());
        QCOMPARE(used(), path());
        ::chmod(QFile::encodeName(adapterDir()).constData(), 0700); // let the cleanup in
    }

    void writableByOthersIsRefused_data()
    {
        QTest::addColumn<int>("fileMode");
        QTest::addColumn<int>("dirMode");
        QTest::newRow("file 0666") << 0666 << 0700;
        QTest::newRow("file 0620") << 0620 << 0700;
        QTest::newRow("file 0602") << 0602 << 0700;
        QTest::newRow("dir 0777") << 0600 << 0777;
        QTest::newRow("dir 1777") << 0600 << 01777;
        QTest::newRow("dir 0770") << 0600 << 0770;
    }
    void writableByOthersIsRefused()
    {
        QFETCH(int, fileMode);
        QFETCH(int, dirMode);
        writeOverride(mode_t(fileMode), mode_t(dirMode));
        QVERIFY(AdapterScripts::overrideProblem(path()).contains(QLatin1String("writable")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("refusing the adapter override")));
        QCOMPARE(used(), QStringLiteral("built-in"));
    }

    void symlinkIsRefused()
    {
        QVERIFY(QDir().mkpath(adapterDir()));
        const QString real = m_dir->path() + QStringLiteral("/elsewhere.js");
        QFile f(real);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_source);
        f.close();
        QVERIFY(QFile::link(real, path()));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("refusing the adapter override")));
        QCOMPARE(used(), QStringLiteral("built-in"));
    }

    void someoneElsesFileIsRefused()
    {
        if (::geteuid() != 0)
            QSKIP("changing a file's owner needs root");
        writeOverride(0600);
        QCOMPARE(::chown(QFile::encodeName(path()).constData(), 65534, 65534), 0);
        QVERIFY(AdapterScripts::overrideProblem(path()).contains(QLatin1String("owned by")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("refusing the adapter override")));
        QCOMPARE(used(), QStringLiteral("built-in"));
        // ... and so is a directory of someone else's.
        QCOMPARE(::chown(QFile::encodeName(path()).constData(), 0, 0), 0);
        QCOMPARE(::chown(QFile::encodeName(adapterDir()).constData(), 65534, 65534), 0);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("refusing the adapter override")));
        QCOMPARE(used(), QStringLiteral("built-in"));
    }
};

int main(int argc, char **argv)
{
    WebEngineTestSupport::prepareEnvironment(); // registers the whatsapp resources
    QCoreApplication app(argc, argv);
    TestAdapterScripts test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_adapterscripts.moc"
