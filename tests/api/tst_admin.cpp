#include "CoreServices.h"
#include "DomainError.h"
#include "RoutesFixture.h"
#include "TestApiServer.h"
#include "accounts/AppUserStore.h"
#include "accounts/SubscriptionStore.h"
#include "platform/Clock.h"

#include <QTest>

// The operator API: plans, subscriptions, vendors (x-admin-token; the 401s are in tst_auth).
class TestAdmin : public QObject
{
    Q_OBJECT

    static qint64 makeUser(TestApiServer &s, qint64 vendorId)
    {
        AppUser u;
        u.name = QStringLiteral("User");
        static int counter = 0;
        u.email = QStringLiteral("user%1@example.com").arg(++counter);
        return s.core().users().create(vendorId, u).id;
    }

private Q_SLOTS:
    void plans()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        HttpClient admin = s.adminClient();
        HttpReply r = admin.post(QStringLiteral("/admin/plans"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Basic")},
                                             {QStringLiteral("max_phone_numbers"), 2},
                                             {QStringLiteral("max_messages"), 500}});
        QCOMPARE(r.status, 201);
        const QJsonObject plan = r.value(QStringLiteral("plan")).toObject();
        QVERIFY(plan.value(QStringLiteral("id")).toInteger() > 0);
        QCOMPARE(plan.value(QStringLiteral("name")).toString(), QStringLiteral("Basic"));
        QCOMPARE(plan.value(QStringLiteral("max_phone_numbers")).toInt(), 2);
        QCOMPARE(plan.value(QStringLiteral("max_messages")).toInt(), 500);
        QCOMPARE(plan.value(QStringLiteral("period_days")).toInt(), 30);

        r = admin.post(QStringLiteral("/admin/plans"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("Weekly")},
                                   {QStringLiteral("max_phone_numbers"), 1},
                                   {QStringLiteral("max_messages"), 10},
                                   {QStringLiteral("period_days"), 7}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.value(QStringLiteral("plan")).toObject().value(QStringLiteral("period_days")).toInt(), 7);

        r = admin.get(QStringLiteral("/admin/plans"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("plans")).toArray().size(), 2);
        QCOMPARE(r.value(QStringLiteral("plans")).toArray().at(0).toObject(), plan);
    }

    void planValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("no name") << "name" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no max numbers") << "max_phone_numbers" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("negative numbers") << "max_phone_numbers" << QJsonValue(-1);
        QTest::newRow("fractional") << "max_messages" << QJsonValue(1.5);
        QTest::newRow("string messages") << "max_messages" << QJsonValue(QStringLiteral("100"));
        QTest::newRow("zero period") << "period_days" << QJsonValue(0);
        QTest::newRow("name object") << "name" << QJsonValue(QJsonObject{});
    }
    void planValidation()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        TestApiServer s;
        QVERIFY(s.isValid());
        QJsonObject body{{QStringLiteral("name"), QStringLiteral("P")},
                         {QStringLiteral("max_phone_numbers"), 1},
                         {QStringLiteral("max_messages"), 1}};
        if (value.isUndefined())
            body.remove(field);
        else
            body.insert(field, value);
        const HttpReply r = s.adminClient().post(QStringLiteral("/admin/plans"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), field);
    }

    void subscriptions()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const qint64 userA = makeUser(s, v.id);
        const qint64 userB = makeUser(s, v.id);
        const qint64 plan = s.createPlan(3, 100);
        const qint64 plan2 = s.createPlan(5, 1000);
        HttpClient admin = s.adminClient();
        const QString endsAt = Clock::toIso(Clock::nowMs() + 30LL * 86400000);
        HttpReply r = admin.post(QStringLiteral("/admin/subscriptions"),
                                 QJsonObject{{QStringLiteral("app_user_id"), userA},
                                             {QStringLiteral("plan_id"), plan},
                                             {QStringLiteral("ends_at"), endsAt}});
        QCOMPARE(r.status, 201);
        QJsonObject sub = r.value(QStringLiteral("subscription")).toObject();
        const qint64 subId = sub.value(QStringLiteral("id")).toInteger();
        QVERIFY(subId > 0);
        QCOMPARE(sub.value(QStringLiteral("app_user_id")).toInteger(), userA);
        QCOMPARE(sub.value(QStringLiteral("plan_id")).toInteger(), plan);
        QCOMPARE(sub.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(sub.value(QStringLiteral("ends_at")).toString(), endsAt);

        r = admin.post(QStringLiteral("/admin/subscriptions"),
                       QJsonObject{{QStringLiteral("app_user_id"), userB},
                                   {QStringLiteral("plan_id"), plan},
                                   {QStringLiteral("ends_at"), endsAt},
                                   {QStringLiteral("status"), QStringLiteral("suspended")}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.value(QStringLiteral("subscription")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("suspended"));

        r = admin.get(QStringLiteral("/admin/subscriptions"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("subscriptions")).toArray().size(), 2);
        r = admin.get(QStringLiteral("/admin/subscriptions?app_user_id=%1").arg(userA));
        QCOMPARE(r.value(QStringLiteral("subscriptions")).toArray().size(), 1);
        QCOMPARE(r.value(QStringLiteral("subscriptions")).toArray().at(0).toObject(), sub);
        r = admin.get(QStringLiteral("/admin/subscriptions?app_user_id=abc"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("app_user_id"));

        // PATCH each field.
        const QString later = Clock::toIso(Clock::nowMs() + 60LL * 86400000);
        r = admin.patch(QStringLiteral("/admin/subscriptions/%1").arg(subId),
                        QJsonObject{{QStringLiteral("status"), QStringLiteral("cancelled")},
                                    {QStringLiteral("ends_at"), later},
                                    {QStringLiteral("plan_id"), plan2}});
        QCOMPARE(r.status, 200);
        sub = r.value(QStringLiteral("subscription")).toObject();
        QCOMPARE(sub.value(QStringLiteral("status")).toString(), QStringLiteral("cancelled"));
        QCOMPARE(sub.value(QStringLiteral("ends_at")).toString(), later);
        QCOMPARE(sub.value(QStringLiteral("plan_id")).toInteger(), plan2);

        r = admin.patch(QStringLiteral("/admin/subscriptions/999999"),
                        QJsonObject{{QStringLiteral("status"), QStringLiteral("active")}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QStringLiteral("not_found"));
        r = admin.patch(QStringLiteral("/admin/subscriptions/%1").arg(subId),
                        QJsonObject{{QStringLiteral("status"), QStringLiteral("paused")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("status"));
        // #13: null is no value, like "" (docs/api.md "Validation"); a subscription needs a
        // status, so both are refused (null used to be ignored, "" refused).
        for (const QJsonValue &none : {QJsonValue(QJsonValue::Null), QJsonValue(QString())}) {
            r = admin.patch(QStringLiteral("/admin/subscriptions/%1").arg(subId),
                            QJsonObject{{QStringLiteral("status"), none}});
            QCOMPARE(r.status, 400);
            QCOMPARE(r.errorField(), QStringLiteral("status"));
        }
        r = admin.patch(QStringLiteral("/admin/subscriptions/%1").arg(subId),
                        QJsonObject{{QStringLiteral("plan_id"), 987654}});
        QCOMPARE(r.status, 404);
    }

    // An operator ends a subscription early by moving ends_at into the past, even before its
    // starts_at (one created a minute ago). From then on it is expired for every check.
    void endingASubscriptionEarly()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 5, 100);
        addContacts(t, QJsonArray{contact(QStringLiteral("A"), QStringLiteral("08031111111"))});
        const QJsonObject send{
            {QStringLiteral("user_id"), t.userId},
            {QStringLiteral("contacts"),
             QJsonArray{QJsonObject{{QStringLiteral("number"), QStringLiteral("08031111111")}}}},
            {QStringLiteral("message"), QStringLiteral("Hi")}};
        const QString addNumber = QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId);
        EXPECT_STATUS(t.http.post(QStringLiteral("/messages"), send), 200);
        EXPECT_STATUS(t.http.post(addNumber, QJsonObject{{"phone_number", "08030000001"}}), 201);

        HttpClient admin = s.adminClient();
        const qint64 subId =
            idOf(admin.get(QStringLiteral("/admin/subscriptions?app_user_id=%1").arg(t.userId))
                     .value(QStringLiteral("subscriptions"))
                     .toArray()
                     .at(0));
        QVERIFY(subId > 0);
        const QString past = Clock::toIso(Clock::nowMs() - 3600000);
        HttpReply r = admin.patch(QStringLiteral("/admin/subscriptions/%1").arg(subId),
                                  QJsonObject{{QStringLiteral("ends_at"), past}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value(QStringLiteral("subscription")).toObject().value("ends_at").toString(),
                 past);
        QCOMPARE(s.core().subscriptions().find(subId)->endsAt, Clock::fromIso(past));

        // The same answers as for a subscription that ran out by itself.
        EXPECT_ERROR(t.http.post(QStringLiteral("/messages"), send), 403, "subscription_required");
        EXPECT_ERROR(t.http.post(addNumber, QJsonObject{{"phone_number", "08030000002"}}), 403,
                     "subscription_required");
        QVERIFY(!s.core().subscriptions().active(t.vendor.id, t.userId, Clock::nowMs()));

        // A future ends_at must still lie after starts_at.
        const auto sub = s.core().subscriptions().find(subId);
        Subscription future = *sub;
        future.startsAt = Clock::nowMs() + 7LL * 86400000;
        future.endsAt = Clock::nowMs() + 86400000;
        QVERIFY_THROWS_EXCEPTION(DomainError, s.core().subscriptions().update(future));

        // Extending it again makes it active again.
        EXPECT_STATUS(admin.patch(QStringLiteral("/admin/subscriptions/%1").arg(subId),
                                  QJsonObject{{QStringLiteral("ends_at"),
                                               Clock::toIso(Clock::nowMs() + 86400000)}}),
                      200);
        EXPECT_STATUS(t.http.post(QStringLiteral("/messages"), send), 200);
    }

    void subscriptionErrors()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const qint64 user = makeUser(s, v.id);
        const qint64 plan = s.createPlan();
        HttpClient admin = s.adminClient();
        const QString endsAt = Clock::toIso(Clock::nowMs() + 86400000);
        HttpReply r = admin.post(QStringLiteral("/admin/subscriptions"),
                                 QJsonObject{{QStringLiteral("app_user_id"), user},
                                             {QStringLiteral("plan_id"), 424242},
                                             {QStringLiteral("ends_at"), endsAt}});
        QCOMPARE(r.status, 404);
        r = admin.post(QStringLiteral("/admin/subscriptions"),
                       QJsonObject{{QStringLiteral("app_user_id"), 424242},
                                   {QStringLiteral("plan_id"), plan},
                                   {QStringLiteral("ends_at"), endsAt}});
        QCOMPARE(r.status, 404);
        r = admin.post(QStringLiteral("/admin/subscriptions"),
                       QJsonObject{{QStringLiteral("app_user_id"), user},
                                   {QStringLiteral("plan_id"), plan},
                                   {QStringLiteral("ends_at"), QStringLiteral("next tuesday")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("ends_at"));
        r = admin.post(QStringLiteral("/admin/subscriptions"),
                       QJsonObject{{QStringLiteral("app_user_id"), user},
                                   {QStringLiteral("plan_id"), plan},
                                   {QStringLiteral("ends_at"), Clock::toIso(Clock::nowMs() - 86400000)}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("ends_at"));
        r = admin.post(QStringLiteral("/admin/subscriptions"),
                       QJsonObject{{QStringLiteral("plan_id"), plan}, {QStringLiteral("ends_at"), endsAt}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("app_user_id"));
        r = admin.get(QStringLiteral("/admin/subscriptions/1"));
        QCOMPARE(r.status, 405);
    }

    void vendors()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        const HttpReply r = s.adminClient().get(QStringLiteral("/admin/vendors"));
        QCOMPARE(r.status, 200);
        const QJsonArray list = r.value(QStringLiteral("vendors")).toArray();
        QCOMPARE(list.size(), 2);
        QList<qint64> ids;
        for (const QJsonValue &v : list)
            ids << v.toObject().value(QStringLiteral("id")).toInteger();
        QVERIFY(ids.contains(a.id) && ids.contains(b.id));
        QVERIFY(!r.body.toLower().contains("password"));
        QVERIFY(!r.body.contains(a.apiKey.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
