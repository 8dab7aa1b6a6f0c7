#pragma once

#include <QJsonObject>
#include <QString>

#include <limits>
#include <optional>

// {{key}} → metadata[key], else the contact's own field of that name, else empty.
// {{key|fallback}} → fallback when the value is empty. Keys are trimmed. Replacement values are
// inserted literally (braces inside a value are never re-expanded). Unclosed "{{" stays as text.
class TemplateRenderer
{
public:
    static QString render(const QString &text, const QJsonObject &metadata,
                          const QJsonObject &contactFields);
    // The same, but nullopt as soon as the output would pass maxLength characters: a template
    // repeating a long value thousands of times is refused before the string is built, not
    // measured afterwards (the output never grows beyond maxLength).
    static std::optional<QString> render(const QString &text, const QJsonObject &metadata,
                                         const QJsonObject &contactFields, qsizetype maxLength);
};
