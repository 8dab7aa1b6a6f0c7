// The dispatcher's send-window gate (SendWindowPolicy) on a real SQLite file with a scripted
// MessageSender and the controllable clock: quiet hours hold each message until the window ends
// in its recipient's zone and release it then; the warm-up's daily limit holds the sends past
// it until the number's next local day; sandbox numbers are exempt; held rows are not fetched
// again (no spinning).

#include "CoreServices.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/SendWindowPolicy.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QDateTime>
#include <QTest>
#include <QTimer>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// Answers like the WhatsApp layer does (asynchronously, exactly once) and records the sends.
class FakeSender : public MessageSender
{
public:
    QSet<qint64> readyNumbers;
    QList<QPair<qint64, QString>> sent; // number, recipient
    QStringList checks;

    bool isReady(qint64 numberId) const override { return readyNumbers.contains(numberId); }
    QString newMessageId() const override { return QStringLiteral("3EB0%1").arg(++m_counter); }
    void isRegistered(qint64, const QString &to, std::function<void(Outcome, bool)> done) override
    {
        checks << to;
        QTimer::singleShot(1, this, [done]() { done(Outcome{}, true); });
    }
    void sendText(qint64 n, const QString &to, const QString &, const QString &,
                  std::function<void(Outcome)> done) override
    {
        QTimer::singleShot(1, this, [this, n, to, done]() {
            sent << qMakePair(n, to);
            done(Outcome{});
        });
    }
    void sendMedia(qint64 n, const QString &to, const Media &, const QString &b, const QString &w,
                   std::function<void(Outcome)> done) override
    {
        sendText(n, to, b, w, std::move(done));
    }
    void hasMessage(qint64, const QString &, const QString &,
                    std::function<void(Outcome, bool, int)> done) override
    {
        QTimer::singleShot(1, this, [done]() { done(Outcome{}, false, 0); });
    }
    void setTyping(qint64, const QString &, bool) override {}
    int sendsFrom(qint64 n) const
    {
        return int(
            std::count_if(sent.cbegin(), sent.cend(), [n](const auto &s) { return s.first == n; }));
    }
    bool sentTo(const QString &to) const
    {
        return std::any_of(sent.cbegin(), sent.cend(),
                           [&](const auto &s) { return s.second == to; });
    }

private:
    mutable int m_counter = 0;
};

// The clock reads `iso` from now on.
void setClock(const char *iso)
{
    const qint64 at = Clock::fromIso(QString::fromLatin1(iso));
    Clock::setOffsetForTesting(at - QDateTime::currentMSecsSinceEpoch());
}

} // namespace

class TestSendWindowDispatch : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<FakeSender> m_sender;
    qint64 m_vendor = 0, m_user = 0;

    Message queueOne(const QString &to, qint64 fromNumber, const QString &batch)
    {
        Message m;
        m.batchId = batch;
        m.appUserId = m_user;
        m.fromNumberId = fromNumber;
        m.recipient = to;
        m.message = QStringLiteral("Hello");
        m.expiresAt = Clock::nowMs() + 3 * kDayMs;
        return m_core->messages().insertBatch(m_vendor, {m}).first();
    }
    Message row(qint64 id) { return *m_core->messages().find(m_vendor, id); }
    std::unique_ptr<OutboxDispatcher> makeDispatcher()
    {
        auto d = std::make_unique<OutboxDispatcher>(*m_core, *m_sender);
        d->setPollIntervalMs(10);
        return d;
    }
    // A user, subscribed around the clock's current time.
    void makeUser()
    {
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
        plan.maxMessages = 100000;
        Subscription sub;
        sub.appUserId = m_user;
        sub.planId = m_core->plans().create(plan).id;
        sub.startsAt = Clock::nowMs() - kDayMs;
        sub.endsAt = Clock::nowMs() + 30 * kDayMs;
        m_core->subscriptions().create(sub);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sender = std::make_unique<FakeSender>();
    }
    void cleanup()
    {
        Clock::setOffsetForTesting(0);
        m_sender.reset();
        m_core.reset();
        m_dir.reset();
    }

    // Quiet hours 21:00–08:00 at 21:30 UTC: a contact whose own zone is Tokyo (06:30 there)
    // waits until 08:00 Tokyo (23:00 UTC); a Nigerian number without a contact (22:30 in
    // Lagos) until 08:00 Lagos (07:00 UTC); a US number (16:30 in New York) goes at once.
    void quietHoursHoldUntilTheWindowEndsInTheRecipientsZone()
    {
        setClock("2026-12-07T21:30:00Z");
        makeUser();
        AppUserStore::Patch p;
        p.quietHours = QuietHours{21 * 60, 8 * 60};
        m_core->users().update(m_vendor, m_user, p);
        Contact c;
        c.name = QStringLiteral("Traveller");
        c.phoneNumber = QStringLiteral("2348031100001");
        c.timezone = QStringLiteral("Asia/Tokyo");
        m_core->contacts().addMany(m_vendor, m_user, {c});
        const qint64 number =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_sender->readyNumbers = {number};
        const Message tokyo = queueOne(QStringLiteral("2348031100001"), 0, QStringLiteral("q"));
        const Message lagos = queueOne(QStringLiteral("2348031100002"), 0, QStringLiteral("q"));
        const Message newYork = queueOne(QStringLiteral("12125550123"), 0, QStringLiteral("q"));

        auto d = makeDispatcher();
        d->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_sender->sentTo(newYork.recipient), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(row(tokyo.id).nextAttemptAt,
                                  Clock::fromIso(QStringLiteral("2026-12-07T23:00:00Z")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(row(lagos.id).nextAttemptAt,
                                  Clock::fromIso(QStringLiteral("2026-12-08T07:00:00Z")), 20000);
        QCOMPARE(row(tokyo.id).status, MessageStatus::Pending);
        QCOMPARE(row(lagos.id).status, MessageStatus::Pending);
        QCOMPARE(row(tokyo.id).attempts, 0);
        QVERIFY(row(tokyo.id).errorMessage.isEmpty());
        // Held rows are not fetched again: nothing about them changes while the dispatcher
        // polls (every 10 ms), and no registration check was made for them.
        const qint64 updated = row(lagos.id).updatedAt;
        QTest::qWait(300);
        QCOMPARE(row(lagos.id).updatedAt, updated);
        QVERIFY(!m_sender->checks.contains(lagos.recipient));
        QVERIFY(!m_sender->checks.contains(tokyo.recipient));

        setClock("2026-12-07T23:00:01Z"); // 08:00 in Tokyo, 00:00 in Lagos
        QTRY_VERIFY_WITH_TIMEOUT(m_sender->sentTo(tokyo.recipient), 20000);
        QTest::qWait(200);
        QVERIFY(!m_sender->sentTo(lagos.recipient));
        QCOMPARE(row(lagos.id).status, MessageStatus::Pending);

        setClock("2026-12-08T07:00:01Z"); // 08:00 in Lagos
        QTRY_VERIFY_WITH_TIMEOUT(m_sender->sentTo(lagos.recipient), 20000);
        QCOMPARE(m_sender->sent.size(), 3);
    }

    // A real number added today (warm-up day 1: limit 2; day 2: limit 3, in Lagos time) sends
    // 2 of its 4 messages; the other two wait, pending, until Lagos midnight, then go. A
    // sandbox number of the same user sends all of its 5 (exempt).
    void dailyLimitHoldsTheRestUntilTheNextLocalDay()
    {
        setClock("2026-12-07T10:00:00Z");
        makeUser();
        Settings &s = m_core->settings();
        s.setValue(QStringLiteral("pacing_enabled"), false);
        s.setValue(QStringLiteral("warmup/schedule"), QStringLiteral("2,3"));
        s.setValue(QStringLiteral("warmup/time_zone"), QStringLiteral("Africa/Lagos"));
        const WhatsAppNumber real =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000009"), {}, false);
        const qint64 sandbox =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_sender->readyNumbers = {real.id, sandbox};
        QList<Message> fromReal, fromSandbox;
        for (int i = 0; i < 4; ++i)
            fromReal << queueOne(QStringLiteral("23480311000%1").arg(10 + i), real.id,
                                 QStringLiteral("r"));
        for (int i = 0; i < 5; ++i)
            fromSandbox << queueOne(QStringLiteral("23480311000%1").arg(50 + i), sandbox,
                                    QStringLiteral("s"));

        auto d = makeDispatcher();
        d->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_sender->sendsFrom(sandbox), 5, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_sender->sendsFrom(real.id), 2, 20000);
        const qint64 lagosMidnight = Clock::fromIso(QStringLiteral("2026-12-07T23:00:00Z"));
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(fromReal.cbegin(), fromReal.cend(),
                                               [&](const Message &m) {
                                                   return row(m.id).nextAttemptAt == lagosMidnight;
                                               }) == 2,
                                 20000);
        QTest::qWait(300);
        QCOMPARE(m_sender->sendsFrom(real.id), 2);
        int pending = 0;
        for (const Message &m : fromReal)
            pending += row(m.id).status == MessageStatus::Pending ? 1 : 0;
        QCOMPARE(pending, 2);
        SendWindowPolicy::Allowance a = m_core->sendWindow().allowance(real, Clock::nowMs());
        QCOMPARE(a.day, 1);
        QCOMPARE(a.limit, 2);
        QCOMPARE(a.sent, 2);
        QCOMPARE(a.left, 0);
        WhatsAppNumber sb = real;
        sb.id = sandbox;
        sb.sandbox = true;
        a = m_core->sendWindow().allowance(sb, Clock::nowMs());
        QCOMPARE(a.limit, -1);
        QCOMPARE(a.left, -1);
        QCOMPARE(a.sent, 5);

        setClock("2026-12-07T23:00:01Z");
        QTRY_COMPARE_WITH_TIMEOUT(m_sender->sendsFrom(real.id), 4, 20000);
        a = m_core->sendWindow().allowance(real, Clock::nowMs());
        QCOMPARE(a.day, 2);
        QCOMPARE(a.limit, 3);
        QCOMPARE(a.sent, 2);
        QCOMPARE(a.left, 1);
    }

    // Rows any number may send: a number at its limit leaves them to the user's other number;
    // when both are at their limit they wait for the next day.
    void dailyLimitLeavesFreeRowsToOtherNumbers()
    {
        setClock("2026-12-07T10:00:00Z");
        makeUser();
        Settings &s = m_core->settings();
        s.setValue(QStringLiteral("pacing_enabled"), false);
        s.setValue(QStringLiteral("warmup/schedule"), QStringLiteral("1"));
        s.setValue(QStringLiteral("warmup/time_zone"), QStringLiteral("Africa/Lagos"));
        const qint64 a =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000008"), {}, false).id;
        const qint64 b =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000009"), {}, false).id;
        m_sender->readyNumbers = {a, b};
        QList<Message> rows;
        for (int i = 0; i < 3; ++i)
            rows << queueOne(QStringLiteral("23480311000%1").arg(10 + i), 0, QStringLiteral("f"));
        auto d = makeDispatcher();
        d->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_sender->sent.size(), 2, 20000);
        QTest::qWait(300);
        QCOMPARE(m_sender->sent.size(), 2);
        QCOMPARE(m_sender->sendsFrom(a), 1);
        QCOMPARE(m_sender->sendsFrom(b), 1);
        setClock("2026-12-07T23:00:01Z"); // day 2: past the schedule, no limit
        QTRY_COMPARE_WITH_TIMEOUT(m_sender->sent.size(), 3, 20000);
    }
};

QTEST_GUILESS_MAIN(TestSendWindowDispatch)
#include "tst_sendwindowdispatch.moc"
