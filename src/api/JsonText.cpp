#include "JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

void JsonText::appendString(QByteArray &out, const QString &s)
{
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

void JsonText::appendStringOrNull(QByteArray &out, const QString &s)
{
    if (s.isNull())
        out += "null";
    else
        appendString(out, s);
}

void JsonText::appendValue(QByteArray &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; break;
    case QJsonValue::Bool: out += v.toBool() ? "true" : "false"; break;
    case QJsonValue::String: appendString(out, v.toString()); break;
    case QJsonValue::Array:
        if (v.toArray().isEmpty())
            out += "[]";
        else
            out += QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
        break;
    case QJsonValue::Object: out += QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact); break;
    case QJsonValue::Double: {
        // The same number text QJsonDocument writes.
        const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        out += a.mid(1, a.size() - 2);
        break;
    }
    }
}
