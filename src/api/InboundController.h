#pragma once

#include "ApiController.h"

#include <QString>
#include <memory>

class CoreServices;
class InboundMediaCache;
class SessionManager;

// /messages/inbound (issue #14, api.md "Inbound messages"): the messages customers sent to the
// user's numbers, their media (downloaded through the number's page on the first request,
// then from disk: InboundMediaCache) and the read receipt, sent only when the vendor asks.
class InboundController : public ApiController
{
public:
    InboundController(CoreServices &core, SessionManager &sessions);
    ~InboundController() override;
    void registerRoutes(Router &router) override;

    // A query time: ISO-8601 (as every time the API answers) or epoch milliseconds; absent → 0.
    // Anything else is 400 validation_failed naming the field. Shared with /conversations.
    static qint64 queryTimeMs(const QString &value, const QString &field);

private:
    CoreServices &m_core;
    SessionManager &m_sessions;
    std::unique_ptr<InboundMediaCache> m_cache;
};
