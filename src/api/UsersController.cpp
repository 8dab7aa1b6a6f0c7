#include "UsersController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "RequestValidator.h"
#include "Router.h"
#include "accounts/AppUserStore.h"
#include "numbers/NumberRegistry.h"
#include "outbox/SendWindowPolicy.h"

#include <QJsonArray>

namespace {

using Method = QHttpServerRequest::Method;

} // namespace

UsersController::UsersController(CoreServices &core, qint64 listCacheBytes)
    : m_core(core), m_listCache(listCacheBytes)
{
}

void UsersController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(Method::Post, QStringLiteral("/users/register"), vendor, [this](ApiRequest &req) {
        const QJsonObject body = req.jsonObject();
        AppUser u;
        u.name = RequestValidator::requiredString(body, QStringLiteral("name"));
        u.email = RequestValidator::requiredEmail(body, QStringLiteral("email"));
        u.companyName = RequestValidator::optionalString(body, QStringLiteral("company_name"))
                            .value_or(QString());
        u.externalUserId =
            RequestValidator::optionalString(body, QStringLiteral("external_user_id"))
                .value_or(QString());
        // Quiet hours (no sends between start and end, the recipient's local time): off unless
        // given (docs/api.md).
        if (body.contains(QStringLiteral("quiet_hours")))
            u.quietHours =
                SendWindowPolicy::quietHoursFromJson(body.value(QStringLiteral("quiet_hours")));
        const AppUser created = m_core.users().create(req.vendorId, u);
        return ApiResponse::json(201,
                                 QJsonObject{{QStringLiteral("user"), ApiJson::user(created)}});
    });

    router.add(Method::Get, QStringLiteral("/users/list"), vendor, [this](ApiRequest &req) {
        // Most list calls have no query string: no QUrlQuery to build then.
        const QUrlQuery q = req.http().url().hasQuery() ? req.query() : QUrlQuery();
        // No limit → every user (the original's behaviour); with a limit, page is 1-based.
        const int limit = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("limit")),
                                                     QStringLiteral("limit"), 0, 1, 500);
        const int page = RequestValidator::queryInt(q.queryItemValue(QStringLiteral("page")),
                                                    QStringLiteral("page"), 1, 1, 1000000);
        // Without a limit the page means nothing (every user is listed): one entry for all
        // of ?page=1, ?page=2, ... rather than one full copy each.
        const int effectivePage = limit > 0 ? page : 1;
        const QString key = QString::number(req.vendorId) + QLatin1Char(':') +
                            QString::number(effectivePage) + QLatin1Char(':') +
                            QString::number(limit);
        // Noted before reading: a change made while we read makes this copy stale at once.
        const quint64 changes = AppUserStore::changeCount();
        if (const auto hit = m_listCache.find(key, changes))
            return ApiResponse::text(200, *hit, QByteArrayLiteral("application/json"));
        QJsonArray users;
        for (const AppUser &u : m_core.users().list(req.vendorId, effectivePage, limit))
            users.append(ApiJson::user(u));
        ApiResponse response = ApiResponse::json(QJsonObject{{QStringLiteral("users"), users}});
        m_listCache.insert(key, changes, response.body);
        return response;
    });

    router.add(Method::Get, QStringLiteral("/users/:id"), vendor, [this](ApiRequest &req) {
        const AppUser u =
            m_core.users().requireUserOfVendor(req.vendorId, req.idParam(QStringLiteral("id")));
        return ApiResponse::json(QJsonObject{{QStringLiteral("user"), ApiJson::user(u)}});
    });

    router.add(Method::Patch, QStringLiteral("/users/:id"), vendor, [this](ApiRequest &req) {
        const qint64 id = req.idParam(QStringLiteral("id"));
        const QJsonObject body = req.jsonObject();
        AppUserStore::Patch patch;
        if (body.contains(QStringLiteral("name")))
            patch.name = RequestValidator::requiredString(body, QStringLiteral("name"));
        if (body.contains(QStringLiteral("email")))
            patch.email = RequestValidator::requiredEmail(body, QStringLiteral("email"));
        patch.companyName = RequestValidator::optionalString(body, QStringLiteral("company_name"));
        patch.externalUserId =
            RequestValidator::optionalString(body, QStringLiteral("external_user_id"));
        if (body.contains(QStringLiteral("quiet_hours"))) // null turns them off
            patch.quietHours =
                SendWindowPolicy::quietHoursFromJson(body.value(QStringLiteral("quiet_hours")));
        const AppUser updated = m_core.users().update(req.vendorId, id, patch);
        return ApiResponse::json(QJsonObject{{QStringLiteral("user"), ApiJson::user(updated)}});
    });

    router.add(Method::Delete, QStringLiteral("/users/:id"), vendor, [this](ApiRequest &req) {
        NumberRegistry(m_core).removeUser(req.vendorId, req.idParam(QStringLiteral("id")));
        return ApiResponse::noContent();
    });
}
