#pragma once

#include <QJsonObject>
#include <QString>

// One message a customer sent to one of the vendor's numbers: a row of received_messages
// (migration 4). Built by the whatsapp layer's InboundListener from the page's format (the only
// place that parses it), stored exactly once by InboundStore, read by the API and the window.
// Optional text fields are null QStrings when absent; optional ids and times are 0.
struct InboundMessage
{
    // Stored types (docs/inbound.md): the page's chat → text, ptt → voice, vcard/multi_vcard →
    // contact; the others keep the page's name.
    static constexpr QLatin1String kText{"text"};
    static constexpr QLatin1String kReaction{"reaction"};
    static constexpr QLatin1String kRevoked{"revoked"};

    qint64 id = 0;
    qint64 vendorId = 0;  // api_consumer_id
    qint64 appUserId = 0; // the number's user
    qint64 numberId = 0;  // the number it was sent to
    qint64 contactId = 0; // the user's contact with this phone, 0 when none
    QString fromPhone;    // E.164 digits; null when only a @lid is known
    QString fromLid;      // "…@lid", null when WhatsApp gave a phone id and no lid
    QString chatWid;      // the chat's wid (what a read receipt needs)
    QString type;         // text, image, video, audio, voice, document, sticker, location,
                          // contact, reaction, revoked
    QString body;         // text of a text message; the emoji of a reaction ("" = removed)
    QString caption;      // media caption
    QString mimetype;
    QString filename;
    qint64 size = 0;            // media bytes, 0 when unknown
    QString locationJson;       // {"lat","lng","name","address"} of a location
    QString vcardsJson;         // ["BEGIN:VCARD…"] of a contact card
    qint64 quotedMessageId = 0; // our sent_messages.id when the quoted message was ours
    QString quotedWaMessageId;  // the quoted message's WhatsApp id, whoever sent it
    QString waMessageId;        // WhatsApp's id (msg.id.id), unique per number
    QString reactionTargetWaId; // reaction: the message reacted to; revoked: the one revoked
    qint64 revokedAtMs = 0;     // set when the customer deleted it for everyone
    qint64 readAtMs = 0;        // set when the vendor sent the read receipt
    qint64 receivedAtMs = 0;    // when the customer sent it (WhatsApp's time)
    qint64 recordedAtMs = 0;    // when Wamator stored it
    // "opt_out" | "opt_in" when the text is a keyword of the opt-out rule (set by the
    // recorder; stored only for a contact's message, where it is applied), else null.
    QString keyword;

    // The API's inbound message object (docs/api.md, issue #14): {id, app_user_id, number_id,
    // from, from_lid, contact_id, type, body, caption, mimetype, filename, quoted_message_id,
    // quoted_wa_message_id, wa_message_id, received_at}; absent values are JSON null.
    QJsonObject toJson() const;
};
