#include "TestApiServer.h"

#include "ApiControllers.h"
#include "ApiServer.h"
#include "CoreServices.h"
#include "platform/Clock.h"
#include "security/MemorySecretStore.h"

#include <QTest>

TestApiServer::TestApiServer() : TestApiServer(Options{}) {}

TestApiServer::TestApiServer(const Options &options)
{
    start(options);
}

TestApiServer::~TestApiServer()
{
    m_server.reset();
    m_core.reset();
}

void TestApiServer::start(const Options &options)
{
    if (!m_dir.isValid())
        return;
    qputenv("WAMATOR_ADMIN_TOKEN", AdminToken);
    try {
        CoreServices::Options o;
        o.dataDir = m_dir.path();
        o.secrets = std::make_unique<MemorySecretStore>();
        m_core = std::make_unique<CoreServices>(std::move(o));
        m_core->open();
        m_server = std::make_unique<ApiServer>(*m_core);
        if (options.addControllers)
            addCoreControllers(*m_server, *m_core);
        if (options.listen && !m_server->listen(QHostAddress::LocalHost, 0)) {
            qWarning() << "TestApiServer: cannot listen:" << m_server->errorString();
            return;
        }
        m_valid = true;
    } catch (const std::exception &e) {
        qWarning() << "TestApiServer: start failed:" << e.what();
    }
}

quint16 TestApiServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

HttpClient TestApiServer::client() const
{
    return HttpClient(port());
}

HttpClient TestApiServer::vendorClient(const QString &apiKey) const
{
    HttpClient c(port());
    c.setApiKey(apiKey);
    return c;
}

HttpClient TestApiServer::adminClient() const
{
    HttpClient c(port());
    c.setAdminToken(QString::fromLatin1(AdminToken));
    return c;
}

TestApiServer::Vendor TestApiServer::registerVendor(const QString &email)
{
    Vendor v;
    const int n = ++m_counter;
    v.email = email.isEmpty() ? QStringLiteral("vendor%1.%2@example.com").arg(n).arg(Clock::nowMs())
                              : email;
    v.password = QStringLiteral("correct horse %1").arg(n);
    const HttpReply r = client().post(
        QStringLiteral("/vendors/register"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Vendor %1").arg(n)},
                    {QStringLiteral("email"), v.email},
                    {QStringLiteral("password"), v.password},
                    {QStringLiteral("company_name"), QStringLiteral("Company %1").arg(n)},
                    {QStringLiteral("phone_number"), QStringLiteral("+2348031234567")}});
    if (r.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("registerVendor: ") + r.describe()), __FILE__,
                     __LINE__);
        return v;
    }
    v.json = r.value(QStringLiteral("vendor")).toObject();
    v.id = v.json.value(QStringLiteral("id")).toVariant().toLongLong();
    v.apiKey = r.value(QStringLiteral("api_key")).toString();
    v.email = v.json.value(QStringLiteral("email")).toString();
    return v;
}

qint64 TestApiServer::createPlan(int maxPhoneNumbers, int maxMessages, int periodDays)
{
    const HttpReply r = adminClient().post(
        QStringLiteral("/admin/plans"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Plan %1").arg(++m_counter)},
                    {QStringLiteral("max_phone_numbers"), maxPhoneNumbers},
                    {QStringLiteral("max_messages"), maxMessages},
                    {QStringLiteral("period_days"), periodDays}});
    if (r.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("createPlan: ") + r.describe()), __FILE__, __LINE__);
        return 0;
    }
    return r.value(QStringLiteral("plan")).toObject().value(QStringLiteral("id")).toVariant().toLongLong();
}

qint64 TestApiServer::subscribe(qint64 appUserId, qint64 planId, int days)
{
    const HttpReply r = adminClient().post(
        QStringLiteral("/admin/subscriptions"),
        QJsonObject{{QStringLiteral("app_user_id"), appUserId},
                    {QStringLiteral("plan_id"), planId},
                    {QStringLiteral("ends_at"), Clock::toIso(Clock::nowMs() + qint64(days) * 86400000)}});
    if (r.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("subscribe: ") + r.describe()), __FILE__, __LINE__);
        return 0;
    }
    return r.value(QStringLiteral("subscription"))
        .toObject()
        .value(QStringLiteral("id"))
        .toVariant()
        .toLongLong();
}

qint64 TestApiServer::createUser(const QString &apiKey, const QString &email)
{
    const int n = ++m_counter;
    const HttpReply r = vendorClient(apiKey).post(
        QStringLiteral("/users/register"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("User %1").arg(n)},
                    {QStringLiteral("email"),
                     email.isEmpty() ? QStringLiteral("user%1@example.com").arg(n) : email}});
    if (r.status != 201) {
        QTest::qFail(qPrintable(QStringLiteral("createUser: ") + r.describe()), __FILE__, __LINE__);
        return 0;
    }
    return r.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toVariant().toLongLong();
}
