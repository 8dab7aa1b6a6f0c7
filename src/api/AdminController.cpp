#include "AdminController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "RequestValidator.h"
#include "Router.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorStore.h"
#include "platform/Clock.h"

namespace RV = RequestValidator;

namespace {

qint64 isoTime(const QJsonObject &o, const QString &field)
{
    const QString s = RV::requiredString(o, field, 64);
    const qint64 ms = Clock::fromIso(s);
    if (ms <= 0)
        throw DomainError::validation(
            field, QStringLiteral("%1 must be an ISO-8601 time (2026-11-24T10:00:00Z)").arg(field));
    return ms;
}

QString status(const QJsonObject &o)
{
    const auto s = RV::optionalString(o, QStringLiteral("status"), 32);
    if (!s)
        return {};
    if (!SubscriptionService::statusFromString(*s))
        throw DomainError::validation(
            QStringLiteral("status"),
            QStringLiteral("status must be one of %1").arg(SubscriptionService::statusNames()));
    return *s;
}

void requirePlan(CoreServices &core, qint64 planId)
{
    if (!core.plans().find(planId))
        throw DomainError::notFound(QStringLiteral("plan"));
}

} // namespace

AdminController::AdminController(CoreServices &core) : m_core(core) {}

void AdminController::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto admin = Router::Access::Admin;

    router.add(M::Post, QStringLiteral("/admin/plans"), admin, [this](ApiRequest &req) {
        const QJsonObject body = req.jsonObject();
        Plan p;
        p.name = RV::requiredString(body, QStringLiteral("name"), 100);
        p.maxPhoneNumbers = RV::requiredInt(body, QStringLiteral("max_phone_numbers"), 0, 1000000);
        p.maxMessages = RV::requiredInt(body, QStringLiteral("max_messages"), 0, 2000000000);
        p.periodDays = RV::optionalInt(body, QStringLiteral("period_days"), 1, 3650)
                           .value_or(SubscriptionService::kDefaultPeriodDays);
        const Plan created = m_core.plans().create(p);
        return ApiResponse::json(201,
                                 QJsonObject{{QStringLiteral("plan"), ApiJson::plan(created)}});
    });

    router.add(M::Get, QStringLiteral("/admin/plans"), admin, [this](ApiRequest &) {
        QJsonArray plans;
        for (const Plan &p : m_core.plans().list())
            plans.append(ApiJson::plan(p));
        return ApiResponse::json(QJsonObject{{QStringLiteral("plans"), plans}});
    });

    router.add(M::Post, QStringLiteral("/admin/subscriptions"), admin, [this](ApiRequest &req) {
        const QJsonObject body = req.jsonObject();
        Subscription s;
        s.appUserId = RV::requiredId(body, QStringLiteral("app_user_id"));
        s.planId = RV::requiredId(body, QStringLiteral("plan_id"));
        s.endsAt = isoTime(body, QStringLiteral("ends_at"));
        s.startsAt = body.contains(QStringLiteral("starts_at")) &&
                             !body.value(QStringLiteral("starts_at")).isNull()
                         ? isoTime(body, QStringLiteral("starts_at"))
                         : Clock::nowMs();
        // ends_at after starts_at: SubscriptionStore's validation, as for the window's dialog.
        const QString st = status(body);
        if (!st.isEmpty())
            s.status = st;
        requirePlan(m_core, s.planId);
        const Subscription created = m_core.subscriptionService().give(s);
        return ApiResponse::json(
            201, QJsonObject{{QStringLiteral("subscription"), ApiJson::subscription(created)}});
    });

    router.add(M::Get, QStringLiteral("/admin/subscriptions"), admin, [this](ApiRequest &req) {
        const QString raw = req.query().queryItemValue(QStringLiteral("app_user_id")).trimmed();
        qint64 userId = 0;
        if (!raw.isEmpty()) {
            bool ok = false;
            userId = raw.toLongLong(&ok);
            if (!ok || userId < 1)
                throw DomainError::validation(
                    QStringLiteral("app_user_id"),
                    QStringLiteral("app_user_id must be a positive integer"));
        }
        QJsonArray list;
        for (const Subscription &s : m_core.subscriptions().listForUser(userId))
            list.append(ApiJson::subscription(s));
        return ApiResponse::json(QJsonObject{{QStringLiteral("subscriptions"), list}});
    });

    router.add(
        M::Patch, QStringLiteral("/admin/subscriptions/:id"), admin, [this](ApiRequest &req) {
            const qint64 id = req.idParam(QStringLiteral("id"));
            const QJsonObject body = req.jsonObject();
            auto existing = m_core.subscriptions().find(id);
            if (!existing)
                throw DomainError::notFound(QStringLiteral("subscription"));
            Subscription s = *existing;
            const QString st = status(body);
            if (!st.isEmpty())
                s.status = st;
            if (body.contains(QStringLiteral("ends_at")))
                s.endsAt = isoTime(body, QStringLiteral("ends_at"));
            if (const auto planId = RV::optionalId(body, QStringLiteral("plan_id"))) {
                requirePlan(m_core, *planId);
                s.planId = *planId;
            }
            // SubscriptionStore::update decides: ends_at after starts_at, or already past (the
            // subscription is ended early; from then on it counts as expired everywhere).
            const Subscription updated = m_core.subscriptionService().change(s);
            return ApiResponse::json(
                QJsonObject{{QStringLiteral("subscription"), ApiJson::subscription(updated)}});
        });

    router.add(M::Get, QStringLiteral("/admin/vendors"), admin, [this](ApiRequest &) {
        QJsonArray list;
        for (const Vendor &v : m_core.vendors().listAllForOperator())
            list.append(ApiJson::vendor(v));
        return ApiResponse::json(QJsonObject{{QStringLiteral("vendors"), list}});
    });
}
