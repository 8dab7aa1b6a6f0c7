#include "PhoneNormalizer.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

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
        if (c.isSpace() || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QLatin1Char('(')
            || c == QLatin1Char(')') || c == QLatin1Char('/'))
            continue;
        s.append(c);
    }
    if (s.startsWith(QLatin1String("00")))
        s = QLatin1Char('+') + s.mid(2);
    return s;
}

} // namespace

PhoneNormalizer::PhoneNormalizer(QString defaultRegion) : m_region(defaultRegion.trimmed().toUpper())
{
}

void PhoneNormalizer::setDefaultRegion(const QString &region)
{
    m_region = region.trimmed().toUpper();
}

QString PhoneNormalizer::defaultRegion() const
{
    return m_region;
}

std::optional<QString> PhoneNormalizer::normalize(const QString &raw) const
{
    return normalize(raw, m_region);
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

    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const std::string regionCode = region.trimmed().toUpper().toStdString();
    if (util->Parse(cleaned.toStdString(), regionCode, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return std::nullopt;
    if (!util->IsValidNumber(number))
        return std::nullopt;
    std::string e164;
    util->Format(number, PhoneNumberUtil::E164, &e164);
    QString out = QString::fromStdString(e164);
    if (out.startsWith(QLatin1Char('+')))
        out.remove(0, 1);
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
