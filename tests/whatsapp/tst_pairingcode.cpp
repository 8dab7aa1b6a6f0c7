#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "WebEngineSession.h"
#include "WebEngineTestSupport.h"
#include "platform/Clock.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using WebEngineTestSupport::Fixture;

// Linking a number by phone-number code (issue #16) through the production adapter and real
// simulator pages: WAWebAltDeviceLinkingApi as whatsapp-web.js drives it, the code kept by the
// session and published, the simulated phone typing it (right, wrong, replaced, expired), the
// page renewing it, and Cancel going back to the QR.
class TestPairingCode : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;

    struct Answer
    {
        bool done = false;
        bool ok = false;
        QJsonObject result;
        QString error;
        QString message;
    };

    static SessionManager::Done into(const std::shared_ptr<Answer> &a)
    {
        return
            [a](bool ok, const QJsonObject &result, const QString &error, const QString &message) {
                QVERIFY(!a->done); // exactly once
                a->done = true;
                a->ok = ok;
                a->result = result;
                a->error = error;
                a->message = message;
            };
    }

    // WhatsApp's alphabet: letters and digits without the look-alikes 0/O and 1/I (and U).
    static bool looksLikeACode(const QString &code)
    {
        static const QRegularExpression shape(QStringLiteral("^[2-9A-HJ-NP-TV-Z1]{8}$"));
        return shape.match(code).hasMatch() && !code.contains(QLatin1Char('0')) &&
               !code.contains(QLatin1Char('O')) && !code.contains(QLatin1Char('I')) &&
               !code.contains(QLatin1Char('U'));
    }

    static std::shared_ptr<Answer> askCode(SessionManager &m, const Fixture &f)
    {
        auto a = std::make_shared<Answer>();
        m.requestPairingCode(f.vendorId, f.number.id, into(a));
        return a;
    }

    static std::shared_ptr<Answer> enter(SessionManager &m, const Fixture &f, const QString &code)
    {
        auto a = std::make_shared<Answer>();
        m.simulateEnterCode(f.vendorId, f.number.id, code, into(a));
        return a;
    }

    static QJsonObject pageInfo(SessionManager &m, const Fixture &f)
    {
        auto *s = qobject_cast<WebEngineSession *>(m.session(f.number.id));
        if (!s)
            return {};
        QJsonObject info;
        bool done = false;
        s->runInPage(QStringLiteral("JSON.stringify({info: WamatorSimulator.info(), "
                                    "code: WamatorSimulator.pairingCode()})"),
                     [&](const QVariant &v) {
                         info = QJsonDocument::fromJson(v.toString().toUtf8()).object();
                         done = true;
                     });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            return {};
        return info;
    }

    // A code of the right shape that is not `code`.
    static QString otherCode(const QString &code)
    {
        QString other = code;
        other[0] = code.at(0) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        return other;
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

    // Request a code for a number that is not even started: the session starts, the code
    // comes back and out on the bus; a wrong code leaves it unlinked; the right one (typed
    // loosely) links it as the number's own phone.
    void codeLinksTheNumber()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        QSignalSpy bus(&m_core->events(), &EventBus::published);
        const qint64 before = Clock::nowMs();

        auto a = askCode(manager, f);
        QTRY_VERIFY_WITH_TIMEOUT(a->done, 60000);
        QVERIFY2(a->ok, qPrintable(a->error + QLatin1Char(' ') + a->message));
        const QString code = a->result.value("code").toString();
        QVERIFY2(looksLikeACode(code), qPrintable(code));
        const qint64 expiresAt = qint64(a->result.value("expires_at").toDouble());
        // WhatsApp's three minutes.
        QVERIFY(expiresAt >= before + 180000 && expiresAt <= Clock::nowMs() + 180000);

        SessionManager::Snapshot snap = manager.snapshot(f.vendorId, f.number.id);
        QCOMPARE(snap.state, SessionState::QrPending);
        QCOMPARE(snap.pairingCode, code);
        QCOMPARE(snap.pairingCodeExpiresAt, expiresAt);
        QVERIFY(snap.qr.isNull()); // the page shows the code, not a QR

        // The page was asked for the number's own phone, in code mode.
        const QJsonObject page = pageInfo(manager, f);
        QCOMPARE(page.value("code").toObject().value("code").toString(), code);
        QCOMPARE(page.value("code").toObject().value("phone").toString(), f.number.phoneNumber);

        QJsonObject event;
        for (const QList<QVariant> &args : std::as_const(bus))
            if (args.at(1).toJsonObject().value("event").toString() ==
                QLatin1String("pairing_code"))
                event = args.at(1).toJsonObject();
        QCOMPARE(event.value("code").toString(), code);
        QCOMPARE(event.value("user_id").toInteger(), f.userId);
        QCOMPARE(event.value("number_id").toInteger(), f.number.id);
        QCOMPARE(event.value("phone_number").toString(), f.number.phoneNumber);
        QCOMPARE(event.value("expires_at").toString(), Clock::toIso(expiresAt));

        auto wrong = enter(manager, f, otherCode(code));
        QTRY_VERIFY_WITH_TIMEOUT(wrong->done, 30000);
        QVERIFY(!wrong->ok);
        QCOMPARE(wrong->error, QStringLiteral("wrong_code"));
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).state, SessionState::QrPending);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).pairingCode, code);

        auto right = enter(manager, f, code.left(4).toLower() + QLatin1Char('-') + code.mid(4));
        QTRY_VERIFY_WITH_TIMEOUT(right->done, 30000);
        QVERIFY2(right->ok, qPrintable(right->error));
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Ready, 30000);
        auto *session = qobject_cast<WebEngineSession *>(manager.session(f.number.id));
        QVERIFY(session->meId().startsWith(f.number.phoneNumber + QLatin1Char('@')));
        QVERIFY(manager.snapshot(f.vendorId, f.number.id).pairingCode.isNull());

        // Linked: no more codes, and nothing to refresh or cancel.
        try {
            manager.requestPairingCode(f.vendorId, f.number.id, into(std::make_shared<Answer>()));
            QFAIL("a ready number got a pairing code");
        } catch (const DomainError &e) {
            QCOMPARE(e.code(), QStringLiteral("already_connected"));
        }
        try {
            manager.refreshPairingCode(f.vendorId, f.number.id, into(std::make_shared<Answer>()));
            QFAIL("refreshed a code that is not there");
        } catch (const DomainError &e) {
            QCOMPARE(e.code(), QStringLiteral("no_pairing_code"));
        }
        auto again = enter(manager, f, code);
        QTRY_VERIFY_WITH_TIMEOUT(again->done, 30000);
        QCOMPARE(again->error, QStringLiteral("already_paired"));
    }

    // The page renews the code (whatsapp-web.js's interval): the new one replaces the old,
    // which is then expired; Refresh does the same at once; Cancel goes back to the QR, whose
    // flow is unchanged.
    void renewalRefreshAndCancel()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.setPairingCodeIntervalMs(1500);
        QSignalSpy codes(&manager, &SessionManager::pairingCodeChanged);

        auto a = askCode(manager, f);
        QTRY_VERIFY_WITH_TIMEOUT(a->done, 60000);
        QVERIFY2(a->ok, qPrintable(a->message));
        const QString first = a->result.value("code").toString();
        QTRY_VERIFY_WITH_TIMEOUT(!manager.snapshot(f.vendorId, f.number.id).pairingCode.isEmpty() &&
                                     manager.snapshot(f.vendorId, f.number.id).pairingCode != first,
                                 15000);
        const QString renewed = manager.snapshot(f.vendorId, f.number.id).pairingCode;
        QVERIFY(looksLikeACode(renewed));
        QVERIFY(codes.size() >= 2);
        QCOMPARE(codes.last().at(2).toString(), renewed);

        auto old = enter(manager, f, first);
        QTRY_VERIFY_WITH_TIMEOUT(old->done, 30000);
        QCOMPARE(old->error, QStringLiteral("expired_code"));
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).state, SessionState::QrPending);

        manager.setPairingCodeIntervalMs(180000); // no renewal races with what follows
        auto refreshed = std::make_shared<Answer>();
        const QString beforeRefresh = manager.snapshot(f.vendorId, f.number.id).pairingCode;
        manager.refreshPairingCode(f.vendorId, f.number.id, into(refreshed));
        QTRY_VERIFY_WITH_TIMEOUT(refreshed->done, 30000);
        QVERIFY2(refreshed->ok, qPrintable(refreshed->message));
        const QString third = refreshed->result.value("code").toString();
        QVERIFY(looksLikeACode(third));
        QVERIFY(third != beforeRefresh);
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).pairingCode, third);

        auto cancelled = std::make_shared<Answer>();
        manager.cancelPairingCode(f.vendorId, f.number.id, into(cancelled));
        QTRY_VERIFY_WITH_TIMEOUT(cancelled->done, 30000);
        QVERIFY2(cancelled->ok, qPrintable(cancelled->message));
        QVERIFY(manager.snapshot(f.vendorId, f.number.id).pairingCode.isNull());
        QCOMPARE(codes.last().at(2).toString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!manager.snapshot(f.vendorId, f.number.id).qr.isEmpty(), 15000);
        QVERIFY(pageInfo(manager, f).value("code").isNull());
        // No renewal after the cancel, even with a short interval on the page before it.
        const qsizetype seen = codes.size();

        auto stale = enter(manager, f, third);
        QTRY_VERIFY_WITH_TIMEOUT(stale->done, 30000);
        QCOMPARE(stale->error, QStringLiteral("wrong_code"));

        manager.simulateScan(f.vendorId, f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Ready, 30000);
        QCOMPARE(codes.size(), seen);
    }

    // A code the page no longer accepts: its life (the page's ?codeMs) is over.
    void expiredCode()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.setSimulatorQuery(QStringLiteral("codeMs=1"));
        auto a = askCode(manager, f);
        QTRY_VERIFY_WITH_TIMEOUT(a->done, 60000);
        QVERIFY2(a->ok, qPrintable(a->message));
        auto typed = enter(manager, f, a->result.value("code").toString());
        QTRY_VERIFY_WITH_TIMEOUT(typed->done, 30000);
        QVERIFY(!typed->ok);
        QCOMPARE(typed->error, QStringLiteral("expired_code"));
        QCOMPARE(manager.snapshot(f.vendorId, f.number.id).state, SessionState::QrPending);
    }

    // A WhatsApp Web without the module: adapter_outdated naming it, as for any module.
    void missingModuleIsAdapterOutdated()
    {
        const Fixture f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        SessionManager manager(*m_core);
        manager.setSimulatorQuery(QStringLiteral("missing=WAWebAltDeviceLinkingApi"));
        auto a = askCode(manager, f);
        QTRY_VERIFY_WITH_TIMEOUT(a->done, 60000);
        QVERIFY(!a->ok);
        QCOMPARE(a->error, QStringLiteral("adapter_outdated"));
        QTRY_COMPARE_WITH_TIMEOUT(manager.snapshot(f.vendorId, f.number.id).state,
                                  SessionState::Failed, 15000);
        const QString reason = manager.snapshot(f.vendorId, f.number.id).reason;
        QVERIFY2(reason.startsWith(QLatin1String("adapter_outdated: WAWebAltDeviceLinkingApi")),
                 qPrintable(reason));
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestPairingCode)
#include "tst_pairingcode.moc"
