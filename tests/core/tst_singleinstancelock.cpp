#include "TestSupport.h"
#include "platform/SingleInstanceLock.h"

#include <QProcess>
#include <QtTest>

class TestSingleInstanceLock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lockAndRelease();
    void secondInstanceRefused();
    void otherProcessThenStale();
    void unwritableDataDir();
};

void TestSingleInstanceLock::lockAndRelease()
{
    TempDataDir dir;
    SingleInstanceLock lock(dir.path());
    QVERIFY(!lock.isLocked());
    QVERIFY(lock.tryLock());
    QVERIFY(lock.isLocked());
    QVERIFY(lock.tryLock()); // idempotent
    QVERIFY(QFile::exists(lock.lockFilePath()));
    lock.unlock();
    QVERIFY(!lock.isLocked());
    QVERIFY(!QFile::exists(lock.lockFilePath()));
}

void TestSingleInstanceLock::secondInstanceRefused()
{
    TempDataDir dir;
    SingleInstanceLock first(dir.path());
    QVERIFY(first.tryLock());
    {
        SingleInstanceLock second(dir.path());
        QVERIFY(!second.tryLock());
        QCOMPARE(second.otherPid(), QCoreApplication::applicationPid());
        QVERIFY2(second.errorMessage().contains(dir.path()), qPrintable(second.errorMessage()));
        QVERIFY2(
            second.errorMessage().contains(QString::number(QCoreApplication::applicationPid())),
            qPrintable(second.errorMessage()));
    }
    // The failed attempt did not remove the holder's lock.
    QVERIFY(QFile::exists(first.lockFilePath()));
    {
        SingleInstanceLock third(dir.path());
        QVERIFY(!third.tryLock());
    }
    first.unlock();
    SingleInstanceLock fourth(dir.path());
    QVERIFY(fourth.tryLock());
    QVERIFY(fourth.errorMessage().isEmpty());
}

void TestSingleInstanceLock::otherProcessThenStale()
{
    const QString childDir = qEnvironmentVariable("WAMATOR_LOCK_CHILD_DIR");
    if (!childDir.isEmpty()) {
        // Child: hold the lock until killed.
        SingleInstanceLock lock(childDir);
        if (!lock.tryLock()) {
            std::fprintf(stdout, "failed: %s\n", qPrintable(lock.errorMessage()));
            std::fflush(stdout);
            return;
        }
        std::fprintf(stdout, "locked\n");
        std::fflush(stdout);
        QThread::sleep(120);
        return;
    }

    TempDataDir dir;
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("WAMATOR_LOCK_CHILD_DIR"), dir.path());
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("otherProcessThenStale")});
    QVERIFY(child.waitForStarted());
    QByteArray out;
    while (!out.contains("locked\n") && !out.contains("failed:") && child.waitForReadyRead(30000))
        out += child.readAllStandardOutput();
    QVERIFY2(out.contains("locked\n"), out.constData());

    SingleInstanceLock lock(dir.path());
    QVERIFY(!lock.tryLock());
    QCOMPARE(lock.otherPid(), child.processId());
    QVERIFY(lock.errorMessage().contains(QString::number(child.processId())));

    // kill -9: the lock file stays behind, owned by a process that no longer runs.
    child.kill();
    QVERIFY(child.waitForFinished(30000));
    QVERIFY(QFile::exists(lock.lockFilePath()));
    QVERIFY2(lock.tryLock(), qPrintable(lock.errorMessage()));
    QVERIFY(lock.isLocked());
}

void TestSingleInstanceLock::unwritableDataDir()
{
    TempDataDir dir;
    // Below a regular file: no directory can be created there, not even by root.
    const QString file = dir.file(QStringLiteral("a-file"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    const QString bad = file + QStringLiteral("/data");
    SingleInstanceLock lock(bad);
    QVERIFY(!lock.tryLock());
    QVERIFY2(lock.errorMessage().contains(bad), qPrintable(lock.errorMessage()));
    QCOMPARE(lock.otherPid(), qint64(0));
    QVERIFY(!lock.isLocked());
}

QTEST_GUILESS_MAIN(TestSingleInstanceLock)
#include "tst_singleinstancelock.moc"
