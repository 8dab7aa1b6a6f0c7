#include "CoreServices.h"
#include "RawConnection.h"
#include "TestApiServer.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "security/Crypto.h"

#include <QJsonDocument>
#include <QSemaphore>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

// 5 failed logins for one email from one address within 15 minutes → 429 on login for that
// email from that address for 15 minutes; 50 failures from one address, whatever the emails,
// → 429 on login for the address.
class TestLoginThrottle : public QObject
{
    Q_OBJECT

    static QByteArray loginRequest(const QString &email, const QString &password)
    {
        const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("email"), email},
                                                          {QStringLiteral("password"), password}})
                                    .toJson(QJsonDocument::Compact);
        return "POST /vendors/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
               "application/json\r\nContent-Length: " +
               QByteArray::number(json.size()) + "\r\n\r\n" + json;
    }

    static HttpReply login(TestApiServer &s, const QString &email, const QString &password)
    {
        return s.client().post(
            QStringLiteral("/vendors/login"),
            QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
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

    // On loopback every local client is 127.0.0.1: guessing at one vendor must not lock
    // another out.
    void oneVendorsFailuresDoNotLockAnother()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(s, a.email, QStringLiteral("wrong-%1").arg(i)).status, 401);
        QCOMPARE(login(s, a.email, a.password).status, 429); // A is locked...
        const HttpReply r = login(s, b.email, b.password);   // ...B is not
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("api_key")).toString(), b.apiKey);
        // The email's spelling does not give A another five.
        QCOMPARE(login(s, QStringLiteral(" ") + a.email.toUpper(), a.password).status, 429);
    }

    // Spreading guesses over many emails still meets the per-address ceiling
    // (10 × login_max_failures).
    void addressCeilingStillTrips()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        s.core().settings().setValue(QStringLiteral("login_max_failures"), 2); // ceiling 20
        const auto v = s.registerVendor();
        for (int e = 0; e < 10; ++e) {
            for (int i = 0; i < 2; ++i) {
                const HttpReply r =
                    login(s, QStringLiteral("nobody%1@example.com").arg(e), QStringLiteral("x"));
                QCOMPARE(r.status, 401);
            }
        }
        // v has no failure of its own, but the address has 20.
        HttpReply r = login(s, v.email, v.password);
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
        QVERIFY(r.header("retry-after").toInt() > 0);
        Clock::setOffsetForTesting(15 * 60 * 1000 + 1000);
        QCOMPARE(login(s, v.email, v.password).status, 200);
    }

    // Passwords are verified off the serving thread, so many logins can be under way at once:
    // those under way count already, and the sixth of six simultaneous guesses is refused.
    void loginsUnderWayCount()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        // Verifications are held (shared state: a thread still inside when the test ends
        // touches nothing freed).
        const auto open = std::make_shared<QSemaphore>();
        Crypto::setPasswordWorkHookForTesting([open] { open->tryAcquire(1, 5000); });
        std::vector<std::unique_ptr<RawConnection>> guesses;
        for (int i = 0; i < 8; ++i) {
            guesses.push_back(std::make_unique<RawConnection>(s.port()));
            guesses.back()->send(loginRequest(v.email, QStringLiteral("guess %1").arg(i)));
        }
        const auto answered = [&] {
            int n = 0;
            for (auto &g : guesses)
                n += g->received().isEmpty() ? 0 : 1;
            return n;
        };
        // Three are refused at once, while five are being verified.
        QTRY_COMPARE_WITH_TIMEOUT(answered(), 3, 10000);
        open->release(1000);
        QList<int> statuses;
        for (auto &g : guesses)
            statuses << g->readReply(30000).status;
        Crypto::setPasswordWorkHookForTesting({});
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int>{401, 401, 401, 401, 401, 429, 429, 429}));
        QCOMPARE(login(s, v.email, v.password).status, 429);
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
