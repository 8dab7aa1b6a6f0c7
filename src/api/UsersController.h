#pragma once

#include "AnswerCache.h"
#include "ApiController.h"

class CoreServices;

// /users: the vendor's app users (api.md "App users").
class UsersController : public ApiController
{
public:
    // listCacheBytes: the byte budget of the GET /users/list answers (tests make it small).
    explicit UsersController(CoreServices &core, qint64 listCacheBytes = 8LL * 1024 * 1024);
    void registerRoutes(Router &router) override;

    const AnswerCache &listCache() const { return m_listCache; }

private:
    CoreServices &m_core;

    // GET /users/list answers by (vendor, page, limit), valid while
    // AppUserStore::changeCount() has not moved. Users change rarely and are listed often
    // (P1 in docs/performance.md): a hit skips the query and the JSON building. Bounded by
    // bytes, not entries: a vendor with many users has big answers.
    AnswerCache m_listCache;
};
