#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// One of a vendor's webhook endpoints (webhook_endpoints, docs/webhooks.md): where events go,
// which types, for which of the vendor's users, and its health. The signing secret is not
// here: WebhookStore hands it out once at creation and rotation, and to the deliverer.
struct WebhookEndpoint
{
    qint64 id = 0;
    qint64 vendorId = 0;
    qint64 appUserId = 0; // 0 = every user of the vendor; else only that user's events
    QString url;
    QStringList events;  // type names (WebhookEndpoint::eventTypes()), or just "*"
    QString description; // null = none
    bool enabled = true;
    QString
        disabledReason; // null while enabled; failing_3_days | gone | ... (set by the deliverer)
    qint64 disabledAt = 0;
    qint64 failingSince = 0; // first failure of the current failing streak, 0 when healthy
    qint64 createdAt = 0;
    qint64 updatedAt = 0;

    // The event types an endpoint can subscribe to (the list), in a stable order.
    // "webhook.test" is sent only by POST /webhooks/:id/test, to that endpoint.
    static const QStringList &eventTypes();
    static constexpr QLatin1String kAllEvents{"*"};
    static constexpr QLatin1String kTestType{"webhook.test"};

    // Whether an event of `type` about app user `userId` goes to this endpoint (enabled or
    // not: the caller checks enabled).
    bool matches(const QString &type, qint64 userId) const;

    // The API's object: {id, url, events, app_user_id, description, enabled, disabled_reason,
    // disabled_at, failing_since, created_at, updated_at}; never the secret.
    QJsonObject toJson() const;
};
