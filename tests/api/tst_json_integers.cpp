// JSON numbers where the API wants an integer (ids, counts, a phone number written as a
// number): 1e300, -1e300, 1.5 and 9007199254740993 (beyond 2^53, where the double no longer
// says which integer was sent) are refused with 400 validation_failed naming the field —
// never a 5xx, never an undefined cast, never a lookup of a neighbouring id.

#include "RoutesFixture.h"

#include "CoreServices.h"
#include "accounts/SubscriptionStore.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"

class TestJsonIntegers : public QObject
{
    Q_OBJECT

    static QStringList notIntegers()
    {
        return {QStringLiteral("1e300"),
                QStringLiteral("-1e300"),
                QStringLiteral("1.5"),
                QStringLiteral("9007199254740993"),
                QStringLiteral("9007199254740992"),
                QStringLiteral("-9223372036854775809"),
                QStringLiteral("1e19")};
    }

    static HttpReply post(const HttpClient &c, const QString &path, const QString &body)
    {
        return c.request("POST", path, body.toUtf8());
    }

private Q_SLOTS:
    void idsInBodies()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        addContacts(t, QJsonArray{contact(QStringLiteral("A"), QStringLiteral("08031111111"))});
        const HttpClient admin = s.adminClient();
        const QString user = t.user();
        const QString plan = QString::number(t.planId);
        const QString endsAt = Clock::toIso(Clock::nowMs() + 86400000);

        struct Case
        {
            HttpClient client;
            QString path;
            QString body; // %1: the number under test
            QString field;
        };
        const QList<Case> cases{
            {t.http, QStringLiteral("/messages"),
             QStringLiteral(
                 "{\"user_id\": %1, \"contacts\": [\"08031111111\"], \"message\": \"Hi\"}"),
             QStringLiteral("user_id")},
            {t.http, QStringLiteral("/messages"),
             QStringLiteral("{\"user_id\": ") + user +
                 QStringLiteral(", \"from_number_id\": %1, \"contacts\": [\"08031111111\"], "
                                "\"message\": \"Hi\"}"),
             QStringLiteral("from_number_id")},
            {t.http, QStringLiteral("/messages"),
             QStringLiteral("{\"user_id\": ") + user +
                 QStringLiteral(", \"contacts\": [{\"number\": %1}], \"message\": \"Hi\"}"),
             QStringLiteral("contacts[0].number")},
            {admin, QStringLiteral("/admin/subscriptions"),
             QStringLiteral("{\"app_user_id\": %1, \"plan_id\": ") + plan +
                 QStringLiteral(", \"ends_at\": \"") + endsAt + QStringLiteral("\"}"),
             QStringLiteral("app_user_id")},
            {admin, QStringLiteral("/admin/subscriptions"),
             QStringLiteral("{\"app_user_id\": ") + user +
                 QStringLiteral(", \"plan_id\": %1, "
                                "\"ends_at\": \"") +
                 endsAt + QStringLiteral("\"}"),
             QStringLiteral("plan_id")},
            {admin, QStringLiteral("/admin/plans"),
             QStringLiteral("{\"name\": \"P\", \"max_phone_numbers\": %1, \"max_messages\": 10}"),
             QStringLiteral("max_phone_numbers")},
        };
        const int subscriptionsBefore = int(s.core().subscriptions().listForUser(0).size());
        for (const Case &c : cases) {
            for (const QString &n : notIntegers()) {
                const HttpReply r = post(c.client, c.path, c.body.arg(n));
                if (r.status != 400 || r.errorCode() != QLatin1String("validation_failed") ||
                    r.errorField() != c.field || !hasErrorShape(r))
                    QFAIL(qPrintable(QStringLiteral("%1 %2 = %3: expected 400 on %2, got %4")
                                         .arg(c.path, c.field, n, r.describe())));
            }
        }
        // Nothing was queued or created on the way.
        QCOMPARE(s.core().messages().countForQuota(t.vendor.id, t.userId, 0), 0);
        QCOMPARE(int(s.core().subscriptions().listForUser(0).size()), subscriptionsBefore);

        // The same ids written exactly still work (the checks are not simply refusing numbers).
        EXPECT_STATUS(post(t.http, QStringLiteral("/messages"),
                           QStringLiteral("{\"user_id\": %1, \"contacts\": [{\"number\": "
                                          "2348031111111}], \"message\": \"Hi\"}")
                               .arg(user)),
                      200);
        EXPECT_STATUS(post(t.http, QStringLiteral("/messages"),
                           QStringLiteral("{\"user_id\": %1.0, \"contacts\": [\"08031111111\"], "
                                          "\"message\": \"Hi\"}")
                               .arg(user)),
                      200);
    }
};

QTEST_GUILESS_MAIN(TestJsonIntegers)
#include "tst_json_integers.moc"
