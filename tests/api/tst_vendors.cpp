#include "ApiServer.h"
#include "CoreServices.h"
#include "RawConnection.h"
#include "TestApiServer.h"
#include "accounts/VendorStore.h"
#include "security/Crypto.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {
QJsonObject registration(const QString &email)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")},
                       {QStringLiteral("email"), email},
                       {QStringLiteral("password"), QStringLiteral("s3cret-pass")},
                       {QStringLiteral("company_name"), QStringLiteral("Ada Ltd")},
                       {QStringLiteral("phone_number"), QStringLiteral("+2348031234567")}};
}

QByteArray postRequest(const QString &path, const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "POST " + path.toUtf8() +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
           "application/json\r\nContent-Length: " +
           QByteArray::number(json.size()) + "\r\n\r\n" + json;
}

// Holds every Argon2id of this process on its computing thread until release() (or a
// 5 s safety net), and counts the computations that started. The state is shared with the
// hook, so a computation still inside it when a test ends touches nothing freed.
struct PasswordWorkGate
{
    struct State
    {
        QSemaphore open;
        QAtomicInt started;
    };
    std::shared_ptr<State> state = std::make_shared<State>();
    PasswordWorkGate()
    {
        Crypto::setPasswordWorkHookForTesting([s = state] {
            s->started.ref();
            s->open.tryAcquire(1, 5000);
        });
    }
    ~PasswordWorkGate()
    {
        Crypto::setPasswordWorkHookForTesting({});
        release();
    }
    int started() const { return state->started.loadRelaxed(); }
    void release() { state->open.release(1000); }
};

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
        QCOMPARE(keys, (QStringList{"company_name", "created_at", "email", "id", "name",
                                    "phone_number"}));
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
        QCOMPARE(s.client()
                     .post(QStringLiteral("/vendors/register"),
                           registration(QStringLiteral("ada@example.com")))
                     .status,
                 201);
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
        QCOMPARE(
            r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("id")).toInteger(),
            v.id);
    }

    void wrongLoginIs401()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor(QStringLiteral("who@example.com"));
        HttpReply r = s.client().post(
            QStringLiteral("/vendors/login"),
            QJsonObject{{QStringLiteral("email"), v.email},
                        {QStringLiteral("password"), QStringLiteral("wrong password")}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_credentials"));
        QVERIFY(!r.body.contains(v.apiKey.toUtf8()));
        r = s.client().post(
            QStringLiteral("/vendors/login"),
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
        QCOMPARE(
            r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("name")).toString(),
            QStringLiteral("New Name"));
    }

    // Argon2id (64 MiB) runs on the password pool: while registrations hash, the thread that
    // serves the API answers other requests. Shown by order, not by time: hashing is held.
    void registerHashesOffTheServingThread()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        PasswordWorkGate gate;
        std::vector<std::unique_ptr<RawConnection>> registers;
        for (int i = 0; i < 5; ++i) {
            registers.push_back(std::make_unique<RawConnection>(s.port()));
            registers.back()->send(
                postRequest(QStringLiteral("/vendors/register"),
                            registration(QStringLiteral("concurrent%1@example.com").arg(i))));
        }
        // The pool (2 threads) is busy with held hashes; the others wait in its queue.
        QTRY_VERIFY_WITH_TIMEOUT(gate.started() >= 2, 10000);
        const HttpReply health = s.client().get(QStringLiteral("/health"));
        QCOMPARE(health.status, 200);
        const HttpReply me = s.client().get(QStringLiteral("/vendors/me"));
        QCOMPARE(me.status, 401);
        QCoreApplication::processEvents();
        for (auto &c : registers)
            QVERIFY2(c->received().isEmpty(), c->received().constData());
        gate.release();
        for (auto &c : registers) {
            const HttpReply r = c->readReply(30000);
            QCOMPARE(r.status, 201);
            QVERIFY(isKey(r.value(QStringLiteral("api_key")).toString()));
            // The deferred answer carries the headers every answer has.
            QCOMPARE(r.header("x-content-type-options"), QByteArray("nosniff"));
            QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
        }
        QCOMPARE(s.core().vendors().listAllForOperator().size(), 5);
    }

    // HTTP/1.1 answers leave in request order: a request pipelined behind a deferred one is
    // answered after it, even though its own answer was ready first.
    void pipelinedBehindADeferredAnswer()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        PasswordWorkGate gate;
        RawConnection c(s.port());
        c.send(postRequest(QStringLiteral("/vendors/register"),
                           registration(QStringLiteral("pipelined@example.com"))) +
               "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(gate.started() >= 1, 10000);
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200); // another connection
        QCoreApplication::processEvents();
        QVERIFY2(c.received().isEmpty(), c.received().constData());
        gate.release();
        const HttpReply first = c.readReply(30000);
        QCOMPARE(first.status, 201);
        const HttpReply second = c.readReply(30000);
        QCOMPARE(second.status, 200);
    }

    // A client gone before its deferred answer: the work still completes (the vendor is
    // stored), nothing is written to a dead socket, and the server keeps serving.
    void clientGoneBeforeTheDeferredAnswer()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        PasswordWorkGate gate;
        {
            RawConnection c(s.port());
            c.send(postRequest(QStringLiteral("/vendors/register"),
                               registration(QStringLiteral("gone@example.com"))));
            QTRY_VERIFY_WITH_TIMEOUT(gate.started() >= 1, 10000);
            c.socket().abort();
        }
        // The server has seen the reset (the socket is gone) before the answer is due.
        QTRY_COMPARE_WITH_TIMEOUT(s.server().openConnections(), 0, 10000);
        gate.release();
        QTRY_COMPARE_WITH_TIMEOUT(s.core().vendors().listAllForOperator().size(), 1, 30000);
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    // The email is checked before hashing and again at the insert: of two concurrent
    // registrations of one email exactly one gets 201, the other 409.
    void concurrentRegistrationsOfOneEmail()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        PasswordWorkGate gate;
        RawConnection a(s.port()), b(s.port());
        a.send(postRequest(QStringLiteral("/vendors/register"),
                           registration(QStringLiteral("twice@example.com"))));
        b.send(postRequest(QStringLiteral("/vendors/register"),
                           registration(QStringLiteral("Twice@example.com"))));
        QTRY_VERIFY_WITH_TIMEOUT(gate.started() >= 2, 10000);
        gate.release();
        const HttpReply ra = a.readReply(30000), rb = b.readReply(30000);
        QList<int> statuses{ra.status, rb.status};
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int>{201, 409}));
        QCOMPARE((ra.status == 409 ? ra : rb).errorCode(), QStringLiteral("email_taken"));
        QCOMPARE(s.core().vendors().listAllForOperator().size(), 1);
    }

    // A taken email is answered before any Argon2id is spent on it.
    void takenEmailCostsNoHash()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QCOMPARE(s.client()
                     .post(QStringLiteral("/vendors/register"),
                           registration(QStringLiteral("ada@example.com")))
                     .status,
                 201);
        const quint64 before = Crypto::passwordWorkCount();
        const HttpReply r = s.client().post(QStringLiteral("/vendors/register"),
                                            registration(QStringLiteral("ADA@example.com")));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.errorCode(), QStringLiteral("email_taken"));
        QCOMPARE(Crypto::passwordWorkCount(), before);
    }

    // Registration is throttled per address (10 within login_window_seconds).
    void registerIsThrottledPerAddress()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        for (int i = 0; i < 10; ++i) {
            const HttpReply r =
                s.client().post(QStringLiteral("/vendors/register"),
                                registration(QStringLiteral("r%1@example.com").arg(i)));
            QCOMPARE(r.status, 201);
        }
        const quint64 before = Crypto::passwordWorkCount();
        const HttpReply r = s.client().post(QStringLiteral("/vendors/register"),
                                            registration(QStringLiteral("r10@example.com")));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
        const int retryAfter = r.header("retry-after").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 900, r.header("retry-after").constData());
        QCOMPARE(Crypto::passwordWorkCount(), before); // refused before hashing
        // Logins and everything else still work from that address.
        QCOMPARE(s.client()
                     .post(QStringLiteral("/vendors/login"),
                           QJsonObject{{QStringLiteral("email"), QStringLiteral("r0@example.com")},
                                       {QStringLiteral("password"), QStringLiteral("s3cret-pass")}})
                     .status,
                 200);
    }

    // A vendor's phone is stored as E.164 digits, on register and on update (api.md).
    void phoneIsNormalised()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        QJsonObject body = registration(QStringLiteral("phone@example.com"));
        body[QStringLiteral("phone_number")] = QStringLiteral("0803 123 4567");
        HttpReply r = s.client().post(QStringLiteral("/vendors/register"), body);
        QCOMPARE(r.status, 201);
        const QJsonObject vendor = r.value(QStringLiteral("vendor")).toObject();
        QCOMPARE(vendor.value(QStringLiteral("phone_number")).toString(),
                 QStringLiteral("2348031234567"));
        const QString key = r.value(QStringLiteral("api_key")).toString();
        const qint64 id = vendor.value(QStringLiteral("id")).toInteger();

        body = registration(QStringLiteral("bad-phone@example.com"));
        body[QStringLiteral("phone_number")] = QStringLiteral("12345");
        r = s.client().post(QStringLiteral("/vendors/register"), body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("validation_failed"));
        QCOMPARE(r.errorField(), QStringLiteral("phone_number"));

        r = s.vendorClient(key).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("phone_number"), QStringLiteral("+1 415-555-0123")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(QStringLiteral("vendor"))
                     .toObject()
                     .value(QStringLiteral("phone_number"))
                     .toString(),
                 QStringLiteral("14155550123"));
        r = s.vendorClient(key).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("phone_number"), QStringLiteral("call me")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("phone_number"));
        QCOMPARE(s.core().vendors().find(id)->phoneNumber, QStringLiteral("14155550123"));
        // #13: null is no value, like "" (null was read as "not given" and ignored): a vendor
        // needs a name and a phone, so both are refused; the company may be cleared.
        for (const QString &field : {QStringLiteral("name"), QStringLiteral("phone_number")}) {
            for (const QJsonValue &none : {QJsonValue(QJsonValue::Null), QJsonValue(QString())}) {
                r = s.vendorClient(key).put(QStringLiteral("/vendors/update"),
                                            QJsonObject{{QStringLiteral("id"), id}, {field, none}});
                QCOMPARE(r.status, 400);
                QCOMPARE(r.errorField(), field);
            }
        }
        QCOMPARE(s.core().vendors().find(id)->phoneNumber, QStringLiteral("14155550123"));
        r = s.vendorClient(key).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("company_name"), QJsonValue::Null}});
        QCOMPARE(r.status, 200);
        QVERIFY(s.core().vendors().find(id)->companyName.isEmpty());
    }

    void updateAnotherVendorIs403()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        HttpReply r = s.vendorClient(a.apiKey).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), b.id},
                        {QStringLiteral("name"), QStringLiteral("Hijack")}});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        r = s.vendorClient(b.apiKey).get(QStringLiteral("/vendors/me"));
        QCOMPARE(r.value(QStringLiteral("vendor")).toObject().value(QStringLiteral("name")),
                 b.json.value(QStringLiteral("name")));

        r = s.vendorClient(a.apiKey).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("id"));
        r = s.vendorClient(a.apiKey).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), QStringLiteral("abc")}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorField(), QStringLiteral("id"));
        r = s.vendorClient(a.apiKey).put(
            QStringLiteral("/vendors/update"),
            QJsonObject{{QStringLiteral("id"), a.id}, {QStringLiteral("name"), 12}});
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
