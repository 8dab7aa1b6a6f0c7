#pragma once

#include "ApiController.h"

class CoreServices;

// /whatsapp-numbers: a user's WhatsApp numbers (api.md). The router also accepts the
// original's "//whatsapp-numbers" spelling.
class NumbersController : public ApiController
{
public:
    explicit NumbersController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
};
