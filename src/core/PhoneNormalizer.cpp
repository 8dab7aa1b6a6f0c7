#include "PhoneNormalizer.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <QHash>
#include <QMutex>

#include <set>
#include <string>

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
    QString out = parseValid(text, regionCode.toStdString());
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
