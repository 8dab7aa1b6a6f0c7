#include "ApiControllers.h"

#include "AdminController.h"
#include "ApiServer.h"
#include "ContactsController.h"
#include "ConversationsController.h"
#include "MessagesController.h"
#include "MetaController.h"
#include "NumbersController.h"
#include "UsersController.h"
#include "VendorController.h"
#include "WebhooksController.h"

#include <memory>

void addCoreControllers(ApiServer &server, CoreServices &core)
{
    server.addController(std::make_unique<MetaController>(server));
    server.addController(std::make_unique<VendorController>(core, server.loginThrottle()));
    server.addController(std::make_unique<AdminController>(core));
    server.addController(std::make_unique<UsersController>(core));
    server.addController(std::make_unique<NumbersController>(core));
    server.addController(std::make_unique<ContactsController>(core));
    server.addController(std::make_unique<MessagesController>(core));
    server.addController(std::make_unique<ConversationsController>(core));
    server.addController(std::make_unique<WebhooksController>(core));
    // A new route group adds one line here (with its #include above). /connect and /sandbox
    // need the SessionManager and are added by addWhatsAppControllers (WhatsAppControllers.h),
    // and so is /messages/inbound (its media and read receipts go through the pages).
}
