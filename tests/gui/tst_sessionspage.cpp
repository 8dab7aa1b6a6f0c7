#include "CoreServices.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PairingCodeDialog.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "TestSupport.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

using GuiTestSupport::Owner;

// The Sessions page's Connect, in a real MainWindow with a real SessionManager: it asks what
// POST /connect asks (issue #13: it used to connect without a subscription and past the plan).
class TestSessionsPage : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
    }
    void cleanup()
    {
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void connectRefusesLikePostConnect()
    {
        MainWindow window(*m_core, *m_sessions);
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        NumberStore &numbers = m_core->numbers();
        const WhatsAppNumber first =
            numbers.add(o.vendorId, o.userId, QStringLiteral("2348031234567"), QString(), true);
        SessionsPage *page = window.sessionsPage();
        page->reload();

        // No subscription: refused in words, nothing starts.
        QVERIFY(page->selectNumber(first.id));
        auto seen = GuiTestSupport::dismissNextBox();
        page->connectSelected();
        QVERIFY(seen->shown);
        QVERIFY2(seen->text.contains(QLatin1String("no active subscription")),
                 qPrintable(seen->text));
        QVERIFY(!m_sessions->session(first.id));
        // Restart of a number that is not running starts it: refused the same way.
        numbers.setState(o.vendorId, first.id, SessionState::Failed, QStringLiteral("page_hung"));
        page->reload();
        QVERIFY(page->selectNumber(first.id));
        seen = GuiTestSupport::dismissNextBox();
        page->restartSelected();
        QVERIFY(seen->shown);
        QVERIFY2(seen->text.contains(QLatin1String("no active subscription")),
                 qPrintable(seen->text));
        QVERIFY(!m_sessions->session(first.id));

        // A one-number plan and two numbers: refused as the plan's limit, nothing starts.
        Plan plan;
        plan.name = QStringLiteral("One number");
        plan.maxPhoneNumbers = 1;
        plan.maxMessages = 100;
        Subscription sub;
        sub.appUserId = o.userId;
        sub.planId = m_core->plans().create(plan).id;
        sub.endsAt = Clock::nowMs() + 86400000;
        m_core->subscriptionService().give(sub);
        const WhatsAppNumber second =
            numbers.add(o.vendorId, o.userId, QStringLiteral("2348031234568"), QString(), true);
        page->reload();
        QVERIFY(page->selectNumber(first.id));
        seen = GuiTestSupport::dismissNextBox();
        page->connectSelected();
        QVERIFY(seen->shown);
        QVERIFY2(seen->text.contains(QLatin1String("plan")), qPrintable(seen->text));
        QVERIFY(!m_sessions->session(first.id));

        // Within the plan again: it connects, without a word.
        QVERIFY(numbers.remove(o.vendorId, o.userId, second.id));
        page->reload();
        QVERIFY(page->selectNumber(first.id));
        seen = GuiTestSupport::dismissNextBox();
        page->connectSelected();
        QVERIFY(!seen->shown);
        QVERIFY(m_sessions->session(first.id));
    }

    // Issue #16: "Connect with code…" opens the pairing code dialog: the code large as
    // XXXX-XXXX, copyable, with its expiry; the simulated phone typing it links the number and
    // the dialog closes by itself. Cancel goes back to the QR.
    void connectWithCode()
    {
        MainWindow window(*m_core, *m_sessions);
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        Plan plan;
        plan.name = QStringLiteral("Two numbers");
        plan.maxPhoneNumbers = 2;
        plan.maxMessages = 100;
        Subscription sub;
        sub.appUserId = o.userId;
        sub.planId = m_core->plans().create(plan).id;
        sub.endsAt = Clock::nowMs() + 86400000;
        m_core->subscriptionService().give(sub);
        const WhatsAppNumber n = m_core->numbers().add(
            o.vendorId, o.userId, QStringLiteral("2348031234567"), QString(), true);
        const WhatsAppNumber other = m_core->numbers().add(
            o.vendorId, o.userId, QStringLiteral("2348031234568"), QString(), true);
        SessionsPage *page = window.sessionsPage();
        page->reload();
        QVERIFY(page->selectNumber(n.id));
        auto *codeButton = page->findChild<QPushButton *>(QStringLiteral("codeButton"));
        QVERIFY(codeButton && codeButton->isEnabled());

        codeButton->click();
        QPointer<PairingCodeDialog> dialog = page->pairingCodeDialog();
        QVERIFY(dialog && dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->codeText().isEmpty(), 60000);
        const QString shown = dialog->codeText();
        QVERIFY2(QRegularExpression(QStringLiteral("^[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}$"))
                     .match(shown)
                     .hasMatch(),
                 qPrintable(shown));
        const QString code = m_sessions->snapshot(o.vendorId, n.id).pairingCode;
        QCOMPARE(shown, code.left(4) + QLatin1Char('-') + code.mid(4));
        QTRY_VERIFY(dialog->countdownText().contains(QLatin1String("Expires in 3:00")) ||
                    dialog->countdownText().contains(QLatin1String("Expires in 2:5")));
        auto *copy = dialog->findChild<QPushButton *>(QStringLiteral("copyButton"));
        QVERIFY(copy && copy->isEnabled());
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), code);

        bool entered = false;
        m_sessions->simulateEnterCode(
            o.vendorId, n.id, code,
            [&](bool ok, const QJsonObject &, const QString &, const QString &) { entered = ok; });
        QTRY_VERIFY_WITH_TIMEOUT(entered, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 30000); // closed (and deleted) once linked
        QTRY_COMPARE_WITH_TIMEOUT(m_sessions->snapshot(o.vendorId, n.id).state, SessionState::Ready,
                                  30000);

        // Cancel before the code came: once it comes it is cancelled too, back to the QR.
        QVERIFY(page->selectNumber(other.id));
        QSignalSpy codes(m_sessions.get(), &SessionManager::pairingCodeChanged);
        page->connectWithCodeSelected();
        dialog = page->pairingCodeDialog();
        QVERIFY(dialog && dialog->codeText().isEmpty());
        dialog->cancelCode();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(codes.size() >= 2, 20000);
        QVERIFY(!codes.at(0).at(2).toString().isEmpty());
        QCOMPARE(codes.last().at(2).toString(), QString());
        QVERIFY(m_sessions->snapshot(o.vendorId, other.id).pairingCode.isNull());

        // Cancel: back to the QR of the same session.
        page->connectWithCodeSelected();
        dialog = page->pairingCodeDialog();
        QTRY_VERIFY_WITH_TIMEOUT(dialog && !dialog->codeText().isEmpty(), 60000);
        dialog->cancelCode();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!page->qrText().isEmpty(), 15000);
        QVERIFY(m_sessions->snapshot(o.vendorId, other.id).pairingCode.isNull());
    }
};

WAMATOR_GUI_TEST_MAIN(TestSessionsPage)
#include "tst_sessionspage.moc"
