#include "TestApiServer.h"

#include <QTest>

// Who may call what: vendor keys (x-api-key, Bearer), the admin token, 404 before 401.
class TestAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vendorRoutesNeedAKey()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        HttpReply r = s.client().get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("api_key_required"));
        QCOMPARE(r.object().keys(), QStringList{QStringLiteral("error")});

        r = s.vendorClient(QString(64, QLatin1Char('a'))).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));

        r = s.client().get(QStringLiteral("/vendors/me"), {{"x-api-key", QByteArray(5000, 'x')}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));

        r = s.client().post(QStringLiteral("/vendors/rotate-key"));
        QCOMPARE(r.status, 401);
        r = s.client().put(QStringLiteral("/vendors/update"), QJsonObject{{QStringLiteral("id"), 1}});
        QCOMPARE(r.status, 401);
    }

    void keyInHeaderOrBearer()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        QVERIFY(v.id > 0);
        HttpReply r = s.vendorClient(v.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("id")).toInteger(), v.id);

        r = s.client().get(QStringLiteral("/vendors/me"),
                           {{"Authorization", "Bearer " + v.apiKey.toUtf8()}});
        QCOMPARE(r.status, 200);
        r = s.client().get(QStringLiteral("/vendors/me"),
                           {{"authorization", "bearer " + v.apiKey.toUtf8()}});
        QCOMPARE(r.status, 200);

        r = s.client().get(QStringLiteral("/vendors/me"), {{"Authorization", "Bearer nope"}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));
        // Basic auth is not a key.
        r = s.client().get(QStringLiteral("/vendors/me"), {{"Authorization", "Basic Zm9vOmJhcg=="}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("api_key_required"));
    }

    void adminRoutesNeedTheAdminToken()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        for (const QString &path : {QStringLiteral("/admin/plans"), QStringLiteral("/admin/vendors"),
                                    QStringLiteral("/admin/subscriptions")}) {
            HttpReply r = s.client().get(path);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("admin_token_required"));
            r = s.client().get(path, {{"x-admin-token", "not-the-token"}});
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_admin_token"));
            // A vendor key is not an admin token.
            r = s.vendorClient(v.apiKey).get(path);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("admin_token_required"));
            r = s.adminClient().get(path);
            QCOMPARE(r.status, 200);
        }
        const HttpReply r = s.client().post(QStringLiteral("/admin/plans"), QJsonObject{});
        QCOMPARE(r.status, 401);
    }

    void publicRoutesNeedNothing()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
        QCOMPARE(s.client().get(QStringLiteral("/ready")).status, 200);
        QCOMPARE(s.client().get(QStringLiteral("/openapi.json")).status, 200);
    }

    void unknownPathIs404EvenWithoutAKey()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/vendors/nothing-here"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
