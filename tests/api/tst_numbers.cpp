// /whatsapp-numbers (api.md "WhatsApp numbers"), including the //whatsapp-numbers alias.

#include "RoutesFixture.h"

#include "CoreServices.h"
#include "EventBus.h"
#include "numbers/DailySendCounter.h"
#include "numbers/NumberStore.h"
#include "outbox/SendWindowPolicy.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"

#include <QSignalSpy>

class TestNumbers : public QObject
{
    Q_OBJECT

    static QString addPath(qint64 user) { return QStringLiteral("/whatsapp-numbers/%1/add").arg(user); }

private Q_SLOTS:
    void cleanup() { Clock::setOffsetForTesting(0); }

    void addNumber()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        HttpReply r = t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "0803 123 4567"},
                                                                 {"label", "Front desk"},
                                                                 {"sandbox", true}});
        EXPECT_STATUS(r, 201);
        const QJsonObject n = r.value("number").toObject();
        QCOMPARE(n.keys(),
                 (QStringList{"app_user_id", "created_at", "daily_limit", "id", "is_active",
                              "label", "left_today", "phone_number", "sandbox", "sent_today",
                              "session_id", "state", "warmup_day"}));
        QCOMPARE(n.value("app_user_id").toInteger(), t.userId);
        QCOMPARE(n.value("phone_number").toString(), QStringLiteral("2348031234567"));
        QCOMPARE(n.value("label").toString(), QStringLiteral("Front desk"));
        QCOMPARE(n.value("sandbox").toBool(), true);
        QCOMPARE(n.value("is_active").toBool(), false);
        QCOMPARE(n.value("state").toString(), QStringLiteral("disconnected"));
        QCOMPARE(n.value("session_id").toString(),
                 QStringLiteral("%1-%2-2348031234567").arg(t.vendor.id).arg(t.userId));

        // Defaults: no label, not sandbox. The alias path works the same.
        r = t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "+14155550123"}});
        EXPECT_STATUS(r, 201);
        QVERIFY(r.value("number").toObject().value("label").isNull());
        QCOMPARE(r.value("number").toObject().value("sandbox").toBool(), false);
        QCOMPARE(r.value("number").toObject().value("phone_number").toString(), QStringLiteral("14155550123"));

        // Same phone twice under one vendor (even for another of its users) → 409.
        EXPECT_ERROR(t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "+2348031234567"}}),
                     409, "number_taken");
        const qint64 second = s.createUser(t.vendor.apiKey);
        s.subscribe(second, t.planId);
        EXPECT_ERROR(t.http.post(addPath(second), QJsonObject{{"phone_number", "08031234567"}}), 409,
                     "number_taken");
        // Another vendor may have the same phone.
        Tenant other = makeTenant(s);
        EXPECT_STATUS(other.http.post(addPath(other.userId), QJsonObject{{"phone_number", "08031234567"}}),
                      201);
    }

    void addValidation()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QString path = addPath(t.userId);
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{}), "phone_number");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"phone_number", "12345"}}), "phone_number");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"phone_number", "0803-ABC-4567"}}), "phone_number");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"phone_number", QJsonArray{}}}), "phone_number");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"phone_number", "08031234567"}, {"sandbox", "yes"}}),
                           "sandbox");
        EXPECT_FIELD_ERROR(t.http.post(path, QJsonObject{{"phone_number", "08031234567"}, {"label", 7}}),
                           "label");
        EXPECT_ERROR(t.http.request("POST", path, "{"), 400, "invalid_json");
        EXPECT_ERROR(t.http.post(addPath(t.userId + 999), QJsonObject{{"phone_number", "08031234567"}}),
                     404, "not_found");
        EXPECT_ERROR(s.client().post(path, QJsonObject{{"phone_number", "08031234567"}}), 401,
                     "api_key_required");
        EXPECT_ERROR(t.http.get(path), 405, "method_not_allowed");
        QCOMPARE(s.core().numbers().countForUser(t.vendor.id, t.userId), 0);
    }

    void subscriptionAndPlanLimit()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 2, 100, /*subscribe=*/false);
        const QString path = addPath(t.userId);
        EXPECT_ERROR(t.http.post(path, QJsonObject{{"phone_number", "08030000001"}}), 403,
                     "subscription_required");
        const qint64 plan = s.createPlan(2, 100);
        s.subscribe(t.userId, plan, 1);
        EXPECT_STATUS(t.http.post(path, QJsonObject{{"phone_number", "08030000001"}}), 201);
        EXPECT_STATUS(t.http.post(path, QJsonObject{{"phone_number", "08030000002"}}), 201);
        EXPECT_ERROR(t.http.post(path, QJsonObject{{"phone_number", "08030000003"}}), 403,
                     "plan_limit_reached");
        QCOMPARE(s.core().numbers().countForUser(t.vendor.id, t.userId), 2);

        // After deleting one there is room again.
        const QJsonArray list = t.http.get(QStringLiteral("/whatsapp-numbers/%1/list").arg(t.userId))
                                    .value("numbers").toArray();
        EXPECT_STATUS(t.http.del(QStringLiteral("/whatsapp-numbers/%1/delete/%2")
                                     .arg(t.userId).arg(idOf(list.at(0)))),
                      204);
        EXPECT_STATUS(t.http.post(path, QJsonObject{{"phone_number", "08030000003"}}), 201);

        // The subscription ends after one day: adding is refused afterwards.
        Clock::setOffsetForTesting(2LL * 86400 * 1000);
        EXPECT_STATUS(t.http.del(QStringLiteral("/whatsapp-numbers/%1/delete/%2")
                                     .arg(t.userId).arg(idOf(list.at(1)))),
                      204);
        EXPECT_ERROR(t.http.post(path, QJsonObject{{"phone_number", "08030000004"}}), 403,
                     "subscription_required");
    }

    // api.md keeps the original's "//whatsapp-numbers" spelling as an alias of every route.
    void aliasPath()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        HttpReply r = t.http.post(QStringLiteral("//whatsapp-numbers/%1/add").arg(t.userId),
                                  QJsonObject{{"phone_number", "08030000001"}});
        EXPECT_STATUS(r, 201);
        const qint64 id = idOf(r.value("number"));
        r = t.http.patch(QStringLiteral("//whatsapp-numbers/%1/update/%2").arg(t.userId).arg(id),
                         QJsonObject{{"label", "Alias"}});
        EXPECT_STATUS(r, 200);
        r = t.http.get(QStringLiteral("//whatsapp-numbers/%1/list").arg(t.userId));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("numbers").toArray().size(), 1);
        EXPECT_STATUS(t.http.del(QStringLiteral("//whatsapp-numbers/%1/delete/%2").arg(t.userId).arg(id)), 204);
        QCOMPARE(s.core().numbers().countForUser(t.vendor.id, t.userId), 0);
    }

    void updateLabel()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const qint64 id = idOf(t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "08030000001"},
                                                                           {"label", "Old"}})
                                   .value("number"));
        const QString path = QStringLiteral("/whatsapp-numbers/%1/update/%2").arg(t.userId).arg(id);
        HttpReply r = t.http.patch(path, QJsonObject{{"label", "New"}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("number").toObject().value("label").toString(), QStringLiteral("New"));
        QCOMPARE(s.core().numbers().find(t.vendor.id, id)->label, QStringLiteral("New"));
        r = t.http.patch(path, QJsonObject{{"label", QJsonValue::Null}});
        EXPECT_STATUS(r, 200);
        QVERIFY(r.value("number").toObject().value("label").isNull());

        r = t.http.patch(path, QJsonObject{{"label", "X"}, {"phone_number", "08030000009"}});
        EXPECT_ERROR(r, 400, "immutable_field");
        QCOMPARE(r.errorField(), QStringLiteral("phone_number"));
        QCOMPARE(s.core().numbers().find(t.vendor.id, id)->phoneNumber, QStringLiteral("2348030000001"));
        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{{"label", 5}}), "label");
        EXPECT_ERROR(t.http.patch(QStringLiteral("/whatsapp-numbers/%1/update/%2").arg(t.userId).arg(id + 50),
                                  QJsonObject{{"label", "x"}}),
                     404, "not_found");
        // The number exists, but not under this user.
        const qint64 other = s.createUser(t.vendor.apiKey);
        EXPECT_ERROR(t.http.patch(QStringLiteral("/whatsapp-numbers/%1/update/%2").arg(other).arg(id),
                                  QJsonObject{{"label", "x"}}),
                     404, "not_found");
    }

    void listNumbers()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QString list = QStringLiteral("/whatsapp-numbers/%1/list").arg(t.userId);
        HttpReply r = t.http.get(list);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("numbers").toArray().size(), 0);
        t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "08030000001"}});
        t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "08030000002"}});
        r = t.http.get(list);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("numbers").toArray().size(), 2);
        QCOMPARE(r.value("numbers").toArray().at(1).toObject().value("phone_number").toString(),
                 QStringLiteral("2348030000002"));
        EXPECT_ERROR(t.http.get(QStringLiteral("/whatsapp-numbers/%1/list").arg(t.userId + 77)), 404,
                     "not_found");
    }

    // Issue #16: a real number shows its warm-up day, today's limit and what is left of it; a
    // sandbox number has no limit (null), only its count.
    void warmupFieldsShowWhatIsLeftToday()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        s.core().settings().setValue(QStringLiteral("warmup/schedule"), QStringLiteral("20,40"));
        HttpReply r = t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "08030000001"}});
        EXPECT_STATUS(r, 201);
        QJsonObject n = r.value("number").toObject();
        QCOMPARE(n.value("warmup_day").toInt(), 1);
        QCOMPARE(n.value("daily_limit").toInt(), 20);
        QCOMPARE(n.value("sent_today").toInt(), 0);
        QCOMPARE(n.value("left_today").toInt(), 20);
        const qint64 real = n.value("id").toInteger();
        r = t.http.post(addPath(t.userId),
                        QJsonObject{{"phone_number", "08030000002"}, {"sandbox", true}});
        n = r.value("number").toObject();
        QVERIFY(n.value("daily_limit").isNull());
        QVERIFY(n.value("left_today").isNull());
        QCOMPARE(n.value("sent_today").toInt(), 0);

        // Three sends counted today (as the dispatcher's claims count them).
        const QSqlDatabase db = SqlSupport::database(s.core().database().connectionName());
        const QString today = s.core().sendWindow().dayOf(Clock::nowMs());
        for (int i = 0; i < 3; ++i)
            DailySendCounter::add(db, real, today);
        r = t.http.get(QStringLiteral("/whatsapp-numbers/%1/list").arg(t.userId));
        EXPECT_STATUS(r, 200);
        n = r.value("numbers").toArray().at(0).toObject();
        QCOMPARE(n.value("sent_today").toInt(), 3);
        QCOMPARE(n.value("left_today").toInt(), 17);
        // The next day: day 2 of the schedule, nothing sent yet.
        Clock::setOffsetForTesting(s.core().sendWindow().nextDayStart(Clock::nowMs()) + 1000 -
                                   QDateTime::currentMSecsSinceEpoch());
        n = t.http.get(QStringLiteral("/whatsapp-numbers/%1/list").arg(t.userId))
                .value("numbers")
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(n.value("warmup_day").toInt(), 2);
        QCOMPARE(n.value("daily_limit").toInt(), 40);
        QCOMPARE(n.value("sent_today").toInt(), 0);
        QCOMPARE(n.value("left_today").toInt(), 40);
    }

    void deleteNumber()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QJsonObject n = t.http.post(addPath(t.userId), QJsonObject{{"phone_number", "08030000001"},
                                                                         {"sandbox", true}})
                                  .value("number").toObject();
        const QString path = QStringLiteral("/whatsapp-numbers/%1/delete/%2").arg(t.userId).arg(idOf(n));
        QSignalSpy removed(&s.core().events(), &EventBus::numberRemoved);
        const HttpReply r = t.http.del(path);
        EXPECT_STATUS(r, 204);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toLongLong(), idOf(n));
        QCOMPARE(removed.at(0).at(2).toString(), n.value("session_id").toString());
        QVERIFY(!s.core().numbers().find(t.vendor.id, idOf(n)));
        EXPECT_ERROR(t.http.del(path), 404, "not_found");
        EXPECT_ERROR(t.http.del(QStringLiteral("/whatsapp-numbers/%1/delete/abc").arg(t.userId)), 404,
                     "not_found");
        QCOMPARE(removed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestNumbers)
#include "tst_numbers.moc"
