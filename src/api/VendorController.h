#pragma once

#include "ApiController.h"

class CoreServices;
class LoginThrottle;

// /vendors: register and login (public; throttled by LoginThrottle, their Argon2id deferred
// to the password pool), update, me and rotate-key (vendor key). Never puts a password hash or
// a stored key in a body.
class VendorController : public ApiController
{
public:
    VendorController(CoreServices &core, LoginThrottle &throttle);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
    LoginThrottle &m_throttle;
};
