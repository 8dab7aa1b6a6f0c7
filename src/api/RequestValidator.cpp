#include "RequestValidator.h"

#include "DomainError.h"
#include "platform/JsonNumber.h"
#include "platform/TextInput.h"

#include <QRegularExpression>

namespace {

bool isPresent(const QJsonObject &o, const QString &field)
{
    const auto it = o.constFind(field);
    return it != o.constEnd() && !it->isNull() && !it->isUndefined();
}

std::optional<qint64> idFrom(const QJsonValue &v)
{
    if (v.isDouble()) {
        // 1e300, 1.5 and 9007199254740993 are not ids (JsonNumber says why).
        const auto id = JsonNumber::exactInteger(v);
        if (!id || *id < 1)
            return std::nullopt;
        return id;
    }
    // Clients of the original (Express) API often sent ids as strings; accept plain digits.
    if (v.isString()) {
        const QString s = v.toString().trimmed();
        if (s.isEmpty() || s.size() > 15)
            return std::nullopt;
        for (const QChar c : s) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return std::nullopt;
        }
        const qint64 id = s.toLongLong();
        if (id < 1)
            return std::nullopt;
        return id;
    }
    return std::nullopt;
}

} // namespace

QString RequestValidator::requiredString(const QJsonObject &o, const QString &field, int maxLength)
{
    return TextInput::required(o.value(field), field, maxLength);
}

std::optional<QString> RequestValidator::optionalString(const QJsonObject &o, const QString &field,
                                                        int maxLength)
{
    return TextInput::optional(o.value(field), field, maxLength);
}

qint64 RequestValidator::requiredId(const QJsonObject &o, const QString &field)
{
    if (!isPresent(o, field))
        throw DomainError::validation(field, QStringLiteral("%1 is required").arg(field));
    const auto id = idFrom(o.value(field));
    if (!id)
        throw DomainError::validation(field,
                                      QStringLiteral("%1 must be a positive integer").arg(field));
    return *id;
}

std::optional<qint64> RequestValidator::optionalId(const QJsonObject &o, const QString &field)
{
    if (!isPresent(o, field))
        return std::nullopt;
    return requiredId(o, field);
}

std::optional<bool> RequestValidator::optionalBool(const QJsonObject &o, const QString &field)
{
    if (!isPresent(o, field))
        return std::nullopt;
    const QJsonValue v = o.value(field);
    if (!v.isBool())
        throw DomainError::validation(field, QStringLiteral("%1 must be true or false").arg(field));
    return v.toBool();
}

std::optional<int> RequestValidator::optionalInt(const QJsonObject &o, const QString &field,
                                                 int min, int max)
{
    if (!isPresent(o, field))
        return std::nullopt;
    const auto n = JsonNumber::exactInteger(o.value(field));
    if (!n || *n < min || *n > max)
        throw DomainError::validation(
            field,
            QStringLiteral("%1 must be an integer from %2 to %3").arg(field).arg(min).arg(max));
    return static_cast<int>(*n);
}

int RequestValidator::requiredInt(const QJsonObject &o, const QString &field, int min, int max)
{
    const auto v = optionalInt(o, field, min, max);
    if (!v)
        throw DomainError::validation(field, QStringLiteral("%1 is required").arg(field));
    return *v;
}

QJsonArray RequestValidator::requiredArray(const QJsonObject &o, const QString &field)
{
    if (!isPresent(o, field))
        throw DomainError::validation(field, QStringLiteral("%1 is required").arg(field));
    const QJsonValue v = o.value(field);
    if (!v.isArray())
        throw DomainError::validation(field, QStringLiteral("%1 must be an array").arg(field));
    return v.toArray();
}

QString RequestValidator::requiredEmail(const QJsonObject &o, const QString &field)
{
    const QString email = requiredString(o, field, 254).toLower();
    // Deliberately loose (one @, a dot in the domain, no spaces): the mailbox is the vendor's
    // business, this only catches obvious mistakes.
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!re.match(email).hasMatch())
        throw DomainError::validation(field,
                                      QStringLiteral("%1 must be an email address").arg(field));
    return email;
}

int RequestValidator::queryInt(const QString &value, const QString &field, int defaultValue,
                               int min, int max)
{
    const QString v = value.trimmed();
    if (v.isEmpty())
        return defaultValue;
    bool ok = false;
    const qlonglong n = v.toLongLong(&ok);
    if (!ok || n < min || n > max)
        throw DomainError::validation(
            field,
            QStringLiteral("%1 must be an integer from %2 to %3").arg(field).arg(min).arg(max));
    return static_cast<int>(n);
}
