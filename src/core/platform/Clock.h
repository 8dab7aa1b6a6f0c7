#pragma once

#include <QDateTime>
#include <QString>

// Wall-clock time for everything stored (epoch milliseconds, UTC). Tests can shift it to
// exercise expiry (subscriptions, login bans, message TTL) without sleeping.
class Clock
{
public:
    static qint64 nowMs();
    static void setOffsetForTesting(qint64 offsetMs);
    static qint64 offsetForTesting();

    // "2026-11-24T10:00:00Z" (api.md). 0 or negative → null QString (JSON null).
    static QString toIso(qint64 ms);
    // Accepts ISO-8601 with Z or an offset, with or without milliseconds; -1 if invalid.
    static qint64 fromIso(const QString &iso);
};
