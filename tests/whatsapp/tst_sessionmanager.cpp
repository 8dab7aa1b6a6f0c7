#include "CoreServices.h"
#include "DomainError.h"
#include "EngineInfo.h"
#include "EventBus.h"
#include "QrCodeImage.h"
#include "SessionBridge.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "WebEngineSession.h"
#include "WebEngineTestSupport.h"
#include "numbers/NumberStore.h"
#include "outbox/MessageSender.h"
#include "platform/Settings.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QWebChannel>
#include <QWebEnginePage>
#include <QtTest>

#include <memory>

using WebEngineTestSupport::Fixture;

// SessionManager over real CoreServices (SQLite in a temp dir) and real simulator pages: events
// on the bus, the number's row, restore, logout, removal, bounded starts and the MessageSender.
class TestSessionManager : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;

    static QList<QJsonObject> events(const QSignalSpy &spy, const QString &name)
    {
        QList<QJsonObject> list;
        for (const QList<QVariant> &args : spy) {
            const QJsonObject o = args.at(1).toJsonObject();
            if (o.value("event").toString() == name)
                list << o;
        }
        return list;
    }

    WhatsAppNumber row(const Fixture &f, qint64 numberId) const
    {
        return *m_core->numbers().find(f.vendorId, numberId);
    }

    void scan(SessionManager &m, const Fixture &f, qint64 numberId)
    {
        QTRY_COMPARE_WITH_TIMEOUT(m.snapshot(f.vendorId, numberId).state, SessionState::QrPending,
                                  30000);
        m.simulateScan(f.vendorId, numberId);
        QTRY_COMPARE_WITH_TIMEOUT(m.snapshot(f.vendorId, numberId).state, SessionState::Ready,
                                  30000);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
    }

    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    // The WhatsApp layer's sendMedia: the page gets a one-time URL over the web channel and
    // reads the file itself; the simulator receives the very bytes of the file.
    void senderHandsMediaOverByUrl()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.connectNumber(f.vendorId, f.number.id);
        scan(manager, f, f.number.id);
        auto *session = qobject_cast<WebEngineSession *>(manager.session(f.number.id));
        QVERIFY(session && session->page());
        auto *bridge =
            qobject_cast<SessionBridge *>(session->page()->webChannel()->registeredObjects().value(
                QStringLiteral("wamatorBridge")));
        QVERIFY(bridge);
        QSignalSpy toPage(bridge, &SessionBridge::toPage);

        QImage image(256, 256, QImage::Format_RGB32); // noise: ~200 KB of PNG
        quint32 seed = 777;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                seed = seed * 1103515245u + 12345u;
                image.setPixel(x, y, seed >> 8);
            }
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        QVERIFY(png.size() > 100000);
        const QString path = m_dir->file(QStringLiteral("noise.png"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(png);
        file.close();

        MessageSender::Media media;
        media.path = path;
        media.size = png.size();
        media.mimetype = QStringLiteral("image/png");
        media.filename = QStringLiteral("noise.png");
        media.kind = MediaTypes::Kind::Image;
        const QString waId = manager.sender().newMessageId();
        std::optional<MessageSender::Outcome> outcome;
        manager.sender().sendMedia(f.number.id, QStringLiteral("2348039999999"), media,
                                   QStringLiteral("noise"), waId,
                                   [&](MessageSender::Outcome o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 60000);
        QVERIFY2(outcome->code == MessageSender::Outcome::Code::Ok, qPrintable(outcome->error));

        std::optional<QVariant> box;
        session->runInPage(QStringLiteral("JSON.stringify(WamatorSimulator.outbox())"),
                           [&](const QVariant &v) { box = v; });
        QTRY_VERIFY_WITH_TIMEOUT(box.has_value(), 10000);
        QJsonObject sent;
        for (const QJsonValue &v : QJsonDocument::fromJson(box->toString().toUtf8()).array())
            if (v.toObject().value("id").toString().contains(waId))
                sent = v.toObject();
        QCOMPARE(sent.value("size").toInt(), png.size());
        QCOMPARE(
            sent.value("sha256").toString().toLower(),
            QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex()));

        qsizetype channelBytes = 0;
        for (const QList<QVariant> &message : toPage) {
            const QString json = message.at(0).toString();
            channelBytes += json.size();
            QVERIFY(!json.contains(QString::fromLatin1(png.mid(2000, 300).toBase64())));
        }
        QVERIFY2(channelBytes < 2000, qPrintable(QString::number(channelBytes)));
        QCOMPARE(session->mediaHandler()->served(), 1);
        QCOMPARE(session->mediaHandler()->offersOpen(), 0);
    }

    void connectPublishesQrThenReady()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        QSignalSpy bus(&m_core->events(), &EventBus::published);

        manager.connectNumber(f.vendorId, f.number.id);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).state, SessionState::Starting);
        manager.connectNumber(f.vendorId, f.number.id); // idempotent while starting
        QCOMPARE(manager.sessions().size(), 1);

        QTRY_VERIFY_WITH_TIMEOUT(!events(bus, "qr").isEmpty(), 30000);
        const QJsonObject qr = events(bus, "qr").first();
        QCOMPARE(bus.first().at(0).toLongLong(), f.vendorId);
        QCOMPARE(qr.value("user_id").toInteger(), f.userId);
        QCOMPARE(qr.value("number_id").toInteger(), f.number.id);
        QCOMPARE(qr.value("phone_number").toString(), f.number.phoneNumber);
        QCOMPARE(qr.value("qr").toString().split(',').size(), 5);
        QVERIFY(qr.value("expires_in").toInt() > 0);
        const QString png = qr.value("qr_png").toString();
        QVERIFY(png.startsWith(QLatin1String("data:image/png;base64,")));
        QImage image;
        QVERIFY(image.loadFromData(QByteArray::fromBase64(png.mid(22).toLatin1()), "PNG"));
        QCOMPARE(WebEngineTestSupport::zbarDecode(image), qr.value("qr").toString());

        const SessionManager::Snapshot pending = manager.snapshot(f.vendorId, f.number.id);
        QCOMPARE(pending.state, SessionState::QrPending);
        QVERIFY(!pending.qr.isEmpty());
        QVERIFY(pending.qrExpiresAt > 0);
        QCOMPARE(row(f, f.number.id).state, SessionState::QrPending);
        QCOMPARE(row(f, f.number.id).isActive, false);

        scan(manager, f, f.number.id);
        const WhatsAppNumber ready = row(f, f.number.id);
        QCOMPARE(ready.state, SessionState::Ready);
        QCOMPARE(ready.isActive, true);
        QCOMPARE(ready.restoreOnStart, true);
        QVERIFY(manager.snapshot(f.vendorId, f.number.id).qr.isNull());

        QStringList states;
        for (const QJsonObject &e : events(bus, "session_state")) {
            states << e.value("state").toString();
            QCOMPARE(e.value("user_id").toInteger(), f.userId);
            QCOMPARE(e.value("number_id").toInteger(), f.number.id);
            QCOMPARE(e.value("phone_number").toString(), f.number.phoneNumber);
            QVERIFY(e.contains("reason"));
            QVERIFY(e.value("reason").isNull());
        }
        QCOMPARE(states, (QStringList{SessionState::Starting, SessionState::QrPending,
                                      SessionState::Authenticated, SessionState::Ready}));

        // Another vendor's number is NotFound.
        QVERIFY_THROWS_EXCEPTION(DomainError, manager.connectNumber(f.vendorId + 1, f.number.id));
    }

    void messageSenderOverTheSession()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        MessageSender &sender = manager.sender();
        QSignalSpy readiness(&sender, &MessageSender::readinessChanged);
        QVERIFY(!sender.isReady(f.number.id));

        // Not ready: a transient outcome, later.
        bool called = false;
        sender.sendText(f.number.id, "2348039999999", "early", sender.newMessageId(),
                        [&](MessageSender::Outcome o) {
                            called = true;
                            QCOMPARE(o.code, MessageSender::Outcome::Code::Transient);
                            QCOMPARE(o.error, QStringLiteral("session_not_ready"));
                        });
        QVERIFY(!called);
        QTRY_VERIFY(called);

        manager.connectNumber(f.vendorId, f.number.id);
        scan(manager, f, f.number.id);
        QVERIFY(sender.isReady(f.number.id));
        QCOMPARE(readiness.size(), 1);
        QCOMPARE(readiness.first().at(1).toBool(), true);

        std::optional<bool> registered;
        sender.isRegistered(f.number.id, "2348039999999", [&](MessageSender::Outcome o, bool r) {
            QCOMPARE(o.code, MessageSender::Outcome::Code::Ok);
            registered = r;
        });
        QTRY_VERIFY_WITH_TIMEOUT(registered.has_value(), 10000);
        QCOMPARE(*registered, true);
        registered.reset();
        sender.isRegistered(f.number.id, "2348030000000",
                            [&](MessageSender::Outcome, bool r) { registered = r; });
        QTRY_VERIFY_WITH_TIMEOUT(registered.has_value(), 10000);
        QCOMPARE(*registered, false);

        const QString id = sender.newMessageId();
        QVERIFY(id.startsWith(QLatin1String("3EB0")));
        QCOMPARE(id.size(), 22);
        QVERIFY(id != sender.newMessageId());
        QSignalSpy acks(&sender, &MessageSender::ackChanged);
        std::optional<MessageSender::Outcome> outcome;
        sender.sendText(f.number.id, "2348039999999", "Hello", id,
                        [&](MessageSender::Outcome o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
        QCOMPARE(outcome->code, MessageSender::Outcome::Code::Ok);
        QTRY_VERIFY_WITH_TIMEOUT(!acks.isEmpty() && acks.last().at(2).toInt() == 3, 10000);
        QList<int> seen;
        for (const QList<QVariant> &a : acks) {
            QCOMPARE(a.at(0).toLongLong(), f.number.id);
            QCOMPARE(a.at(1).toString(), id);
            seen << a.at(2).toInt();
        }
        QCOMPARE(seen, (QList<int>{1, 2, 3}));

        std::optional<QJsonArray> box;
        manager.sandboxOutbox(f.vendorId, f.number.id, [&](const QJsonArray &m) { box = m; });
        QTRY_VERIFY_WITH_TIMEOUT(box.has_value(), 10000);
        QCOMPARE(box->size(), 1);
        QVERIFY(box->at(0).toObject().value("id").toString().contains(id));
        QCOMPARE(box->at(0).toObject().value("body").toString(), QStringLiteral("Hello"));
        QCOMPARE(box->at(0).toObject().value("ack").toInt(), 3);
        // The cached copy follows the acks.
        QTRY_COMPARE_WITH_TIMEOUT(manager.cachedSandboxOutbox(f.vendorId, f.number.id).size(), 1,
                                  10000);

        std::optional<std::pair<bool, int>> has;
        sender.hasMessage(
            f.number.id, "2348039999999", id,
            [&](MessageSender::Outcome, bool e, int ack) { has = std::make_pair(e, ack); });
        QTRY_VERIFY_WITH_TIMEOUT(has.has_value(), 10000);
        QCOMPARE(has->first, true);
        QCOMPARE(has->second, 3);

        outcome.reset();
        sender.sendText(f.number.id, "2348030000000", "x", sender.newMessageId(),
                        [&](MessageSender::Outcome o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
        QCOMPARE(outcome->code, MessageSender::Outcome::Code::NotOnWhatsApp);

        outcome.reset();
        sender.sendText(f.number.id, "2348039999999", "#sim-network-error", sender.newMessageId(),
                        [&](MessageSender::Outcome o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
        QCOMPARE(outcome->code, MessageSender::Outcome::Code::Transient);
        QCOMPARE(outcome->error, QStringLiteral("ERROR_NETWORK"));

        outcome.reset();
        const QByteArray pdf("%PDF-1.4\n% test\n");
        QFile pdfFile(m_dir->file(QStringLiteral("a.pdf")));
        QVERIFY(pdfFile.open(QIODevice::WriteOnly) && pdfFile.write(pdf) == pdf.size());
        pdfFile.close();
        MessageSender::Media media;
        media.path = pdfFile.fileName();
        media.size = pdf.size();
        media.mimetype = QStringLiteral("application/pdf");
        media.filename = QStringLiteral("a.pdf");
        media.kind = MediaTypes::Kind::Document;
        sender.sendMedia(f.number.id, "2348039999999", media, "the receipt", sender.newMessageId(),
                         [&](MessageSender::Outcome o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
        QCOMPARE(outcome->code, MessageSender::Outcome::Code::Ok);

        sender.setTyping(f.number.id, "2348039999999", true);

        manager.disconnectNumber(f.vendorId, f.number.id);
        QVERIFY(!sender.isReady(f.number.id));
        QTRY_COMPARE(readiness.last().at(1).toBool(), false);
        QCOMPARE(row(f, f.number.id).isActive, false);
        QCOMPARE(row(f, f.number.id).restoreOnStart, false);
    }

    void secondManagerRestoresWithoutAScan()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        {
            SessionManager first(*m_core);
            first.connectNumber(f.vendorId, f.number.id);
            scan(first, f, f.number.id);
        } // application shutdown: pages go, the login stays
        QCOMPARE(row(f, f.number.id).state, SessionState::Disconnected);
        QCOMPARE(row(f, f.number.id).restoreOnStart, true);
        QTest::qWait(200); // let Chromium release the profile

        SessionManager second(*m_core);
        QSignalSpy bus(&m_core->events(), &EventBus::published);
        second.restoreSessions();
        QTRY_COMPARE_WITH_TIMEOUT(second.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Ready, 30000);
        QVERIFY(events(bus, "qr").isEmpty());
        QCOMPARE(row(f, f.number.id).isActive, true);
    }

    void restoreResetsStaleStates()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        // A previous run crashed while this number was ready but not meant to be restored.
        m_core->numbers().setState(f.vendorId, f.number.id, SessionState::Ready, QString());
        SessionManager manager(*m_core);
        manager.restoreSessions();
        QTRY_COMPARE(row(f, f.number.id).state, SessionState::Disconnected);
        QCOMPARE(row(f, f.number.id).isActive, false);
        QVERIFY(manager.sessions().isEmpty());
    }

    void logoutDeletesTheProfile()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.connectNumber(f.vendorId, f.number.id);
        scan(manager, f, f.number.id);
        const QString dir = manager.profileDir(f.number.sessionId);
        QCOMPARE(dir, QDir(m_core->profilesDir()).filePath(f.number.sessionId));
        QVERIFY(QFileInfo::exists(dir + "/storage"));

        QSignalSpy bus(&m_core->events(), &EventBus::published);
        manager.logoutNumber(f.vendorId, f.number.id);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).state, SessionState::Disconnected);
        QVERIFY(!manager.session(f.number.id));
        QCOMPARE(events(bus, "session_state").last().value("state").toString(),
                 SessionState::Disconnected);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(dir), 15000);
        QTest::qWait(1000);
        QVERIFY(!QFileInfo::exists(dir));
        const WhatsAppNumber n = row(f, f.number.id);
        QCOMPARE(n.state, SessionState::Disconnected);
        QCOMPARE(n.isActive, false);
        QCOMPARE(n.restoreOnStart, false);

        // Connecting again needs a new QR.
        manager.connectNumber(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::QrPending, 30000);
    }

    void removedNumberIsLoggedOut()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.connectNumber(f.vendorId, f.number.id);
        scan(manager, f, f.number.id);
        const QString dir = manager.profileDir(f.number.sessionId);
        m_core->events().announceNumberRemoved(f.vendorId, f.number.id, f.number.sessionId);
        QVERIFY(!manager.session(f.number.id));
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(dir), 15000);
    }

    void phoneLogoutFailsLoggedOut()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.connectNumber(f.vendorId, f.number.id);
        scan(manager, f, f.number.id);
        manager.simulateLogout(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Failed, 30000);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).reason, QStringLiteral("logged_out"));
        const WhatsAppNumber n = row(f, f.number.id);
        QCOMPARE(n.state, SessionState::Failed);
        QCOMPARE(n.stateReason, QStringLiteral("logged_out"));
        QCOMPARE(n.restoreOnStart, false);
        // The worthless login goes with the profile.
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(manager.profileDir(f.number.sessionId)), 15000);
        // Sandbox control needs a running page.
        QVERIFY_THROWS_EXCEPTION(DomainError, manager.simulateScan(f.vendorId, f.number.id));
        // A failed session connects again.
        manager.connectNumber(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::QrPending, 30000);
    }

    // The window (stateChanged) and the event stream (session_state) hear the same changes.
    // Disconnecting or logging out a number whose session is already gone (a phone logout
    // closes it and leaves the row failed/logged_out) changes its state to disconnected: the
    // window heard it, the WebSocket did not (the event was built from the live session only).
    void stateChangesWithoutASessionArePublished()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        m_core->numbers().setState(f.vendorId, f.number.id, SessionState::Failed,
                                   QStringLiteral("logged_out"));
        SessionManager manager(*m_core);
        QSignalSpy window(&manager, &SessionManager::stateChanged);
        QSignalSpy bus(&m_core->events(), &EventBus::published);

        manager.disconnectNumber(f.vendorId, f.number.id);
        QCOMPARE(row(f, f.number.id).state, SessionState::Disconnected);
        QCOMPARE(window.count(), 1);
        QCOMPARE(events(bus, "session_state").size(), 1);
        QCOMPARE(bus.first().at(0).toLongLong(), f.vendorId);
        const QJsonObject expected{
            {"event", "session_state"}, {"user_id", f.userId},
            {"number_id", f.number.id}, {"phone_number", f.number.phoneNumber},
            {"state", "disconnected"},  {"reason", QJsonValue::Null}};
        QCOMPARE(events(bus, "session_state").first(), expected);

        manager.logoutNumber(f.vendorId, f.number.id);
        QCOMPARE(window.count(), 2);
        QCOMPARE(events(bus, "session_state").size(), 2);
        QCOMPARE(events(bus, "session_state").last(), expected);
    }

    void qrTimeoutFromSettings()
    {
        m_core->settings().setValue(QStringLiteral("qr_timeout_seconds"), 2);
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.connectNumber(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Failed, 30000);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).reason, QStringLiteral("timeout"));
        QCOMPARE(row(f, f.number.id).stateReason, QStringLiteral("timeout"));

        // A reconnect uses the settings of its time: no failsafe within the new 120 s.
        m_core->settings().setValue(QStringLiteral("qr_timeout_seconds"), 120);
        manager.connectNumber(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::QrPending, 30000);
        QTest::qWait(4000);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).state, SessionState::QrPending);
    }

    void missingModuleFromSimulatorQuery()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.setSimulatorQuery(QStringLiteral("missing=WAWebCmd"));
        manager.connectNumber(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Failed, 30000);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).reason,
                 QStringLiteral("adapter_outdated: WAWebCmd is missing (Chromium %1)")
                     .arg(EngineInfo::chromiumVersion()));
    }

    void concurrentStartsAreBounded()
    {
        m_core->settings().setValue(QStringLiteral("max_concurrent_starts"), 1);
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        const WhatsAppNumber second =
            WebEngineTestSupport::addSandboxNumber(*m_core, f, QStringLiteral("2348031234568"));
        const WhatsAppNumber third =
            WebEngineTestSupport::addSandboxNumber(*m_core, f, QStringLiteral("2348031234569"));
        SessionManager manager(*m_core);
        int maxLoading = 0;
        auto loading = [&] {
            int n = 0;
            for (Session *s : manager.sessions())
                n += s->page() && s->state() == SessionState::Starting ? 1 : 0;
            maxLoading = qMax(maxLoading, n);
            return n;
        };
        // Counted at the moment each page starts loading.
        connect(&manager, &SessionManager::sessionCreated, this, [&](qint64 id) {
            auto *s = qobject_cast<WebEngineSession *>(manager.session(id));
            QVERIFY(s);
            connect(s, &WebEngineSession::started, this, loading);
        });
        manager.connectNumber(f.vendorId, f.number.id);
        manager.connectNumber(f.vendorId, second.id);
        manager.connectNumber(f.vendorId, third.id);
        QCOMPARE(manager.snapshot(f.vendorId, third.id).state, SessionState::Starting);
        for (qint64 id : {f.number.id, second.id, third.id})
            QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, id).state,
                                      SessionState::QrPending, 60000);
        QCOMPARE(maxLoading, 1);
        // One renderer per number.
        QSet<qint64> pids;
        for (Session *s : manager.sessions())
            pids.insert(s->page()->renderProcessPid());
        QCOMPARE(pids.size(), 3);
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestSessionManager)
#include "tst_sessionmanager.moc"
