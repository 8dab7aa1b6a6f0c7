#pragma once

#include <QHash>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QJsonValue>
#include <QUrlQuery>

// What a route handler sees: the request, its path parameters and, for authenticated routes,
// the vendor id established from the API key (never from the body).
class ApiRequest
{
public:
    ApiRequest(const QHttpServerRequest &http, QHash<QString, QString> params);

    const QHttpServerRequest &http() const { return m_http; }
    QString param(const QString &name) const { return m_params.value(name); }
    // A path parameter that must be a positive integer id; otherwise NotFound (an id that
    // cannot exist names no resource).
    qint64 idParam(const QString &name) const;
    QUrlQuery query() const { return m_http.query(); }
    QString header(const QByteArray &name) const;
    QHostAddress peerAddress() const { return m_http.remoteAddress(); }

    // The body as JSON: 400 invalid_json if it is not valid JSON (or not UTF-8).
    QJsonValue json() const;
    // The body as a JSON object: 400 validation_failed (field "body") if it is not an object.
    QJsonObject jsonObject() const;

    qint64 vendorId = 0; // set by the router for Access::Vendor routes

private:
    const QHttpServerRequest &m_http;
    QHash<QString, QString> m_params;
};
