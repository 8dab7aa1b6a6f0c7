#include "MessagesController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "JsonText.h"
#include "RequestValidator.h"
#include "Router.h"
#include "messaging/CampaignService.h"
#include "messaging/MessageComposer.h"
#include "platform/Clock.h"
#include "platform/JsonNumber.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrlQuery>
#include <algorithm>

namespace {

using Method = QHttpServerRequest::Method;

// The text limit is MessageComposer's (the window composes through it too). URLs longer than
// 2,048 characters are not worth downloading.
constexpr int kMaxMessageLength = MessageComposer::kMaxMessageLength;
constexpr int kMaxUrlLength = 2048;

// send_at: an ISO-8601 time with Z or an offset ("2026-12-24T09:00:00+01:00"), or Unix epoch
// milliseconds (an integer). Seconds are refused rather than read as 1970: a number below
// 10^11 (March 1973 in ms) can only be seconds. Absent or null: send now. The range (past →
// now, at most 90 days ahead) is MessageComposer's rule.
qint64 parseSendAt(const QJsonObject &body)
{
    const QString field = QStringLiteral("send_at");
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return 0;
    if (v.isString()) {
        const QString text = v.toString().trimmed();
        // An offset is required: a local time would depend on this machine's time zone.
        static const QRegularExpression zoned(QStringLiteral("(Z|[+-]\\d{2}:?\\d{2})$"),
                                              QRegularExpression::CaseInsensitiveOption);
        const qint64 ms = zoned.match(text).hasMatch() ? Clock::fromIso(text) : -1;
        if (ms < 0)
            throw DomainError::validation(
                field, QStringLiteral("send_at must be an ISO-8601 time with Z or an offset "
                                      "(2026-12-24T09:00:00+01:00) or epoch milliseconds"));
        return std::max<qint64>(ms, 1);
    }
    if (const auto n = JsonNumber::exactInteger(v)) {
        if (*n < 100000000000LL)
            throw DomainError::validation(
                field, QStringLiteral("send_at as a number is epoch milliseconds "
                                      "(this looks like seconds)"));
        return *n;
    }
    throw DomainError::validation(
        field, QStringLiteral("send_at must be an ISO-8601 time with an offset or epoch "
                              "milliseconds"));
}

QJsonValue isoOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(Clock::toIso(ms)) : QJsonValue(QJsonValue::Null);
}

// A batch as GET /messages/batch/:id and the batch list show it (api.md "Campaigns").
QJsonObject batchJson(const CampaignService::Batch &b)
{
    QJsonObject counts;
    for (auto it = b.counts.cbegin(); it != b.counts.cend(); ++it)
        counts.insert(it.key(), it.value());
    return QJsonObject{{QStringLiteral("batch_id"), b.batchId},
                       {QStringLiteral("user_id"), b.userId},
                       {QStringLiteral("state"), b.state},
                       {QStringLiteral("counts"), counts},
                       {QStringLiteral("total"), b.total},
                       {QStringLiteral("left"), b.left},
                       {QStringLiteral("send_at"), isoOrNull(b.sendAt)},
                       {QStringLiteral("paused_at"), isoOrNull(b.pausedAt)},
                       {QStringLiteral("created_at"), isoOrNull(b.createdAt)},
                       {QStringLiteral("eta"), isoOrNull(b.etaMs)}};
}

// A message of ours: a received message's id (a bare integer: the usual case, answering a
// customer) or {"received_id": n} / {"sent_id": n}.
RichMessage::Target parseTarget(const QJsonValue &v, const QString &field)
{
    RichMessage::Target t;
    if (v.isUndefined() || v.isNull())
        return t;
    const QString shape = field + QStringLiteral(" must be a received message id or "
                                                 "{\"received_id\": id} or {\"sent_id\": id}");
    if (const auto id = JsonNumber::exactInteger(v); id && *id > 0) {
        t.kind = RichMessage::Target::Kind::Received;
        t.id = *id;
        return t;
    }
    if (!v.isObject())
        throw DomainError::validation(field, shape);
    const QJsonObject o = v.toObject();
    const bool received = o.contains(QLatin1String("received_id"));
    const bool sent = o.contains(QLatin1String("sent_id"));
    if (received == sent)
        throw DomainError::validation(field, shape);
    const auto id = JsonNumber::exactInteger(
        o.value(received ? QLatin1String("received_id") : QLatin1String("sent_id")));
    if (!id || *id <= 0)
        throw DomainError::validation(field, shape);
    t.kind = received ? RichMessage::Target::Kind::Received : RichMessage::Target::Kind::Sent;
    t.id = *id;
    return t;
}

double requiredCoordinate(const QJsonObject &o, const QString &key, const QString &field)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        throw DomainError::validation(field, QStringLiteral("%1 is required (a number)").arg(key));
    return v.toDouble();
}

// The rich parts of POST /messages (docs/api.md "Message types"); MessageComposer checks the
// combinations (RichMessage::validate), here only each field's shape.
RichMessage::Spec parseRich(const QJsonObject &body)
{
    RichMessage::Spec spec;
    spec.type =
        RequestValidator::optionalString(body, QStringLiteral("type"), 16).value_or(QString());
    const QJsonValue location = body.value(QLatin1String("location"));
    if (location.isObject()) {
        const QJsonObject o = location.toObject();
        RichMessage::Location l;
        l.lat = requiredCoordinate(o, QStringLiteral("lat"), QStringLiteral("location.lat"));
        l.lng = requiredCoordinate(o, QStringLiteral("lng"), QStringLiteral("location.lng"));
        l.name =
            RequestValidator::optionalString(o, QStringLiteral("name"), 1024).value_or(QString());
        l.address = RequestValidator::optionalString(o, QStringLiteral("address"), 1024)
                        .value_or(QString());
        spec.location = l;
    } else if (!location.isUndefined() && !location.isNull()) {
        throw DomainError::validation(QStringLiteral("location"),
                                      QStringLiteral("location must be an object {lat, lng}"));
    }
    const QJsonValue ids = body.value(QLatin1String("contact_ids"));
    if (ids.isArray()) {
        const QJsonArray a = ids.toArray();
        if (a.size() > RichMessage::kMaxCards)
            throw DomainError::validation(
                QStringLiteral("contact_ids"),
                QStringLiteral("at most %1 contact cards per message").arg(RichMessage::kMaxCards));
        for (qsizetype i = 0; i < a.size(); ++i) {
            const auto id = JsonNumber::exactInteger(a.at(i));
            if (!id || *id <= 0)
                throw DomainError::validation(QStringLiteral("contact_ids[%1]").arg(i),
                                              QStringLiteral("a contact id"));
            spec.contactIds.append(*id);
        }
    } else if (!ids.isUndefined() && !ids.isNull()) {
        throw DomainError::validation(QStringLiteral("contact_ids"),
                                      QStringLiteral("contact_ids must be an array of ids"));
    }
    const QJsonValue cards = body.value(QLatin1String("cards"));
    if (cards.isArray()) {
        const QJsonArray a = cards.toArray();
        if (a.size() > RichMessage::kMaxCards)
            throw DomainError::validation(
                QStringLiteral("cards"),
                QStringLiteral("at most %1 contact cards per message").arg(RichMessage::kMaxCards));
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString where = QStringLiteral("cards[%1]").arg(i);
            if (!a.at(i).isObject())
                throw DomainError::validation(where, QStringLiteral("each card is an object "
                                                                    "{name, phone, email?, "
                                                                    "company?}"));
            const QJsonObject o = a.at(i).toObject();
            RichMessage::Card c;
            c.name = RequestValidator::optionalString(o, QStringLiteral("name"), 256)
                         .value_or(QString());
            c.phone = RequestValidator::optionalString(o, QStringLiteral("phone"), 64)
                          .value_or(QString());
            c.email = RequestValidator::optionalString(o, QStringLiteral("email"), 256)
                          .value_or(QString());
            c.company = RequestValidator::optionalString(o, QStringLiteral("company"), 256)
                            .value_or(QString());
            spec.cards.append(c);
        }
    } else if (!cards.isUndefined() && !cards.isNull()) {
        throw DomainError::validation(QStringLiteral("cards"),
                                      QStringLiteral("cards must be an array of objects"));
    }
    spec.replyTo = parseTarget(body.value(QLatin1String("reply_to")), QStringLiteral("reply_to"));
    const QJsonValue reaction = body.value(QLatin1String("reaction"));
    if (reaction.isObject()) {
        const QJsonObject o = reaction.toObject();
        spec.reactionTo = parseTarget(o.value(QLatin1String("to")), QStringLiteral("reaction.to"));
        const QJsonValue emoji = o.value(QLatin1String("emoji"));
        if (!emoji.isString())
            throw DomainError::validation(QStringLiteral("reaction.emoji"),
                                          QStringLiteral("emoji is required (\"\" removes)"));
        spec.emoji = emoji.toString();
    } else if (!reaction.isUndefined() && !reaction.isNull()) {
        throw DomainError::validation(QStringLiteral("reaction"),
                                      QStringLiteral("reaction must be an object {to, emoji}"));
    }
    spec.filename =
        RequestValidator::optionalString(body, QStringLiteral("filename"), 255).value_or(QString());
    return spec;
}

MessageComposer::Request parseRequest(const QJsonObject &body)
{
    MessageComposer::Request r;
    r.userId = RequestValidator::requiredId(body, QStringLiteral("user_id"));
    const QJsonArray contacts = RequestValidator::requiredArray(body, QStringLiteral("contacts"));
    MessageComposer::checkRecipientCount(contacts.size()); // before parsing 10,000+ items
    r.recipients.reserve(contacts.size());
    const QString numberKey = QStringLiteral("number");
    const QString metadataKey = QStringLiteral("metadata");
    for (qsizetype i = 0; i < contacts.size(); ++i) {
        const QJsonValue item = contacts.at(i);
        const QString where = QStringLiteral("contacts[%1]").arg(i);
        MessageComposer::Recipient rec;
        if (item.isString()) { // a bare number is accepted too
            rec.number = item.toString();
        } else if (item.isObject()) {
            const QJsonObject o = item.toObject();
            const QJsonValue number = o.value(numberKey);
            if (number.isString())
                rec.number = number.toString();
            else if (const auto n = JsonNumber::exactInteger(number)) // 2348031234567 as a number
                rec.number = QString::number(*n);
            else if (number.isDouble())
                throw DomainError::validation(where + QStringLiteral(".number"),
                                              QStringLiteral("number must be a phone number"));
            else
                throw DomainError::validation(where + QStringLiteral(".number"),
                                              QStringLiteral("number is required (a string)"));
            const QJsonValue metadata = o.value(metadataKey);
            if (metadata.isObject())
                rec.metadata = metadata.toObject();
            else if (!metadata.isUndefined() && !metadata.isNull())
                throw DomainError::validation(where + QStringLiteral(".metadata"),
                                              QStringLiteral("metadata must be an object"));
        } else {
            throw DomainError::validation(where, QStringLiteral("each contact must be an object "
                                                                "with a number"));
        }
        r.recipients.append(rec);
    }
    r.message = RequestValidator::optionalString(body, QStringLiteral("message"), kMaxMessageLength)
                    .value_or(QString());
    r.fileUrl = RequestValidator::optionalString(body, QStringLiteral("file_url"), kMaxUrlLength)
                    .value_or(QString());
    r.caption = RequestValidator::optionalString(body, QStringLiteral("caption"), kMaxMessageLength)
                    .value_or(QString());
    r.templateId = RequestValidator::optionalString(body, QStringLiteral("template_id"))
                       .value_or(QString());
    r.fromNumberId = RequestValidator::optionalId(body, QStringLiteral("from_number_id")).value_or(0);
    r.sendAt = parseSendAt(body);
    r.rich = parseRich(body);
    return r;
}

// The 200/207 answer, written directly: for 10,000 recipients building a QJsonObject tree and
// serialising it costs more than queueing them. Same shape as MessageComposer::resultsJson.
QByteArray outcomeBody(const MessageComposer::Outcome &out)
{
    QByteArray body;
    body.reserve(96 + out.results.size() * 72);
    body += "{\"batch_id\":";
    JsonText::appendString(body, out.batchId);
    body += ",\"queued\":" + QByteArray::number(out.queued);
    body += ",\"rejected\":" + QByteArray::number(out.rejected);
    if (out.sendAt > 0) {
        body += ",\"send_at\":";
        JsonText::appendString(body, Clock::toIso(out.sendAt));
    }
    body += ",\"results\":[";
    bool first = true;
    for (const MessageComposer::RecipientResult &r : out.results) {
        if (!first)
            body += ',';
        first = false;
        body += "{\"number\":";
        JsonText::appendString(body, r.number);
        if (r.queued) {
            body += ",\"status\":\"queued\",\"message_id\":" + QByteArray::number(r.messageId) + '}';
        } else {
            body += ",\"status\":\"rejected\",\"reason\":";
            JsonText::appendString(body, r.reason);
            body += '}';
        }
    }
    body += "]}";
    return body;
}

} // namespace

MessagesController::MessagesController(CoreServices &core)
    : m_core(core), m_composer(std::make_unique<MessageComposer>(core)),
      m_campaigns(std::make_unique<CampaignService>(core))
{
}

MessagesController::~MessagesController() = default;

void MessagesController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(Method::Post, QStringLiteral("/messages"), vendor, [this](ApiRequest &req) {
        QElapsedTimer total;
        total.start();
        QElapsedTimer timer;
        timer.start();
        const MessageComposer::Request request = parseRequest(req.jsonObject());
        const double parseMs = timer.nsecsElapsed() / 1e6;
        const MessageComposer::Outcome out = m_composer->compose(req.vendorId, request);
        timer.restart();
        ApiResponse response;
        response.status = out.rejected == 0 ? 200 : 207;
        response.body = outcomeBody(out);
        // Server-Timing (W3C): where the request's time went, for vendors' tracing and bench P2.
        QByteArray timing = "parse;dur=" + QByteArray::number(parseMs, 'f', 2);
        for (const auto &t : out.timings)
            timing += ", " + t.first + ";dur=" + QByteArray::number(t.second, 'f', 2);
        timing += ", respond;dur=" + QByteArray::number(timer.nsecsElapsed() / 1e6, 'f', 2);
        timing += ", handler;dur=" + QByteArray::number(total.nsecsElapsed() / 1e6, 'f', 2);
        response.headers.append({QByteArrayLiteral("Server-Timing"), timing});
        return response;
    });

    router.add(Method::Get, QStringLiteral("/messages/batch/:batchId"), vendor,
               [this](ApiRequest &req) {
                   const QString batchId = req.param(QStringLiteral("batchId"));
                   const MessageComposer::BatchView view = m_composer->batch(req.vendorId, batchId);
                   QJsonObject body = batchJson(m_campaigns->batch(req.vendorId, batchId));
                   QJsonArray messages;
                   for (const Message &m : view.messages)
                       messages.append(ApiJson::message(m));
                   body.insert(QStringLiteral("messages"), messages);
                   return ApiResponse::json(body);
               });

    // Campaign controls (CampaignService): the batch as it is after the change.
    router.add(Method::Post, QStringLiteral("/messages/batch/:batchId/pause"), vendor,
               [this](ApiRequest &req) {
                   return ApiResponse::json(batchJson(
                       m_campaigns->pause(req.vendorId, req.param(QStringLiteral("batchId")))));
               });
    router.add(Method::Post, QStringLiteral("/messages/batch/:batchId/resume"), vendor,
               [this](ApiRequest &req) {
                   return ApiResponse::json(batchJson(
                       m_campaigns->resume(req.vendorId, req.param(QStringLiteral("batchId")))));
               });

    router.add(
        Method::Get, QStringLiteral("/messages/batches/:userId"), vendor, [this](ApiRequest &req) {
            const qint64 userId = req.idParam(QStringLiteral("userId"));
            const QUrlQuery q = req.query();
            const int page = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("page")),
                                                        QStringLiteral("page"), 1, 1, 10000000);
            const int limit = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("limit")),
                                                         QStringLiteral("limit"), 50, 1, 500);
            const int total = m_campaigns->count(req.vendorId, userId);
            QJsonArray batches;
            for (const CampaignService::Batch &b :
                 m_campaigns->list(req.vendorId, userId, (page - 1) * limit, limit))
                batches.append(batchJson(b));
            return ApiResponse::json(QJsonObject{{QStringLiteral("batches"), batches},
                                                 {QStringLiteral("page"), page},
                                                 {QStringLiteral("limit"), limit},
                                                 {QStringLiteral("total"), total}});
        });

    router.add(Method::Get, QStringLiteral("/messages/:id"), vendor, [this](ApiRequest &req) {
        const Message m = m_composer->message(req.vendorId, req.idParam(QStringLiteral("id")));
        return ApiResponse::json(QJsonObject{{QStringLiteral("message"), ApiJson::message(m)}});
    });

    router.add(Method::Post, QStringLiteral("/messages/batch/:batchId/cancel"), vendor,
               [this](ApiRequest &req) {
                   const int n =
                       m_campaigns->cancel(req.vendorId, req.param(QStringLiteral("batchId")));
                   return ApiResponse::json(QJsonObject{{QStringLiteral("cancelled"), n}});
               });
}
