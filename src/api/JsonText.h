#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// Writing JSON text directly into a buffer, for the few answers that carry thousands of
// entities (a 5,000-contact import, a 10,000-recipient batch): building a QJsonObject tree per
// entity and serialising it costs more than the database work behind the answer. Everything
// else uses QJsonObject + ApiResponse::json.
namespace JsonText {
// `s` as a JSON string literal (RFC 8259 escaping), UTF-8; a null QString as null.
void appendString(QByteArray &out, const QString &s);
void appendStringOrNull(QByteArray &out, const QString &s);
// Any JSON value (arrays and objects through QJsonDocument: they are small here).
void appendValue(QByteArray &out, const QJsonValue &v);
} // namespace JsonText
