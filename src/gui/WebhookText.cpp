#include "WebhookText.h"

QStringList WebhookText::eventTypes()
{
    // The list (#15); webhook.test is sent only by "Send test", never subscribed to.
    return {QStringLiteral("message_status"),    QStringLiteral("message_received"),
            QStringLiteral("session_state"),     QStringLiteral("qr"),
            QStringLiteral("contact_opted_out"), QStringLiteral("batch_completed")};
}

QString WebhookText::eventType(const QString &type)
{
    QString words;
    if (type == QLatin1String("*"))
        return tr("All events");
    if (type == QLatin1String("message_status"))
        words = tr("Message status");
    else if (type == QLatin1String("message_received"))
        words = tr("Message received");
    else if (type == QLatin1String("session_state"))
        words = tr("Session state");
    else if (type == QLatin1String("qr"))
        words = tr("QR code");
    else if (type == QLatin1String("contact_opted_out"))
        words = tr("Contact opted out");
    else if (type == QLatin1String("batch_completed"))
        words = tr("Batch completed");
    else if (type == QLatin1String("webhook.test"))
        words = tr("Test");
    else
        return type;
    // The code too: it is what the vendor's receiver sees in "type".
    return tr("%1 (%2)").arg(words, type);
}

QString WebhookText::eventList(const QStringList &events)
{
    if (events.contains(QStringLiteral("*")))
        return tr("All events");
    // The codes only: a table cell has no room for the words of six types.
    return events.join(QStringLiteral(", "));
}

QString WebhookText::deliveryStatus(const QString &status)
{
    if (status == QLatin1String("pending"))
        return tr("Pending");
    if (status == QLatin1String("succeeded"))
        return tr("Succeeded");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    return status;
}

QColor WebhookText::deliveryColor(const QString &status)
{
    if (status == QLatin1String("succeeded"))
        return QColor(0x18, 0x80, 0x38);
    if (status == QLatin1String("failed"))
        return QColor(0xc5, 0x22, 0x1f);
    return QColor(0x5f, 0x63, 0x68);
}

QString WebhookText::disabledReason(const QString &reason)
{
    if (reason == QLatin1String("failing_3_days"))
        return tr("every delivery failed for 3 days");
    if (reason == QLatin1String("gone"))
        return tr("the receiver answered 410 Gone");
    if (reason == QLatin1String("operator") || reason == QLatin1String("manual") ||
        reason == QLatin1String("api"))
        return tr("disabled by hand");
    return reason;
}

QString WebhookText::deliveryError(const QString &error)
{
    if (error.isEmpty())
        return {};
    if (error == QLatin1String("timeout"))
        return tr("no answer within 10 s");
    if (error == QLatin1String("connection_refused"))
        return tr("connection refused");
    if (error == QLatin1String("host_not_found"))
        return tr("host not found");
    if (error == QLatin1String("url_not_allowed"))
        return tr("address not allowed");
    if (error.startsWith(QLatin1String("http_")))
        return tr("HTTP %1").arg(error.mid(5));
    return error;
}
