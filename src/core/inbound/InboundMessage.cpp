#include "inbound/InboundMessage.h"

#include "platform/Clock.h"

#include <QJsonValue>

namespace {

QJsonValue text(const QString &s)
{
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue optionalId(qint64 v)
{
    return v > 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject InboundMessage::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("app_user_id"), appUserId},
        {QStringLiteral("number_id"), numberId},
        {QStringLiteral("from"), text(fromPhone)},
        {QStringLiteral("from_lid"), text(fromLid)},
        {QStringLiteral("contact_id"), optionalId(contactId)},
        {QStringLiteral("type"), type},
        {QStringLiteral("body"), text(body)},
        {QStringLiteral("caption"), text(caption)},
        {QStringLiteral("mimetype"), text(mimetype)},
        {QStringLiteral("filename"), text(filename)},
        {QStringLiteral("quoted_message_id"), optionalId(quotedMessageId)},
        {QStringLiteral("quoted_wa_message_id"), text(quotedWaMessageId)},
        {QStringLiteral("wa_message_id"), waMessageId},
        {QStringLiteral("received_at"), text(Clock::toIso(receivedAtMs))},
    };
}
