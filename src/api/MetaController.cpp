#include "MetaController.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "EngineInfo.h"
#include "EventHub.h"
#include "Router.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "storage/Database.h"

#include <QFile>
#include <QMap>

MetaController::MetaController(ApiServer &server) : m_server(server) {}

void MetaController::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    router.add(M::Get, QStringLiteral("/health"), Router::Access::Public, [](ApiRequest &) {
        // The Chromium of the WhatsApp pages: real WhatsApp Web needs a recent one.
        return ApiResponse::json(
            QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                        {QStringLiteral("version"), QStringLiteral(WAMATOR_VERSION)},
                        {QStringLiteral("chromium"), EngineInfo::chromiumVersion()}});
    });
    router.add(M::Get, QStringLiteral("/ready"), Router::Access::Public, [this](ApiRequest &) {
        if (!m_server.core().database().isOpen())
            throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("not_ready"),
                              QStringLiteral("The database is not open yet"));
        return ApiResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
    });
    router.add(M::Get, QStringLiteral("/openapi.json"), Router::Access::Public, [](ApiRequest &) {
        static const QByteArray document = [] {
            QFile f(QStringLiteral(":/api/openapi.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        if (document.isEmpty())
            throw DomainError::internal(QStringLiteral("openapi.json resource missing"));
        return ApiResponse::text(200, document, "application/json");
    });
    router.add(M::Get, QStringLiteral("/metrics"), Router::Access::LoopbackOrAdmin,
               [this](ApiRequest &) {
                   return ApiResponse::text(200, metricsText(),
                                            "text/plain; version=0.0.4; charset=utf-8");
               });
}

QByteArray MetaController::metricsText() const
{
    CoreServices &core = m_server.core();
    QByteArray out;
    auto family = [&out](const char *name, const char *type, const char *help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };

    family("wamator_http_requests_total", "counter",
           "HTTP answers by status class (including requests refused by the TCP guard).");
    const auto byClass = m_server.requestsByStatusClass();
    for (const char *cls : {"2xx", "3xx", "4xx", "5xx"}) {
        out += QByteArray("wamator_http_requests_total{code=\"") + cls + "\"} "
               + QByteArray::number(byClass.value(QString::fromLatin1(cls))) + '\n';
    }
    family("wamator_http_open_connections", "gauge", "Open HTTP connections.");
    out += "wamator_http_open_connections " + QByteArray::number(m_server.openConnections()) + '\n';
    family("wamator_websocket_clients", "gauge", "Authenticated /events WebSocket clients.");
    out += "wamator_websocket_clients " + QByteArray::number(m_server.events().clientCount()) + '\n';

    family("wamator_outbox_queue_depth", "gauge", "Messages pending or sending, all vendors.");
    out += "wamator_outbox_queue_depth " + QByteArray::number(core.messages().queueDepth()) + '\n';

    family("wamator_sessions", "gauge", "WhatsApp numbers by session state.");
    QMap<QString, int> byState;
    for (const QString &state : {SessionState::Disconnected, SessionState::Starting,
                                 SessionState::QrPending, SessionState::Authenticated,
                                 SessionState::Ready, SessionState::Failed})
        byState.insert(state, 0);
    for (const WhatsAppNumber &n : core.numbers().listAllForOperator())
        byState[n.state] += 1;
    for (auto it = byState.cbegin(); it != byState.cend(); ++it)
        out += "wamator_sessions{state=\"" + it.key().toUtf8() + "\"} "
               + QByteArray::number(it.value()) + '\n';
    // The webhook deliverer's families (deliveries by outcome, queue depth, latency) and any
    // other part the app registered.
    for (const ApiServer::MetricsSource &source : m_server.metricsSources()) {
        const QByteArray text = source();
        out += text;
        if (!text.isEmpty() && !text.endsWith('\n'))
            out += '\n';
    }
    return out;
}
