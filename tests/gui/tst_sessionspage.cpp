#include "CoreServices.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "TestSupport.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

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
};

WAMATOR_GUI_TEST_MAIN(TestSessionsPage)
#include "tst_sessionspage.moc"
