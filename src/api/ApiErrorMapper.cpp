#include "ApiErrorMapper.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcApiErrors, "wamator.api")

int ApiErrorMapper::statusFor(DomainError::Kind kind)
{
    switch (kind) {
    case DomainError::Kind::Validation: return 400;
    case DomainError::Kind::Unauthorized: return 401;
    case DomainError::Kind::Forbidden: return 403;
    case DomainError::Kind::NotFound: return 404;
    case DomainError::Kind::Conflict: return 409;
    case DomainError::Kind::PayloadTooLarge: return 413;
    case DomainError::Kind::Unprocessable: return 422;
    case DomainError::Kind::RateLimited: return 429;
    case DomainError::Kind::Unavailable: return 503;
    case DomainError::Kind::Internal: return 500;
    }
    return 500;
}

QByteArray ApiErrorMapper::errorBody(const QString &code, const QString &message,
                                     const QJsonObject &details)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!details.isEmpty())
        error.insert(QStringLiteral("details"), details);
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact);
}

ApiResponse ApiErrorMapper::error(int status, const QString &code, const QString &message,
                                  const QJsonObject &details)
{
    ApiResponse r;
    r.status = status;
    r.body = errorBody(code, message, details);
    return r;
}

ApiResponse ApiErrorMapper::fromDomainError(const DomainError &e)
{
    const int status = statusFor(e.kind());
    if (status >= 500) {
        // Internal/Unavailable from a service: keep the message for the log, not the client.
        qCCritical(lcApiErrors) << "server error" << e.code() << e.message();
        if (e.kind() == DomainError::Kind::Internal)
            return error(500, QStringLiteral("internal_error"),
                         QStringLiteral("Internal server error"));
    }
    ApiResponse r = error(status, e.code(), e.message(), e.details());
    // A rate limit names its wait in details.retry_after (seconds); HTTP clients read the header.
    if (e.kind() == DomainError::Kind::RateLimited) {
        const int retryAfter = e.details().value(QStringLiteral("retry_after")).toInt();
        r.addHeader("Retry-After", QByteArray::number(qMax(1, retryAfter)));
    }
    return r;
}

ApiResponse ApiErrorMapper::fromUnexpected(const std::exception *e, const QString &context)
{
    qCCritical(lcApiErrors).noquote() << "unexpected exception (a bug) in" << context << ":"
                                      << (e ? e->what() : "non-standard exception");
    return error(500, QStringLiteral("internal_error"), QStringLiteral("Internal server error"));
}
