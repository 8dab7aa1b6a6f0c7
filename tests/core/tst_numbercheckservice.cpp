// NumberCheckService and NumberCheckStore on a real SQLite file with a scripted MessageSender:
// normalising, invalid phones, the durable per-vendor cache (a second check asks nothing, the
// answer expires after checks/cache_days), pacing on a controllable clock, the 1,000-phone
// limit, no ready number, tenant isolation, the contacts' whatsapp_status, cancelling.

#include "CoreServices.h"
#include "DomainError.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "numbers/NumberCheckService.h"
#include "numbers/NumberCheckStore.h"
#include "numbers/NumberStore.h"
#include "outbox/MessageSender.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>

namespace {

// Answers isRegistered like the WhatsApp layer (asynchronously, once); records every question.
class LookupSender : public MessageSender
{
public:
    QSet<qint64> readyNumbers;
    QSet<QString> notRegistered;
    QSet<QString> failing; // answered with a transient error (the number stays ready)
    QStringList asked;     // "numberId:phone"
    bool holdAnswers = false;
    QList<std::function<void()>> held;

    bool isReady(qint64 n) const override { return readyNumbers.contains(n); }
    QString newMessageId() const override { return QStringLiteral("3EB0X"); }
    void isRegistered(qint64 n, const QString &to, std::function<void(Outcome, bool)> done) override
    {
        asked << QStringLiteral("%1:%2").arg(n).arg(to);
        const bool yes = !notRegistered.contains(to);
        Outcome o;
        if (failing.contains(to))
            o = {Outcome::Code::Transient, QStringLiteral("ERROR_NETWORK")};
        auto reply = [done, yes, o] { done(o, yes); };
        if (holdAnswers)
            held << reply;
        else
            QTimer::singleShot(0, this, reply);
    }
    void sendText(qint64, const QString &, const QString &, const QString &,
                  std::function<void(Outcome)>) override
    {
    }
    void sendMedia(qint64, const QString &, const Media &, const QString &, const QString &,
                   std::function<void(Outcome)>) override
    {
    }
    void hasMessage(qint64, const QString &, const QString &,
                    std::function<void(Outcome, bool, int)>) override
    {
    }
    void setTyping(qint64, const QString &, bool) override {}
};

struct ClockShift
{
    ~ClockShift() { Clock::setOffsetForTesting(0); }
    void by(qint64 ms) { Clock::setOffsetForTesting(Clock::offsetForTesting() + ms); }
};

} // namespace

class TestNumberCheckService : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<LookupSender> m_sender;
    std::unique_ptr<NumberCheckService> m_checks;
    qint64 m_vendor = 0, m_user = 0, m_number = 0;

    qint64 vendor(const QString &email)
    {
        return m_core->accounts()
            .registerVendor(QStringLiteral("V"), email, QStringLiteral("password1"),
                            QStringLiteral("V"), QStringLiteral("08031234567"))
            .vendor.id;
    }
    qint64 user(qint64 vendorId, const QString &email)
    {
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = email;
        return m_core->users().create(vendorId, u).id;
    }
    NumberCheckService::Check waitDone(qint64 vendorId, qint64 userId, const QString &id,
                                       int timeoutMs = 10000)
    {
        NumberCheckService::Check c;
        const bool done = QTest::qWaitFor(
            [&] {
                c = *m_checks->find(vendorId, userId, id);
                return c.status != QLatin1String("running");
            },
            timeoutMs);
        if (!done)
            qWarning() << "check still running";
        return c;
    }
    static QStringList statuses(const NumberCheckService::Check &c)
    {
        QStringList out;
        for (const auto &i : c.items)
            out << i.status;
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sender = std::make_unique<LookupSender>();
        m_checks = std::make_unique<NumberCheckService>(*m_core, *m_sender);
        m_vendor = vendor(QStringLiteral("a@example.com"));
        m_user = user(m_vendor, QStringLiteral("u@example.com"));
        // A sandbox number: unpaced unless pacing_sandbox (the pacing test turns it on).
        m_number =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_sender->readyNumbers = {m_number};
    }
    void cleanup()
    {
        m_checks.reset();
        m_sender.reset();
        m_core.reset();
        m_dir.reset();
        Clock::setOffsetForTesting(0);
    }

    void answersEachPhoneNormalised()
    {
        m_sender->notRegistered = {QStringLiteral("2348030000000")};
        const auto started =
            m_checks->start(m_vendor, m_user,
                            {QStringLiteral("0803 111 2222"), QStringLiteral("08030000000"),
                             QStringLiteral("abc"), QStringLiteral("+2348031112222")});
        QCOMPARE(started.status, QStringLiteral("running"));
        QVERIFY(started.id.startsWith(QLatin1String("chk_")));
        const auto c = waitDone(m_vendor, m_user, started.id);
        QCOMPARE(c.status, QStringLiteral("completed"));
        QCOMPARE(statuses(c), (QStringList{"yes", "no", "invalid", "yes"}));
        QCOMPARE(c.items.at(0).phone, QStringLiteral("2348031112222"));
        QCOMPARE(c.items.at(2).phone, QString());
        // The same phone given twice is asked once.
        QCOMPARE(m_sender->asked.size(), 2);
        QCOMPARE(c.lookups, 2);
        QVERIFY(!c.items.at(0).cached);
        QVERIFY(c.items.at(0).checkedAt > 0);
    }

    void secondCheckAsksNothingWithinTheWindow()
    {
        ClockShift clock;
        const QStringList phones{QStringLiteral("08031112222"), QStringLiteral("08030000000")};
        m_sender->notRegistered = {QStringLiteral("2348030000000")};
        waitDone(m_vendor, m_user, m_checks->start(m_vendor, m_user, phones).id);
        QCOMPARE(m_sender->asked.size(), 2);

        // Six days later: answered at once from the store, nothing asked, no number needed.
        clock.by(6LL * 86400000);
        m_sender->readyNumbers.clear();
        const auto again = m_checks->start(m_vendor, m_user, phones);
        QCOMPARE(again.status, QStringLiteral("completed"));
        QCOMPARE(statuses(again), (QStringList{"yes", "no"}));
        QVERIFY(again.items.at(0).cached && again.items.at(1).cached);
        QCOMPARE(again.lookups, 0);
        QCOMPARE(m_sender->asked.size(), 2);

        // Past checks/cache_days (7): asked again.
        clock.by(86400000 + 1);
        m_sender->readyNumbers = {m_number};
        const auto later = waitDone(m_vendor, m_user, m_checks->start(m_vendor, m_user, phones).id);
        QCOMPARE(later.lookups, 2);
        QCOMPARE(m_sender->asked.size(), 4);

        // The setting moves the window.
        m_core->settings().setValue(QStringLiteral("checks/cache_days"), 1);
        clock.by(86400000 + 1);
        waitDone(m_vendor, m_user, m_checks->start(m_vendor, m_user, phones).id);
        QCOMPARE(m_sender->asked.size(), 6);
    }

    void lookupsArePacedOnTheClock()
    {
        ClockShift clock;
        m_core->settings().setValue(QStringLiteral("pacing_sandbox"), true);
        m_core->settings().setValue(QStringLiteral("checks/min_delay_ms"), 600000);
        m_core->settings().setValue(QStringLiteral("checks/max_delay_ms"), 600000);
        const auto started =
            m_checks->start(m_vendor, m_user,
                            {QStringLiteral("08031110001"), QStringLiteral("08031110002"),
                             QStringLiteral("08031110003")});
        QTRY_COMPARE(m_sender->asked.size(), 1);
        QTRY_COMPARE(m_checks->lookupsInFlight(), 0);
        m_checks->pump();
        QTest::qWait(50);
        QCOMPARE(m_sender->asked.size(), 1); // the number waits its pause
        auto c = *m_checks->find(m_vendor, m_user, started.id);
        QCOMPARE(c.status, QStringLiteral("running"));
        QCOMPARE(c.etaMs, 2 * 600000LL);

        clock.by(600000 - 1000);
        m_checks->pump();
        QTest::qWait(50);
        QCOMPARE(m_sender->asked.size(), 1);
        clock.by(1000);
        m_checks->pump();
        QTRY_COMPARE(m_sender->asked.size(), 2);
        QTRY_COMPARE(m_checks->lookupsInFlight(), 0);
        clock.by(600000);
        m_checks->pump();
        QTRY_COMPARE(m_sender->asked.size(), 3);
        QTRY_COMPARE(m_checks->find(m_vendor, m_user, started.id)->status,
                     QStringLiteral("completed"));
    }

    void atMostOneThousandPhones()
    {
        QStringList phones;
        for (int i = 0; i < NumberCheckService::kMaxPhones + 1; ++i)
            phones << QStringLiteral("0803%1").arg(1000000 + i);
        try {
            m_checks->start(m_vendor, m_user, phones);
            QFAIL("1,001 phones accepted");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Validation);
            QCOMPARE(e.code(), QStringLiteral("too_many_phones"));
        }
        QVERIFY(m_sender->asked.isEmpty());
        phones.removeLast();
        m_sender->holdAnswers = true; // 1,000 are accepted (not asked here)
        QCOMPARE(m_checks->start(m_vendor, m_user, phones).items.size(), 1000);
        try {
            m_checks->start(m_vendor, m_user, {});
            QFAIL("an empty list accepted");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Validation);
        }
    }

    // 1,000 phones on an unpaced number whose page answers at once: what the service itself
    // costs (each answer is one transaction: the cache row and the contacts), then the same
    // 1,000 again, all from the cache. Printed for docs; bounded loosely so a slow machine
    // does not fail it.
    void thousandPhonesCost()
    {
        QStringList phones;
        for (int i = 0; i < NumberCheckService::kMaxPhones; ++i)
            phones << QStringLiteral("0803%1").arg(3000001 + i);
        QElapsedTimer clock;
        clock.start();
        const auto c =
            waitDone(m_vendor, m_user, m_checks->start(m_vendor, m_user, phones).id, 100000);
        const qint64 asked = clock.elapsed();
        QCOMPARE(c.status, QStringLiteral("completed"));
        QCOMPARE(c.lookups, 1000);
        clock.restart();
        const auto again = m_checks->start(m_vendor, m_user, phones);
        const qint64 cached = clock.elapsed();
        QCOMPARE(again.status, QStringLiteral("completed"));
        QCOMPARE(again.lookups, 0);
        qInfo("1,000 phones: %lld ms asked (instant answers), %lld ms from the cache", asked,
              cached);
        QVERIFY(cached < 5000);
    }

    // The page could not ask (the number stays ready): that phone is an error with the
    // page's reason, nothing is stored for it, and the check goes on.
    void aFailedLookupIsAnErrorItem()
    {
        m_sender->failing = {QStringLiteral("2348031110001")};
        const auto c =
            waitDone(m_vendor, m_user,
                     m_checks
                         ->start(m_vendor, m_user,
                                 {QStringLiteral("08031110001"), QStringLiteral("08031110002")})
                         .id);
        QCOMPARE(c.status, QStringLiteral("completed"));
        QCOMPARE(statuses(c), (QStringList{"error", "yes"}));
        QCOMPARE(c.items.at(0).error, QStringLiteral("ERROR_NETWORK"));
        QVERIFY(!m_core->numberChecks().known(m_vendor, QStringLiteral("2348031110001"),
                                              Clock::nowMs()));
    }

    void noReadyNumberIsAConflict()
    {
        m_sender->readyNumbers.clear();
        try {
            m_checks->start(m_vendor, m_user, {QStringLiteral("08031112222")});
            QFAIL("started without a ready number");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Conflict);
            QCOMPARE(e.code(), QStringLiteral("no_ready_number"));
        }
        // Only invalid phones: nothing to ask, nothing needed.
        QCOMPARE(m_checks->start(m_vendor, m_user, {QStringLiteral("x")}).status,
                 QStringLiteral("completed"));
    }

    void numberLostMidwayFailsWhatIsLeft()
    {
        m_sender->holdAnswers = true;
        const auto started = m_checks->start(
            m_vendor, m_user, {QStringLiteral("08031110001"), QStringLiteral("08031110002")});
        QTRY_COMPARE(m_sender->held.size(), 1);
        m_sender->readyNumbers.clear();
        m_sender->held.takeFirst()();
        const auto c = waitDone(m_vendor, m_user, started.id);
        QCOMPARE(c.status, QStringLiteral("failed"));
        QCOMPARE(c.error, QStringLiteral("no_ready_number"));
        QCOMPARE(statuses(c), (QStringList{"yes", "unchecked"}));
    }

    void vendorsDoNotShareAnswersOrChecks()
    {
        const auto mine =
            waitDone(m_vendor, m_user,
                     m_checks->start(m_vendor, m_user, {QStringLiteral("08031112222")}).id);
        QCOMPARE(m_sender->asked.size(), 1);

        const qint64 other = vendor(QStringLiteral("b@example.com"));
        const qint64 otherUser = user(other, QStringLiteral("u@example.com"));
        const qint64 otherNumber =
            m_core->numbers().add(other, otherUser, QStringLiteral("2348030000009"), {}, true).id;
        m_sender->readyNumbers.insert(otherNumber);
        // Vendor B asks WhatsApp itself: A's answer is not B's to read.
        QVERIFY(
            !m_core->numberChecks().known(other, QStringLiteral("2348031112222"), Clock::nowMs()));
        const auto theirs =
            waitDone(other, otherUser,
                     m_checks->start(other, otherUser, {QStringLiteral("08031112222")}).id);
        QVERIFY(!theirs.items.at(0).cached);
        QCOMPARE(m_sender->asked.size(), 2);
        QCOMPARE(m_sender->asked.last(), QStringLiteral("%1:2348031112222").arg(otherNumber));
        // Nor A's check, by id.
        QVERIFY(!m_checks->find(other, otherUser, mine.id));
        QVERIFY(!m_checks->cancel(other, otherUser, mine.id));
        QVERIFY(m_checks->find(m_vendor, m_user, mine.id));
        // A user of another vendor: not found.
        try {
            m_checks->start(other, m_user, {QStringLiteral("08031112222")});
            QFAIL("another vendor's user accepted");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::NotFound);
        }
    }

    void contactsGetTheAnswer()
    {
        Contact a;
        a.name = QStringLiteral("Ada");
        a.phoneNumber = QStringLiteral("2348030000000");
        Contact b;
        b.name = QStringLiteral("Bo");
        b.phoneNumber = QStringLiteral("2348031112222");
        const auto added = m_core->contacts().addMany(m_vendor, m_user, {a, b});
        QCOMPARE(added.added.size(), 2);
        QCOMPARE(m_core->contacts().find(m_vendor, m_user, added.added.at(0).id)->whatsappStatus,
                 QStringLiteral("unknown"));
        m_sender->notRegistered = {QStringLiteral("2348030000000")};
        waitDone(m_vendor, m_user,
                 m_checks
                     ->start(m_vendor, m_user,
                             {QStringLiteral("08030000000"), QStringLiteral("08031112222")})
                     .id);
        const Contact na = *m_core->contacts().find(m_vendor, m_user, added.added.at(0).id);
        const Contact nb = *m_core->contacts().find(m_vendor, m_user, added.added.at(1).id);
        QCOMPARE(na.whatsappStatus, QStringLiteral("no"));
        QCOMPARE(nb.whatsappStatus, QStringLiteral("yes"));
        QVERIFY(na.whatsappCheckedAt > 0);
        QCOMPARE(na.updatedAt, added.added.at(0).updatedAt); // the contact itself did not change

        // A new phone: the old one's answer no longer applies.
        Contact moved = nb;
        moved.phoneNumber = QStringLiteral("2348031113333");
        const Contact after = m_core->contacts().update(m_vendor, m_user, nb.id, moved,
                                                        {QStringLiteral("phone_number")});
        QCOMPARE(after.whatsappStatus, QStringLiteral("unknown"));
        QCOMPARE(after.whatsappCheckedAt, 0);
        Contact renamed = na;
        renamed.name = QStringLiteral("Ada B");
        QCOMPARE(m_core->contacts()
                     .update(m_vendor, m_user, na.id, renamed, {QStringLiteral("name")})
                     .whatsappStatus,
                 QStringLiteral("no"));
    }

    // Finished checks are kept 24 h and at most kMaxKeptPerUser per user: a client that
    // starts checks all day does not grow the memory without bound.
    void finishedChecksAreBounded()
    {
        ClockShift clock;
        QStringList ids;
        for (int i = 0; i < NumberCheckService::kMaxKeptPerUser + 5; ++i)
            ids << m_checks->start(m_vendor, m_user, {QStringLiteral("x")}).id;
        // Each start prunes before adding: the cap holds at every start.
        QVERIFY(!m_checks->find(m_vendor, m_user, ids.first()));
        QVERIFY(!m_checks->find(m_vendor, m_user, ids.at(4)));
        QVERIFY(m_checks->find(m_vendor, m_user, ids.at(5)));
        QVERIFY(m_checks->find(m_vendor, m_user, ids.last()));
        clock.by(NumberCheckService::kKeepFinishedMs);
        const QString fresh = m_checks->start(m_vendor, m_user, {QStringLiteral("x")}).id;
        QVERIFY(!m_checks->find(m_vendor, m_user, ids.last()));
        QVERIFY(m_checks->find(m_vendor, m_user, fresh));
    }

    void cancelStopsAsking()
    {
        m_sender->holdAnswers = true;
        const auto started = m_checks->start(
            m_vendor, m_user, {QStringLiteral("08031110001"), QStringLiteral("08031110002")});
        QTRY_COMPARE(m_sender->held.size(), 1);
        const auto cancelled = m_checks->cancel(m_vendor, m_user, started.id);
        QCOMPARE(cancelled->status, QStringLiteral("cancelled"));
        m_sender->held.takeFirst()();
        QTest::qWait(50);
        QCOMPARE(m_sender->asked.size(), 1);
        // The answer that was on its way is kept for next time.
        QVERIFY(m_core->numberChecks().known(m_vendor, QStringLiteral("2348031110001"),
                                             Clock::nowMs()));
        QCOMPARE(statuses(*m_checks->find(m_vendor, m_user, started.id)),
                 (QStringList{"unchecked", "unchecked"}));
    }
};

QTEST_GUILESS_MAIN(TestNumberCheckService)
#include "tst_numbercheckservice.moc"
