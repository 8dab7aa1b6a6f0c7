#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class ContactStore;
class InboundStore;
class MessageStore;

// The rich message types of POST /messages (docs/api.md "Message types"): location, contact
// cards, voice notes, reactions and quoted replies. One home for their rules, shared by the API
// and the window through MessageComposer: validation, the vCard 3.0 text, the resolution of a
// quoted or reacted-to message (tenant-scoped: another user's or vendor's is NotFound), and the
// JSON payload stored in sent_messages.payload that the dispatcher hands to the sender.
class RichMessage
{
public:
    struct Location
    {
        double lat = 0;
        double lng = 0;
        QString name;    // template text
        QString address; // template text
    };
    struct Card
    {
        QString name;
        QString phone;
        QString email;
        QString company;
    };
    // A message of ours a reply quotes or a reaction targets.
    struct Target
    {
        enum class Kind
        {
            None,
            Received,
            Sent
        };
        Kind kind = Kind::None;
        qint64 id = 0;
        bool isSet() const { return kind != Kind::None; }
    };
    struct Spec
    {
        QString type; // empty: text or media as before; location | contact | voice | reaction
        std::optional<Location> location;
        QList<Card> cards;        // given fields
        QList<qint64> contactIds; // the user's contacts, made into cards
        Target replyTo;
        Target reactionTo;
        QString emoji;    // "" removes a reaction
        QString filename; // documents: the name the recipient sees
    };
    // A target looked up: the WhatsApp key the page finds it by and the chat it lives in.
    struct Resolved
    {
        QString waMessageId;
        bool fromMe = false;
        QString phone;       // the chat's phone digits (the only recipient allowed)
        QString chatWid;     // "<digits>@c.us" or "<lid>@lid"
        qint64 numberId = 0; // the number whose chat holds it: the reply goes out from it
    };

    static constexpr int kMaxCards = 20;
    static constexpr int kMaxEmojiLength = 16; // UTF-16 units: emoji with modifiers and ZWJ

    static bool isRichType(const QString &type);
    // The message_type stored for a request (empty spec type: the caller's default).
    static QString storedType(const Spec &spec, const QString &fallback);

    // Throws 400 validation_failed naming the bad field; hasMessage/hasFile: message, file_url.
    static void validate(const Spec &spec, bool hasMessage, bool hasFile);

    // 404 not_found when the message is not one of this vendor's user's; 422
    // reply_target_not_sent when a message of ours has no WhatsApp id yet.
    static Resolved resolve(const InboundStore &inbound, const MessageStore &messages,
                            qint64 vendorId, qint64 userId, const Target &target,
                            const QString &field);

    // The cards of contact_ids (404 for a contact that is not this user's) then the given ones.
    static QList<Card> cardsOf(const ContactStore &contacts, qint64 vendorId, qint64 userId,
                               const Spec &spec);

    // vCard 3.0 (RFC 2426): CRLF lines, text values escaped (\\ \, \; \n), folded at 75 octets.
    static QString vcard(const Card &card);

    // sent_messages.payload: {location?, vcards?, reaction?, quoted?, voice?, filename?}, null
    // when the message needs none. location is the rendered one for this recipient.
    static QString payload(const Spec &spec, const std::optional<Location> &location,
                           const QList<Card> &cards, const std::optional<Resolved> &quoted,
                           const std::optional<Resolved> &reaction);
    // The content the sender gets (MessageSender::sendRich) for a stored row.
    static QJsonObject parsePayload(const QString &payload);
};
