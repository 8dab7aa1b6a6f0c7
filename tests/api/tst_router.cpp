#include "Router.h"

#include <QTest>

// Router: which route a method and path reach, 404 vs 405 (with the Allow list), parameters,
// and the path aliases api.md keeps. The literal-path table (a fast path) must answer exactly
// what the general matcher answers; percent-escapes force the general way, so each case is
// checked both ways.
class TestRouter : public QObject
{
    Q_OBJECT
    using M = QHttpServerRequest::Method;

    static Router makeRouter()
    {
        Router r;
        const auto h = [](ApiRequest &) { return ApiResponse(); };
        r.add(M::Get, QStringLiteral("/users/list"), Router::Access::Vendor, h);
        r.add(M::Get, QStringLiteral("/users/:id"), Router::Access::Vendor, h);
        r.add(M::Put, QStringLiteral("/users/:id"), Router::Access::Vendor, h);
        r.add(M::Delete, QStringLiteral("/users/:id"), Router::Access::Vendor, h);
        r.add(M::Post, QStringLiteral("/contacts/:userId/batch-update"), Router::Access::Vendor, h);
        r.add(M::Put, QStringLiteral("/contacts/:userId/:id"), Router::Access::Vendor, h);
        r.add(M::Get, QStringLiteral("/whatsapp-numbers/:userId/list"), Router::Access::Vendor, h);
        r.add(M::Get, QStringLiteral("/health"), Router::Access::Public, h);
        r.add(M::Get, QStringLiteral("/metrics"), Router::Access::LoopbackOrAdmin, h);
        r.add(M::Post, QStringLiteral("/admin/plans"), Router::Access::Admin, h);
        r.add(M::Get, QStringLiteral("/admin/plans"), Router::Access::Admin, h);
        return r;
    }

    // The same path with its first letter percent-encoded: the general matcher's answer.
    static QString viaGeneral(const QString &path)
    {
        for (int i = 0; i < path.size(); ++i) {
            const QChar c = path.at(i);
            if (c.isLetter())
                return path.left(i) +
                       QStringLiteral("%%1").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper() +
                       path.mid(i + 1);
        }
        return path;
    }

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<int>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("pattern"); // empty: no route for this method
        QTest::addColumn<bool>("pathExists");
        QTest::addColumn<QString>("allowed");
        QTest::newRow("literal") << int(M::Get) << "/users/list"
                                 << "/users/list" << true << "GET";
        QTest::newRow("literal beats parameter") << int(M::Get) << "/users/list"
                                                 << "/users/list" << true << "GET";
        QTest::newRow("parameter") << int(M::Get) << "/users/42"
                                   << "/users/:id" << true << "GET,PUT,DELETE";
        QTest::newRow("literal path, other method is 405") << int(M::Delete) << "/users/list"
                                                           << "" << true << "GET";
        QTest::newRow("parameter path, other method is 405") << int(M::Post) << "/users/42"
                                                             << "" << true << "GET,PUT,DELETE";
        QTest::newRow("unknown path is 404") << int(M::Get) << "/nope"
                                             << "" << false << "";
        QTest::newRow("too deep is 404") << int(M::Get) << "/users/42/x"
                                         << "" << false << "";
        QTest::newRow("later literal segment wins")
            << int(M::Post) << "/contacts/7/batch-update"
            << "/contacts/:userId/batch-update" << true << "POST";
        QTest::newRow("batch-update is not an id") << int(M::Put) << "/contacts/7/batch-update"
                                                   << "" << true << "POST";
        QTest::newRow("double leading slash alias")
            << int(M::Get) << "//whatsapp-numbers/3/list"
            << "/whatsapp-numbers/:userId/list" << true << "GET";
        QTest::newRow("one trailing slash") << int(M::Get) << "/users/list/"
                                            << "/users/list" << true << "GET";
        QTest::newRow("two trailing slashes") << int(M::Get) << "/users/list//"
                                              << "" << false << "";
        QTest::newRow("empty middle segment") << int(M::Get) << "/users//list"
                                              << "" << false << "";
        QTest::newRow("case matters") << int(M::Get) << "/Users/list"
                                      << "" << false << "";
        QTest::newRow("two methods, one path") << int(M::Post) << "/admin/plans"
                                               << "/admin/plans" << true << "POST,GET";
    }
    void matches()
    {
        QFETCH(int, method);
        QFETCH(QString, path);
        QFETCH(QString, pattern);
        QFETCH(bool, pathExists);
        QFETCH(QString, allowed);
        const Router router = makeRouter();
        for (const QString &p : {path, viaGeneral(path)}) {
            const Router::Match m = router.match(M(method), p);
            QCOMPARE(m.pattern, pattern);
            QCOMPARE(m.handler != nullptr, !pattern.isEmpty());
            QCOMPARE(m.pathExists, pathExists);
            QStringList want = allowed.isEmpty() ? QStringList() : allowed.split(QLatin1Char(','));
            QStringList got = m.allowedMethods;
            want.sort();
            got.sort();
            QCOMPARE(got, want);
        }
    }

    void parametersAreDecodedPerSegment()
    {
        const Router router = makeRouter();
        Router::Match m = router.match(M::Put, QStringLiteral("/contacts/12/%C3%A9mile%2Fx"));
        QCOMPARE(m.pattern, QStringLiteral("/contacts/:userId/:id"));
        QCOMPARE(m.params.value(QStringLiteral("userId")), QStringLiteral("12"));
        // An encoded '/' stays inside its segment; UTF-8 escapes are decoded.
        QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("émile/x"));
        m = router.match(M::Get, QStringLiteral("/users/42"));
        QCOMPARE(m.params.value(QStringLiteral("id")), QStringLiteral("42"));
        QVERIFY(router.match(M::Get, QStringLiteral("/users/list")).params.isEmpty());
    }

    void accessComesWithTheRoute()
    {
        const Router router = makeRouter();
        QCOMPARE(router.match(M::Get, QStringLiteral("/health")).access, Router::Access::Public);
        QCOMPARE(router.match(M::Get, QStringLiteral("/metrics")).access,
                 Router::Access::LoopbackOrAdmin);
        QCOMPARE(router.match(M::Get, QStringLiteral("/admin/plans")).access,
                 Router::Access::Admin);
        QCOMPARE(router.match(M::Get, QStringLiteral("/users/1")).access, Router::Access::Vendor);
    }

    void routesListsEveryRegistration()
    {
        const Router router = makeRouter();
        const auto routes = router.routes();
        QCOMPARE(routes.size(), 11);
        QVERIFY(routes.contains(qMakePair(QStringLiteral("DELETE"), QStringLiteral("/users/:id"))));
        QVERIFY(routes.contains(qMakePair(QStringLiteral("POST"), QStringLiteral("/admin/plans"))));
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
