#include "numbers/NumberCheckStore.h"

#include "platform/Settings.h"
#include "storage/SqlSupport.h"

#include <QSqlQuery>
#include <QVariant>

namespace {
constexpr int kInChunk = 500; // bound variables per IN (...), well under SQLite's limit
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
} // namespace

NumberCheckStore::NumberCheckStore(QString connectionName, const Settings &settings)
    : m_connection(std::move(connectionName)), m_settings(settings)
{
}

qint64 NumberCheckStore::cacheMs() const
{
    return qint64(m_settings.checksCacheDays()) * kDayMs;
}

std::optional<NumberCheckStore::Answer>
NumberCheckStore::known(qint64 vendorId, const QString &phone, qint64 nowMs) const
{
    const QHash<QString, Answer> found = knownMany(vendorId, {phone}, nowMs);
    const auto it = found.constFind(phone);
    if (it == found.cend())
        return std::nullopt;
    return *it;
}

QHash<QString, NumberCheckStore::Answer>
NumberCheckStore::knownMany(qint64 vendorId, const QStringList &phones, qint64 nowMs) const
{
    QHash<QString, Answer> out;
    if (phones.isEmpty())
        return out;
    const QSqlDatabase db = SqlSupport::database(m_connection);
    // An answer exactly cacheMs old is too old: "never asked twice within 7 days" means the
    // eighth day asks again.
    const qint64 since = nowMs - cacheMs();
    for (int start = 0; start < phones.size(); start += kInChunk) {
        const int n = std::min<int>(kInChunk, int(phones.size()) - start);
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("SELECT phone_number, registered, checked_at FROM number_checks "
                               "WHERE api_consumer_id = ? AND checked_at > ? AND phone_number "
                               "IN (%1)")
                    .arg(SqlSupport::placeholders(n)));
        q.setForwardOnly(true);
        q.addBindValue(vendorId);
        q.addBindValue(since);
        for (int i = 0; i < n; ++i)
            q.addBindValue(phones.at(start + i));
        SqlSupport::exec(q);
        while (q.next())
            out.insert(q.value(0).toString(), {q.value(1).toInt() != 0, q.value(2).toLongLong()});
    }
    return out;
}

void NumberCheckStore::record(qint64 vendorId, const QString &phone, bool registered, qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    SqlSupport::run(db,
                    QStringLiteral("INSERT INTO number_checks (api_consumer_id, phone_number, "
                                   "registered, checked_at) VALUES (?, ?, ?, ?) ON CONFLICT "
                                   "(api_consumer_id, phone_number) DO UPDATE SET registered = "
                                   "excluded.registered, checked_at = excluded.checked_at"),
                    {vendorId, phone, registered ? 1 : 0, nowMs});
    // Contacts are unique per (app_user_id, phone_number): the IN over the vendor's users keeps
    // this on that index instead of a scan of the vendor's contacts. updated_at is left alone:
    // the contact's own fields did not change.
    SqlSupport::run(
        db,
        QStringLiteral("UPDATE contact_lists SET whatsapp_status = ?, "
                       "whatsapp_checked_at = ? WHERE app_user_id IN (SELECT id FROM "
                       "app_users WHERE api_consumer_id = ?) AND phone_number = ?"),
        {registered ? QStringLiteral("yes") : QStringLiteral("no"), nowMs, vendorId, phone});
    tx.commit();
}
