#pragma once

#include "ApiResponse.h"
#include "GuardedTcpServer.h"
#include "Router.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <functional>
#include <memory>
#include <vector>

class ApiAuth;
class ApiController;
class ApiHttpServer;
class CoreServices;
class EventHub;
class LoginThrottle;
class QHttpServerRequest;

// The local REST API + WebSocket hub: QtHttpServer on our GuardedTcpServer, every request
// dispatched through one Router (404/405/auth decided in one place), failures mapped by
// ApiErrorMapper, security and CORS headers added here for every answer.
class ApiServer : public QObject
{
    Q_OBJECT
public:
    explicit ApiServer(CoreServices &core, QObject *parent = nullptr);
    ~ApiServer() override;

    void addController(std::unique_ptr<ApiController> controller);

    // port 0 = any free port. Limits come from Settings (and follow its changes).
    bool listen(const QHostAddress &address, quint16 port);
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;
    void close();

    Router &router() { return m_router; }
    EventHub &events();
    ApiAuth &auth();
    LoginThrottle &loginThrottle();
    CoreServices &core() { return m_core; }

    // Limits default to Settings; tests may set tighter ones (e.g. a 1 s idle timeout).
    GuardedTcpServer::Limits limits() const { return m_limits; }
    void setLimits(const GuardedTcpServer::Limits &limits);

    // Figures for /metrics.
    int openConnections() const;
    QHash<QString, quint64> requestsByStatusClass() const;
    // Prometheus text of parts that live outside the API (the webhook deliverer, which the app
    // builds next to the server), appended to /metrics as it is.
    using MetricsSource = std::function<QByteArray()>;
    void addMetricsSource(MetricsSource source) { m_metricsSources.push_back(std::move(source)); }
    const std::vector<MetricsSource> &metricsSources() const { return m_metricsSources; }

    // The whole request pipeline without the network (used by the HTTP front).
    // rawTarget: the request-target as sent (from the TCP guard), empty if unknown.
    ApiResponse dispatch(const QHttpServerRequest &request, const QByteArray &rawTarget = {});

private:
    ApiResponse route(const QHttpServerRequest &request, const QString &path);
    // Runs a handler step; a throw becomes the mapped error answer. A template, not a
    // std::function: no allocation per request for the step's captures.
    template <typename Produce>
    static ApiResponse answer(const Produce &produce, const QString &path);
    void decorate(const QByteArray &origin, ApiResponse &response) const;
    bool originAllowed(const QByteArray &origin) const;
    void applySettings();
    // Host rules for the address listened on, from Settings (allowed_hosts).
    RequestGate requestGate() const;
    void count(int status);

    CoreServices &m_core;
    Router m_router;
    std::vector<std::unique_ptr<ApiController>> m_controllers;
    std::unique_ptr<ApiAuth> m_auth;
    std::unique_ptr<LoginThrottle> m_throttle;
    ApiHttpServer *m_http = nullptr;
    GuardedTcpServer *m_tcp = nullptr;
    EventHub *m_events = nullptr;
    GuardedTcpServer::Limits m_limits;
    bool m_limitsOverridden = false;
    bool m_followingSettings = false;
    QString m_error;
    quint64 m_requestsByClass[10] = {}; // by status / 100 ("2xx" at 2): no string per request
    std::vector<MetricsSource> m_metricsSources;
};
