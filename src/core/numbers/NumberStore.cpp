#include "numbers/NumberStore.h"

#include "DomainError.h"
#include "platform/Clock.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

namespace {

const QString kColumns = QStringLiteral(
    "id, api_consumer_id, app_user_id, phone_number, label, sandbox, is_active, state, "
    "state_reason, session_id, restore_on_start, created_at, updated_at");

WhatsAppNumber readNumber(const QSqlQuery &q)
{
    WhatsAppNumber n;
    n.id = q.value(0).toLongLong();
    n.vendorId = q.value(1).toLongLong();
    n.appUserId = q.value(2).toLongLong();
    n.phoneNumber = q.value(3).toString();
    n.label = SqlSupport::text(q, 4);
    n.sandbox = q.value(5).toInt() != 0;
    n.isActive = q.value(6).toInt() != 0;
    n.state = q.value(7).toString();
    n.stateReason = SqlSupport::text(q, 8);
    n.sessionId = SqlSupport::text(q, 9);
    n.restoreOnStart = q.value(10).toInt() != 0;
    n.createdAt = q.value(11).toLongLong();
    n.updatedAt = q.value(12).toLongLong();
    return n;
}

// "WHERE <the user's numbers, and only if the user is the vendor's>"; bind ofUser's values.
QString whereOf(const TenantScope &scope)
{
    return QStringLiteral("WHERE ") + scope.sql();
}

// The numbers `where` (a WHERE and/or ORDER BY clause) selects.
QList<WhatsAppNumber> selectNumbers(const QString &connection, const QString &where,
                                    const QVariantList &values = {})
{
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(connection),
        QStringLiteral("SELECT %1 FROM whatsapp_numbers %2").arg(kColumns, where), values);
    QList<WhatsAppNumber> out;
    while (q.next())
        out << readNumber(q);
    return out;
}

std::optional<WhatsAppNumber> first(const QList<WhatsAppNumber> &numbers)
{
    if (numbers.isEmpty())
        return std::nullopt;
    return numbers.first();
}

int countNumbers(const QString &connection, const QString &where, const QVariantList &values)
{
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(connection),
        QStringLiteral("SELECT COUNT(*) FROM whatsapp_numbers %1").arg(where), values);
    return q.next() ? q.value(0).toInt() : 0;
}

bool isKnownState(const QString &state)
{
    return state == SessionState::Disconnected || state == SessionState::Starting
           || state == SessionState::QrPending || state == SessionState::Authenticated
           || state == SessionState::Ready || state == SessionState::Failed;
}

} // namespace

NumberStore::NumberStore(QString connectionName) : m_connection(std::move(connectionName)) {}

WhatsAppNumber NumberStore::add(qint64 vendorId, qint64 userId, const QString &phone,
                                const QString &label, bool sandbox)
{
    if (phone.isEmpty())
        throw DomainError::validation(QStringLiteral("phone_number"),
                                      QStringLiteral("phone_number is required"));
    WhatsAppNumber n;
    n.vendorId = vendorId;
    n.appUserId = userId;
    n.phoneNumber = phone;
    n.label = label;
    n.sandbox = sandbox;
    n.sessionId = QStringLiteral("%1-%2-%3").arg(vendorId).arg(userId).arg(phone);
    n.createdAt = n.updatedAt = Clock::nowMs();

    QSqlDatabase db = SqlSupport::database(m_connection);
    // INSERT ... SELECT from app_users: the row exists only if the user is this vendor's.
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO whatsapp_numbers (api_consumer_id, app_user_id, label, "
                           "phone_number, sandbox, is_active, state, session_id, "
                           "restore_on_start, created_at, updated_at) "
                           "SELECT api_consumer_id, id, ?, ?, ?, 0, ?, ?, 0, ?, ? FROM app_users "
                           "WHERE id = ? AND ") +
                TenantScope::vendor(vendorId).sql());
    SqlSupport::bind(q, QVariantList{SqlSupport::text(label), phone, sandbox ? 1 : 0, n.state,
                                     n.sessionId, n.createdAt, n.updatedAt, userId} +
                            TenantScope::vendor(vendorId).values());
    if (!q.exec()) {
        if (SqlSupport::isUniqueViolation(q.lastError()))
            throw DomainError::conflict(QStringLiteral("number_taken"),
                                        QStringLiteral("This phone number is already registered"));
        SqlSupport::fail(q.lastError(), q.lastQuery());
    }
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("user"));
    n.id = q.lastInsertId().toLongLong();
    return n;
}

std::optional<WhatsAppNumber> NumberStore::find(qint64 vendorId, qint64 numberId) const
{
    const TenantScope scope = TenantScope::vendor(vendorId);
    return first(selectNumbers(m_connection, QStringLiteral("WHERE id = ? AND ") + scope.sql(),
                               QVariantList{numberId} + scope.values()));
}

std::optional<WhatsAppNumber> NumberStore::findByPhone(qint64 vendorId, qint64 userId,
                                                       const QString &phone) const
{
    const TenantScope scope = TenantScope::user(vendorId, userId);
    return first(selectNumbers(m_connection,
                               whereOf(scope) + QStringLiteral(" AND phone_number = ?"),
                               scope.values() << phone));
}

QList<WhatsAppNumber> NumberStore::listForUser(qint64 vendorId, qint64 userId) const
{
    const TenantScope scope = TenantScope::user(vendorId, userId);
    return selectNumbers(m_connection, whereOf(scope) + QStringLiteral(" ORDER BY id"),
                         scope.values());
}

int NumberStore::countForUser(qint64 vendorId, qint64 userId) const
{
    const TenantScope scope = TenantScope::user(vendorId, userId);
    return countNumbers(m_connection, whereOf(scope), scope.values());
}

int NumberStore::countActiveForUser(qint64 vendorId, qint64 userId) const
{
    const TenantScope scope = TenantScope::user(vendorId, userId);
    return countNumbers(m_connection, whereOf(scope) + QStringLiteral(" AND is_active = 1"),
                        scope.values());
}

WhatsAppNumber NumberStore::updateLabel(qint64 vendorId, qint64 userId, qint64 numberId,
                                        const QString &label)
{
    const QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("UPDATE whatsapp_numbers SET label = ?, updated_at = ? WHERE id = ? AND ") +
            TenantScope::user(vendorId, userId).sql(),
        QVariantList{SqlSupport::text(label), Clock::nowMs(), numberId} +
            TenantScope::user(vendorId, userId).values());
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("number"));
    const auto n = find(vendorId, numberId);
    if (!n)
        throw DomainError::notFound(QStringLiteral("number"));
    return *n;
}

bool NumberStore::remove(qint64 vendorId, qint64 userId, qint64 numberId)
{
    const QSqlQuery q =
        SqlSupport::run(SqlSupport::database(m_connection),
                        QStringLiteral("DELETE FROM whatsapp_numbers WHERE id = ? AND ") +
                            TenantScope::user(vendorId, userId).sql(),
                        QVariantList{numberId} + TenantScope::user(vendorId, userId).values());
    return q.numRowsAffected() > 0;
}

void NumberStore::setState(qint64 vendorId, qint64 numberId, const QString &state,
                           const QString &reason)
{
    if (!isKnownState(state))
        throw DomainError::validation(QStringLiteral("state"),
                                      QStringLiteral("unknown session state %1").arg(state));
    // A session may report after its number was deleted: that is not an error, the row is
    // simply gone, so a missing row changes nothing.
    SqlSupport::run(SqlSupport::database(m_connection),
                    QStringLiteral("UPDATE whatsapp_numbers SET state = ?, state_reason = ?, "
                                   "is_active = ?, updated_at = ? WHERE id = ? AND ") +
                        TenantScope::vendor(vendorId).sql(),
                    QVariantList{state,
                                 reason.isEmpty() ? SqlSupport::text(QString()) : QVariant(reason),
                                 state == SessionState::Ready ? 1 : 0, Clock::nowMs(), numberId} +
                        TenantScope::vendor(vendorId).values());
}

void NumberStore::setRestoreOnStart(qint64 vendorId, qint64 numberId, bool restore)
{
    SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("UPDATE whatsapp_numbers SET restore_on_start = ? WHERE id = ? AND ") +
            TenantScope::vendor(vendorId).sql(),
        QVariantList{restore ? 1 : 0, numberId} + TenantScope::vendor(vendorId).values());
}

QList<WhatsAppNumber> NumberStore::listToRestore() const
{
    return selectNumbers(m_connection, QStringLiteral("WHERE restore_on_start = 1 ORDER BY id"));
}

QList<WhatsAppNumber> NumberStore::listAllForOperator() const
{
    return selectNumbers(m_connection, QStringLiteral("ORDER BY id"));
}

QList<WhatsAppNumber> NumberStore::listReadyForUser(qint64 vendorId, qint64 userId) const
{
    const TenantScope scope = TenantScope::user(vendorId, userId);
    return selectNumbers(m_connection,
                         whereOf(scope) + QStringLiteral(" AND state = ? ORDER BY id"),
                         scope.values() << SessionState::Ready);
}
