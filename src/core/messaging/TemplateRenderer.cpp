#include "messaging/TemplateRenderer.h"

#include "platform/JsonNumber.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

namespace {

const QLatin1String kOpen("{{");
const QLatin1String kClose("}}");

// How a JSON value reads inside a message: strings as they are, whole numbers without ".0",
// arrays (kids_names, interests, ...) as a comma list, objects as compact JSON.
QString valueText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (const auto i = JsonNumber::exactInteger(d))
            return QString::number(*i);
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList parts;
        const QJsonArray a = v.toArray();
        for (const QJsonValue &item : a) {
            const QString t = valueText(item);
            if (!t.isEmpty())
                parts << t;
        }
        return parts.join(QStringLiteral(", "));
    }
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace

QString TemplateRenderer::render(const QString &text, const QJsonObject &metadata,
                                 const QJsonObject &contactFields)
{
    return *render(text, metadata, contactFields, std::numeric_limits<qsizetype>::max());
}

std::optional<QString> TemplateRenderer::render(const QString &text, const QJsonObject &metadata,
                                                const QJsonObject &contactFields,
                                                qsizetype maxLength)
{
    return render(parse(text), metadata, contactFields, maxLength);
}

TemplateRenderer::Parsed TemplateRenderer::parse(const QString &text)
{
    Parsed parsed;
    parsed.m_text = text;
    if (!text.contains(kOpen))
        return parsed;
    int pos = 0;
    while (pos < text.size()) {
        Placeholder ph = next(text, pos);
        if (ph.start < 0)
            break;
        pos = ph.end;
        parsed.m_placeholders.append(std::move(ph));
    }
    return parsed;
}

std::optional<QString> TemplateRenderer::render(const Parsed &parsed, const QJsonObject &metadata,
                                                const QJsonObject &contactFields,
                                                qsizetype maxLength)
{
    const QString &text = parsed.m_text;
    if (parsed.m_placeholders.isEmpty()) {
        if (text.size() > maxLength)
            return std::nullopt;
        return text;
    }
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxLength) + 32);
    // Every piece is measured before it is appended: the output stops at maxLength.
    auto append = [&](QStringView piece) {
        if (piece.size() > maxLength - out.size())
            return false;
        out.append(piece);
        return true;
    };
    int pos = 0;
    // One left-to-right pass over the template only: replacement values are appended to the
    // output and never scanned again, so a "{{x}}" inside a contact's name stays literal.
    for (const Placeholder &ph : parsed.m_placeholders) {
        if (!append(QStringView(text).mid(pos, ph.start - pos)))
            return std::nullopt;
        QString value;
        if (!ph.key.isEmpty()) {
            value = valueText(metadata.value(ph.key));
            if (value.isEmpty())
                value = valueText(contactFields.value(ph.key));
        }
        if (!append(value.isEmpty() ? ph.fallback : value))
            return std::nullopt;
        pos = ph.end;
    }
    if (!append(QStringView(text).mid(pos)))
        return std::nullopt;
    return out;
}

TemplateRenderer::Placeholder TemplateRenderer::next(const QString &text, int from)
{
    Placeholder ph;
    const int open = text.indexOf(kOpen, from);
    if (open < 0)
        return ph;
    const int close = text.indexOf(kClose, open + 2);
    if (close < 0)
        return ph; // unclosed: the rest is text
    // "{{ a {{b}}": the first "{{" is text, the inner one is the placeholder.
    const int inner = text.lastIndexOf(kOpen, close - 1);
    ph.start = (inner > open && inner + 2 <= close) ? inner : open;
    ph.end = close + 2;
    const QString body = text.mid(ph.start + 2, close - ph.start - 2);
    const int bar = body.indexOf(QLatin1Char('|'));
    ph.key = (bar < 0 ? body : body.left(bar)).trimmed();
    ph.fallback = bar < 0 ? QString() : body.mid(bar + 1).trimmed();
    return ph;
}

QStringList TemplateRenderer::keys(const QString &text)
{
    return keys(parse(text));
}

QStringList TemplateRenderer::keys(const Parsed &parsed)
{
    QStringList out;
    out.reserve(parsed.m_placeholders.size());
    for (const Placeholder &ph : parsed.m_placeholders)
        out << ph.key;
    return out;
}
