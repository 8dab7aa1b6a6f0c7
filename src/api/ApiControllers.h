#pragma once

class ApiServer;
class CoreServices;

// Adds every controller of the REST API to a server: the app and the API tests call this,
// so a test server serves exactly what the real one does.
void addCoreControllers(ApiServer &server, CoreServices &core);
