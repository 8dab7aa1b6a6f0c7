// SqlBulkInsert: the direct SQLite path binds every supported type exactly like Qt would,
// reports conflicts and errors, and is really used on this platform.

#include "DomainError.h"
#include "StoreFixture.h"
#include "storage/SqlBulkInsert.h"

#include <QSqlQuery>
#include <QTest>

class TestSqlBulkInsert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void directOnDebian()
    {
        // Debian's Qt SQLite driver uses the system libsqlite3 we link: the fast path must be
        // taken (if this fails on another platform, the Qt path still works but is slower).
        StoreFixture fx;
        SqlBulkInsert insert(fx.database().connection(), QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), 2);
        QVERIFY(insert.isDirect());
    }

    void bindsEveryType()
    {
        StoreFixture fx;
        QSqlDatabase db = fx.database().connection();
        QSqlQuery setup(db);
        QVERIFY(setup.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INTEGER, "
                                          "d REAL, b INTEGER, z TEXT, u TEXT UNIQUE)")));
        SqlBulkInsert insert(db, QStringLiteral("INSERT INTO t (s, n, d, b, z, u) VALUES (?, ?, ?, ?, ?, ?) "
                                                "ON CONFLICT (u) DO NOTHING"), 6);
        const QString text = QStringLiteral("Ünïcödé 😀 'quote' \"dq\"");
        for (int row = 0; row < 3; ++row) {
            insert.bind(0, row == 0 ? QVariant(text) : QVariant(QStringLiteral("lit")));
            insert.bind(1, qint64(1) << 40);
            insert.bind(2, 2.5);
            insert.bind(3, true);
            insert.bind(4, row == 0 ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString()));
            insert.bind(5, row == 2 ? QStringLiteral("u0") : QStringLiteral("u%1").arg(row));
            insert.exec();
            QCOMPARE(insert.changes(), row == 2 ? 0 : 1);
            if (row < 2)
                QCOMPARE(insert.lastInsertId(), qint64(row + 1));
        }
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT s, n, d, b, z IS NULL, typeof(n), typeof(d) FROM t ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), text);
        QCOMPARE(q.value(1).toLongLong(), qint64(1) << 40);
        QCOMPARE(q.value(2).toDouble(), 2.5);
        QCOMPARE(q.value(3).toInt(), 1);
        QVERIFY(q.value(4).toBool());
        QCOMPARE(q.value(5).toString(), QStringLiteral("integer"));
        QCOMPARE(q.value(6).toString(), QStringLiteral("real"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("lit"));
        QVERIFY(q.value(4).toBool()); // null QString → NULL
        QVERIFY(!q.next());
    }

    void bindsUtf8InPlace()
    {
        StoreFixture fx;
        QSqlDatabase db = fx.database().connection();
        QSqlQuery setup(db);
        QVERIFY(setup.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)")));
        SqlBulkInsert insert(db, QStringLiteral("INSERT INTO t (s) VALUES (?)"), 1);
        const QString text = QStringLiteral("[\"Ünïcödé 😀\",\"b\\\"ags\"]");
        QByteArray buffer = text.toUtf8();
        insert.bindUtf8(0, buffer);
        insert.exec();
        buffer = QByteArray(); // an empty (null) array binds empty text, not NULL
        insert.bindUtf8(0, buffer);
        insert.exec();
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT s, typeof(s), length(s) FROM t ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), text);
        QCOMPARE(q.value(1).toString(), QStringLiteral("text"));
        QCOMPARE(q.value(2).toInt(), int(text.toUcs4().size())); // stored as text, not bytes
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QString());
        QCOMPARE(q.value(1).toString(), QStringLiteral("text"));
        QVERIFY(!q.next());
    }

    void errorsAreDomainErrors()
    {
        StoreFixture fx;
        QSqlDatabase db = fx.database().connection();
        SqlBulkInsert insert(db, QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"), 2);
        insert.bind(0, QStringLiteral("k"));
        insert.bind(1, QVariant());
        try {
            insert.exec();
            QFAIL("NOT NULL violation accepted");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Internal);
            QVERIFY2(e.message().contains(QStringLiteral("NOT NULL")), qPrintable(e.message()));
        }
        // The statement is usable again after the failure.
        insert.bind(0, QStringLiteral("k"));
        insert.bind(1, QStringLiteral("v"));
        insert.exec();
        QCOMPARE(fx.scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'k'")).toString(), QStringLiteral("v"));
        QVERIFY(thrown([&] { SqlBulkInsert bad(db, QStringLiteral("INSERT INTO nowhere VALUES (?)"), 1); })->kind()
                == DomainError::Kind::Internal);
    }
};

QTEST_GUILESS_MAIN(TestSqlBulkInsert)
#include "tst_sqlbulkinsert.moc"
