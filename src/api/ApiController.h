#pragma once

class Router;

// One controller per route group (vendors, users, numbers, contacts, messages, admin, meta,
// connect, sandbox). A controller only parses, calls a core service and maps to JSON.
class ApiController
{
public:
    virtual ~ApiController() = default;
    virtual void registerRoutes(Router &router) = 0;
};
