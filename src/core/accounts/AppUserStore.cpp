#include "accounts/AppUserStore.h"

#include <atomic>

#include "DomainError.h"
#include "contacts/ContactStore.h"
#include "platform/Clock.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

namespace {

const QString kColumns =
    QStringLiteral("id, api_consumer_id, name, email, company_name, external_user_id, created_at, "
                   "quiet_hours_start, quiet_hours_end");

AppUser readUser(const QSqlQuery &q)
{
    AppUser u;
    u.id = q.value(0).toLongLong();
    u.vendorId = q.value(1).toLongLong();
    u.name = q.value(2).toString();
    u.email = q.value(3).toString();
    u.companyName = SqlSupport::text(q, 4);
    u.externalUserId = SqlSupport::text(q, 5);
    u.createdAt = q.value(6).toLongLong();
    if (!q.value(7).isNull() && !q.value(8).isNull())
        u.quietHours = {q.value(7).toInt(), q.value(8).toInt()};
    return u;
}

DomainError emailTaken()
{
    return DomainError::conflict(QStringLiteral("email_taken"),
                                 QStringLiteral("A user with this email already exists"));
}

} // namespace

AppUserStore::AppUserStore(QString connectionName) : m_connection(std::move(connectionName)) {}

namespace {
std::atomic<quint64> g_changes{0};
}

quint64 AppUserStore::changeCount()
{
    return g_changes.load(std::memory_order_acquire);
}

void AppUserStore::noteChanged()
{
    g_changes.fetch_add(1, std::memory_order_acq_rel);
}

AppUser AppUserStore::create(qint64 vendorId, const AppUser &user)
{
    AppUser u = user;
    u.vendorId = vendorId;
    u.name = user.name.trimmed();
    u.email = user.email.trimmed().toLower();
    if (u.name.isEmpty())
        throw DomainError::validation(QStringLiteral("name"), QStringLiteral("name is required"));
    if (u.email.isEmpty())
        throw DomainError::validation(QStringLiteral("email"), QStringLiteral("email is required"));
    u.createdAt = Clock::nowMs();

    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral(
                "INSERT INTO app_users (api_consumer_id, external_user_id, name, "
                "company_name, email, created_at, updated_at, quiet_hours_start, quiet_hours_end) "
                "SELECT id, ?, ?, ?, ?, ?, ?, ?, ? FROM api_consumer WHERE id = ?"));
    q.addBindValue(SqlSupport::text(u.externalUserId));
    q.addBindValue(u.name);
    q.addBindValue(SqlSupport::text(u.companyName));
    q.addBindValue(u.email);
    q.addBindValue(u.createdAt);
    q.addBindValue(u.createdAt);
    q.addBindValue(u.quietHours.isOn() ? QVariant(u.quietHours.startMinute) : QVariant());
    q.addBindValue(u.quietHours.isOn() ? QVariant(u.quietHours.endMinute) : QVariant());
    q.addBindValue(vendorId);
    if (!q.exec()) {
        if (SqlSupport::isUniqueViolation(q.lastError()))
            throw emailTaken();
        SqlSupport::fail(q.lastError(), q.lastQuery());
    }
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("vendor"));
    u.id = q.lastInsertId().toLongLong();
    noteChanged();
    return u;
}

AppUser AppUserStore::requireUserOfVendor(qint64 vendorId, qint64 userId) const
{
    if (std::optional<AppUser> u = find(vendorId, userId))
        return *u;
    throw DomainError::notFound(QStringLiteral("user"));
}

std::optional<AppUser> AppUserStore::find(qint64 vendorId, qint64 userId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db,
        QStringLiteral("SELECT %1 FROM app_users WHERE id = ? AND %2").arg(kColumns, scope.sql()));
    q.addBindValue(userId);
    scope.bind(q);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

QList<AppUser> AppUserStore::list(qint64 vendorId, int page, int limit) const
{
    const TenantScope scope = TenantScope::vendor(vendorId);
    QString sql =
        QStringLiteral("SELECT %1 FROM app_users WHERE %2 ORDER BY id").arg(kColumns, scope.sql());
    if (limit > 0)
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(db, sql);
    scope.bind(q);
    if (limit > 0) {
        q.addBindValue(limit);
        q.addBindValue(qint64(std::max(page, 1) - 1) * limit);
    }
    SqlSupport::exec(q);
    QList<AppUser> out;
    while (q.next())
        out << readUser(q);
    return out;
}

int AppUserStore::count(qint64 vendorId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(db, QStringLiteral("SELECT COUNT(*) FROM app_users WHERE ") +
                                              scope.sql());
    scope.bind(q);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

AppUser AppUserStore::update(qint64 vendorId, qint64 userId, const Patch &patch)
{
    QStringList sets;
    QVariantList values;
    if (patch.name) {
        const QString name = patch.name->trimmed();
        if (name.isEmpty())
            throw DomainError::validation(QStringLiteral("name"),
                                          QStringLiteral("name must not be empty"));
        sets << QStringLiteral("name = ?");
        values << name;
    }
    if (patch.email) {
        const QString email = patch.email->trimmed().toLower();
        if (email.isEmpty())
            throw DomainError::validation(QStringLiteral("email"),
                                          QStringLiteral("email must not be empty"));
        sets << QStringLiteral("email = ?");
        values << email;
    }
    if (patch.companyName) {
        sets << QStringLiteral("company_name = ?");
        values << SqlSupport::text(*patch.companyName);
    }
    if (patch.externalUserId) {
        sets << QStringLiteral("external_user_id = ?");
        values << SqlSupport::text(*patch.externalUserId);
    }
    if (patch.quietHours) {
        const bool on = patch.quietHours->isOn();
        sets << QStringLiteral("quiet_hours_start = ?") << QStringLiteral("quiet_hours_end = ?");
        values << (on ? QVariant(patch.quietHours->startMinute) : QVariant())
               << (on ? QVariant(patch.quietHours->endMinute) : QVariant());
    }
    sets << QStringLiteral("updated_at = ?");
    values << Clock::nowMs();

    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("UPDATE app_users SET %1 WHERE id = ? AND %2")
                                    .arg(sets.join(QLatin1String(", ")), scope.sql()));
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(userId);
    scope.bind(q);
    if (!q.exec()) {
        if (SqlSupport::isUniqueViolation(q.lastError()))
            throw emailTaken();
        SqlSupport::fail(q.lastError(), q.lastQuery());
    }
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("user"));
    noteChanged();
    const auto u = find(vendorId, userId);
    if (!u)
        throw DomainError::notFound(QStringLiteral("user"));
    return *u;
}

bool AppUserStore::remove(qint64 vendorId, qint64 userId)
{
    // Numbers, contacts and subscriptions reference app_users with ON DELETE CASCADE
    // (foreign_keys=ON on every connection); sent_messages has no foreign key on the user so
    // the history stays.
    QSqlDatabase db = SqlSupport::database(m_connection);
    bool removed = false;
    ContactStore::removeInBulk(db, [&] {
        const TenantScope scope = TenantScope::vendor(vendorId);
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("DELETE FROM app_users WHERE id = ? AND ") + scope.sql());
        q.addBindValue(userId);
        scope.bind(q);
        SqlSupport::exec(q);
        removed = q.numRowsAffected() > 0;
    });
    if (removed)
        noteChanged();
    return removed;
}
