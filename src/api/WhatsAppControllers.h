#pragma once

class ApiServer;
class CoreServices;
class SessionManager;

// Adds the routes that drive WhatsApp sessions (/connect, /sandbox) to a server. The app calls
// it next to addCoreControllers; API tests that need sessions do the same.
void addWhatsAppControllers(ApiServer &server, CoreServices &core, SessionManager &sessions);
