#pragma once

#include "ApiController.h"

#include <QByteArray>

class ApiServer;

// GET /health, /ready, /openapi.json (the bundled resource) and /metrics (Prometheus text).
class MetaController : public ApiController
{
public:
    explicit MetaController(ApiServer &server);
    void registerRoutes(Router &router) override;

private:
    QByteArray metricsText() const;

    ApiServer &m_server;
};
