#include "ApiRequest.h"

#include "DomainError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

ApiRequest::ApiRequest(const QHttpServerRequest &http, QHash<QString, QString> params)
    : m_http(http), m_params(std::move(params))
{
}

qint64 ApiRequest::idParam(const QString &name) const
{
    const QString raw = m_params.value(name);
    // Digits only (no sign, no spaces) and short enough to fit: anything else names nothing.
    if (raw.isEmpty() || raw.size() > 18)
        throw DomainError::notFound();
    for (const QChar c : raw) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            throw DomainError::notFound();
    }
    const qint64 id = raw.toLongLong();
    if (id <= 0)
        throw DomainError::notFound();
    return id;
}

QString ApiRequest::header(const QByteArray &name) const
{
    return QString::fromUtf8(m_http.value(name));
}

static DomainError invalidJson(const QString &message)
{
    return DomainError(DomainError::Kind::Validation, QStringLiteral("invalid_json"), message);
}

QJsonValue ApiRequest::json() const
{
    const QByteArray body = m_http.body();
    if (body.trimmed().isEmpty())
        throw invalidJson(QStringLiteral("The request body must be JSON"));
    // QJsonDocument replaces some malformed sequences silently; decode strictly first so bad
    // UTF-8 is refused instead of being stored as U+FFFD.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder(body);
    Q_UNUSED(decoded);
    if (decoder.hasError())
        throw invalidJson(QStringLiteral("The request body is not valid UTF-8"));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        throw invalidJson(QStringLiteral("The request body is not valid JSON: %1 at offset %2")
                              .arg(error.errorString())
                              .arg(error.offset));
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    throw invalidJson(QStringLiteral("The request body must be a JSON object or array"));
}

QJsonObject ApiRequest::jsonObject() const
{
    const QJsonValue value = json();
    if (!value.isObject())
        throw DomainError::validation(QStringLiteral("body"),
                                      QStringLiteral("The request body must be a JSON object"));
    return value.toObject();
}
