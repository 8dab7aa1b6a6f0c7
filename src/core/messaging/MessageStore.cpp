#include "messaging/MessageStore.h"

#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "messaging/QuotaCounter.h"
#include "platform/Clock.h"
#include "storage/SqlBulkInsert.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"
#include "webhooks/WebhookOutbox.h"

#include <QMap>
#include <QSet>

namespace {

const QString kColumns = QStringLiteral(
    "id, batch_id, api_consumer_id, app_user_id, from_number_id, number_id, recipient, message, "
    "message_type, media_url, caption, template_id, status, error_message, wa_message_id, "
    "attempts, next_attempt_at, expires_at, created_at, updated_at, sent_at, delivered_at, "
    "read_at, payload");

qint64 intOrZero(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

Message readRow(const QSqlQuery &q)
{
    Message m;
    m.id = q.value(0).toLongLong();
    m.batchId = q.value(1).toString();
    m.vendorId = q.value(2).toLongLong();
    m.appUserId = q.value(3).toLongLong();
    m.fromNumberId = intOrZero(q.value(4));
    m.numberId = intOrZero(q.value(5));
    m.recipient = q.value(6).toString();
    m.message = SqlSupport::text(q, 7);
    m.messageType = q.value(8).toString();
    m.mediaUrl = SqlSupport::text(q, 9);
    m.caption = SqlSupport::text(q, 10);
    m.templateId = SqlSupport::text(q, 11);
    m.status = q.value(12).toString();
    m.errorMessage = SqlSupport::text(q, 13);
    m.waMessageId = SqlSupport::text(q, 14);
    m.attempts = q.value(15).toInt();
    m.nextAttemptAt = q.value(16).toLongLong();
    m.expiresAt = q.value(17).toLongLong();
    m.createdAt = q.value(18).toLongLong();
    m.updatedAt = q.value(19).toLongLong();
    m.sentAt = intOrZero(q.value(20));
    m.deliveredAt = intOrZero(q.value(21));
    m.readAt = intOrZero(q.value(22));
    m.payload = SqlSupport::text(q, 23);
    return m;
}

QList<Message> readAll(QSqlQuery &q)
{
    QList<Message> out;
    while (q.next())
        out << MessageStore::fromRow(q);
    return out;
}

// WHERE clause and binds shared by listForOperator and countForOperator.
void applyFilter(const MessageStore::Filter &f, QStringList &where, QVariantList &binds)
{
    if (f.vendorId) {
        const TenantScope scope = TenantScope::vendor(f.vendorId);
        where << scope.sql();
        binds << scope.values();
    }
    if (f.appUserId) {
        where << QStringLiteral("app_user_id = ?");
        binds << f.appUserId;
    }
    if (!f.batchId.isEmpty()) {
        where << QStringLiteral("batch_id = ?");
        binds << f.batchId;
    }
    if (!f.status.isEmpty()) {
        where << QStringLiteral("status = ?");
        binds << f.status;
    }
    if (f.fromMs) {
        where << QStringLiteral("created_at >= ?");
        binds << f.fromMs;
    }
    if (f.toMs) {
        where << QStringLiteral("created_at < ?");
        binds << f.toMs;
    }
}

QString whereSql(const QStringList &where)
{
    return where.isEmpty() ? QString()
                           : QStringLiteral(" WHERE ") + where.join(QLatin1String(" AND "));
}

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;
constexpr int kInChunk = 100; // ids per IN (...): see ContactStore.cpp

} // namespace

const QString &MessageStore::columns()
{
    return kColumns;
}

Message MessageStore::fromRow(const QSqlQuery &query)
{
    return readRow(query);
}

MessageStore::MessageStore(QString connectionName) : m_connection(std::move(connectionName)) {}

QList<Message> MessageStore::insertBatch(qint64 vendorId, const QList<Message> &messages,
                                         const std::optional<QuotaCheck> &quota)
{
    QList<Message> out;
    if (messages.isEmpty())
        return out;
    QSqlDatabase db = SqlSupport::database(m_connection);

    // Every user named must be this vendor's (usually one user per batch: one lookup).
    QSet<qint64> users;
    for (const Message &m : messages) {
        if (m.batchId.isEmpty())
            throw DomainError::validation(QStringLiteral("batch_id"),
                                          QStringLiteral("batch_id is required"));
        if (m.recipient.isEmpty())
            throw DomainError::validation(QStringLiteral("recipient"),
                                          QStringLiteral("recipient is required"));
        if (MessageStatus::rank(m.status) < 0)
            throw DomainError::validation(
                QStringLiteral("status"),
                QStringLiteral("unknown message status %1").arg(m.status));
        users.insert(m.appUserId);
    }
    // Checked before the transaction: in WAL a transaction that reads first and writes later
    // fails with SQLITE_BUSY if another connection wrote in between; one that starts with its
    // write waits for the lock (busy_timeout) instead.
    const AppUserStore owners(db.connectionName());
    for (qint64 user : std::as_const(users))
        owners.requireUserOfVendor(vendorId, user);

    SqlSupport::Transaction tx(db);

    SqlBulkInsert q(
        db,
        QStringLiteral("INSERT INTO sent_messages (batch_id, api_consumer_id, app_user_id, "
                       "from_number_id, number_id, recipient, message, message_type, "
                       "media_url, caption, template_id, status, error_message, "
                       "wa_message_id, attempts, next_attempt_at, expires_at, created_at, "
                       "updated_at, sent_at, delivered_at, read_at, payload) VALUES (%1)")
            .arg(SqlSupport::placeholders(23)),
        23);
    const qint64 now = Clock::nowMs();
    out.reserve(messages.size());
    for (const Message &in : messages) {
        Message m = in;
        m.vendorId = vendorId;
        if (m.createdAt <= 0)
            m.createdAt = now;
        if (m.updatedAt <= 0)
            m.updatedAt = m.createdAt;
        if (m.messageType.isEmpty())
            m.messageType = QStringLiteral("text");
        // Bound without QVariants: strings in place (m lives until exec), integers directly.
        const auto nullableInt = [&q](int i, qint64 v) { v ? q.bindInt(i, v) : q.bindNull(i); };
        int i = 0;
        q.bindText(i++, m.batchId);
        q.bindInt(i++, vendorId);
        q.bindInt(i++, m.appUserId);
        nullableInt(i++, m.fromNumberId);
        nullableInt(i++, m.numberId);
        q.bindText(i++, m.recipient);
        q.bindText(i++, m.message);
        q.bindText(i++, m.messageType);
        q.bindText(i++, m.mediaUrl);
        q.bindText(i++, m.caption);
        q.bindText(i++, m.templateId);
        q.bindText(i++, m.status);
        q.bindText(i++, m.errorMessage);
        q.bindText(i++, m.waMessageId);
        q.bindInt(i++, m.attempts);
        q.bindInt(i++, m.nextAttemptAt);
        q.bindInt(i++, m.expiresAt);
        q.bindInt(i++, m.createdAt);
        q.bindInt(i++, m.updatedAt);
        nullableInt(i++, m.sentAt);
        nullableInt(i++, m.deliveredAt);
        nullableInt(i++, m.readAt);
        q.bindText(i++, m.payload);
        q.exec();
        m.id = q.lastInsertId();
        out.append(std::move(m));
    }

    // Each batch's own row (CampaignService: send_at, paused), in this transaction; usually
    // one batch per call. A scheduled row's next_attempt_at is the batch's send_at.
    {
        QSet<QString> batches;
        QSqlQuery b = SqlSupport::prepare(
            db, QStringLiteral("INSERT OR IGNORE INTO batches (batch_id, api_consumer_id, "
                               "app_user_id, send_at, created_at) VALUES (?, ?, ?, ?, ?)"));
        for (const Message &m : std::as_const(out)) {
            if (batches.contains(m.batchId))
                continue;
            batches.insert(m.batchId);
            b.addBindValue(m.batchId);
            b.addBindValue(vendorId);
            b.addBindValue(m.appUserId);
            b.addBindValue(SqlSupport::nullableInt(
                m.status == MessageStatus::Scheduled ? m.nextAttemptAt : 0));
            b.addBindValue(m.createdAt);
            SqlSupport::exec(b);
        }
    }

    // The quota counters, in this transaction. Counted rows (not cancelled) grouped by user
    // and creation time: a composed batch is one group, so one UPDATE.
    QMap<QPair<qint64, qint64>, int> counted;
    for (const Message &m : std::as_const(out)) {
        if (m.status != MessageStatus::Cancelled)
            ++counted[{m.appUserId, m.createdAt}];
    }
    for (auto it = counted.cbegin(); it != counted.cend(); ++it)
        QuotaCounter::addInserted(db, vendorId, it.key().first, it.key().second, it.value());
    if (quota) {
        int mine = 0; // this batch's rows in the quota's period
        for (auto it = counted.cbegin(); it != counted.cend(); ++it) {
            if (it.key().first == quota->appUserId && it.key().second >= quota->periodStart)
                mine += it.value();
        }
        const int used =
            QuotaCounter::usedForUpdate(db, vendorId, quota->appUserId, quota->periodStart);
        QuotaCounter::require(used - mine, quota->limit, quota->requested); // throws: rollback
    }
    tx.commit();
    return out;
}

std::optional<Message> MessageStore::find(qint64 vendorId, qint64 messageId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("SELECT %1 FROM sent_messages WHERE id = ? AND %2")
                                    .arg(kColumns, scope.sql()));
    q.addBindValue(messageId);
    scope.bind(q);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return MessageStore::fromRow(q);
}

QList<Message> MessageStore::listBatch(qint64 vendorId, const QString &batchId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM sent_messages WHERE batch_id = ? AND %2 ORDER BY id")
                .arg(kColumns, scope.sql()));
    q.addBindValue(batchId);
    scope.bind(q);
    q.setForwardOnly(true);
    SqlSupport::exec(q);
    return readAll(q);
}

bool MessageStore::batchExists(qint64 vendorId, const QString &batchId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT 1 FROM sent_messages WHERE batch_id = ? AND %1 LIMIT 1")
                .arg(scope.sql()));
    q.addBindValue(batchId);
    scope.bind(q);
    SqlSupport::exec(q);
    return q.next();
}

QHash<QString, int> MessageStore::countsForBatch(qint64 vendorId, const QString &batchId) const
{
    QHash<QString, int> counts;
    for (const QString &s : MessageStatus::all())
        counts.insert(s, 0); // api.md lists every status, zeros included
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT status, COUNT(*) FROM sent_messages WHERE batch_id = ? AND %1 "
                           "GROUP BY status")
                .arg(scope.sql()));
    q.addBindValue(batchId);
    scope.bind(q);
    SqlSupport::exec(q);
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toInt());
    return counts;
}

QList<Message> MessageStore::cancelPending(qint64 vendorId, const QString &batchId,
                                           WebhookOutbox *webhooks)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    // Which rows are pending now (a read outside the write transaction, so that the
    // transaction below starts with its write and waits for the lock instead of failing on a
    // stale snapshot), then cancel those that are still pending when we hold the lock.
    QList<qint64> ids;
    const TenantScope scope = TenantScope::vendor(vendorId);
    {
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("SELECT id FROM sent_messages WHERE batch_id = ? AND %1 AND "
                               "status IN (?, ?)")
                    .arg(scope.sql()));
        q.addBindValue(batchId);
        scope.bind(q);
        q.addBindValue(MessageStatus::Pending);
        q.addBindValue(MessageStatus::Scheduled);
        SqlSupport::exec(q);
        while (q.next())
            ids << q.value(0).toLongLong();
    }
    QList<Message> cancelled;
    if (ids.isEmpty())
        return cancelled;
    const qint64 now = Clock::nowMs();
    SqlSupport::Transaction tx(db);
    for (int start = 0; start < ids.size(); start += kInChunk) {
        const int n = std::min<int>(kInChunk, ids.size() - start);
        const QString in = SqlSupport::placeholders(n);
        QSqlQuery u = SqlSupport::prepare(
            db, QStringLiteral("UPDATE sent_messages SET status = ?, updated_at = ? WHERE "
                               "%1 AND status IN (?, ?) AND id IN (%2)")
                    .arg(scope.sql(), in));
        u.addBindValue(MessageStatus::Cancelled);
        u.addBindValue(now);
        scope.bind(u);
        u.addBindValue(MessageStatus::Pending);
        u.addBindValue(MessageStatus::Scheduled);
        for (int i = 0; i < n; ++i)
            u.addBindValue(ids.at(start + i));
        SqlSupport::exec(u);
        QSqlQuery s = SqlSupport::prepare(
            db, QStringLiteral("SELECT %1 FROM sent_messages WHERE %2 AND "
                               "status = ? AND updated_at = ? AND id IN (%3) ORDER BY id")
                    .arg(kColumns, scope.sql(), in));
        scope.bind(s);
        s.addBindValue(MessageStatus::Cancelled);
        s.addBindValue(now);
        for (int i = 0; i < n; ++i)
            s.addBindValue(ids.at(start + i));
        SqlSupport::exec(s);
        cancelled << readAll(s);
    }
    if (webhooks) {
        for (const Message &m : std::as_const(cancelled))
            webhooks->stageStatus(db, m, now);
        webhooks->completeBatches(db, cancelled);
    }
    tx.commit();
    return cancelled;
}

int MessageStore::countForQuota(qint64 vendorId, qint64 appUserId, qint64 sinceMs) const
{
    return QuotaCounter::countRows(SqlSupport::database(m_connection), vendorId, appUserId,
                                   sinceMs);
}

int MessageStore::quotaUsed(qint64 vendorId, qint64 appUserId, qint64 sinceMs) const
{
    return QuotaCounter::used(SqlSupport::database(m_connection), vendorId, appUserId, sinceMs);
}

QList<Message> MessageStore::listForOperator(const Filter &filter, int offset, int limit) const
{
    QStringList where;
    QVariantList binds;
    applyFilter(filter, where, binds);
    QString sql = QStringLiteral("SELECT %1 FROM sent_messages%2 ORDER BY id DESC")
                      .arg(kColumns, whereSql(where));
    if (limit > 0)
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(db, sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (limit > 0) {
        q.addBindValue(limit);
        q.addBindValue(std::max(offset, 0));
    }
    q.setForwardOnly(true);
    SqlSupport::exec(q);
    return readAll(q);
}

int MessageStore::countForOperator(const Filter &filter) const
{
    QStringList where;
    QVariantList binds;
    applyFilter(filter, where, binds);
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM sent_messages%1").arg(whereSql(where)));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

QMap<qint64, QHash<QString, int>> MessageStore::dailyCounts(qint64 sinceMs) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    // Integer division: created_at is an integer column on every target database.
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT created_at / %1, status, COUNT(*) FROM sent_messages "
                           "WHERE created_at >= ? GROUP BY created_at / %1, status")
                .arg(kDayMs));
    q.addBindValue(sinceMs);
    SqlSupport::exec(q);
    QMap<qint64, QHash<QString, int>> out;
    while (q.next())
        out[q.value(0).toLongLong() * kDayMs][q.value(1).toString()] += q.value(2).toInt();
    return out;
}

int MessageStore::queueDepth() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM sent_messages WHERE status IN (?, ?)"));
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(MessageStatus::Sending);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

bool MessageStore::advance(qint64 vendorId, qint64 messageId, const QString &status, qint64 atMs,
                           const QString &errorMessage)
{
    const int target = MessageStatus::rank(status);
    if (target < 0)
        throw DomainError::validation(QStringLiteral("status"),
                                      QStringLiteral("unknown message status %1").arg(status));
    // The statuses a row may leave for `status`: strictly earlier ones on the forward path;
    // for a terminal status only scheduled, pending and sending (a message WhatsApp has
    // accepted cannot fail, expire or be cancelled any more). Terminal rows are never a "from".
    QStringList from;
    for (const QString &s : MessageStatus::all()) {
        if (MessageStatus::isTerminal(s))
            continue;
        if (MessageStatus::isTerminal(status)) {
            if (s == MessageStatus::Scheduled || s == MessageStatus::Pending ||
                s == MessageStatus::Sending)
                from << s;
        } else if (MessageStatus::rank(s) < target) {
            from << s;
        }
    }
    if (from.isEmpty())
        return false;

    QStringList sets{QStringLiteral("status = ?"), QStringLiteral("updated_at = ?")};
    QVariantList binds{status, Clock::nowMs()};
    // A later ack implies the earlier ones (acks can be lost or arrive out of order).
    if (status == MessageStatus::Sent || status == MessageStatus::Delivered ||
        status == MessageStatus::Read) {
        sets << QStringLiteral("sent_at = COALESCE(sent_at, ?)");
        binds << atMs;
    }
    if (status == MessageStatus::Delivered || status == MessageStatus::Read) {
        sets << QStringLiteral("delivered_at = COALESCE(delivered_at, ?)");
        binds << atMs;
    }
    if (status == MessageStatus::Read) {
        sets << QStringLiteral("read_at = COALESCE(read_at, ?)");
        binds << atMs;
    }
    if (!errorMessage.isEmpty()) {
        sets << QStringLiteral("error_message = ?");
        binds << errorMessage;
    }
    QSqlDatabase db = SqlSupport::database(m_connection);
    // One conditional UPDATE: the check and the move are atomic even with several writers.
    const TenantScope scope = TenantScope::vendor(vendorId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET %1 WHERE id = ? AND %2 AND status IN (%3)")
                .arg(sets.join(QLatin1String(", ")), scope.sql(),
                     SqlSupport::placeholders(from.size())));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    q.addBindValue(messageId);
    scope.bind(q);
    for (const QString &s : from)
        q.addBindValue(s);
    SqlSupport::exec(q);
    return q.numRowsAffected() > 0;
}
