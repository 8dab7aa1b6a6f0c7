#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

// A handler's answer. Errors are not built here: handlers throw DomainError and
// ApiErrorMapper turns it into the one error body of api.md.
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse json(const QJsonObject &object) { return json(200, object); }
    static ApiResponse noContent(); // 204, empty body
    static ApiResponse text(int status, const QByteArray &body, const QByteArray &contentType);
    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }
};
