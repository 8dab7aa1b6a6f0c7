#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Words for the Webhooks page, its dialog and the window's notice: event types, delivery
// statuses, why an endpoint was disabled, why a delivery failed. Codes the window does not
// know yet are shown as they are stored (a newer core may add some).
class WebhookText
{
    Q_DECLARE_TR_FUNCTIONS(WebhookText)

public:
    // The event types an endpoint can subscribe to, in the order the form lists them.
    static QStringList eventTypes();
    // "Message status (message_status)"; "*" reads "All events".
    static QString eventType(const QString &type);
    // A stored events list in words: "All events", or the types joined with ", ".
    static QString eventList(const QStringList &events);
    // pending | succeeded | failed
    static QString deliveryStatus(const QString &status);
    static QColor deliveryColor(const QString &status);
    // failing_3_days | gone | operator | …
    static QString disabledReason(const QString &reason);
    // timeout | connection_refused | … | http_<code>
    static QString deliveryError(const QString &error);
};
