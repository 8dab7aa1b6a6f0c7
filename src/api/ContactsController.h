#pragma once

#include "ApiController.h"

class CoreServices;

// /contacts: a user's contact list (api.md "Contacts"); the rules live in ContactService.
class ContactsController : public ApiController
{
public:
    explicit ContactsController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;
};
