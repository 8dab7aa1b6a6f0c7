#pragma once

#include "Entities.h"
#include "inbound/InboundMessage.h"

#include <QList>
#include <QString>

class WebhookOutbox;

// The received_messages table (migration 4): recording incoming messages exactly once, and the
// vendor's reads of them (the API's inbound routes and conversations, the window's
// Conversations page). Every read is scoped by the vendor (TenantScope); a user or message of
// another vendor is NotFound. docs/inbound.md says how exactly-once and the catch-up work.
class InboundStore
{
public:
    // webhooks: message_received events are staged in record()'s transaction (null: none).
    explicit InboundStore(QString connectionName, WebhookOutbox *webhooks = nullptr);

    // Stores the messages in one transaction, each at most once: a message already stored
    // (same number, same wa_message_id: re-emitted by WhatsApp, a page reload, the catch-up's
    // overlap, another connection recording it at the same time) is skipped. Each message
    // needs vendorId, appUserId, numberId, waMessageId and receivedAtMs; contactId (the user's
    // contact with fromPhone) and quotedMessageId (our sent_messages row of that number with
    // quotedWaMessageId) are resolved here, whatever the caller set. A revoke also sets
    // revoked_at on the message it revokes; it is stored under revokeKey(revoked id) when
    // WhatsApp gives it the revoked message's own id (it does). A reaction already stored
    // whose emoji changed ("" = removed) is updated and returned again. Returns the newly
    // stored rows (with ids and the resolved fields), in the given order.
    QList<InboundMessage> record(const QList<InboundMessage> &messages);
    // The wa_message_id a revoke is stored under: "<revoked id>:revoked".
    static QString revokeKey(const QString &revokedWaMessageId);

    // received_at of the number's newest stored message, 0 when none (the catch-up's start).
    qint64 lastReceivedAtMs(qint64 numberId) const;

    // NotFound for another vendor's (or no) message.
    InboundMessage find(qint64 vendorId, qint64 id) const;

    struct ListQuery
    {
        qint64 contactId = 0; // 0: any sender
        QString phone;        // digits (or a "…@lid"); empty: any sender
        qint64 sinceMs = 0;   // received_at >= sinceMs; 0: from the start
        int page = 1;         // 1-based
        int limit = 50;
    };
    struct ListPage
    {
        QList<InboundMessage> messages; // newest first
        int total = 0;                  // matching rows, all pages
    };
    // The user's received messages. NotFound when the user is not the vendor's.
    ListPage list(qint64 vendorId, qint64 userId, const ListQuery &query) const;

    // One entry of a conversation: a message the customer sent ("in") or one we sent ("out",
    // a sent_messages row with its status).
    struct TimelineEntry
    {
        QString direction; // "in" | "out"
        qint64 atMs = 0;   // in: received_at; out: created_at (when it was queued)
        InboundMessage in; // direction "in"
        Message out;       // direction "out"
    };
    // Both directions between the user and one phone (digits, or the "…@lid" of a sender
    // whose phone is unknown): the `limit` newest entries before `beforeMs` (0: now), oldest
    // first. NotFound when the user is not the vendor's.
    QList<TimelineEntry> conversation(qint64 vendorId, qint64 userId, const QString &phone,
                                      qint64 beforeMs, int limit) const;

    // One customer who wrote to one of the user's numbers (the window's chat list).
    struct Chat
    {
        qint64 numberId = 0;
        QString phone;   // digits, or null when only a @lid is known
        QString fromLid; // null when unknown
        qint64 contactId = 0;
        QString contactName;   // null when the phone is not in the user's list
        bool optedOut = false; // the contact's message_opt_in is false
        InboundMessage last;   // the newest message the customer sent
        int unread = 0;        // received and not marked read
    };
    // Newest first. numberId 0: all the user's numbers. NotFound for another vendor's user.
    QList<Chat> chats(qint64 vendorId, qint64 userId, qint64 numberId = 0) const;

    // Sets read_at on the message and on the earlier unread ones of the same chat (WhatsApp's
    // read receipt is per chat); a second call keeps the first time. Returns the message.
    // NotFound for another vendor's.
    InboundMessage markRead(qint64 vendorId, qint64 id);

    static const QString &columns();

private:
    QString m_connection;
    WebhookOutbox *m_webhooks = nullptr;
};
