#pragma once

#include <QString>
#include <QTimeZone>

// The time zone a phone number most likely lives in, for quiet hours (SendWindowPolicy) when the
// contact has no time zone of its own: the number's country from libphonenumber, then the
// country's zone. A country with one zone gives that zone. For countries spanning several zones
// a table names the zone of the capital or of most people (US: New York, CA: Toronto,
// BR: São Paulo, RU: Moscow, AU: Sydney, MX: Mexico City, ID: Jakarta, …; docs/pipeline.md);
// others take the first zone Qt lists for the country. Invalid when nothing is known.
class PhoneTimeZone
{
public:
    // ISO 3166 alpha-2 region of normalised digits ("2348031234567" → "NG"); "" if unknown.
    static QString regionOf(const QString &normalizedDigits);
    // The zone of a region ("NG" → Africa/Lagos); invalid QTimeZone if unknown.
    static QTimeZone zoneOfRegion(const QString &region);
    static QTimeZone zoneOf(const QString &normalizedDigits)
    {
        return zoneOfRegion(regionOf(normalizedDigits));
    }
};
