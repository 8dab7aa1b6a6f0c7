// /connect and /sandbox (api.md "Connecting a number", "Sandbox control") over the real HTTP
// server, with a real SessionManager driving simulator pages offscreen.

#include "RoutesFixture.h"

#include "../whatsapp/helpers/WebEngineTestSupport.h"

#include "ApiServer.h"
#include "CoreServices.h"
#include "EngineInfo.h"
#include "EventBus.h"
#include "SessionManager.h"
#include "WhatsAppControllers.h"
#include "numbers/NumberStore.h"
#include "outbox/MessageSender.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QSignalSpy>

class TestConnect : public QObject
{
    Q_OBJECT

    struct Env
    {
        TestApiServer server;
        std::unique_ptr<SessionManager> sessions;
        Env()
        {
            sessions = std::make_unique<SessionManager>(server.core());
            addWhatsAppControllers(server.server(), server.core(), *sessions);
        }
        ~Env() { sessions.reset(); }
    };

    static QString connectPath(qint64 user, const QString &phone)
    {
        return QStringLiteral("/connect/%1/%2").arg(user).arg(phone);
    }
    static QString sandboxPath(qint64 user, const QString &phone, const QString &action)
    {
        return QStringLiteral("/sandbox/%1/%2/%3").arg(user).arg(phone, action);
    }

    static qint64 addNumber(const Tenant &t, const QString &phone, bool sandbox)
    {
        const HttpReply r = t.http.post(QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId),
                                        QJsonObject{{"phone_number", phone}, {"sandbox", sandbox}});
        if (r.status != 201) {
            QTest::qFail(qPrintable(r.describe()), __FILE__, __LINE__);
            return 0;
        }
        return idOf(r.value("number"));
    }

    static QString stateOf(const Tenant &t, const QString &phone)
    {
        return t.http.get(connectPath(t.userId, phone)).value("state").toString();
    }

private Q_SLOTS:
    void connectScanReadyLogout()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server, 1);
        const qint64 numberId = addNumber(t, "0803 123 4567", true);
        QSignalSpy bus(&env.server.core().events(), &EventBus::published);

        HttpReply r = t.http.get(connectPath(t.userId, "08031234567"));
        EXPECT_STATUS(r, 200);
        QCOMPARE(r.object().keys(),
                 (QStringList{"pairing_code", "pairing_code_expires_at", "qr", "qr_png",
                              "reason", "state", "updated_at"}));
        QVERIFY(r.value("pairing_code").isNull());
        QCOMPARE(r.value("state").toString(), QStringLiteral("disconnected"));
        QVERIFY(r.value("qr").isNull());
        QVERIFY(r.value("qr_png").isNull());
        QVERIFY(r.value("reason").isNull());
        QVERIFY(r.value("updated_at").isString());

        r = t.http.post(connectPath(t.userId, "08031234567"));
        EXPECT_STATUS(r, 202);
        QCOMPARE(r.value("status").toString(), QStringLiteral("processing"));
        const QString sessionId = QStringLiteral("%1-%2-2348031234567").arg(t.vendor.id).arg(t.userId);
        QCOMPARE(r.value("session_id").toString(), sessionId);
        // Idempotent while starting, whatever form the phone takes.
        r = t.http.post(connectPath(t.userId, "+2348031234567"));
        EXPECT_STATUS(r, 202);
        QCOMPARE(r.value("session_id").toString(), sessionId);
        QCOMPARE(env.sessions->sessions().size(), 1);

        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "2348031234567"), QStringLiteral("qr_pending"), 30000);
        r = t.http.get(connectPath(t.userId, "2348031234567"));
        const QString qr = r.value("qr").toString();
        QCOMPARE(qr.split(',').size(), 5);
        const QString png = r.value("qr_png").toString();
        QVERIFY(png.startsWith(QLatin1String("data:image/png;base64,")));
        QImage image;
        QVERIFY(image.loadFromData(QByteArray::fromBase64(png.mid(22).toLatin1()), "PNG"));
        const QString decoded = WebEngineTestSupport::zbarDecode(image);
        // The ref may have rotated between the two reads of the route.
        QVERIFY(decoded.split(',').mid(1) == qr.split(',').mid(1));

        // The same QR went out as an event.
        bool qrEvent = false;
        for (const QList<QVariant> &args : bus) {
            const QJsonObject e = args.at(1).toJsonObject();
            if (e.value("event").toString() == QLatin1String("qr")) {
                qrEvent = true;
                QCOMPARE(args.at(0).toLongLong(), t.vendor.id);
                QCOMPARE(e.value("number_id").toInteger(), numberId);
                QCOMPARE(e.value("user_id").toInteger(), t.userId);
                QCOMPARE(e.value("phone_number").toString(), QStringLiteral("2348031234567"));
            }
        }
        QVERIFY(qrEvent);

        r = t.http.post(sandboxPath(t.userId, "08031234567", "scan"));
        EXPECT_STATUS(r, 200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("ready"), 30000);
        r = t.http.get(connectPath(t.userId, "08031234567"));
        QVERIFY(r.value("qr").isNull());
        QVERIFY(r.value("qr_png").isNull());

        EXPECT_ERROR(t.http.post(connectPath(t.userId, "08031234567")), 409, "already_connected");
        r = t.http.get(QStringLiteral("/whatsapp-numbers/%1/list").arg(t.userId));
        QCOMPARE(r.value("numbers").toArray().at(0).toObject().value("is_active").toBool(), true);
        QCOMPARE(r.value("numbers").toArray().at(0).toObject().value("state").toString(),
                 QStringLiteral("ready"));

        // What the simulated WhatsApp received, in api.md's shape.
        MessageSender &sender = env.sessions->sender();
        const QString id = sender.newMessageId();
        bool sent = false;
        sender.sendText(numberId, "2348039999999", "Hi there", id,
                        [&](MessageSender::Outcome o) {
                            sent = o.code == MessageSender::Outcome::Code::Ok;
                        });
        QTRY_VERIFY_WITH_TIMEOUT(sent, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            t.http.get(sandboxPath(t.userId, "08031234567", "outbox")).value("messages").toArray().size() == 1 &&
                t.http.get(sandboxPath(t.userId, "08031234567", "outbox"))
                        .value("messages").toArray().at(0).toObject().value("ack").toInt() == 3,
            10000);
        r = t.http.get(sandboxPath(t.userId, "08031234567", "outbox"));
        EXPECT_STATUS(r, 200);
        const QJsonObject m = r.value("messages").toArray().at(0).toObject();
        QCOMPARE(m.keys(), (QStringList{"ack", "body", "caption", "filename", "id", "mimetype",
                                        "sha256", "size", "t", "to", "type"}));
        QVERIFY(m.value("id").toString().contains(id));
        QCOMPARE(m.value("body").toString(), QStringLiteral("Hi there"));
        QCOMPARE(m.value("type").toString(), QStringLiteral("chat"));

        // The phone removes the linked device.
        EXPECT_STATUS(t.http.post(sandboxPath(t.userId, "08031234567", "logout")), 200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("failed"), 30000);
        QCOMPARE(t.http.get(connectPath(t.userId, "08031234567")).value("reason").toString(),
                 QStringLiteral("logged_out"));

        // Connect again, scan, then log out through the API: profile data goes.
        EXPECT_STATUS(t.http.post(connectPath(t.userId, "08031234567")), 202);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("qr_pending"), 30000);
        EXPECT_STATUS(t.http.post(sandboxPath(t.userId, "08031234567", "scan")), 200);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("ready"), 30000);
        r = t.http.del(connectPath(t.userId, "08031234567"));
        EXPECT_STATUS(r, 204);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(stateOf(t, "08031234567"), QStringLiteral("disconnected"));
        const QString profile = env.sessions->profileDir(sessionId);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(profile), 15000);
        // Sandbox control needs a running session.
        EXPECT_ERROR(t.http.post(sandboxPath(t.userId, "08031234567", "scan")), 409, "not_connected");
    }

    // The page watchdog's reason (here the simulator's browser-upgrade page, with the
    // settings that shorten it) reaches GET /connect and the session_state event.
    void watchdogReasonReachesConnectAndEvents()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Settings &settings = env.server.core().settings();
        settings.setValue(QStringLiteral("page_recovery_attempts"), 1);
        settings.setValue(QStringLiteral("page_recovery_delay_ms"), 10);
        env.sessions->setSimulatorQuery(QStringLiteral("fail=upgrade"));
        Tenant t = makeTenant(env.server, 1);
        addNumber(t, "08031234567", true);
        QSignalSpy bus(&env.server.core().events(), &EventBus::published);
        EXPECT_STATUS(t.http.post(connectPath(t.userId, "08031234567")), 202);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(t, "08031234567"), QStringLiteral("failed"), 30000);
        const QString reason =
            t.http.get(connectPath(t.userId, "08031234567")).value("reason").toString();
        QCOMPARE(reason, QStringLiteral("engine_outdated: WhatsApp Web refused Chromium %1 (it "
                                        "showed its browser-upgrade page: \"WhatsApp works with "
                                        "Google Chrome 85+\")")
                             .arg(EngineInfo::chromiumVersion()));
        QString published;
        for (const QList<QVariant> &args : std::as_const(bus)) {
            const QJsonObject e = args.at(1).toJsonObject();
            if (e.value("event").toString() == QLatin1String("session_state") &&
                e.value("state").toString() == QLatin1String("failed"))
                published = e.value("reason").toString();
        }
        QCOMPARE(published, reason);
    }

    void refusals()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server, 1);
        addNumber(t, "08031234567", true);
        // More numbers than the plan connects at once (as after a downgrade): through the store.
        NumberStore &numbers = env.server.core().numbers();
        const qint64 second =
            numbers.add(t.vendor.id, t.userId, QStringLiteral("2348031234568"), QString(), true).id;
        const qint64 third =
            numbers.add(t.vendor.id, t.userId, QStringLiteral("14155550123"), QString(), false).id;

        EXPECT_ERROR(t.http.post(connectPath(t.userId + 1000, "08031234567")), 404, "not_found");
        EXPECT_ERROR(t.http.get(connectPath(t.userId + 1000, "08031234567")), 404, "not_found");
        EXPECT_ERROR(t.http.post(connectPath(t.userId, "08039999999")), 404, "not_found");
        EXPECT_ERROR(t.http.post(connectPath(t.userId, "not-a-phone")), 404, "not_found");
        EXPECT_ERROR(t.http.del(connectPath(t.userId, "08039999999")), 404, "not_found");
        EXPECT_ERROR(t.http.post(connectPath(0, "08031234567")), 404, "not_found");

        // Another vendor sees nothing of ours.
        Tenant other = makeTenant(env.server, 5);
        EXPECT_ERROR(other.http.post(connectPath(t.userId, "08031234567")), 404, "not_found");
        EXPECT_ERROR(other.http.get(connectPath(t.userId, "08031234567")), 404, "not_found");
        EXPECT_ERROR(other.http.del(connectPath(t.userId, "08031234567")), 404, "not_found");
        EXPECT_ERROR(other.http.post(sandboxPath(t.userId, "08031234567", "scan")), 404, "not_found");

        // No key.
        HttpClient anonymous = env.server.client();
        QCOMPARE(anonymous.post(connectPath(t.userId, "08031234567")).status, 401);
        QCOMPARE(anonymous.get(sandboxPath(t.userId, "08031234567", "outbox")).status, 401);

        // Sandbox routes on a real number: 404.
        EXPECT_ERROR(t.http.post(sandboxPath(t.userId, "+14155550123", "scan")), 404, "not_found");
        EXPECT_ERROR(t.http.post(sandboxPath(t.userId, "+14155550123", "logout")), 404, "not_found");
        EXPECT_ERROR(t.http.get(sandboxPath(t.userId, "+14155550123", "outbox")), 404, "not_found");
        EXPECT_ERROR(t.http.get(sandboxPath(t.userId, "08031234567", "outbox")), 409, "not_connected");

        // Three numbers on a one-number plan: max_phone_numbers counts the numbers the user
        // has, so none of them connects...
        EXPECT_ERROR(t.http.post(connectPath(t.userId, "08031234567")), 403, "plan_limit_reached");
        EXPECT_ERROR(t.http.post(connectPath(t.userId, "08031234568")), 403, "plan_limit_reached");
        QVERIFY(!env.sessions->session(second));
        // ...until the numbers beyond the plan are removed.
        for (const qint64 id : {second, third})
            EXPECT_STATUS(t.http.del(QStringLiteral("/whatsapp-numbers/%1/delete/%2")
                                         .arg(t.userId)
                                         .arg(id)),
                          204);
        EXPECT_STATUS(t.http.post(connectPath(t.userId, "08031234567")), 202);

        // No active subscription.
        const qint64 unsubscribed = env.server.createUser(t.vendor.apiKey);
        const WhatsAppNumber n = numbers.add(
            t.vendor.id, unsubscribed, QStringLiteral("2348031234560"), QString(), true);
        QVERIFY(n.id > 0);
        EXPECT_ERROR(t.http.post(connectPath(unsubscribed, "08031234560")), 403,
                     "subscription_required");
        // Reading the state needs no subscription.
        EXPECT_STATUS(t.http.get(connectPath(unsubscribed, "08031234560")), 200);

        // The operator ends the subscription early (ends_at in the past): connecting is refused
        // exactly as for an expired one.
        const HttpReply subs = env.server.adminClient().get(
            QStringLiteral("/admin/subscriptions?app_user_id=%1").arg(t.userId));
        const qint64 subId = idOf(subs.value("subscriptions").toArray().at(0));
        EXPECT_STATUS(env.server.adminClient().patch(
                          QStringLiteral("/admin/subscriptions/%1").arg(subId),
                          QJsonObject{{"ends_at", Clock::toIso(Clock::nowMs() - 3600000)}}),
                      200);
        EXPECT_ERROR(t.http.post(connectPath(t.userId, "08031234567")), 403,
                     "subscription_required");
    }

    // issue #13: max_phone_numbers meant registered numbers when adding and live sessions when
    // connecting. It is the numbers a user has, for both: after the plan shrinks below them,
    // adding and connecting are refused alike until numbers are removed.
    void limitMeansTheSameForAddingAndConnecting()
    {
        Env env;
        QVERIFY(env.server.isValid());
        Tenant t = makeTenant(env.server, 2);
        addNumber(t, "08031234567", true);
        const qint64 second = addNumber(t, "08031234568", true);
        const QString numbersPath = QStringLiteral("/whatsapp-numbers/%1/add").arg(t.userId);
        EXPECT_ERROR(t.http.post(numbersPath, QJsonObject{{"phone_number", "08031234569"}}), 403,
                     "plan_limit_reached");

        // The operator moves the subscription to a one-number plan.
        const qint64 small = env.server.createPlan(1);
        const HttpReply subs = env.server.adminClient().get(
            QStringLiteral("/admin/subscriptions?app_user_id=%1").arg(t.userId));
        const qint64 subId = idOf(subs.value("subscriptions").toArray().at(0));
        EXPECT_STATUS(env.server.adminClient().patch(
                          QStringLiteral("/admin/subscriptions/%1").arg(subId),
                          QJsonObject{{"plan_id", small}}),
                      200);
        EXPECT_ERROR(t.http.post(numbersPath, QJsonObject{{"phone_number", "08031234569"}}), 403,
                     "plan_limit_reached");
        const HttpReply refused = t.http.post(connectPath(t.userId, "08031234567"));
        EXPECT_ERROR(refused, 403, "plan_limit_reached");
        QCOMPARE(refused.value("error").toObject().value("details").toObject()
                     .value("max_phone_numbers").toInt(),
                 1);
        QVERIFY(env.sessions->sessions().isEmpty());

        EXPECT_STATUS(t.http.del(QStringLiteral("/whatsapp-numbers/%1/delete/%2")
                                     .arg(t.userId)
                                     .arg(second)),
                      204);
        EXPECT_STATUS(t.http.post(connectPath(t.userId, "08031234567")), 202);
        EXPECT_ERROR(t.http.post(numbersPath, QJsonObject{{"phone_number", "08031234569"}}), 403,
                     "plan_limit_reached");
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestConnect)
#include "tst_connect.moc"
