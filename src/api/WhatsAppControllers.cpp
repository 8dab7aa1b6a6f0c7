#include "WhatsAppControllers.h"

#include "ApiServer.h"
#include "ConnectController.h"
#include "InboundController.h"
#include "NumberCheckController.h"
#include "SandboxController.h"

#include <memory>

void addWhatsAppControllers(ApiServer &server, CoreServices &core, SessionManager &sessions)
{
    server.addController(std::make_unique<ConnectController>(core, sessions));
    server.addController(std::make_unique<SandboxController>(core, sessions, server));
    server.addController(std::make_unique<InboundController>(core, sessions));
    server.addController(std::make_unique<NumberCheckController>(core, sessions));
}
