#include "ApiServer.h"

#include "ApiAuth.h"
#include "ApiController.h"
#include "ApiErrorMapper.h"
#include "ApiHttpServer.h"
#include "CoreServices.h"
#include "EventHub.h"
#include "LoginThrottle.h"
#include "platform/Settings.h"

#include <QException>
#include <QHostInfo>
#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QNetworkInterface>
#include <QUrl>

Q_LOGGING_CATEGORY(lcApi, "wamator.api")

// The API's resources live in a static library: make sure the linker keeps them.
static void initApiResources()
{
    Q_INIT_RESOURCE(api);
}

namespace {
const QString kEventsPath = QStringLiteral("/events");
} // namespace

ApiServer::ApiServer(CoreServices &core, QObject *parent)
    : QObject(parent), m_core(core), m_auth(std::make_unique<ApiAuth>(core)),
      m_throttle(std::make_unique<LoginThrottle>(core.settings()))
{
    initApiResources();
    m_http = new ApiHttpServer([this](const QHttpServerRequest &r,
                                      const QByteArray &target) { return dispatch(r, target); },
                               kEventsPath, this);
    m_events = new EventHub(core, *m_auth, this);
    connect(m_http, &QAbstractHttpServer::newWebSocketConnection, this,
            [this] { m_events->acceptPending(*m_http); });
}

ApiServer::~ApiServer()
{
    // Sockets and the hub go before the controllers and services they call into.
    m_events->closeAll();
    delete m_http;
    m_http = nullptr;
    m_tcp = nullptr;
}

void ApiServer::addController(std::unique_ptr<ApiController> controller)
{
    controller->registerRoutes(m_router);
    m_controllers.push_back(std::move(controller));
}

EventHub &ApiServer::events()
{
    return *m_events;
}

ApiAuth &ApiServer::auth()
{
    return *m_auth;
}

LoginThrottle &ApiServer::loginThrottle()
{
    return *m_throttle;
}

void ApiServer::applySettings()
{
    if (m_tcp)
        m_tcp->setRequestGate(requestGate());
    if (m_limitsOverridden)
        return;
    const Settings &s = m_core.settings();
    m_limits.maxBodyBytes = s.maxBodyBytes();
    m_limits.maxConnections = s.maxConnections();
    m_limits.idleTimeoutSeconds = s.idleTimeoutSeconds();
    if (m_tcp)
        m_tcp->setLimits(m_limits);
}

void ApiServer::setLimits(const GuardedTcpServer::Limits &limits)
{
    m_limits = limits;
    m_limitsOverridden = true;
    if (m_tcp)
        m_tcp->setLimits(m_limits);
}

RequestGate ApiServer::requestGate() const
{
    RequestGate gate;
    gate.setListenAddress(m_tcp ? m_tcp->serverAddress() : QHostAddress());
    gate.setAllowedHosts(m_core.settings().allowedHosts());
    if (gate.listensEverywhere()) {
        // Listening on every interface: the machine's own names are the server's too.
        gate.setLocalAddresses(QNetworkInterface::allAddresses());
        gate.setLocalHostName(QHostInfo::localHostName());
    }
    return gate;
}

bool ApiServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_tcp) {
        m_error = QStringLiteral("already listening");
        return false;
    }
    applySettings();
    if (!m_followingSettings) {
        m_followingSettings = true;
        connect(&m_core.settings(), &Settings::changed, this, [this] { applySettings(); });
    }
    auto *tcp = new GuardedTcpServer(this);
    tcp->setLimits(m_limits);
    tcp->setHttpServer(m_http);
    connect(tcp, &GuardedTcpServer::refused, this, [this](int status) { count(status); });
    if (!tcp->listen(address, port)) {
        m_error = tcp->errorString();
        qCWarning(lcApi) << "cannot listen on" << address << port << ":" << m_error;
        delete tcp;
        return false;
    }
    m_http->bind(tcp); // not QAbstractHttpServer::listen(): our server carries the limits
    tcp->followHttpServerReads();
    m_tcp = tcp;
    m_tcp->setRequestGate(requestGate());
    m_events->start();
    qCInfo(lcApi) << "API listening on" << address.toString() << m_tcp->serverPort();
    return true;
}

void ApiServer::close()
{
    if (m_tcp)
        m_tcp->close();
    m_events->closeAll();
}

quint16 ApiServer::serverPort() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

QHostAddress ApiServer::serverAddress() const
{
    return m_tcp ? m_tcp->serverAddress() : QHostAddress();
}

QString ApiServer::errorString() const
{
    return m_error;
}

int ApiServer::openConnections() const
{
    return m_tcp ? m_tcp->openConnections() : 0;
}

void ApiServer::count(int status)
{
    m_requestsByClass[qBound(0, status / 100, 9)] += 1;
}

QHash<QString, quint64> ApiServer::requestsByStatusClass() const
{
    QHash<QString, quint64> out;
    for (int i = 0; i < 10; ++i)
        if (m_requestsByClass[i] > 0)
            out.insert(QString::number(i) + QStringLiteral("xx"), m_requestsByClass[i]);
    return out;
}

bool ApiServer::originAllowed(const QByteArray &origin) const
{
    if (origin.isEmpty())
        return false;
    const QStringList allowed = m_core.settings().corsAllowedOrigins();
    const QString o = QString::fromUtf8(origin);
    return allowed.contains(o) || allowed.contains(QStringLiteral("*"));
}

template <typename Produce>
ApiResponse ApiServer::answer(const Produce &produce, const QString &path)
{
    try {
        return produce();
    } catch (const DomainError &e) {
        return ApiErrorMapper::fromDomainError(e);
    } catch (const QUnhandledException &e) {
        // What a QtConcurrent task threw arrives wrapped: map the original.
        try {
            if (e.exception())
                std::rethrow_exception(e.exception());
        } catch (const DomainError &inner) {
            return ApiErrorMapper::fromDomainError(inner);
        } catch (const std::exception &inner) {
            return ApiErrorMapper::fromUnexpected(&inner, path);
        } catch (...) {
        }
        return ApiErrorMapper::fromUnexpected(nullptr, path);
    } catch (const std::exception &e) {
        return ApiErrorMapper::fromUnexpected(&e, path);
    } catch (...) {
        return ApiErrorMapper::fromUnexpected(nullptr, path);
    }
}

ApiResponse ApiServer::dispatch(const QHttpServerRequest &request, const QByteArray &rawTarget)
{
    // QHttpServer 6.4 reads "//whatsapp-numbers/1/list" as a URL whose host is
    // "whatsapp-numbers" (and then replaces the host from the Host header), losing the path.
    // The TCP guard saw the request line, so route on the target as sent when we have it.
    QString path;
    if (!rawTarget.startsWith('/')) {
        path = request.url().path(QUrl::FullyEncoded);
    } else {
        QByteArrayView p(rawTarget);
        const qsizetype cut = p.indexOf('?');
        if (cut >= 0)
            p.truncate(cut);
        const qsizetype hash = p.indexOf('#');
        if (hash >= 0)
            p.truncate(hash);
        path = QString::fromLatin1(p);
    }
    ApiResponse response = answer([&] { return route(request, path); }, path);
    if (response.isDeferred()) {
        // Headers and the count apply to the answer that is finally written, and a failure of
        // the deferred step maps like a synchronous one. The request object does not live that
        // long: keep what decorate() needs.
        auto complete = std::move(response.later->complete);
        const QByteArray origin = request.value("origin");
        response.later->complete = [this, complete = std::move(complete), origin, path] {
            ApiResponse r = answer(complete, path);
            decorate(origin, r);
            count(r.status);
            return r;
        };
        return response;
    }
    decorate(request.value("origin"), response);
    count(response.status);
    return response;
}

ApiResponse ApiServer::route(const QHttpServerRequest &request, const QString &path)
{
    const auto method = request.method();
    const Router::Match match = m_router.match(method, path);

    // CORS preflight, answered only for allowed origins on paths that exist.
    if (method == QHttpServerRequest::Method::Options && match.pathExists &&
        !request.value("access-control-request-method").isEmpty() &&
        originAllowed(request.value("origin"))) {
        ApiResponse r = ApiResponse::noContent();
        r.addHeader("Access-Control-Allow-Methods",
                    match.allowedMethods.join(QStringLiteral(", ")).toLatin1());
        r.addHeader("Access-Control-Allow-Headers",
                    "Content-Type, X-Api-Key, Authorization, X-Admin-Token");
        r.addHeader("Access-Control-Max-Age", "600");
        return r;
    }

    if (!match.handler) {
        if (match.pathExists) {
            ApiResponse r = ApiErrorMapper::error(
                405, QStringLiteral("method_not_allowed"),
                QStringLiteral("Method not allowed on this path"),
                QJsonObject{
                    {QStringLiteral("allowed"), QJsonArray::fromStringList(match.allowedMethods)}});
            r.addHeader("Allow", match.allowedMethods.join(QStringLiteral(", ")).toLatin1());
            return r;
        }
        if (path == kEventsPath)
            return ApiErrorMapper::error(426, QStringLiteral("upgrade_required"),
                                         QStringLiteral("/events is a WebSocket endpoint"));
        return ApiErrorMapper::error(404, QStringLiteral("not_found"),
                                     QStringLiteral("No such route"));
    }

    qint64 vendorId = 0;
    switch (match.access) {
    case Router::Access::Public:
        break;
    case Router::Access::Vendor:
        vendorId = m_auth->requireVendor(request);
        break;
    case Router::Access::Admin:
        m_auth->requireAdmin(request);
        break;
    case Router::Access::LoopbackOrAdmin:
        m_auth->requireLoopbackOrAdmin(request);
        break;
    }
    ApiRequest apiRequest(request, match.params);
    apiRequest.vendorId = vendorId;
    return (*match.handler)(apiRequest);
}

void ApiServer::decorate(const QByteArray &origin, ApiResponse &response) const
{
    // Literals: shared, not allocated again for every answer.
    response.headers.reserve(response.headers.size() + 5);
    response.addHeader(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.addHeader(QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY"));
    if (originAllowed(origin)) {
        response.addHeader("Access-Control-Allow-Origin", origin);
        response.addHeader("Vary", "Origin");
    }
}
