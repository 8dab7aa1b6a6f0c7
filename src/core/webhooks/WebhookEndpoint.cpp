#include "webhooks/WebhookEndpoint.h"

#include "platform/Clock.h"

#include <QJsonArray>
#include <QJsonValue>

const QStringList &WebhookEndpoint::eventTypes()
{
    // The list. contact_opted_in and webhook_disabled are WebSocket-only.
    static const QStringList types{
        QStringLiteral("message_status"),    QStringLiteral("message_received"),
        QStringLiteral("session_state"),     QStringLiteral("qr"),
        QStringLiteral("contact_opted_out"), QStringLiteral("batch_completed")};
    return types;
}

bool WebhookEndpoint::matches(const QString &type, qint64 userId) const
{
    if (appUserId != 0 && appUserId != userId)
        return false;
    return events.contains(QString(kAllEvents)) || events.contains(type);
}

QJsonObject WebhookEndpoint::toJson() const
{
    const auto nullable = [](const QString &s) {
        return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    const auto time = [](qint64 ms) {
        return ms > 0 ? QJsonValue(Clock::toIso(ms)) : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("url"), url},
        {QStringLiteral("events"), QJsonArray::fromStringList(events)},
        {QStringLiteral("app_user_id"),
         appUserId > 0 ? QJsonValue(appUserId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("description"), nullable(description)},
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("disabled_reason"), nullable(disabledReason)},
        {QStringLiteral("disabled_at"), time(disabledAt)},
        {QStringLiteral("failing_since"), time(failingSince)},
        {QStringLiteral("created_at"), time(createdAt)},
        {QStringLiteral("updated_at"), time(updatedAt)},
    };
}
