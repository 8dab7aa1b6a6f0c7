#pragma once

#include "ApiRequest.h"
#include "ApiResponse.h"

#include <QHttpServerRequest>
#include <QStringList>
#include <functional>

// Method + path pattern → handler, with the access rule. Patterns use ":name" segments
// ("/users/:id", "/contacts/:userId/batch-update"); a literal segment wins over a parameter.
// A path that matches with another method answers 405 method_not_allowed; no match, 404.
// Handlers are synchronous (QHttpServer 6.4) and throw DomainError for every failure.
class Router
{
public:
    enum class Access
    {
        Public,          // no key
        Vendor,          // x-api-key / Bearer → request.vendorId
        Admin,           // x-admin-token
        LoopbackOrAdmin, // /metrics
    };
    using Handler = std::function<ApiResponse(ApiRequest &)>;

    void add(QHttpServerRequest::Method method, const QString &pattern, Access access,
             Handler handler);

    struct Match
    {
        const Handler *handler = nullptr;
        Access access = Access::Public;
        QHash<QString, QString> params;
        bool pathExists = false; // some route has this path (for 405 vs 404)
        QString pattern;
        QStringList allowedMethods; // methods of the matched path (the Allow header of a 405)
    };
    Match match(QHttpServerRequest::Method method, const QString &path) const;

    // Every (method, pattern) registered, for the OpenAPI consistency test.
    QList<QPair<QString, QString>> routes() const;

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QString pattern;
        QStringList segments;
        Access access;
        Handler handler;
    };
    // A path made only of literal segments: what match() answers for it, worked out once.
    struct Literal
    {
        QList<QPair<QHttpServerRequest::Method, const Route *>> routes; // in registration order
        QStringList allowedMethods;
    };
    Match matchGeneral(QHttpServerRequest::Method method, const QString &path) const;
    void rebuildLiterals();

    QList<Route> m_routes;
    // Literal patterns by their segments joined with '/' ("users/list"): the most specific
    // shape there is, so a path equal to one is decided without trying every route.
    QHash<QString, Literal> m_literals;
};
