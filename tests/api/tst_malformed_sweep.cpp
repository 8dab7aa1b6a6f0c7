// R2's route sweep: EVERY route the Router knows (all core controllers and the WhatsApp ones),
// hit with random JSON, wrong types, huge strings, bad UTF-8, SQL and path tricks in path
// parameters, query strings and bodies. Unlike tst_fuzz_inputs (which knows each route's
// fields), this one reads the route table, so a route added tomorrow is swept without anyone
// remembering to. Every answer must be a 2xx/3xx or a 4xx in the api.md error shape: no 5xx, no
// hang (no answer within the client timeout), no crash (the server runs in this process), and
// the server must still answer /health after each route. Deterministic: the generator is seeded
// from the route, so a failure names a request that reproduces.

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "SessionManager.h"
#include "WhatsAppControllers.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QUrl>

namespace {

// Up to 300 requests per route, but at most 3 s of them (~40 routes: 2 minutes at worst);
// a hang is caught by the client's own timeout, whatever the budget.
constexpr int kRequestsPerRoute = 300;
constexpr qint64 kRouteBudgetMs = 3000;

// Keys the controllers read, so random objects often reach the validators with wrong types.
const QStringList &fieldNames()
{
    static const QStringList f = {
        "name", "email", "password", "company_name", "phone_number", "external_user_id", "label",
        "sandbox", "user_id", "recipients", "contacts", "message", "file_url", "caption",
        "template_id", "from_number_id", "metadata", "number", "id", "ids", "app_user_id",
        "plan_id", "ends_at", "starts_at", "status", "max_phone_numbers", "max_messages",
        "period_days", "notes", "dob", "kids_names", "pets_names", "message_opt_in",
        "average_spend", "whatsapp_broadcast_preference", "anniversary_date", "interests",
        "preferred_products", "page", "limit", "search", "gender", "timezone", "nickname",
        "customer_tier", "age_group", "language_preference", "job_title", "industry",
        "partner_name", "custom_salutation", "text", "batch_id", "__proto__", "constructor",
        // #14: inbound, sandbox incoming, opt-in.
        "from", "body", "type", "as_lid", "quoted_message_id", "location", "vcard", "reason",
        "contact", "since", "before",
        // #15: webhooks.
        "url", "events", "description", "enabled"};
    return f;
}

// Percent-encoded (the request line stays ASCII) hostile values for ":params".
const QStringList &hostileSegments()
{
    static const QStringList s = {
        "0", "-1", "1.5", "1e3", "0x10", "+1", "%201", "9223372036854775807",
        "9223372036854775808", "99999999999999999999999999", "abc", "null", "undefined", "NaN",
        "%27%20OR%201%3D1%20--", "1%3B%20DROP%20TABLE%20users%3B--", "%22%3B--",
        "..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2F", "%00", "1%00", "%FF%FE", "%C3%28",
        "%ED%A0%80", "%F0%9F%98%80", "%E2%80%AE1", "%EF%BC%91%EF%BC%92", "%25", "%",
        "%zz", "%%30", "{{name}}", "%7B%7Bname%7D%7D", "*", "%2A", "list", "add", "me",
        "+2348031234567", "08031234567", "2348031234567", "%2B14155550123",
        QString(300, QLatin1Char('9')), QString(5000, QLatin1Char('a'))};
    return s;
}

const QStringList &hostileStrings()
{
    static const QStringList s = {
        "", " ", "\t\n", "' OR 1=1 --", "\"; DROP TABLE contact_lists; --", "%", "_",
        "../../../../etc/passwd", "..\\..\\windows", "file:///etc/passwd", "http://127.0.0.1:1/x",
        "javascript:alert(1)", "ftp://x", "data:text/plain,hi", "http://", "https://[::1",
        QStringLiteral("😀 \u202e 𝕏"), "{{name}}", "{{", "}}{{|}}", "0", "-1", "1e999",
        "2026-02-30", "9999-99-99T99:99:99Z", "2026-11-24T10:00:00Z", "+2348031234567",
        "08031234567", "not-an-email", "a@b", "A@B.CO", QString(QChar(0)) + "nul",
        QString::fromUtf16(u"\xD800x"), QString::fromUtf16(u"\xDFFF"), "true", "null",
        "active", "cancelled", "expired", "suspended", "pending"};
    return s;
}

class Generator
{
public:
    explicit Generator(quint32 seed) : m_rng(seed) {}

    int below(int n) { return int(m_rng.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T>
    const T &pick(const QList<T> &list) { return list.at(below(int(list.size()))); }

    QString string()
    {
        switch (below(6)) {
        case 0: return pick(hostileStrings());
        case 1: return QString(below(10) == 0 ? 300000 : 300, QLatin1Char("x7 {"[below(4)]));
        case 2: {
            QString s;
            const int n = below(40);
            for (int i = 0; i < n; ++i)
                s += QChar(char16_t(m_rng.bounded(1, 0x10000))); // any code unit, lone surrogates too
            return s;
        }
        case 3: return QString::number(m_rng.generate64());
        default: return pick(hostileStrings()) + pick(hostileStrings());
        }
    }

    QJsonValue value(int depth)
    {
        switch (below(depth > 2 ? 6 : 9)) {
        case 0: return QJsonValue(QJsonValue::Null);
        case 1: return chance(50);
        case 2: {
            static const QList<double> numbers = {0, 1, -1, 2, 1.5, -0.0, 1e308, -1e308, 4e-320,
                                                  9007199254740993.0, 2147483648.0, 1e15, 100000};
            return chance(50) ? pick(numbers) : double(qint32(m_rng.generate()));
        }
        case 3:
        case 4:
        case 5: return string();
        case 6:
        case 7: return object(depth + 1);
        default: {
            QJsonArray a;
            const int n = below(8) == 0 ? 60 : below(5);
            for (int i = 0; i < n; ++i)
                a.append(value(depth + 1));
            return a;
        }
        }
    }

    QJsonObject object(int depth)
    {
        QJsonObject o;
        const int n = below(8);
        for (int i = 0; i < n; ++i) {
            QString key = chance(85) ? pick(fieldNames()) : string().left(64);
            // Never a null key: with one, this generator crashed inside Qt 6.8.2's
            // QJsonObject::insert (a null pointer in equalStrings; the core dump's stack), on
            // the test's side, not the server's.
            if (key.isNull())
                key = QStringLiteral("");
            o.insert(key, value(depth));
        }
        return o;
    }

    // One request body: mostly JSON objects with the fields controllers read, sometimes other
    // JSON, sometimes bytes that are no JSON or no UTF-8.
    QByteArray body()
    {
        const int kind = below(100);
        if (kind < 55)
            return QJsonDocument(object(0)).toJson(QJsonDocument::Compact);
        if (kind < 65) {
            QJsonArray a;
            const int n = below(4);
            for (int i = 0; i < n; ++i)
                a.append(value(1));
            return QJsonDocument(a).toJson(QJsonDocument::Compact);
        }
        if (kind < 75) {
            static const QList<QByteArray> scalars = {"", "null", "true", "42", "\"x\"", "-0",
                                                      "1e999", "{}", "[]", " ", "\xef\xbb\xbf{}"};
            return pick(scalars);
        }
        if (kind < 88) {
            // Valid-looking JSON with raw invalid UTF-8 inside a string.
            static const QList<QByteArray> bad = {"\xc3\x28", "\xe2\x82", "\xf0\x28\x8c\x28",
                                                  "\xff", "\xed\xa0\x80", "\xc0\xaf",
                                                  QByteArray("\x00", 1)};
            return "{\"" + pick(fieldNames()).toUtf8() + "\":\"" + pick(bad) + "\",\""
                   + pick(fieldNames()).toUtf8() + "\":\"ok\"}";
        }
        // Broken JSON: a valid body cut short, or random bytes.
        QByteArray b = QJsonDocument(object(0)).toJson(QJsonDocument::Compact);
        if (chance(50) && b.size() > 1)
            return b.left(below(int(b.size())));
        QByteArray r;
        const int n = below(200);
        for (int i = 0; i < n; ++i)
            r += char(m_rng.bounded(256));
        return r;
    }

    QString query()
    {
        static const QStringList keys = {"page", "limit", "search", "status", "app_user_id",
                                         "q", "sort", "page"};
        QString q;
        const int n = below(4);
        for (int i = 0; i < n; ++i) {
            q += (i ? QStringLiteral("&") : QStringLiteral("?")) + pick(keys) + QLatin1Char('=')
                 + pick(hostileSegments());
        }
        return q;
    }

private:
    QRandomGenerator m_rng;
};

} // namespace

class TestMalformedSweep : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestApiServer> m_server;
    std::unique_ptr<SessionManager> m_sessions;
    Tenant m_tenant;
    QHash<QString, QString> m_valid; // ":param" → an id or value of the tenant's that exists
    qint64 m_subscriptionId = 0;
    qint64 m_messageId = 0;
    int m_total = 0;

    HttpClient client() const
    {
        HttpClient c(m_server->port());
        c.setApiKey(m_tenant.vendor.apiKey);
        c.setAdminToken(QString::fromLatin1(TestApiServer::AdminToken));
        c.setTimeoutMs(20000);
        return c;
    }

    QString validFor(const QString &param, const QString &pattern) const
    {
        if (param == QLatin1String("id")) {
            if (pattern.startsWith(QLatin1String("/messages")))
                return QString::number(m_messageId);
            if (pattern.startsWith(QLatin1String("/admin/subscriptions")))
                return QString::number(m_subscriptionId);
            return m_tenant.user();
        }
        return m_valid.value(param, QStringLiteral("1"));
    }

    // The concrete path for one request: each ":param" a valid value or a hostile one.
    QString pathFor(const QString &pattern, Generator &g) const
    {
        QStringList segments = pattern.split(QLatin1Char('/'));
        for (QString &s : segments) {
            if (!s.startsWith(QLatin1Char(':')))
                continue;
            s = g.chance(40) ? validFor(s.mid(1), pattern) : g.pick(hostileSegments());
        }
        return segments.join(QLatin1Char('/'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestApiServer>();
        QVERIFY(m_server->isValid());
        m_sessions = std::make_unique<SessionManager>(m_server->core());
        addWhatsAppControllers(m_server->server(), m_server->core(), *m_sessions);

        m_tenant = makeTenant(*m_server, 100, 1000000, false);
        m_tenant.planId = m_server->createPlan(100, 1000000);
        m_subscriptionId = m_server->subscribe(m_tenant.userId, m_tenant.planId);
        QVERIFY(m_tenant.userId > 0 && m_subscriptionId > 0);
        const QList<qint64> contacts = addContacts(
            m_tenant, QJsonArray{contact("Ada", "08031111111"), contact("Obi", "08032222222")});
        QCOMPARE(contacts.size(), 2);
        const HttpReply n = m_tenant.http.post(
            QStringLiteral("/whatsapp-numbers/%1/add").arg(m_tenant.userId),
            QJsonObject{{"phone_number", "08030000001"}, {"sandbox", true}});
        QVERIFY2(n.status == 201, qPrintable(n.describe()));
        m_valid.insert(QStringLiteral("userId"), m_tenant.user());
        m_valid.insert(QStringLiteral("contactId"), QString::number(contacts.first()));
        m_valid.insert(QStringLiteral("numberId"), QString::number(idOf(n.value("number"))));
        m_valid.insert(QStringLiteral("phoneNumber"), QStringLiteral("2348030000001"));

        // A batch to read and cancel (queued even though the number is not connected).
        const HttpReply m = m_tenant.http.post(
            QStringLiteral("/messages"),
            QJsonObject{{"user_id", m_tenant.userId},
                        {"recipients", QJsonArray{QJsonObject{{"number", "08031111111"}}}},
                        {"message", "Hello {{name}}"}});
        const QJsonArray results = m.value("results").toArray();
        m_valid.insert(QStringLiteral("batchId"), m.value("batch_id").toString(QStringLiteral("b1")));
        m_messageId = results.isEmpty() ? 1 : results.first().toObject().value("message_id").toInteger(1);
    }

    void cleanupTestCase()
    {
        qInfo("malformed sweep: %d requests", m_total);
        m_sessions.reset();
        m_server.reset();
    }

    void sweep_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("pattern");
        QVERIFY(m_server);
        QList<QPair<QString, QString>> routes = m_server->server().router().routes();
        QVERIFY2(routes.size() >= 30, "the router should know every core and WhatsApp route");
        // Destructive routes last, so the others run against the tenant's live data.
        std::stable_sort(routes.begin(), routes.end(), [](const auto &a, const auto &b) {
            const auto rank = [](const QPair<QString, QString> &r) {
                if (r.second.contains(QLatin1String("rotate-key")))
                    return 2;
                return r.first.compare(QLatin1String("DELETE"), Qt::CaseInsensitive) == 0 ? 1 : 0;
            };
            return rank(a) < rank(b);
        });
        for (const auto &r : routes)
            QTest::newRow(qPrintable(r.first + QLatin1Char(' ') + r.second)) << r.first << r.second;
    }

    void sweep()
    {
        QFETCH(QString, method);
        QFETCH(QString, pattern);
        Generator g(quint32(qHash(method + pattern, 2026u)));
        HttpClient http = client();
        QStringList failures;
        QElapsedTimer clock;
        clock.start();
        int sent = 0;
        for (; sent < kRequestsPerRoute && clock.elapsed() < kRouteBudgetMs; ++sent) {
            const QString path = pathFor(pattern, g) + (g.chance(25) ? g.query() : QString());
            const QByteArray body = g.chance(85) ? g.body() : QByteArray();
            const QByteArray contentType = g.chance(90) ? QByteArray("application/json")
                                                        : g.pick(QList<QByteArray>{
                                                              "text/plain", "", "application/json; charset=latin1",
                                                              "multipart/form-data; boundary=x"});
            const HttpReply r = http.request(method.toLatin1(), path, body, {}, contentType);
            ++m_total;
            const bool ok = (r.status >= 200 && r.status < 400)
                            || (r.status >= 400 && r.status < 500 && hasErrorShape(r));
            if (!ok) {
                failures << QStringLiteral("%1 %2 body=%3 → %4")
                                .arg(method, path.left(160),
                                     QString::fromLatin1(body.left(160).toPercentEncoding(" {}\":,[]")),
                                     r.status == 0 ? QStringLiteral("no answer (hang)")
                                                   : r.describe().left(300));
                if (failures.size() >= 5)
                    break;
            }
            // The tenant's key changes when rotate-key succeeds: keep following it.
            if (pattern.endsWith(QLatin1String("rotate-key")) && r.status == 200) {
                m_tenant.vendor.apiKey = r.value("api_key").toString();
                http = client();
            }
        }
        qInfo("%s %s: %d requests in %lld ms", qPrintable(method), qPrintable(pattern), sent,
              clock.elapsed());
        const HttpReply health = client().get(QStringLiteral("/health"));
        if (health.status != 200)
            failures << QStringLiteral("GET /health afterwards → %1").arg(health.describe());
        if (failures.isEmpty() && sent < 20)
            failures << QStringLiteral("only %1 requests in %2 ms (too slow to sweep)")
                            .arg(sent)
                            .arg(clock.elapsed());
        if (!failures.isEmpty())
            QFAIL(qPrintable(QStringLiteral("%1 %2: %3 bad answers of %4:\n  ")
                                 .arg(method, pattern)
                                 .arg(failures.size())
                                 .arg(sent)
                             + failures.join(QStringLiteral("\n  "))));
    }

    // Raw request lines a client library would never send: bad UTF-8 and controls in the
    // target, absolute and asterisk forms, on real route prefixes.
    void rawTargets()
    {
        static const QList<QByteArray> targets = {
            "/users/\xff\xfe", "/contacts/\xc3\x28/list", "/users/1\x01", "/messages/%00",
            "//users/list", "/users/list/", "/users//list", "/./users/list", "/users/../vendors/me",
            "*", "http://127.0.0.1/users/list", "/users/list?page=\xff", "/users/list#x",
            "/connect/1/\xf0\x9f\x98\x80", "/sandbox/1/%2e%2e/outbox"};
        static const QList<QByteArray> methods = {"GET", "POST", "DELETE", "PATCH", "PUT"};
        const QByteArray key = m_tenant.vendor.apiKey.toLatin1();
        for (const QByteArray &t : targets) {
            for (const QByteArray &m : methods) {
                const QByteArray req = m + ' ' + t +
                                       " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + key +
                                       "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                                       "Connection: close\r\n\r\n{}";
                const HttpReply r = HttpClient::raw(m_server->port(), req, 15000);
                ++m_total;
                // The server may also just close on a request line it cannot parse.
                const bool ok = (r.status == 0 && r.closedByServer && !r.timedOut)
                                || (r.status >= 200 && r.status < 500);
                QVERIFY2(ok, qPrintable(QStringLiteral("%1 %2 → %3")
                                            .arg(QString::fromLatin1(m),
                                                 QString::fromLatin1(t.toPercentEncoding("/?#:")),
                                                 r.timedOut ? QStringLiteral("hang") : r.describe())));
            }
        }
        QCOMPARE(client().get(QStringLiteral("/health")).status, 200);
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestMalformedSweep)
#include "tst_malformed_sweep.moc"
