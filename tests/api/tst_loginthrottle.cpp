#include "Clock.h"
#include "CoreServices.h"
#include "Settings.h"
#include "TestApiServer.h"

#include <QTest>

// 5 failed logins from one address within 15 minutes → 429 on login for 15 minutes.
class TestLoginThrottle : public QObject
{
    Q_OBJECT

    static HttpReply login(TestApiServer &s, const QString &email, const QString &password)
    {
        return s.client().post(QStringLiteral("/vendors/login"),
                               QJsonObject{{QStringLiteral("email"), email},
                                           {QStringLiteral("password"), password}});
    }

private Q_SLOTS:
    void cleanup() { Clock::setOffsetForTesting(0); }

    void banAfterFiveFailures()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        for (int i = 0; i < 5; ++i) {
            const HttpReply r = login(s, v.email, QStringLiteral("wrong-%1").arg(i));
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), QStringLiteral("invalid_credentials"));
        }
        // Banned now: even the right password.
        HttpReply r = login(s, v.email, v.password);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
        const int retryAfter = r.header("retry-after").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 900, r.header("retry-after").constData());
        QVERIFY(!r.body.contains(v.apiKey.toUtf8()));

        // Other requests with a valid key keep working, and so does registering.
        QCOMPARE(s.vendorClient(v.apiKey).get(QStringLiteral("/vendors/me")).status, 200);
        QVERIFY(s.registerVendor().id > 0);

        // Still banned a little before the end...
        Clock::setOffsetForTesting(14 * 60 * 1000);
        r = login(s, v.email, v.password);
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("retry-after").toInt() <= 60);
        // ...and free after 15 minutes.
        Clock::setOffsetForTesting(15 * 60 * 1000 + 1000);
        r = login(s, v.email, v.password);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("api_key")).toString(), v.apiKey);
    }

    void failuresOutsideTheWindowDoNotCount()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        for (int i = 0; i < 4; ++i)
            QCOMPARE(login(s, v.email, QStringLiteral("bad")).status, 401);
        Clock::setOffsetForTesting(16 * 60 * 1000);
        QCOMPARE(login(s, v.email, QStringLiteral("bad")).status, 401);
        QCOMPARE(login(s, v.email, v.password).status, 200);
        // Four more inside the new window make five → banned.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(login(s, v.email, QStringLiteral("bad")).status, 401);
        QCOMPARE(login(s, v.email, QStringLiteral("bad")).status, 401);
        QCOMPARE(login(s, v.email, v.password).status, 429);
    }

    void successDoesNotResetTheCount()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto mine = s.registerVendor();
        const auto victim = s.registerVendor();
        for (int i = 0; i < 4; ++i)
            QCOMPARE(login(s, victim.email, QStringLiteral("guess")).status, 401);
        QCOMPARE(login(s, mine.email, mine.password).status, 200);
        QCOMPARE(login(s, victim.email, QStringLiteral("guess")).status, 401);
        QCOMPARE(login(s, victim.email, victim.password).status, 429);
    }

    void validationErrorsAreNotFailures()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        for (int i = 0; i < 10; ++i)
            QCOMPARE(s.client().post(QStringLiteral("/vendors/login"), QJsonObject{}).status, 400);
        QCOMPARE(login(s, v.email, v.password).status, 200);
    }

    void limitsComeFromSettings()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.core().settings().setValue(QStringLiteral("login_max_failures"), 2);
        s.core().settings().setValue(QStringLiteral("login_ban_seconds"), 60);
        const auto v = s.registerVendor();
        QCOMPARE(login(s, v.email, QStringLiteral("x")).status, 401);
        QCOMPARE(login(s, v.email, QStringLiteral("x")).status, 401);
        const HttpReply r = login(s, v.email, v.password);
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("retry-after").toInt() <= 60);
        Clock::setOffsetForTesting(61 * 1000);
        QCOMPARE(login(s, v.email, v.password).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
