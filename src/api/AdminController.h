#pragma once

#include "ApiController.h"

class CoreServices;

// The operator's API (x-admin-token): plans, subscriptions, the vendor list.
class AdminController : public ApiController
{
public:
    explicit AdminController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
};
