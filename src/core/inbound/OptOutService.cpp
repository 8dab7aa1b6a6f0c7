#include "inbound/OptOutService.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundStore.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"
#include "webhooks/WebhookOutbox.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOptOut, "wamator.optout")

namespace {

const QString kOptedOutReason = QStringLiteral("opted_out");
constexpr qint64 kPendingHorizonMs = 31LL * 86400 * 1000;

} // namespace

OptOutService::OptOutService(CoreServices &core) : m_core(core) {}
OptOutService::~OptOutService() = default;

QString OptOutService::fold(const QString &text)
{
    // NFKD splits "Ê" into "E" + a combining circumflex; the marks are dropped, then the case.
    const QString decomposed = text.trimmed().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed)
        if (c.category() != QChar::Mark_NonSpacing && c.category() != QChar::Mark_Enclosing &&
            c.category() != QChar::Mark_SpacingCombining)
            out.append(c);
    return out.toCaseFolded();
}

OptOutService::Keyword OptOutService::classify(const QString &text) const
{
    // A keyword is a short word: longer texts are never one (and are not folded).
    if (text.size() > 64)
        return Keyword::None;
    const QString folded = fold(text);
    if (folded.isEmpty())
        return Keyword::None;
    const Settings &settings = m_core.settings();
    for (const QString &k : settings.optOutKeywords())
        if (fold(k) == folded)
            return Keyword::OptOut;
    for (const QString &k : settings.optInKeywords())
        if (fold(k) == folded)
            return Keyword::OptIn;
    return Keyword::None;
}

namespace {
// The stored keyword verdict of a received message is applied (InboundStore::pendingKeywords
// no longer returns it).
void stampKeywordApplied(QSqlDatabase &db, qint64 receivedMessageId, qint64 nowMs)
{
    SqlSupport::run(db,
                    QStringLiteral("UPDATE received_messages SET keyword_applied_at = ? "
                                   "WHERE id = ? AND keyword IS NOT NULL"),
                    {nowMs, receivedMessageId});
}
} // namespace

QString OptOutService::keywordAction(const QString &text) const
{
    switch (classify(text)) {
    case Keyword::OptOut:
        return QStringLiteral("opt_out");
    case Keyword::OptIn:
        return QStringLiteral("opt_in");
    case Keyword::None:
        break;
    }
    return QString();
}

int OptOutService::applyPending()
{
    const QList<InboundMessage> pending = m_core.inbound().pendingKeywords();
    for (const InboundMessage &m : pending)
        handleIncoming(m);
    if (!pending.isEmpty())
        qCInfo(lcOptOut) << "applied" << pending.size()
                         << "opt-out keywords left unapplied by the last run";
    return int(pending.size());
}

bool OptOutService::handleIncoming(const InboundMessage &message)
{
    if (message.type != InboundMessage::kText || message.body.isEmpty())
        return false;
    // The verdict stored with the message (the settings may have changed since), else now's.
    const QString action = message.keyword.isNull() ? keywordAction(message.body) : message.keyword;
    const Keyword keyword = action == QLatin1String("opt_out")  ? Keyword::OptOut
                            : action == QLatin1String("opt_in") ? Keyword::OptIn
                                                                : Keyword::None;
    if (keyword == Keyword::None)
        return false;
    if (message.contactId <= 0) {
        // Nothing to opt out: a phone not in the user's list is never sent to
        // (MessageComposer: not_in_contact_list).
        qCInfo(lcOptOut) << "keyword from a sender who is not a contact of user"
                         << message.appUserId << "(message" << message.id << ")";
        return false;
    }
    try {
        if (keyword == Keyword::OptOut) {
            const Result r = optOut(message.vendorId, message.appUserId, message.contactId,
                                    kKeyword, QString(), message.id);
            if (r.changed && m_core.settings().optOutConfirmationEnabled())
                sendConfirmation(r.contact, message.numberId);
            return r.changed;
        }
        return optIn(message.vendorId, message.appUserId, message.contactId, kKeyword, QString(),
                     message.id)
            .changed;
    } catch (const DomainError &e) {
        qCWarning(lcOptOut).noquote()
            << "opt-out keyword of message" << message.id << "not applied:" << e.message();
        // Not tried again at every start (the contact is gone, say).
        markKeywordApplied(message.id);
        return false;
    }
}

OptOutService::Result OptOutService::optOut(qint64 vendorId, qint64 userId, qint64 contactId,
                                            const QString &source, const QString &reason,
                                            qint64 receivedMessageId)
{
    return change(vendorId, userId, contactId, false, source, reason, receivedMessageId);
}

OptOutService::Result OptOutService::optIn(qint64 vendorId, qint64 userId, qint64 contactId,
                                           const QString &source, const QString &reason,
                                           qint64 receivedMessageId)
{
    // A customer who wrote START asked for it; anyone else opting them back in must say why
    // (the record of consent).
    if (source != kKeyword && reason.trimmed().isEmpty())
        throw DomainError(DomainError::Kind::Validation, QStringLiteral("reason_required"),
                          QStringLiteral("A reason is required to opt a contact back in"),
                          QJsonObject{{QStringLiteral("field"), QStringLiteral("reason")}});
    return change(vendorId, userId, contactId, true, source, reason.trimmed(), receivedMessageId);
}

OptOutService::Result OptOutService::change(qint64 vendorId, qint64 userId, qint64 contactId,
                                            bool optIn, const QString &source,
                                            const QString &reason, qint64 receivedMessageId)
{
    if (source != kKeyword && source != kOperator && source != kApi && source != kImport)
        throw DomainError::validation(QStringLiteral("source"),
                                      QStringLiteral("Unknown opt-out source %1").arg(source));
    const QString conn = m_core.database().connectionName();
    AppUserStore(conn).requireUserOfVendor(vendorId, userId);
    QSqlDatabase db = SqlSupport::database(conn);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    const qint64 now = Clock::nowMs();

    Result result;
    QString phone;
    QList<Message> cancelled;
    {
        SqlSupport::Transaction tx(db);
        QVariantList binds{contactId};
        binds << scope.values();
        QSqlQuery c = SqlSupport::run(
            db,
            QStringLiteral("SELECT phone_number, message_opt_in FROM contact_lists WHERE id = ? "
                           "AND %1")
                .arg(scope.sql()),
            binds);
        if (!c.next())
            throw DomainError::notFound(QStringLiteral("contact"));
        phone = c.value(0).toString();
        const bool optedIn = c.value(1).toInt() != 0;
        c.finish();
        if (receivedMessageId > 0)
            stampKeywordApplied(db, receivedMessageId, now);
        if (optedIn == optIn) {
            tx.commit();
            result.contact = *m_core.contacts().find(vendorId, userId, contactId);
            return result; // already so: nothing to record, no event
        }
        SqlSupport::run(db,
                        QStringLiteral("UPDATE contact_lists SET message_opt_in = ?, "
                                       "opted_out_at = ?, opt_out_source = ?, updated_at = ? "
                                       "WHERE id = ?"),
                        {optIn ? 1 : 0, optIn ? QVariant() : QVariant(now),
                         optIn ? QVariant() : QVariant(source), now, contactId});
        if (!optIn) {
            // The user's messages to that phone that have not gone yet. Rows already
            // `sending` are in WhatsApp's hands. The quota trigger (migration 2) gives the
            // cancelled rows' places back.
            // Read through idx_messages_owner (recipient and status are in it): the user's
            // messages of the last 31 days — no pending row is older (message_ttl_seconds is
            // at most 30 days, then the expiry sweep ends it). Scheduled rows (send_at, issue
            // #16) too: queued up to kMaxScheduleDays before their TTL starts.
            QVariantList pb = scope.values();
            pb << now - kPendingHorizonMs - qint64(MessageComposer::kMaxScheduleDays) * 86400000
               << phone << MessageStatus::Pending << MessageStatus::Scheduled;
            QSqlQuery p = SqlSupport::run(
                db,
                QStringLiteral("SELECT %1 FROM sent_messages WHERE %2 AND created_at >= ? AND "
                               "recipient = ? AND status IN (?, ?)")
                    .arg(MessageStore::columns(), scope.sql()),
                pb);
            while (p.next())
                cancelled << MessageStore::fromRow(p);
            p.finish();
            QSqlQuery u = SqlSupport::prepare(
                db, QStringLiteral("UPDATE sent_messages SET status = ?, error_message = ?, "
                                   "updated_at = ? WHERE id = ? AND status IN (?, ?)"));
            for (Message &m : cancelled) {
                SqlSupport::bind(u, {MessageStatus::Cancelled, kOptedOutReason, now, m.id,
                                     MessageStatus::Pending, MessageStatus::Scheduled});
                SqlSupport::exec(u);
                m.status = MessageStatus::Cancelled;
                m.errorMessage = kOptedOutReason;
                m.updatedAt = now;
            }
        }
        QSqlQuery e = SqlSupport::run(
            db,
            QStringLiteral("INSERT INTO contact_opt_events (api_consumer_id, app_user_id, "
                           "contact_id, action, source, reason, received_message_id, at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {vendorId, userId, contactId,
             optIn ? QStringLiteral("opt_in") : QStringLiteral("opt_out"), source,
             SqlSupport::text(reason.isEmpty() ? QString() : reason),
             SqlSupport::nullableInt(receivedMessageId), now});
        result.eventId = e.lastInsertId().toLongLong();
        // Webhooks: the cancellations, the batches they finished and the opt-out, staged here.
        WebhookOutbox &hooks = m_core.webhookOutbox();
        for (const Message &m : std::as_const(cancelled))
            hooks.stageStatus(db, m, now);
        hooks.completeBatches(db, cancelled);
        if (!optIn)
            hooks.stage(db, vendorId, ContactOptedOutEvent{userId, contactId, phone, source, now});
        tx.commit();
    }
    result.changed = true;
    result.cancelled = int(cancelled.size());
    result.contact = *m_core.contacts().find(vendorId, userId, contactId);

    EventBus &bus = m_core.events();
    for (const Message &m : std::as_const(cancelled))
        bus.publish(vendorId, MessageStatusEvent::of(m, now));
    if (optIn) {
        bus.publish(vendorId, ContactOptedInEvent{userId, contactId, phone, source, reason, now});
    } else {
        bus.publish(vendorId, ContactOptedOutEvent{userId, contactId, phone, source, now});
    }
    qCInfo(lcOptOut).noquote() << "contact" << contactId << "of user" << userId
                               << (optIn ? "opted in" : "opted out") << "by" << source
                               << "| cancelled" << cancelled.size();
    return result;
}

void OptOutService::markKeywordApplied(qint64 receivedMessageId)
{
    if (receivedMessageId <= 0)
        return;
    try {
        QSqlDatabase db = SqlSupport::database(m_core.database().connectionName());
        stampKeywordApplied(db, receivedMessageId, Clock::nowMs());
    } catch (const DomainError &e) {
        qCWarning(lcOptOut).noquote() << "message" << receivedMessageId << e.message();
    }
}

void OptOutService::sendConfirmation(const Contact &contact, qint64 numberId)
{
    // Queued like any message (subscription, quota, template, outbox), from the number the
    // customer wrote to.
    MessageComposer::Request request;
    request.userId = contact.appUserId;
    request.recipients = {MessageComposer::Recipient{contact.phoneNumber, {}}};
    request.message = m_core.settings().optOutConfirmationTemplate();
    request.fromNumberId = numberId;
    request.optOutConfirmation = true;
    try {
        MessageComposer(m_core).compose(contact.vendorId, request);
    } catch (const DomainError &e) {
        qCWarning(lcOptOut).noquote() << "opt-out confirmation to contact" << contact.id
                                      << "not queued:" << e.code() << e.message();
    }
}

OptOutService::State OptOutService::state(qint64 vendorId, qint64 contactId) const
{
    const TenantScope scope = TenantScope::vendor(vendorId);
    QVariantList binds{contactId};
    binds << scope.values();
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_core.database().connectionName()),
        QStringLiteral("SELECT message_opt_in, opted_out_at, opt_out_source FROM contact_lists "
                       "WHERE id = ? AND %1")
            .arg(scope.sql()),
        binds);
    if (!q.next())
        throw DomainError::notFound(QStringLiteral("contact"));
    State s;
    s.optedOut = q.value(0).toInt() == 0;
    if (s.optedOut) {
        s.optedOutAtMs = q.value(1).isNull() ? 0 : q.value(1).toLongLong();
        s.source = SqlSupport::text(q, 2);
    }
    return s;
}

QJsonObject OptOutService::HistoryEntry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("app_user_id"), appUserId},
        {QStringLiteral("contact_id"), contactId},
        {QStringLiteral("action"), action},
        {QStringLiteral("source"), source},
        {QStringLiteral("reason"),
         reason.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)},
        {QStringLiteral("received_message_id"),
         receivedMessageId > 0 ? QJsonValue(receivedMessageId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("at"), Clock::toIso(atMs)},
    };
}

QList<OptOutService::HistoryEntry> OptOutService::history(qint64 vendorId, qint64 contactId) const
{
    state(vendorId, contactId); // NotFound for another vendor's contact
    const TenantScope scope = TenantScope::vendor(vendorId);
    QVariantList binds{contactId};
    binds << scope.values();
    QSqlQuery q = SqlSupport::run(
        SqlSupport::database(m_core.database().connectionName()),
        QStringLiteral("SELECT id, app_user_id, contact_id, action, source, reason, "
                       "received_message_id, at FROM contact_opt_events WHERE contact_id = ? AND "
                       "%1 ORDER BY at DESC, id DESC")
            .arg(scope.sql()),
        binds);
    QList<HistoryEntry> out;
    while (q.next()) {
        HistoryEntry h;
        h.id = q.value(0).toLongLong();
        h.appUserId = q.value(1).toLongLong();
        h.contactId = q.value(2).toLongLong();
        h.action = q.value(3).toString();
        h.source = q.value(4).toString();
        h.reason = SqlSupport::text(q, 5);
        h.receivedMessageId = q.value(6).isNull() ? 0 : q.value(6).toLongLong();
        h.atMs = q.value(7).toLongLong();
        out << h;
    }
    return out;
}
