#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

// {{key}} → metadata[key], else the contact's own field of that name, else empty.
// {{key|fallback}} → fallback when the value is empty. Keys are trimmed. Replacement values are
// inserted literally (braces inside a value are never re-expanded). Unclosed "{{" stays as text.
class TemplateRenderer
{
    struct Placeholder
    {
        int start = -1; // index of its "{{"
        int end = -1;   // index after its "}}"
        QString key;
        QString fallback;
    };

public:
    // A template scanned once, to render it for many recipients: a batch renders the same
    // text for up to 1,000 of them, and scanning it again each time (indexOf, mid, trimmed for
    // every placeholder) cost about as much as the rendering.
    class Parsed
    {
    public:
        const QString &text() const { return m_text; }
        bool hasPlaceholders() const { return !m_placeholders.isEmpty(); }

    private:
        friend class TemplateRenderer;
        QString m_text;
        QList<Placeholder> m_placeholders;
    };
    static Parsed parse(const QString &text);
    // render(text, ...) for the parsed text: the same output.
    static std::optional<QString> render(const Parsed &parsed, const QJsonObject &metadata,
                                         const QJsonObject &contactFields, qsizetype maxLength);
    static QStringList keys(const Parsed &parsed);

    static QString render(const QString &text, const QJsonObject &metadata,
                          const QJsonObject &contactFields);
    // The same, but nullopt as soon as the output would pass maxLength characters: a template
    // repeating a long value thousands of times is refused before the string is built, not
    // measured afterwards (the output never grows beyond maxLength).
    static std::optional<QString> render(const QString &text, const QJsonObject &metadata,
                                         const QJsonObject &contactFields, qsizetype maxLength);

    // The key of every placeholder render() will replace, in order (duplicates kept; "" for
    // "{{}}" or "{{|fallback}}"; empty list: render() returns the text as it is): the one
    // scanner of placeholders, so a caller gathering values ahead of rendering (the composer
    // reads only the contact fields a template names) sees exactly what render() sees.
    static QStringList keys(const QString &text);

private:
    // The first placeholder at or after `from`; start < 0 when there is none.
    static Placeholder next(const QString &text, int from);
};
