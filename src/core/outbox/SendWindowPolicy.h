#pragma once

#include "Entities.h"
#include "outbox/OutboxQueue.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QTimeZone>

class Settings;
class QSqlDatabase;

// When a message may leave (issue #16; docs/pipeline.md "Quiet hours and warm-up"). The one
// home of two rules the dispatcher applies before each send and the API and the window show:
//
// - Quiet hours, per app user (AppUser::quietHours, off by default): no sends from start to
//   end in the recipient's local time: the contact's own time zone (contacts.timezone, an IANA
//   id) when it has a valid one, else the zone of its phone's country (PhoneTimeZone), else
//   the system's. A message due inside the window waits, pending, until the window ends.
// - Warm-up, per number: a daily limit that grows with the number's age (settings warmup/*:
//   warmup/schedule lists the limit of day 1, day 2, …; after its last day there is none).
//   Days are calendar days in the numbers' zone (warmup/time_zone, else the system's), day 1
//   being the day the number was added. What counts is DailySendCounter's (claims that day).
//   Sends beyond the limit wait for the next local day. Sandbox numbers are exempt (unless
//   warmup/apply_to_sandbox, for tests).
//
// Runs on CoreServices' thread and connection (as the dispatcher and the API do).
class SendWindowPolicy
{
public:
    SendWindowPolicy(const Settings &settings, QString connectionName);

    // --- quiet hours ---
    // "21:00" → 1260; -1 when not HH:MM (00:00–23:59).
    static int parseClock(const QString &hhmm);
    static QString clockText(int minute);
    // The one rule for a window (API and user dialog): both 0..1439, start != end; throws
    // DomainError validation_failed (details.field "quiet_hours") otherwise.
    static QuietHours quietHours(int startMinute, int endMinute);
    // The API's quiet_hours: null (off) or {"start":"HH:MM","end":"HH:MM"} with start != end.
    // Throws DomainError validation_failed (details.field "quiet_hours") otherwise.
    static QuietHours quietHoursFromJson(const QJsonValue &v);
    static QJsonValue quietHoursToJson(const QuietHours &q);
    // When nowMs falls inside the quiet window in `zone`: the window's end; else 0.
    static qint64 quietUntil(const QuietHours &q, const QTimeZone &zone, qint64 nowMs);
    // The zone quiet hours are evaluated in for a recipient of the user (see above).
    QTimeZone recipientZone(qint64 vendorId, qint64 userId, const QString &recipient) const;

    // --- warm-up ---
    QTimeZone numbersZone() const;
    QString dayOf(qint64 nowMs) const;       // "YYYY-MM-DD" in numbersZone()
    qint64 nextDayStart(qint64 nowMs) const; // the next local midnight
    // 1 on the day the number was added, 2 the day after, …
    int warmupDay(qint64 createdAtMs, qint64 nowMs) const;
    // The number's limit on the day of nowMs; -1: none (exempt, warm-up off, schedule over).
    int dailyLimit(bool sandbox, qint64 createdAtMs, qint64 nowMs) const;
    struct Allowance
    {
        int day = 0;    // warm-up day (1-based)
        int limit = -1; // -1: no limit
        int sent = 0;   // counted today
        int left = -1;  // -1: no limit
    };
    Allowance allowance(const WhatsAppNumber &n, qint64 nowMs);

    // Inside the transaction of a claim by the number (OutboxQueue's claim hook): counts it.
    void countClaim(const QSqlDatabase &db, qint64 numberId, qint64 nowMs);

    // --- the dispatcher's gate ---
    struct Lane
    {
        qint64 numberId = 0;
        bool sandbox = false;
        qint64 createdAt = 0;
        int inFlight = 0; // sends of the number under way (claimed or not)
    };
    enum class Action
    {
        Send,
        HoldRow, // the row waits, pending, until `until` (next_attempt_at)
        HoldLane // the number sends nothing more before `until` (0: until a send under way ends);
                 // the row goes back in line for the user's other numbers
    };
    struct Verdict
    {
        Action action = Action::Send;
        qint64 until = 0;
    };
    // Whether row m may be sent by the lane now.
    Verdict verdict(const Lane &lane, const Message &m, qint64 nowMs);

private:
    QuietHours quietHoursOf(qint64 vendorId, qint64 userId);
    int sentOn(qint64 numberId, const QString &day);

    const Settings &m_settings;
    QString m_connection;
    struct UserEntry
    {
        QuietHours quiet;
        quint64 changes = 0; // AppUserStore::changeCount() when read
    };
    QHash<OutboxQueue::UserKey, UserEntry> m_users;
    struct DayCount
    {
        QString day;
        int sent = 0;
    };
    QHash<qint64, DayCount> m_counts;
    // The local day last asked for, with its bounds: every claim asks (dayOf), and a zone and a
    // date built per claim are not free. The zone setting is compared, so a change applies.
    struct DayCache
    {
        QString zoneSetting;
        qint64 start = 0;
        qint64 end = 0;
        QString day;
    };
    mutable DayCache m_day;
};
