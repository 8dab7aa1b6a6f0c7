// The Messages page's campaigns (issue #16): batches with their state, a progress bar and the
// ETA, Pause / Resume / Cancel acting through CampaignService (the API's rules), live from
// events; and the compose dialog's "Send at", which queues a scheduled batch.

#include "CampaignsPanel.h"
#include "ComposeDialog.h"
#include "CoreServices.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "MessagesPage.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "messaging/CampaignService.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using GuiTestSupport::Owner;

class TestCampaignsPanel : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;
    std::unique_ptr<GuiContext> m_ctx;
    Owner m_owner;

    QString queue(int n, qint64 sendAt)
    {
        MessageComposer::Request r;
        r.userId = m_owner.userId;
        for (int i = 0; i < n; ++i)
            r.recipients.append({QStringLiteral("234803%1").arg(i, 7, 10, QLatin1Char('0')), {}});
        r.message = QStringLiteral("Hi {{name}}");
        r.sendAt = sendAt;
        return m_ctx->composer().compose(m_owner.vendorId, r).batchId;
    }
    // Answers the next modal message box with Yes.
    static void acceptNextBox()
    {
        auto *timer = new QTimer;
        timer->setInterval(10);
        QObject::connect(timer, &QTimer::timeout, timer, [timer]() {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            box->button(QMessageBox::Yes)->click();
            timer->stop();
            timer->deleteLater();
        });
        timer->start();
    }

private Q_SLOTS:
    void initTestCase() { GuiLanguage::apply(QStringLiteral("en")); }
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
        m_ctx = std::make_unique<GuiContext>(*m_core, *m_sessions);
        m_owner = GuiTestSupport::makeOwner(*m_core);
        Plan plan;
        plan.name = QStringLiteral("Plan");
        plan.maxPhoneNumbers = 2;
        plan.maxMessages = 100;
        Subscription sub;
        sub.appUserId = m_owner.userId;
        sub.planId = m_core->plans().create(plan).id;
        sub.endsAt = Clock::nowMs() + 86400000;
        m_core->subscriptionService().give(sub);
        m_core->numbers().add(m_owner.vendorId, m_owner.userId, QStringLiteral("2348000000001"),
                              QStringLiteral("Shop"), true);
        GuiTestSupport::addContacts(*m_core, m_owner, 5);
    }
    void cleanup()
    {
        m_ctx.reset();
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void showsCampaignsAndControlsThem()
    {
        const QString scheduled = queue(3, Clock::nowMs() + 3600'000);
        const QString running = queue(2, 0);
        MessagesPage page(*m_ctx);
        page.resize(1000, 700);
        page.show();
        CampaignsPanel *panel = page.campaigns();
        QVERIFY(panel);
        panel->setUser(m_owner.vendorId, m_owner.userId);
        QCOMPARE(panel->table()->rowCount(), 2);
        QCOMPARE(panel->stateText(scheduled), QStringLiteral("Scheduled"));
        QCOMPARE(panel->stateText(running), QStringLiteral("Running"));
        QCOMPARE(panel->progressText(scheduled),
                 QStringLiteral("0 sent · 0 delivered · 0 failed of 3"));
        for (int row = 0; row < 2; ++row) // both have an ETA (scheduled: from send_at)
            QVERIFY(!panel->table()->item(row, CampaignsPanel::Eta)->text().isEmpty());

        // Nothing selected: no control.
        QVERIFY(!panel->pauseButton()->isEnabled());
        QVERIFY(panel->selectBatch(running));
        QVERIFY(panel->pauseButton()->isEnabled());
        QVERIFY(!panel->resumeButton()->isEnabled());
        panel->pauseButton()->click();
        CampaignService service(*m_core);
        QCOMPARE(service.batch(m_owner.vendorId, running).state, CampaignService::kPaused);
        QCOMPARE(panel->stateText(running), QStringLiteral("Paused"));
        QVERIFY(!panel->pauseButton()->isEnabled());
        QVERIFY(panel->resumeButton()->isEnabled());
        panel->resumeButton()->click();
        QCOMPARE(service.batch(m_owner.vendorId, running).state, CampaignService::kRunning);
        QCOMPARE(panel->stateText(running), QStringLiteral("Running"));

        // Live: a message sent elsewhere (the dispatcher) shows in the bar within a second or so.
        const Message first = m_core->messages().listBatch(m_owner.vendorId, running).first();
        QVERIFY(m_core->messages().advance(m_owner.vendorId, first.id, MessageStatus::Sent,
                                           Clock::nowMs()));
        Message sent = *m_core->messages().find(m_owner.vendorId, first.id);
        m_core->events().publish(m_owner.vendorId, MessageStatusEvent::of(sent, Clock::nowMs()));
        QTRY_COMPARE_WITH_TIMEOUT(panel->progressText(running),
                                  QStringLiteral("1 sent · 0 delivered · 0 failed of 2"), 5000);
        // A pause through the API's service shows too (batch_state event).
        service.pause(m_owner.vendorId, scheduled);
        QTRY_COMPARE_WITH_TIMEOUT(panel->stateText(scheduled), QStringLiteral("Paused"), 5000);

        // Cancel (after a confirmation): the scheduled batch ends cancelled, controls off.
        QVERIFY(panel->selectBatch(scheduled));
        acceptNextBox();
        panel->cancelButton()->click();
        QCOMPARE(service.batch(m_owner.vendorId, scheduled).state, CampaignService::kCancelled);
        QCOMPARE(m_core->messages()
                     .countsForBatch(m_owner.vendorId, scheduled)
                     .value(MessageStatus::Cancelled),
                 3);
        QCOMPARE(panel->stateText(scheduled), QStringLiteral("Cancelled"));
        QVERIFY(!panel->pauseButton()->isEnabled());
        QVERIFY(!panel->resumeButton()->isEnabled());
        QVERIFY(!panel->cancelButton()->isEnabled());
    }

    void composeSendAtSchedulesTheBatch()
    {
        ComposeDialog dialog(*m_ctx, m_owner.vendorId, m_owner.userId);
        auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("sendAtCheck"));
        QVERIFY(check);
        QVERIFY(!check->isChecked()); // optional: now by default
        dialog.setSearch(QStringLiteral("Contact"));
        QTRY_VERIFY_WITH_TIMEOUT((dialog.addAllMatching(), dialog.recipientCount() == 5), 5000);
        dialog.setMessage(QStringLiteral("Later {{name}}"));
        const QDateTime when = QDateTime::currentDateTime().addSecs(7200);
        dialog.setSendAt(when);
        QVERIFY(check->isChecked());
        QSignalSpy sent(&dialog, &ComposeDialog::sent);
        QSignalSpy finished(&dialog, &ComposeDialog::sendFinished);
        dialog.send();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        const QString batch = sent.at(0).at(0).toString();
        const CampaignService::Batch b = CampaignService(*m_core).batch(m_owner.vendorId, batch);
        QCOMPARE(b.state, CampaignService::kScheduled);
        QCOMPARE(b.counts.value(MessageStatus::Scheduled), 5);
        QVERIFY2(qAbs(b.sendAt - when.toMSecsSinceEpoch()) < 60'000,
                 qPrintable(QString::number(b.sendAt - when.toMSecsSinceEpoch())));
        QVERIFY(dialog.resultText().contains(QStringLiteral("They will be sent at")));
    }
};

WAMATOR_GUI_TEST_MAIN(TestCampaignsPanel)
#include "tst_campaignspanel.moc"
