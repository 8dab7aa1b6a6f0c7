#pragma once

#include "ApiController.h"

#include <QJsonObject>
#include <QStringList>

class CoreServices;

// /webhooks (issue #15, api.md "Webhooks"): a vendor's webhook endpoints, their secrets, the
// test event, the delivery log and replay. The rules (the 10-endpoint limit, the URL address
// policy, event names, secrets) live in WebhookStore and WebhookOutbox; this only parses and
// maps to JSON.
class WebhooksController : public ApiController
{
public:
    explicit WebhooksController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    // "events": an array of strings (the names themselves are the store's to check).
    static QStringList eventsField(const QJsonObject &body);

    CoreServices &m_core;
};
