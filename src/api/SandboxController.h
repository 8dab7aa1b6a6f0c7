#pragma once

#include "ApiController.h"

class CoreServices;
class SessionManager;

// /sandbox/:userId/:phoneNumber/{scan,logout,outbox} (api.md "Sandbox control"): act as the
// phone of a sandbox number. A real number is 404 here.
class SandboxController : public ApiController
{
public:
    SandboxController(CoreServices &core, SessionManager &sessions);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
    SessionManager &m_sessions;
};
