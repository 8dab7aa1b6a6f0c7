#include "VendorController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "LoginThrottle.h"
#include "RequestValidator.h"
#include "Router.h"
#include "VendorAccounts.h"
#include "VendorStore.h"

namespace RV = RequestValidator;

namespace {

constexpr int kMinPasswordLength = 8;
constexpr int kMaxPasswordLength = 1024; // Argon2 of megabytes is a denial of service

// Passwords are taken as typed (no trimming).
QString password(const QJsonObject &body, bool checkStrength)
{
    const QJsonValue v = body.value(QStringLiteral("password"));
    if (v.isUndefined() || v.isNull())
        throw DomainError::validation(QStringLiteral("password"),
                                      QStringLiteral("password is required"));
    if (!v.isString())
        throw DomainError::validation(QStringLiteral("password"),
                                      QStringLiteral("password must be a string"));
    const QString p = v.toString();
    if (p.size() > kMaxPasswordLength)
        throw DomainError::validation(QStringLiteral("password"),
                                      QStringLiteral("password is too long"));
    if (checkStrength && p.size() < kMinPasswordLength)
        throw DomainError::validation(
            QStringLiteral("password"),
            QStringLiteral("password must be at least %1 characters").arg(kMinPasswordLength));
    if (p.isEmpty())
        throw DomainError::validation(QStringLiteral("password"),
                                      QStringLiteral("password is required"));
    return p;
}

QJsonObject issued(const VendorAccounts::Issued &i)
{
    return QJsonObject{{QStringLiteral("vendor"), ApiJson::vendor(i.vendor)},
                       {QStringLiteral("api_key"), i.apiKey}};
}

} // namespace

VendorController::VendorController(CoreServices &core, LoginThrottle &throttle)
    : m_core(core), m_throttle(throttle)
{
}

void VendorController::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    router.add(M::Post, QStringLiteral("/vendors/register"), Router::Access::Public,
               [this](ApiRequest &req) {
                   const QJsonObject body = req.jsonObject();
                   const QString name = RV::requiredString(body, QStringLiteral("name"));
                   const QString email = RV::requiredEmail(body, QStringLiteral("email"));
                   const QString pw = password(body, true);
                   const QString company = RV::requiredString(body, QStringLiteral("company_name"));
                   const QString phone = RV::requiredString(body, QStringLiteral("phone_number"), 32);
                   const auto result =
                       m_core.accounts().registerVendor(name, email, pw, company, phone);
                   return ApiResponse::json(201, issued(result));
               });

    router.add(M::Post, QStringLiteral("/vendors/login"), Router::Access::Public,
               [this](ApiRequest &req) {
                   m_throttle.check(req.peerAddress());
                   const QJsonObject body = req.jsonObject();
                   const QString email =
                       RV::requiredString(body, QStringLiteral("email"), 254).toLower();
                   const QString pw = password(body, false);
                   try {
                       return ApiResponse::json(issued(m_core.accounts().login(email, pw)));
                   } catch (const DomainError &e) {
                       if (e.kind() == DomainError::Kind::Unauthorized)
                           m_throttle.recordFailure(req.peerAddress());
                       throw;
                   }
               });

    router.add(M::Put, QStringLiteral("/vendors/update"), Router::Access::Vendor,
               [this](ApiRequest &req) {
                   const QJsonObject body = req.jsonObject();
                   const qint64 id = RV::requiredId(body, QStringLiteral("id"));
                   if (id != req.vendorId)
                       throw DomainError::forbidden(QStringLiteral("forbidden"),
                                                    QStringLiteral("You can only update your own vendor account"));
                   const auto name = RV::optionalString(body, QStringLiteral("name"));
                   const auto company = RV::optionalString(body, QStringLiteral("company_name"));
                   const auto phone = RV::optionalString(body, QStringLiteral("phone_number"), 32);
                   if (name && name->isEmpty())
                       throw DomainError::validation(QStringLiteral("name"),
                                                     QStringLiteral("name must not be empty"));
                   const Vendor v = m_core.vendors().update(req.vendorId, name, company, phone);
                   return ApiResponse::json(QJsonObject{{QStringLiteral("vendor"), ApiJson::vendor(v)}});
               });

    router.add(M::Get, QStringLiteral("/vendors/me"), Router::Access::Vendor,
               [this](ApiRequest &req) {
                   const auto v = m_core.vendors().find(req.vendorId);
                   if (!v)
                       throw DomainError::notFound(QStringLiteral("vendor"));
                   return ApiResponse::json(QJsonObject{{QStringLiteral("vendor"), ApiJson::vendor(*v)}});
               });

    router.add(M::Post, QStringLiteral("/vendors/rotate-key"), Router::Access::Vendor,
               [this](ApiRequest &req) {
                   const QString key = m_core.accounts().rotateKey(req.vendorId);
                   return ApiResponse::json(QJsonObject{{QStringLiteral("api_key"), key}});
               });
}
