#include "DomainError.h"
#include "RequestValidator.h"
#include "contacts/ContactJson.h"

#include <QJsonDocument>
#include <QTest>

#include <functional>

// The field readers every controller uses (RequestValidator): what each accepts, and that each
// refusal is validation_failed naming the field (the 400 body's details.field).
class TestRequestValidator : public QObject
{
    Q_OBJECT

    static QJsonObject obj(const char *json)
    {
        return QJsonDocument::fromJson(QByteArray(json)).object();
    }
    // The DomainError a reader throws, or nullopt when it accepts.
    static std::optional<DomainError> refusal(const std::function<void()> &read)
    {
        try {
            read();
        } catch (const DomainError &e) {
            return e;
        }
        return std::nullopt;
    }
    static void expectRefused(const std::function<void()> &read, const QString &field)
    {
        const auto e = refusal(read);
        QVERIFY2(e.has_value(),
                 qPrintable(QStringLiteral("accepted, expected a refusal of ") + field));
        QCOMPARE(e->kind(), DomainError::Kind::Validation);
        QCOMPARE(e->code(), QStringLiteral("validation_failed"));
        QCOMPARE(e->details().value(QStringLiteral("field")).toString(), field);
        QVERIFY(!e->message().isEmpty());
    }

private Q_SLOTS:
    void requiredStringTrimsAndBounds()
    {
        using namespace RequestValidator;
        QCOMPARE(requiredString(obj(R"({"n":"  Ada  "})"), QStringLiteral("n")),
                 QStringLiteral("Ada"));
        expectRefused([] { requiredString(obj(R"({})"), QStringLiteral("n")); },
                      QStringLiteral("n"));
        expectRefused([] { requiredString(obj(R"({"n":null})"), QStringLiteral("n")); },
                      QStringLiteral("n"));
        expectRefused([] { requiredString(obj(R"({"n":"   "})"), QStringLiteral("n")); },
                      QStringLiteral("n"));
        expectRefused([] { requiredString(obj(R"({"n":5})"), QStringLiteral("n")); },
                      QStringLiteral("n"));
        expectRefused([] { requiredString(obj(R"({"n":["a"]})"), QStringLiteral("n")); },
                      QStringLiteral("n"));
        // The bound counts the trimmed text.
        QCOMPARE(requiredString(obj(R"({"n":" abc "})"), QStringLiteral("n"), 3),
                 QStringLiteral("abc"));
        expectRefused([] { requiredString(obj(R"({"n":"abcd"})"), QStringLiteral("n"), 3); },
                      QStringLiteral("n"));
    }

    // #13: one rule for text (TextInput, shared with ContactJson; docs/api.md "Validation"):
    // absent is "not given", null and blank are both "no value". null used to read as absent
    // here (a PATCH ignored it) while ContactJson cleared the field.
    void optionalStringNullAndBlankAreNoValue()
    {
        using namespace RequestValidator;
        QVERIFY(!optionalString(obj(R"({})"), QStringLiteral("n")).has_value());
        for (const char *json : {R"({"n":null})", R"({"n":""})", R"({"n":"  "})"}) {
            const auto s = optionalString(obj(json), QStringLiteral("n"));
            QVERIFY2(s.has_value(), json);
            QVERIFY2(s->isNull(), json); // stored as NULL, answered as null
        }
        QCOMPARE(*optionalString(obj(R"({"n":" Ada "})"), QStringLiteral("n")),
                 QStringLiteral("Ada"));
        expectRefused([] { optionalString(obj(R"({"n":true})"), QStringLiteral("n")); },
                      QStringLiteral("n"));
    }

    // The same input gives the same answer from a route's reader and the contact codec.
    void requiredStringsAnswerLikeContacts()
    {
        for (const char *json : {R"({"name":""})", R"({"name":"   "})", R"({"name":null})"}) {
            const auto route = refusal(
                [&] { RequestValidator::requiredString(obj(json), QStringLiteral("name")); });
            const auto contact = refusal([&] { ContactJson::fromJson(obj(json), nullptr); });
            QVERIFY2(route && contact, json);
            QCOMPARE(contact->message(), route->message());
            QCOMPARE(contact->message(), QStringLiteral("name is required"));
            QCOMPARE(contact->details(), route->details());
        }
    }

    void idsArePositiveExactIntegers_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("id"); // 0: refused
        QTest::newRow("number") << QByteArray(R"({"id":42})") << qint64(42);
        QTest::newRow("digits string") << QByteArray(R"({"id":" 42 "})") << qint64(42);
        QTest::newRow("largest exact")
            << QByteArray(R"({"id":9007199254740991})") << qint64(9007199254740991LL);
        QTest::newRow("zero") << QByteArray(R"({"id":0})") << qint64(0);
        QTest::newRow("negative") << QByteArray(R"({"id":-1})") << qint64(0);
        QTest::newRow("fraction") << QByteArray(R"({"id":1.5})") << qint64(0);
        QTest::newRow("not exact") << QByteArray(R"({"id":9007199254740993})") << qint64(0);
        QTest::newRow("huge") << QByteArray(R"({"id":1e300})") << qint64(0);
        QTest::newRow("signed string") << QByteArray(R"({"id":"+4"})") << qint64(0);
        QTest::newRow("hex string") << QByteArray(R"({"id":"0x10"})") << qint64(0);
        QTest::newRow("16-digit string") << QByteArray(R"({"id":"1000000000000000"})") << qint64(0);
        QTest::newRow("empty string") << QByteArray(R"({"id":""})") << qint64(0);
        QTest::newRow("bool") << QByteArray(R"({"id":true})") << qint64(0);
    }
    void idsArePositiveExactIntegers()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, id);
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        if (id > 0) {
            QCOMPARE(RequestValidator::requiredId(o, QStringLiteral("id")), id);
            QCOMPARE(RequestValidator::optionalId(o, QStringLiteral("id")).value_or(0), id);
        } else {
            expectRefused([&] { RequestValidator::requiredId(o, QStringLiteral("id")); },
                          QStringLiteral("id"));
            expectRefused([&] { RequestValidator::optionalId(o, QStringLiteral("id")); },
                          QStringLiteral("id"));
        }
    }

    void absentOptionalsAreNullopt()
    {
        using namespace RequestValidator;
        const QJsonObject o = obj(R"({"a":null})");
        QVERIFY(!optionalId(o, QStringLiteral("a")).has_value());
        QVERIFY(!optionalBool(o, QStringLiteral("a")).has_value());
        QVERIFY(!optionalInt(o, QStringLiteral("a"), 0, 10).has_value());
        QVERIFY(!optionalInt(o, QStringLiteral("missing"), 0, 10).has_value());
        expectRefused([] { requiredId(obj(R"({})"), QStringLiteral("id")); }, QStringLiteral("id"));
    }

    void boolsAreBools()
    {
        using namespace RequestValidator;
        QCOMPARE(optionalBool(obj(R"({"b":false})"), QStringLiteral("b")),
                 std::optional<bool>(false));
        expectRefused([] { optionalBool(obj(R"({"b":"true"})"), QStringLiteral("b")); },
                      QStringLiteral("b"));
        expectRefused([] { optionalBool(obj(R"({"b":1})"), QStringLiteral("b")); },
                      QStringLiteral("b"));
    }

    void intsAreBounded()
    {
        using namespace RequestValidator;
        QCOMPARE(optionalInt(obj(R"({"i":10})"), QStringLiteral("i"), 1, 10),
                 std::optional<int>(10));
        QCOMPARE(optionalInt(obj(R"({"i":1})"), QStringLiteral("i"), 1, 10), std::optional<int>(1));
        expectRefused([] { optionalInt(obj(R"({"i":11})"), QStringLiteral("i"), 1, 10); },
                      QStringLiteral("i"));
        expectRefused([] { optionalInt(obj(R"({"i":0})"), QStringLiteral("i"), 1, 10); },
                      QStringLiteral("i"));
        expectRefused([] { optionalInt(obj(R"({"i":2.5})"), QStringLiteral("i"), 1, 10); },
                      QStringLiteral("i"));
        expectRefused([] { optionalInt(obj(R"({"i":"5"})"), QStringLiteral("i"), 1, 10); },
                      QStringLiteral("i"));
    }

    void requiredIntsArePresentAndBounded()
    {
        using namespace RequestValidator;
        QCOMPARE(requiredInt(obj(R"({"i":0})"), QStringLiteral("i"), 0, 10), 0);
        expectRefused([] { requiredInt(obj(R"({})"), QStringLiteral("i"), 0, 10); },
                      QStringLiteral("i"));
        expectRefused([] { requiredInt(obj(R"({"i":null})"), QStringLiteral("i"), 0, 10); },
                      QStringLiteral("i"));
        expectRefused([] { requiredInt(obj(R"({"i":11})"), QStringLiteral("i"), 0, 10); },
                      QStringLiteral("i"));
    }

    void arraysAreArrays()
    {
        using namespace RequestValidator;
        QCOMPARE(requiredArray(obj(R"({"a":[1,2]})"), QStringLiteral("a")).size(), 2);
        QCOMPARE(requiredArray(obj(R"({"a":[]})"), QStringLiteral("a")).size(), 0);
        expectRefused([] { requiredArray(obj(R"({"a":{}})"), QStringLiteral("a")); },
                      QStringLiteral("a"));
        expectRefused([] { requiredArray(obj(R"({"a":"1,2"})"), QStringLiteral("a")); },
                      QStringLiteral("a"));
        expectRefused([] { requiredArray(obj(R"({})"), QStringLiteral("a")); },
                      QStringLiteral("a"));
    }

    void emailsAreLowerCasedAndLooselyChecked()
    {
        using namespace RequestValidator;
        QCOMPARE(requiredEmail(obj(R"({"e":" Ada@Example.COM "})"), QStringLiteral("e")),
                 QStringLiteral("ada@example.com"));
        for (const char *bad :
             {R"({"e":"ada"})", R"({"e":"ada@example"})", R"({"e":"a b@example.com"})",
              R"({"e":"a@b@example.com"})", R"({"e":""})"}) {
            expectRefused([bad] { requiredEmail(obj(bad), QStringLiteral("e")); },
                          QStringLiteral("e"));
        }
        // 254 characters is the longest address (RFC 5321 path limit).
        const QString local(242, QLatin1Char('a'));
        const QString ok = local + QStringLiteral("@example.com");
        QCOMPARE(ok.size(), 254);
        QCOMPARE(requiredEmail(QJsonObject{{QStringLiteral("e"), ok}}, QStringLiteral("e")), ok);
        const QString tooLong = QLatin1Char('a') + ok;
        expectRefused(
            [&] {
                requiredEmail(QJsonObject{{QStringLiteral("e"), tooLong}}, QStringLiteral("e"));
            },
            QStringLiteral("e"));
    }

    void queryIntsHaveDefaultsAndBounds()
    {
        using namespace RequestValidator;
        QCOMPARE(queryInt(QString(), QStringLiteral("page"), 1, 1, 100), 1);
        QCOMPARE(queryInt(QStringLiteral("  "), QStringLiteral("page"), 7, 1, 100), 7);
        QCOMPARE(queryInt(QStringLiteral(" 5 "), QStringLiteral("page"), 1, 1, 100), 5);
        QCOMPARE(queryInt(QStringLiteral("100"), QStringLiteral("limit"), 1, 1, 100), 100);
        for (const char *bad : {"0", "101", "abc", "5x", "1.5", "99999999999999999999"}) {
            expectRefused(
                [bad] { queryInt(QString::fromLatin1(bad), QStringLiteral("limit"), 1, 1, 100); },
                QStringLiteral("limit"));
        }
    }
};

QTEST_GUILESS_MAIN(TestRequestValidator)
#include "tst_requestvalidator.moc"
