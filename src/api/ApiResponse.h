#pragma once

#include <QByteArray>
#include <QFuture>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <functional>
#include <memory>

// A handler's answer. Errors are not built here: handlers throw DomainError and
// ApiErrorMapper turns it into the one error body of api.md.
//
// An answer may be deferred: a handler whose work is slow and needs no database (Argon2id)
// starts it on another thread and returns ApiResponse::deferred(work, complete). The HTTP
// front keeps the connection, serves other requests meanwhile, and once `work` has finished
// calls `complete` on the server's thread (where the database connection lives); what
// complete returns, or throws, is answered exactly like a synchronous handler's result.
struct ApiResponse
{
    struct Deferred;

    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json"); // a literal: no allocation
    QList<QPair<QByteArray, QByteArray>> headers;
    std::shared_ptr<Deferred> later; // set only for a deferred answer

    static ApiResponse deferred(QFuture<void> work, std::function<ApiResponse()> complete);
    bool isDeferred() const { return bool(later); }

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse json(const QJsonObject &object) { return json(200, object); }
    static ApiResponse noContent(); // 204, empty body
    static ApiResponse text(int status, const QByteArray &body, const QByteArray &contentType);
    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append(qMakePair(name, value));
    }
};

struct ApiResponse::Deferred
{
    QFuture<void> work;                    // runs elsewhere; must not touch the database
    std::function<ApiResponse()> complete; // runs on the server's thread once work is done
};
