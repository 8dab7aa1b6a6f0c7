// SqlSupport::Transaction on a real SQLite file shared by two connections (two threads), the way
// the API thread and the window's workers share the database.

#include "DomainError.h"
#include "TestSupport.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"

#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

class TestSqlTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A transaction that reads before it writes (ContactStore::removeMany, updateMany…) while
    // another connection holds the write lock and commits meanwhile. Begun DEFERRED, its read
    // took a snapshot that the other commit made stale, and its first write failed at once with
    // "database is locked" (SQLITE_BUSY_SNAPSHOT: the busy timeout cannot help). Begun
    // IMMEDIATE, it waits (busy timeout) for the lock before reading, and succeeds.
    void readThenWriteWhileAnotherConnectionCommits()
    {
        TempDataDir dir;
        Database database(dir.file(QStringLiteral("tx.sqlite")), QStringLiteral("tx-main"));
        database.open();
        QSqlDatabase db = database.connection();
        SqlSupport::exec(db, QStringLiteral("CREATE TABLE t (v INTEGER)"));

        std::atomic<bool> locked{false};
        std::atomic<bool> otherOk{false};
        std::thread other([&]() {
            const QString name = database.openThreadConnection(QStringLiteral("tx-other"));
            {
                QSqlDatabase odb = QSqlDatabase::database(name);
                QSqlQuery q(odb);
                bool ok = q.exec(QStringLiteral("BEGIN IMMEDIATE")) &&
                          q.exec(QStringLiteral("INSERT INTO t VALUES (1)"));
                locked = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                ok = ok && q.exec(QStringLiteral("COMMIT"));
                otherOk = ok;
            }
            Database::closeThreadConnection(name);
        });
        while (!locked)
            std::this_thread::yield();

        QString error;
        try {
            SqlSupport::Transaction tx(db);
            QSqlQuery count = SqlSupport::run(db, QStringLiteral("SELECT COUNT(*) FROM t"));
            count.next();
            const int before = count.value(0).toInt();
            count.finish();
            SqlSupport::exec(db, QStringLiteral("INSERT INTO t VALUES (%1)").arg(before + 10));
            tx.commit();
        } catch (const DomainError &e) {
            error = e.message();
        }
        other.join();
        QVERIFY(otherOk);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // It read after the other commit: its row is 1 + 10.
        QSqlQuery rows = SqlSupport::run(db, QStringLiteral("SELECT v FROM t ORDER BY v"));
        QList<int> values;
        while (rows.next())
            values << rows.value(0).toInt();
        QCOMPARE(values, (QList<int>{1, 11}));
    }

    void rollsBackWithoutCommit()
    {
        TempDataDir dir;
        Database database(dir.file(QStringLiteral("tx.sqlite")), QStringLiteral("tx-main2"));
        database.open();
        QSqlDatabase db = database.connection();
        SqlSupport::exec(db, QStringLiteral("CREATE TABLE t (v INTEGER)"));
        {
            SqlSupport::Transaction tx(db);
            SqlSupport::exec(db, QStringLiteral("INSERT INTO t VALUES (1)"));
        }
        QSqlQuery count = SqlSupport::run(db, QStringLiteral("SELECT COUNT(*) FROM t"));
        QVERIFY(count.next());
        QCOMPARE(count.value(0).toInt(), 0);
        // And the connection is usable for the next transaction.
        SqlSupport::Transaction tx(db);
        SqlSupport::exec(db, QStringLiteral("INSERT INTO t VALUES (2)"));
        tx.commit();
    }
};

QTEST_GUILESS_MAIN(TestSqlTransaction)
#include "tst_sqltransaction.moc"
