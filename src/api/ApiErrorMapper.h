#pragma once

#include "ApiResponse.h"
#include "DomainError.h"

#include <exception>

// The one place a failure becomes an HTTP answer: DomainError::Kind → status, and the single
// error body of api.md: {"error": {"code", "message", "details"?}}. Anything that is not a
// DomainError is a bug: 500 internal_error, logged, with no internals in the body.
namespace ApiErrorMapper {
int statusFor(DomainError::Kind kind);
ApiResponse fromDomainError(const DomainError &error);
ApiResponse fromUnexpected(const std::exception *error, const QString &context);
// For answers built outside a handler (404/405 from the router, 401 from auth, the TCP guard).
ApiResponse error(int status, const QString &code, const QString &message,
                  const QJsonObject &details = {});
QByteArray errorBody(const QString &code, const QString &message, const QJsonObject &details = {});
} // namespace ApiErrorMapper
