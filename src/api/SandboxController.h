#pragma once

#include "ApiController.h"
#include "Entities.h"

#include <QJsonObject>
#include <memory>

class ApiServer;
class CoreServices;
class MediaFetcher;
class PendingAnswer;
class SessionManager;
struct IncomingType;

// /sandbox/:userId/:phoneNumber/{scan,logout,outbox,incoming} (api.md "Sandbox control"): act
// as the phone of a sandbox number, and as its customers (incoming). A real number is 404 here.
class SandboxController : public ApiController
{
public:
    SandboxController(CoreServices &core, SessionManager &sessions, ApiServer &server);
    ~SandboxController() override;
    void registerRoutes(Router &router) override;

private:
    // The simulator's spec (INBOUND-CONTRACT §3) of POST .../incoming's body; the file_url to
    // fetch first, and the type (null: the download decides).
    QJsonObject incomingSpec(qint64 vendorId, const WhatsAppNumber &n, const QJsonObject &body,
                             QString *fileUrl, const IncomingType **type);
    void simulate(qint64 vendorId, qint64 numberId, QJsonObject spec,
                  const std::shared_ptr<PendingAnswer> &pending);
    void fetchThenSimulate(qint64 vendorId, qint64 numberId, QJsonObject spec,
                           const IncomingType *type, const QString &url,
                           const std::shared_ptr<PendingAnswer> &pending);

    CoreServices &m_core;
    SessionManager &m_sessions;
    ApiServer &m_server;
    std::unique_ptr<MediaFetcher> m_media; // file_url of incoming media, made on first use
};
