#pragma once

#include "Entities.h"
#include "inbound/InboundMessage.h"
#include "platform/Clock.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QMetaType>
#include <QString>

#include <variant>

// The vendor-visible events (docs/api.md "WebSocket events"), one struct per event type: its
// fields, its type name, and toJson() giving exactly the object the WebSocket sends (with
// "event" and "user_id"). Producers (MessageComposer, OutboxDispatcher, SessionManager) build
// these and publish them on the EventBus; the API's EventHub sends their JSON; the window and
// the dispatcher listen to them by type (EventBus::on<T>), never by matching a type name.
//
// Adding an event type is a change to this file only: a struct with kType, userId and
// toJson(), and its name in the Event variant at the end. EventBus, EventHub and every
// listener work on the variant and need no edit (docs/architecture.md "Events").

// A message's status changed (pending → sending → sent → delivered → read, or failed,
// expired, cancelled). Queueing publishes none (MessageComposer.h says why).
struct MessageStatusEvent
{
    static constexpr QLatin1String kType{"message_status"};
    qint64 userId = 0;
    QString batchId;
    qint64 messageId = 0;
    QString recipient;    // normalised digits
    QString status;       // MessageStatus::*
    QString errorMessage; // null → JSON null
    qint64 atMs = 0;

    // The event for a message's current status (m.status), stamped atMs.
    static MessageStatusEvent of(const Message &m, qint64 atMs)
    {
        MessageStatusEvent e;
        e.userId = m.appUserId;
        e.batchId = m.batchId;
        e.messageId = m.id;
        e.recipient = m.recipient;
        e.status = m.status;
        e.errorMessage = m.errorMessage;
        e.atMs = atMs;
        return e;
    }

    QJsonObject toJson() const
    {
        return QJsonObject{
            {QStringLiteral("event"), QString(kType)},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("batch_id"), batchId},
            {QStringLiteral("message_id"), messageId},
            {QStringLiteral("recipient"), recipient},
            {QStringLiteral("status"), status},
            {QStringLiteral("error_message"),
             errorMessage.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(errorMessage)},
            {QStringLiteral("at"), Clock::toIso(atMs)},
        };
    }
};

// A number's session changed state (SessionState::*), with the failure reason.
struct SessionStateEvent
{
    static constexpr QLatin1String kType{"session_state"};
    qint64 userId = 0;
    qint64 numberId = 0;
    QString phoneNumber; // E.164 digits, no '+'
    QString state;
    QString reason; // empty → JSON null

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("number_id"), numberId},
                           {QStringLiteral("phone_number"), phoneNumber},
                           {QStringLiteral("state"), state},
                           {QStringLiteral("reason"),
                            reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)}};
    }
};

// A new QR code to scan for a number's session. The PNG is rendered by the producer (the
// whatsapp layer owns QR rendering; core knows no images).
struct QrEvent
{
    static constexpr QLatin1String kType{"qr"};
    qint64 userId = 0;
    qint64 numberId = 0;
    QString phoneNumber;
    QString qr;    // the raw QR string
    QString qrPng; // "data:image/png;base64,…"
    qint64 expiresInSeconds = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("number_id"), numberId},
                           {QStringLiteral("phone_number"), phoneNumber},
                           {QStringLiteral("qr"), qr},
                           {QStringLiteral("qr_png"), qrPng},
                           {QStringLiteral("expires_in"), expiresInSeconds}};
    }
};

// A new pairing code to type on the number's phone (Linked devices → Link with phone number
// instead), while its session is linked by code instead of QR; a new one replaces it before
// expires_at while the number stays unlinked. WebSocket only: no webhook type.
struct PairingCodeEvent
{
    static constexpr QLatin1String kType{"pairing_code"};
    qint64 userId = 0;
    qint64 numberId = 0;
    QString phoneNumber;
    QString code; // 8 characters, shown as XXXX-XXXX
    qint64 expiresAtMs = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("number_id"), numberId},
                           {QStringLiteral("phone_number"), phoneNumber},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("expires_at"), Clock::toIso(expiresAtMs)}};
    }
};

// A customer sent a message to one of the user's numbers (recorded once: a message WhatsApp
// re-emits, or the catch-up reads again, publishes nothing). The JSON is the API's inbound
// message object with "event" and "user_id".
struct MessageReceivedEvent
{
    static constexpr QLatin1String kType{"message_received"};
    qint64 userId = 0;
    InboundMessage message;

    QJsonObject toJson() const
    {
        QJsonObject json = message.toJson();
        json.insert(QStringLiteral("event"), QString(kType));
        json.insert(QStringLiteral("user_id"), userId);
        return json;
    }
};

// A contact of the user opted out (a keyword, an operator, the API, an import): the user's
// pending messages to that phone were cancelled and new ones are rejected.
struct ContactOptedOutEvent
{
    static constexpr QLatin1String kType{"contact_opted_out"};
    qint64 userId = 0;
    qint64 contactId = 0;
    QString phone;  // E.164 digits
    QString source; // keyword | operator | api | import
    qint64 atMs = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{
            {QStringLiteral("event"), QString(kType)}, {QStringLiteral("user_id"), userId},
            {QStringLiteral("contact_id"), contactId}, {QStringLiteral("phone"), phone},
            {QStringLiteral("source"), source},        {QStringLiteral("at"), Clock::toIso(atMs)}};
    }
};

// A contact opted back in (START/UNSTOP, or an operator or the API with a recorded reason).
struct ContactOptedInEvent
{
    static constexpr QLatin1String kType{"contact_opted_in"};
    qint64 userId = 0;
    qint64 contactId = 0;
    QString phone;
    QString source;
    QString reason; // empty → JSON null (a keyword has none)
    qint64 atMs = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("contact_id"), contactId},
                           {QStringLiteral("phone"), phone},
                           {QStringLiteral("source"), source},
                           {QStringLiteral("reason"),
                            reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)},
                           {QStringLiteral("at"), Clock::toIso(atMs)}};
    }
};

// The last message of a batch left the queue: none of its messages is pending or sending any
// more (each was sent, delivered, read, failed, expired or cancelled). Published once per batch
// (WebhookOutbox::completeBatches records it), with the batch's counts at that moment.
struct BatchCompletedEvent
{
    static constexpr QLatin1String kType{"batch_completed"};
    qint64 userId = 0;
    QString batchId;
    struct Counts
    {
        qint64 sent = 0, delivered = 0, read = 0, failed = 0, expired = 0, cancelled = 0;
    } counts;
    qint64 atMs = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("batch_id"), batchId},
                           {QStringLiteral("counts"),
                            QJsonObject{{QStringLiteral("sent"), counts.sent},
                                        {QStringLiteral("delivered"), counts.delivered},
                                        {QStringLiteral("read"), counts.read},
                                        {QStringLiteral("failed"), counts.failed},
                                        {QStringLiteral("expired"), counts.expired},
                                        {QStringLiteral("cancelled"), counts.cancelled}}},
                           {QStringLiteral("at"), Clock::toIso(atMs)}};
    }
};

// A batch (campaign) changed state: paused, resumed, cancelled, or its send_at came and its
// scheduled messages became pending (state "running"; those messages get no message_status
// event of their own on the WebSocket, like queueing: one frame per batch, not 10,000).
// state: scheduled | running | paused | completed | cancelled (CampaignService).
struct BatchStateEvent
{
    static constexpr QLatin1String kType{"batch_state"};
    qint64 userId = 0;
    QString batchId;
    QString state;
    qint64 atMs = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("batch_id"), batchId},
                           {QStringLiteral("state"), state},
                           {QStringLiteral("at"), Clock::toIso(atMs)}};
    }
};

// A webhook endpoint was disabled (failing for 3 days, or its receiver answered 410): the
// vendor hears it on the WebSocket and the operator in the window. Never sent to webhooks.
// userId is the endpoint's app_user_id, 0 for a vendor-wide endpoint.
struct WebhookDisabledEvent
{
    static constexpr QLatin1String kType{"webhook_disabled"};
    qint64 userId = 0;
    qint64 endpointId = 0;
    QString url;
    QString reason; // failing_3_days | gone | ...
    qint64 atMs = 0;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("event"), QString(kType)},
                           {QStringLiteral("user_id"), userId},
                           {QStringLiteral("endpoint_id"), endpointId},
                           {QStringLiteral("url"), url},
                           {QStringLiteral("reason"), reason},
                           {QStringLiteral("at"), Clock::toIso(atMs)}};
    }
};

// Every event type. Add a new one here (and its struct above): nothing else changes.
using Event = std::variant<MessageStatusEvent, SessionStateEvent, QrEvent, MessageReceivedEvent,
                           ContactOptedOutEvent, ContactOptedInEvent, BatchCompletedEvent,
                           WebhookDisabledEvent, BatchStateEvent, PairingCodeEvent>;

namespace Events {
// The JSON the WebSocket sends for it (its type's toJson()).
QJsonObject toJson(const Event &event);
// The app user it concerns (sockets subscribed to other users do not get it).
qint64 userId(const Event &event);
// Its "event" name.
QLatin1String typeName(const Event &event);
} // namespace Events

Q_DECLARE_METATYPE(Event)
