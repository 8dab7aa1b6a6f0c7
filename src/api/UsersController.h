#pragma once

#include "ApiController.h"

class CoreServices;

// /users: the vendor's app users (api.md "App users").
class UsersController : public ApiController
{
public:
    explicit UsersController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
};
