#pragma once

#include <QSqlDatabase>
#include <QString>

// How many messages a number handed to WhatsApp on one local day (the warm-up's daily limit,
// SendWindowPolicy). One row per (number, day) in number_daily_sends; `day` is the calendar
// day "YYYY-MM-DD" in the numbers' time zone, decided by the caller.
//
// What counts: every claim (pending → sending) made by the number that day. A claim is the
// moment the message is handed over: a retry after a transient failure is handed over again
// and counts again (WhatsApp may have seen both). Kept exact the way QuotaCounter is: add() runs
// inside the transaction of the claim's UPDATE (OutboxQueue::claim), so a crash leaves both or
// neither, and concurrent claims on other connections serialise on SQLite's write lock (an
// UPSERT, never a read-then-write). A number's rows go with it (ON DELETE CASCADE).
class DailySendCounter
{
public:
    // Inside the caller's write transaction: the number's count for `day` goes up by one.
    static void add(const QSqlDatabase &db, qint64 numberId, const QString &day);
    // The count for `day` (0 when nothing was sent).
    static int sent(const QSqlDatabase &db, qint64 numberId, const QString &day);
};
