#pragma once

#include <QSqlDatabase>

// The plan quota's "messages used this period" (quality bar P2: a send's cost must not grow
// with the history). What counts is unchanged from the COUNT it replaces: every sent_messages
// row of the user (vendor + app user) created at or after the period start whose status is
// not 'cancelled'. So pending, sending, sent, delivered, read, failed and expired rows count
// (they were queued); a cancelled row gives its place back; a recipient rejected by the
// request (invalid_phone, not_in_contact_list, opted_out, message_too_long) never had a row.
//
// Kept as one counter row per (vendor, user, since_ms) in message_quota, exactly "rows counted
// since since_ms", whatever since_ms is. That keeps the old meaning for any period definition:
// a renewed or extended subscription, or an operator moving starts_at or changing the plan's
// period_days, just asks for another since_ms, whose counter is created from the rows the first
// time it is asked (one COUNT per user and period, then never again).
// Who keeps it exact:
// - inserts: MessageStore::insertBatch calls addInserted() in the transaction that inserts the
//   rows (a crash leaves both or neither);
// - a status moving to or from 'cancelled', and deleted rows: SQLite triggers on sent_messages
//   (Migrations, "message quota counters"), so every path that changes a status is covered;
// - a user's counters go with the user (ON DELETE CASCADE).
class QuotaCounter
{
public:
    // The rows counted since sinceMs: the counter, created from the rows (in a short write
    // transaction of its own) when none exists yet. For the early check before rendering; not
    // inside another transaction.
    static int used(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId, qint64 sinceMs);

    // The COUNT itself (the definition above; what a counter is created from).
    static int countRows(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId, qint64 sinceMs);

    // Inside the caller's write transaction, after inserting `count` counted rows of the user
    // created at createdAtMs: every counter of the user whose since_ms <= createdAtMs goes up.
    static void addInserted(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId,
                            qint64 createdAtMs, int count);

    // Inside the caller's write transaction (it holds the write lock, so no other writer can
    // move the rows in between): the counter for sinceMs, created from the rows when missing.
    // Creating one drops the user's counters of earlier periods (a period rolled over: they
    // are never asked again; if one were, it would be counted again).
    static int usedForUpdate(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId,
                             qint64 sinceMs);

    // The one quota rule: 403 quota_exceeded (details.remaining, details.requested) when
    // `requested` messages do not fit in what `limit` leaves after `used`.
    static void require(int used, int limit, int requested);

private:
    // In a write transaction: drops the user's counters of earlier periods, then the counter
    // for sinceMs, counted from the rows if no other connection created it meanwhile.
    static int create(const QSqlDatabase &db, qint64 vendorId, qint64 appUserId, qint64 sinceMs);
};
