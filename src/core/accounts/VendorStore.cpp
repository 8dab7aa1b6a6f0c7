#include "accounts/VendorStore.h"

#include "accounts/AppUserStore.h"

#include "DomainError.h"
#include "EventBus.h"
#include "contacts/ContactStore.h"
#include "platform/Clock.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

namespace {

const QString kColumns = QStringLiteral("id, name, email, company_name, phone_number, created_at");

Vendor readVendor(const QSqlQuery &q)
{
    Vendor v;
    v.id = q.value(0).toLongLong();
    v.name = q.value(1).toString();
    v.email = q.value(2).toString();
    v.companyName = q.value(3).toString();
    v.phoneNumber = q.value(4).toString();
    v.createdAt = q.value(5).toLongLong();
    return v;
}

QString normalizedEmail(const QString &email)
{
    return email.trimmed().toLower();
}

// Keys are looked up on every request; writing last_used_at each time would turn every read
// into a write, so it is refreshed at most once a minute.
constexpr qint64 kTouchIntervalMs = 60 * 1000;

// The key cache: rotation and removal in this process invalidate it at once; the age limit
// only bounds how long a change made by another process on the same database goes unseen.
constexpr qint64 kKeyCacheMaxAgeMs = 5 * 1000;
constexpr int kKeyCacheMaxEntries = 4096;

} // namespace

VendorStore::VendorStore(QString connectionName, EventBus *events)
    : m_connection(std::move(connectionName)), m_events(events)
{
}

Vendor VendorStore::create(const Vendor &vendor, const QString &passwordHash,
                           const QString &keyHash, const QString &keyEncrypted)
{
    Vendor v = vendor;
    v.email = normalizedEmail(vendor.email);
    v.name = vendor.name.trimmed();
    if (v.name.isEmpty())
        throw DomainError::validation(QStringLiteral("name"), QStringLiteral("name is required"));
    if (v.email.isEmpty())
        throw DomainError::validation(QStringLiteral("email"), QStringLiteral("email is required"));
    if (passwordHash.isEmpty() || keyHash.isEmpty() || keyEncrypted.isEmpty())
        throw DomainError::internal(QStringLiteral("vendor created without credentials"));
    v.createdAt = Clock::nowMs();

    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO api_consumer (name, company_name, phone_number, email, "
                           "password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(v.name);
    q.addBindValue(v.companyName.isNull() ? QString(QLatin1String("")) : v.companyName);
    q.addBindValue(v.phoneNumber.isNull() ? QString(QLatin1String("")) : v.phoneNumber);
    q.addBindValue(v.email);
    q.addBindValue(passwordHash);
    q.addBindValue(v.createdAt);
    q.addBindValue(v.createdAt);
    if (!q.exec()) {
        if (SqlSupport::isUniqueViolation(q.lastError()))
            throw DomainError::conflict(QStringLiteral("email_taken"),
                                        QStringLiteral("A vendor with this email already exists"));
        SqlSupport::fail(q.lastError(), q.lastQuery());
    }
    v.id = q.lastInsertId().toLongLong();
    if (v.companyName.isNull())
        v.companyName = QLatin1String("");
    if (v.phoneNumber.isNull())
        v.phoneNumber = QLatin1String("");

    QSqlQuery k = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO api_keys (api_consumer_id, key_hash, key_encrypted, "
                           "created_at) VALUES (?, ?, ?, ?)"));
    k.addBindValue(v.id);
    k.addBindValue(keyHash);
    k.addBindValue(keyEncrypted);
    k.addBindValue(v.createdAt);
    SqlSupport::exec(k);
    tx.commit();
    return v;
}

std::optional<Vendor> VendorStore::find(qint64 vendorId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM api_consumer WHERE id = ?").arg(kColumns));
    q.addBindValue(vendorId);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return readVendor(q);
}

bool VendorStore::emailTaken(const QString &email) const
{
    const QString e = normalizedEmail(email);
    if (e.isEmpty())
        return false;
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("SELECT 1 FROM api_consumer WHERE email = ?"));
    q.addBindValue(e);
    SqlSupport::exec(q);
    return q.next();
}

std::optional<std::pair<Vendor, QString>> VendorStore::findForLogin(const QString &email) const
{
    const QString e = normalizedEmail(email);
    if (e.isEmpty())
        return std::nullopt;
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db,
        QStringLiteral("SELECT %1, password_hash FROM api_consumer WHERE email = ?").arg(kColumns));
    q.addBindValue(e);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return std::make_pair(readVendor(q), q.value(6).toString());
}

Vendor VendorStore::update(qint64 vendorId, const std::optional<QString> &name,
                           const std::optional<QString> &companyName,
                           const std::optional<QString> &phoneNumber)
{
    if (name && name->trimmed().isEmpty())
        throw DomainError::validation(QStringLiteral("name"),
                                      QStringLiteral("name must not be empty"));
    QStringList sets;
    QVariantList values;
    if (name) {
        sets << QStringLiteral("name = ?");
        values << name->trimmed();
    }
    if (companyName) {
        sets << QStringLiteral("company_name = ?");
        values << (companyName->isNull() ? QString(QLatin1String("")) : *companyName);
    }
    if (phoneNumber) {
        sets << QStringLiteral("phone_number = ?");
        values << (phoneNumber->isNull() ? QString(QLatin1String("")) : *phoneNumber);
    }
    sets << QStringLiteral("updated_at = ?");
    values << Clock::nowMs();

    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(db, QStringLiteral("UPDATE api_consumer SET %1 WHERE id = ?")
                                              .arg(sets.join(QLatin1String(", "))));
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(vendorId);
    SqlSupport::exec(q);
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("vendor"));
    const auto v = find(vendorId);
    if (!v)
        throw DomainError::notFound(QStringLiteral("vendor"));
    return *v;
}

QList<Vendor> VendorStore::listAllForOperator() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM api_consumer ORDER BY id").arg(kColumns));
    SqlSupport::exec(q);
    QList<Vendor> out;
    while (q.next())
        out << readVendor(q);
    return out;
}

bool VendorStore::remove(qint64 vendorId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    bool removed = false;
    forgetKeysOf(vendorId);
    // Cascades to keys, users, numbers, contacts, subscriptions and messages.
    ContactStore::removeInBulk(db, [&] {
        QSqlQuery q =
            SqlSupport::prepare(db, QStringLiteral("DELETE FROM api_consumer WHERE id = ?"));
        q.addBindValue(vendorId);
        SqlSupport::exec(q);
        removed = q.numRowsAffected() > 0;
    });
    forgetKeysOf(vendorId);
    if (removed) {
        AppUserStore::noteChanged(); // the vendor's users went with it
        if (m_events)
            m_events->announceVendorRemoved(vendorId);
    }
    return removed;
}

void VendorStore::setPasswordHash(qint64 vendorId, const QString &passwordHash)
{
    if (passwordHash.isEmpty())
        throw DomainError::internal(QStringLiteral("empty password hash"));
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db,
        QStringLiteral("UPDATE api_consumer SET password_hash = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(passwordHash);
    q.addBindValue(Clock::nowMs());
    q.addBindValue(vendorId);
    SqlSupport::exec(q);
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("vendor"));
}

std::optional<qint64> VendorStore::vendorForKeyHash(const QString &keyHash) const
{
    if (keyHash.isEmpty())
        return std::nullopt;
    const qint64 now = Clock::nowMs();
    // The connection is looked up only when a statement runs: a cached key needs none.
    const auto touch = [this, now](qint64 keyId) {
        QSqlDatabase db = SqlSupport::database(m_connection);
        QSqlQuery t = SqlSupport::prepare(
            db, QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ?"));
        t.addBindValue(now);
        t.addBindValue(keyId);
        // Bookkeeping only: a busy database must not fail the request that authenticated.
        t.exec();
    };

    quint64 generation = 0;
    {
        std::unique_lock lock(m_keyCacheMutex);
        generation = m_keyCacheGeneration;
        const auto it = m_keyCache.find(keyHash);
        if (it != m_keyCache.end()) {
            if (now - it->cachedAt >= 0 && now - it->cachedAt < kKeyCacheMaxAgeMs) {
                const qint64 vendorId = it->vendorId;
                if (now - it->lastUsedAt >= kTouchIntervalMs) {
                    const qint64 keyId = it->keyId;
                    it->lastUsedAt = now;
                    lock.unlock();
                    touch(keyId);
                }
                return vendorId;
            }
            m_keyCache.erase(it);
        }
    }

    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT id, api_consumer_id, last_used_at FROM api_keys "
                           "WHERE key_hash = ? AND revoked_at IS NULL"));
    q.addBindValue(keyHash);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    const qint64 keyId = q.value(0).toLongLong();
    const qint64 vendorId = q.value(1).toLongLong();
    qint64 lastUsed = q.value(2).isNull() ? 0 : q.value(2).toLongLong();
    q.finish();
    if (lastUsed == 0 || now - lastUsed >= kTouchIntervalMs) {
        touch(keyId);
        lastUsed = now;
    }
    {
        const std::lock_guard lock(m_keyCacheMutex);
        if (generation == m_keyCacheGeneration) {
            if (m_keyCache.size() >= kKeyCacheMaxEntries)
                m_keyCache.clear();
            m_keyCache.insert(keyHash, CachedKey{keyId, vendorId, lastUsed, now});
        }
    }
    return vendorId;
}

void VendorStore::forgetKeysOf(qint64 vendorId)
{
    const std::lock_guard lock(m_keyCacheMutex);
    ++m_keyCacheGeneration;
    for (auto it = m_keyCache.begin(); it != m_keyCache.end();) {
        if (it->vendorId == vendorId)
            it = m_keyCache.erase(it);
        else
            ++it;
    }
}

std::optional<QString> VendorStore::currentEncryptedKey(qint64 vendorId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT key_encrypted FROM api_keys WHERE %1 AND revoked_at IS NULL "
                           "ORDER BY created_at DESC, id DESC LIMIT 1")
                .arg(scope.sql()));
    scope.bind(q);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

void VendorStore::rotateKey(qint64 vendorId, const QString &keyHash, const QString &keyEncrypted)
{
    if (keyHash.isEmpty() || keyEncrypted.isEmpty())
        throw DomainError::internal(QStringLiteral("rotateKey without a key"));
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery exists =
        SqlSupport::prepare(db, QStringLiteral("SELECT 1 FROM api_consumer WHERE id = ?"));
    exists.addBindValue(vendorId);
    SqlSupport::exec(exists);
    if (!exists.next())
        throw DomainError::notFound(QStringLiteral("vendor"));
    exists.finish();
    // Begins with the write (see MessageStore::insertBatch on WAL snapshots).
    SqlSupport::Transaction tx(db);
    const qint64 now = Clock::nowMs();
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery r = SqlSupport::prepare(
        db, QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE %1 AND revoked_at IS NULL")
                .arg(scope.sql()));
    r.addBindValue(now);
    scope.bind(r);
    SqlSupport::exec(r);
    QSqlQuery k = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO api_keys (api_consumer_id, key_hash, key_encrypted, "
                           "created_at) VALUES (?, ?, ?, ?)"));
    k.addBindValue(vendorId);
    k.addBindValue(keyHash);
    k.addBindValue(keyEncrypted);
    k.addBindValue(now);
    SqlSupport::exec(k);
    // Before the commit too: no request may be answered from the cache with a key that the
    // database already holds as revoked.
    forgetKeysOf(vendorId);
    tx.commit();
    forgetKeysOf(vendorId);
    if (m_events)
        m_events->announceVendorKeysRevoked(vendorId);
}
