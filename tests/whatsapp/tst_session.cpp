#include "AdapterScripts.h"
#include "EngineInfo.h"
#include "LocalHttpServer.h"
#include "MediaScheme.h"
#include "SessionBridge.h"
#include "SessionPage.h"
#include "SimulatorScheme.h"
#include "TestSupport.h"
#include "WebEngineSession.h"
#include "WebEngineTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QWebChannel>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QtTest>
#include <QtWebEngineCore/qtwebenginecoreglobal.h>

#include <csignal>
#include <memory>

// One WebEngineSession on the real simulator page in a real offscreen QWebEnginePage, driven by
// the unchanged adapter: QR, rotation, scan, ready, requests, acks and every failure path.
class TestSession : public QObject
{
    Q_OBJECT

    struct Reply
    {
        bool done = false;
        bool ok = false;
        QJsonObject result;
        QString error;
    };

    int m_counter = 0;
    SimulatorSchemeHandler *m_handler = nullptr;
    std::unique_ptr<TempDataDir> m_dir;

    // The user agent the next makeSession() gives its session ("" = from the engine).
    QString m_userAgent;

    std::unique_ptr<WebEngineSession> makeSession(const QString &query, int qrTimeout = 120,
                                                  int maxRefreshes = 5)
    {
        WebEngineSession::Config c;
        c.vendorId = 1;
        c.userId = 2;
        c.numberId = ++m_counter;
        c.phoneNumber = QStringLiteral("2348031234567");
        c.sessionId = QStringLiteral("1-2-23480312345%1").arg(m_counter, 2, 10, QLatin1Char('0'));
        c.sandbox = true;
        c.dataDir = m_dir->path();
        c.profileDir = m_dir->path() + QStringLiteral("/profiles/") + c.sessionId;
        c.userAgent = m_userAgent;
        c.qrTimeoutSeconds = qrTimeout;
        c.qrMaxRefreshes = maxRefreshes;
        c.url = SimulatorScheme::pageUrl(query);
        SimulatorSchemeHandler *handler = m_handler;
        c.prepareProfile = [handler](QWebEngineProfile *p) {
            p->installUrlSchemeHandler(SimulatorScheme::schemeName(), handler);
        };
        return std::make_unique<WebEngineSession>(c);
    }

    static Reply call(WebEngineSession &s, const QString &op, const QJsonObject &args = {})
    {
        auto reply = std::make_shared<Reply>();
        s.request(
            op, args, 30000,
            [reply](bool ok, const QJsonObject &result, const QString &error, const QString &) {
                reply->done = true;
                reply->ok = ok;
                reply->result = result;
                reply->error = error;
            });
        (void)QTest::qWaitFor([&] { return reply->done; }, 35000);
        return *reply;
    }

    static QVariant eval(WebEngineSession &s, const QString &script)
    {
        auto value = std::make_shared<std::optional<QVariant>>();
        s.runInPage(script, [value](const QVariant &v) { *value = v; });
        (void)QTest::qWaitFor([&] { return value->has_value(); }, 10000);
        return value->value_or(QVariant());
    }

    static QJsonArray outbox(WebEngineSession &s)
    {
        return QJsonDocument::fromJson(
                   eval(s, QStringLiteral("JSON.stringify(WamatorSimulator.outbox())"))
                       .toString()
                       .toUtf8())
            .array();
    }

    static QStringList states(const QSignalSpy &spy)
    {
        QStringList list;
        for (const QList<QVariant> &args : spy)
            list << args.at(0).toString();
        return list;
    }

    // Starts a session and scans its QR: the session is ready when this returns.
    void bringToReady(WebEngineSession &s)
    {
        s.start();
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), SessionState::QrPending, 30000);
        eval(s, QStringLiteral("WamatorSimulator.scan(), true"));
        QTRY_COMPARE_WITH_TIMEOUT(s.state(), SessionState::Ready, 30000);
    }

private Q_SLOTS:
    void initTestCase() { m_handler = new SimulatorSchemeHandler(this); }

    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        QVERIFY(m_dir->isValid());
        m_userAgent.clear();
    }

    // The default user agent names the running engine's Chromium major, in the profile and in
    // what the page itself sees; it is a desktop Chrome, not "QtWebEngine/...".
    void userAgentFromTheEngine()
    {
        const int major = EngineInfo::chromiumMajor();
        QVERIFY2(major >= 90, qPrintable(EngineInfo::chromiumVersion()));
        QCOMPARE(QString::fromLatin1(qWebEngineChromiumVersion()), EngineInfo::chromiumVersion());
        const QString chrome = QStringLiteral("Chrome/%1.").arg(major);
        auto s = makeSession(QString());
        s->start();
        QVERIFY(s->page());
        const QString profileUa = s->page()->profile()->httpUserAgent();
        QVERIFY2(profileUa.contains(chrome), qPrintable(profileUa));
        QVERIFY2(!profileUa.contains(QLatin1String("QtWebEngine")), qPrintable(profileUa));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
        const QString pageUa = eval(*s, QStringLiteral("navigator.userAgent")).toString();
        QCOMPARE(pageUa, EngineInfo::defaultUserAgent());
        QVERIFY2(pageUa.contains(chrome), qPrintable(pageUa));
    }

    // The user_agent setting wins over the engine's default, also when applied later.
    void userAgentOverrideWins()
    {
        m_userAgent = QStringLiteral("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, "
                                     "like Gecko) Chrome/131.0.0.0 Safari/537.36");
        auto s = makeSession(QString());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
        QCOMPARE(s->page()->profile()->httpUserAgent(), m_userAgent);
        QCOMPARE(eval(*s, QStringLiteral("navigator.userAgent")).toString(), m_userAgent);
        s->applySettings(QStringLiteral("TestAgent/2.0"), 120, 5, SimulatorScheme::pageUrl({}), {});
        QCOMPARE(s->page()->profile()->httpUserAgent(), QStringLiteral("TestAgent/2.0"));
        s->applySettings(QString(), 120, 5, SimulatorScheme::pageUrl({}), {});
        QCOMPARE(s->page()->profile()->httpUserAgent(), EngineInfo::defaultUserAgent());
    }

    void qrRotatesThenScanMakesItReady()
    {
        auto s = makeSession(QStringLiteral("refMs=1500"));
        QSignalSpy stateSpy(s.get(), &Session::stateChanged);
        QSignalSpy qrSpy(s.get(), &Session::qrChanged);
        s->start();
        QCOMPARE(s->state(), SessionState::Starting);
        QVERIFY(s->page());

        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
        const QString first = s->qr();
        const QStringList parts = first.split(QLatin1Char(','));
        QCOMPARE(parts.size(), 5);
        for (const QString &part : parts)
            QVERIFY2(!part.isEmpty(), qPrintable(first));
        QVERIFY(s->qrExpiresAt() > 0);

        // The ref rotates; the key material does not.
        QTRY_VERIFY_WITH_TIMEOUT(s->qr() != first && !s->qr().isEmpty(), 15000);
        const QStringList rotated = s->qr().split(QLatin1Char(','));
        QCOMPARE(rotated.size(), 5);
        QVERIFY(rotated.at(0) != parts.at(0));
        QCOMPARE(rotated.mid(1), parts.mid(1));
        QVERIFY(qrSpy.size() >= 2);

        eval(*s, QStringLiteral("WamatorSimulator.scan(), true"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Ready, 30000);
        QVERIFY(s->qr().isEmpty());
        QVERIFY(s->reason().isEmpty());
        QCOMPARE(states(stateSpy), (QStringList{SessionState::Starting, SessionState::QrPending,
                                                SessionState::Authenticated, SessionState::Ready}));
        QVERIFY(!s->meId().isEmpty());
    }

    void requestsOnAReadySession()
    {
        auto s = makeSession(QString());
        bringToReady(*s);

        Reply r = call(*s, QStringLiteral("isRegistered"), {{"to", "2348039999999"}});
        QVERIFY(r.ok);
        QCOMPARE(r.result.value("registered").toBool(), true);
        r = call(*s, QStringLiteral("isRegistered"), {{"to", "2348030000000"}});
        QVERIFY(r.ok);
        QCOMPARE(r.result.value("registered").toBool(), false);

        // The id is generated before the send and becomes the WAWebMsgKey id.
        QSignalSpy ackSpy(s.get(), &WebEngineSession::ackChanged);
        const QString msgId = QStringLiteral("3EB0AAAABBBBCCCCDDDD01");
        r = call(*s, QStringLiteral("sendText"),
                 {{"to", "2348039999999"}, {"body", "Hello from the test"}, {"msgId", msgId}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.value("id").toString(), msgId);
        QTRY_VERIFY_WITH_TIMEOUT(!ackSpy.isEmpty() && ackSpy.last().at(1).toInt() == 3, 10000);
        QList<int> acks;
        for (const QList<QVariant> &args : ackSpy) {
            if (args.at(0).toString() == msgId)
                acks << args.at(1).toInt();
        }
        QCOMPARE(acks, (QList<int>{1, 2, 3}));

        const QJsonArray box = outbox(*s);
        QCOMPARE(box.size(), 1);
        const QJsonObject record = box.at(0).toObject();
        QVERIFY2(record.value("id").toString().contains(msgId),
                 qPrintable(record.value("id").toString()));
        QCOMPARE(record.value("body").toString(), QStringLiteral("Hello from the test"));
        QVERIFY(record.value("to").toString().startsWith(QLatin1String("2348039999999")));
        QCOMPARE(record.value("type").toString(), QStringLiteral("chat"));

        r = call(*s, QStringLiteral("hasMessage"), {{"msgId", msgId}});
        QVERIFY(r.ok);
        QCOMPARE(r.result.value("exists").toBool(), true);
        QCOMPARE(r.result.value("ack").toInt(), 3);
        r = call(*s, QStringLiteral("hasMessage"), {{"msgId", "3EB0NOTSENT"}});
        QVERIFY(r.ok);
        QCOMPARE(r.result.value("exists").toBool(), false);

        r = call(*s, QStringLiteral("sendText"),
                 {{"to", "2348030000000"}, {"body", "nobody"}, {"msgId", "3EB0X1"}});
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("not_on_whatsapp"));

        r = call(*s, QStringLiteral("sendText"),
                 {{"to", "2348039999999"}, {"body", "x #sim-network-error"}, {"msgId", "3EB0X2"}});
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("ERROR_NETWORK"));

        r = call(*s, QStringLiteral("typing"), {{"to", "2348039999999"}, {"on", true}});
        QVERIFY2(r.ok, qPrintable(r.error));

        // Media: the spec's upload pipeline, then the same send. The bytes reach the page
        // through a one-time wamator-media: URL (mediaBytesTravelByUrl covers that path).
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(Qt::red);
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        const QString redFile = m_dir->file(QStringLiteral("red.png"));
        QFile out(redFile);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(png);
        out.close();
        r = call(*s, QStringLiteral("sendMedia"),
                 {{"to", "2348039999999"},
                  {"url", s->offerMedia(redFile, QStringLiteral("image/png")).toString()},
                  {"size", png.size()},
                  {"mimetype", "image/png"},
                  {"filename", "red.png"},
                  {"caption", "a red square"},
                  {"msgId", "3EB0MEDIA000000000001"}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QJsonObject media;
        for (const QJsonValue &v : outbox(*s)) {
            if (v.toObject().value("id").toString().contains(QLatin1String("3EB0MEDIA")))
                media = v.toObject();
        }
        QCOMPARE(media.value("type").toString(), QStringLiteral("image"));
        QCOMPARE(media.value("caption").toString(), QStringLiteral("a red square"));
        QCOMPARE(media.value("mimetype").toString(), QStringLiteral("image/png"));
        QCOMPARE(media.value("size").toInt(), png.size());
        QCOMPARE(
            media.value("sha256").toString().toLower(),
            QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex()));

        r = call(*s, QStringLiteral("noSuchOperation"));
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("unknown_op"));
    }

    void mediaBytesTravelByUrl()
    {
        auto s = makeSession(QString());
        bringToReady(*s);
        // What goes to the page over the web channel.
        auto *bridge = qobject_cast<SessionBridge *>(
            s->page()->webChannel()->registeredObjects().value(QStringLiteral("wamatorBridge")));
        QVERIFY(bridge);
        QSignalSpy toPage(bridge, &SessionBridge::toPage);

        // A 256x256 noise PNG (~200 KB: base64 of it could not hide in a small request).
        QImage image(256, 256, QImage::Format_RGB32);
        quint32 seed = 12345;
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
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(png);
        out.close();

        const QUrl url = s->offerMedia(path, QStringLiteral("image/png"));
        QCOMPARE(url.scheme(), QStringLiteral("wamator-media"));
        const QJsonObject args{{"to", "2348039999999"},   {"url", url.toString()},
                               {"size", png.size()},      {"mimetype", "image/png"},
                               {"filename", "noise.png"}, {"msgId", "3EB0MEDIA000000000002"}};
        Reply r = call(*s, QStringLiteral("sendMedia"), args);
        QVERIFY2(r.ok, qPrintable(r.error));
        QJsonObject media;
        for (const QJsonValue &v : outbox(*s)) {
            if (v.toObject().value("id").toString().contains(
                    QLatin1String("3EB0MEDIA000000000002")))
                media = v.toObject();
        }
        // Byte-identical in the simulator.
        QCOMPARE(media.value("size").toInt(), png.size());
        QCOMPARE(
            media.value("sha256").toString().toLower(),
            QString::fromLatin1(QCryptographicHash::hash(png, QCryptographicHash::Sha256).toHex()));
        // The channel carried the request, not the bytes.
        qsizetype channelBytes = 0;
        for (const QList<QVariant> &message : toPage) {
            const QString json = message.at(0).toString();
            channelBytes += json.size();
            QVERIFY(!json.contains(QString::fromLatin1(png.mid(1000, 300).toBase64())));
        }
        QVERIFY2(channelBytes < 2000, qPrintable(QString::number(channelBytes)));
        QCOMPARE(s->mediaHandler()->served(), 1);

        // One read per URL: the same URL again is refused (the send fails, transient).
        QJsonObject second = args;
        second.insert(QStringLiteral("msgId"), QStringLiteral("3EB0MEDIA000000000003"));
        r = call(*s, QStringLiteral("sendMedia"), second);
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("media_unavailable"));
        QCOMPARE(s->mediaHandler()->served(), 1);

        // Another session (another profile) cannot read this session's offers.
        auto other = makeSession(QString());
        bringToReady(*other);
        const QUrl foreign = s->offerMedia(path, QStringLiteral("image/png"));
        QJsonObject third = args;
        third.insert(QStringLiteral("url"), foreign.toString());
        third.insert(QStringLiteral("msgId"), QStringLiteral("3EB0MEDIA000000000004"));
        r = call(*other, QStringLiteral("sendMedia"), third);
        QVERIFY(!r.ok);
        QCOMPARE(r.error, QStringLiteral("media_unavailable"));
        QCOMPARE(s->mediaHandler()->offersOpen(), 1); // never reached this session's handler
    }

    void requestWithoutAPageFailsLater()
    {
        auto s = makeSession(QString());
        bool called = false;
        QString error;
        s->request(QStringLiteral("ping"), {}, 1000,
                   [&](bool, const QJsonObject &, const QString &e, const QString &) {
                       called = true;
                       error = e;
                   });
        QVERIFY(!called); // never from inside the call
        QTRY_VERIFY(called);
        QCOMPARE(error, QStringLiteral("session_not_ready"));
    }

    void missingModuleFailsAdapterOutdated_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<bool>("needsScan");
        QTest::newRow("before the QR") << QStringLiteral("WAWebConnModel") << false;
        QTest::newRow("QR key material") << QStringLiteral("WAWebCompanionRegClientUtils") << false;
        QTest::newRow("needed to send") << QStringLiteral("WAWebSendMsgChatAction") << true;
        QTest::newRow("needed to hear customers") << QStringLiteral("WAWebApiContact") << true;
        QTest::newRow("reactions") << QStringLiteral("WAWebAddonReactionTableMode") << true;
        QTest::newRow("sending reactions") << QStringLiteral("WAWebSendReactionMsgAction") << true;
    }
    void missingModuleFailsAdapterOutdated()
    {
        QFETCH(QString, module);
        QFETCH(bool, needsScan);
        auto s = makeSession(QStringLiteral("missing=") + module);
        s->start();
        if (needsScan) {
            QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
            eval(*s, QStringLiteral("WamatorSimulator.scan(), true"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("adapter_outdated: %1 is missing (Chromium %2)")
                                  .arg(module, EngineInfo::chromiumVersion()));
        QVERIFY(!s->page());
    }

    void adapterOverrideReplacesTheBuiltInOne()
    {
        // A user's same-day fix: <data>/adapter/whatsapp-adapter.js, no rebuild. Here the
        // override asks for a module the simulator does not have, so its use is visible.
        QString source = AdapterScripts::builtInAdapter();
        QVERIFY(source.contains(QLatin1String("'WAWebConnModel'")));
        source.replace(QLatin1String("'WAWebConnModel'"), QLatin1String("'WAWebConnModelV2'"));
        QVERIFY(QDir().mkpath(m_dir->path() + QStringLiteral("/adapter")));
        QFile file(AdapterScripts::overridePath(m_dir->path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(source.toUtf8());
        file.close();

        auto s = makeSession(QString());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("adapter_outdated: WAWebConnModelV2 is missing "
                                             "(Chromium %1)")
                                  .arg(EngineInfo::chromiumVersion()));
    }

    // The same override, writable by anyone: refused, the built-in adapter runs instead.
    void overrideWritableByOthersIsRefused()
    {
        QString source = AdapterScripts::builtInAdapter();
        source.replace(QLatin1String("'WAWebConnModel'"), QLatin1String("'WAWebConnModelV2'"));
        QVERIFY(QDir().mkpath(m_dir->path() + QStringLiteral("/adapter")));
        QFile file(AdapterScripts::overridePath(m_dir->path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(source.toUtf8());
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                    QFileDevice::ReadOther | QFileDevice::WriteOther));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("refusing the adapter override")));
        auto s = makeSession(QString());
        bringToReady(*s);
        QCOMPARE(s->reason(), QString());
    }

    // Whatever runs in the main frame can talk to the bridge: the page does not leave its
    // origin, neither by a script nor by a load; the session goes on where it was.
    void mainFrameStaysOnTheSimulator()
    {
        LocalHttpServer elsewhere;
        QVERIFY(elsewhere.listen());
        elsewhere.route(QStringLiteral("/evil"),
                        {200, "text/html", "<html><body>not WhatsApp</body></html>"});
        auto s = makeSession(QString());
        bringToReady(*s);
        auto *page = qobject_cast<SessionPage *>(s->page());
        QVERIFY(page);
        QSignalSpy refused(page, &SessionPage::navigationRefused);
        const QUrl home = page->url();
        QCOMPARE(home.scheme(), QStringLiteral("wamator-sim"));

        eval(*s, QStringLiteral("location.href = '%1'; true")
                     .arg(elsewhere.url(QStringLiteral("/evil"))));
        QTRY_VERIFY_WITH_TIMEOUT(
            refused.count() == 1 || elsewhere.hits(QStringLiteral("/evil")) > 0, 30000);
        page->load(QUrl(QStringLiteral("data:text/html,<p>elsewhere</p>")));
        QTRY_VERIFY_WITH_TIMEOUT(
            refused.count() == 2 || page->url().scheme() == QLatin1String("data"), 30000);
        QCOMPARE(elsewhere.hits(QStringLiteral("/evil")), 0);
        QCOMPARE(refused.count(), 2);
        QCOMPARE(refused.at(0).at(0).toUrl(), QUrl(elsewhere.url(QStringLiteral("/evil"))));
        // The document itself is still the simulator's. (QWebEnginePage::url() is not asked: on
        // QtWebEngine 6.10 it reports a refused load()'s URL although nothing was loaded.)
        QCOMPARE(QUrl(eval(*s, QStringLiteral("location.href")).toString()), home);
        QCOMPARE(eval(*s, QStringLiteral("typeof WamatorSimulator")).toString(),
                 QStringLiteral("object"));
        // Still the working session it was.
        QCOMPARE(s->state(), SessionState::Ready);
        const Reply r = call(*s, QStringLiteral("isRegistered"), {{"to", "2348039999999"}});
        QVERIFY2(r.ok, qPrintable(r.error));
    }

    void brokenOverrideFailsInsteadOfHanging()
    {
        QVERIFY(QDir().mkpath(m_dir->path() + QStringLiteral("/adapter")));
        QFile file(AdapterScripts::overridePath(m_dir->path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("(function () { this is not JavaScript");
        file.close();
        auto s = makeSession(QString());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("adapter_outdated: whatsapp-adapter.js did not "
                                             "start (Chromium %1)")
                                  .arg(EngineInfo::chromiumVersion()));
    }

    void qrFailsafeTimesOut()
    {
        auto s = makeSession(QString(), /*qrTimeout*/ 2);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("timeout"));
        QVERIFY(!s->page());
        QVERIFY(s->qr().isEmpty());
    }

    void qrRefreshLimitTimesOut()
    {
        // Three rotations, then UNPAIRED_IDLE: one refresh allowed, the second idle fails.
        auto s = makeSession(QStringLiteral("refMs=200"), 120, /*maxRefreshes*/ 1);
        QSignalSpy qrSpy(s.get(), &Session::qrChanged);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("timeout"));
        // The refresh produced new QR codes after the first idle.
        QVERIFY2(qrSpy.size() >= 5, qPrintable(QString::number(qrSpy.size())));
    }

    void rendererCrashRecoversByItself()
    {
        auto s = makeSession(QString());
        bringToReady(*s);
        QSignalSpy stateSpy(s.get(), &Session::stateChanged);
        const qint64 pid = s->rendererPid();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(states(stateSpy).contains(SessionState::Failed), 15000);
        QCOMPARE(stateSpy.at(states(stateSpy).indexOf(SessionState::Failed)).at(1).toString(),
                 QStringLiteral("renderer_crashed"));
        // Restarted with the same profile: logged in without a new scan.
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Ready, 30000);
        QVERIFY(!states(stateSpy).contains(SessionState::QrPending));
        QCOMPARE(s->crashCount(), 1);
        QVERIFY(s->rendererPid() > 0);
        QVERIFY(s->rendererPid() != pid);
    }

    void postLogoutNavigationLogsOut()
    {
        auto s = makeSession(QString());
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
        s->page()->load(SimulatorScheme::pageUrl(QStringLiteral("post_logout=1")));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("logged_out"));
    }

    void phoneRemovingTheDeviceLogsOut()
    {
        auto s = makeSession(QString());
        bringToReady(*s);
        eval(*s, QStringLiteral("WamatorSimulator.logout(), true"));
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Failed, 30000);
        QCOMPARE(s->reason(), QStringLiteral("logged_out"));
        QVERIFY(!s->page());
    }

    void stopKeepsTheLoginAndStartRestoresIt()
    {
        auto s = makeSession(QString());
        bringToReady(*s);
        const QString msgId = QStringLiteral("3EB0BEFORESTOP00000001");
        QSignalSpy ackSpy(s.get(), &WebEngineSession::ackChanged);
        QVERIFY(call(*s, QStringLiteral("sendText"),
                     {{"to", "2348039999999"}, {"body", "before the stop"}, {"msgId", msgId}})
                    .ok);
        QTRY_VERIFY_WITH_TIMEOUT(!ackSpy.isEmpty() && ackSpy.last().at(1).toInt() == 3, 10000);
        s->stop();
        QCOMPARE(s->state(), SessionState::Disconnected);
        QVERIFY(!s->page());
        QSignalSpy stateSpy(s.get(), &Session::stateChanged);
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::Ready, 30000);
        QVERIFY(!states(stateSpy).contains(SessionState::QrPending));
        // Reconciliation after a restart finds the message by its pre-generated id.
        const Reply r =
            call(*s, QStringLiteral("hasMessage"), {{"msgId", msgId}, {"to", "2348039999999"}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.value("exists").toBool(), true);
        QCOMPARE(r.result.value("ack").toInt(), 3);
    }

    void logoutUnlinksTheDevice()
    {
        auto s = makeSession(QString());
        bringToReady(*s);
        bool done = false;
        s->logout([&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(s->state(), SessionState::Disconnected);
        // The simulator forgot the pairing: the next start asks for a QR again.
        s->start();
        QTRY_COMPARE_WITH_TIMEOUT(s->state(), SessionState::QrPending, 30000);
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestSession)
#include "tst_session.moc"
