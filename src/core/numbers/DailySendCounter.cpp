#include "numbers/DailySendCounter.h"

#include "storage/SqlSupport.h"

#include <QSqlQuery>

void DailySendCounter::add(const QSqlDatabase &db, qint64 numberId, const QString &day)
{
    SqlSupport::run(db,
                    QStringLiteral("INSERT INTO number_daily_sends (number_id, day, sent) "
                                   "VALUES (?, ?, 1) ON CONFLICT (number_id, day) "
                                   "DO UPDATE SET sent = sent + 1"),
                    {numberId, day});
}

int DailySendCounter::sent(const QSqlDatabase &db, qint64 numberId, const QString &day)
{
    QSqlQuery q = SqlSupport::run(
        db, QStringLiteral("SELECT sent FROM number_daily_sends WHERE number_id = ? AND day = ?"),
        {numberId, day});
    return q.next() ? q.value(0).toInt() : 0;
}
