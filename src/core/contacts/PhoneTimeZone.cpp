#include "contacts/PhoneTimeZone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QStringList>

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Countries with more than one zone: the capital's or the most populous zone. Several names
// where tzdata renamed one (Qt knows the one the system's tzdata has).
const QHash<QString, QStringList> &bigCountries()
{
    static const QHash<QString, QStringList> t{
        {QStringLiteral("US"), {QStringLiteral("America/New_York")}},
        {QStringLiteral("CA"), {QStringLiteral("America/Toronto")}},
        {QStringLiteral("BR"), {QStringLiteral("America/Sao_Paulo")}},
        {QStringLiteral("RU"), {QStringLiteral("Europe/Moscow")}},
        {QStringLiteral("AU"), {QStringLiteral("Australia/Sydney")}},
        {QStringLiteral("MX"), {QStringLiteral("America/Mexico_City")}},
        {QStringLiteral("ID"), {QStringLiteral("Asia/Jakarta")}},
        {QStringLiteral("AR"), {QStringLiteral("America/Argentina/Buenos_Aires")}},
        {QStringLiteral("CL"), {QStringLiteral("America/Santiago")}},
        {QStringLiteral("CN"), {QStringLiteral("Asia/Shanghai")}},
        {QStringLiteral("IN"), {QStringLiteral("Asia/Kolkata"), QStringLiteral("Asia/Calcutta")}},
        {QStringLiteral("KZ"), {QStringLiteral("Asia/Almaty")}},
        {QStringLiteral("CD"), {QStringLiteral("Africa/Kinshasa")}},
        {QStringLiteral("DE"), {QStringLiteral("Europe/Berlin")}},
        {QStringLiteral("ES"), {QStringLiteral("Europe/Madrid")}},
        {QStringLiteral("PT"), {QStringLiteral("Europe/Lisbon")}},
        {QStringLiteral("UA"), {QStringLiteral("Europe/Kyiv"), QStringLiteral("Europe/Kiev")}},
        {QStringLiteral("MN"), {QStringLiteral("Asia/Ulaanbaatar")}},
        {QStringLiteral("EC"), {QStringLiteral("America/Guayaquil")}},
        {QStringLiteral("MY"), {QStringLiteral("Asia/Kuala_Lumpur")}},
        {QStringLiteral("NZ"), {QStringLiteral("Pacific/Auckland")}},
        {QStringLiteral("UZ"), {QStringLiteral("Asia/Tashkent")}},
        {QStringLiteral("GL"), {QStringLiteral("America/Nuuk"), QStringLiteral("America/Godthab")}},
        {QStringLiteral("PF"), {QStringLiteral("Pacific/Tahiti")}},
        {QStringLiteral("KI"), {QStringLiteral("Pacific/Tarawa")}},
        {QStringLiteral("FM"), {QStringLiteral("Pacific/Pohnpei")}},
    };
    return t;
}

} // namespace

QString PhoneTimeZone::regionOf(const QString &normalizedDigits)
{
    if (normalizedDigits.isEmpty())
        return {};
    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util->Parse("+" + normalizedDigits.toStdString(), "ZZ", &number) !=
        PhoneNumberUtil::NO_PARSING_ERROR)
        return {};
    std::string region;
    util->GetRegionCodeForNumber(number, &region);
    if (region.empty() || region == "ZZ") // not a valid number of any region: its code's main one
        util->GetRegionCodeForCountryCode(number.country_code(), &region);
    if (region.empty() || region == "ZZ" || region == "001")
        return {};
    return QString::fromStdString(region);
}

QTimeZone PhoneTimeZone::zoneOfRegion(const QString &region)
{
    if (region.size() != 2)
        return {};
    // availableTimeZoneIds() reads the system's zone list: computed once per region.
    static QMutex mutex;
    static QHash<QString, QByteArray> cache;
    QMutexLocker lock(&mutex);
    auto it = cache.constFind(region);
    if (it == cache.constEnd()) {
        QByteArray id;
        for (const QString &name : bigCountries().value(region)) {
            if (QTimeZone::isTimeZoneIdAvailable(name.toUtf8())) {
                id = name.toUtf8();
                break;
            }
        }
        if (id.isEmpty()) {
            const QLocale::Territory territory = QLocale::codeToTerritory(region);
            if (territory != QLocale::AnyTerritory) {
                const QList<QByteArray> ids = QTimeZone::availableTimeZoneIds(territory);
                if (!ids.isEmpty())
                    id = ids.first();
            }
        }
        it = cache.insert(region, id);
    }
    return it->isEmpty() ? QTimeZone() : QTimeZone(*it);
}
