#pragma once

#include "ApiController.h"

class CoreServices;

// /conversations/:userId/:phone (issue #14, api.md "Conversations"): one timeline of what a
// customer sent to the user's numbers and what the user sent them, with the statuses of ours,
// newest page first, paged backwards with `before`.
class ConversationsController : public ApiController
{
public:
    explicit ConversationsController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
};
