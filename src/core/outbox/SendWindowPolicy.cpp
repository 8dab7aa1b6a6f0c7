#include "outbox/SendWindowPolicy.h"

#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "contacts/PhoneTimeZone.h"
#include "numbers/DailySendCounter.h"
#include "platform/Settings.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

#include <QDateTime>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>

namespace {

const QString kQuietHoursField = QStringLiteral("quiet_hours");

DomainError badQuietHours(const QString &why)
{
    return DomainError::validation(kQuietHoursField, why);
}

QTimeZone zoneNamed(const QString &id)
{
    if (id.trimmed().isEmpty())
        return {};
    const QByteArray name = id.trimmed().toUtf8();
    return QTimeZone::isTimeZoneIdAvailable(name) ? QTimeZone(name) : QTimeZone();
}

} // namespace

SendWindowPolicy::SendWindowPolicy(const Settings &settings, QString connectionName)
    : m_settings(settings), m_connection(std::move(connectionName))
{
}

// --- quiet hours ---

int SendWindowPolicy::parseClock(const QString &hhmm)
{
    static const QRegularExpression re(QStringLiteral("^([01][0-9]|2[0-3]):([0-5][0-9])$"));
    const QRegularExpressionMatch m = re.match(hhmm);
    if (!m.hasMatch())
        return -1;
    return m.captured(1).toInt() * 60 + m.captured(2).toInt();
}

QString SendWindowPolicy::clockText(int minute)
{
    return QStringLiteral("%1:%2")
        .arg(minute / 60, 2, 10, QLatin1Char('0'))
        .arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QuietHours SendWindowPolicy::quietHoursFromJson(const QJsonValue &v)
{
    if (v.isNull())
        return {};
    if (!v.isObject())
        throw badQuietHours(
            QStringLiteral("quiet_hours must be null or {\"start\":\"HH:MM\",\"end\":\"HH:MM\"}"));
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != QLatin1String("start") && it.key() != QLatin1String("end"))
            throw badQuietHours(
                QStringLiteral("quiet_hours has an unknown field \"%1\"").arg(it.key()));
    return quietHours(parseClock(o.value(QStringLiteral("start")).toString()),
                      parseClock(o.value(QStringLiteral("end")).toString()));
}

QuietHours SendWindowPolicy::quietHours(int startMinute, int endMinute)
{
    constexpr int kMinutesPerDay = 24 * 60;
    if (startMinute < 0 || endMinute < 0 || startMinute >= kMinutesPerDay ||
        endMinute >= kMinutesPerDay)
        throw badQuietHours(QStringLiteral(
            "quiet_hours.start and quiet_hours.end must be times HH:MM (00:00-23:59)"));
    if (startMinute == endMinute)
        throw badQuietHours(QStringLiteral("quiet_hours.start and quiet_hours.end must differ"));
    return {startMinute, endMinute};
}

QJsonValue SendWindowPolicy::quietHoursToJson(const QuietHours &q)
{
    if (!q.isOn())
        return QJsonValue(QJsonValue::Null);
    return QJsonObject{{QStringLiteral("start"), clockText(q.startMinute)},
                       {QStringLiteral("end"), clockText(q.endMinute)}};
}

qint64 SendWindowPolicy::quietUntil(const QuietHours &q, const QTimeZone &zone, qint64 nowMs)
{
    if (!q.isOn())
        return 0;
    const QTimeZone tz = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(nowMs, tz);
    const int minute = local.time().hour() * 60 + local.time().minute();
    const bool wraps = q.startMinute > q.endMinute; // 21:00–08:00
    const bool inside = wraps ? (minute >= q.startMinute || minute < q.endMinute)
                              : (minute >= q.startMinute && minute < q.endMinute);
    if (!inside)
        return 0;
    QDate endDay = local.date();
    if (wraps && minute >= q.startMinute)
        endDay = endDay.addDays(1); // the evening part: the window ends tomorrow morning
    const qint64 end =
        QDateTime(endDay, QTime(q.endMinute / 60, q.endMinute % 60), tz).toMSecsSinceEpoch();
    return end > nowMs ? end : nowMs + 60 * 1000; // a DST jump cannot make it end in the past
}

QTimeZone SendWindowPolicy::recipientZone(qint64 vendorId, qint64 userId,
                                          const QString &recipient) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT timezone FROM contact_lists WHERE %1 AND phone_number = ?")
                .arg(scope.sql()));
    scope.bind(q);
    q.addBindValue(recipient);
    SqlSupport::exec(q);
    if (q.next()) {
        const QTimeZone own = zoneNamed(q.value(0).toString());
        if (own.isValid())
            return own;
    }
    const QTimeZone country = PhoneTimeZone::zoneOf(recipient);
    return country.isValid() ? country : QTimeZone::systemTimeZone();
}

QuietHours SendWindowPolicy::quietHoursOf(qint64 vendorId, qint64 userId)
{
    const OutboxQueue::UserKey key{vendorId, userId};
    const quint64 changes = AppUserStore::changeCount();
    auto it = m_users.find(key);
    if (it == m_users.end() || it->changes != changes) {
        UserEntry e;
        e.changes = changes;
        if (const auto u = AppUserStore(m_connection).find(vendorId, userId))
            e.quiet = u->quietHours;
        it = m_users.insert(key, e);
    }
    return it->quiet;
}

// --- warm-up ---

QTimeZone SendWindowPolicy::numbersZone() const
{
    const QTimeZone set = zoneNamed(m_settings.warmupTimeZone());
    return set.isValid() ? set : QTimeZone::systemTimeZone();
}

QString SendWindowPolicy::dayOf(qint64 nowMs) const
{
    const QString zoneSetting = m_settings.warmupTimeZone();
    if (nowMs >= m_day.start && nowMs < m_day.end && zoneSetting == m_day.zoneSetting)
        return m_day.day;
    const QTimeZone tz = numbersZone();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, tz).date();
    m_day.zoneSetting = zoneSetting;
    m_day.start = QDateTime(today, QTime(0, 0), tz).toMSecsSinceEpoch();
    m_day.end = QDateTime(today.addDays(1), QTime(0, 0), tz).toMSecsSinceEpoch();
    m_day.day = today.toString(Qt::ISODate);
    return m_day.day;
}

qint64 SendWindowPolicy::nextDayStart(qint64 nowMs) const
{
    const QTimeZone tz = numbersZone();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, tz).date();
    return QDateTime(today.addDays(1), QTime(0, 0), tz).toMSecsSinceEpoch();
}

int SendWindowPolicy::warmupDay(qint64 createdAtMs, qint64 nowMs) const
{
    const QTimeZone tz = numbersZone();
    const QDate added = QDateTime::fromMSecsSinceEpoch(createdAtMs, tz).date();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, tz).date();
    return int(std::max<qint64>(0, added.daysTo(today))) + 1;
}

int SendWindowPolicy::dailyLimit(bool sandbox, qint64 createdAtMs, qint64 nowMs) const
{
    if (!m_settings.warmupEnabled() || (sandbox && !m_settings.warmupApplyToSandbox()))
        return -1;
    const QList<int> schedule = m_settings.warmupSchedule();
    const int day = warmupDay(createdAtMs, nowMs);
    return day <= schedule.size() ? schedule.at(day - 1) : -1;
}

int SendWindowPolicy::sentOn(qint64 numberId, const QString &day)
{
    auto it = m_counts.find(numberId);
    if (it == m_counts.end() || it->day != day)
        it = m_counts.insert(
            numberId,
            {day, DailySendCounter::sent(SqlSupport::database(m_connection), numberId, day)});
    return it->sent;
}

SendWindowPolicy::Allowance SendWindowPolicy::allowance(const WhatsAppNumber &n, qint64 nowMs)
{
    Allowance a;
    a.day = warmupDay(n.createdAt, nowMs);
    a.limit = dailyLimit(n.sandbox, n.createdAt, nowMs);
    // Read from the table, not the cache: another connection (a second app on the file, a
    // test) may have counted.
    a.sent = DailySendCounter::sent(SqlSupport::database(m_connection), n.id, dayOf(nowMs));
    if (a.limit >= 0)
        a.left = std::max(0, a.limit - a.sent);
    return a;
}

void SendWindowPolicy::countClaim(const QSqlDatabase &db, qint64 numberId, qint64 nowMs)
{
    const QString day = dayOf(nowMs);
    DailySendCounter::add(db, numberId, day);
    // The cache follows (if the transaction then fails, it counts one too many until the next
    // day: the safe side).
    auto it = m_counts.find(numberId);
    if (it != m_counts.end() && it->day == day)
        ++it->sent;
}

// --- the gate ---

SendWindowPolicy::Verdict SendWindowPolicy::verdict(const Lane &lane, const Message &m,
                                                    qint64 nowMs)
{
    const QuietHours quiet = quietHoursOf(m.vendorId, m.appUserId);
    if (quiet.isOn()) {
        const qint64 until =
            quietUntil(quiet, recipientZone(m.vendorId, m.appUserId, m.recipient), nowMs);
        if (until > nowMs)
            return {Action::HoldRow, until};
    }
    const int limit = dailyLimit(lane.sandbox, lane.createdAt, nowMs);
    if (limit < 0)
        return {};
    // Sends under way may already be counted (claimed) or not: counting them all is exact
    // once none is under way, and the end of each one pumps the lane again.
    if (sentOn(lane.numberId, dayOf(nowMs)) + lane.inFlight < limit)
        return {};
    if (lane.inFlight > 0)
        return {Action::HoldLane, 0};
    const qint64 tomorrow = nextDayStart(nowMs);
    // A row only this number may send waits for tomorrow in the table; one any number of the
    // user may send goes back in line for the others.
    if (OutboxQueue::pinnedNumber(m) == lane.numberId)
        return {Action::HoldRow, tomorrow};
    return {Action::HoldLane, tomorrow};
}
