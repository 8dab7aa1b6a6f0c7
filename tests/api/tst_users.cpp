// /users (api.md "App users"): every success and error case, on the real server.

#include "RoutesFixture.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "EventBus.h"
#include "UsersController.h"
#include "VendorController.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"

#include <QSignalSpy>

#include <memory>

namespace {

// A server with only the vendor and users routes, whose UsersController the test can see.
struct UsersOnly
{
    explicit UsersOnly(qint64 cacheBytes) : server(TestApiServer::Options{true, false})
    {
        if (!server.isValid())
            return;
        server.server().addController(
            std::make_unique<VendorController>(server.core(), server.server().loginThrottle()));
        auto controller = std::make_unique<UsersController>(server.core(), cacheBytes);
        users = controller.get();
        server.server().addController(std::move(controller));
    }
    TestApiServer server;
    const UsersController *users = nullptr;
};

QList<qint64> addUsers(CoreServices &core, qint64 vendorId, int n)
{
    QList<qint64> ids;
    for (int i = 0; i < n; ++i) {
        AppUser u;
        u.name = QStringLiteral("User %1 with a name long enough to weigh something").arg(i);
        u.email = QStringLiteral("user%1@example.com").arg(i);
        u.companyName = QStringLiteral("Company %1").arg(i);
        ids << core.users().create(vendorId, u).id;
    }
    return ids;
}

QList<qint64> listedIds(const HttpReply &r)
{
    QList<qint64> ids;
    for (const QJsonValue &u : r.value("users").toArray())
        ids << u.toObject().value("id").toInteger();
    return ids;
}

} // namespace

class TestUsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registerUser()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const HttpClient c = s.vendorClient(v.apiKey);
        const HttpReply r = c.post(QStringLiteral("/users/register"),
                                   QJsonObject{{"name", "  Shop One "},
                                               {"email", " Shop1@Example.COM "},
                                               {"company_name", "Shop Ltd"},
                                               {"external_user_id", "crm-17"},
                                               {"unknown_field", "ignored"}});
        EXPECT_STATUS(r, 201);
        const QJsonObject u = r.value("user").toObject();
        QCOMPARE(u.keys(), (QStringList{"company_name", "created_at", "email", "external_user_id",
                                        "id", "name", "quiet_hours"}));
        QVERIFY(u.value("quiet_hours").isNull()); // off by default
        QVERIFY(u.value("id").toInteger() > 0);
        QCOMPARE(u.value("name").toString(), QStringLiteral("Shop One"));
        QCOMPARE(u.value("email").toString(), QStringLiteral("shop1@example.com"));
        QCOMPARE(u.value("company_name").toString(), QStringLiteral("Shop Ltd"));
        QCOMPARE(u.value("external_user_id").toString(), QStringLiteral("crm-17"));
        QVERIFY(QRegularExpression("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$")
                    .match(u.value("created_at").toString())
                    .hasMatch());

        // Optional fields absent → null.
        const HttpReply minimal = c.post(QStringLiteral("/users/register"),
                                         QJsonObject{{"name", "Two"}, {"email", "two@example.com"}});
        EXPECT_STATUS(minimal, 201);
        QVERIFY(minimal.value("user").toObject().value("company_name").isNull());
        QVERIFY(minimal.value("user").toObject().value("external_user_id").isNull());

        // Email unique per vendor, case-insensitively; another vendor may use it.
        EXPECT_ERROR(c.post(QStringLiteral("/users/register"),
                            QJsonObject{{"name", "Dup"}, {"email", "SHOP1@example.com"}}),
                     409, "email_taken");
        const auto other = s.registerVendor();
        EXPECT_STATUS(s.vendorClient(other.apiKey)
                          .post(QStringLiteral("/users/register"),
                                QJsonObject{{"name", "Same"}, {"email", "shop1@example.com"}}),
                      201);
    }

    // Quiet hours (issue #16): given on create, changed or turned off (null) by PATCH, left
    // alone when absent; anything but null or {"start","end"} HH:MM with start != end is a 400.
    void quietHours()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const HttpClient c = s.vendorClient(v.apiKey);
        const QJsonObject night{{"start", "21:00"}, {"end", "08:00"}};
        HttpReply r =
            c.post(QStringLiteral("/users/register"),
                   QJsonObject{{"name", "Q"}, {"email", "q@example.com"}, {"quiet_hours", night}});
        EXPECT_STATUS(r, 201);
        QCOMPARE(r.value("user").toObject().value("quiet_hours").toObject(), night);
        const QString path =
            QStringLiteral("/users/%1").arg(r.value("user").toObject().value("id").toInteger());
        r = c.patch(path, QJsonObject{{"name", "Q2"}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("user").toObject().value("quiet_hours").toObject(), night);
        r = c.patch(
            path, QJsonObject{{"quiet_hours", QJsonObject{{"start", "12:30"}, {"end", "14:00"}}}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(
            r.value("user").toObject().value("quiet_hours").toObject().value("start").toString(),
            QStringLiteral("12:30"));
        for (const QJsonValue &bad :
             {QJsonValue("21:00-08:00"), QJsonValue(QJsonObject{{"start", "21:00"}}),
              QJsonValue(QJsonObject{{"start", "25:00"}, {"end", "08:00"}}),
              QJsonValue(QJsonObject{{"start", "08:00"}, {"end", "08:00"}}), QJsonValue(7)}) {
            EXPECT_FIELD_ERROR(c.patch(path, QJsonObject{{"quiet_hours", bad}}), "quiet_hours");
            EXPECT_FIELD_ERROR(
                c.post(
                    QStringLiteral("/users/register"),
                    QJsonObject{{"name", "B"}, {"email", "b@example.com"}, {"quiet_hours", bad}}),
                "quiet_hours");
        }
        r = c.patch(path, QJsonObject{{"quiet_hours", QJsonValue::Null}});
        EXPECT_STATUS(r, 200);
        QVERIFY(r.value("user").toObject().value("quiet_hours").isNull());
        QVERIFY(c.get(path).value("user").toObject().value("quiet_hours").isNull());
    }

    void registerValidation()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const HttpClient c = s.vendorClient(v.apiKey);
        const QString path = QStringLiteral("/users/register");
        EXPECT_FIELD_ERROR(c.post(path, QJsonObject{{"email", "a@example.com"}}), "name");
        EXPECT_FIELD_ERROR(c.post(path, QJsonObject{{"name", ""}, {"email", "a@example.com"}}), "name");
        EXPECT_FIELD_ERROR(c.post(path, QJsonObject{{"name", 5}, {"email", "a@example.com"}}), "name");
        EXPECT_FIELD_ERROR(c.post(path, QJsonObject{{"name", "A"}}), "email");
        EXPECT_FIELD_ERROR(c.post(path, QJsonObject{{"name", "A"}, {"email", "not-an-email"}}), "email");
        EXPECT_FIELD_ERROR(c.post(path, QJsonObject{{"name", "A"}, {"email", "a@example.com"},
                                                    {"company_name", QJsonArray{}}}),
                           "company_name");
        EXPECT_ERROR(c.request("POST", path, "{\"name\": "), 400, "invalid_json");
        EXPECT_ERROR(c.post(path, QJsonArray{}), 400, "validation_failed");
        EXPECT_ERROR(s.client().post(path, QJsonObject{{"name", "A"}, {"email", "a@example.com"}}),
                     401, "api_key_required");
        EXPECT_ERROR(s.vendorClient(QString(64, QLatin1Char('a')))
                         .post(path, QJsonObject{{"name", "A"}, {"email", "a@example.com"}}),
                     401, "invalid_api_key");
        QCOMPARE(s.core().users().count(v.id), 0);
    }

    void listUsers()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const auto other = s.registerVendor();
        s.createUser(other.apiKey);
        QList<qint64> ids;
        for (int i = 0; i < 12; ++i)
            ids << s.createUser(v.apiKey);
        const HttpClient c = s.vendorClient(v.apiKey);
        HttpReply r = c.get(QStringLiteral("/users/list"));
        EXPECT_STATUS(r, 200);
        const QJsonArray all = r.value("users").toArray();
        QCOMPARE(all.size(), 12); // not the other vendor's
        QList<qint64> listed;
        for (const QJsonValue &u : all)
            listed << idOf(u);
        QCOMPARE(listed, ids);

        r = c.get(QStringLiteral("/users/list?page=2&limit=5"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("users").toArray().size(), 5);
        QCOMPARE(idOf(r.value("users").toArray().at(0)), ids.at(5));
        r = c.get(QStringLiteral("/users/list?page=3&limit=5"));
        QCOMPARE(r.value("users").toArray().size(), 2);
        r = c.get(QStringLiteral("/users/list?page=9&limit=5"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("users").toArray().size(), 0);

        EXPECT_FIELD_ERROR(c.get(QStringLiteral("/users/list?limit=501")), "limit");
        EXPECT_FIELD_ERROR(c.get(QStringLiteral("/users/list?limit=0")), "limit");
        EXPECT_FIELD_ERROR(c.get(QStringLiteral("/users/list?limit=abc")), "limit");
        EXPECT_FIELD_ERROR(c.get(QStringLiteral("/users/list?page=0&limit=5")), "page");
        EXPECT_ERROR(c.del(QStringLiteral("/users/list")), 405, "method_not_allowed");
        EXPECT_ERROR(s.client().get(QStringLiteral("/users/list")), 401, "api_key_required");

        // A new vendor has none.
        const auto fresh = s.registerVendor();
        r = s.vendorClient(fresh.apiKey).get(QStringLiteral("/users/list"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("users").toArray().size(), 0);
    }

    // The list answer is cached per vendor and page; every change must show in the next list,
    // whether it came through the API or straight through the store (the window's path).
    void listShowsEveryChangeAtOnce()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const qint64 first = s.createUser(v.apiKey);
        const HttpClient c = s.vendorClient(v.apiKey);
        auto names = [&]() {
            QStringList out;
            const HttpReply r = c.get(QStringLiteral("/users/list"));
            for (const QJsonValue &u : r.value("users").toArray())
                out << u.toObject().value("name").toString();
            return out;
        };
        const QStringList before = names();
        QCOMPARE(before.size(), 1);
        QCOMPARE(names(), before); // served again (from the cache)

        EXPECT_STATUS(c.patch(QStringLiteral("/users/%1").arg(first),
                              QJsonObject{{"name", "Renamed"}}),
                      200);
        QCOMPARE(names(), QStringList{QStringLiteral("Renamed")});

        AppUser direct;
        direct.name = QStringLiteral("From the window");
        direct.email = QStringLiteral("window@example.com");
        const qint64 second = s.core().users().create(v.id, direct).id;
        QCOMPARE(names(), (QStringList{QStringLiteral("Renamed"), QStringLiteral("From the window")}));

        QVERIFY(s.core().users().remove(v.id, first));
        QCOMPARE(names(), QStringList{QStringLiteral("From the window")});
        EXPECT_STATUS(c.del(QStringLiteral("/users/%1").arg(second)), 204);
        QCOMPARE(names(), QStringList());
    }

    // Every distinct (page, limit) is its own answer: many of them must never hold more than
    // the cache's byte budget, an answer bigger than its share is not kept, and every answer
    // is still right.
    void listCacheStaysWithinItsByteBudget()
    {
        const qint64 budget = 16 * 1024;
        UsersOnly s(budget);
        QVERIFY(s.server.isValid());
        const auto v = s.server.registerVendor();
        const QList<qint64> ids = addUsers(s.server.core(), v.id, 60);
        const HttpClient c = s.server.vendorClient(v.apiKey);
        const AnswerCache &cache = s.users->listCache();

        qint64 answered = 0;
        for (int limit = 1; limit <= 10; ++limit) {
            for (int page = 1; page <= 60 / limit + 1; ++page) {
                const HttpReply r =
                    c.get(QStringLiteral("/users/list?limit=%1&page=%2").arg(limit).arg(page));
                EXPECT_STATUS(r, 200);
                QCOMPARE(listedIds(r), ids.mid((page - 1) * limit, limit));
                answered += r.body.size();
                QVERIFY2(cache.bytes() <= budget, qPrintable(QString::number(cache.bytes())));
            }
        }
        QVERIFY(answered > 4 * budget); // the loop did ask for far more than fits
        QVERIFY(cache.size() > 0);

        // The whole list (no limit) is larger than an entry may be: answered, not kept.
        const int entries = cache.size();
        const qint64 bytes = cache.bytes();
        const HttpReply all = c.get(QStringLiteral("/users/list"));
        QCOMPARE(listedIds(all), ids);
        QVERIFY(all.body.size() > budget / 8);
        QCOMPARE(cache.size(), entries);
        QCOMPARE(cache.bytes(), bytes);
        QCOMPARE(listedIds(c.get(QStringLiteral("/users/list"))), ids);
    }

    // Without a limit the page changes nothing: every ?page=N shares one entry.
    void listCacheKeyIgnoresThePageWithoutALimit()
    {
        UsersOnly s(8LL * 1024 * 1024);
        QVERIFY(s.server.isValid());
        const auto v = s.server.registerVendor();
        const QList<qint64> ids = addUsers(s.server.core(), v.id, 20);
        const HttpClient c = s.server.vendorClient(v.apiKey);
        const HttpReply first = c.get(QStringLiteral("/users/list"));
        QCOMPARE(listedIds(first), ids);
        for (int page = 1; page <= 40; ++page) {
            const HttpReply r = c.get(QStringLiteral("/users/list?page=%1").arg(page));
            EXPECT_STATUS(r, 200);
            QCOMPARE(r.body, first.body);
        }
        QCOMPARE(s.users->listCache().size(), 1);
        QVERIFY(s.users->listCache().bytes() < first.body.size() + 100);
    }

    void getUser()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const qint64 id = s.createUser(v.apiKey, QStringLiteral("get@example.com"));
        const HttpClient c = s.vendorClient(v.apiKey);
        const HttpReply r = c.get(QStringLiteral("/users/%1").arg(id));
        EXPECT_STATUS(r, 200);
        QCOMPARE(idOf(r.value("user")), id);
        QCOMPARE(r.value("user").toObject().value("email").toString(), QStringLiteral("get@example.com"));
        EXPECT_ERROR(c.get(QStringLiteral("/users/%1").arg(id + 1000)), 404, "not_found");
        EXPECT_ERROR(c.get(QStringLiteral("/users/abc")), 404, "not_found");
        EXPECT_ERROR(c.get(QStringLiteral("/users/-1")), 404, "not_found");
        EXPECT_ERROR(c.get(QStringLiteral("/users/0")), 404, "not_found");
    }

    void patchUser()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const HttpClient c = s.vendorClient(v.apiKey);
        HttpReply r = c.post(QStringLiteral("/users/register"),
                             QJsonObject{{"name", "A"}, {"email", "a@example.com"},
                                         {"company_name", "Co"}, {"external_user_id", "x1"}});
        const qint64 id = idOf(r.value("user"));
        s.createUser(v.apiKey, QStringLiteral("taken@example.com"));
        const QString path = QStringLiteral("/users/%1").arg(id);

        r = c.patch(path, QJsonObject{{"name", "Renamed"}});
        EXPECT_STATUS(r, 200);
        QJsonObject u = r.value("user").toObject();
        QCOMPARE(u.value("name").toString(), QStringLiteral("Renamed"));
        QCOMPARE(u.value("email").toString(), QStringLiteral("a@example.com"));
        QCOMPARE(u.value("company_name").toString(), QStringLiteral("Co"));

        r = c.patch(path, QJsonObject{{"email", "NEW@example.com"}, {"company_name", QJsonValue::Null},
                                      {"external_user_id", "x2"}});
        EXPECT_STATUS(r, 200);
        u = r.value("user").toObject();
        QCOMPARE(u.value("email").toString(), QStringLiteral("new@example.com"));
        QVERIFY(u.value("company_name").isNull());
        QCOMPARE(u.value("external_user_id").toString(), QStringLiteral("x2"));
        // Stored, not only echoed.
        QCOMPARE(c.get(path).value("user").toObject(), u);
        // #13: "" is no value, like null (it was stored and answered as ""; contacts said null).
        r = c.patch(path, QJsonObject{{"company_name", "Co"}, {"external_user_id", "   "}});
        EXPECT_STATUS(r, 200);
        QVERIFY(r.value("user").toObject().value("external_user_id").isNull());
        r = c.patch(path, QJsonObject{{"company_name", ""}, {"external_user_id", "x2"}});
        EXPECT_STATUS(r, 200);
        u = r.value("user").toObject();
        QVERIFY(u.value("company_name").isNull());
        QCOMPARE(c.get(path).value("user").toObject(), u);

        EXPECT_STATUS(c.patch(path, QJsonObject{}), 200);
        EXPECT_ERROR(c.patch(path, QJsonObject{{"email", "taken@example.com"}}), 409, "email_taken");
        EXPECT_FIELD_ERROR(c.patch(path, QJsonObject{{"email", "nope"}}), "email");
        EXPECT_FIELD_ERROR(c.patch(path, QJsonObject{{"name", ""}}), "name");
        EXPECT_FIELD_ERROR(c.patch(path, QJsonObject{{"name", true}}), "name");
        EXPECT_ERROR(c.request("PATCH", path, "not json"), 400, "invalid_json");
        EXPECT_ERROR(c.patch(QStringLiteral("/users/%1").arg(id + 100), QJsonObject{{"name", "x"}}),
                     404, "not_found");
        QCOMPARE(c.get(path).value("user").toObject(), u);
    }

    void deleteUser()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        // A number, contacts and a queued message: numbers, contacts and subscriptions go,
        // the message history stays.
        HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                  QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}});
        EXPECT_STATUS(r, 201);
        const QJsonObject number = r.value("number").toObject();
        addContacts(t, QJsonArray{contact("A", "08031111111")});
        r = t.http.post(QStringLiteral("/messages"),
                        QJsonObject{{"user_id", t.userId},
                                    {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"}}}},
                                    {"message", "hi"}});
        EXPECT_STATUS(r, 200);
        const qint64 messageId = r.value("results").toArray().at(0).toObject().value("message_id").toInteger();

        QSignalSpy removed(&s.core().events(), &EventBus::numberRemoved);
        r = t.http.del(QStringLiteral("/users/%1").arg(t.userId));
        EXPECT_STATUS(r, 204);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toLongLong(), t.vendor.id);
        QCOMPARE(removed.at(0).at(1).toLongLong(), idOf(number));
        QCOMPARE(removed.at(0).at(2).toString(), number.value("session_id").toString());

        EXPECT_ERROR(t.http.get(QStringLiteral("/users/%1").arg(t.userId)), 404, "not_found");
        EXPECT_ERROR(t.http.del(QStringLiteral("/users/%1").arg(t.userId)), 404, "not_found");
        QVERIFY(!s.core().numbers().find(t.vendor.id, idOf(number)));
        QCOMPARE(s.core().contacts().countForUser(t.vendor.id, t.userId), 0);
        QVERIFY(s.core().messages().find(t.vendor.id, messageId).has_value());
        EXPECT_STATUS(t.http.get(QStringLiteral("/messages/%1").arg(messageId)), 200);
    }
};

QTEST_GUILESS_MAIN(TestUsers)
#include "tst_users.moc"
