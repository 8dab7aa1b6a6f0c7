#include "ApiJson.h"

#include "messaging/RichMessage.h"
#include "platform/Clock.h"

namespace {

// A null QString (never set) is JSON null; an empty-but-set one stays "".
QJsonValue nullable(const QString &s)
{
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// Optional text where "" means "not set" too.
QJsonValue optionalText(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue time(qint64 ms)
{
    return ms > 0 ? QJsonValue(Clock::toIso(ms)) : QJsonValue(QJsonValue::Null);
}

QJsonValue id(qint64 v)
{
    return v > 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject ApiJson::vendor(const Vendor &v)
{
    // Never a password hash or key material: Vendor carries none, and this is the only mapper.
    return QJsonObject{
        {QStringLiteral("id"), v.id},
        {QStringLiteral("name"), v.name},
        {QStringLiteral("email"), v.email},
        {QStringLiteral("company_name"), nullable(v.companyName)},
        {QStringLiteral("phone_number"), nullable(v.phoneNumber)},
        {QStringLiteral("created_at"), time(v.createdAt)},
    };
}

QJsonObject ApiJson::user(const AppUser &u)
{
    return QJsonObject{
        {QStringLiteral("id"), u.id},
        {QStringLiteral("name"), u.name},
        {QStringLiteral("email"), u.email},
        {QStringLiteral("company_name"), nullable(u.companyName)},
        {QStringLiteral("external_user_id"), nullable(u.externalUserId)},
        {QStringLiteral("quiet_hours"), SendWindowPolicy::quietHoursToJson(u.quietHours)},
        {QStringLiteral("created_at"), time(u.createdAt)},
    };
}

QJsonObject ApiJson::number(const WhatsAppNumber &n)
{
    return QJsonObject{
        {QStringLiteral("id"), n.id},
        {QStringLiteral("app_user_id"), n.appUserId},
        {QStringLiteral("phone_number"), n.phoneNumber},
        {QStringLiteral("label"), nullable(n.label)},
        {QStringLiteral("sandbox"), n.sandbox},
        {QStringLiteral("is_active"), n.isActive},
        {QStringLiteral("state"), n.state},
        {QStringLiteral("session_id"), nullable(n.sessionId)},
        {QStringLiteral("created_at"), time(n.createdAt)},
    };
}

QJsonObject ApiJson::number(const WhatsAppNumber &n, const SendWindowPolicy::Allowance &today)
{
    QJsonObject o = number(n);
    auto limited = [&today](int v) { return today.limit < 0 ? QJsonValue() : QJsonValue(v); };
    o.insert(QStringLiteral("warmup_day"), today.day);
    o.insert(QStringLiteral("daily_limit"), limited(today.limit));
    o.insert(QStringLiteral("sent_today"), today.sent);
    o.insert(QStringLiteral("left_today"), limited(today.left));
    return o;
}

QJsonObject ApiJson::plan(const Plan &p)
{
    return QJsonObject{
        {QStringLiteral("id"), p.id},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("max_phone_numbers"), p.maxPhoneNumbers},
        {QStringLiteral("max_messages"), p.maxMessages},
        {QStringLiteral("period_days"), p.periodDays},
        {QStringLiteral("created_at"), time(p.createdAt)},
    };
}

QJsonObject ApiJson::subscription(const Subscription &s)
{
    return QJsonObject{
        {QStringLiteral("id"), s.id},
        {QStringLiteral("app_user_id"), s.appUserId},
        {QStringLiteral("plan_id"), s.planId},
        {QStringLiteral("status"), s.status},
        {QStringLiteral("starts_at"), time(s.startsAt)},
        {QStringLiteral("ends_at"), time(s.endsAt)},
        {QStringLiteral("created_at"), time(s.createdAt)},
        {QStringLiteral("updated_at"), time(s.updatedAt)},
    };
}

QJsonObject ApiJson::message(const Message &m)
{
    QJsonObject o{
        {QStringLiteral("id"), m.id},
        {QStringLiteral("batch_id"), m.batchId},
        {QStringLiteral("app_user_id"), m.appUserId},
        {QStringLiteral("number_id"), id(m.numberId)},
        {QStringLiteral("recipient"), m.recipient},
        {QStringLiteral("message"), optionalText(m.message)},
        {QStringLiteral("message_type"), m.messageType},
        {QStringLiteral("media_url"), optionalText(m.mediaUrl)},
        {QStringLiteral("caption"), optionalText(m.caption)},
        {QStringLiteral("template_id"), optionalText(m.templateId)},
        {QStringLiteral("status"), m.status},
        {QStringLiteral("error_message"), optionalText(m.errorMessage)},
        {QStringLiteral("wa_message_id"), optionalText(m.waMessageId)},
        {QStringLiteral("created_at"), time(m.createdAt)},
        {QStringLiteral("sent_at"), time(m.sentAt)},
        {QStringLiteral("delivered_at"), time(m.deliveredAt)},
        {QStringLiteral("read_at"), time(m.readAt)},
    };
    // Rich types (docs/api.md "Message types"): what the message carries beyond its text, only
    // on the messages that have it.
    if (!m.payload.isEmpty())
        o.insert(QStringLiteral("content"), RichMessage::parsePayload(m.payload));
    return o;
}
