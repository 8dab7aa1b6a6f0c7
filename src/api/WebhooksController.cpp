#include "WebhooksController.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "InboundController.h"
#include "RequestValidator.h"
#include "Router.h"
#include "platform/Clock.h"
#include "storage/Database.h"
#include "webhooks/WebhookDeliveryStore.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QJsonArray>
#include <QUrl>

namespace {

using Method = QHttpServerRequest::Method;
const QString kId = QStringLiteral("id");

QJsonObject endpointJson(const WebhookEndpoint &e)
{
    return QJsonObject{{QStringLiteral("webhook"), e.toJson()}};
}

// app_user_id on create and PATCH: absent → not given; null → every user of the vendor (the
// answer's null means the same, so a PATCH can widen the scope back); else a positive id.
std::optional<qint64> appUserField(const QJsonObject &body)
{
    const QString field = QStringLiteral("app_user_id");
    if (!body.contains(field))
        return std::nullopt;
    if (body.value(field).isNull())
        return 0;
    return RequestValidator::requiredId(body, field);
}

// url: a string is required here (validation_failed); whether it is a usable URL is the
// store's rule (invalid_url, url_not_allowed), so the limit here only guards huge input.
QString urlField(const QJsonObject &body)
{
    return RequestValidator::requiredString(body, QStringLiteral("url"),
                                            4 * WebhookStore::kMaxUrlLength);
}

QString descriptionField(const QJsonObject &body, bool *given)
{
    const auto d = RequestValidator::optionalString(body, QStringLiteral("description"),
                                                    WebhookStore::kMaxDescriptionLength);
    *given = d.has_value();
    return d ? *d : QString();
}

} // namespace

WebhooksController::WebhooksController(CoreServices &core) : m_core(core) {}

QStringList WebhooksController::eventsField(const QJsonObject &body)
{
    const QString field = QStringLiteral("events");
    const QJsonArray items = RequestValidator::requiredArray(body, field);
    QStringList events;
    for (const QJsonValue &v : items) {
        if (!v.isString())
            throw DomainError::validation(field,
                                          QStringLiteral("events must be an array of event names"));
        events << v.toString();
    }
    return events;
}

void WebhooksController::registerRoutes(Router &router)
{
    const auto vendor = Router::Access::Vendor;

    router.add(Method::Post, QStringLiteral("/webhooks"), vendor, [this](ApiRequest &req) {
        const QJsonObject body = req.jsonObject();
        const QString url = urlField(body);
        const QStringList events = eventsField(body);
        const qint64 appUserId = appUserField(body).value_or(0);
        bool described = false;
        const QString description = descriptionField(body, &described);
        const WebhookStore::Created created =
            m_core.webhooks().create(req.vendorId, url, events, appUserId, description);
        // The secret is shown here and by rotate-secret only: it is stored encrypted and never
        // answered again.
        QJsonObject o = endpointJson(created.endpoint);
        o.insert(QStringLiteral("secret"), created.secret);
        return ApiResponse::json(201, o);
    });

    router.add(Method::Get, QStringLiteral("/webhooks"), vendor, [this](ApiRequest &req) {
        QJsonArray items;
        for (const WebhookEndpoint &e : m_core.webhooks().list(req.vendorId))
            items.append(e.toJson());
        return ApiResponse::json(QJsonObject{{QStringLiteral("webhooks"), items}});
    });

    router.add(Method::Get, QStringLiteral("/webhooks/:id"), vendor, [this](ApiRequest &req) {
        return ApiResponse::json(
            endpointJson(m_core.webhooks().find(req.vendorId, req.idParam(kId))));
    });

    router.add(Method::Patch, QStringLiteral("/webhooks/:id"), vendor, [this](ApiRequest &req) {
        const qint64 id = req.idParam(kId);
        const QJsonObject body = req.jsonObject();
        WebhookStore::Patch patch;
        if (body.contains(QStringLiteral("url"))) // a URL cannot be cleared: null is refused
            patch.url = urlField(body);
        if (body.contains(QStringLiteral("events")))
            patch.events = eventsField(body);
        patch.appUserId = appUserField(body);
        bool described = false;
        const QString description = descriptionField(body, &described);
        if (described)
            patch.description = description.isNull() ? QStringLiteral("") : description;
        patch.enabled = RequestValidator::optionalBool(body, QStringLiteral("enabled"));
        return ApiResponse::json(endpointJson(m_core.webhooks().update(req.vendorId, id, patch)));
    });

    router.add(Method::Delete, QStringLiteral("/webhooks/:id"), vendor, [this](ApiRequest &req) {
        m_core.webhooks().remove(req.vendorId, req.idParam(kId));
        return ApiResponse::noContent();
    });

    router.add(Method::Post, QStringLiteral("/webhooks/:id/rotate-secret"), vendor,
               [this](ApiRequest &req) {
                   const qint64 id = req.idParam(kId);
                   const QString secret = m_core.webhooks().rotateSecret(req.vendorId, id);
                   QJsonObject o = endpointJson(m_core.webhooks().find(req.vendorId, id));
                   o.insert(QStringLiteral("secret"), secret);
                   o.insert(QStringLiteral("previous_secret_expires_at"),
                            Clock::toIso(Clock::nowMs() + WebhookStore::kPreviousSecretTtlMs));
                   return ApiResponse::json(o);
               });

    router.add(Method::Post, QStringLiteral("/webhooks/:id/test"), vendor, [this](ApiRequest &req) {
        const WebhookOutbox::Staged staged =
            m_core.webhookOutbox().stageTest(req.vendorId, req.idParam(kId));
        // Staged, not yet delivered: the result shows in the delivery log.
        return ApiResponse::json(202,
                                 QJsonObject{{QStringLiteral("event_id"), staged.eventId},
                                             {QStringLiteral("delivery_id"), staged.deliveryId}});
    });

    router.add(
        Method::Get, QStringLiteral("/webhooks/:id/deliveries"), vendor, [this](ApiRequest &req) {
            const qint64 id = req.idParam(kId);
            m_core.webhooks().find(req.vendorId, id); // another vendor's → 404
            const QUrlQuery q = req.query();
            const QString status =
                q.queryItemValue(QStringLiteral("status"), QUrl::FullyDecoded).trimmed();
            if (!status.isEmpty() && status != QLatin1String("pending") &&
                status != QLatin1String("succeeded") && status != QLatin1String("failed"))
                throw DomainError::validation(
                    QStringLiteral("status"),
                    QStringLiteral("status must be pending, succeeded or failed"));
            const qint64 sinceMs = InboundController::queryTimeMs(
                q.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded),
                QStringLiteral("since"));
            // The window's log uses the same store and limits.
            const int limit = RequestValidator::queryInt(
                q.queryItemValue(QStringLiteral("limit")), QStringLiteral("limit"),
                WebhookDeliveryStore::kDefaultLogLimit, 1, WebhookDeliveryStore::kMaxLogLimit);
            QJsonArray items;
            const WebhookDeliveryStore store(m_core.database().connectionName());
            for (const WebhookDeliveryStore::Entry &e :
                 store.deliveries(req.vendorId, id, status, sinceMs, limit))
                items.append(e.toJson());
            return ApiResponse::json(QJsonObject{{QStringLiteral("deliveries"), items}});
        });

    router.add(Method::Post, QStringLiteral("/webhooks/:id/deliveries/:did/replay"), vendor,
               [this](ApiRequest &req) {
                   const WebhookOutbox::Staged staged = m_core.webhookOutbox().replay(
                       req.vendorId, req.idParam(kId), req.idParam(QStringLiteral("did")));
                   return ApiResponse::json(
                       202, QJsonObject{{QStringLiteral("event_id"), staged.eventId},
                                        {QStringLiteral("delivery_id"), staged.deliveryId}});
               });
}
