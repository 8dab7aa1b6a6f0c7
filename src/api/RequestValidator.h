#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

// Field readers shared by all controllers. Each throws DomainError validation_failed with
// details.field naming the field when it is missing (required*), of the wrong type, or invalid.
// Strings follow TextInput's rule (core, shared with ContactJson; docs/api.md "Validation"):
// trimmed; null and blank are no value; a required one without a value is "<field> is
// required". maxLength guards huge input.
namespace RequestValidator {
QString requiredString(const QJsonObject &o, const QString &field, int maxLength = 255);
// nullopt: absent; a null QString: null or blank (no value: a PATCH clears the field, or
// refuses it where a value is needed); else the trimmed text.
std::optional<QString> optionalString(const QJsonObject &o, const QString &field,
                                      int maxLength = 255);
qint64 requiredId(const QJsonObject &o, const QString &field); // positive integer
std::optional<qint64> optionalId(const QJsonObject &o, const QString &field);
std::optional<bool> optionalBool(const QJsonObject &o, const QString &field);
std::optional<int> optionalInt(const QJsonObject &o, const QString &field, int min, int max);
int requiredInt(const QJsonObject &o, const QString &field, int min, int max);
QJsonArray requiredArray(const QJsonObject &o, const QString &field);
QString requiredEmail(const QJsonObject &o, const QString &field); // trimmed, lower-cased
// Query parameters: page/limit with bounds; absent → default; garbage → validation_failed.
int queryInt(const QString &value, const QString &field, int defaultValue, int min, int max);
} // namespace RequestValidator
