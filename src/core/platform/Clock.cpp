#include "platform/Clock.h"

#include <algorithm>
#include <atomic>

#include <QTimeZone>

namespace {
std::atomic<qint64> g_offsetMs{0};
}

qint64 Clock::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch() + g_offsetMs.load(std::memory_order_relaxed);
}

void Clock::setOffsetForTesting(qint64 offsetMs)
{
    g_offsetMs.store(offsetMs);
}

qint64 Clock::offsetForTesting()
{
    return g_offsetMs.load();
}

QString Clock::toIso(qint64 ms)
{
    if (ms <= 0)
        return {};
    // Every API response formats several times: QDateTime::toString goes through QLocale and
    // the calendar, so years 1970..9999 are formatted by hand (same output,
    // "yyyy-MM-ddTHH:mm:ssZ").
    constexpr qint64 kMsPerDay = 86400000;
    constexpr qint64 kYear10000Ms = 253402300800000; // 10000-01-01T00:00:00Z
    if (ms >= kYear10000Ms)
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
    const qint64 days = ms / kMsPerDay;
    const qint64 secOfDay = (ms % kMsPerDay) / 1000;
    // Days since 1970-01-01 to a civil date (proleptic Gregorian; H. Hinnant's algorithm).
    const qint64 z = days + 719468;
    const qint64 era = z / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const int year = int(yoe + era * 400 + (month <= 2 ? 1 : 0));
    const int hour = int(secOfDay / 3600);
    const int minute = int(secOfDay / 60 % 60);
    const int second = int(secOfDay % 60);

    char16_t buf[20];
    const auto put2 = [&buf](int at, int v) {
        buf[at] = char16_t(u'0' + v / 10);
        buf[at + 1] = char16_t(u'0' + v % 10);
    };
    put2(0, year / 100);
    put2(2, year % 100);
    buf[4] = u'-';
    put2(5, month);
    buf[7] = u'-';
    put2(8, day);
    buf[10] = u'T';
    put2(11, hour);
    buf[13] = u':';
    put2(14, minute);
    buf[16] = u':';
    put2(17, second);
    QString out(20, Qt::Uninitialized);
    std::copy(buf, buf + 19, reinterpret_cast<char16_t *>(out.data()));
    out[19] = QLatin1Char('Z');
    return out;
}

qint64 Clock::fromIso(const QString &iso)
{
    const QString s = iso.trimmed();
    if (s.isEmpty())
        return -1;
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(s, Qt::ISODate);
    if (!dt.isValid())
        return -1;
    if (dt.timeSpec() == Qt::LocalTime) // no zone given: api.md times are UTC
        dt.setTimeZone(QTimeZone::utc());
    return dt.toMSecsSinceEpoch();
}
