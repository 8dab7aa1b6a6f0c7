// SendWindowPolicy (quiet hours, the warm-up's daily limit) and DailySendCounter on real SQLite
// files: the quiet window in a recipient's zone (the contact's own, else its phone's country),
// the warm-up schedule per local day, the quiet_hours JSON rules, and the counter kept in the
// claim's transaction: exact with concurrent claimers on their own connections and threads,
// rolled back with a failed claim, and whole after a process killed with SIGKILL mid-run.

#include "CoreServices.h"
#include "DomainError.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneTimeZone.h"
#include "messaging/MessageStore.h"
#include "numbers/DailySendCounter.h"
#include "numbers/NumberStore.h"
#include "outbox/OutboxQueue.h"
#include "outbox/SendWindowPolicy.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;
const QString kDay = QStringLiteral("2026-12-07");

qint64 utc(const QString &iso)
{
    return Clock::fromIso(iso);
}

// Child mode (crashMidRun): claims the pending rows of the file one by one, as the dispatcher
// does, counting each in DailySendCounter from the claim's transaction, until killed.
int childMain()
{
    Database db(qEnvironmentVariable("WINDOW_CHILD_DB"), QStringLiteral("window-child"));
    db.open();
    const qint64 vendor = qEnvironmentVariable("WINDOW_CHILD_VENDOR").toLongLong();
    const qint64 number = qEnvironmentVariable("WINDOW_CHILD_NUMBER").toLongLong();
    OutboxQueue queue(db.connectionName());
    queue.setClaimHook([](const QSqlDatabase &d, qint64 numberId, qint64) {
        DailySendCounter::add(d, numberId, kDay);
    });
    QSqlQuery ids = SqlSupport::run(SqlSupport::database(db.connectionName()),
                                    QStringLiteral("SELECT id FROM sent_messages ORDER BY id"));
    QList<qint64> all;
    while (ids.next())
        all << ids.value(0).toLongLong();
    int done = 0;
    for (qint64 id : all) {
        queue.claim(vendor, id, number, QStringLiteral("WA%1").arg(id), Clock::nowMs());
        if (++done % 50 == 0) {
            std::printf("claimed %d\n", done);
            std::fflush(stdout);
        }
    }
    std::printf("all\n");
    std::fflush(stdout);
    QThread::sleep(60);
    return 0;
}

} // namespace

class TestSendWindowPolicy : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    qint64 m_vendor = 0, m_user = 0;

    qint64 addNumber(const QString &phone, bool sandbox)
    {
        return m_core->numbers().add(m_vendor, m_user, phone, {}, sandbox).id;
    }
    QList<Message> queue(int n, const QString &batch)
    {
        QList<Message> in;
        for (int i = 0; i < n; ++i) {
            Message m;
            m.batchId = batch;
            m.appUserId = m_user;
            m.recipient = QStringLiteral("2348031%1").arg(100000 + i);
            m.message = QStringLiteral("Hi");
            m.expiresAt = Clock::nowMs() + 24 * kHourMs;
            in << m;
        }
        return m_core->messages().insertBatch(m_vendor, in);
    }
    int sendingRowsOf(qint64 numberId)
    {
        QSqlQuery q = SqlSupport::run(
            SqlSupport::database(m_core->database().connectionName()),
            QStringLiteral("SELECT COUNT(*) FROM sent_messages WHERE number_id = ? AND status = ?"),
            {numberId, MessageStatus::Sending});
        return q.next() ? q.value(0).toInt() : -1;
    }
    int counter(qint64 numberId, const QString &day)
    {
        return DailySendCounter::sent(SqlSupport::database(m_core->database().connectionName()),
                                      numberId, day);
    }

private Q_SLOTS:
    void init()
    {
        Clock::setOffsetForTesting(0);
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
    }
    void cleanup()
    {
        Clock::setOffsetForTesting(0);
        m_core.reset();
        m_dir.reset();
    }

    // 21:00–08:00 wraps midnight; 12:00–14:00 does not. Inside: the end of that window.
    void quietWindowInAZone()
    {
        const QuietHours night{21 * 60, 8 * 60};
        const QTimeZone lagos("Africa/Lagos"); // UTC+1, no DST
        QCOMPARE(SendWindowPolicy::quietUntil(night, lagos, utc("2026-12-07T19:59:00Z")), 0);
        QCOMPARE(SendWindowPolicy::quietUntil(night, lagos, utc("2026-12-07T20:00:00Z")),
                 utc("2026-12-08T07:00:00Z"));
        QCOMPARE(SendWindowPolicy::quietUntil(night, lagos, utc("2026-12-08T03:00:00Z")),
                 utc("2026-12-08T07:00:00Z"));
        QCOMPARE(SendWindowPolicy::quietUntil(night, lagos, utc("2026-12-08T07:00:00Z")), 0);
        const QuietHours lunch{12 * 60, 14 * 60};
        const QTimeZone ny("America/New_York"); // UTC-5 in December
        QCOMPARE(SendWindowPolicy::quietUntil(lunch, ny, utc("2026-12-07T16:59:00Z")), 0);
        QCOMPARE(SendWindowPolicy::quietUntil(lunch, ny, utc("2026-12-07T17:30:00Z")),
                 utc("2026-12-07T19:00:00Z"));
        QCOMPARE(SendWindowPolicy::quietUntil(QuietHours{}, ny, utc("2026-12-07T17:30:00Z")), 0);
    }

    // The contact's own zone wins; else the phone's country (a table for the big countries);
    // else the system's.
    void recipientZoneFromContactThenCountry()
    {
        Contact c;
        c.name = QStringLiteral("Abroad");
        c.phoneNumber = QStringLiteral("2348031100001");
        c.timezone = QStringLiteral("Asia/Tokyo");
        m_core->contacts().addMany(m_vendor, m_user, {c});
        SendWindowPolicy &w = m_core->sendWindow();
        QCOMPARE(w.recipientZone(m_vendor, m_user, QStringLiteral("2348031100001")).id(),
                 QByteArray("Asia/Tokyo"));
        QCOMPARE(w.recipientZone(m_vendor, m_user, QStringLiteral("2348031100002")).id(),
                 QByteArray("Africa/Lagos"));
        QCOMPARE(w.recipientZone(m_vendor, m_user, QStringLiteral("12125550123")).id(),
                 QByteArray("America/New_York"));
        QCOMPARE(PhoneTimeZone::regionOf(QStringLiteral("5511987654321")), QStringLiteral("BR"));
        QCOMPARE(PhoneTimeZone::zoneOf(QStringLiteral("5511987654321")).id(),
                 QByteArray("America/Sao_Paulo"));
        QCOMPARE(PhoneTimeZone::zoneOf(QStringLiteral("447700900123")).id(),
                 QByteArray("Europe/London"));
        // Another user's contact with the same phone does not lend its zone.
        AppUser other;
        other.name = QStringLiteral("O");
        other.email = QStringLiteral("o@example.com");
        const qint64 otherUser = m_core->users().create(m_vendor, other).id;
        QCOMPARE(w.recipientZone(m_vendor, otherUser, QStringLiteral("2348031100001")).id(),
                 QByteArray("Africa/Lagos"));
    }

    void quietHoursJson()
    {
        const QuietHours q = SendWindowPolicy::quietHoursFromJson(
            QJsonObject{{QStringLiteral("start"), QStringLiteral("21:00")},
                        {QStringLiteral("end"), QStringLiteral("08:30")}});
        QCOMPARE(q.startMinute, 21 * 60);
        QCOMPARE(q.endMinute, 8 * 60 + 30);
        QCOMPARE(SendWindowPolicy::quietHoursToJson(q).toObject().value("end").toString(),
                 QStringLiteral("08:30"));
        QVERIFY(!SendWindowPolicy::quietHoursFromJson(QJsonValue::Null).isOn());
        QVERIFY(SendWindowPolicy::quietHoursToJson(QuietHours{}).isNull());
        const QList<QJsonValue> bad{
            QJsonValue(QStringLiteral("21:00-08:00")),
            QJsonObject{{QStringLiteral("start"), QStringLiteral("21:00")}},
            QJsonObject{{QStringLiteral("start"), QStringLiteral("24:00")},
                        {QStringLiteral("end"), QStringLiteral("08:00")}},
            QJsonObject{{QStringLiteral("start"), QStringLiteral("9:00")},
                        {QStringLiteral("end"), QStringLiteral("08:00")}},
            QJsonObject{{QStringLiteral("start"), QStringLiteral("08:00")},
                        {QStringLiteral("end"), QStringLiteral("08:00")}},
            QJsonObject{{QStringLiteral("start"), QStringLiteral("21:00")},
                        {QStringLiteral("end"), QStringLiteral("08:00")},
                        {QStringLiteral("zone"), QStringLiteral("UTC")}},
        };
        for (const QJsonValue &v : bad) {
            try {
                SendWindowPolicy::quietHoursFromJson(v);
                QFAIL("accepted");
            } catch (const DomainError &e) {
                QCOMPARE(e.code(), QStringLiteral("validation_failed"));
                QCOMPARE(e.details().value("field").toString(), QStringLiteral("quiet_hours"));
            }
        }
        // Stored with the user and read back.
        AppUserStore::Patch p;
        p.quietHours = q;
        QCOMPARE(m_core->users().update(m_vendor, m_user, p).quietHours, q);
        p.quietHours = QuietHours{};
        QVERIFY(!m_core->users().update(m_vendor, m_user, p).quietHours.isOn());
    }

    // Day 1 is the day the number was added, in the numbers' zone; after the schedule's last
    // day there is no limit; sandbox numbers are exempt unless warmup/apply_to_sandbox.
    void warmupScheduleByLocalDay()
    {
        Settings &s = m_core->settings();
        s.setValue(QStringLiteral("warmup/schedule"), QStringLiteral("20, 40,60"));
        QCOMPARE(s.value(QStringLiteral("warmup/schedule")).toString(), QStringLiteral("20,40,60"));
        s.setValue(QStringLiteral("warmup/time_zone"), QStringLiteral("Africa/Lagos"));
        SendWindowPolicy &w = m_core->sendWindow();
        const qint64 added = utc("2026-12-07T22:30:00Z"); // 23:30 in Lagos
        QCOMPARE(w.warmupDay(added, utc("2026-12-07T22:59:00Z")), 1);
        QCOMPARE(w.warmupDay(added, utc("2026-12-07T23:00:00Z")), 2); // Lagos midnight
        QCOMPARE(w.dailyLimit(false, added, utc("2026-12-07T22:59:00Z")), 20);
        QCOMPARE(w.dailyLimit(false, added, utc("2026-12-08T12:00:00Z")), 40);
        QCOMPARE(w.dailyLimit(false, added, utc("2026-12-09T12:00:00Z")), 60);
        QCOMPARE(w.dailyLimit(false, added, utc("2026-12-10T12:00:00Z")), -1);
        QCOMPARE(w.dailyLimit(true, added, utc("2026-12-07T22:59:00Z")), -1);
        QCOMPARE(w.dayOf(utc("2026-12-07T22:59:00Z")), QStringLiteral("2026-12-07"));
        QCOMPARE(w.dayOf(utc("2026-12-07T23:00:00Z")), QStringLiteral("2026-12-08"));
        QCOMPARE(w.nextDayStart(utc("2026-12-07T12:00:00Z")), utc("2026-12-07T23:00:00Z"));
        s.setValue(QStringLiteral("warmup/apply_to_sandbox"), true);
        QCOMPARE(w.dailyLimit(true, added, utc("2026-12-07T22:59:00Z")), 20);
        s.setValue(QStringLiteral("warmup/enabled"), false);
        QCOMPARE(w.dailyLimit(false, added, utc("2026-12-07T22:59:00Z")), -1);
        for (const QString &bad :
             {QStringLiteral("20,x"), QStringLiteral("0"), QStringLiteral("-5")}) {
            QVERIFY_THROWS_EXCEPTION(DomainError,
                                     s.setValue(QStringLiteral("warmup/schedule"), bad));
        }
        QVERIFY_THROWS_EXCEPTION(DomainError, s.setValue(QStringLiteral("warmup/time_zone"),
                                                         QStringLiteral("Mars/Olympus")));
    }

    // A claim that fails after counting (here: the hook throws) leaves neither the claim nor
    // the count.
    void counterRollsBackWithTheClaim()
    {
        const qint64 n = addNumber(QStringLiteral("2348030000001"), false);
        const QList<Message> rows = queue(2, QStringLiteral("b"));
        OutboxQueue q(m_core->database().connectionName());
        bool failNext = true;
        q.setClaimHook([&](const QSqlDatabase &db, qint64 numberId, qint64) {
            DailySendCounter::add(db, numberId, kDay);
            if (failNext)
                throw DomainError::internal(QStringLiteral("crash stand-in"));
        });
        QVERIFY_THROWS_EXCEPTION(DomainError, q.claim(m_vendor, rows.at(0).id, n,
                                                      QStringLiteral("WA1"), Clock::nowMs()));
        QCOMPARE(counter(n, kDay), 0);
        QCOMPARE(sendingRowsOf(n), 0);
        failNext = false;
        QVERIFY(q.claim(m_vendor, rows.at(0).id, n, QStringLiteral("WA1"), Clock::nowMs()));
        QVERIFY(!q.claim(m_vendor, rows.at(0).id, n, QStringLiteral("WA2"), Clock::nowMs()));
        QCOMPARE(counter(n, kDay), 1);
        QCOMPARE(sendingRowsOf(n), 1);
    }

    // Four threads, each with its own connection and OutboxQueue, race to claim the same 400
    // rows for one number: every row is claimed once and the counter equals the claims.
    void counterExactUnderConcurrentClaims()
    {
        const qint64 n = addNumber(QStringLiteral("2348030000001"), false);
        const QList<Message> rows = queue(400, QStringLiteral("race"));
        std::atomic<int> claimed{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                const QString conn =
                    m_core->database().openThreadConnection(QStringLiteral("window-%1").arg(t));
                {
                    OutboxQueue q(conn);
                    q.setClaimHook([](const QSqlDatabase &db, qint64 numberId, qint64) {
                        DailySendCounter::add(db, numberId, kDay);
                    });
                    for (int i = 0; i < rows.size(); ++i) {
                        const Message &m = rows.at((i + t * 100) % rows.size());
                        if (q.claim(m_vendor, m.id, n, QStringLiteral("WA%1-%2").arg(t).arg(i),
                                    Clock::nowMs()))
                            ++claimed;
                    }
                }
                Database::closeThreadConnection(conn);
            });
        }
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(claimed.load(), 400);
        QCOMPARE(sendingRowsOf(n), 400);
        QCOMPARE(counter(n, kDay), 400);
    }

    // A process claiming rows one by one (each claim with its count, as the dispatcher does)
    // is killed with SIGKILL mid-run: the counter equals the rows it claimed.
    void crashMidRun()
    {
        const qint64 n = addNumber(QStringLiteral("2348030000001"), false);
        queue(3000, QStringLiteral("crash"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WINDOW_CHILD_DB"), m_core->databasePath());
        env.insert(QStringLiteral("WINDOW_CHILD_VENDOR"), QString::number(m_vendor));
        env.insert(QStringLiteral("WINDOW_CHILD_NUMBER"), QString::number(n));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 60000 && !out.contains("claimed 200\n")) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("claimed 200\n"), out.constData());
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        out += child.readAllStandardOutput();
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY2(!out.contains("all\n"), "the child finished before it was killed");
        const int claimedRows = sendingRowsOf(n);
        QVERIFY(claimedRows >= 200 && claimedRows < 3000);
        QCOMPARE(counter(n, kDay), claimedRows);
        qInfo("killed after %d claims", claimedRows);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("WINDOW_CHILD_DB")) {
        QCoreApplication app(argc, argv);
        return childMain();
    }
    QCoreApplication app(argc, argv);
    TestSendWindowPolicy test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sendwindowpolicy.moc"
