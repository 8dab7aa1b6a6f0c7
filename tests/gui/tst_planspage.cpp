#include "CoreServices.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PlansPage.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/SubscriptionStore.h"
#include "platform/Clock.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

using GuiTestSupport::Owner;

// The Plans page's Extend and End buttons, in a real MainWindow: they go through
// SubscriptionService (one plan period more; cancelled now) and the list names the status.
class TestPlansPage : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;

    // Answers the next modal message box with Yes.
    static void answerYes()
    {
        auto *timer = new QTimer;
        timer->setInterval(10);
        QObject::connect(timer, &QTimer::timeout, timer, [timer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            box->button(QMessageBox::Yes)->click();
            timer->deleteLater();
        });
        timer->start();
    }

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

    void extendAndEndGoThroughTheService()
    {
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        Plan plan;
        plan.name = QStringLiteral("Weekly");
        plan.maxPhoneNumbers = 1;
        plan.maxMessages = 100;
        plan.periodDays = 7;
        Subscription s;
        s.appUserId = o.userId;
        s.planId = m_core->plans().create(plan).id;
        const qint64 now = Clock::nowMs();
        s.endsAt = now + 86400000;
        s = m_core->subscriptionService().give(s);

        MainWindow window(*m_core, *m_sessions);
        PlansPage *page = window.plansPage();
        page->reload();
        auto *table = page->findChild<QTableWidget *>(QStringLiteral("subscriptionsTable"));
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Active"));

        table->selectRow(0);
        page->findChild<QPushButton *>(QStringLiteral("extendButton"))->click();
        QCOMPARE(m_core->subscriptions().find(s.id)->endsAt, s.endsAt + 7 * 86400000LL);

        table->selectRow(0);
        answerYes();
        page->findChild<QPushButton *>(QStringLiteral("endButton"))->click();
        const Subscription ended = *m_core->subscriptions().find(s.id);
        QCOMPARE(ended.status, QStringLiteral("cancelled"));
        QVERIFY(ended.endsAt <= Clock::nowMs());
        QVERIFY(!m_core->subscriptionService().active(o.vendorId, o.userId, Clock::nowMs()));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Cancelled"));
    }
};

WAMATOR_GUI_TEST_MAIN(TestPlansPage)
#include "tst_planspage.moc"
