#pragma once

#include "ApiController.h"

class CoreServices;
class SessionManager;

// /numbers/check/:userId: is a phone on WhatsApp (docs/api.md "Number check"). Checks run in
// the background (NumberCheckService, paced): POST answers 202 with the check's id at once,
// GET reads its progress and results, DELETE cancels it.
class NumberCheckController : public ApiController
{
public:
    NumberCheckController(CoreServices &core, SessionManager &sessions);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
    SessionManager &m_sessions;
};
