#include "NumbersController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "RequestValidator.h"
#include "Router.h"
#include "numbers/NumberRegistry.h"
#include "outbox/SendWindowPolicy.h"
#include "platform/Clock.h"

#include <QJsonArray>

namespace {
using Method = QHttpServerRequest::Method;
const QString kUserId = QStringLiteral("userId");
const QString kNumberId = QStringLiteral("numberId");

// A number with what the warm-up allows it today (SendWindowPolicy).
QJsonObject numberJson(CoreServices &core, const WhatsAppNumber &n)
{
    return ApiJson::number(n, core.sendWindow().allowance(n, Clock::nowMs()));
}
} // namespace

NumbersController::NumbersController(CoreServices &core) : m_core(core) {}

void NumbersController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(Method::Post, QStringLiteral("/whatsapp-numbers/:userId/add"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const QJsonObject body = req.jsonObject();
                   const QString phone =
                       RequestValidator::requiredString(body, QStringLiteral("phone_number"), 64);
                   const QString label =
                       RequestValidator::optionalString(body, QStringLiteral("label"))
                           .value_or(QString());
                   const bool sandbox =
                       RequestValidator::optionalBool(body, QStringLiteral("sandbox")).value_or(false);
                   const WhatsAppNumber n =
                       NumberRegistry(m_core).add(req.vendorId, userId, phone, label, sandbox);
                   return ApiResponse::json(
                       201, QJsonObject{{QStringLiteral("number"), numberJson(m_core, n)}});
               });

    router.add(Method::Patch, QStringLiteral("/whatsapp-numbers/:userId/update/:numberId"), vendor,
               [this](ApiRequest &req) {
                   const qint64 userId = req.idParam(kUserId);
                   const qint64 numberId = req.idParam(kNumberId);
                   const QJsonObject body = req.jsonObject();
                   NumberRegistry::Patch patch;
                   patch.phoneNumberGiven = body.contains(QStringLiteral("phone_number"));
                   // null or "" clears the label (docs/api.md "Validation")
                   patch.label = RequestValidator::optionalString(body, QStringLiteral("label"));
                   const WhatsAppNumber n =
                       NumberRegistry(m_core).update(req.vendorId, userId, numberId, patch);
                   return ApiResponse::json(
                       QJsonObject{{QStringLiteral("number"), numberJson(m_core, n)}});
               });

    router.add(Method::Get, QStringLiteral("/whatsapp-numbers/:userId/list"), vendor,
               [this](ApiRequest &req) {
                   QJsonArray numbers;
                   for (const WhatsAppNumber &n :
                        NumberRegistry(m_core).list(req.vendorId, req.idParam(kUserId)))
                       numbers.append(numberJson(m_core, n));
                   return ApiResponse::json(QJsonObject{{QStringLiteral("numbers"), numbers}});
               });

    router.add(Method::Delete, QStringLiteral("/whatsapp-numbers/:userId/delete/:numberId"), vendor,
               [this](ApiRequest &req) {
                   NumberRegistry(m_core).remove(req.vendorId, req.idParam(kUserId),
                                                 req.idParam(kNumberId));
                   return ApiResponse::noContent();
               });
}
