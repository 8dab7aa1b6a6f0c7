#pragma once

#include "ApiController.h"

#include <QByteArray>
#include <QHash>

class CoreServices;

// /users: the vendor's app users (api.md "App users").
class UsersController : public ApiController
{
public:
    explicit UsersController(CoreServices &core);
    void registerRoutes(Router &router) override;

private:
    CoreServices &m_core;

    // GET /users/list answers by (vendor, page, limit), valid while
    // AppUserStore::changeCount() has not moved. Users change rarely and are listed often
    // (P1 in docs/performance.md): a hit skips the query and the JSON building.
    struct CachedList
    {
        quint64 changeCount = 0;
        QByteArray body;
    };
    QHash<QString, CachedList> m_listCache;
};
