#pragma once

#include "ApiController.h"
#include "Entities.h"

#include <QString>

class CoreServices;
class SessionManager;

// /connect/:userId/:phoneNumber (api.md "Connecting a number"): start a number's WhatsApp
// session (202, the QR follows on the WebSocket) or, with {"method": "code"}, answer a
// pairing code to type on the phone (.../code/refresh, .../code/cancel); read its state and
// QR or code; log it out.
class ConnectController : public ApiController
{
public:
    ConnectController(CoreServices &core, SessionManager &sessions);
    void registerRoutes(Router &router) override;

    // The caller's number named by a user id and a phone number in any form the normaliser
    // accepts; 404 not_found for an unknown user, an invalid phone or a number of another user.
    static WhatsAppNumber resolve(CoreServices &core, qint64 vendorId, qint64 userId,
                                  const QString &rawPhone);

private:
    CoreServices &m_core;
    SessionManager &m_sessions;
};
