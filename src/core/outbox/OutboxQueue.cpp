#include "outbox/OutboxQueue.h"

#include "DomainError.h"
#include "Events.h"
#include "messaging/MessageStore.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"
#include "webhooks/WebhookOutbox.h"

#include <QSet>
#include <QStringList>

namespace {

QList<Message> readAll(QSqlQuery &q)
{
    QList<Message> out;
    while (q.next())
        out << MessageStore::fromRow(q);
    return out;
}

// Applies a forward move to an in-memory row, setting the timestamps the new status implies
// (a row that jumps from sending to read also gets sent_at and delivered_at).
void applyForward(Message &m, const QString &status, qint64 atMs)
{
    m.status = status;
    const int r = MessageStatus::rank(status);
    if (r >= MessageStatus::rank(MessageStatus::Sent) && m.sentAt == 0)
        m.sentAt = atMs;
    if (r >= MessageStatus::rank(MessageStatus::Delivered) && m.deliveredAt == 0)
        m.deliveredAt = atMs;
    if (r >= MessageStatus::rank(MessageStatus::Read) && m.readAt == 0)
        m.readAt = atMs;
    m.updatedAt = atMs;
}

// Moves each still-pending row of `rows` to a terminal `status` with the reason reasonFor(row)
// gives, inside the caller's transaction. A row that left `pending` meanwhile (claimed,
// cancelled) is left alone. Returns the rows changed, as they are now.
template<typename ReasonFor>
QList<Message> endPending(const QSqlDatabase &db, QList<Message> rows, const QString &status,
                          qint64 nowMs, ReasonFor reasonFor)
{
    QSqlQuery up = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET status = ?, error_message = ?, updated_at = ? "
                           "WHERE id = ? AND status = ?"));
    QList<Message> changed;
    for (Message &m : rows) {
        const QString reason = reasonFor(m);
        up.addBindValue(status);
        up.addBindValue(SqlSupport::text(reason));
        up.addBindValue(nowMs);
        up.addBindValue(m.id);
        up.addBindValue(MessageStatus::Pending);
        SqlSupport::exec(up);
        if (up.numRowsAffected() == 1) {
            m.status = status;
            m.errorMessage = reason;
            m.updatedAt = nowMs;
            changed << m;
        }
    }
    return changed;
}

} // namespace

OutboxQueue::OutboxQueue(QString connectionName, WebhookOutbox *webhooks)
    : m_connection(std::move(connectionName)), m_webhooks(webhooks)
{
}

void OutboxQueue::stageEnded(QSqlDatabase &db, const QList<Message> &rows, qint64 atMs)
{
    if (!m_webhooks)
        return;
    for (const Message &m : rows)
        m_webhooks->stageStatus(db, m, atMs);
    m_webhooks->completeBatches(db, rows);
}

qint64 OutboxQueue::maxMessageId() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(db, QStringLiteral("SELECT MAX(id) FROM sent_messages"));
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

QString OutboxQueue::pendingAfterSql()
{
    // Runs after every new batch (the 100 ms poll), on the main thread. Left to itself SQLite
    // reads an index on status (or the owner index) from the start: every pending row, 30-80 ms
    // at 275,000 pending, once per POST /messages. NOT INDEXED (SQLite's) makes it walk the
    // rowid range of the new rows only.
    return QStringLiteral("SELECT DISTINCT api_consumer_id, app_user_id FROM sent_messages "
                          "NOT INDEXED WHERE id > ? AND status = ?");
}

QList<OutboxQueue::UserKey> OutboxQueue::usersWithPendingAfter(qint64 afterId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(db, pendingAfterSql());
    q.addBindValue(afterId);
    q.addBindValue(MessageStatus::Pending);
    SqlSupport::exec(q);
    QList<UserKey> out;
    while (q.next())
        out << UserKey{q.value(0).toLongLong(), q.value(1).toLongLong()};
    return out;
}

QHash<OutboxQueue::UserKey, qint64> OutboxQueue::earliestAttemptPerUser() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT api_consumer_id, app_user_id, MIN(next_attempt_at) "
                           "FROM sent_messages WHERE status = ? "
                           "GROUP BY api_consumer_id, app_user_id"));
    q.addBindValue(MessageStatus::Pending);
    SqlSupport::exec(q);
    QHash<UserKey, qint64> out;
    while (q.next())
        out.insert(UserKey{q.value(0).toLongLong(), q.value(1).toLongLong()},
                   q.value(2).toLongLong());
    return out;
}

std::optional<qint64> OutboxQueue::earliestScheduled() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    // The literal (not a bound value) lets SQLite use the partial index idx_messages_scheduled.
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("SELECT MIN(next_attempt_at) FROM sent_messages "
                                               "WHERE status = 'scheduled'"));
    SqlSupport::exec(q);
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

QList<OutboxQueue::Promoted> OutboxQueue::promoteDue(qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QList<Promoted> out;
    QSqlQuery which = SqlSupport::prepare(
        db, QStringLiteral("SELECT api_consumer_id, app_user_id, batch_id, COUNT(*) "
                           "FROM sent_messages WHERE status = 'scheduled' AND next_attempt_at <= ? "
                           "GROUP BY api_consumer_id, app_user_id, batch_id"));
    which.addBindValue(nowMs);
    SqlSupport::exec(which);
    while (which.next())
        out << Promoted{{which.value(0).toLongLong(), which.value(1).toLongLong()},
                        which.value(2).toString(),
                        which.value(3).toInt()};
    if (out.isEmpty())
        return out;
    // The ids first (for the webhook events), then the move: both under this write lock.
    QList<qint64> ids;
    QSqlQuery sel = SqlSupport::prepare(
        db, QStringLiteral("SELECT id, api_consumer_id FROM sent_messages "
                           "WHERE status = 'scheduled' AND next_attempt_at <= ?"));
    sel.addBindValue(nowMs);
    SqlSupport::exec(sel);
    QSet<qint64> vendorsListening;
    while (sel.next()) {
        const qint64 vendor = sel.value(1).toLongLong();
        if (m_webhooks && !vendorsListening.contains(vendor) &&
            m_webhooks->listens(db, vendor, QString(MessageStatusEvent::kType)))
            vendorsListening.insert(vendor);
        if (vendorsListening.contains(vendor))
            ids << sel.value(0).toLongLong();
    }
    QSqlQuery up = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET status = ?, next_attempt_at = ?, "
                           "updated_at = ? WHERE status = 'scheduled' AND next_attempt_at <= ?"));
    up.addBindValue(MessageStatus::Pending);
    up.addBindValue(nowMs);
    up.addBindValue(nowMs);
    up.addBindValue(nowMs);
    SqlSupport::exec(up);
    constexpr int kChunk = 400;
    for (int i = 0; i < ids.size(); i += kChunk) {
        const QList<qint64> part = ids.mid(i, kChunk);
        QSqlQuery rows = SqlSupport::prepare(
            db, QStringLiteral("SELECT %1 FROM sent_messages WHERE id IN (%2) ORDER BY id")
                    .arg(MessageStore::columns(), SqlSupport::placeholders(int(part.size()))));
        for (qint64 id : part)
            rows.addBindValue(id);
        SqlSupport::exec(rows);
        while (rows.next())
            m_webhooks->stageStatus(db, MessageStore::fromRow(rows), nowMs);
    }
    tx.commit();
    return out;
}

QString OutboxQueue::notPausedSql()
{
    return QStringLiteral("NOT EXISTS (SELECT 1 FROM batches b WHERE b.batch_id = "
                          "sent_messages.batch_id AND b.paused_at IS NOT NULL)");
}

qint64 OutboxQueue::pinnedNumber(const Message &m)
{
    if (m.fromNumberId > 0)
        return m.fromNumberId;
    return m.waMessageId.isEmpty() ? 0 : m.numberId;
}

QList<Message> OutboxQueue::duePending(qint64 vendorId, qint64 userId,
                                       const QList<qint64> &numberIds, bool includeUnassigned,
                                       qint64 nowMs, int limit) const
{
    if (numberIds.isEmpty() && !includeUnassigned)
        return {};
    QStringList who;
    if (includeUnassigned)
        who << QStringLiteral("from_number_id IS NULL");
    if (!numberIds.isEmpty())
        who << QStringLiteral("from_number_id IN (%1)").arg(SqlSupport::placeholders(int(numberIds.size())));
    // An attempt another number has not reconciled keeps the row there (pinnedNumber).
    QString pinned = QStringLiteral("wa_message_id IS NULL OR number_id IS NULL");
    if (!numberIds.isEmpty())
        pinned += QStringLiteral(" OR number_id IN (%1)")
                      .arg(SqlSupport::placeholders(int(numberIds.size())));
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM sent_messages WHERE status = ? AND %2 "
                           "AND next_attempt_at <= ? AND expires_at > ? "
                           "AND (%3) AND (%4) AND %5 ORDER BY id LIMIT ?")
                .arg(MessageStore::columns(), TenantScope::user(vendorId, userId).sql(),
                     who.join(QStringLiteral(" OR ")), pinned, notPausedSql()));
    q.addBindValue(MessageStatus::Pending);
    TenantScope::user(vendorId, userId).bind(q);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    for (qint64 id : numberIds)
        q.addBindValue(id);
    for (qint64 id : numberIds)
        q.addBindValue(id);
    q.addBindValue(limit);
    SqlSupport::exec(q);
    return readAll(q);
}

std::optional<Message> OutboxQueue::find(qint64 vendorId, qint64 messageId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM sent_messages WHERE id = ? AND %2")
                .arg(MessageStore::columns(), TenantScope::vendor(vendorId).sql()));
    q.addBindValue(messageId);
    TenantScope::vendor(vendorId).bind(q);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return MessageStore::fromRow(q);
}

bool OutboxQueue::claim(qint64 vendorId, qint64 messageId, qint64 numberId,
                        const QString &waMessageId, qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db); // the row and its webhook event together
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET status = ?, number_id = ?, wa_message_id = ?, "
                           "attempts = attempts + 1, error_message = NULL, updated_at = ? "
                           "WHERE id = ? AND %1 AND status = ? "
                           "AND next_attempt_at <= ? AND expires_at > ? AND %2")
                .arg(TenantScope::vendor(vendorId).sql(), notPausedSql()));
    q.addBindValue(MessageStatus::Sending);
    q.addBindValue(numberId);
    q.addBindValue(waMessageId);
    q.addBindValue(nowMs);
    q.addBindValue(messageId);
    TenantScope::vendor(vendorId).bind(q);
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    SqlSupport::exec(q);
    const bool claimed = q.numRowsAffected() == 1;
    if (claimed && m_webhooks)
        m_webhooks->stageStatusOf(db, vendorId, messageId, nowMs);
    if (claimed && m_claimHook)
        m_claimHook(db, numberId, nowMs);
    tx.commit();
    return claimed;
}

bool OutboxQueue::reschedule(qint64 vendorId, qint64 messageId, qint64 nextAttemptAt,
                             const QString &error, qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    // A pending row (a registration check that failed before any claim) still used one try.
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET "
                           "attempts = CASE WHEN status = ? THEN attempts + 1 ELSE attempts END, "
                           "status = ?, next_attempt_at = ?, error_message = ?, updated_at = ? "
                           "WHERE id = ? AND %1 AND status IN (?, ?)")
                .arg(TenantScope::vendor(vendorId).sql()));
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(nextAttemptAt);
    q.addBindValue(SqlSupport::text(error));
    q.addBindValue(nowMs);
    q.addBindValue(messageId);
    TenantScope::vendor(vendorId).bind(q);
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(MessageStatus::Sending);
    SqlSupport::exec(q);
    const bool changed = q.numRowsAffected() == 1;
    if (changed && m_webhooks)
        m_webhooks->stageStatusOf(db, vendorId, messageId, nowMs);
    tx.commit();
    return changed;
}

bool OutboxQueue::returnToPending(qint64 vendorId, qint64 messageId, qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET status = ?, next_attempt_at = ?, "
                           "wa_message_id = NULL, updated_at = ? "
                           "WHERE id = ? AND %1 AND status = ?")
                .arg(TenantScope::vendor(vendorId).sql()));
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(messageId);
    TenantScope::vendor(vendorId).bind(q);
    q.addBindValue(MessageStatus::Sending);
    SqlSupport::exec(q);
    const bool changed = q.numRowsAffected() == 1;
    if (changed && m_webhooks)
        m_webhooks->stageStatusOf(db, vendorId, messageId, nowMs);
    tx.commit();
    return changed;
}

std::optional<Message> OutboxQueue::fail(qint64 vendorId, qint64 messageId, const QString &error,
                                         qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET status = ?, error_message = ?, updated_at = ? "
                           "WHERE id = ? AND %1 AND status IN (?, ?)")
                .arg(TenantScope::vendor(vendorId).sql()));
    q.addBindValue(MessageStatus::Failed);
    q.addBindValue(SqlSupport::text(error));
    q.addBindValue(nowMs);
    q.addBindValue(messageId);
    TenantScope::vendor(vendorId).bind(q);
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(MessageStatus::Sending);
    SqlSupport::exec(q);
    if (q.numRowsAffected() != 1)
        return std::nullopt;
    std::optional<Message> m = find(vendorId, messageId);
    if (m)
        stageEnded(db, {*m}, nowMs);
    tx.commit();
    return m;
}

QList<Message> OutboxQueue::failPendingOfBatch(qint64 vendorId, const QString &batchId,
                                               const QString &error, qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery sel = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM sent_messages WHERE batch_id = ? AND %2 "
                           "AND status = ? ORDER BY id")
                .arg(MessageStore::columns(), TenantScope::vendor(vendorId).sql()));
    sel.addBindValue(batchId);
    TenantScope::vendor(vendorId).bind(sel);
    sel.addBindValue(MessageStatus::Pending);
    SqlSupport::exec(sel);
    const QList<Message> changed = endPending(db, readAll(sel), MessageStatus::Failed, nowMs,
                                              [&](const Message &) { return error; });
    stageEnded(db, changed, nowMs);
    tx.commit();
    return changed;
}

bool OutboxQueue::batchHasOpenRows(qint64 vendorId, const QString &batchId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT 1 FROM sent_messages WHERE batch_id = ? AND %1 "
                           "AND status IN (?, ?, ?) LIMIT 1")
                .arg(TenantScope::vendor(vendorId).sql()));
    q.addBindValue(batchId);
    TenantScope::vendor(vendorId).bind(q);
    q.addBindValue(MessageStatus::Scheduled);
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(MessageStatus::Sending);
    SqlSupport::exec(q);
    return q.next();
}

QString OutboxQueue::batchMediaUrl(qint64 vendorId, const QString &batchId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT media_url FROM sent_messages WHERE batch_id = ? "
                           "AND %1 AND media_url IS NOT NULL AND media_url <> '' "
                           "LIMIT 1")
                .arg(TenantScope::vendor(vendorId).sql()));
    q.addBindValue(batchId);
    TenantScope::vendor(vendorId).bind(q);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

void OutboxQueue::storeDecidedMediaKind(const QString &batchId, const QString &mediaUrl,
                                        MediaTypes::Kind kind)
{
    const QString messageType = MediaTypes::typeName(kind);
    const QString queuedAs =
        MediaTypes::typeName(MediaTypes::kindBeforeDownload(QUrl(mediaUrl, QUrl::StrictMode)));
    if (messageType.isEmpty() || messageType == queuedAs)
        return;
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET message_type = ? WHERE batch_id = ? "
                           // a voice note stays "voice", whatever its file is
                           "AND media_url = ? AND message_type <> ? AND message_type <> 'voice'"));
    q.addBindValue(messageType);
    q.addBindValue(batchId);
    q.addBindValue(mediaUrl);
    q.addBindValue(messageType);
    SqlSupport::exec(q);
}

QString OutboxQueue::statusForAck(int ack)
{
    switch (ack) {
    case 1:
        return MessageStatus::Sent;
    case 2:
        return MessageStatus::Delivered;
    case 3:
    case 4:
        return MessageStatus::Read;
    default:
        return {};
    }
}

QList<OutboxQueue::Change> OutboxQueue::recordAcks(const QList<Ack> &acks)
{
    QList<Change> changes;
    if (acks.isEmpty())
        return changes;
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);

    // Load every row the acks name, in chunks (bound-parameter limits), keyed by WhatsApp id.
    QHash<QString, Message> rows;
    QStringList ids;
    for (const Ack &a : acks)
        if (!a.waMessageId.isEmpty() && !statusForAck(a.ack).isEmpty())
            ids << a.waMessageId;
    ids.removeDuplicates();
    constexpr int kChunk = 400;
    for (int i = 0; i < ids.size(); i += kChunk) {
        const QStringList part = ids.mid(i, kChunk);
        QSqlQuery sel = SqlSupport::prepare(
            db, QStringLiteral("SELECT %1 FROM sent_messages WHERE wa_message_id IN (%2)")
                    .arg(MessageStore::columns(), SqlSupport::placeholders(int(part.size()))));
        for (const QString &id : part)
            sel.addBindValue(id);
        SqlSupport::exec(sel);
        while (sel.next()) {
            Message m = MessageStore::fromRow(sel);
            rows.insert(m.waMessageId, m);
        }
    }

    QHash<QString, QString> initialStatus;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        initialStatus.insert(it.key(), it->status);

    for (const Ack &a : acks) {
        auto it = rows.find(a.waMessageId);
        if (it == rows.end())
            continue;
        // An ack counts only from the number that holds the message.
        if (a.numberId != 0 && it->numberId != 0 && it->numberId != a.numberId)
            continue;
        const QString target = statusForAck(a.ack);
        if (target.isEmpty() || MessageStatus::isTerminal(it->status)
            || MessageStatus::rank(target) <= MessageStatus::rank(it->status))
            continue;
        applyForward(*it, target, a.atMs);
        changes << Change{*it, a.atMs};
    }

    QSqlQuery up = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET status = ?, sent_at = ?, delivered_at = ?, "
                           "read_at = ?, updated_at = ? WHERE id = ? AND status = ?"));
    QList<Change> written;
    QSet<qint64> lost;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const QString before = initialStatus.value(it.key());
        if (it->status == before)
            continue;
        up.addBindValue(it->status);
        up.addBindValue(SqlSupport::nullableInt(it->sentAt));
        up.addBindValue(SqlSupport::nullableInt(it->deliveredAt));
        up.addBindValue(SqlSupport::nullableInt(it->readAt));
        up.addBindValue(it->updatedAt);
        up.addBindValue(it->id);
        up.addBindValue(before);
        SqlSupport::exec(up);
        if (up.numRowsAffected() != 1)
            lost.insert(it->id); // changed under us (single writer today; kept for safety)
    }
    if (m_webhooks) {
        QList<Message> ended; // sending → sent (or further) finishes the message's part
        for (const Change &c : std::as_const(changes)) {
            if (lost.contains(c.message.id))
                continue;
            m_webhooks->stageStatus(db, c.message, c.atMs);
            const QString before = initialStatus.value(c.message.waMessageId);
            if (before == MessageStatus::Pending || before == MessageStatus::Sending)
                ended << c.message;
        }
        m_webhooks->completeBatches(db, ended);
    }
    tx.commit();
    if (lost.isEmpty())
        return changes;
    for (const Change &c : changes)
        if (!lost.contains(c.message.id))
            written << c;
    return written;
}

QString OutboxQueue::expirySql()
{
    // In idx_messages_expiry's order (status, expires_at, then id): the statement reads only
    // the overdue rows, at most `limit` of them, with no sort. Ordered by id it had to read
    // and sort every overdue row, and with the old (status, number_id, next_attempt_at) index
    // every pending row, once a second on the main thread.
    return QStringLiteral("SELECT %1 FROM sent_messages WHERE status = ? AND expires_at <= ? "
                          "ORDER BY expires_at, id LIMIT ?")
        .arg(MessageStore::columns());
}

QList<Message> OutboxQueue::expireOverdue(qint64 nowMs, int limit,
                                          const QSet<UserKey> &subscriptionHeld)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db);
    QSqlQuery sel = SqlSupport::prepare(db, expirySql());
    sel.addBindValue(MessageStatus::Pending);
    sel.addBindValue(nowMs);
    sel.addBindValue(limit);
    SqlSupport::exec(sel);
    // Keep the last transient error if there was one: it tells why it never went out.
    const QList<Message> changed =
        endPending(db, readAll(sel), MessageStatus::Expired, nowMs, [&](const Message &m) {
            if (!m.errorMessage.isEmpty())
                return m.errorMessage;
            return subscriptionHeld.contains({m.vendorId, m.appUserId})
                       ? QStringLiteral("subscription_inactive")
                       : QStringLiteral("no_ready_number");
        });
    stageEnded(db, changed, nowMs);
    tx.commit();
    return changed;
}

QList<Message> OutboxQueue::listSendingForReconciliation() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM sent_messages WHERE status = ? ORDER BY id").arg(MessageStore::columns()));
    q.addBindValue(MessageStatus::Sending);
    SqlSupport::exec(q);
    return readAll(q);
}

int OutboxQueue::sentCountSince(qint64 numberId, qint64 sinceMs) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM sent_messages WHERE number_id = ? AND sent_at >= ?"));
    q.addBindValue(numberId);
    q.addBindValue(sinceMs);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

bool OutboxQueue::holdUntil(qint64 vendorId, qint64 messageId, qint64 until, qint64 nowMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE sent_messages SET next_attempt_at = ?, updated_at = ? "
                           "WHERE id = ? AND %1 AND status = ?")
                .arg(TenantScope::vendor(vendorId).sql()));
    q.addBindValue(until);
    q.addBindValue(nowMs);
    q.addBindValue(messageId);
    TenantScope::vendor(vendorId).bind(q);
    q.addBindValue(MessageStatus::Pending);
    SqlSupport::exec(q);
    return q.numRowsAffected() == 1;
}

qint64 OutboxQueue::nextAttemptAfter(const UserKey &user, qint64 nowMs) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::user(user.vendorId, user.userId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT MIN(next_attempt_at) FROM sent_messages WHERE %1 AND "
                           "status = ? AND next_attempt_at > ?")
                .arg(scope.sql()));
    scope.bind(q);
    q.addBindValue(MessageStatus::Pending);
    q.addBindValue(nowMs);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}
