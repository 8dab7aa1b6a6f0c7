#pragma once

class ApiServer;
class CoreServices;
class SessionManager;

// Adds the routes that drive WhatsApp sessions (/connect, /sandbox, /messages/inbound: its media
// and read receipts go through the pages) to a server. The app calls
// it next to addCoreControllers; API tests that need sessions do the same.
void addWhatsAppControllers(ApiServer &server, CoreServices &core, SessionManager &sessions);
