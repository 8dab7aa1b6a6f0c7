#include "platform/TextInput.h"

#include "DomainError.h"

std::optional<QString> TextInput::optional(const QJsonValue &value, const QString &field,
                                           int maxLength, bool keepSpaces)
{
    if (value.isUndefined())
        return std::nullopt;
    if (value.isNull())
        return QString();
    if (!value.isString())
        throw DomainError::validation(field, QStringLiteral("%1 must be a string").arg(field));
    const QString raw = value.toString();
    const QString trimmed = raw.trimmed();
    // Blank is checked before the length: a form's 300 spaces are no value, not too long.
    if (trimmed.isEmpty())
        return QString();
    const QString s = keepSpaces ? raw : trimmed;
    if (s.size() > maxLength)
        throw DomainError::validation(
            field, QStringLiteral("%1 must be at most %2 characters").arg(field).arg(maxLength));
    return s;
}

QString TextInput::required(const QJsonValue &value, const QString &field, int maxLength)
{
    const std::optional<QString> s = optional(value, field, maxLength);
    if (!s || s->isEmpty())
        throw DomainError::validation(field, QStringLiteral("%1 is required").arg(field));
    return *s;
}
