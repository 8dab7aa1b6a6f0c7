// R2 for the users, numbers, contacts and messages routes: malformed bodies (invalid JSON,
// bad UTF-8, wrong top-level types, every field with every wrong type, 1 MB strings, SQL and
// path tricks) and hostile path parameters. Every answer must be a 2xx or a 4xx in the one
// error shape — never a 5xx, never a hang — and the server must still serve afterwards.
// Deterministic (a fixed seed) so a failure reproduces.

#include "RoutesFixture.h"

#include <QRandomGenerator>

namespace {

struct Route
{
    QByteArray method;
    QString path;
    QStringList fields;      // the fields the route reads
    QJsonObject valid;       // a body it accepts, mutated one field at a time
    bool arrayBody = false;  // POST /contacts/:id/add also takes an array
};

QList<QJsonValue> hostileValues()
{
    const QString mb(1000 * 1000, QLatin1Char('x'));
    return {
        QJsonValue(1),
        QJsonValue(-1),
        QJsonValue(0),
        QJsonValue(1e308),
        QJsonValue(-1.5),
        QJsonValue(9007199254740993.0),
        QJsonValue(true),
        QJsonValue(QJsonValue::Null),
        QJsonValue(QJsonArray{}),
        QJsonValue(QJsonArray{1, "x", QJsonObject{}}),
        QJsonValue(QJsonObject{}),
        QJsonValue(QJsonObject{{"$gt", ""}}),
        QJsonValue(QString()),
        QJsonValue(QStringLiteral("   ")),
        QJsonValue(mb),
        QJsonValue(QStringLiteral("' OR 1=1 --")),
        QJsonValue(QStringLiteral("\"; DROP TABLE contact_lists; --")),
        QJsonValue(QStringLiteral("../../../../etc/passwd")),
        QJsonValue(QStringLiteral("%00%2e%2e%2f")),
        QJsonValue(QString(QChar(0)) + QStringLiteral("nul")),
        QJsonValue(QStringLiteral("😀 \u202e 𝕏 {{name}} {{")),
        QJsonValue(QStringLiteral("+99999999999999999999999")),
        QJsonValue(QStringLiteral("-5")),
        QJsonValue(QStringLiteral("1e3")),
        QJsonValue(QString::fromUtf8("\xed\xa0\x80")), // lone surrogate, as Qt decodes it
    };
}

QList<QByteArray> malformedBodies()
{
    QByteArray deep;
    for (int i = 0; i < 5000; ++i)
        deep += '[';
    return {
        QByteArray(),
        "{",
        "}",
        "nul",
        "[1,",
        "{\"a\":}",
        "{'single': 'quotes'}",
        "{\"name\": \"x\",}",
        "\xff\xfe\x00{",
        "{\"name\": \"\xc3\x28\", \"email\": \"a@b.c\"}",   // invalid UTF-8 in a string
        "{\"phone_number\": \"\xe2\x82\"}",                 // truncated sequence
        "{\"user_id\": 1, \"contacts\": [\"\xf0\x28\x8c\x28\"], \"message\": \"x\"}",
        "42",
        "\"a string\"",
        "null",
        "true",
        "[]",
        "[1, 2, 3]",
        "{}",
        deep,
        "{\"a\": 1e999999}",
        "{\"a\": -}",
        "{\"id\": 18446744073709551616}",
        QByteArray(200000, ' ') + "{}",
        "{\"__proto__\": {\"admin\": true}}",
    };
}

} // namespace

class TestFuzzInputs : public QObject
{
    Q_OBJECT

    int m_checked = 0;

    // A 2xx, or a 4xx with the error shape; anything else fails with the request named.
    void check(const HttpReply &r, const QByteArray &method, const QString &path, const QByteArray &what)
    {
        ++m_checked;
        const bool ok = (r.status >= 200 && r.status < 300) || (r.status >= 400 && r.status < 500 && hasErrorShape(r));
        if (!ok)
            QFAIL(qPrintable(QStringLiteral("%1 %2 with %3 → %4")
                                 .arg(QString::fromLatin1(method), path.left(120),
                                      QString::fromUtf8(what.left(120)), r.describe().left(400))));
    }

private Q_SLOTS:
    void bodies()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s, 100, 100000);
        const QList<qint64> contacts = addContacts(t, QJsonArray{contact("A", "08031111111"), contact("B", "08032222222")});
        const HttpReply n = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                        QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}});
        const qint64 number = idOf(n.value("number"));
        QVERIFY(number > 0 && contacts.size() == 2);
        const QString u = t.user();
        const QList<Route> routes{
            {"POST", "/users/register", {"name", "email", "company_name", "external_user_id"},
             QJsonObject{{"name", "N"}, {"email", "fuzz@example.com"}}},
            {"PATCH", "/users/" + u, {"name", "email", "company_name", "external_user_id"}, QJsonObject{{"name", "N"}}},
            {"POST", "/whatsapp-numbers/" + u + "/add", {"phone_number", "label", "sandbox"},
             QJsonObject{{"phone_number", "08030000002"}}},
            {"PATCH", QStringLiteral("/whatsapp-numbers/%1/update/%2").arg(u).arg(number), {"label", "phone_number"},
             QJsonObject{{"label", "L"}}},
            {"POST", "/contacts/" + u + "/add",
             {"name", "phone_number", "email", "dob", "kids_names", "message_opt_in", "average_spend",
              "whatsapp_broadcast_preference", "notes", "interests"},
             contact("C", "08033333333"), true},
            {"PATCH", "/contacts/" + u + "/batch-update", {"contacts"},
             QJsonObject{{"contacts", QJsonArray{QJsonObject{{"id", contacts.at(0)}, {"nickname", "n"}}}}}},
            {"PATCH", QStringLiteral("/contacts/%1/%2").arg(u).arg(contacts.at(1)),
             {"name", "phone_number", "dob", "anniversary_date", "pets_names", "preferred_products", "customer_tier",
              "average_spend", "message_opt_in", "whatsapp_broadcast_preference"},
             QJsonObject{{"nickname", "n"}}},
            {"DELETE", "/contacts/" + u + "/batch-remove", {"ids"}, QJsonObject{{"ids", QJsonArray{424242}}}},
            {"POST", "/messages", {"user_id", "contacts", "message", "file_url", "caption", "template_id", "from_number_id"},
             QJsonObject{{"user_id", t.userId},
                         {"contacts", QJsonArray{QJsonObject{{"number", "08031111111"}, {"metadata", QJsonObject{{"k", "v"}}}}}},
                         {"message", "hi {{k}}"}}},
        };
        const QList<QJsonValue> values = hostileValues();
        const QList<QByteArray> raw = malformedBodies();
        for (const Route &r : routes) {
            for (const QByteArray &body : raw)
                check(t.http.request(r.method, r.path, body), r.method, r.path, body);
            for (const QString &field : r.fields) {
                for (const QJsonValue &v : values) {
                    QJsonObject o = r.valid;
                    o.insert(field, v);
                    const QByteArray body = QJsonDocument(o).toJson(QJsonDocument::Compact);
                    check(t.http.request(r.method, r.path, body), r.method, r.path,
                          field.toUtf8() + "=" + QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact).left(60));
                    QJsonObject missing = r.valid;
                    missing.remove(field);
                    check(t.http.request(r.method, r.path, QJsonDocument(missing).toJson()), r.method, r.path,
                          "without " + field.toUtf8());
                }
                if (r.arrayBody) { // the same inside an array of contacts
                    QJsonArray items;
                    for (const QJsonValue &v : values) {
                        QJsonObject o = r.valid;
                        o.insert(field, v);
                        items.append(o);
                    }
                    check(t.http.request(r.method, r.path, QJsonDocument(items).toJson()), r.method, r.path,
                          "array of hostile " + field.toUtf8());
                }
            }
        }
        // Nested hostile values inside POST /messages contacts and batch-update items.
        for (const QJsonValue &v : values) {
            const QJsonObject m{{"user_id", t.userId},
                                {"contacts", QJsonArray{QJsonObject{{"number", v}, {"metadata", QJsonObject{{"k", v}}}},
                                                        QJsonObject{{"number", "08031111111"}, {"metadata", v}}, v}},
                                {"message", "{{k|{{k}}}}"}};
            check(t.http.request("POST", "/messages", QJsonDocument(m).toJson()), "POST", "/messages", "nested");
            const QJsonObject b{{"contacts", QJsonArray{QJsonObject{{"id", v}, {"name", v}}, v}}};
            check(t.http.request("PATCH", "/contacts/" + u + "/batch-update", QJsonDocument(b).toJson()), "PATCH",
                  "batch-update", "nested");
            const QJsonObject ids{{"ids", QJsonArray{v, contacts.at(0)}}};
            check(t.http.request("DELETE", "/contacts/" + u + "/batch-remove", QJsonDocument(ids).toJson()), "DELETE",
                  "batch-remove", "nested");
        }
        QVERIFY(m_checked > 1000);
        EXPECT_STATUS(s.client().get(QStringLiteral("/health")), 200);
        EXPECT_STATUS(t.http.get(QStringLiteral("/users/%1").arg(t.userId)), 200);
    }

    void randomJson()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        addContacts(t, QJsonArray{contact("A", "08031111111")});
        QRandomGenerator rng(20261125);
        const QString u = t.user();
        const QList<QPair<QByteArray, QString>> routes{
            {"POST", "/users/register"}, {"PATCH", "/users/" + u}, {"POST", "/whatsapp-numbers/" + u + "/add"},
            {"POST", "/contacts/" + u + "/add"}, {"PATCH", "/contacts/" + u + "/batch-update"},
            {"DELETE", "/contacts/" + u + "/batch-remove"}, {"POST", "/messages"}};
        const QStringList keys{"name", "email", "phone_number", "user_id", "contacts", "message", "ids",
                               "id", "number", "metadata", "label", "sandbox", "file_url", "kids_names"};
        std::function<QJsonValue(int)> randomValue = [&](int depth) -> QJsonValue {
            switch (rng.bounded(depth > 3 ? 5 : 7)) {
            case 0: return QJsonValue(double(rng.bounded(-1000, 100000)));
            case 1: return QJsonValue(rng.bounded(2) == 1);
            case 2: return QJsonValue(QJsonValue::Null);
            case 3: {
                QString str;
                const int len = rng.bounded(40);
                for (int i = 0; i < len; ++i)
                    str += QChar(char16_t(rng.bounded(1, 0x2FF)));
                return QJsonValue(str);
            }
            case 4: return QJsonValue(QStringLiteral("0803%1").arg(rng.bounded(1000000, 9999999)));
            case 5: {
                QJsonArray a;
                for (int i = 0, n = rng.bounded(4); i < n; ++i)
                    a.append(randomValue(depth + 1));
                return a;
            }
            default: {
                QJsonObject o;
                for (int i = 0, n = rng.bounded(5); i < n; ++i)
                    o.insert(keys.at(rng.bounded(keys.size())), randomValue(depth + 1));
                return o;
            }
            }
        };
        for (int i = 0; i < 400; ++i) {
            const auto &route = routes.at(i % routes.size());
            QJsonObject body;
            for (int k = 0, n = rng.bounded(1, 6); k < n; ++k)
                body.insert(keys.at(rng.bounded(keys.size())), randomValue(0));
            const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
            check(t.http.request(route.first, route.second, bytes), route.first, route.second, bytes);
        }
        EXPECT_STATUS(s.client().get(QStringLiteral("/health")), 200);
    }

    void hostilePaths()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        Tenant t = makeTenant(s);
        const QStringList ids{"0", "-1", "1.5", "1e3", "abc", "99999999999999999999999", "%27%20OR%201%3D1--",
                              "1%20OR%201=1", "..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%AE", "%C3%28", "%FF",
                              QString(3000, QLatin1Char('9')), "1;DROP%20TABLE%20app_users", "0x10", "+1", "%201"};
        const QList<QPair<QByteArray, QString>> templates{
            {"GET", "/users/%1"}, {"PATCH", "/users/%1"}, {"DELETE", "/users/%1"},
            {"POST", "/whatsapp-numbers/%1/add"}, {"GET", "/whatsapp-numbers/%1/list"},
            {"PATCH", "/whatsapp-numbers/%1/update/%1"}, {"DELETE", "/whatsapp-numbers/%1/delete/%1"},
            {"POST", "/contacts/%1/add"}, {"PATCH", "/contacts/%1/batch-update"}, {"PATCH", "/contacts/%1/%1"},
            {"DELETE", "/contacts/%1/batch-remove"}, {"GET", "/contacts/%1/list"},
            {"GET", "/messages/%1"}, {"GET", "/messages/batch/%1"}, {"POST", "/messages/batch/%1/cancel"}};
        for (const auto &tpl : templates) {
            for (const QString &id : ids) {
                const QString path = tpl.second.arg(id);
                const HttpReply r = t.http.request(tpl.first, path, "{\"name\":\"x\"}");
                check(r, tpl.first, path, "path");
                QVERIFY2(r.status != 200 || id == "1e3" || id == "+1" || id == "%201",
                         qPrintable(tpl.first + ' ' + path + " → " + r.describe()));
            }
        }
        const QStringList queries{"?page=-1", "?limit=1e9", "?page=%27", "?search=%27%20OR%201=1--",
                                  "?search=%25", "?search=_", "?search=%22", "?search=%00", "?search=*",
                                  "?search=a%20AND%20b", "?search=NEAR(a%20b)", "?search=%F0%9F%98%80",
                                  "?page=2147483648", "?limit=&page=", "?search=" + QString(255, QLatin1Char('z'))};
        for (const QString &q : queries) {
            check(t.http.get("/contacts/" + t.user() + "/list" + q), "GET", "/contacts/list" + q, "query");
            check(t.http.get("/users/list" + q), "GET", "/users/list" + q, "query");
        }
        EXPECT_STATUS(s.client().get(QStringLiteral("/health")), 200);
    }
};

QTEST_GUILESS_MAIN(TestFuzzInputs)
#include "tst_fuzz_inputs.moc"
