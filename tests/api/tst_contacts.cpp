// /contacts (api.md "Contacts"): add one or many, batch and single update, batch remove,
// paged search.

#include "RoutesFixture.h"

#include "CoreServices.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactStore.h"

class TestContacts : public QObject
{
    Q_OBJECT

    static QJsonObject fullContact()
    {
        return QJsonObject{
            {"name", "John Doe"},
            {"phone_number", "08031234567"},
            {"email", "john@example.com"},
            {"company_name", "Acme"},
            {"gender", "male"},
            {"dob", "1990-05-17"},
            {"age_group", "30-40"},
            {"language_preference", "en"},
            {"timezone", "Africa/Lagos"},
            {"nickname", "Johnny"},
            {"custom_salutation", "Mr. Doe"},
            {"partner_name", "Jane"},
            {"anniversary_date", "2015-06-01"},
            {"kids_names", QJsonArray{"Tom", "Ann"}},
            {"pets_names", QJsonArray{"Rex"}},
            {"job_title", "Engineer"},
            {"industry", "Tech"},
            {"interests", QJsonArray{"golf"}},
            {"preferred_products", QJsonArray{"shoes", "bags"}},
            {"message_opt_in", false},
            {"customer_tier", "gold"},
            {"average_spend", 120.5},
            {"whatsapp_broadcast_preference", QJsonObject{{"frequency", "weekly"}}},
            {"notes", "Likes early deliveries"},
        };
    }

private Q_SLOTS:
    void addOne()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const HttpReply r = t.http.post(QStringLiteral("/contacts/%1/add").arg(t.userId), fullContact());
        EXPECT_STATUS(r, 201);
        QVERIFY2(r.header("server-timing").contains("store;dur="), r.header("server-timing").constData());
        QCOMPARE(r.value("skipped").toArray().size(), 0);
        const QJsonArray added = r.value("added").toArray();
        QCOMPARE(added.size(), 1);
        const QJsonObject c = added.at(0).toObject();
        const QJsonObject in = fullContact();
        for (auto it = in.begin(); it != in.end(); ++it) {
            if (it.key() == QLatin1String("phone_number"))
                continue;
            QVERIFY2(c.value(it.key()) == it.value(), qPrintable(it.key()));
        }
        QCOMPARE(c.value("phone_number").toString(), QStringLiteral("2348031234567"));
        QVERIFY(c.value("id").toInteger() > 0);
        // The controllers write contact JSON directly; it must be exactly ContactJson's.
        const auto stored = s.core().contacts().find(t.vendor.id, t.userId, c.value("id").toInteger());
        QVERIFY(stored);
        QCOMPARE(c, ContactJson::toJson(*stored));
        QVERIFY(c.value("created_at").isString());
        QVERIFY(c.value("updated_at").isString());
        // Stored as JSON, listed as JSON (arrays are arrays, not strings).
        const HttpReply list = t.http.get(QStringLiteral("/contacts/%1/list").arg(t.userId));
        EXPECT_STATUS(list, 200);
        QCOMPARE(list.value("contacts").toArray().at(0).toObject(), c);

        // Minimal contact: message_opt_in defaults to true, the rest are null.
        const HttpReply m = t.http.post(QStringLiteral("/contacts/%1/add").arg(t.userId),
                                        contact("Min", "+2348039999999"));
        EXPECT_STATUS(m, 201);
        const QJsonObject mc = m.value("added").toArray().at(0).toObject();
        QCOMPARE(mc.value("message_opt_in").toBool(), true);
        QCOMPARE(mc, ContactJson::toJson(*s.core().contacts().find(t.vendor.id, t.userId, mc.value("id").toInteger())));
        QVERIFY(mc.value("email").isNull());
        QVERIFY(mc.value("kids_names").isArray() || mc.value("kids_names").isNull());
    }

    void jsonTextMatchesContactJson()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        QJsonObject odd = contact(QStringLiteral("Zoë \"Q\" \\ \t\u0001 😀"), "08031234567");
        odd.insert("notes", QStringLiteral("line1\nline2\r\n\u001f </script>"));
        odd.insert("kids_names", QJsonArray{"a\"b", "ç"});
        odd.insert("average_spend", 0.1);
        odd.insert("whatsapp_broadcast_preference", QJsonObject{{"days", QJsonArray{1, 2}}, {"quiet", true}});
        const HttpReply r = t.http.post(QStringLiteral("/contacts/%1/add").arg(t.userId), odd);
        EXPECT_STATUS(r, 201);
        const QJsonObject c = r.value("added").toArray().at(0).toObject();
        QCOMPARE(c, ContactJson::toJson(*s.core().contacts().find(t.vendor.id, t.userId, c.value("id").toInteger())));
        QCOMPARE(c.value("name").toString(), odd.value("name").toString());
        const HttpReply list = t.http.get(QStringLiteral("/contacts/%1/list").arg(t.userId));
        QCOMPARE(list.value("contacts").toArray().at(0).toObject(), c);
    }

    void addManyWithSkips()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        addContacts(t, QJsonArray{contact("Existing", "08030000009")});
        const HttpReply r = t.http.post(
            QStringLiteral("/contacts/%1/add").arg(t.userId),
            QJsonArray{contact("A", "08030000001"),
                       contact("B", "+234 803 000 0001"), // same as A after normalisation
                       contact("C", "12345"),
                       QJsonObject{{"phone_number", "08030000003"}}, // no name
                       contact("E", "08030000009"),                  // already stored
                       QJsonObject{{"name", "F"}, {"phone_number", "08030000004"}, {"kids_names", "Tom"}},
                       QJsonValue(42),
                       contact("H", "08030000005")});
        EXPECT_STATUS(r, 201);
        const QJsonArray added = r.value("added").toArray();
        QCOMPARE(added.size(), 2);
        QCOMPARE(added.at(0).toObject().value("name").toString(), QStringLiteral("A"));
        QCOMPARE(added.at(1).toObject().value("name").toString(), QStringLiteral("H"));
        const QJsonArray skipped = r.value("skipped").toArray();
        QCOMPARE(skipped.size(), 6);
        const QList<QPair<int, QString>> expected{{1, "duplicate"},         {2, "invalid_phone"},
                                                  {3, "validation_failed"}, {4, "duplicate"},
                                                  {5, "validation_failed"}, {6, "validation_failed"}};
        for (int i = 0; i < expected.size(); ++i) {
            const QJsonObject o = skipped.at(i).toObject();
            QCOMPARE(o.value("index").toInt(), expected.at(i).first);
            QCOMPARE(o.value("reason").toString(), expected.at(i).second);
        }
        QCOMPARE(skipped.at(0).toObject().value("phone_number").toString(), QStringLiteral("+234 803 000 0001"));
        QCOMPARE(skipped.at(1).toObject().value("phone_number").toString(), QStringLiteral("12345"));
        QCOMPARE(skipped.at(2).toObject().value("field").toString(), QStringLiteral("name"));
        QCOMPARE(skipped.at(4).toObject().value("field").toString(), QStringLiteral("kids_names"));
        QCOMPARE(s.core().contacts().countForUser(t.vendor.id, t.userId), 3);
    }

    void addLimitsAndErrors()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QString path = QStringLiteral("/contacts/%1/add").arg(t.userId);
        QJsonArray many;
        for (int i = 0; i < 5001; ++i)
            many.append(contact(QStringLiteral("C%1").arg(i), QStringLiteral("0803%1").arg(1000000 + i)));
        HttpReply r = t.http.post(path, many);
        EXPECT_ERROR(r, 413, "too_many_items");
        QCOMPARE(s.core().contacts().countForUser(t.vendor.id, t.userId), 0);
        many.removeLast();
        r = t.http.post(path, many); // exactly 5,000 is fine
        EXPECT_STATUS(r, 201);
        QCOMPARE(r.value("added").toArray().size(), 5000);
        QCOMPARE(s.core().contacts().countForUser(t.vendor.id, t.userId), 5000);
        // A big answer is written in slices and joined: every contact once, in input order,
        // ids ascending, whatever slice it fell in.
        const QJsonArray added = r.value("added").toArray();
        for (int i = 0; i < added.size(); ++i) {
            const QJsonObject c = added.at(i).toObject();
            QCOMPARE(c.value("name").toString(), QStringLiteral("C%1").arg(i));
            QCOMPARE(c.value("phone_number").toString(), QStringLiteral("234803%1").arg(1000000 + i));
            if (i)
                QVERIFY(c.value("id").toInteger() > added.at(i - 1).toObject().value("id").toInteger());
        }

        EXPECT_ERROR(t.http.request("POST", path, "[{\"name\": \"x\""), 400, "invalid_json");
        // A JSON scalar is neither a contact nor a list of them.
        const HttpReply scalar = t.http.request("POST", path, "\"just a string\"");
        QVERIFY2(scalar.status == 400 && hasErrorShape(scalar)
                     && (scalar.errorCode() == "validation_failed" || scalar.errorCode() == "invalid_json"),
                 qPrintable(scalar.describe()));
        EXPECT_ERROR(t.http.post(QStringLiteral("/contacts/%1/add").arg(t.userId + 5),
                                 contact("A", "08030000001")),
                     404, "not_found");
        // Empty array: nothing to add, nothing skipped.
        r = t.http.post(path, QJsonArray{});
        EXPECT_STATUS(r, 201);
        QCOMPARE(r.value("added").toArray().size(), 0);
    }

    void batchUpdate()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QList<qint64> ids = addContacts(
            t, QJsonArray{contact("A", "08030000001"), contact("B", "08030000002"), contact("C", "08030000003")});
        QCOMPARE(ids.size(), 3);
        const QString path = QStringLiteral("/contacts/%1/batch-update").arg(t.userId);
        HttpReply r = t.http.patch(path, QJsonObject{{"contacts", QJsonArray{
                                                                  QJsonObject{{"id", ids[0]}, {"nickname", "Ace"}},
                                                                  QJsonObject{{"id", ids[1]}, {"interests", QJsonArray{"x"}}},
                                                              }}});
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("results").toArray().at(0).toObject().value("status").toString(), QStringLiteral("updated"));
        QCOMPARE(r.value("results").toArray().at(1).toObject().value("id").toInteger(), ids[1]);
        QCOMPARE(s.core().contacts().find(t.vendor.id, t.userId, ids[0])->nickname, QStringLiteral("Ace"));
        QCOMPARE(s.core().contacts().find(t.vendor.id, t.userId, ids[1])->interests, QJsonArray{"x"});

        r = t.http.patch(path, QJsonObject{{"contacts", QJsonArray{
                                                           QJsonObject{{"id", ids[2]}, {"name", "Carl"}},
                                                           QJsonObject{{"id", ids[2] + 1000}, {"name", "Nobody"}},
                                                           QJsonObject{{"id", ids[1]}, {"phone_number", "bad"}},
                                                           QJsonObject{{"id", ids[0]}, {"dob", "yesterday"}},
                                                           QJsonObject{{"name", "no id"}},
                                                       }}});
        EXPECT_STATUS(r, 207);
        const QJsonArray results = r.value("results").toArray();
        QCOMPARE(results.size(), 5);
        const QStringList statuses{"updated", "not_found", "invalid", "invalid", "invalid"};
        for (int i = 0; i < 5; ++i)
            QCOMPARE(results.at(i).toObject().value("status").toString(), statuses.at(i));
        QVERIFY(results.at(2).toObject().value("error").isString());
        QCOMPARE(s.core().contacts().find(t.vendor.id, t.userId, ids[2])->name, QStringLiteral("Carl"));
        QCOMPARE(s.core().contacts().find(t.vendor.id, t.userId, ids[1])->phoneNumber, QStringLiteral("2348030000002"));

        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{}), "contacts");
        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{{"contacts", "x"}}), "contacts");
        EXPECT_ERROR(t.http.patch(QStringLiteral("/contacts/%1/batch-update").arg(t.userId + 9),
                                  QJsonObject{{"contacts", QJsonArray{}}}),
                     404, "not_found");
    }

    void updateOne()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QList<qint64> ids = addContacts(t, QJsonArray{contact("A", "08030000001"), contact("B", "08030000002")});
        const QString path = QStringLiteral("/contacts/%1/%2").arg(t.userId).arg(ids[0]);
        HttpReply r = t.http.patch(path, QJsonObject{{"name", "Alice"}, {"phone_number", "+2348030000005"},
                                                     {"pets_names", QJsonArray{"Rex"}},
                                                     {"message_opt_in", false}});
        EXPECT_STATUS(r, 200);
        const QJsonObject c = r.value("contact").toObject();
        QCOMPARE(c.value("name").toString(), QStringLiteral("Alice"));
        QCOMPARE(c.value("phone_number").toString(), QStringLiteral("2348030000005"));
        QCOMPARE(c.value("pets_names").toArray(), QJsonArray{"Rex"});
        QCOMPARE(c.value("message_opt_in").toBool(), false);
        QCOMPARE(s.core().contacts().find(t.vendor.id, t.userId, ids[0])->name, QStringLiteral("Alice"));

        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{{"phone_number", "123"}}), "phone_number");
        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{{"message_opt_in", "no"}}), "message_opt_in");
        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{{"average_spend", "lots"}}), "average_spend");
        EXPECT_FIELD_ERROR(t.http.patch(path, QJsonObject{{"name", ""}}), "name");
        EXPECT_ERROR(t.http.patch(path, QJsonObject{{"phone_number", "08030000002"}}), 409, "duplicate");
        EXPECT_ERROR(t.http.patch(QStringLiteral("/contacts/%1/%2").arg(t.userId).arg(ids[1] + 100),
                                  QJsonObject{{"name", "x"}}),
                     404, "not_found");
        EXPECT_ERROR(t.http.request("PATCH", path, "{]"), 400, "invalid_json");
        QCOMPARE(s.core().contacts().find(t.vendor.id, t.userId, ids[0])->phoneNumber, QStringLiteral("2348030000005"));
    }

    void batchRemove()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const qint64 second = s.createUser(t.vendor.apiKey);
        const QList<qint64> ids = addContacts(
            t, QJsonArray{contact("A", "08030000001"), contact("B", "08030000002"), contact("C", "08030000003")});
        Tenant t2 = t;
        t2.userId = second;
        const QList<qint64> otherIds = addContacts(t2, QJsonArray{contact("Z", "08030000001")});
        const QString path = QStringLiteral("/contacts/%1/batch-remove").arg(t.userId);
        const HttpReply r = t.http.request(
            "DELETE", path,
            QJsonDocument(QJsonObject{{"ids", QJsonArray{ids[0], ids[2], otherIds[0], 99999}}}).toJson());
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("removed").toInt(), 2);
        QCOMPARE(s.core().contacts().countForUser(t.vendor.id, t.userId), 1);
        QCOMPARE(s.core().contacts().countForUser(t.vendor.id, second), 1);

        const HttpReply empty = t.http.request("DELETE", path, "{\"ids\": []}");
        EXPECT_STATUS(empty, 200);
        QCOMPARE(empty.value("removed").toInt(), 0);
        EXPECT_FIELD_ERROR(t.http.request("DELETE", path, "{}"), "ids");
        EXPECT_FIELD_ERROR(t.http.request("DELETE", path, "{\"ids\": \"1,2\"}"), "ids");
        EXPECT_FIELD_ERROR(t.http.request("DELETE", path, "{\"ids\": [1, \"x\"]}"), "ids[1]");
        EXPECT_ERROR(t.http.request("DELETE", path, "{\"ids\": [1"), 400, "invalid_json");
        EXPECT_ERROR(t.http.request("DELETE", QStringLiteral("/contacts/%1/batch-remove").arg(t.userId + 9),
                                    "{\"ids\": [1]}"),
                     404, "not_found");
        EXPECT_ERROR(t.http.get(path), 405, "method_not_allowed");
    }

    void listAndSearch()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        QJsonArray items;
        for (int i = 0; i < 120; ++i)
            items.append(QJsonObject{{"name", QStringLiteral("Person %1").arg(i)},
                                     {"phone_number", QStringLiteral("0803%1").arg(2000000 + i)},
                                     {"email", QStringLiteral("p%1@mail.example").arg(i)},
                                     {"company_name", i % 40 == 0 ? "Blue Harbour" : "Other"}});
        items.append(QJsonObject{{"name", "Ngozi Okafor"}, {"phone_number", "08057654321"}});
        addContacts(t, items);
        const QString base = QStringLiteral("/contacts/%1/list").arg(t.userId);

        HttpReply r = t.http.get(base);
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("contacts").toArray().size(), 50);
        QCOMPARE(r.value("page").toInt(), 1);
        QCOMPARE(r.value("limit").toInt(), 50);
        QCOMPARE(r.value("total").toInt(), 121);
        r = t.http.get(base + QStringLiteral("?page=3&limit=50"));
        QCOMPARE(r.value("contacts").toArray().size(), 21);
        QCOMPARE(r.value("page").toInt(), 3);
        r = t.http.get(base + QStringLiteral("?page=2&limit=500"));
        QCOMPARE(r.value("contacts").toArray().size(), 0);
        QCOMPARE(r.value("total").toInt(), 121);

        r = t.http.get(base + QStringLiteral("?search=ngozi"));
        QCOMPARE(r.value("total").toInt(), 1);
        QCOMPARE(r.value("contacts").toArray().at(0).toObject().value("name").toString(), QStringLiteral("Ngozi Okafor"));
        r = t.http.get(base + QStringLiteral("?search=%2B2348057654321")); // phone (+ URL-encoded)
        QCOMPARE(r.value("total").toInt(), 1);
        r = t.http.get(base + QStringLiteral("?search=7654321")); // the phone's last digits
        QCOMPARE(r.value("total").toInt(), 1);
        QCOMPARE(r.value("total_is_estimate").toBool(true), false);
        r = t.http.get(base + QStringLiteral("?search=okafor%20ngo")); // words in any order, prefixes
        QCOMPARE(r.value("total").toInt(), 1);
        r = t.http.get(base + QStringLiteral("?search=p7%40mail")); // email
        QCOMPARE(r.value("total").toInt(), 1);
        r = t.http.get(base + QStringLiteral("?search=blue%20harbour&limit=2")); // company
        QCOMPARE(r.value("total").toInt(), 3);
        QCOMPARE(r.value("contacts").toArray().size(), 2);
        r = t.http.get(base + QStringLiteral("?search=nobody-has-this"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("total").toInt(), 0);

        EXPECT_FIELD_ERROR(t.http.get(base + QStringLiteral("?limit=501")), "limit");
        EXPECT_FIELD_ERROR(t.http.get(base + QStringLiteral("?page=0")), "page");
        EXPECT_FIELD_ERROR(t.http.get(base + QStringLiteral("?page=x")), "page");
        EXPECT_FIELD_ERROR(t.http.get(base + QStringLiteral("?search=") + QString(300, QLatin1Char('a'))),
                           "search");
        EXPECT_ERROR(t.http.get(QStringLiteral("/contacts/%1/list").arg(t.userId + 3)), 404, "not_found");
    }

    // Issue #12: each contact is findable as soon as its add request has answered (no index
    // catching up afterwards), and past 10,000 matches the total is an estimate, said so.
    void findableOnceAddedAndTotalEstimatedPastTheCap()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QString base = QStringLiteral("/contacts/%1/list").arg(t.userId);
        for (int b = 0; b < 3; ++b) {
            QJsonArray items;
            for (int i = 0; i < 4999; ++i) {
                const int n = b * 4999 + i;
                items.append(QJsonObject{{"name", QStringLiteral("Common Émile %1").arg(n)},
                                         {"phone_number", QStringLiteral("0803%1").arg(3000000 + n)},
                                         {"email", QStringLiteral("c%1@mail.example").arg(n)}});
            }
            items.append(QJsonObject{{"name", QStringLiteral("Batch%1 Quokka").arg(b)},
                                     {"phone_number", QStringLiteral("0805%1").arg(7000000 + b)}});
            const HttpReply added = t.http.post(QStringLiteral("/contacts/%1/add").arg(t.userId), items);
            EXPECT_STATUS(added, 201);
            // The very next request finds the batch's last contact, by a word and by its phone.
            HttpReply r = t.http.get(base + QStringLiteral("?search=quokka+batch") + QString::number(b));
            QVERIFY2(r.value("total").toInt() == 1, r.body.constData());
            r = t.http.get(base + QStringLiteral("?search=") + QString::number(7000000 + b));
            QVERIFY2(r.value("total").toInt() == 1, r.body.constData());
        }
        HttpReply r = t.http.get(base + QStringLiteral("?search=emile&limit=10"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.value("contacts").toArray().size(), 10);
        QCOMPARE(r.value("total_is_estimate").toBool(), true);
        QVERIFY2(r.value("total").toInt() > 10000, r.body.right(80).constData());
        r = t.http.get(base + QStringLiteral("?search=quokka"));
        QCOMPARE(r.value("total").toInt(), 3);
        QCOMPARE(r.value("total_is_estimate").toBool(true), false);
    }
};

QTEST_GUILESS_MAIN(TestContacts)
#include "tst_contacts.moc"
