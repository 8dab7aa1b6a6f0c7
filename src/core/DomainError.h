#pragma once

#include <QJsonObject>
#include <QString>
#include <stdexcept>

// The one error type core services throw for anything a caller did wrong or asked for that
// cannot be. The API turns `kind` into an HTTP status in exactly one place (ApiErrorMapper);
// the GUI shows `message`. `code` is the stable snake_case code of api.md.
class DomainError : public std::runtime_error
{
public:
    enum class Kind {
        Validation,      // 400
        Unauthorized,    // 401
        Forbidden,       // 403
        NotFound,        // 404
        Conflict,        // 409
        PayloadTooLarge, // 413
        Unprocessable,   // 422
        RateLimited,     // 429
        Unavailable,     // 503
        Internal         // 500: a bug or a broken database, never bad input
    };

    DomainError(Kind kind, QString code, QString message, QJsonObject details = {})
        : std::runtime_error(message.toStdString()), m_kind(kind), m_code(std::move(code)),
          m_message(std::move(message)), m_details(std::move(details))
    {
    }

    Kind kind() const { return m_kind; }
    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }
    const QJsonObject &details() const { return m_details; }

    // Shorthands for the common cases.
    static DomainError notFound(const QString &what = QStringLiteral("resource"))
    {
        return DomainError(Kind::NotFound, QStringLiteral("not_found"),
                           QStringLiteral("%1 not found").arg(what));
    }
    static DomainError validation(const QString &field, const QString &message)
    {
        return DomainError(Kind::Validation, QStringLiteral("validation_failed"), message,
                           QJsonObject{{QStringLiteral("field"), field}});
    }
    static DomainError conflict(const QString &code, const QString &message)
    {
        return DomainError(Kind::Conflict, code, message);
    }
    static DomainError forbidden(const QString &code, const QString &message)
    {
        return DomainError(Kind::Forbidden, code, message);
    }
    static DomainError internal(const QString &message)
    {
        return DomainError(Kind::Internal, QStringLiteral("internal_error"), message);
    }

private:
    Kind m_kind;
    QString m_code;
    QString m_message;
    QJsonObject m_details;
};
