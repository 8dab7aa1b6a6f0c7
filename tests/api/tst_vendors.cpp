#include "TestApiServer.h"

#include <QRegularExpression>
#include <QTest>

namespace {
QJsonObject registration(const QString &email)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")},
                       {QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("s3cret-pass")},
                       {QStringLiteral("company_name"), QStringLiteral("Ada Ltd")},
                       {QStringLiteral("phone_number"), QStringLiteral("+2348031234567")}};
}

bool isKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(key).hasMatch();
}

// Neither a password nor its hash may ever leave the server (error messages may name the
// field "password", never its value).
void verifyNoSecrets(const HttpReply &r, const QString &password = QStringLiteral("s3cret-pass"))
{
    const QByteArray body = r.body.toLower();
    QVERIFY2(!body.contains("password_hash"), r.body.constData());
    QVERIFY2(!body.contains("$argon2"), r.body.constData());
    QVERIFY2(!r.body.contains(password.toUtf8()), r.body.constData());
    if (r.status < 300)
        QVERIFY2(!body.contains("password"), r.body.constData());
}
} // namespace

class TestVendors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registerAnswersVendorAndKey()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().post(QStringLiteral("/vendors/register"),
                                            registration(QStringLiteral("  Ada@Example.COM ")));
        QCOMPARE(r.status, 201);
        verifyNoSecrets(r);
        const QJsonObject v = r.value(QStringLiteral("vendor")).toObject();
        QStringList keys = v.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{"company_name", "created_at", "email", "id", "name", "phone_number"}));
        QVERIFY(v.value(QStringLiteral("id")).toInteger() > 0);
        QCOMPARE(v.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
        QCOMPARE(v.value(QStringLiteral("name")).toString(), QStringLiteral("Ada"));
        QCOMPARE(v.value(QStringLiteral("company_name")).toString(), QStringLiteral("Ada Ltd"));
        QVERIFY(v.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
        QVERIFY(isKey(r.value(QStringLiteral("api_key")).toString()));
    }

    void takenEmailIs409WhateverTheCase()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QCOMPARE(s.client().post(QStringLiteral("/vendors/register"),
                                 registration(QStringLiteral("ada@example.com"))).status, 201);
        const HttpReply r = s.client().post(QStringLiteral("/vendors/register"),
                                            registration(QStringLiteral(" ADA@example.com")));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("email_taken"));
    }

    void registerValidation_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value"); // Undefined = remove the field
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("no name") << "name" << missing;
        QTest::newRow("empty name") << "name" << QJsonValue(QStringLiteral("   "));
        QTest::newRow("name number") << "name" << QJsonValue(42);
        QTest::newRow("huge name") << "name" << QJsonValue(QString(100000, QLatin1Char('n')));
        QTest::newRow("no email") << "email" << missing;
        QTest::newRow("bad email") << "email" << QJsonValue(QStringLiteral("not-an-email"));
        QTest::newRow("email array") << "email" << QJsonValue(QJsonArray{1});
        QTest::newRow("no password") << "password" << missing;
        QTest::newRow("short password") << "password" << QJsonValue(QStringLiteral("1234567"));
        QTest::newRow("password bool") << "password" << QJsonValue(true);
        QTest::newRow("huge password") << "password" << QJsonValue(QString(5000, QLatin1Char('p')));
        QTest::newRow("no company") << "company_name" << missing;
        QTest::newRow("no phone") << "phone_number" << missing;
        QTest::newRow("phone object") << "phone_number" << QJsonValue(QJsonObject{});
    }
    void registerValidation()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        TestApiServer s;
        QVERIFY(s.isValid());
        QJsonObject body = registration(QStringLiteral("v@example.com"));
        if (value.isUndefined())
            body.remove(field);
        else
            body.insert(field, value);
        const HttpReply r = s.client().post(QStringLiteral("/vendors/register"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), field);
        verifyNoSecrets(r);
    }

    void registerUnknownFieldsAreIgnored()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QJsonObject body = registration(QStringLiteral("u@example.com"));
        body.insert(QStringLiteral("is_admin"), true);
        body.insert(QStringLiteral("id"), 999);
        const HttpReply r = s.client().post(QStringLiteral("/vendors/register"), body);
        QCOMPARE(r.status, 201);
        QVERIFY(!r.body.contains("is_admin"));
    }

    void registerInvalidJson()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        HttpReply r = s.client().request("POST", QStringLiteral("/vendors/register"), "{\"name\":");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
        r = s.client().request("POST", QStringLiteral("/vendors/register"), "");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_json"));
        r = s.client().request("POST", QStringLiteral("/vendors/register"), "[1,2]");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), QStringLiteral("body"));
    }

    void loginReturnsTheCurrentKey()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor(QStringLiteral("login@example.com"));
        const HttpReply r = s.client().post(
            QStringLiteral("/vendors/login"),
            QJsonObject{{QStringLiteral("email"), QStringLiteral(" LOGIN@example.com ")},
                        {QStringLiteral("password"), v.password}});
        QCOMPARE(r.status, 200);
        verifyNoSecrets(r, v.password);
        QCOMPARE(r.value(QStringLiteral("api_key")).toString(), v.apiKey);
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("id")).toInteger(), v.id);
    }

    void wrongLoginIs401()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor(QStringLiteral("who@example.com"));
        HttpReply r = s.client().post(QStringLiteral("/vendors/login"),
                                      QJsonObject{{QStringLiteral("email"), v.email},
                                                  {QStringLiteral("password"), QStringLiteral("wrong password")}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_credentials"));
        QVERIFY(!r.body.contains(v.apiKey.toUtf8()));
        r = s.client().post(QStringLiteral("/vendors/login"),
                            QJsonObject{{QStringLiteral("email"), QStringLiteral("nobody@example.com")},
                                        {QStringLiteral("password"), v.password}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_credentials"));
        r = s.client().post(QStringLiteral("/vendors/login"),
                            QJsonObject{{QStringLiteral("email"), v.email}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("password"));
    }

    void me()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        const HttpReply r = s.vendorClient(v.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 200);
        verifyNoSecrets(r);
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject(), v.json);
    }

    void updateOwnAccount()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        HttpReply r = s.vendorClient(v.apiKey).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), v.id},
                        {QStringLiteral("name"), QStringLiteral("New Name")},
                        {QStringLiteral("company_name"), QStringLiteral("New Co")}});
        QCOMPARE(r.status, 200);
        verifyNoSecrets(r);
        const QJsonObject vendor = r.value(QStringLiteral("vendor")).toObject();
        QCOMPARE(vendor.value(QStringLiteral("name")).toString(), QStringLiteral("New Name"));
        QCOMPARE(vendor.value(QStringLiteral("company_name")).toString(), QStringLiteral("New Co"));
        QCOMPARE(vendor.value(QStringLiteral("email")).toString(), v.email);
        r = s.vendorClient(v.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("New Name"));
    }

    void updateAnotherVendorIs403()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        HttpReply r = s.vendorClient(a.apiKey).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), b.id}, {QStringLiteral("name"), QStringLiteral("Hijack")}});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        r = s.vendorClient(b.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("name")), b.json.value(QStringLiteral("name")));

        r = s.vendorClient(a.apiKey).put(QStringLiteral("/vendors/update"),
                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("id"));
        r = s.vendorClient(a.apiKey).put(QStringLiteral("/vendors/update"),
                                         QJsonObject{{QStringLiteral("id"), QStringLiteral("abc")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("id"));
        r = s.vendorClient(a.apiKey).put(QStringLiteral("/vendors/update"),
                                         QJsonObject{{QStringLiteral("id"), a.id},
                                                     {QStringLiteral("name"), 12}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("name"));
    }

    void rotateKeyRevokesTheOldOne()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        HttpReply r = s.vendorClient(v.apiKey).post(QStringLiteral("/vendors/rotate-key"));
        QCOMPARE(r.status, 200);
        const QString newKey = r.value(QStringLiteral("api_key")).toString();
        QVERIFY(isKey(newKey));
        QVERIFY(newKey != v.apiKey);
        r = s.vendorClient(v.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_api_key"));
        QCOMPARE(s.vendorClient(newKey).get(QStringLiteral("/vendors/me")).status, 200);
        r = s.client().post(QStringLiteral("/vendors/login"),
                            QJsonObject{{QStringLiteral("email"), v.email},
                                        {QStringLiteral("password"), v.password}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("api_key")).toString(), newKey);
    }

    void wrongMethodsAre405()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        HttpReply r = s.client().get(QStringLiteral("/vendors/register"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.errorCode(), QStringLiteral("method_not_allowed"));
        QCOMPARE(r.header("allow"), QByteArray("POST"));
        r = s.client().del(QStringLiteral("/vendors/me"));
        QCOMPARE(r.status, 405);
        r = s.client().post(QStringLiteral("/vendors/update"), QJsonObject{});
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("PUT"));
    }
};

QTEST_GUILESS_MAIN(TestVendors)
#include "tst_vendors.moc"
