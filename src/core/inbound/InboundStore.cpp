#include "inbound/InboundStore.h"

#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"
#include "webhooks/WebhookOutbox.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace {

const QString kColumns = QStringLiteral(
    "id, api_consumer_id, app_user_id, number_id, contact_id, from_phone, from_lid, chat_wid, "
    "type, body, caption, mimetype, filename, size, location_json, vcards_json, "
    "quoted_message_id, quoted_wa_message_id, wa_message_id, reaction_target_wa_id, revoked_at, "
    "read_at, received_at, recorded_at");
constexpr int kColumnCount = 24;

qint64 intOrZero(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

// `first`: the column of id (a query may put other values before the row's).
InboundMessage readRow(const QSqlQuery &q, int first = 0)
{
    auto text = [&](int i) { return SqlSupport::text(q, first + i); };
    auto value = [&](int i) { return q.value(first + i); };
    InboundMessage m;
    m.id = value(0).toLongLong();
    m.vendorId = value(1).toLongLong();
    m.appUserId = value(2).toLongLong();
    m.numberId = value(3).toLongLong();
    m.contactId = intOrZero(value(4));
    m.fromPhone = text(5);
    m.fromLid = text(6);
    m.chatWid = text(7);
    m.type = value(8).toString();
    m.body = text(9);
    m.caption = text(10);
    m.mimetype = text(11);
    m.filename = text(12);
    m.size = intOrZero(value(13));
    m.locationJson = text(14);
    m.vcardsJson = text(15);
    m.quotedMessageId = intOrZero(value(16));
    m.quotedWaMessageId = text(17);
    m.waMessageId = value(18).toString();
    m.reactionTargetWaId = text(19);
    m.revokedAtMs = intOrZero(value(20));
    m.readAtMs = intOrZero(value(21));
    m.receivedAtMs = value(22).toLongLong();
    m.recordedAtMs = value(23).toLongLong();
    return m;
}

// A conversation's other end: the phone's digits, or the "…@lid" of a sender whose phone
// the page could not resolve.
bool isLid(const QString &sender)
{
    return sender.contains(QLatin1Char('@'));
}

QString senderClause(const QString &sender, const QString &alias = QString())
{
    const QString prefix = alias.isEmpty() ? QString() : alias + QLatin1Char('.');
    return prefix +
           (isLid(sender) ? QLatin1String("from_lid = ?") : QLatin1String("from_phone = ?"));
}

} // namespace

QString InboundStore::revokeKey(const QString &revokedWaMessageId)
{
    return revokedWaMessageId + QStringLiteral(":revoked");
}

InboundStore::InboundStore(QString connectionName, WebhookOutbox *webhooks)
    : m_connection(std::move(connectionName)), m_webhooks(webhooks)
{
}

const QString &InboundStore::columns()
{
    return kColumns;
}

QList<InboundMessage> InboundStore::record(const QList<InboundMessage> &messages)
{
    QList<InboundMessage> stored;
    if (messages.isEmpty())
        return stored;
    QSqlDatabase db = SqlSupport::database(m_connection);
    const qint64 now = Clock::nowMs();
    // One transaction for the whole batch (quality bar P8: one fsync per batch, not per
    // message). IMMEDIATE: two connections recording the same message serialise here, and
    // the second one's insert is ignored by the unique key.
    SqlSupport::Transaction tx(db);
    QSqlQuery contactQ = SqlSupport::prepare(
        db, QStringLiteral("SELECT id FROM contact_lists WHERE api_consumer_id = ? AND "
                           "app_user_id = ? AND phone_number = ?"));
    // Ours only when this number sent it (by the WhatsApp id stored before the send).
    QSqlQuery quotedQ = SqlSupport::prepare(
        db, QStringLiteral("SELECT id FROM sent_messages WHERE wa_message_id = ? AND "
                           "api_consumer_id = ? AND number_id = ? ORDER BY id LIMIT 1"));
    // INSERT OR IGNORE is SQLite's (PostgreSQL: ON CONFLICT DO NOTHING): the unique key
    // (number_id, wa_message_id) makes a second recording of a message a no-op.
    QSqlQuery insertQ = SqlSupport::prepare(
        db, QStringLiteral("INSERT OR IGNORE INTO received_messages (api_consumer_id, "
                           "app_user_id, number_id, contact_id, from_phone, from_lid, chat_wid, "
                           "type, body, caption, mimetype, filename, size, location_json, "
                           "vcards_json, quoted_message_id, quoted_wa_message_id, wa_message_id, "
                           "reaction_target_wa_id, received_at, recorded_at) VALUES (%1)")
                .arg(SqlSupport::placeholders(21)));
    // A reaction WhatsApp reports again under its id with another emoji ("" = removed).
    QSqlQuery reactionQ = SqlSupport::prepare(
        db, QStringLiteral("SELECT id, body FROM received_messages WHERE number_id = ? AND "
                           "wa_message_id = ? AND type = ?"));
    QSqlQuery reactionUpdateQ = SqlSupport::prepare(
        db, QStringLiteral("UPDATE received_messages SET body = ?, received_at = ? WHERE id = ?"));
    QSqlQuery revokeQ = SqlSupport::prepare(
        db, QStringLiteral("UPDATE received_messages SET revoked_at = ? WHERE number_id = ? AND "
                           "wa_message_id = ? AND revoked_at IS NULL"));

    QHash<QString, qint64> contactIds; // "user|phone" → id (0: not a contact)
    for (InboundMessage m : messages) {
        if (m.waMessageId.isEmpty() || m.numberId <= 0 || m.vendorId <= 0 || m.appUserId <= 0)
            throw DomainError::internal(
                QStringLiteral("InboundStore::record: a message without its id or owner"));
        if (m.type == InboundMessage::kRevoked) {
            // WhatsApp turns the revoked message itself into a "revoked" one with the same id:
            // the revoke gets a key of its own, so that it is stored (once) beside the message
            // it revokes instead of being ignored as that message.
            if (m.reactionTargetWaId.isEmpty())
                m.reactionTargetWaId = m.waMessageId;
            if (m.waMessageId == m.reactionTargetWaId)
                m.waMessageId = revokeKey(m.reactionTargetWaId);
        }
        m.contactId = 0;
        if (!m.fromPhone.isEmpty()) {
            const QString key = QString::number(m.appUserId) + QLatin1Char('|') + m.fromPhone;
            auto it = contactIds.constFind(key);
            if (it == contactIds.cend()) {
                contactQ.addBindValue(m.vendorId);
                contactQ.addBindValue(m.appUserId);
                contactQ.addBindValue(m.fromPhone);
                SqlSupport::exec(contactQ);
                it = contactIds.insert(key, contactQ.next() ? contactQ.value(0).toLongLong() : 0);
                contactQ.finish();
            }
            m.contactId = *it;
        }
        m.quotedMessageId = 0;
        if (!m.quotedWaMessageId.isEmpty()) {
            quotedQ.addBindValue(m.quotedWaMessageId);
            quotedQ.addBindValue(m.vendorId);
            quotedQ.addBindValue(m.numberId);
            SqlSupport::exec(quotedQ);
            if (quotedQ.next())
                m.quotedMessageId = quotedQ.value(0).toLongLong();
            quotedQ.finish();
        }
        m.recordedAtMs = now;
        m.revokedAtMs = 0;
        m.readAtMs = 0;
        SqlSupport::bind(insertQ, {m.vendorId,
                                   m.appUserId,
                                   m.numberId,
                                   SqlSupport::nullableInt(m.contactId),
                                   SqlSupport::text(m.fromPhone),
                                   SqlSupport::text(m.fromLid),
                                   SqlSupport::text(m.chatWid),
                                   m.type,
                                   SqlSupport::text(m.body),
                                   SqlSupport::text(m.caption),
                                   SqlSupport::text(m.mimetype),
                                   SqlSupport::text(m.filename),
                                   SqlSupport::nullableInt(m.size),
                                   SqlSupport::text(m.locationJson),
                                   SqlSupport::text(m.vcardsJson),
                                   SqlSupport::nullableInt(m.quotedMessageId),
                                   SqlSupport::text(m.quotedWaMessageId),
                                   m.waMessageId,
                                   SqlSupport::text(m.reactionTargetWaId),
                                   m.receivedAtMs,
                                   now});
        SqlSupport::exec(insertQ);
        if (insertQ.numRowsAffected() != 1) {
            // Already stored: exactly once. Except a reaction changed since (another emoji,
            // or removed): the row follows it and the change is announced.
            if (m.type != InboundMessage::kReaction)
                continue;
            SqlSupport::bind(reactionQ, {m.numberId, m.waMessageId, m.type});
            SqlSupport::exec(reactionQ);
            if (!reactionQ.next() || SqlSupport::text(reactionQ, 1) == m.body) {
                reactionQ.finish();
                continue;
            }
            m.id = reactionQ.value(0).toLongLong();
            reactionQ.finish();
            SqlSupport::bind(reactionUpdateQ, {SqlSupport::text(m.body), m.receivedAtMs, m.id});
            SqlSupport::exec(reactionUpdateQ);
            stored << m;
            continue;
        }
        m.id = insertQ.lastInsertId().toLongLong();
        if (m.type == InboundMessage::kRevoked && !m.reactionTargetWaId.isEmpty()) {
            revokeQ.addBindValue(m.receivedAtMs > 0 ? m.receivedAtMs : now);
            revokeQ.addBindValue(m.numberId);
            revokeQ.addBindValue(m.reactionTargetWaId);
            SqlSupport::exec(revokeQ);
        }
        stored << m;
    }
    if (m_webhooks) // in this transaction: a stored message and its webhook event go together
        for (const InboundMessage &m : std::as_const(stored))
            m_webhooks->stage(db, m.vendorId, MessageReceivedEvent{m.appUserId, m});
    tx.commit();
    return stored;
}

qint64 InboundStore::lastReceivedAtMs(qint64 numberId) const
{
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("SELECT MAX(received_at) FROM received_messages WHERE number_id = ?"),
        {numberId});
    return q.next() ? intOrZero(q.value(0)) : 0;
}

InboundMessage InboundStore::find(qint64 vendorId, qint64 id) const
{
    const TenantScope scope = TenantScope::vendor(vendorId);
    QVariantList binds{id};
    binds << scope.values();
    QSqlQuery q =
        SqlSupport::run(SqlSupport::database(m_connection),
                        QStringLiteral("SELECT %1 FROM received_messages WHERE id = ? AND %2")
                            .arg(kColumns, scope.sql()),
                        binds);
    if (!q.next())
        throw DomainError::notFound(QStringLiteral("message"));
    return readRow(q);
}

InboundStore::ListPage InboundStore::list(qint64 vendorId, qint64 userId,
                                          const ListQuery &query) const
{
    AppUserStore(m_connection).requireUserOfVendor(vendorId, userId);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QStringList where{scope.sql()};
    QVariantList binds = scope.values();
    if (query.contactId > 0) {
        where << QStringLiteral("contact_id = ?");
        binds << query.contactId;
    }
    if (!query.phone.isEmpty()) {
        where << senderClause(query.phone);
        binds << query.phone;
    }
    if (query.sinceMs > 0) {
        where << QStringLiteral("received_at >= ?");
        binds << query.sinceMs;
    }
    const QString whereSql = where.join(QLatin1String(" AND "));
    QSqlDatabase db = SqlSupport::database(m_connection);

    ListPage page;
    QSqlQuery count = SqlSupport::run(
        db, QStringLiteral("SELECT COUNT(*) FROM received_messages WHERE %1").arg(whereSql), binds);
    page.total = count.next() ? count.value(0).toInt() : 0;

    const int limit = std::max(1, query.limit);
    const qint64 offset = qint64(std::max(1, query.page) - 1) * limit;
    QVariantList pageBinds = binds;
    pageBinds << limit << offset;
    QSqlQuery q =
        SqlSupport::run(db,
                        QStringLiteral("SELECT %1 FROM received_messages WHERE %2 "
                                       "ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?")
                            .arg(kColumns, whereSql),
                        pageBinds);
    while (q.next())
        page.messages << readRow(q);
    return page;
}

QList<InboundStore::TimelineEntry> InboundStore::conversation(qint64 vendorId, qint64 userId,
                                                              const QString &phone, qint64 beforeMs,
                                                              int limit) const
{
    AppUserStore(m_connection).requireUserOfVendor(vendorId, userId);
    QList<TimelineEntry> entries;
    if (phone.isEmpty() || limit <= 0)
        return entries;
    const qint64 before = beforeMs > 0 ? beforeMs : std::numeric_limits<qint64>::max();
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QSqlDatabase db = SqlSupport::database(m_connection);

    // The `limit` newest of each direction, then the `limit` newest of both.
    QVariantList binds = scope.values();
    binds << phone << before << limit;
    QSqlQuery in =
        SqlSupport::run(db,
                        QStringLiteral("SELECT %1 FROM received_messages WHERE %2 AND %3 "
                                       "AND received_at < ? "
                                       "ORDER BY received_at DESC, id DESC LIMIT ?")
                            .arg(kColumns, scope.sql(), senderClause(phone)),
                        binds);
    while (in.next()) {
        TimelineEntry e;
        e.direction = QStringLiteral("in");
        e.in = readRow(in);
        e.atMs = e.in.receivedAtMs;
        entries << e;
    }
    // What we sent goes to a phone; a sender known only by its @lid has no sent side.
    if (!isLid(phone)) {
        QSqlQuery out = SqlSupport::run(
            db,
            QStringLiteral("SELECT %1 FROM sent_messages WHERE %2 AND recipient = ? "
                           "AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .arg(MessageStore::columns(), scope.sql()),
            binds);
        while (out.next()) {
            TimelineEntry e;
            e.direction = QStringLiteral("out");
            e.out = MessageStore::fromRow(out);
            e.atMs = e.out.createdAt;
            entries << e;
        }
    }
    std::sort(entries.begin(), entries.end(), [](const TimelineEntry &a, const TimelineEntry &b) {
        if (a.atMs != b.atMs)
            return a.atMs > b.atMs;
        return a.direction == b.direction
                   ? (a.direction == QLatin1String("in") ? a.in.id > b.in.id : a.out.id > b.out.id)
                   : a.direction == QLatin1String("in"); // same millisecond: the reply is newer
    });
    if (entries.size() > limit)
        entries.resize(limit);
    std::reverse(entries.begin(), entries.end());
    return entries;
}

QList<InboundStore::Chat> InboundStore::chats(qint64 vendorId, qint64 userId, qint64 numberId) const
{
    AppUserStore(m_connection).requireUserOfVendor(vendorId, userId);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QVariantList binds = scope.values();
    QString numberClause;
    if (numberId > 0) {
        numberClause = QStringLiteral(" AND number_id = ?");
        binds << numberId;
    }
    QStringList prefixed;
    for (const QString &c : kColumns.split(QStringLiteral(", ")))
        prefixed << QStringLiteral("r.") + c;
    // One row per (number, sender): its last recorded message and how many are unread
    // (reactions and revokes are not messages to read). The contact is looked up by phone
    // now, not by the contact_id stored with the message (it may have been added since).
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_connection),
        QStringLiteral("SELECT %1, g.unread, c.id, c.name, c.message_opt_in "
                       "FROM (SELECT MAX(id) AS last_id, "
                       " SUM(CASE WHEN read_at IS NULL AND type NOT IN ('reaction', 'revoked') "
                       " THEN 1 ELSE 0 END) AS unread "
                       " FROM received_messages WHERE %2%3 "
                       " GROUP BY number_id, COALESCE(from_phone, from_lid)) g "
                       "JOIN received_messages r ON r.id = g.last_id "
                       "LEFT JOIN contact_lists c ON c.app_user_id = r.app_user_id "
                       " AND c.phone_number = r.from_phone "
                       "ORDER BY r.received_at DESC, r.id DESC")
            .arg(prefixed.join(QStringLiteral(", ")), scope.sql(), numberClause),
        binds);
    QList<Chat> chats;
    while (q.next()) {
        Chat c;
        c.last = readRow(q);
        c.numberId = c.last.numberId;
        c.phone = c.last.fromPhone;
        c.fromLid = c.last.fromLid;
        c.unread = q.value(kColumnCount).toInt();
        c.contactId = intOrZero(q.value(kColumnCount + 1));
        c.contactName = SqlSupport::text(q, kColumnCount + 2);
        c.optedOut = !q.value(kColumnCount + 3).isNull() && q.value(kColumnCount + 3).toInt() == 0;
        chats << c;
    }
    return chats;
}

InboundMessage InboundStore::markRead(qint64 vendorId, qint64 id)
{
    InboundMessage m = find(vendorId, id);
    const QString sender = m.fromPhone.isEmpty() ? m.fromLid : m.fromPhone;
    const qint64 now = Clock::nowMs();
    const TenantScope scope = TenantScope::vendor(vendorId);
    QVariantList binds{now, m.numberId, sender, id};
    binds << scope.values();
    SqlSupport::run(SqlSupport::database(m_connection),
                    QStringLiteral("UPDATE received_messages SET read_at = ? WHERE number_id = ? "
                                   "AND %1 AND id <= ? AND read_at IS NULL AND %2")
                        .arg(senderClause(sender), scope.sql()),
                    binds);
    if (m.readAtMs == 0)
        m.readAtMs = now;
    return m;
}
