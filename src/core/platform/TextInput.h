#pragma once

#include <QJsonValue>
#include <QString>
#include <optional>

// The one reading of a text member of a JSON body, for every API route (RequestValidator) and
// the contact codec (ContactJson, which the window's forms and CSV import share); the rule is
// documented in docs/api.md "Validation":
// - a string is trimmed (unless keepSpaces: notes keep their layout);
// - null and a blank string ("" or spaces only) are the same thing: no value;
// - absent means "not given" (on a PATCH: left as it is);
// - a required field that is absent, null or blank is "<field> is required";
// - any other type is "<field> must be a string", a longer one "… at most N characters".
// Errors are DomainError::validation naming the field.
class TextInput
{
public:
    // nullopt: absent (a default-constructed QJsonValue or QJsonValue::Undefined).
    // A null QString: null or blank, no value (on a PATCH: clear it). Else the trimmed text.
    static std::optional<QString> optional(const QJsonValue &value, const QString &field,
                                           int maxLength, bool keepSpaces = false);
    // The trimmed, non-empty text; absent, null and blank throw "<field> is required".
    static QString required(const QJsonValue &value, const QString &field, int maxLength);
};
