#include "contacts/ContactJson.h"

#include "DomainError.h"
#include "platform/Clock.h"
#include "platform/TextInput.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>
#include <iterator>

namespace {

const QString kName = QStringLiteral("name");
const QString kPhone = QStringLiteral("phone_number");
const QString kNotes = QStringLiteral("notes");
const QString kDob = QStringLiteral("dob");
const QString kAnniversary = QStringLiteral("anniversary_date");
const QString kKids = QStringLiteral("kids_names");
const QString kPets = QStringLiteral("pets_names");
const QString kInterests = QStringLiteral("interests");
const QString kProducts = QStringLiteral("preferred_products");
const QString kOptIn = QStringLiteral("message_opt_in");
const QString kSpend = QStringLiteral("average_spend");
const QString kBroadcast = QStringLiteral("whatsapp_broadcast_preference");
const QString kEmail = QStringLiteral("email");

// Optional scalar text fields and where they live in Contact.
struct TextField
{
    const char *name;
    QString Contact::*member;
};
const TextField kTextFields[] = {
    {"email", &Contact::email},
    {"company_name", &Contact::companyName},
    {"gender", &Contact::gender},
    {"age_group", &Contact::ageGroup},
    {"language_preference", &Contact::languagePreference},
    {"timezone", &Contact::timezone},
    {"nickname", &Contact::nickname},
    {"custom_salutation", &Contact::customSalutation},
    {"partner_name", &Contact::partnerName},
    {"job_title", &Contact::jobTitle},
    {"industry", &Contact::industry},
    {"customer_tier", &Contact::customerTier},
};

struct ArrayField
{
    const char *name;
    QJsonArray Contact::*member;
};
const ArrayField kArrayFields[] = {
    {"kids_names", &Contact::kidsNames},
    {"pets_names", &Contact::petsNames},
    {"interests", &Contact::interests},
    {"preferred_products", &Contact::preferredProducts},
};

// The names above as QStrings, made once: fromJson runs for every row of a 5,000-contact
// import, and converting each name again for every row was a good part of its cost.
const QStringList &textFieldNames()
{
    static const QStringList names = [] {
        QStringList n;
        for (const TextField &f : kTextFields)
            n.append(QString::fromLatin1(f.name));
        return n;
    }();
    return names;
}

const QStringList &arrayFieldNames()
{
    static const QStringList names = [] {
        QStringList n;
        for (const ArrayField &f : kArrayFields)
            n.append(QString::fromLatin1(f.name));
        return n;
    }();
    return names;
}

// Slots of the members fromJson reads: name, phone_number, the text fields, dob,
// anniversary_date, the array fields, message_opt_in, average_spend,
// whatsapp_broadcast_preference, notes.
constexpr int kSlotName = 0;
constexpr int kSlotPhone = 1;
constexpr int kSlotText = 2;
constexpr int kSlotDob = kSlotText + int(std::size(kTextFields));
constexpr int kSlotAnniversary = kSlotDob + 1;
constexpr int kSlotArray = kSlotAnniversary + 1;
constexpr int kSlotOptIn = kSlotArray + int(std::size(kArrayFields));
constexpr int kSlotSpend = kSlotOptIn + 1;
constexpr int kSlotBroadcast = kSlotSpend + 1;
constexpr int kSlotNotes = kSlotBroadcast + 1;
constexpr int kSlotCount = kSlotNotes + 1;

// The object's members that fromJson reads, found in one pass over the object: looking each
// known field up by name was ~30 binary searches with string compares per contact, for
// objects that usually carry a handful of members.
class KnownMembers
{
public:
    explicit KnownMembers(const QJsonObject &json)
    {
        const QHash<QString, int> &slots = slotOfName();
        for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
            const auto slot = slots.constFind(it.key());
            if (slot == slots.constEnd())
                continue;
            m_has[*slot] = true;
            m_values[*slot] = it.value();
        }
    }
    bool has(int slot) const { return m_has[slot]; }
    const QJsonValue &value(int slot) const { return m_values[slot]; }

private:
    static const QHash<QString, int> &slotOfName()
    {
        static const QHash<QString, int> slots = [] {
            QHash<QString, int> h;
            h.insert(kName, kSlotName);
            h.insert(kPhone, kSlotPhone);
            for (int i = 0; i < int(std::size(kTextFields)); ++i)
                h.insert(textFieldNames().at(i), kSlotText + i);
            h.insert(kDob, kSlotDob);
            h.insert(kAnniversary, kSlotAnniversary);
            for (int i = 0; i < int(std::size(kArrayFields)); ++i)
                h.insert(arrayFieldNames().at(i), kSlotArray + i);
            h.insert(kOptIn, kSlotOptIn);
            h.insert(kSpend, kSlotSpend);
            h.insert(kBroadcast, kSlotBroadcast);
            h.insert(kNotes, kSlotNotes);
            Q_ASSERT(h.size() == kSlotCount);
            return h;
        }();
        return slots;
    }
    bool m_has[kSlotCount] = {};
    QJsonValue m_values[kSlotCount];
};

[[noreturn]] void invalid(const QString &field, const QString &message)
{
    throw DomainError::validation(field, message);
}

// A JSON string (trimmed unless `keepSpaces`), within `maxLength`; null and "" are no value
// (a null QString): TextInput's rule, the API's everywhere (docs/api.md "Validation").
QString readText(const QString &field, const QJsonValue &v, int maxLength, bool keepSpaces = false)
{
    return TextInput::optional(v, field, maxLength, keepSpaces).value_or(QString());
}

QString readRequiredText(const QString &field, const QJsonValue &v, int maxLength)
{
    return TextInput::required(v, field, maxLength);
}

QString readDate(const QString &field, const QJsonValue &v)
{
    const QString s = readText(field, v, 10);
    if (s.isNull())
        return s;
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!shape.match(s).hasMatch() || !QDate::fromString(s, Qt::ISODate).isValid())
        invalid(field, QStringLiteral("%1 must be a date as YYYY-MM-DD").arg(field));
    return s;
}

QJsonArray readStringArray(const QString &field, const QJsonValue &v)
{
    if (v.isNull())
        return QJsonArray();
    if (!v.isArray())
        invalid(field, QStringLiteral("%1 must be an array of strings").arg(field));
    const QJsonArray in = v.toArray();
    if (in.size() > ContactJson::kMaxArrayItems)
        invalid(field, QStringLiteral("%1 may hold at most %2 items")
                           .arg(field)
                           .arg(ContactJson::kMaxArrayItems));
    QJsonArray out;
    for (const QJsonValue &item : in) {
        if (!item.isString())
            invalid(field, QStringLiteral("%1 must be an array of strings").arg(field));
        const QString s = item.toString().trimmed();
        if (s.size() > ContactJson::kMaxStringLength)
            invalid(field, QStringLiteral("each item of %1 must be at most %2 characters")
                               .arg(field)
                               .arg(ContactJson::kMaxStringLength));
        out.append(s);
    }
    return out;
}

QJsonValue textOrNull(const QString &s)
{
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

const QStringList &ContactJson::fieldNames()
{
    static const QStringList names{
        QStringLiteral("name"),
        QStringLiteral("phone_number"),
        QStringLiteral("email"),
        QStringLiteral("company_name"),
        QStringLiteral("gender"),
        QStringLiteral("dob"),
        QStringLiteral("age_group"),
        QStringLiteral("language_preference"),
        QStringLiteral("timezone"),
        QStringLiteral("nickname"),
        QStringLiteral("custom_salutation"),
        QStringLiteral("partner_name"),
        QStringLiteral("anniversary_date"),
        QStringLiteral("kids_names"),
        QStringLiteral("pets_names"),
        QStringLiteral("job_title"),
        QStringLiteral("industry"),
        QStringLiteral("interests"),
        QStringLiteral("preferred_products"),
        QStringLiteral("message_opt_in"),
        QStringLiteral("customer_tier"),
        QStringLiteral("average_spend"),
        QStringLiteral("whatsapp_broadcast_preference"),
        QStringLiteral("notes"),
    };
    return names;
}

Contact ContactJson::fromJson(const QJsonObject &json, QSet<QString> *presentFields)
{
    Contact c;
    const KnownMembers m(json);
    auto present = [&](const QString &field) {
        if (presentFields)
            presentFields->insert(field);
    };

    if (m.has(kSlotName)) {
        c.name = readRequiredText(kName, m.value(kSlotName), kMaxStringLength);
        present(kName);
    }
    if (m.has(kSlotPhone)) {
        c.phoneNumber = readRequiredText(kPhone, m.value(kSlotPhone), 64);
        present(kPhone);
    }
    const QStringList &textNames = textFieldNames();
    for (int i = 0; i < int(std::size(kTextFields)); ++i) {
        const TextField &f = kTextFields[i];
        const QString &field = textNames.at(i);
        if (!m.has(kSlotText + i))
            continue;
        c.*f.member = readText(field, m.value(kSlotText + i), kMaxStringLength);
        present(field);
    }
    static_assert(std::size(kTextFields) > 0);
    Q_ASSERT(textNames.at(0) == kEmail); // kSlotText + 0
    if (m.has(kSlotText) && !c.email.isNull()) {
        // Not a full RFC check (contact data comes from CRMs and spreadsheets): enough to catch
        // a column mix-up.
        static const QRegularExpression shape(QStringLiteral("^[^@\\s]+@[^@\\s]+$"));
        if (!shape.match(c.email).hasMatch())
            invalid(kEmail, QStringLiteral("email is not an email address"));
    }
    for (const int slot : {kSlotDob, kSlotAnniversary}) {
        if (!m.has(slot))
            continue;
        const QString &field = slot == kSlotDob ? kDob : kAnniversary;
        (slot == kSlotDob ? c.dob : c.anniversaryDate) = readDate(field, m.value(slot));
        present(field);
    }
    const QStringList &arrayNames = arrayFieldNames();
    for (int i = 0; i < int(std::size(kArrayFields)); ++i) {
        const ArrayField &f = kArrayFields[i];
        const QString &field = arrayNames.at(i);
        if (!m.has(kSlotArray + i))
            continue;
        c.*f.member = readStringArray(field, m.value(kSlotArray + i));
        present(field);
    }
    if (m.has(kSlotOptIn)) {
        const QJsonValue &v = m.value(kSlotOptIn);
        if (!v.isBool())
            invalid(kOptIn, QStringLiteral("message_opt_in must be true or false"));
        c.messageOptIn = v.toBool();
        present(kOptIn);
    }
    if (m.has(kSlotSpend)) {
        const QJsonValue &v = m.value(kSlotSpend);
        if (v.isNull()) {
            c.averageSpend.reset();
        } else if (v.isDouble() && std::isfinite(v.toDouble())) {
            c.averageSpend = v.toDouble();
        } else {
            invalid(kSpend, QStringLiteral("average_spend must be a number"));
        }
        present(kSpend);
    }
    if (m.has(kSlotBroadcast)) {
        const QJsonValue &v = m.value(kSlotBroadcast);
        if (v.isNull()) {
            c.whatsappBroadcastPreference = QJsonObject();
            c.hasBroadcastPreference = false;
        } else if (v.isObject()) {
            c.whatsappBroadcastPreference = v.toObject();
            c.hasBroadcastPreference = true;
        } else {
            invalid(kBroadcast, QStringLiteral("whatsapp_broadcast_preference must be an object"));
        }
        present(kBroadcast);
    }
    if (m.has(kSlotNotes)) {
        c.notes = readText(kNotes, m.value(kSlotNotes), kMaxNotesLength, true);
        present(kNotes);
    }
    return c;
}

Contact ContactJson::fromJsonForAdd(const QJsonObject &json, QSet<QString> *presentFields)
{
    // fromJson reads a field exactly when the object has it (or throws), so the object
    // itself tells what was present; no set is built when the caller wants none.
    Contact c = fromJson(json, presentFields);
    if (!json.contains(kName))
        invalid(kName, QStringLiteral("name is required"));
    if (!json.contains(kPhone))
        invalid(kPhone, QStringLiteral("phone_number is required"));
    return c;
}

QJsonObject ContactJson::toJson(const Contact &c)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), c.id);
    o.insert(kName, c.name);
    o.insert(kPhone, c.phoneNumber);
    for (int i = 0; i < int(std::size(kTextFields)); ++i)
        o.insert(textFieldNames().at(i), textOrNull(c.*kTextFields[i].member));
    o.insert(kDob, textOrNull(c.dob));
    o.insert(kAnniversary, textOrNull(c.anniversaryDate));
    for (int i = 0; i < int(std::size(kArrayFields)); ++i)
        o.insert(arrayFieldNames().at(i), c.*kArrayFields[i].member);
    o.insert(kOptIn, c.messageOptIn);
    o.insert(kSpend, c.averageSpend ? QJsonValue(*c.averageSpend) : QJsonValue(QJsonValue::Null));
    o.insert(kBroadcast, c.hasBroadcastPreference ? QJsonValue(c.whatsappBroadcastPreference)
                                                  : QJsonValue(QJsonValue::Null));
    o.insert(kNotes, textOrNull(c.notes));
    o.insert(QStringLiteral("created_at"), textOrNull(Clock::toIso(c.createdAt)));
    o.insert(QStringLiteral("updated_at"), textOrNull(Clock::toIso(c.updatedAt)));
    // Read-only: written by number checks and sends (NumberCheckStore), never by a patch.
    o.insert(QStringLiteral("whatsapp_status"), c.whatsappStatus);
    o.insert(QStringLiteral("whatsapp_checked_at"), textOrNull(Clock::toIso(c.whatsappCheckedAt)));
    return o;
}

bool ContactJson::appendPlainString(QByteArray &out, const QString &s)
{
    const qsizetype start = out.size();
    out.reserve(start + s.size() + 2);
    out += '"';
    for (const QChar qc : s) {
        const char16_t c = qc.unicode();
        if (c < 0x80) {
            // QJsonDocument escapes exactly these (0x7f and '/' stay as they are).
            if (c >= 0x20 && c != u'"' && c != u'\\') {
                out += char(c);
                continue;
            }
            out += '\\';
            switch (c) {
            case u'"': out += '"'; break;
            case u'\\': out += '\\'; break;
            case u'\b': out += 'b'; break;
            case u'\f': out += 'f'; break;
            case u'\n': out += 'n'; break;
            case u'\r': out += 'r'; break;
            case u'\t': out += 't'; break;
            default: {
                static const char hex[] = "0123456789abcdef";
                out += "u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            }
            }
        } else if (c < 0x800) {
            out += char(0xc0 | (c >> 6));
            out += char(0x80 | (c & 0x3f));
        } else if (c >= 0xd800 && c <= 0xdfff) {
            out.truncate(start);
            return false;
        } else {
            out += char(0xe0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3f));
            out += char(0x80 | (c & 0x3f));
        }
    }
    out += '"';
    return true;
}

void ContactJson::appendArray(QByteArray &out, const QJsonArray &array)
{
    if (array.isEmpty()) {
        out += "[]";
        return;
    }
    const qsizetype start = out.size();
    out += '[';
    bool plain = true;
    for (qsizetype i = 0; plain && i < array.size(); ++i) {
        const QJsonValue v = array.at(i);
        if (i)
            out += ',';
        plain = v.isString() && appendPlainString(out, v.toString());
    }
    if (plain) {
        out += ']';
        return;
    }
    out.truncate(start);
    out += QJsonDocument(array).toJson(QJsonDocument::Compact);
}
