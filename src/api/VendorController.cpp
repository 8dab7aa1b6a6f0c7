#include "VendorController.h"

#include "ApiJson.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "LoginThrottle.h"
#include "RequestValidator.h"
#include "Router.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "security/Crypto.h"

#include <QFuture>

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
    // Argon2id (64 MiB, a good part of a second) runs on the password pool, never on this
    // thread, which also serves every other request, the window and the dispatcher. Checks
    // that cost no hash come first; the database is only touched here, before and after.
    router.add(
        M::Post, QStringLiteral("/vendors/register"), Router::Access::Public,
        [this](ApiRequest &req) {
            const QJsonObject body = req.jsonObject();
            const QString name = RV::requiredString(body, QStringLiteral("name"));
            const QString email = RV::requiredEmail(body, QStringLiteral("email"));
            const QString pw = password(body, true);
            const QString company = RV::requiredString(body, QStringLiteral("company_name"));
            const QString phone = RV::requiredString(body, QStringLiteral("phone_number"), 32);
            m_throttle.countRegistration(req.peerAddress());
            // Validation and a taken email answer now, without hashing.
            const VendorAccounts::Registration registration =
                m_core.accounts().checkRegistration(name, email, pw, company, phone);
            const QFuture<QString> hashing = Crypto::hashPasswordAsync(registration.password);
            return ApiResponse::deferred(QFuture<void>(hashing), [this, registration, hashing] {
                // The insert re-checks the email (UNIQUE): of two concurrent
                // registrations of one email, the second gets 409 email_taken.
                return ApiResponse::json(201, issued(m_core.accounts().completeRegistration(
                                                  registration, hashing.result())));
            });
        });

    router.add(
        M::Post, QStringLiteral("/vendors/login"), Router::Access::Public, [this](ApiRequest &req) {
            const QJsonObject body = req.jsonObject();
            const QString email = RV::requiredString(body, QStringLiteral("email"), 254).toLower();
            const QString pw = password(body, false);
            const QHostAddress peer = req.peerAddress();
            m_throttle.beginLogin(peer, email); // 429 while banned
            VendorAccounts::LoginCheck check;
            try {
                check = m_core.accounts().lookupLogin(email);
            } catch (...) {
                m_throttle.endLogin(peer, email, false);
                throw;
            }
            // An unknown email is verified against a dummy hash: same time, no oracle.
            const QFuture<bool> verifying = Crypto::verifyPasswordAsync(pw, check.passwordHash);
            return ApiResponse::deferred(QFuture<void>(verifying), [this, peer, email, check,
                                                                    verifying] {
                try {
                    ApiResponse r = ApiResponse::json(
                        issued(m_core.accounts().completeLogin(check, verifying.result())));
                    m_throttle.endLogin(peer, email, false);
                    return r;
                } catch (const DomainError &e) {
                    // Only a wrong email or password is a failed guess.
                    m_throttle.endLogin(peer, email, e.kind() == DomainError::Kind::Unauthorized);
                    throw;
                } catch (...) {
                    m_throttle.endLogin(peer, email, false);
                    throw;
                }
            });
        });

    router.add(
        M::Put, QStringLiteral("/vendors/update"), Router::Access::Vendor, [this](ApiRequest &req) {
            const QJsonObject body = req.jsonObject();
            const qint64 id = RV::requiredId(body, QStringLiteral("id"));
            if (id != req.vendorId)
                throw DomainError::forbidden(
                    QStringLiteral("forbidden"),
                    QStringLiteral("You can only update your own vendor account"));
            const auto name = RV::optionalString(body, QStringLiteral("name"));
            const auto company = RV::optionalString(body, QStringLiteral("company_name"));
            const auto phone = RV::optionalString(body, QStringLiteral("phone_number"), 32);
            // The same rules as the window's vendor dialog (name, E.164 phone).
            const Vendor v = m_core.accounts().updateProfile(req.vendorId, name, company, phone);
            return ApiResponse::json(QJsonObject{{QStringLiteral("vendor"), ApiJson::vendor(v)}});
        });

    router.add(
        M::Get, QStringLiteral("/vendors/me"), Router::Access::Vendor, [this](ApiRequest &req) {
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
