#include "NumberCheckController.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "RequestValidator.h"
#include "Router.h"
#include "SessionManager.h"
#include "accounts/AppUserStore.h"
#include "numbers/NumberCheckService.h"
#include "platform/Clock.h"

#include <QJsonArray>

namespace {
using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");
const QString kCheckId = QStringLiteral("checkId");

QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject checkJson(const NumberCheckService::Check &c)
{
    QJsonArray results;
    for (const NumberCheckService::Item &i : c.items) {
        QJsonValue onWhatsApp = QJsonValue::Null;
        if (i.status == QLatin1String("yes") || i.status == QLatin1String("no"))
            onWhatsApp = i.status == QLatin1String("yes");
        results.append(QJsonObject{
            {QStringLiteral("input"), i.input},
            {QStringLiteral("phone_number"), nullable(i.phone)},
            {QStringLiteral("status"), i.status},
            {QStringLiteral("on_whatsapp"), onWhatsApp},
            {QStringLiteral("cached"), i.cached},
            {QStringLiteral("checked_at"), nullable(Clock::toIso(i.checkedAt))},
            {QStringLiteral("error"), nullable(i.error)},
        });
    }
    const int total = int(c.items.size());
    const int pending = c.count(QStringLiteral("pending"));
    return QJsonObject{
        {QStringLiteral("id"), c.id},
        {QStringLiteral("status"), c.status},
        {QStringLiteral("error"), nullable(c.error)},
        {QStringLiteral("total"), total},
        {QStringLiteral("done"), total - pending},
        {QStringLiteral("counts"),
         QJsonObject{{QStringLiteral("yes"), c.count(QStringLiteral("yes"))},
                     {QStringLiteral("no"), c.count(QStringLiteral("no"))},
                     {QStringLiteral("invalid"), c.count(QStringLiteral("invalid"))},
                     {QStringLiteral("error"), c.count(QStringLiteral("error"))},
                     {QStringLiteral("pending"), pending},
                     {QStringLiteral("unchecked"), c.count(QStringLiteral("unchecked"))}}},
        {QStringLiteral("lookups"), c.lookups},
        {QStringLiteral("eta_seconds"), c.status == QLatin1String("running")
                                            ? QJsonValue(double((c.etaMs + 999) / 1000))
                                            : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("created_at"), Clock::toIso(c.createdAt)},
        {QStringLiteral("finished_at"), nullable(Clock::toIso(c.finishedAt))},
        {QStringLiteral("results"), results},
    };
}
} // namespace

NumberCheckController::NumberCheckController(CoreServices &core, SessionManager &sessions)
    : m_core(core), m_sessions(sessions)
{
}

void NumberCheckController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(
        Method::Post, QStringLiteral("/numbers/check/:userId"), vendor, [this](ApiRequest &req) {
            const qint64 userId = req.idParam(kUserId);
            m_core.users().requireUserOfVendor(req.vendorId, userId);
            const QJsonArray given =
                RequestValidator::requiredArray(req.jsonObject(), QStringLiteral("phones"));
            QStringList phones;
            phones.reserve(given.size());
            for (const QJsonValue &v : given) {
                // Past the limit the count is the error (too_many_phones), whatever
                // the items are.
                if (!v.isString() && given.size() <= NumberCheckService::kMaxPhones)
                    throw DomainError::validation(
                        QStringLiteral("phones"),
                        QStringLiteral("phones must be an array of strings"));
                phones << v.toString().left(64);
            }
            const NumberCheckService::Check c =
                m_sessions.numberChecks().start(req.vendorId, userId, phones);
            return ApiResponse::json(202, QJsonObject{{QStringLiteral("check"), checkJson(c)}});
        });

    router.add(Method::Get, QStringLiteral("/numbers/check/:userId/:checkId"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   m_core.users().requireUserOfVendor(req.vendorId, userId);
                   const auto c =
                       m_sessions.numberChecks().find(req.vendorId, userId, req.param(kCheckId));
                   if (!c)
                       throw DomainError::notFound(QStringLiteral("check"));
                   return ApiResponse::json(QJsonObject{{QStringLiteral("check"), checkJson(*c)}});
               });

    router.add(Method::Delete, QStringLiteral("/numbers/check/:userId/:checkId"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   m_core.users().requireUserOfVendor(req.vendorId, userId);
                   const auto c =
                       m_sessions.numberChecks().cancel(req.vendorId, userId, req.param(kCheckId));
                   if (!c)
                       throw DomainError::notFound(QStringLiteral("check"));
                   return ApiResponse::json(QJsonObject{{QStringLiteral("check"), checkJson(*c)}});
               });
}
