#pragma once

#include <QJsonObject>
#include <QString>

// {{key}} → metadata[key], else the contact's own field of that name, else empty.
// {{key|fallback}} → fallback when the value is empty. Keys are trimmed. Replacement values are
// inserted literally (braces inside a value are never re-expanded). Unclosed "{{" stays as text.
class TemplateRenderer
{
public:
    static QString render(const QString &text, const QJsonObject &metadata,
                          const QJsonObject &contactFields);
};
