// Scheduled and controlled campaigns (issue #16) on a real SQLite file with a scripted
// MessageSender: send_at keeps a batch `scheduled` until then, with the dispatcher's wake
// computed from the earliest scheduled row under a controllable clock (Clock's offset: no
// sleeping until send_at); a restart in between; pause, resume and cancel through
// CampaignService with its states, counts and ETA.

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "inbound/OptOutService.h"
#include "messaging/CampaignService.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxQueue.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"

#include <QTest>
#include <QTimer>

namespace {

// Accepts every send after replyDelayMs (acks 1 with the result), records them.
class RecordingSender : public MessageSender
{
public:
    QSet<qint64> readyNumbers;
    QStringList sentTo;   // recipients, in send order
    QList<qint64> sentAt; // Clock::nowMs() when each send was made
    int replyDelayMs = 1;

    bool isReady(qint64 numberId) const override { return readyNumbers.contains(numberId); }
    QString newMessageId() const override { return QStringLiteral("3EB0C%1").arg(++m_counter); }
    void isRegistered(qint64, const QString &, std::function<void(Outcome, bool)> done) override
    {
        QTimer::singleShot(0, this, [done]() { done(Outcome{}, true); });
    }
    void sendText(qint64, const QString &to, const QString &, const QString &,
                  std::function<void(Outcome)> done) override
    {
        sentTo << to;
        sentAt << Clock::nowMs();
        QTimer::singleShot(replyDelayMs, this, [done]() { done(Outcome{}); });
    }
    void sendMedia(qint64, const QString &to, const Media &, const QString &, const QString &,
                   std::function<void(Outcome)> done) override
    {
        sendText(0, to, {}, {}, std::move(done));
    }
    void hasMessage(qint64, const QString &, const QString &,
                    std::function<void(Outcome, bool, int)> done) override
    {
        QTimer::singleShot(0, this, [done]() { done(Outcome{}, false, 0); });
    }
    void setTyping(qint64, const QString &, bool) override {}

private:
    mutable int m_counter = 0;
};

} // namespace

class TestCampaigns : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<RecordingSender> m_sender;
    qint64 m_vendor = 0, m_user = 0, m_number = 0;
    QList<BatchStateEvent> m_states;
    QList<Contact> m_contacts;

    static QString phone(int i) { return QStringLiteral("234803%1").arg(1000000 + i); }

    MessageComposer::Outcome compose(int n, qint64 sendAt)
    {
        MessageComposer::Request r;
        r.userId = m_user;
        for (int i = 0; i < n; ++i)
            r.recipients.append({phone(i), {}});
        r.message = QStringLiteral("Hello");
        r.sendAt = sendAt;
        return MessageComposer(*m_core).compose(m_vendor, r);
    }
    QHash<QString, int> counts(const QString &batchId)
    {
        return m_core->messages().countsForBatch(m_vendor, batchId);
    }
    std::unique_ptr<OutboxDispatcher> makeDispatcher()
    {
        auto d = std::make_unique<OutboxDispatcher>(*m_core, *m_sender);
        d->setPollIntervalMs(10);
        return d;
    }

private Q_SLOTS:
    void init()
    {
        Clock::setOffsetForTesting(0);
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sender = std::make_unique<RecordingSender>();
        m_states.clear();
        m_core->events().on<BatchStateEvent>(
            this, [this](qint64, const BatchStateEvent &e) { m_states << e; });
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
        Plan plan;
        plan.name = QStringLiteral("P");
        plan.maxPhoneNumbers = 5;
        plan.maxMessages = 1000;
        plan.periodDays = 30;
        Subscription sub;
        sub.appUserId = m_user;
        sub.planId = m_core->plans().create(plan).id;
        sub.startsAt = Clock::nowMs() - 86400000;
        sub.endsAt = Clock::nowMs() + 30LL * 86400000;
        m_core->subscriptions().create(sub);
        m_number =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        QList<Contact> contacts;
        for (int i = 0; i < 40; ++i) {
            Contact c;
            c.name = QStringLiteral("C%1").arg(i);
            c.phoneNumber = phone(i);
            contacts << c;
        }
        m_contacts = m_core->contacts().addMany(m_vendor, m_user, contacts).added;
    }
    void cleanup()
    {
        Clock::setOffsetForTesting(0);
        m_sender.reset();
        m_core.reset();
        m_dir.reset();
    }

    // The batch waits as `scheduled` (quota taken now), nothing is sent before send_at however
    // often the dispatcher polls (and it reads the database for it only once), then every
    // message is sent exactly once, at or after send_at.
    void scheduledBatchWaitsThenSendsOnce()
    {
        const qint64 sendAt = Clock::nowMs() + 60'000;
        const MessageComposer::Outcome out = compose(3, sendAt);
        QCOMPARE(out.sendAt, sendAt);
        QCOMPARE(counts(out.batchId).value(MessageStatus::Scheduled), 3);
        QCOMPARE(m_core->messages().quotaUsed(m_vendor, m_user, 0), 3); // reserved at accept
        CampaignService campaigns(*m_core);
        const CampaignService::Batch before = campaigns.batch(m_vendor, out.batchId);
        QCOMPARE(before.state, CampaignService::kScheduled);
        QCOMPARE(before.sendAt, sendAt);
        QCOMPARE(before.etaMs, sendAt); // a sandbox number is unpaced: it all goes at send_at
        for (const Message &m : m_core->messages().listBatch(m_vendor, out.batchId))
            QVERIFY(m.expiresAt >= sendAt + 1000); // the TTL counts from send_at

        m_sender->readyNumbers = {m_number};
        auto d = makeDispatcher();
        d->start();
        const qint64 lookups = d->stats().scheduleLookups;
        QTest::qWait(300); // ~30 polls
        QCOMPARE(m_sender->sentTo.size(), 0);
        QCOMPARE(counts(out.batchId).value(MessageStatus::Scheduled), 3);
        QCOMPARE(d->stats().scheduleLookups, lookups); // the wake is in memory: no query per poll
        QCOMPARE(d->stats().promoted, 0);

        Clock::setOffsetForTesting(59'000); // still a second early
        QTest::qWait(100);
        QCOMPARE(m_sender->sentTo.size(), 0);

        Clock::setOffsetForTesting(60'500);
        QVERIFY(QTest::qWaitFor(
            [&]() { return counts(out.batchId).value(MessageStatus::Sent) == 3; }, 10000));
        QCOMPARE(d->stats().promoted, 3);
        QCOMPARE(m_sender->sentTo.size(), 3);
        QCOMPARE(QSet<QString>(m_sender->sentTo.cbegin(), m_sender->sentTo.cend()).size(), 3);
        for (qint64 at : std::as_const(m_sender->sentAt))
            QVERIFY(at >= sendAt);
        QVERIFY(std::any_of(m_states.cbegin(), m_states.cend(), [&](const BatchStateEvent &e) {
            return e.batchId == out.batchId && e.state == CampaignService::kRunning;
        }));
        QTest::qWait(100);
        QCOMPARE(m_sender->sentTo.size(), 3);
        QCOMPARE(campaigns.batch(m_vendor, out.batchId).state, CampaignService::kCompleted);
    }

    // A batch queued after the dispatcher started is found by its poll (new rows), and the
    // earlier of two send_at times wakes it first.
    void wakeFollowsTheEarliestScheduledRow()
    {
        m_sender->readyNumbers = {m_number};
        auto d = makeDispatcher();
        d->start();
        const qint64 now = Clock::nowMs();
        MessageComposer::Request late;
        late.userId = m_user;
        late.recipients = {{phone(10), {}}};
        late.message = QStringLiteral("late");
        late.sendAt = now + 120'000;
        const QString lateBatch = MessageComposer(*m_core).compose(m_vendor, late).batchId;
        MessageComposer::Request early = late;
        early.recipients = {{phone(11), {}}};
        early.sendAt = now + 30'000;
        const QString earlyBatch = MessageComposer(*m_core).compose(m_vendor, early).batchId;
        QTest::qWait(100);
        QVERIFY(m_sender->sentTo.isEmpty());
        Clock::setOffsetForTesting(31'000);
        QVERIFY(QTest::qWaitFor([&]() { return m_sender->sentTo.size() == 1; }, 10000));
        QCOMPARE(m_sender->sentTo, QStringList{phone(11)});
        QCOMPARE(counts(lateBatch).value(MessageStatus::Scheduled), 1);
        QCOMPARE(counts(earlyBatch).value(MessageStatus::Scheduled), 0);
        Clock::setOffsetForTesting(121'000);
        QVERIFY(QTest::qWaitFor([&]() { return m_sender->sentTo.size() == 2; }, 10000));
        QTest::qWait(50);
        QCOMPARE(m_sender->sentTo, (QStringList{phone(11), phone(10)}));
    }

    // The dispatcher goes away before send_at (the app quits) and another starts after it: the
    // rows, still scheduled in the database, are sent once, by the new one.
    void restartBetweenAcceptAndSendAt()
    {
        const qint64 sendAt = Clock::nowMs() + 10'000;
        const QString batch = compose(2, sendAt).batchId;
        m_sender->readyNumbers = {m_number};
        {
            auto first = makeDispatcher();
            first->start();
            QTest::qWait(100);
            first->stop();
        }
        QVERIFY(m_sender->sentTo.isEmpty());
        Clock::setOffsetForTesting(20'000); // the app was down over send_at
        auto second = makeDispatcher();
        second->start();
        QVERIFY(QTest::qWaitFor([&]() { return counts(batch).value(MessageStatus::Sent) == 2; },
                                10000));
        QTest::qWait(100);
        QCOMPARE(m_sender->sentTo.size(), 2);
    }

    void sendAtRules()
    {
        // In the past: sent now (pending, not scheduled).
        const MessageComposer::Outcome past = compose(1, Clock::nowMs() - 3600'000);
        QCOMPARE(past.sendAt, 0);
        QCOMPARE(counts(past.batchId).value(MessageStatus::Pending), 1);
        QCOMPARE(CampaignService(*m_core).batch(m_vendor, past.batchId).sendAt, 0);
        // Too far ahead: refused, nothing queued.
        const int before = m_core->messages().quotaUsed(m_vendor, m_user, 0);
        try {
            compose(1, Clock::nowMs() + 91LL * 86400'000);
            QFAIL("91 days ahead was accepted");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Validation);
            QCOMPARE(e.details().value(QStringLiteral("field")).toString(),
                     QStringLiteral("send_at"));
            QCOMPARE(e.details().value(QStringLiteral("max_days")).toInt(), 90);
        }
        QCOMPARE(m_core->messages().quotaUsed(m_vendor, m_user, 0), before);
        // 90 days is fine.
        const MessageComposer::Outcome far = compose(1, Clock::nowMs() + 90LL * 86400'000 - 1000);
        QCOMPARE(counts(far.batchId).value(MessageStatus::Scheduled), 1);
    }

    // Paused: no message of the batch is claimed (one in flight finishes); resumed: the rest
    // go. The counts say so at each step, and the pause is in the database.
    void pauseStopsSendingResumeFinishes()
    {
        m_sender->readyNumbers = {m_number};
        m_sender->replyDelayMs = 30;
        auto d = makeDispatcher();
        d->setUnpacedWindow(1);
        const QString batch = compose(20, 0).batchId;
        d->start();
        CampaignService campaigns(*m_core);
        QVERIFY(QTest::qWaitFor([&]() { return m_sender->sentTo.size() >= 3; }, 10000));
        const CampaignService::Batch paused = campaigns.pause(m_vendor, batch);
        QCOMPARE(paused.state, CampaignService::kPaused);
        QVERIFY(paused.pausedAt > 0);
        QCOMPARE(paused.etaMs, 0);
        QVERIFY(std::any_of(m_states.cbegin(), m_states.cend(), [&](const BatchStateEvent &e) {
            return e.batchId == batch && e.state == CampaignService::kPaused;
        }));
        QTest::qWait(150); // the send in flight, if any, finishes
        const int sentWhenPaused = int(m_sender->sentTo.size());
        QVERIFY(sentWhenPaused < 20);
        QTest::qWait(400); // ~13 sends' time at full speed
        QCOMPARE(int(m_sender->sentTo.size()), sentWhenPaused);
        const CampaignService::Batch still = campaigns.batch(m_vendor, batch);
        QCOMPARE(still.state, CampaignService::kPaused);
        QCOMPARE(still.counts.value(MessageStatus::Sending), 0);
        QCOMPARE(still.counts.value(MessageStatus::Pending), 20 - sentWhenPaused);
        QCOMPARE(still.left, 20 - sentWhenPaused);
        // Pausing again changes nothing.
        QCOMPARE(campaigns.pause(m_vendor, batch).pausedAt, paused.pausedAt);

        const CampaignService::Batch resumed = campaigns.resume(m_vendor, batch);
        QCOMPARE(resumed.state, CampaignService::kRunning);
        QCOMPARE(resumed.pausedAt, 0);
        QVERIFY(QTest::qWaitFor([&]() { return counts(batch).value(MessageStatus::Sent) == 20; },
                                20000));
        QCOMPARE(m_sender->sentTo.size(), 20);
        QCOMPARE(campaigns.batch(m_vendor, batch).state, CampaignService::kCompleted);
        // Finished: pausing (or resuming) is a conflict with its own code.
        for (int i = 0; i < 2; ++i) {
            try {
                i == 0 ? campaigns.pause(m_vendor, batch) : campaigns.resume(m_vendor, batch);
                QFAIL("a finished batch was paused");
            } catch (const DomainError &e) {
                QCOMPARE(e.kind(), DomainError::Kind::Conflict);
                QCOMPARE(e.code(), QStringLiteral("batch_finished"));
            }
        }
    }

    // A paused batch stays paused across a restart (the dispatcher is new, the row is not).
    void pauseIsDurable()
    {
        const QString batch = compose(3, 0).batchId;
        CampaignService(*m_core).pause(m_vendor, batch);
        m_sender->readyNumbers = {m_number};
        auto d = makeDispatcher();
        d->start();
        QTest::qWait(200);
        QVERIFY(m_sender->sentTo.isEmpty());
        QCOMPARE(counts(batch).value(MessageStatus::Pending), 3);
        CampaignService(*m_core).resume(m_vendor, batch);
        QVERIFY(QTest::qWaitFor([&]() { return m_sender->sentTo.size() == 3; }, 10000));
    }

    // Cancel works on scheduled and on paused messages, gives their quota back and ends the
    // batch as cancelled; scheduled and paused at once is paused.
    void cancelScheduledAndPaused()
    {
        CampaignService campaigns(*m_core);
        const QString scheduled = compose(4, Clock::nowMs() + 60'000).batchId;
        QCOMPARE(campaigns.pause(m_vendor, scheduled).state, CampaignService::kPaused);
        QCOMPARE(campaigns.resume(m_vendor, scheduled).state, CampaignService::kScheduled);
        QCOMPARE(m_core->messages().quotaUsed(m_vendor, m_user, 0), 4);
        QCOMPARE(campaigns.cancel(m_vendor, scheduled), 4);
        QCOMPARE(m_core->messages().quotaUsed(m_vendor, m_user, 0), 0);
        CampaignService::Batch b = campaigns.batch(m_vendor, scheduled);
        QCOMPARE(b.state, CampaignService::kCancelled);
        QCOMPARE(b.counts.value(MessageStatus::Cancelled), 4);
        QCOMPARE(b.left, 0);

        const QString paused = compose(2, 0).batchId;
        campaigns.pause(m_vendor, paused);
        QCOMPARE(campaigns.cancel(m_vendor, paused), 2);
        QCOMPARE(campaigns.batch(m_vendor, paused).state, CampaignService::kCancelled);
        QCOMPARE(campaigns.cancel(m_vendor, paused), 0);

        // The list: newest first, both there; another vendor's id is not found.
        const QList<CampaignService::Batch> list = campaigns.list(m_vendor, m_user, 0, 10);
        QCOMPARE(list.size(), 2);
        QCOMPARE(campaigns.count(m_vendor, m_user), 2);
        try {
            campaigns.pause(m_vendor + 1000, paused);
            QFAIL("another vendor paused the batch");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::NotFound);
        }
    }

    // A contact who opts out before send_at gets nothing: their scheduled message is cancelled
    // like a pending one, even for a batch queued long before (up to 90 days ahead).
    void optOutCancelsScheduledMessages()
    {
        const QString batch = compose(2, Clock::nowMs() + 80LL * 86400'000).batchId;
        Clock::setOffsetForTesting(60LL * 86400'000); // 60 days later, 20 before send_at
        m_core->optOuts().optOut(m_vendor, m_user, m_contacts.at(0).id,
                                 QString(OptOutService::kOperator));
        QHash<QString, int> c = counts(batch);
        QCOMPARE(c.value(MessageStatus::Cancelled), 1);
        QCOMPARE(c.value(MessageStatus::Scheduled), 1);
        for (const Message &m : m_core->messages().listBatch(m_vendor, batch))
            if (m.recipient == phone(0))
                QCOMPARE(m.errorMessage, QStringLiteral("opted_out"));
    }

    // ETA: messages left × the mean pause of the number's pacing, from send_at when scheduled.
    void etaFromPacing()
    {
        Settings &s = m_core->settings();
        s.setValue(QStringLiteral("pacing_sandbox"), true);
        s.setValue(QStringLiteral("pacing_min_delay_ms"), 4000);
        s.setValue(QStringLiteral("pacing_max_delay_ms"), 6000);
        s.setValue(QStringLiteral("typing_ms_per_char"), 100);
        s.setValue(QStringLiteral("typing_max_ms"), 5000); // "Hello": 500 ms
        const qint64 sendAt = Clock::nowMs() + 3600'000;
        const QString batch = compose(10, sendAt).batchId;
        CampaignService campaigns(*m_core);
        QCOMPARE(campaigns.batch(m_vendor, batch).etaMs, sendAt + 10 * 5500);
        // Two numbers share it.
        m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000002"), {}, true);
        QCOMPARE(campaigns.batch(m_vendor, batch).etaMs, sendAt + 10 * 5500 / 2);
        const QString now = compose(4, 0).batchId;
        const qint64 eta = campaigns.batch(m_vendor, now).etaMs;
        const qint64 t = Clock::nowMs();
        QVERIFY2(eta >= t + 4 * 5500 / 2 - 1000 && eta <= t + 4 * 5500 / 2,
                 qPrintable(QString::number(eta - t)));
    }
};

QTEST_GUILESS_MAIN(TestCampaigns)
#include "tst_campaigns.moc"
