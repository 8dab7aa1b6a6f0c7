// Issue #16 "Check before sending" with simulator pages, through the production adapter:
// POST /numbers/check/:userId answers 202 with a check id, GET follows it to the results
// (the simulator's rule: digits ending in 0000 are not on WhatsApp), a second check of the
// same phones asks the page nothing (WamatorSimulator.existsQueries()), the contacts carry
// whatsapp_status, and the errors: 1,001 phones, no ready number, bad bodies, unknown check.

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "SessionManager.h"
#include "WebEngineSession.h"
#include "WhatsAppControllers.h"
#include "numbers/NumberStore.h"

#include <QElapsedTimer>

class TestNumberCheck : public QObject
{
    Q_OBJECT

    static QString stateOf(const Tenant &t, const QString &phone)
    {
        return t.http.get(QStringLiteral("/connect/%1/%2").arg(t.userId).arg(phone))
            .value("state")
            .toString();
    }
    static QVariant eval(Session *s, const QString &script)
    {
        auto *page = qobject_cast<WebEngineSession *>(s);
        if (!page)
            return {};
        auto value = std::make_shared<std::optional<QVariant>>();
        page->runInPage(script, [value](const QVariant &v) { *value = v; });
        (void)QTest::qWaitFor([&] { return value->has_value(); }, 10000);
        return value->value_or(QVariant());
    }
    static QJsonObject waitDone(const Tenant &t, const QString &id)
    {
        QJsonObject check;
        (void)QTest::qWaitFor(
            [&] {
                check = t.http.get(QStringLiteral("/numbers/check/%1/%2").arg(t.userId).arg(id))
                            .value("check")
                            .toObject();
                return check.value("status").toString() != QLatin1String("running");
            },
            60000);
        return check;
    }
    static QStringList field(const QJsonObject &check, const char *name)
    {
        QStringList out;
        for (const QJsonValue &v : check.value("results").toArray()) {
            const QJsonValue f = v.toObject().value(QLatin1String(name));
            out << (f.isBool()   ? (f.toBool() ? "true" : "false")
                    : f.isNull() ? "null"
                                 : f.toString());
        }
        return out;
    }

private Q_SLOTS:
    void checksThroughASandboxNumber()
    {
        TestApiServer server;
        QVERIFY(server.isValid());
        SessionManager sessions(server.core());
        addWhatsAppControllers(server.server(), server.core(), sessions);

        Tenant t = makeTenant(server);
        const QString check = QStringLiteral("/numbers/check/%1").arg(t.userId);
        const QJsonObject phones{{"phones", QJsonArray{"0803 111 2222", "08035550000",
                                                       "not a phone", "+2348031112222"}}};

        // Bad bodies and the limit come first, whatever the sessions.
        EXPECT_FIELD_ERROR(t.http.post(check, QJsonObject{}), "phones");
        EXPECT_FIELD_ERROR(t.http.post(check, QJsonObject{{"phones", "08031112222"}}), "phones");
        EXPECT_FIELD_ERROR(t.http.post(check, QJsonObject{{"phones", QJsonArray{}}}), "phones");
        EXPECT_FIELD_ERROR(t.http.post(check, QJsonObject{{"phones", QJsonArray{1, 2}}}), "phones");
        QJsonArray many;
        for (int i = 0; i < 1001; ++i)
            many.append(QStringLiteral("0803%1").arg(1000000 + i));
        EXPECT_ERROR(t.http.post(check, QJsonObject{{"phones", many}}), 400, "too_many_phones");
        EXPECT_ERROR(t.http.get(check + "/chk_unknown"), 404, "not_found");

        // No number yet, then one that is not connected: nothing to ask through.
        EXPECT_ERROR(t.http.post(check, phones), 409, "no_ready_number");
        HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                  QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}});
        EXPECT_STATUS(r, 201);
        const QString phone = r.value("number").toObject().value("phone_number").toString();
        const qint64 numberId = idOf(r.value("number"));
        EXPECT_ERROR(t.http.post(check, phones), 409, "no_ready_number");
        const QList<qint64> contacts = addContacts(
            t, QJsonArray{contact("Ada", "08031112222"), contact("Bola", "08035550000")});

        EXPECT_STATUS(t.http.post(QStringLiteral("/connect/%1/%2").arg(t.userId).arg(phone)), 202);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, phone), QStringLiteral("qr_pending"), 60000);
        EXPECT_STATUS(t.http.post(QStringLiteral("/sandbox/%1/%2/scan").arg(t.userId).arg(phone)),
                      200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, phone), QStringLiteral("ready"), 60000);
        Session *page = sessions.session(numberId);
        QVERIFY(page);
        const int asked = eval(page, QStringLiteral("WamatorSimulator.existsQueries()")).toInt();

        r = t.http.post(check, phones);
        EXPECT_STATUS(r, 202);
        const QString id = r.value("check").toObject().value("id").toString();
        QVERIFY(id.startsWith(QLatin1String("chk_")));
        QCOMPARE(r.value("check").toObject().value("total").toInt(), 4);
        QJsonObject done = waitDone(t, id);
        QCOMPARE(done.value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(field(done, "status"), (QStringList{"yes", "no", "invalid", "yes"}));
        QCOMPARE(field(done, "on_whatsapp"), (QStringList{"true", "false", "null", "true"}));
        QCOMPARE(field(done, "phone_number"),
                 (QStringList{"2348031112222", "2348035550000", "null", "2348031112222"}));
        QCOMPARE(field(done, "cached"), (QStringList{"false", "false", "false", "false"}));
        QCOMPARE(done.value("lookups").toInt(), 2);
        QCOMPARE(done.value("counts").toObject().value("yes").toInt(), 2);
        QCOMPARE(eval(page, QStringLiteral("WamatorSimulator.existsQueries()")).toInt(), asked + 2);

        // The contacts know it now.
        r = t.http.get(QStringLiteral("/contacts/%1/list").arg(t.userId));
        EXPECT_STATUS(r, 200);
        QHash<qint64, QString> status;
        for (const QJsonValue &c : r.value("contacts").toArray()) {
            status.insert(idOf(c), c.toObject().value("whatsapp_status").toString());
            QVERIFY(!c.toObject().value("whatsapp_checked_at").isNull());
        }
        QCOMPARE(status.value(contacts.at(0)), QStringLiteral("yes"));
        QCOMPARE(status.value(contacts.at(1)), QStringLiteral("no"));

        // Within checks/cache_days: answered from the store, the page is not asked.
        r = t.http.post(check, phones);
        EXPECT_STATUS(r, 202);
        done = r.value("check").toObject();
        QCOMPARE(done.value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(field(done, "cached"), (QStringList{"true", "true", "false", "true"}));
        QCOMPARE(done.value("lookups").toInt(), 0);
        QTest::qWait(200);
        QCOMPARE(eval(page, QStringLiteral("WamatorSimulator.existsQueries()")).toInt(), asked + 2);

        // 100 new phones through the one sandbox page (unpaced): the time it takes, for the
        // record (the simulator answers each lookup after 30 ms).
        QJsonArray hundred;
        for (int i = 0; i < 100; ++i)
            hundred.append(QStringLiteral("0803%1").arg(2000001 + i * 7));
        QElapsedTimer clock;
        clock.start();
        r = t.http.post(check, QJsonObject{{"phones", hundred}});
        EXPECT_STATUS(r, 202);
        done = waitDone(t, r.value("check").toObject().value("id").toString());
        QCOMPARE(done.value("status").toString(), QStringLiteral("completed"));
        QCOMPARE(done.value("lookups").toInt(), 100);
        QCOMPARE(done.value("counts").toObject().value("yes").toInt(), 100);
        qInfo("100 lookups through one sandbox page: %lld ms", qint64(clock.elapsed()));

        // A cancelled check answers as such; cancelling again is harmless.
        r = t.http.del(check + "/" + id);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("check").toObject().value("status").toString(),
                 QStringLiteral("completed"));
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestNumberCheck)
#include "tst_numbercheck.moc"
