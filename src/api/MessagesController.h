#pragma once

#include "ApiController.h"

#include <memory>

class CoreServices;
class MessageComposer;

// /messages: queue a batch, read a batch or one message, cancel a batch's pending messages.
class MessagesController : public ApiController
{
public:
    explicit MessagesController(CoreServices &core);
    ~MessagesController() override;
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
    std::unique_ptr<MessageComposer> m_composer;
};
