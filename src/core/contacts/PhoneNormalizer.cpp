#include "contacts/PhoneNormalizer.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <QHash>
#include <QMutex>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

// Exported by libphonenumber (its metadata.h is not installed): the serialised
// PhoneMetadataCollection the library itself is built from.
namespace i18n::phonenumbers {
int metadata_size();
const void *metadata_get();
} // namespace i18n::phonenumbers

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// Longer than any real number with formatting; refusing early keeps fuzzed megabyte strings
// away from libphonenumber's regexes.
constexpr int kMaxRawLength = 64;

// Strips the formatting people type (spaces, dashes, dots, parentheses, slashes) and turns a
// leading international "00" into '+': libphonenumber only knows the region's own IDD prefix
// (Nigeria's is 009), but "00" is what users everywhere paste.
QString cleanRaw(const QString &raw)
{
    QString s;
    s.reserve(raw.size());
    for (const QChar c : raw) {
        if (c.isSpace() || c == QLatin1Char('-') || c == QLatin1Char('.') ||
            c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char('/'))
            continue;
        s.append(c);
    }
    if (s.startsWith(QLatin1String("00")))
        s = QLatin1Char('+') + s.mid(2);
    return s;
}

quint32 packRegion(const QString &region)
{
    const QString r = region.trimmed().toUpper();
    quint32 packed = 0;
    for (int i = 0; i < r.size() && i < 4; ++i) {
        const ushort c = r.at(i).unicode();
        packed |= quint32(c < 0x80 ? c : '?') << (8 * i);
    }
    return packed;
}

QString unpackRegion(quint32 packed)
{
    QString r;
    for (int i = 0; i < 4; ++i) {
        const char c = char((packed >> (8 * i)) & 0xff);
        if (!c)
            break;
        r.append(QLatin1Char(c));
    }
    return r;
}

// libphonenumber's Parse costs about 15 µs (it runs several regexes over the input), which
// is most of the budget of a 1,000-recipient POST /messages. The same numbers come back all
// the time (a vendor messages its contact list again and again), so results, valid or not,
// are remembered per (region, cleaned input). Sharded so that parallel imports rarely wait;
// a full shard is simply emptied, which keeps memory bounded (about 64k entries in all).
class ResultCache
{
public:
    bool find(const QString &key, QString *value)
    {
        Shard &s = shard(key);
        const QMutexLocker lock(&s.mutex);
        const auto it = s.map.constFind(key);
        if (it == s.map.cend())
            return false;
        *value = *it;
        return true;
    }
    void insert(const QString &key, const QString &value)
    {
        Shard &s = shard(key);
        const QMutexLocker lock(&s.mutex);
        if (s.map.size() >= kPerShard)
            s.map.clear();
        s.map.insert(key, value);
    }

private:
    static constexpr int kShards = 16;
    static constexpr int kPerShard = 4096;
    struct Shard
    {
        QMutex mutex;
        QHash<QString, QString> map;
    };
    Shard &shard(const QString &key) { return m_shards[qHash(key) % kShards]; }
    Shard m_shards[kShards];
};

ResultCache &cache()
{
    static ResultCache c;
    return c;
}

// --- The shortcuts past Parse -------------------------------------------------------------
//
// Three forms of plain digits are decided without Parse when the region's dialling rules are
// plain literals: the national format ("08031234567" in NG, below), "+<code><nsn>"
// (internationalShortcut) and, in a region, digits that start with its own calling code
// without '+' ("2348031234567", ownCodeShortcut — half of a real Nigerian list). Each one
// only answers when it can show Parse would answer the same; otherwise Parse runs.
//
// Most numbers we see are typed the national way in the default region ("0803 123 4567" in
// NG), and every import row is a new one, so the cache above does not help there.
// libphonenumber's Parse spends ~15 µs on such a number, mostly in ICU regexes that cannot
// change the outcome for plain digits. For a region whose national-prefix rule is a plain
// literal (no carrier codes, no transform rule) and whose international prefix is a plain
// literal too, Parse of digits that start with the national prefix — and neither with the
// international prefix nor with the country code — reads them as
// {country code, digits after the prefix}; when that number is valid, none of Parse's
// second-guessing applies (it keeps the prefix only when the stripped number is not a viable
// national number or is too short, which a valid number never is). So such input is checked
// with IsValidNumber alone. Anything else, and any number the shortcut finds invalid, takes
// the full path, so the shortcut can only ever agree with it (tst_phonenormalizer compares
// both on generated numbers of many regions).
//
// The facts come from libphonenumber's own compiled metadata: PhoneNumberUtil keeps its
// PhoneMetadata private, but the serialised blob it is built from is an exported function of
// the library (declared in its uninstalled metadata.h). It is read with a few lines of
// protobuf wire format rather than by linking protobuf for one message type.

struct RegionDialling
{
    std::string countryCode;    // "234"
    std::string nationalPrefix; // "0"
    std::string idd;            // "009"
    int code = 0;               // 234
};

struct ShortcutTables
{
    std::unordered_map<std::string, RegionDialling> byRegion;
    // Calling code → its main region's facts, when that region qualifies: libphonenumber reads
    // "+<code>…" (and "<code>…" in that region) with the main region's metadata.
    std::unordered_map<int, const RegionDialling *> byCode;
};

// Protobuf wire format, only what PhoneMetadataCollection needs: varints and length-delimited
// fields (fixed 32/64-bit fields are skipped).
class WireReader
{
public:
    WireReader(const char *data, size_t size) : m_p(data), m_end(data + size) {}
    bool atEnd() const { return m_p >= m_end || m_bad; }
    bool bad() const { return m_bad; }
    quint64 varint()
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64 && m_p < m_end; shift += 7) {
            const quint8 b = quint8(*m_p++);
            v |= quint64(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        m_bad = true;
        return 0;
    }
    // Reads the next field: its number, and for length-delimited ones their bytes.
    bool next(int *field, quint64 *value, const char **bytes, size_t *length)
    {
        const quint64 key = varint();
        if (m_bad)
            return false;
        *field = int(key >> 3);
        *bytes = nullptr;
        *length = 0;
        switch (key & 7) {
        case 0:
            *value = varint();
            break;
        case 1:
            m_p += 8;
            break;
        case 2: {
            const quint64 n = varint();
            if (m_bad || n > quint64(m_end - m_p)) {
                m_bad = true;
                return false;
            }
            *bytes = m_p;
            *length = size_t(n);
            m_p += n;
            break;
        }
        case 5:
            m_p += 4;
            break;
        default:
            m_bad = true;
            return false;
        }
        if (m_p > m_end)
            m_bad = true;
        return !m_bad;
    }

private:
    const char *m_p;
    const char *m_end;
    bool m_bad = false;
};

bool allDigits(const std::string &s)
{
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Regions whose national format may take the shortcut, by region code. Empty when the blob
// does not read as expected (then everything takes the full path).
std::unordered_map<std::string, RegionDialling> readShortcutRegions()
{
    std::unordered_map<std::string, RegionDialling> regions;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    WireReader collection(static_cast<const char *>(i18n::phonenumbers::metadata_get()),
                          size_t(i18n::phonenumbers::metadata_size()));
    int field = 0;
    quint64 value = 0;
    const char *bytes = nullptr;
    size_t length = 0;
    while (!collection.atEnd() && collection.next(&field, &value, &bytes, &length)) {
        if (field != 1 || !bytes)
            continue; // repeated PhoneMetadata metadata = 1
        WireReader metadata(bytes, length);
        std::string id, idd, prefix, prefixForParsing, transformRule;
        bool hasTransformRule = false;
        int countryCode = 0;
        while (!metadata.atEnd() && metadata.next(&field, &value, &bytes, &length)) {
            const std::string text = bytes ? std::string(bytes, length) : std::string();
            switch (field) {
            case 9:
                id = text;
                break; // required string id
            case 10:
                countryCode = int(value);
                break; // optional int32 country_code
            case 11:
                idd = text;
                break; // international_prefix
            case 12:
                prefix = text;
                break; // national_prefix
            case 15:
                prefixForParsing = text;
                break; // national_prefix_for_parsing
            case 16:
                hasTransformRule = true;
                break; // national_prefix_transform_rule
            default:
                break;
            }
        }
        if (metadata.bad())
            return {};
        if (id.size() != 2 || countryCode <= 0 || hasTransformRule || !allDigits(prefix) ||
            prefixForParsing != prefix || !allDigits(idd))
            continue;
        // The blob must say what the public API says, or it is not the format we read.
        std::string ndd;
        util->GetNddPrefixForRegion(id, true, &ndd);
        if (util->GetCountryCodeForRegion(id) != countryCode || ndd != prefix)
            return {};
        regions.emplace(id, RegionDialling{std::to_string(countryCode), prefix, idd, countryCode});
    }
    if (collection.bad())
        return {};
    return regions;
}

ShortcutTables makeShortcutTables()
{
    ShortcutTables t;
    t.byRegion = readShortcutRegions();
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    for (const auto &[id, r] : t.byRegion) {
        std::string main;
        util->GetRegionCodeForCountryCode(r.code, &main);
        if (main == id)
            t.byCode.emplace(r.code, &r);
    }
    return t;
}

const ShortcutTables &shortcutTables()
{
    static const ShortcutTables tables = makeShortcutTables();
    return tables;
}

const RegionDialling *shortcutRegion(const std::string &region)
{
    const auto &regions = shortcutTables().byRegion;
    const auto it = regions.find(region);
    return it == regions.end() ? nullptr : &it->second;
}

// The region whose metadata libphonenumber uses for calling code `code`, when it qualifies.
const RegionDialling *shortcutCode(int code)
{
    const auto &codes = shortcutTables().byCode;
    const auto it = codes.find(code);
    return it == codes.end() ? nullptr : it->second;
}

bool startsWith(const std::string &s, const std::string &prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool isValid(int countryCode, const std::string &nsn)
{
    PhoneNumber number;
    number.set_country_code(countryCode);
    number.set_national_number(std::stoull(nsn));
    return PhoneNumberUtil::GetInstance()->IsValidNumber(number);
}

// A national significant number the shortcuts may hand to IsValidNumber as Parse would: Parse
// refuses fewer than 2 and more than 17 digits, a leading zero needs italian_leading_zero
// handling, and one that starts with the national prefix would have it stripped (or not,
// depending on the regexes) — all left to Parse.
bool plainNsn(const std::string &nsn, const RegionDialling &r)
{
    return nsn.size() >= 2 && nsn.size() <= 17 && nsn[0] != '0' &&
           !startsWith(nsn, r.nationalPrefix);
}

// "+<code><nsn>" (digits: what follows the '+'). Parse takes the shortest leading digits that
// are a calling code (they are prefix-free), reads the rest with the code's main region's
// metadata, strips the national prefix if the rest starts with it, and keeps the digits as
// they are otherwise; E.164 is then "<code><nsn>", i.e. the input. So when that region
// qualifies and the rest does not start with its prefix, IsValidNumber alone decides.
QString internationalShortcut(const std::string &digits)
{
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    if (digits.empty() || digits[0] == '0')
        return {};
    for (size_t len = 1; len <= 3 && len < digits.size(); ++len) {
        const int code = std::stoi(digits.substr(0, len));
        std::string main;
        util->GetRegionCodeForCountryCode(code, &main);
        if (main == "ZZ")
            continue;
        const RegionDialling *r = shortcutCode(code);
        const std::string nsn = digits.substr(len);
        if (!r || !plainNsn(nsn, *r) || !isValid(code, nsn))
            return {};
        return QString::fromLatin1(digits.c_str());
    }
    return {};
}

// Digits without '+' that start with the region's own calling code ("2348031234567" in NG —
// half of a real Nigerian list is written so). Parse either strips the code (when the whole
// is no viable national number but the rest is, or the whole is too long) or reads the whole
// as a national number; normalize() then retries the digits as "+<digits>". When the whole,
// read as a national number, is invalid, and the rest is valid, both ways end in the input
// itself: so two IsValidNumber calls decide. The region must be its code's main region (so
// that every step reads the same metadata), and the digits must not start with its national
// or international prefix (then Parse would read them another way first).
QString ownCodeShortcut(const std::string &digits, const std::string &region)
{
    const RegionDialling *r = shortcutRegion(region);
    if (!r || shortcutCode(r->code) != r || !startsWith(digits, r->countryCode) ||
        startsWith(digits, r->nationalPrefix) || startsWith(digits, r->idd) || digits.size() < 5)
        return {};
    const std::string nsn = digits.substr(r->countryCode.size());
    if (!plainNsn(nsn, *r) || !isValid(r->code, nsn))
        return {};
    // The national reading of all the digits must be invalid (or impossible: > 17 digits).
    if (digits.size() <= 17 && isValid(r->code, digits))
        return {};
    return QString::fromLatin1(digits.c_str());
}

// The E.164 digits of `digits` (plain ASCII digits, no '+') read as a national number of
// `region`, when the shortcut applies and finds it valid; empty otherwise ("ask Parse").
QString nationalShortcut(const std::string &digits, const std::string &region)
{
    const RegionDialling *r = shortcutRegion(region);
    if (!r || !startsWith(digits, r->nationalPrefix) || startsWith(digits, r->idd) ||
        startsWith(digits, r->countryCode))
        return {};
    const std::string nsn = digits.substr(r->nationalPrefix.size());
    // Parse refuses fewer than 2 and more than 17 digits; a leading zero would need
    // italian_leading_zero handling — both are left to it.
    if (nsn.size() < 2 || nsn.size() > 17 || nsn[0] == '0')
        return {};
    if (!isValid(r->code, nsn))
        return {};
    return QString::fromLatin1((r->countryCode + nsn).c_str());
}

} // namespace

PhoneNormalizer::PhoneNormalizer(QString defaultRegion) : m_region(packRegion(defaultRegion)) {}

PhoneNormalizer::PhoneNormalizer(const PhoneNormalizer &other) : m_region(other.m_region.load()) {}

PhoneNormalizer &PhoneNormalizer::operator=(const PhoneNormalizer &other)
{
    m_region.store(other.m_region.load());
    return *this;
}

void PhoneNormalizer::setDefaultRegion(const QString &region)
{
    m_region.store(packRegion(region));
}

QString PhoneNormalizer::defaultRegion() const
{
    return unpackRegion(m_region.load());
}

std::optional<QString> PhoneNormalizer::normalize(const QString &raw) const
{
    return normalize(raw, defaultRegion());
}

std::optional<QString> PhoneNormalizer::normalize(const QString &raw, const QString &region) const
{
    const QString trimmed = raw.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > kMaxRawLength)
        return std::nullopt;
    const QString cleaned = cleanRaw(trimmed);
    if (cleaned.isEmpty() || cleaned == QLatin1String("+"))
        return std::nullopt;
    // Only digits after an optional '+': libphonenumber would otherwise accept vanity numbers
    // ("1-800-FLOWERS") and extensions, which WhatsApp has no use for.
    for (int i = 0; i < cleaned.size(); ++i) {
        const QChar c = cleaned.at(i);
        if (i == 0 && c == QLatin1Char('+'))
            continue;
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }

    const QString regionCode = region.trimmed().toUpper();
    const QString key = regionCode + QLatin1Char(':') + cleaned;
    QString cached;
    if (cache().find(key, &cached)) {
        if (cached.isEmpty())
            return std::nullopt;
        return cached;
    }

    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    const auto parseValid = [util](const std::string &text, const std::string &region) {
        PhoneNumber number;
        QString digits = QLatin1String(""); // "" = invalid, remembered too
        if (util->Parse(text, region, &number) == PhoneNumberUtil::NO_PARSING_ERROR &&
            util->IsValidNumber(number)) {
            std::string e164;
            util->Format(number, PhoneNumberUtil::E164, &e164);
            digits = QString::fromStdString(e164);
            if (digits.startsWith(QLatin1Char('+')))
                digits.remove(0, 1);
        }
        return digits;
    };
    const std::string text = cleaned.toStdString();
    const std::string regionText = regionCode.toStdString();
    QString out;
    if (cleaned.startsWith(QLatin1Char('+')))
        out = internationalShortcut(text.substr(1));
    else
        out = nationalShortcut(text, regionText);
    if (out.isEmpty() && !cleaned.startsWith(QLatin1Char('+')))
        out = ownCodeShortcut(text, regionText);
    if (out.isEmpty())
        out = parseValid(text, regionText);
    // Our own output is E.164 digits without '+' ("14155550123"), and API clients send it
    // back that way. When the digits mean nothing in the default region, read them as an
    // international number; a valid national reading always wins. Some valid E.164 numbers
    // are only 7 digits long (Norway, Niue): the retry starts well below that.
    // The retry must keep every digit: libphonenumber drops a trunk "0" after the country
    // code ("980312367" → Iran "98312367"), and such an answer could read as a valid national
    // number when it comes back ("98312367" in NG), breaking the round trip.
    if (out.isEmpty() && !cleaned.startsWith(QLatin1Char('+')) && cleaned.size() >= 5) {
        out = parseValid("+" + text, "ZZ");
        if (out != cleaned)
            out.clear();
    }
    cache().insert(key, out);
    if (out.isEmpty())
        return std::nullopt;
    return out;
}

bool PhoneNormalizer::isMobile(const QString &normalizedDigits) const
{
    const QString digits = normalizedDigits.trimmed();
    if (digits.isEmpty() || digits.size() > kMaxRawLength)
        return false;
    for (const QChar c : digits)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse("+" + digits.toStdString(), "ZZ", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return false;
    if (!util->IsValidNumber(number))
        return false;
    const auto type = util->GetNumberType(number);
    return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

bool PhoneNormalizer::isValidRegion(const QString &region)
{
    const QString r = region.trimmed().toUpper();
    if (r.size() != 2)
        return false;
    std::set<std::string> regions;
    PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions.count(r.toStdString()) > 0;
}

bool PhoneNormalizer::hasNationalShortcut(const QString &region)
{
    return shortcutRegion(region.trimmed().toUpper().toStdString()) != nullptr;
}
