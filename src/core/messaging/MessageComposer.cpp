#include "messaging/MessageComposer.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "accounts/AppUserStore.h"
#include "accounts/SubscriptionService.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneNormalizer.h"
#include "messaging/CampaignService.h"
#include "inbound/InboundStore.h"
#include "messaging/MediaTypes.h"
#include "messaging/MessageStore.h"
#include "messaging/QuotaCounter.h"
#include "messaging/RichMessage.h"
#include "messaging/TemplateRenderer.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "platform/ParallelFor.h"
#include "platform/Settings.h"
#include "webhooks/WebhookOutbox.h"

#include <QElapsedTimer>
#include <QSet>
#include <QUrl>
#include <QUuid>

namespace {

const QString kInvalidPhone = QStringLiteral("invalid_phone");
const QString kNotInContactList = QStringLiteral("not_in_contact_list");
const QString kOptedOut = QStringLiteral("opted_out");
const QString kMessageTooLong = QStringLiteral("message_too_long");

// The keys a template refers to ({{key}} or {{key|fallback}}), to know whether a recipient's
// metadata covers them all; then the contact's own fields need not be built.
bool metadataCovers(const QJsonObject &metadata, const QString &key)
{
    const QJsonValue v = metadata.value(key);
    return !(v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()));
}

// The contact's own plain-text fields by their api.md names. Building the whole
// ContactJson::toJson object for every recipient costs ~20 µs (most of a 1,000-recipient
// request); templates nearly always name one of these, which are read directly. Any other key
// (arrays, opt-in, dates of record...) falls back to ContactJson::toJson, so the values a
// template sees are always the API's.
using TextMember = QString Contact::*;
const QHash<QString, TextMember> &textFields()
{
    static const QHash<QString, TextMember> fields{
        {QStringLiteral("name"), &Contact::name},
        {QStringLiteral("phone_number"), &Contact::phoneNumber},
        {QStringLiteral("email"), &Contact::email},
        {QStringLiteral("company_name"), &Contact::companyName},
        {QStringLiteral("gender"), &Contact::gender},
        {QStringLiteral("dob"), &Contact::dob},
        {QStringLiteral("age_group"), &Contact::ageGroup},
        {QStringLiteral("language_preference"), &Contact::languagePreference},
        {QStringLiteral("timezone"), &Contact::timezone},
        {QStringLiteral("nickname"), &Contact::nickname},
        {QStringLiteral("custom_salutation"), &Contact::customSalutation},
        {QStringLiteral("partner_name"), &Contact::partnerName},
        {QStringLiteral("anniversary_date"), &Contact::anniversaryDate},
        {QStringLiteral("job_title"), &Contact::jobTitle},
        {QStringLiteral("industry"), &Contact::industry},
        {QStringLiteral("customer_tier"), &Contact::customerTier},
        {QStringLiteral("notes"), &Contact::notes},
    };
    return fields;
}

// What a request's templates need from each recipient's contact, worked out once per request
// (not per recipient): the plain-text fields named, read directly, and whether any other key of
// ContactJson::toJson (id, arrays, opt-in, dates...) is named, which needs the whole contact.
struct ContactNeeds
{
    QList<QPair<QString, TextMember>> text; // distinct keys, template order
    bool full = false;

    // The contact columns to read (ContactStore::findByPhones): none beyond the ones it always
    // reads when the templates name no contact field.
    QStringList columns() const
    {
        if (full)
            return ContactJson::fieldNames();
        QStringList out;
        for (const auto &t : text)
            out << t.first;
        return out;
    }
};

ContactNeeds contactNeeds(const QStringList &keys)
{
    static const QSet<QString> otherJsonKeys = [] {
        QSet<QString> s{QStringLiteral("id"), QStringLiteral("created_at"),
                        QStringLiteral("updated_at")};
        for (const QString &f : ContactJson::fieldNames())
            s.insert(f);
        return s;
    }();
    ContactNeeds needs;
    QSet<QString> seen;
    for (const QString &key : keys) {
        if (seen.contains(key))
            continue;
        seen.insert(key);
        const auto text = textFields().constFind(key);
        if (text != textFields().cend())
            needs.text.append({key, *text});
        else if (otherJsonKeys.contains(key))
            needs.full = true;
    }
    return needs;
}

// The contact's values for the template keys the metadata does not cover (only those).
QJsonObject contactFieldsFor(const Contact &contact, const QJsonObject &metadata,
                             const QStringList &keys, const ContactNeeds &needs)
{
    QJsonObject fields;
    for (const auto &[key, member] : needs.text) {
        if (metadataCovers(metadata, key))
            continue;
        const QString &value = contact.*member;
        fields.insert(key, value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value));
    }
    if (!needs.full)
        return fields;
    QJsonObject full; // ContactJson::toJson, built at most once and only when needed
    for (const QString &key : keys) {
        if (metadataCovers(metadata, key) || fields.contains(key))
            continue;
        if (full.isEmpty())
            full = ContactJson::toJson(contact);
        const QJsonValue value = full.value(key);
        if (!value.isUndefined())
            fields.insert(key, value);
    }
    return fields;
}

// What the rich types of a request resolve to once (RichMessage): the quoted or reacted-to
// message (its chat is the only recipient allowed, its number sends), the contact cards, and
// the location's templates (name and address are rendered per recipient like the message).
struct RichParts
{
    std::optional<RichMessage::Resolved> quoted;
    std::optional<RichMessage::Resolved> reaction;
    QList<RichMessage::Card> cards;
    TemplateRenderer::Parsed locationName;
    TemplateRenderer::Parsed locationAddress;
    QStringList keys; // template keys of the location
};

RichParts richParts(const MessageComposer::Request &request, qint64 vendorId,
                    const InboundStore &inbound, const MessageStore &messages,
                    const ContactStore &contacts, const PhoneNormalizer &phones)
{
    const RichMessage::Spec &spec = request.rich;
    RichParts parts;
    if (spec.replyTo.isSet())
        parts.quoted = RichMessage::resolve(inbound, messages, vendorId, request.userId,
                                            spec.replyTo, QStringLiteral("reply_to"));
    if (spec.reactionTo.isSet())
        parts.reaction = RichMessage::resolve(inbound, messages, vendorId, request.userId,
                                              spec.reactionTo, QStringLiteral("reaction.to"));
    for (const auto *target : {&parts.quoted, &parts.reaction}) {
        if (*target && request.fromNumberId > 0 && (*target)->numberId != request.fromNumberId)
            throw DomainError::validation(QStringLiteral("from_number_id"),
                                          QStringLiteral("the message is in a chat of another "
                                                         "number; leave from_number_id out"));
    }
    if (spec.type == QLatin1String("contact")) {
        parts.cards = RichMessage::cardsOf(contacts, vendorId, request.userId, spec);
        for (qsizetype i = 0; i < parts.cards.size(); ++i) {
            const auto digits = phones.normalize(parts.cards.at(i).phone);
            if (!digits)
                throw DomainError::validation(
                    QStringLiteral("cards[%1].phone").arg(i - spec.contactIds.size()),
                    QStringLiteral("not a valid phone number"));
            parts.cards[i].phone = *digits;
        }
    }
    if (spec.location) {
        parts.locationName = TemplateRenderer::parse(spec.location->name);
        parts.locationAddress = TemplateRenderer::parse(spec.location->address);
        parts.keys = TemplateRenderer::keys(parts.locationName) +
                     TemplateRenderer::keys(parts.locationAddress);
    }
    return parts;
}

} // namespace

struct MessageComposer::OwnStores
{
    explicit OwnStores(const QString &connection)
        : users(connection), numbers(connection), subscriptions(connection), contacts(connection),
          messages(connection), inbound(connection)
    {
    }
    AppUserStore users;
    NumberStore numbers;
    SubscriptionService subscriptions;
    ContactStore contacts;
    MessageStore messages;
    InboundStore inbound;
};

MessageComposer::MessageComposer(CoreServices &core) : m_core(core) {}

MessageComposer::MessageComposer(CoreServices &core, const QString &connectionName)
    : m_core(core), m_own(std::make_unique<OwnStores>(connectionName))
{
}

MessageComposer::~MessageComposer() = default;

AppUserStore &MessageComposer::users() const
{
    return m_own ? m_own->users : m_core.users();
}

NumberStore &MessageComposer::numbers() const
{
    return m_own ? m_own->numbers : m_core.numbers();
}

SubscriptionService &MessageComposer::subscriptions() const
{
    return m_own ? m_own->subscriptions : m_core.subscriptionService();
}

ContactStore &MessageComposer::contacts() const
{
    return m_own ? m_own->contacts : m_core.contacts();
}

MessageStore &MessageComposer::messages() const
{
    return m_own ? m_own->messages : m_core.messages();
}

InboundStore &MessageComposer::inbound() const
{
    return m_own ? m_own->inbound : m_core.inbound();
}

void MessageComposer::checkRecipientCount(qsizetype count)
{
    if (count > kMaxRecipients)
        throw DomainError(DomainError::Kind::PayloadTooLarge, QStringLiteral("too_many_items"),
                          QStringLiteral("At most %1 contacts per request").arg(kMaxRecipients),
                          QJsonObject{{QStringLiteral("field"), QStringLiteral("contacts")},
                                      {QStringLiteral("max"), kMaxRecipients}});
}

MessageComposer::Outcome MessageComposer::compose(qint64 vendorId, const Request &request)
{
    Outcome outcome;
    QElapsedTimer stage;
    stage.start();
    auto lap = [&](const char *name) {
        outcome.timings.append({QByteArray(name), stage.nsecsElapsed() / 1e6});
        stage.restart();
    };
    users().requireUserOfVendor(vendorId, request.userId);
    if (request.recipients.isEmpty())
        throw DomainError::validation(QStringLiteral("contacts"),
                                      QStringLiteral("contacts must be a non-empty array"));
    checkRecipientCount(request.recipients.size());
    RichMessage::validate(request.rich, !request.message.isEmpty(), !request.fileUrl.isEmpty());
    const bool textless = request.rich.type == QLatin1String("location") ||
                          request.rich.type == QLatin1String("contact") ||
                          request.rich.type == QLatin1String("reaction");
    if (request.message.isEmpty() && request.fileUrl.isEmpty() && !textless)
        throw DomainError::validation(QStringLiteral("message"),
                                      QStringLiteral("message or file_url is required"));
    if (request.message.size() > kMaxMessageLength)
        throw DomainError::validation(
            QStringLiteral("message"),
            QStringLiteral("message must be at most %1 characters").arg(kMaxMessageLength));
    if (request.caption.size() > kMaxMessageLength)
        throw DomainError::validation(
            QStringLiteral("caption"),
            QStringLiteral("caption must be at most %1 characters").arg(kMaxMessageLength));

    QString messageType = QStringLiteral("text");
    if (!request.fileUrl.isEmpty()) {
        const QUrl url(request.fileUrl, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
            url.host().isEmpty())
            throw DomainError::validation(QStringLiteral("file_url"),
                                          QStringLiteral("file_url must be an http or https URL"));
        // Provisional: the dispatcher downloads the file and stores the kind its Content-Type
        // decides (MediaTypes, OutboxDispatcher).
        messageType = MediaTypes::typeName(MediaTypes::kindBeforeDownload(url));
    }
    messageType = RichMessage::storedType(request.rich, messageType);

    if (request.fromNumberId > 0) {
        const auto number = numbers().find(vendorId, request.fromNumberId);
        if (!number || number->appUserId != request.userId)
            throw DomainError(
                DomainError::Kind::NotFound, QStringLiteral("not_found"),
                QStringLiteral("from_number_id is not a number of this user"),
                QJsonObject{{QStringLiteral("field"), QStringLiteral("from_number_id")}});
    }

    const RichParts rich =
        richParts(request, vendorId, inbound(), messages(), contacts(), m_core.phones());
    const qint64 fromNumberId = rich.quoted     ? rich.quoted->numberId
                                : rich.reaction ? rich.reaction->numberId
                                                : request.fromNumberId;

    const qint64 now = Clock::nowMs();
    // send_at: a past (or present) time sends now; a future one schedules the batch. The quota
    // is still taken now, when the batch is accepted (insertBatch), not at send_at.
    const bool scheduled = request.sendAt > now;
    if (request.sendAt - now > qint64(kMaxScheduleDays) * 24 * 3600 * 1000)
        throw DomainError(
            DomainError::Kind::Validation, QStringLiteral("validation_failed"),
            QStringLiteral("send_at may be at most %1 days ahead").arg(kMaxScheduleDays),
            QJsonObject{{QStringLiteral("field"), QStringLiteral("send_at")},
                        {QStringLiteral("max_days"), kMaxScheduleDays}});
    const auto active = subscriptions().requireActive(vendorId, request.userId, now);

    lap("checks");
    // 1. Normalise every recipient with the one normaliser. "+234…", "234…" and "0…" skip
    // libphonenumber's Parse there and repeated numbers come from its cache (a few µs at
    // most), so a second thread only pays for thousands of recipients (it starts at 4,096
    // here); started for 1,000, it cost ~6 ms of waiting for a core on the loaded machine
    // (bench_p2_messages).
    const int n = request.recipients.size();
    QList<QString> phones(n); // normalised digits; empty = invalid
    const PhoneNormalizer &normalizer = m_core.phones();
    parallelFor(
        n,
        [&](int i) {
            phones[i] = normalizer.normalize(request.recipients.at(i).number).value_or(QString());
        },
        2048);
    QStringList lookup;
    lookup.reserve(n);
    for (const QString &phone : std::as_const(phones)) {
        if (!phone.isEmpty())
            lookup.append(phone);
    }

    // A reply or reaction belongs to the target's chat: no other recipient.
    for (const auto *target : {&rich.quoted, &rich.reaction}) {
        if (!*target)
            continue;
        for (int i = 0; i < n; ++i) {
            if (!phones.at(i).isEmpty() && phones.at(i) != (*target)->phone)
                throw DomainError::validation(
                    QStringLiteral("contacts[%1]").arg(i),
                    QStringLiteral("a reply or reaction goes to the chat of the message it "
                                   "answers (%1) only")
                        .arg((*target)->phone));
        }
    }
    lap("normalise");
    // 2. One query for every recipient's contact, reading only the columns the checks and the
    // templates use.
    const TemplateRenderer::Parsed messageTemplate = TemplateRenderer::parse(request.message);
    const TemplateRenderer::Parsed captionTemplate = TemplateRenderer::parse(request.caption);
    const QStringList messageKeys = TemplateRenderer::keys(messageTemplate);
    const QStringList captionKeys = TemplateRenderer::keys(captionTemplate);
    const QStringList allKeys = messageKeys + captionKeys + rich.keys;
    const ContactNeeds needs = contactNeeds(allKeys);
    lookup.removeDuplicates();
    const QHash<QString, Contact> byPhone =
        contacts().findByPhones(vendorId, request.userId, lookup, needs.columns());

    lap("contacts");
    // 3. Decide each recipient (nothing rendered yet).
    outcome.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    outcome.results.reserve(n);
    QList<int> accepted; // request indices that passed the contact checks
    accepted.reserve(n);
    QList<const Contact *> contactOf(n, nullptr);
    for (int i = 0; i < n; ++i) {
        RecipientResult result;
        result.number = request.recipients.at(i).number;
        const QString &phone = phones.at(i);
        const auto found = phone.isEmpty() ? byPhone.cend() : byPhone.constFind(phone);
        if (phone.isEmpty()) {
            result.reason = kInvalidPhone;
        } else if (found == byPhone.cend()) {
            result.reason = kNotInContactList;
        } else if (!found->messageOptIn && !request.optOutConfirmation) {
            result.reason = kOptedOut;
        } else {
            result.queued = true;
            contactOf[i] = &*found;
            accepted.append(i);
        }
        outcome.results.append(result);
    }
    if (accepted.isEmpty())
        throw DomainError(DomainError::Kind::Unprocessable, QStringLiteral("no_valid_recipients"),
                          QStringLiteral("No recipient could be queued"),
                          QJsonObject{{QStringLiteral("results"), resultsJson(outcome.results)}});

    // 4. Quota, before any rendering: an over-quota request costs no memory for its texts. It
    // counts every recipient that passed the checks above (a later message_too_long rejection
    // only lowers what is queued). Read from the counter (QuotaCounter), not counted: the cost
    // does not grow with the period's messages. This early answer is a read outside the write
    // transaction; the exact check is repeated under the write lock by insertBatch (step 6),
    // so concurrent requests cannot both take the last places.
    const int used = messages().quotaUsed(vendorId, request.userId, active.periodStart);
    QuotaCounter::require(used, active.plan.maxMessages, int(accepted.size()));
    lap("quota");

    // 5. Render, bounded: each text stops at kMaxMessageLength (that recipient is rejected),
    // the batch at kMaxBatchCharacters (the whole request is refused, nothing queued).
    // A scheduled message's time to live starts at its send_at.
    const qint64 expiresAt =
        (scheduled ? request.sendAt : now) + qint64(m_core.settings().messageTtlSeconds()) * 1000;
    qsizetype batchCharacters = 0;

    QList<Message> rows;
    rows.reserve(accepted.size());
    QList<int> rowResult; // index into outcome.results for each row
    rowResult.reserve(accepted.size());
    for (const int i : std::as_const(accepted)) {
        const Recipient &r = request.recipients.at(i);
        const QJsonObject contactFields =
            contactFieldsFor(*contactOf.at(i), r.metadata, allKeys, needs);
        const std::optional<QString> text =
            messageKeys.isEmpty() ? std::optional<QString>(request.message)
                                  : TemplateRenderer::render(messageTemplate, r.metadata,
                                                             contactFields, kMaxMessageLength);
        const std::optional<QString> caption =
            !text                   ? std::nullopt
            : captionKeys.isEmpty() ? std::optional<QString>(request.caption)
                                    : TemplateRenderer::render(captionTemplate, r.metadata,
                                                               contactFields, kMaxMessageLength);
        if (!text || !caption) {
            RecipientResult &result = outcome.results[i];
            result.queued = false;
            result.reason = kMessageTooLong;
            continue;
        }
        std::optional<RichMessage::Location> location = request.rich.location;
        if (location && !rich.keys.isEmpty()) {
            const auto name = TemplateRenderer::render(rich.locationName, r.metadata, contactFields,
                                                       kMaxMessageLength);
            const auto address = TemplateRenderer::render(rich.locationAddress, r.metadata,
                                                          contactFields, kMaxMessageLength);
            if (!name || !address) {
                RecipientResult &result = outcome.results[i];
                result.queued = false;
                result.reason = kMessageTooLong;
                continue;
            }
            location->name = *name;
            location->address = *address;
        }
        batchCharacters += text->size() + caption->size();
        if (batchCharacters > kMaxBatchCharacters)
            throw DomainError(
                DomainError::Kind::PayloadTooLarge, QStringLiteral("batch_too_large"),
                QStringLiteral("The rendered messages of this request exceed %1 characters in "
                               "total; send fewer recipients or a shorter message per request")
                    .arg(kMaxBatchCharacters),
                QJsonObject{{QStringLiteral("field"), QStringLiteral("message")},
                            {QStringLiteral("max_characters"), double(kMaxBatchCharacters)}});
        Message m;
        m.batchId = outcome.batchId;
        m.vendorId = vendorId;
        m.appUserId = request.userId;
        m.fromNumberId = fromNumberId;
        m.recipient = phones.at(i);
        m.message = *text;
        m.caption = *caption;
        m.messageType = messageType;
        m.mediaUrl = request.fileUrl;
        m.templateId = request.templateId;
        m.payload =
            RichMessage::payload(request.rich, location, rich.cards, rich.quoted, rich.reaction);
        m.status = scheduled ? MessageStatus::Scheduled : MessageStatus::Pending;
        m.nextAttemptAt = scheduled ? request.sendAt : 0; // the dispatcher's wake for it
        m.expiresAt = expiresAt;
        m.createdAt = now;
        m.updatedAt = now;
        rows.append(m);
        rowResult.append(i);
    }
    lap("render");
    outcome.queued = rows.size();
    outcome.sendAt = scheduled ? request.sendAt : 0;
    outcome.rejected = n - outcome.queued;

    if (rows.isEmpty())
        throw DomainError(DomainError::Kind::Unprocessable, QStringLiteral("no_valid_recipients"),
                          QStringLiteral("No recipient could be queued"),
                          QJsonObject{{QStringLiteral("results"), resultsJson(outcome.results)}});

    // 6. One transaction for the whole batch, committed before the answer.
    const QList<Message> stored = messages().insertBatch(
        vendorId, rows,
        MessageStore::QuotaCheck{request.userId, active.periodStart, active.plan.maxMessages,
                                 int(accepted.size())});
    if (stored.size() != rows.size())
        throw DomainError::internal(QStringLiteral("insertBatch returned %1 rows for %2")
                                        .arg(stored.size())
                                        .arg(rows.size()));
    lap("insert");
    m_core.events().announceMessagesQueued(vendorId, request.userId);
    for (int k = 0; k < stored.size(); ++k)
        outcome.results[rowResult.at(k)].messageId = stored.at(k).id;
    return outcome;
}

QJsonArray MessageComposer::resultsJson(const QList<RecipientResult> &results)
{
    QJsonArray array;
    const QString queued = QStringLiteral("queued");
    const QString rejected = QStringLiteral("rejected");
    for (const RecipientResult &r : results) {
        QJsonObject o{{QStringLiteral("number"), r.number},
                      {QStringLiteral("status"), r.queued ? queued : rejected}};
        if (r.queued)
            o.insert(QStringLiteral("message_id"), r.messageId);
        else
            o.insert(QStringLiteral("reason"), r.reason);
        array.append(o);
    }
    return array;
}

MessageComposer::BatchView MessageComposer::batch(qint64 vendorId, const QString &batchId) const
{
    if (batchId.isEmpty() || batchId.size() > 64 || !messages().batchExists(vendorId, batchId))
        throw DomainError::notFound(QStringLiteral("batch"));
    BatchView view;
    view.batchId = batchId;
    const QHash<QString, int> counts = messages().countsForBatch(vendorId, batchId);
    for (const QString &status : MessageStatus::all())
        view.counts.insert(status, counts.value(status, 0));
    view.messages = messages().listBatch(vendorId, batchId);
    return view;
}

Message MessageComposer::message(qint64 vendorId, qint64 messageId) const
{
    const auto m = messages().find(vendorId, messageId);
    if (!m)
        throw DomainError::notFound(QStringLiteral("message"));
    return *m;
}

int MessageComposer::cancelBatch(qint64 vendorId, const QString &batchId)
{
    return CampaignService(m_core).cancel(vendorId, batchId);
}
