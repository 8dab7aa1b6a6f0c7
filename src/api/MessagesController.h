#pragma once

#include "ApiController.h"

#include <memory>

class CoreServices;
class CampaignService;
class MessageComposer;

// /messages: queue a batch (now or at send_at), read a batch or one message, list a user's
// batches, pause, resume or cancel a batch (CampaignService).
class MessagesController : public ApiController
{
public:
    explicit MessagesController(CoreServices &core);
    ~MessagesController() override;
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
    std::unique_ptr<MessageComposer> m_composer;
    std::unique_ptr<CampaignService> m_campaigns;
};
