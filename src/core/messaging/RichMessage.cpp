#include "messaging/RichMessage.h"

#include "DomainError.h"
#include "Entities.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundStore.h"
#include "messaging/MessageStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace {

const QString kLocation = QStringLiteral("location");
const QString kContact = QStringLiteral("contact");
const QString kVoice = QStringLiteral("voice");
const QString kReaction = QStringLiteral("reaction");

// RFC 2426 §4 / RFC 2425 §5.8.4: backslash, comma and semicolon are escaped in text values and
// a line break becomes \n (CR dropped), so a name like "Doe; Jane" stays one value.
QString escapeText(const QString &value)
{
    QString out;
    out.reserve(value.size() + 8);
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case ',':
            out += QLatin1String("\\,");
            break;
        case ';':
            out += QLatin1String("\\;");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            break;
        default:
            out += c;
        }
    }
    return out;
}

// RFC 2425 §5.8.1: lines longer than 75 octets are folded (CRLF + one space), never inside a
// UTF-8 sequence (counted per code point, surrogate pairs kept together).
QString folded(const QString &line)
{
    QString out;
    int octets = 0;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        const bool pair = c.isHighSurrogate() && i + 1 < line.size();
        const int width = pair ? 4 : c.unicode() < 0x80 ? 1 : c.unicode() < 0x800 ? 2 : 3;
        if (octets + width > 75) {
            out += QLatin1String("\r\n ");
            octets = 1;
        }
        out += c;
        if (pair)
            out += line.at(++i);
        octets += width;
    }
    return out;
}

QJsonObject targetJson(const RichMessage::Resolved &r)
{
    return QJsonObject{{QStringLiteral("wa_id"), r.waMessageId},
                       {QStringLiteral("from_me"), r.fromMe},
                       {QStringLiteral("chat"), r.chatWid}};
}

} // namespace

bool RichMessage::isRichType(const QString &type)
{
    return type == kLocation || type == kContact || type == kVoice || type == kReaction;
}

QString RichMessage::storedType(const Spec &spec, const QString &fallback)
{
    return isRichType(spec.type) ? spec.type : fallback;
}

void RichMessage::validate(const Spec &spec, bool hasMessage, bool hasFile)
{
    const QString &t = spec.type;
    if (!t.isEmpty() && t != QLatin1String("text") && t != QLatin1String("media") && !isRichType(t))
        throw DomainError::validation(
            QStringLiteral("type"),
            QStringLiteral("type must be one of text, media, location, contact, voice, reaction"));
    if (t == kLocation) {
        if (!spec.location)
            throw DomainError::validation(QStringLiteral("location"),
                                          QStringLiteral("location {lat, lng} is required"));
        const Location &l = *spec.location;
        if (!std::isfinite(l.lat) || l.lat < -90 || l.lat > 90)
            throw DomainError::validation(QStringLiteral("location.lat"),
                                          QStringLiteral("lat must be a number in [-90, 90]"));
        if (!std::isfinite(l.lng) || l.lng < -180 || l.lng > 180)
            throw DomainError::validation(QStringLiteral("location.lng"),
                                          QStringLiteral("lng must be a number in [-180, 180]"));
    } else if (spec.location) {
        throw DomainError::validation(QStringLiteral("location"),
                                      QStringLiteral("location is only for type location"));
    }
    if (t == kContact) {
        const qsizetype n = spec.cards.size() + spec.contactIds.size();
        if (n == 0)
            throw DomainError::validation(
                QStringLiteral("cards"),
                QStringLiteral("type contact needs contact_ids or cards (at least one)"));
        if (n > kMaxCards)
            throw DomainError::validation(
                QStringLiteral("cards"),
                QStringLiteral("at most %1 contact cards per message").arg(kMaxCards));
        for (qsizetype i = 0; i < spec.cards.size(); ++i) {
            if (spec.cards.at(i).name.trimmed().isEmpty())
                throw DomainError::validation(QStringLiteral("cards[%1].name").arg(i),
                                              QStringLiteral("each card needs a name"));
            if (spec.cards.at(i).phone.trimmed().isEmpty())
                throw DomainError::validation(QStringLiteral("cards[%1].phone").arg(i),
                                              QStringLiteral("each card needs a phone"));
        }
    } else if (!spec.cards.isEmpty() || !spec.contactIds.isEmpty()) {
        throw DomainError::validation(QStringLiteral("cards"),
                                      QStringLiteral("cards and contact_ids are only for type "
                                                     "contact"));
    }
    if (t == kVoice && !hasFile)
        throw DomainError::validation(QStringLiteral("file_url"),
                                      QStringLiteral("type voice needs file_url (the audio)"));
    // WhatsApp shows no text with a voice note: refused rather than silently dropped.
    if (t == kVoice && hasMessage)
        throw DomainError::validation(QStringLiteral("message"),
                                      QStringLiteral("a voice note has no text (message)"));
    if (t == kReaction) {
        if (!spec.reactionTo.isSet())
            throw DomainError::validation(QStringLiteral("reaction.to"),
                                          QStringLiteral("reaction.to (the message) is required"));
        if (spec.emoji.size() > kMaxEmojiLength)
            throw DomainError::validation(QStringLiteral("reaction.emoji"),
                                          QStringLiteral("emoji must be one emoji (\"\" removes)"));
        if (spec.replyTo.isSet())
            throw DomainError::validation(QStringLiteral("reply_to"),
                                          QStringLiteral("a reaction cannot quote a message"));
        if (hasMessage || hasFile)
            throw DomainError::validation(QStringLiteral("message"),
                                          QStringLiteral("a reaction has no message or file_url"));
    } else if (spec.reactionTo.isSet()) {
        throw DomainError::validation(QStringLiteral("reaction"),
                                      QStringLiteral("reaction is only for type reaction"));
    }
    if ((t == kLocation || t == kContact) && hasFile)
        throw DomainError::validation(QStringLiteral("file_url"),
                                      QStringLiteral("type %1 takes no file_url").arg(t));
    if (t == QLatin1String("text") && hasFile)
        throw DomainError::validation(QStringLiteral("file_url"),
                                      QStringLiteral("type text takes no file_url (use media)"));
    if (t == QLatin1String("media") && !hasFile)
        throw DomainError::validation(QStringLiteral("file_url"),
                                      QStringLiteral("type media needs file_url"));
    if (!spec.filename.isEmpty() && !hasFile)
        throw DomainError::validation(QStringLiteral("filename"),
                                      QStringLiteral("filename is only for a file_url"));
    if (spec.filename.contains(QLatin1Char('/')) || spec.filename.contains(QLatin1Char('\\')) ||
        spec.filename.size() > 255)
        throw DomainError::validation(QStringLiteral("filename"),
                                      QStringLiteral("filename must be a file name (no path, at "
                                                     "most 255 characters)"));
}

RichMessage::Resolved RichMessage::resolve(const InboundStore &inbound,
                                           const MessageStore &messages, qint64 vendorId,
                                           qint64 userId, const Target &target,
                                           const QString &field)
{
    const auto notFound = [&] {
        return DomainError(DomainError::Kind::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("%1: no such message of this user").arg(field),
                           QJsonObject{{QStringLiteral("field"), field}});
    };
    Resolved r;
    if (target.kind == Target::Kind::Received) {
        InboundMessage in;
        try {
            in = inbound.find(vendorId, target.id); // another vendor's: NotFound
        } catch (const DomainError &e) {
            if (e.kind() == DomainError::Kind::NotFound)
                throw notFound();
            throw;
        }
        if (in.appUserId != userId)
            throw notFound();
        if (in.fromPhone.isEmpty())
            throw DomainError(DomainError::Kind::Unprocessable,
                              QStringLiteral("target_phone_unknown"),
                              QStringLiteral("WhatsApp did not tell the phone of that message's "
                                             "sender, so it cannot be answered by number"),
                              QJsonObject{{QStringLiteral("field"), field}});
        r.waMessageId = in.waMessageId;
        r.fromMe = false;
        r.phone = in.fromPhone;
        r.chatWid = in.chatWid.isEmpty() ? in.fromPhone + QStringLiteral("@c.us") : in.chatWid;
        r.numberId = in.numberId;
        return r;
    }
    const auto m = messages.find(vendorId, target.id);
    if (!m || m->appUserId != userId)
        throw notFound();
    if (m->waMessageId.isEmpty() || m->numberId == 0 ||
        !(m->status == MessageStatus::Sent || m->status == MessageStatus::Delivered ||
          m->status == MessageStatus::Read))
        throw DomainError(DomainError::Kind::Unprocessable, QStringLiteral("target_not_sent"),
                          QStringLiteral("%1: that message has not been sent yet").arg(field),
                          QJsonObject{{QStringLiteral("field"), field}});
    r.waMessageId = m->waMessageId;
    r.fromMe = true;
    r.phone = m->recipient;
    r.chatWid = m->recipient + QStringLiteral("@c.us");
    r.numberId = m->numberId;
    return r;
}

QList<RichMessage::Card> RichMessage::cardsOf(const ContactStore &contacts, qint64 vendorId,
                                              qint64 userId, const Spec &spec)
{
    QList<Card> out;
    for (qsizetype i = 0; i < spec.contactIds.size(); ++i) {
        const auto c = contacts.find(vendorId, userId, spec.contactIds.at(i));
        if (!c)
            throw DomainError(
                DomainError::Kind::NotFound, QStringLiteral("not_found"),
                QStringLiteral("contact_ids[%1] is not a contact of this user").arg(i),
                QJsonObject{{QStringLiteral("field"), QStringLiteral("contact_ids[%1]").arg(i)}});
        out.append(Card{c->name, c->phoneNumber, c->email, c->companyName});
    }
    out += spec.cards;
    return out;
}

QString RichMessage::vcard(const Card &card)
{
    const QString digits = QString(card.phone).remove(QRegularExpression(QStringLiteral("[^0-9]")));
    QStringList lines{QStringLiteral("BEGIN:VCARD"), QStringLiteral("VERSION:3.0"),
                      QStringLiteral("N:;%1;;;").arg(escapeText(card.name.trimmed())),
                      QStringLiteral("FN:") + escapeText(card.name.trimmed())};
    if (!card.company.trimmed().isEmpty())
        lines << QStringLiteral("ORG:") + escapeText(card.company.trimmed());
    if (!card.email.trimmed().isEmpty())
        lines << QStringLiteral("EMAIL;TYPE=INTERNET:") + escapeText(card.email.trimmed());
    // waid= links the card to the WhatsApp account (what WhatsApp's own cards carry).
    lines << QStringLiteral("TEL;TYPE=CELL;TYPE=VOICE;waid=%1:+%1").arg(digits);
    lines << QStringLiteral("END:VCARD");
    QString out;
    for (const QString &l : std::as_const(lines))
        out += folded(l) + QStringLiteral("\r\n");
    return out;
}

QString RichMessage::payload(const Spec &spec, const std::optional<Location> &location,
                             const QList<Card> &cards, const std::optional<Resolved> &quoted,
                             const std::optional<Resolved> &reaction)
{
    QJsonObject o;
    if (location) {
        QJsonObject l{{QStringLiteral("lat"), location->lat},
                      {QStringLiteral("lng"), location->lng}};
        if (!location->name.isEmpty())
            l.insert(QStringLiteral("name"), location->name);
        if (!location->address.isEmpty())
            l.insert(QStringLiteral("address"), location->address);
        o.insert(kLocation, l);
    }
    if (!cards.isEmpty()) {
        QJsonArray a;
        for (const Card &c : cards)
            a.append(QJsonObject{{QStringLiteral("name"), c.name.trimmed()},
                                 {QStringLiteral("vcard"), vcard(c)}});
        o.insert(QStringLiteral("vcards"), a);
    }
    if (reaction) {
        QJsonObject r = targetJson(*reaction);
        r.insert(QStringLiteral("emoji"), spec.emoji);
        o.insert(kReaction, r);
    }
    if (quoted)
        o.insert(QStringLiteral("quoted"), targetJson(*quoted));
    if (spec.type == kVoice)
        o.insert(kVoice, true);
    if (!spec.filename.isEmpty())
        o.insert(QStringLiteral("filename"), spec.filename);
    if (o.isEmpty())
        return QString();
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject RichMessage::parsePayload(const QString &payload)
{
    if (payload.isEmpty())
        return {};
    return QJsonDocument::fromJson(payload.toUtf8()).object();
}
