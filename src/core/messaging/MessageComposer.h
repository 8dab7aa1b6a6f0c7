#pragma once

#include "Entities.h"
#include "messaging/RichMessage.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

class AppUserStore;
class ContactStore;
class InboundStore;
class CoreServices;
class MessageStore;
class NumberStore;
class SubscriptionService;

// POST /messages semantics (api.md "Messages"), shared by the REST API and the GUI's "send"
// dialog: validates the request, resolves every recipient against the user's contact list in
// one query, renders templates, enforces the subscription and its quota, and queues every
// accepted message in one transaction (the sent_messages rows are the outbox). Also the
// vendor-side reads of a batch and its cancellation.
//
// Events: composing publishes no message_status events. The answer already tells the caller
// every queued message (status pending), and pushing one WebSocket frame per recipient for a
// 10,000-recipient batch would add a large synchronous cost to the request for no new
// information. Only changes after queueing are published (cancel here, the dispatcher later).
class MessageComposer
{
public:
    explicit MessageComposer(CoreServices &core);
    // On a worker thread: every read and write goes through this thread's own connection
    // (Database::openThreadConnection), so a big batch does not hold up the main thread. Phone
    // rules, settings and events still come from `core` (thread-safe).
    MessageComposer(CoreServices &core, const QString &connectionName);
    ~MessageComposer();

    static constexpr int kMaxRecipients = 10000;
    // Throws PayloadTooLarge too_many_items past kMaxRecipients: compose() checks it, and the
    // API checks it before parsing each recipient of a huge array.
    static void checkRecipientCount(qsizetype count);
    // WhatsApp refuses texts over 65,536 characters (UTF-16 code units, as QString counts).
    // The template (message, caption) may not be longer, and neither may what it renders to
    // for one recipient (that recipient is rejected: message_too_long). Captions share it.
    static constexpr int kMaxMessageLength = 65536;
    // All rendered texts of one batch (message + caption, every recipient) together: 32 Mi
    // characters, 64 MiB as QString holds them. Over it the whole request is refused (413
    // batch_too_large) and nothing is queued: 10,000 recipients x 65,536 characters would
    // otherwise be 1.3 GB in memory and in the outbox, for one request.
    static constexpr qsizetype kMaxBatchCharacters = qsizetype(32) * 1024 * 1024;

    // How far ahead send_at may be: a batch waiting longer than a quarter is more likely a
    // mistyped date than a plan, and its texts and quota would be held all that time.
    static constexpr int kMaxScheduleDays = 90;

    struct Recipient
    {
        QString number;       // as the caller typed it
        QJsonObject metadata; // template values for this recipient
    };
    struct Request
    {
        qint64 userId = 0;
        QList<Recipient> recipients;
        QString message;  // template text; may be empty when fileUrl is given
        QString fileUrl;  // http(s) only
        QString caption;  // template text too
        QString templateId;
        qint64 fromNumberId = 0; // 0 = any ready number of the user
        // When to send (epoch ms, send_at): 0 or a time not after now sends as soon as possible;
        // a later one queues the batch as `scheduled` until then. At most kMaxScheduleDays
        // ahead (400 validation_failed, field send_at).
        qint64 sendAt = 0;
        // The confirmation of an opt-out (OptOutService) is the one message an opted-out
        // contact still gets; every other request rejects them (opted_out).
        bool optOutConfirmation = false;
        // type, location, contact cards, voice, reaction, reply_to, filename (RichMessage).
        RichMessage::Spec rich;
    };
    struct RecipientResult
    {
        QString number;     // as given
        bool queued = false;
        qint64 messageId = 0;
        QString reason; // invalid_phone | not_in_contact_list | opted_out | message_too_long
    };
    struct Outcome
    {
        QString batchId;
        int queued = 0;
        int rejected = 0;
        qint64 sendAt = 0;              // the batch waits as `scheduled` until then; 0: sent now
        QList<RecipientResult> results; // in request order
        // Where the time went (stage name → ms), for the Server-Timing header and bench P2.
        QList<QPair<QByteArray, double>> timings;
    };

    // Throws: 404 not_found (user, from_number_id), 400 validation_failed (field; message or
    // caption over kMaxMessageLength), 413 too_many_items (> kMaxRecipients),
    // 403 subscription_required, 422 no_valid_recipients (details.results),
    // 403 quota_exceeded (details.remaining; checked before anything is rendered),
    // 413 batch_too_large (rendered texts over kMaxBatchCharacters).
    Outcome compose(qint64 vendorId, const Request &request);

    // [{number, status, message_id?, reason?}] as api.md shows them.
    static QJsonArray resultsJson(const QList<RecipientResult> &results);

    struct BatchView
    {
        QString batchId;
        QHash<QString, int> counts; // every status of MessageStatus::all(), 0 when none
        QList<Message> messages;
    };
    BatchView batch(qint64 vendorId, const QString &batchId) const; // 404
    Message message(qint64 vendorId, qint64 messageId) const;        // 404
    // Scheduled or pending → cancelled (CampaignService::cancel, its home): a message_status
    // event per cancelled message. 404 if the batch is not this vendor's. Returns how many.
    int cancelBatch(qint64 vendorId, const QString &batchId);

private:
    struct OwnStores;
    AppUserStore &users() const;
    NumberStore &numbers() const;
    SubscriptionService &subscriptions() const;
    ContactStore &contacts() const;
    MessageStore &messages() const;
    InboundStore &inbound() const;

    CoreServices &m_core;
    std::unique_ptr<OwnStores> m_own; // null: the core's stores, on the main connection
};
