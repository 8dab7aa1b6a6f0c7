// ContactJson: api.md's Contact <-> JSON, with every type rule and limit.

#include "DomainError.h"
#include "contacts/ContactJson.h"
#include "platform/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

namespace {

QJsonObject full()
{
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("Ada Obi")},
        {QStringLiteral("phone_number"), QStringLiteral("0803 123 4567")},
        {QStringLiteral("email"), QStringLiteral("ada@example.com")},
        {QStringLiteral("company_name"), QStringLiteral("Green Foods")},
        {QStringLiteral("gender"), QStringLiteral("female")},
        {QStringLiteral("dob"), QStringLiteral("1990-02-28")},
        {QStringLiteral("age_group"), QStringLiteral("30-39")},
        {QStringLiteral("language_preference"), QStringLiteral("en")},
        {QStringLiteral("timezone"), QStringLiteral("Africa/Lagos")},
        {QStringLiteral("nickname"), QStringLiteral("Adaeze")},
        {QStringLiteral("custom_salutation"), QStringLiteral("Dear Ada")},
        {QStringLiteral("partner_name"), QStringLiteral("Obi")},
        {QStringLiteral("anniversary_date"), QStringLiteral("2016-02-29")},
        {QStringLiteral("kids_names"), QJsonArray{QStringLiteral("Chi"), QStringLiteral("Nne")}},
        {QStringLiteral("pets_names"), QJsonArray{}},
        {QStringLiteral("job_title"), QStringLiteral("CTO")},
        {QStringLiteral("industry"), QStringLiteral("Food")},
        {QStringLiteral("interests"), QJsonArray{QStringLiteral("tennis")}},
        {QStringLiteral("preferred_products"), QJsonArray{QStringLiteral("rice")}},
        {QStringLiteral("message_opt_in"), false},
        {QStringLiteral("customer_tier"), QStringLiteral("gold")},
        {QStringLiteral("average_spend"), 1234.5},
        {QStringLiteral("whatsapp_broadcast_preference"),
         QJsonObject{{QStringLiteral("frequency"), QStringLiteral("weekly")}}},
        {QStringLiteral("notes"), QStringLiteral("  keeps its spaces  ")},
    };
}

QSet<QString> fullKeys()
{
    const QStringList keys = full().keys();
    return QSet<QString>(keys.begin(), keys.end());
}

std::optional<DomainError> errorOf(const QJsonObject &json)
{
    try {
        ContactJson::fromJson(json, nullptr);
    } catch (const DomainError &e) {
        return e;
    }
    return std::nullopt;
}

} // namespace

class TestContactJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldNamesAreTheWritableApiFields()
    {
        const QStringList &names = ContactJson::fieldNames();
        QCOMPARE(names.size(), 24);
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), 24);
        QCOMPARE(names.first(), QStringLiteral("name"));
        QCOMPARE(names.at(1), QStringLiteral("phone_number"));
        QCOMPARE(QSet<QString>(names.begin(), names.end()),
                 fullKeys());
    }

    void readsEveryField()
    {
        QSet<QString> present;
        const Contact c = ContactJson::fromJson(full(), &present);
        QCOMPARE(present, fullKeys());
        QCOMPARE(c.name, QStringLiteral("Ada Obi"));
        QCOMPARE(c.phoneNumber, QStringLiteral("0803 123 4567")); // raw: callers normalise
        QCOMPARE(c.email, QStringLiteral("ada@example.com"));
        QCOMPARE(c.companyName, QStringLiteral("Green Foods"));
        QCOMPARE(c.gender, QStringLiteral("female"));
        QCOMPARE(c.dob, QStringLiteral("1990-02-28"));
        QCOMPARE(c.ageGroup, QStringLiteral("30-39"));
        QCOMPARE(c.languagePreference, QStringLiteral("en"));
        QCOMPARE(c.timezone, QStringLiteral("Africa/Lagos"));
        QCOMPARE(c.nickname, QStringLiteral("Adaeze"));
        QCOMPARE(c.customSalutation, QStringLiteral("Dear Ada"));
        QCOMPARE(c.partnerName, QStringLiteral("Obi"));
        QCOMPARE(c.anniversaryDate, QStringLiteral("2016-02-29"));
        QCOMPARE(c.kidsNames, (QJsonArray{QStringLiteral("Chi"), QStringLiteral("Nne")}));
        QVERIFY(c.petsNames.isEmpty());
        QCOMPARE(c.jobTitle, QStringLiteral("CTO"));
        QCOMPARE(c.industry, QStringLiteral("Food"));
        QCOMPARE(c.interests, QJsonArray{QStringLiteral("tennis")});
        QCOMPARE(c.preferredProducts, QJsonArray{QStringLiteral("rice")});
        QCOMPARE(c.messageOptIn, false);
        QCOMPARE(c.customerTier, QStringLiteral("gold"));
        QCOMPARE(*c.averageSpend, 1234.5);
        QVERIFY(c.hasBroadcastPreference);
        QCOMPARE(c.whatsappBroadcastPreference.value(QStringLiteral("frequency")).toString(),
                 QStringLiteral("weekly"));
        QCOMPARE(c.notes, QStringLiteral("  keeps its spaces  "));
    }

    void absentFieldsAreNotPresent()
    {
        QSet<QString> present;
        const Contact c = ContactJson::fromJson(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("  Trim Me  ")},
                        {QStringLiteral("id"), 77},
                        {QStringLiteral("created_at"), QStringLiteral("x")},
                        {QStringLiteral("unknown_field"), QJsonArray{1, 2}}},
            &present);
        QCOMPARE(present, QSet<QString>{QStringLiteral("name")});
        QCOMPARE(c.name, QStringLiteral("Trim Me"));
        QCOMPARE(c.id, 0);
        QVERIFY(c.messageOptIn); // default
        QVERIFY(c.email.isNull());
        ContactJson::fromJson(QJsonObject{}, nullptr); // no field is required by fromJson
    }

    void nullClearsAndEmptyMeansNull()
    {
        QSet<QString> present;
        const Contact c = ContactJson::fromJson(
            QJsonObject{{QStringLiteral("email"), QJsonValue::Null},
                        {QStringLiteral("company_name"), QStringLiteral("   ")},
                        {QStringLiteral("kids_names"), QJsonValue::Null},
                        {QStringLiteral("average_spend"), QJsonValue::Null},
                        {QStringLiteral("whatsapp_broadcast_preference"), QJsonValue::Null},
                        {QStringLiteral("dob"), QJsonValue::Null},
                        {QStringLiteral("notes"), QString()}},
            &present);
        QCOMPARE(present.size(), 7);
        QVERIFY(c.email.isNull());
        QVERIFY(c.companyName.isNull());
        QVERIFY(c.kidsNames.isEmpty());
        QVERIFY(!c.averageSpend);
        QVERIFY(!c.hasBroadcastPreference);
        QVERIFY(c.dob.isNull());
        QVERIFY(c.notes.isNull());
    }

    // #13: TextInput's rule, the API's (docs/api.md "Validation"): blank notes are no value
    // (they were kept as spaces), and a required field without a value is "<field> is
    // required" whether absent, null or blank (blank and null said "must be a non-empty
    // string", which the API's routes never said).
    void blankIsNoValueAndRequiredSaysSo()
    {
        const Contact c = ContactJson::fromJson(
            QJsonObject{{QStringLiteral("notes"), QStringLiteral("  \n  ")}}, nullptr);
        QVERIFY(c.notes.isNull());
        for (const QJsonValue &v : {QJsonValue(QStringLiteral("")), QJsonValue(QStringLiteral(" ")),
                                    QJsonValue(QJsonValue::Null)}) {
            for (const QString &field : {QStringLiteral("name"), QStringLiteral("phone_number")}) {
                QJsonObject json = full();
                json.insert(field, v);
                const auto e = errorOf(json);
                QVERIFY(e);
                QCOMPARE(e->details().value(QStringLiteral("field")).toString(), field);
                QCOMPARE(e->message(), field + QStringLiteral(" is required"));
            }
        }
    }

    void rejectsWrongTypes_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        auto row = [](const char *tag, const char *field, const QJsonValue &v) {
            QTest::newRow(tag) << QString::fromLatin1(field) << v;
        };
        row("name number", "name", 42);
        row("name null", "name", QJsonValue::Null);
        row("name empty", "name", QStringLiteral("  "));
        row("name object", "name", QJsonObject{});
        row("phone number type", "phone_number", 2348031234567.0);
        row("phone empty", "phone_number", QString());
        row("email bool", "email", true);
        row("email shape", "email", QStringLiteral("not-an-email"));
        row("email spaces", "email", QStringLiteral("a b@c.d"));
        row("gender array", "gender", QJsonArray{QStringLiteral("f")});
        row("dob format", "dob", QStringLiteral("28/02/1990"));
        row("dob impossible", "dob", QStringLiteral("1990-02-30"));
        row("dob with time", "dob", QStringLiteral("1990-02-28T00:00:00Z"));
        row("anniversary number", "anniversary_date", 20160229);
        row("kids string", "kids_names", QStringLiteral("Chi, Nne"));
        row("kids numbers", "kids_names", QJsonArray{1, 2});
        row("pets object", "pets_names", QJsonObject{});
        row("interests nested", "interests", QJsonArray{QJsonArray{QStringLiteral("x")}});
        row("products null item", "preferred_products", QJsonArray{QJsonValue::Null});
        row("opt-in string", "message_opt_in", QStringLiteral("true"));
        row("opt-in number", "message_opt_in", 1);
        row("opt-in null", "message_opt_in", QJsonValue::Null);
        row("spend string", "average_spend", QStringLiteral("12.5"));
        row("spend bool", "average_spend", false);
        row("preference array", "whatsapp_broadcast_preference", QJsonArray{});
        row("preference string", "whatsapp_broadcast_preference", QStringLiteral("{}"));
        row("notes number", "notes", 5);
        row("name too long", "name", QString(256, QLatin1Char('n')));
        row("tier too long", "customer_tier", QString(256, QLatin1Char('t')));
        row("notes too long", "notes", QString(5001, QLatin1Char('x')));
        row("kid name too long", "kids_names", QJsonArray{QString(256, QLatin1Char('k'))});
        QJsonArray many;
        for (int i = 0; i <= ContactJson::kMaxArrayItems; ++i)
            many.append(QStringLiteral("i"));
        row("too many items", "interests", many);
    }

    void rejectsWrongTypes()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject json = full();
        json.insert(field, value);
        const auto e = errorOf(json);
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Validation);
        QCOMPARE(e->code(), QStringLiteral("validation_failed"));
        QCOMPARE(e->details().value(QStringLiteral("field")).toString(), field);
        QVERIFY(e->message().contains(field));
    }

    void limitsAreInclusive()
    {
        QJsonObject json = full();
        json.insert(QStringLiteral("name"), QString(255, QLatin1Char('n')));
        json.insert(QStringLiteral("notes"), QString(5000, QLatin1Char('x')));
        QJsonArray items;
        for (int i = 0; i < ContactJson::kMaxArrayItems; ++i)
            items.append(QStringLiteral("i"));
        json.insert(QStringLiteral("interests"), items);
        json.insert(QStringLiteral("average_spend"), -3); // a refund-heavy customer: still a number
        const Contact c = ContactJson::fromJson(json, nullptr);
        QCOMPARE(c.name.size(), 255);
        QCOMPARE(c.notes.size(), 5000);
        QCOMPARE(c.interests.size(), ContactJson::kMaxArrayItems);
        QCOMPARE(*c.averageSpend, -3.0);
    }

    void firstInvalidFieldInApiOrderIsReported()
    {
        // Fields are checked in a fixed order (name, phone_number, the text fields, dates,
        // arrays, opt-in, spend, broadcast preference, notes), whatever the object holds; with
        // several wrong, the earliest of them is the one reported. Unknown members are ignored.
        const QStringList order{QStringLiteral("name"), QStringLiteral("phone_number"),
                                QStringLiteral("email"), QStringLiteral("customer_tier"),
                                QStringLiteral("dob"), QStringLiteral("anniversary_date"),
                                QStringLiteral("kids_names"), QStringLiteral("preferred_products"),
                                QStringLiteral("message_opt_in"), QStringLiteral("average_spend"),
                                QStringLiteral("whatsapp_broadcast_preference"), QStringLiteral("notes")};
        for (int first = 0; first < order.size(); ++first) {
            QJsonObject json = full();
            json.insert(QStringLiteral("zz_unknown"), QJsonArray{1});
            json.insert(QStringLiteral("a_unknown"), 7);
            for (int i = first; i < order.size(); ++i)
                json.insert(order.at(i), QJsonValue(QJsonArray{QJsonObject{}})); // wrong for each
            const auto e = errorOf(json);
            QVERIFY(e);
            QCOMPARE(e->details().value(QStringLiteral("field")).toString(), order.at(first));
        }
        // Unknown members alone change nothing.
        QJsonObject json = full();
        json.insert(QStringLiteral("zz_unknown"), QJsonArray{1});
        json.insert(QStringLiteral("Name"), 5); // member names are exact
        QCOMPARE(ContactJson::fromJson(json, nullptr).name, QStringLiteral("Ada Obi"));
    }

    void forAddNeedsNameAndPhone()
    {
        QJsonObject json = full();
        QSet<QString> present;
        const Contact c = ContactJson::fromJsonForAdd(json, &present);
        QCOMPARE(c.name, QStringLiteral("Ada Obi"));
        QCOMPARE(present.size(), 24);
        for (const char *field : {"name", "phone_number"}) {
            QJsonObject missing = full();
            missing.remove(QString::fromLatin1(field));
            try {
                ContactJson::fromJsonForAdd(missing);
                QFAIL("a contact without a required field was accepted");
            } catch (const DomainError &e) {
                QCOMPARE(e.details().value(QStringLiteral("field")).toString(), QString::fromLatin1(field));
            }
        }
    }

    void toJsonHasEveryApiField()
    {
        Contact c = ContactJson::fromJson(full(), nullptr);
        c.id = 12;
        c.createdAt = 1'764'000'000'000;
        c.updatedAt = 1'764'000'060'000;
        const QJsonObject o = ContactJson::toJson(c);
        QStringList expected = ContactJson::fieldNames();
        expected << QStringLiteral("id") << QStringLiteral("created_at") << QStringLiteral("updated_at")
                 << QStringLiteral("whatsapp_status") << QStringLiteral("whatsapp_checked_at");
        QStringList keys = o.keys();
        keys.sort();
        expected.sort();
        QCOMPARE(keys, expected);
        QCOMPARE(o.value(QStringLiteral("id")).toInteger(), 12);
        QCOMPARE(o.value(QStringLiteral("created_at")).toString(), Clock::toIso(c.createdAt));
        QCOMPARE(o.value(QStringLiteral("updated_at")).toString(), QStringLiteral("2025-11-24T16:01:00Z"));
        QVERIFY(o.value(QStringLiteral("kids_names")).isArray());
        QVERIFY(o.value(QStringLiteral("pets_names")).isArray());
        QCOMPARE(o.value(QStringLiteral("message_opt_in")), QJsonValue(false));
        QCOMPARE(o.value(QStringLiteral("average_spend")).toDouble(), 1234.5);
        QVERIFY(o.value(QStringLiteral("whatsapp_broadcast_preference")).isObject());
        // Every writable field survives a round trip.
        QSet<QString> present;
        const Contact back = ContactJson::fromJson(o, &present);
        QCOMPARE(present.size(), 24);
        QCOMPARE(ContactJson::toJson(back).value(QStringLiteral("notes")), o.value(QStringLiteral("notes")));
        for (const QString &f : ContactJson::fieldNames())
            QVERIFY2(ContactJson::toJson(back).value(f) == o.value(f) || f == QStringLiteral("id"), qPrintable(f));
    }

    void toJsonShowsAbsentValuesAsNull()
    {
        Contact c;
        c.name = QStringLiteral("Bare");
        c.phoneNumber = QStringLiteral("1");
        const QJsonObject o = ContactJson::toJson(c);
        for (const char *f : {"email", "company_name", "gender", "dob", "age_group", "language_preference",
                              "timezone", "nickname", "custom_salutation", "partner_name", "anniversary_date",
                              "job_title", "industry", "customer_tier", "average_spend",
                              "whatsapp_broadcast_preference", "notes", "created_at", "updated_at"})
            QVERIFY2(o.value(QString::fromLatin1(f)).isNull(), f);
        for (const char *f : {"kids_names", "pets_names", "interests", "preferred_products"})
            QCOMPARE(o.value(QString::fromLatin1(f)), QJsonValue(QJsonArray{}));
        QCOMPARE(o.value(QStringLiteral("message_opt_in")), QJsonValue(true));
        QCOMPARE(o.value(QStringLiteral("id")).toInteger(), 0);
        // Never checked (issue #16): unknown, no time.
        QCOMPARE(o.value(QStringLiteral("whatsapp_status")), QJsonValue(QStringLiteral("unknown")));
        QVERIFY(o.value(QStringLiteral("whatsapp_checked_at")).isNull());
    }

    // The direct writers must give QJsonDocument's bytes exactly: odd strings (quotes,
    // backslashes, every control character, DEL, 2- and 3-byte UTF-8, non-BMP and broken
    // surrogates) one by one, in arrays, and in arrays mixed with other types.
    void directWritersMatchQJsonDocument()
    {
        QStringList odd{QString(), QStringLiteral(""), QStringLiteral("plain"),
                        QStringLiteral("say \"hi\""), QStringLiteral("back\\slash/"),
                        QStringLiteral("tab\tnl\ncr\rbs\bff\f"), QString(QChar(0x7f)),
                        QString::fromUtf8("caf\u00e9 \u00df \u07ff \u0800 \u20ac \uffee \uffff"),
                        QString::fromUtf8("emoji \U0001F600 in text"),
                        QString(QChar(0xd800)) + QStringLiteral("lone high"),
                        QStringLiteral("lone low") + QString(QChar(0xdfff)),
                        QString(QChar(0xdc00)) + QString(QChar(0xd800))};
        QString controls;
        for (ushort c = 0; c < 0x20; ++c)
            controls.append(QChar(c));
        odd << controls;
        QRandomGenerator rng(7);
        for (int i = 0; i < 2000; ++i) {
            QString s;
            for (int j = int(rng.bounded(12)); j > 0; --j)
                s.append(QChar(ushort(rng.bounded(4) == 0 ? rng.bounded(0x10000) : rng.bounded(0x100))));
            odd << s;
        }
        int direct = 0;
        for (const QString &s : std::as_const(odd)) {
            const QByteArray expected = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
            QByteArray got = "[";
            if (ContactJson::appendPlainString(got, s)) {
                ++direct;
                QCOMPARE(got + ']', expected);
            } else {
                QCOMPARE(got, QByteArray("[")); // nothing written
                bool surrogate = false;
                for (const QChar c : s)
                    surrogate = surrogate || c.isSurrogate();
                QVERIFY(surrogate);
            }
            QByteArray array = "x";
            ContactJson::appendArray(array, QJsonArray{s, QStringLiteral("b")});
            QCOMPARE(array, "x" + QJsonDocument(QJsonArray{s, QStringLiteral("b")})
                                      .toJson(QJsonDocument::Compact));
        }
        QVERIFY(direct > 1000);
        const QJsonArray mixed{QStringLiteral("a"), 1.5, true, QJsonValue(), QJsonObject{{"k", "v"}},
                               QJsonArray{QStringLiteral("n")}};
        for (const QJsonArray &a : {QJsonArray{}, mixed, QJsonArray{1, QStringLiteral("a")}}) {
            QByteArray out;
            ContactJson::appendArray(out, a);
            QCOMPARE(out, QJsonDocument(a).toJson(QJsonDocument::Compact));
        }
    }
};

QTEST_GUILESS_MAIN(TestContactJson)
#include "tst_contactjson.moc"
