// The whole connect flow through the real binary: `wamator --headless` on a temp data dir and a
// free port, driven over REST and the WebSocket as a vendor would: register, plan,
// subscription, user, sandbox number, connect, QR event, sandbox scan, ready — then a restart
// of the binary restores the session without a new QR.

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QWebSocket>
#include <QtTest>

#include <memory>

class TestHeadlessConnect : public QObject
{
    Q_OBJECT

    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
    };

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_app;
    QNetworkAccessManager m_net;
    const QByteArray m_adminToken = "e2e-admin-token-0123456789abcdef0123";

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    Reply send(const QByteArray &verb, const QString &path, const QJsonObject &body = {},
               const QByteArray &apiKey = {}, bool admin = false)
    {
        QNetworkRequest request(url(path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!apiKey.isEmpty())
            request.setRawHeader("x-api-key", apiKey);
        if (admin)
            request.setRawHeader("x-admin-token", m_adminToken);
        const QByteArray data =
            body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        QNetworkReply *reply = m_net.sendCustomRequest(request, verb, data);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        reply->deleteLater();
        return r;
    }

    bool startApp()
    {
        m_app = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WAMATOR_ADMIN_TOKEN"), QString::fromLatin1(m_adminToken));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
        if (!env.contains(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS")))
            env.insert(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS"),
                       QStringLiteral("--disable-gpu --disable-background-networking"));
        m_app->setProcessEnvironment(env);
        m_app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_app->start(QStringLiteral(WAMATOR_BINARY),
                     {QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir.path(),
                      QStringLiteral("--port"), QString::number(m_port)});
        if (!m_app->waitForStarted(10000))
            return false;
        return QTest::qWaitFor(
            [&] {
                return m_app->state() == QProcess::Running &&
                       send("GET", QStringLiteral("/ready")).status == 200;
            },
            30000);
    }

    void stopApp()
    {
        if (!m_app)
            return;
        m_app->terminate();
        if (!m_app->waitForFinished(20000)) {
            m_app->kill();
            m_app->waitForFinished(5000);
        }
        m_app.reset();
    }

    // A WebSocket client collecting every event it receives.
    struct Events
    {
        QWebSocket socket;
        QList<QJsonObject> received;
        bool has(const QString &event, const QString &state = {}) const
        {
            for (const QJsonObject &e : received) {
                if (e.value("event").toString() == event &&
                    (state.isEmpty() || e.value("state").toString() == state))
                    return true;
            }
            return false;
        }
        QJsonObject first(const QString &event) const
        {
            for (const QJsonObject &e : received) {
                if (e.value("event").toString() == event)
                    return e;
            }
            return {};
        }
    };

    std::unique_ptr<Events> listen(const QByteArray &apiKey)
    {
        auto events = std::make_unique<Events>();
        Events *e = events.get();
        connect(&e->socket, &QWebSocket::textMessageReceived, this, [e](const QString &text) {
            e->received << QJsonDocument::fromJson(text.toUtf8()).object();
        });
        QNetworkRequest request(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(m_port)));
        request.setRawHeader("x-api-key", apiKey);
        e->socket.open(request);
        const bool connected = QTest::qWaitFor(
            [e] { return e->socket.state() == QAbstractSocket::ConnectedState; }, 10000);
        return connected ? std::move(events) : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(WAMATOR_BINARY)), WAMATOR_BINARY);
        m_port = freePort();
        QVERIFY(m_port > 0);
        QVERIFY2(startApp(), "wamator --headless did not become ready");
    }

    void cleanupTestCase() { stopApp(); }

    void connectSandboxNumberEndToEnd()
    {
        Reply r = send("POST", "/vendors/register",
                       {{"name", "E2E Vendor"},
                        {"email", "e2e@example.com"},
                        {"password", "correct horse battery"},
                        {"company_name", "E2E Ltd"},
                        {"phone_number", "08031230000"}});
        QCOMPARE(r.status, 201);
        const QByteArray key = r.json.value("api_key").toString().toLatin1();
        QCOMPARE(key.size(), 64);

        r = send("POST", "/admin/plans",
                 {{"name", "Basic"}, {"max_phone_numbers", 2}, {"max_messages", 1000}}, {}, true);
        QCOMPARE(r.status, 201);
        const qint64 planId = r.json.value("plan").toObject().value("id").toInteger();

        r = send("POST", "/users/register", {{"name", "Ada"}, {"email", "ada@example.com"}}, key);
        QCOMPARE(r.status, 201);
        const qint64 userId = r.json.value("user").toObject().value("id").toInteger();

        const QString endsAt =
            QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate);
        r = send("POST", "/admin/subscriptions",
                 {{"app_user_id", userId}, {"plan_id", planId}, {"ends_at", endsAt}}, {}, true);
        QCOMPARE(r.status, 201);

        r = send("POST", QStringLiteral("/whatsapp-numbers/%1/add").arg(userId),
                 {{"phone_number", "08031234567"}, {"sandbox", true}}, key);
        QCOMPARE(r.status, 201);
        const qint64 numberId = r.json.value("number").toObject().value("id").toInteger();

        std::unique_ptr<Events> events = listen(key);
        QVERIFY(events);

        const QString connect = QStringLiteral("/connect/%1/08031234567").arg(userId);
        r = send("POST", connect, {}, key);
        QCOMPARE(r.status, 202);
        QCOMPARE(r.json.value("status").toString(), QStringLiteral("processing"));
        QCOMPARE(r.json.value("session_id").toString(),
                 QStringLiteral("%1-%2-2348031234567")
                     .arg(r.json.value("session_id").toString().section('-', 0, 0))
                     .arg(userId));

        QTRY_VERIFY_WITH_TIMEOUT(events->has("qr"), 60000);
        const QJsonObject qr = events->first("qr");
        QCOMPARE(qr.value("number_id").toInteger(), numberId);
        QCOMPARE(qr.value("user_id").toInteger(), userId);
        QCOMPARE(qr.value("phone_number").toString(), QStringLiteral("2348031234567"));
        QCOMPARE(qr.value("qr").toString().split(',').size(), 5);
        QVERIFY(qr.value("qr_png").toString().startsWith(QLatin1String("data:image/png;base64,")));
        QVERIFY(qr.value("expires_in").toInt() > 0);

        r = send("GET", connect, {}, key);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("state").toString(), QStringLiteral("qr_pending"));

        r = send("POST", QStringLiteral("/sandbox/%1/08031234567/scan").arg(userId), {}, key);
        QCOMPARE(r.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(events->has("session_state", "ready"), 60000);
        r = send("GET", connect, {}, key);
        QCOMPARE(r.json.value("state").toString(), QStringLiteral("ready"));
        r = send("GET", QStringLiteral("/whatsapp-numbers/%1/list").arg(userId), {}, key);
        QCOMPARE(r.json.value("numbers").toArray().at(0).toObject().value("is_active").toBool(),
                 true);

        // Restart the binary: the session comes back ready without a QR.
        events.reset();
        stopApp();
        QVERIFY2(startApp(), "wamator --headless did not restart");
        events = listen(key);
        QVERIFY(events);
        QTRY_COMPARE_WITH_TIMEOUT(send("GET", connect, {}, key).json.value("state").toString(),
                                  QStringLiteral("ready"), 60000);
        QVERIFY(!events->has("qr"));
    }

    // Issue #16 through the real binary: link by pairing code instead of the QR. The code
    // comes back from POST /connect and on the WebSocket; a wrong code is 422 and the number
    // stays unlinked; the right one links it.
    void linkByCodeEndToEnd()
    {
        Reply r = send("POST", "/vendors/register",
                       {{"name", "Code Vendor"},
                        {"email", "code@example.com"},
                        {"password", "correct horse battery"},
                        {"company_name", "Code Ltd"},
                        {"phone_number", "08031230001"}});
        QCOMPARE(r.status, 201);
        const QByteArray key = r.json.value("api_key").toString().toLatin1();
        r = send("POST", "/admin/plans",
                 {{"name", "Code"}, {"max_phone_numbers", 1}, {"max_messages", 10}}, {}, true);
        QCOMPARE(r.status, 201);
        const qint64 planId = r.json.value("plan").toObject().value("id").toInteger();
        r = send("POST", "/users/register", {{"name", "Bo"}, {"email", "bo@example.com"}}, key);
        QCOMPARE(r.status, 201);
        const qint64 userId = r.json.value("user").toObject().value("id").toInteger();
        r = send("POST", "/admin/subscriptions",
                 {{"app_user_id", userId},
                  {"plan_id", planId},
                  {"ends_at", QDateTime::currentDateTimeUtc().addDays(30).toString(Qt::ISODate)}},
                 {}, true);
        QCOMPARE(r.status, 201);
        r = send("POST", QStringLiteral("/whatsapp-numbers/%1/add").arg(userId),
                 {{"phone_number", "08037654321"}, {"sandbox", true}}, key);
        QCOMPARE(r.status, 201);
        std::unique_ptr<Events> events = listen(key);
        QVERIFY(events);

        const QString connect = QStringLiteral("/connect/%1/08037654321").arg(userId);
        r = send("POST", connect, {{"method", "code"}}, key);
        QCOMPARE(r.status, 200);
        const QString code = r.json.value("code").toString();
        QCOMPARE(code.size(), 8);
        QTRY_VERIFY_WITH_TIMEOUT(events->has("pairing_code"), 10000);
        QCOMPARE(events->first("pairing_code").value("code").toString(), code);

        const QString enter = QStringLiteral("/sandbox/%1/08037654321/enter-code").arg(userId);
        QString wrong = code;
        wrong[7] = code.at(7) == QLatin1Char('Z') ? QLatin1Char('Y') : QLatin1Char('Z');
        r = send("POST", enter, {{"code", wrong}}, key);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value("error").toObject().value("code").toString(),
                 QStringLiteral("wrong_code"));
        QCOMPARE(send("GET", connect, {}, key).json.value("state").toString(),
                 QStringLiteral("qr_pending"));

        r = send("POST", enter, {{"code", code}}, key);
        QCOMPARE(r.status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(events->has("session_state", "ready"), 60000);
        QCOMPARE(send("GET", connect, {}, key).json.value("state").toString(),
                 QStringLiteral("ready"));
        // The QR that showed the linking screen came first; none after the code.
        bool codeSeen = false;
        for (const QJsonObject &e : std::as_const(events->received)) {
            codeSeen = codeSeen || e.value("event").toString() == QLatin1String("pairing_code");
            QVERIFY(!(codeSeen && e.value("event").toString() == QLatin1String("qr")));
        }
    }
};

QTEST_GUILESS_MAIN(TestHeadlessConnect)
#include "tst_headless_connect.moc"
