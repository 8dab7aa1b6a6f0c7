// Database + Migrations on real files: fresh, re-opened, too new, failing, not SQLite.

#include "DomainError.h"
#include "TestSupport.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

QString uniqueName()
{
    return QStringLiteral("mig-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A bare connection (no migrations) for arranging and inspecting files.
class RawDb
{
public:
    explicit RawDb(const QString &path) : m_name(uniqueName())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
    }
    ~RawDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql);
    }
    // The schema as SQLite stores it: equal strings ⇔ same tables, indexes, triggers.
    QString schema() const
    {
        QSqlQuery q(db());
        q.exec(QStringLiteral("SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM "
                              "sqlite_master ORDER BY name"));
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return out.join(QLatin1Char('\n'));
    }

private:
    QString m_name;
};

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyDatabaseGoesToLatest()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("wamator.sqlite"));
        Database db(path, uniqueName());
        db.open();
        QVERIFY(db.isOpen());
        QSqlDatabase c = db.connection();
        QCOMPARE(Migrations::currentVersion(c), Migrations::latestVersion());
        QVERIFY(Migrations::latestVersion() >= 1);
        for (const char *table : {"settings", "api_consumer", "api_keys", "app_users",
                                  "whatsapp_numbers", "plans", "subscriptions", "contact_lists",
                                  "sent_messages", "contact_words", "contact_search_terms"}) {
            QSqlQuery q(c);
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = ?"));
            q.addBindValue(QString::fromLatin1(table));
            QVERIFY(q.exec() && q.next());
            QVERIFY2(q.value(0).toInt() == 1, table);
        }
    }

    void reopeningIsANoOp()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("wamator.sqlite"));
        QString schemaBefore;
        {
            Database db(path, uniqueName());
            db.open();
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('k', 'v')")));
        }
        {
            RawDb raw(path);
            schemaBefore = raw.schema();
        }
        {
            Database db(path, uniqueName());
            db.open();
            QSqlDatabase c = db.connection();
            QCOMPARE(Migrations::currentVersion(c), Migrations::latestVersion());
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'k'")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("v"));
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            // Running the migrations again directly changes nothing either.
            Migrations::migrate(c);
        }
        RawDb raw(path);
        QCOMPARE(raw.schema(), schemaBefore);
    }

    void newerSchemaIsRefused()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("wamator.sqlite"));
        {
            Database db(path, uniqueName());
            db.open();
        }
        const int newer = Migrations::latestVersion() + 1;
        {
            RawDb raw(path);
            QVERIFY(raw.exec(QStringLiteral("UPDATE schema_version SET version = %1").arg(newer)));
        }
        Database db(path, uniqueName());
        try {
            db.open();
            QFAIL("a database from a newer Wamator was opened");
        } catch (const DomainError &e) {
            QCOMPARE(e.code(), QStringLiteral("schema_too_new"));
            QCOMPARE(e.kind(), DomainError::Kind::Unavailable);
            QVERIFY2(e.message().contains(QString::number(newer)), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("newer Wamator")), qPrintable(e.message()));
        }
        QVERIFY(!db.isOpen());
        RawDb raw(path);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT version FROM schema_version")).toInt(), newer);
    }

    void failingMigrationRollsBack()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("steps.sqlite"));
        RawDb raw(path);
        QSqlDatabase c = raw.db();
        const QList<Migrations::Migration> good{
            {1, "one", {QStringLiteral("CREATE TABLE a (x INTEGER)"),
                        QStringLiteral("INSERT INTO a (x) VALUES (1)")}},
        };
        Migrations::migrate(c, good);
        QCOMPARE(Migrations::currentVersion(c), 1);
        const QString schemaBefore = raw.schema();

        QList<Migrations::Migration> bad = good;
        bad.append({2, "two", {QStringLiteral("CREATE TABLE b (y INTEGER)"),
                               QStringLiteral("INSERT INTO a (x) VALUES (2)"),
                               QStringLiteral("INSERT INTO no_such_table VALUES (1)")}});
        try {
            Migrations::migrate(c, bad);
            QFAIL("a failing migration succeeded");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Internal);
            QVERIFY2(e.message().contains(QStringLiteral("migration 2")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("no_such_table")), qPrintable(e.message()));
        }
        QCOMPARE(Migrations::currentVersion(c), 1);
        QCOMPARE(raw.schema(), schemaBefore);
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM a")).toInt(), 1);
        // The connection is usable and not stuck in a transaction.
        QVERIFY(raw.exec(QStringLiteral("BEGIN")));
        QVERIFY(raw.exec(QStringLiteral("ROLLBACK")));
    }

    void failingFirstMigrationLeavesAnEmptyFileEmpty()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("empty.sqlite"));
        RawDb raw(path);
        QSqlDatabase c = raw.db();
        const QList<Migrations::Migration> bad{
            {1, "one", {QStringLiteral("CREATE TABLE a (x INTEGER)"), QStringLiteral("SELEKT 1")}},
        };
        QVERIFY(thrownKind(c, bad) == DomainError::Kind::Internal);
        QCOMPARE(raw.schema(), QString());
        QCOMPARE(Migrations::currentVersion(c), 0);
    }

    void nonSqliteFileIsRefused()
    {
        TempDataDir dir;
        const QString path = dir.file(QStringLiteral("wamator.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("This is a text file, not a database. ").repeated(100));
        }
        const QByteArray before = fileHash(path);
        Database db(path, uniqueName());
        try {
            db.open();
            QFAIL("a text file was opened as a database");
        } catch (const DomainError &e) {
            QCOMPARE(e.code(), QStringLiteral("database_unreadable"));
            QVERIFY2(e.message().contains(path), qPrintable(e.message()));
        }
        QVERIFY(!db.isOpen());
        QCOMPARE(fileHash(path), before);
    }

    void walAndForeignKeysAreOn()
    {
        TempDataDir dir;
        Database db(dir.file(QStringLiteral("wamator.sqlite")), uniqueName());
        db.open();
        auto check = [](QSqlDatabase c) {
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            QVERIFY(q.exec(QStringLiteral("PRAGMA mmap_size")) && q.next());
            QVERIFY(q.value(0).toLongLong() > 0);
            QVERIFY(q.exec(QStringLiteral("PRAGMA cache_size")) && q.next());
            QVERIFY(q.value(0).toInt() < -2000); // more than SQLite's 2 MB default
            // And enforced: a user of a vendor that does not exist is refused.
            QVERIFY(!q.exec(QStringLiteral("INSERT INTO app_users (api_consumer_id, name, email, "
                                           "created_at, updated_at) VALUES (999, 'n', 'e', 1, 1)")));
        };
        check(db.connection());
        const QString thread = db.openThreadConnection(QStringLiteral("worker"));
        check(QSqlDatabase::database(thread, false));
        Database::closeThreadConnection(thread);
    }

private:
    static std::optional<DomainError::Kind> thrownKind(QSqlDatabase &c,
                                                      const QList<Migrations::Migration> &list)
    {
        try {
            Migrations::migrate(c, list);
        } catch (const DomainError &e) {
            return e.kind();
        }
        return std::nullopt;
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
