#pragma once

#include "HttpClient.h"
#include "TestSupport.h"

#include <QString>
#include <memory>

class ApiServer;
class CoreServices;

// A complete API on loopback for one test: a fresh data directory, CoreServices with a
// MemorySecretStore (opened and migrated), and an ApiServer with every core controller
// (addCoreControllers) listening on 127.0.0.1 on a free port. The admin token is
// TestApiServer::AdminToken (set through WAMATOR_ADMIN_TOKEN, as a headless deployment would).
class TestApiServer
{
public:
    static constexpr const char *AdminToken = "test-admin-token-0123456789abcdef";

    struct Options
    {
        bool listen = true;
        bool addControllers = true;
    };
    TestApiServer();
    explicit TestApiServer(const Options &options);
    ~TestApiServer();

    bool isValid() const { return m_valid; } // QVERIFY(server.isValid()) first
    CoreServices &core() { return *m_core; }
    ApiServer &server() { return *m_server; }
    quint16 port() const;
    QString dataDir() const { return m_dir.path(); }

    // Clients bound to this server: anonymous, with a vendor key, with the admin token.
    HttpClient client() const;
    HttpClient vendorClient(const QString &apiKey) const;
    HttpClient adminClient() const;

    struct Vendor
    {
        qint64 id = 0;
        QString apiKey;
        QString email;
        QString password;
        QJsonObject json; // the "vendor" object of the answer
    };
    // POST /vendors/register with unique data; QTest-fails (and returns id 0) on error.
    Vendor registerVendor(const QString &email = {});

    // Admin shortcuts (through the HTTP API). 0 on failure.
    qint64 createPlan(int maxPhoneNumbers = 5, int maxMessages = 1000, int periodDays = 30);
    qint64 subscribe(qint64 appUserId, qint64 planId, int days = 30);
    // POST /users/register with the vendor key (the users routes of the api-routes helper).
    qint64 createUser(const QString &apiKey, const QString &email = {});

private:
    void start(const Options &options);

    TempDataDir m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<ApiServer> m_server;
    bool m_valid = false;
    int m_counter = 0;
};
