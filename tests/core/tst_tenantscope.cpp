// TenantScope: the one spelling of the tenant clause, on a real SQLite file with two vendors'
// rows — the clause selects exactly the vendor's (and the user's) rows wherever its
// placeholders stand among the query's others.

#include "StoreFixture.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

#include <QTest>

class TestTenantScope : public QObject
{
    Q_OBJECT

    static QList<qint64> ids(QSqlQuery &q)
    {
        SqlSupport::exec(q);
        QList<qint64> out;
        while (q.next())
            out << q.value(0).toLongLong();
        return out;
    }

private Q_SLOTS:
    void spellsTheClause()
    {
        QCOMPARE(TenantScope::vendor(7).sql(), QStringLiteral("api_consumer_id = ?"));
        QCOMPARE(TenantScope::vendor(7, QStringLiteral("u")).sql(),
                 QStringLiteral("u.api_consumer_id = ?"));
        QCOMPARE(TenantScope::user(7, 9).sql(),
                 QStringLiteral("api_consumer_id = ? AND app_user_id = ?"));
        QCOMPARE(TenantScope::user(7, 9, QStringLiteral("c")).sql(),
                 QStringLiteral("c.api_consumer_id = ? AND c.app_user_id = ?"));
        QCOMPARE(TenantScope::vendor(7).values(), (QVariantList{7}));
        QCOMPARE(TenantScope::user(7, 9).values(), (QVariantList{7, 9}));
    }

    void selectsOnlyTheTenantsRows()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 a1 = fx.user(a, QStringLiteral("a1@x.com"));
        const qint64 a2 = fx.user(a, QStringLiteral("a2@x.com"));
        const qint64 b1 = fx.user(b, QStringLiteral("b1@x.com"));
        QSqlDatabase db = SqlSupport::database(fx.conn());

        // Before other placeholders, with bind().
        const TenantScope ofA = TenantScope::vendor(a);
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("SELECT id FROM app_users WHERE %1 AND id > ? ORDER BY id")
                    .arg(ofA.sql()));
        ofA.bind(q);
        q.addBindValue(0);
        QCOMPARE(ids(q), (QList<qint64>{a1, a2}));

        // Between other placeholders, with bindAt(); an alias.
        const TenantScope ofB = TenantScope::vendor(b, QStringLiteral("u"));
        QSqlQuery r = SqlSupport::prepare(
            db, QStringLiteral("SELECT u.id FROM app_users u WHERE u.id >= ? AND %1 AND u.id <= ? "
                               "ORDER BY u.id")
                    .arg(ofB.sql()));
        r.bindValue(0, 0);
        QCOMPARE(ofB.bindAt(r, 1), 2);
        r.bindValue(2, b1 + 100);
        QCOMPARE(ids(r), (QList<qint64>{b1}));

        // A user's rows (contacts): the user's id counts only with its own vendor.
        ContactStore contacts(fx.conn());
        for (const qint64 user : {a1, a2, b1}) {
            Contact c;
            c.name = QStringLiteral("C");
            c.phoneNumber =
                QStringLiteral("23480310000%1").arg(user % 100, 2, 10, QLatin1Char('0'));
            QCOMPARE(contacts.addMany(user == b1 ? b : a, user, {c}).added.size(), 1);
        }
        const auto owners = [&](const TenantScope &scope) {
            QSqlQuery u = SqlSupport::run(
                db, QStringLiteral("SELECT app_user_id FROM contact_lists WHERE ") + scope.sql(),
                scope.values());
            QList<qint64> out;
            while (u.next())
                out << u.value(0).toLongLong();
            return out;
        };
        QCOMPARE(owners(TenantScope::user(a, a2)), (QList<qint64>{a2}));
        QCOMPARE(owners(TenantScope::user(b, b1)), (QList<qint64>{b1}));
        QVERIFY(owners(TenantScope::user(b, a2)).isEmpty());
        QVERIFY(owners(TenantScope::user(a, b1)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTenantScope)
#include "tst_tenantscope.moc"
