#include "Clock.h"

#include <atomic>

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
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
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
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}
