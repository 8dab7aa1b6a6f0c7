#include "ApiResponse.h"

#include <QJsonDocument>

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

ApiResponse ApiResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    ApiResponse r;
    r.status = status;
    r.body = body;
    r.contentType = contentType;
    return r;
}

ApiResponse ApiResponse::deferred(QFuture<void> work, std::function<ApiResponse()> complete)
{
    ApiResponse r;
    r.later = std::make_shared<Deferred>(Deferred{std::move(work), std::move(complete)});
    return r;
}
