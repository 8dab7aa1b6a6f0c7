// The quota counter (QuotaCounter.h) on real SQLite files: it equals the COUNT it replaces
// after every kind of change (insert, cancel, other statuses, delete), stays exact with
// concurrent senders on their own connections and threads (the limit is never overshot), and
// after a process killed with SIGKILL in the middle of a batch; the migration initialises it
// from existing rows.

#include "CoreServices.h"
#include "DomainError.h"
#include "StoreFixture.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneNormalizer.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTest>
#include <QThread>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kChildBatch = 5000;

Message msg(qint64 user, const QString &batch, const QString &to,
            const QString &status = MessageStatus::Pending, qint64 createdAt = 0)
{
    Message m;
    m.batchId = batch;
    m.appUserId = user;
    m.recipient = to;
    m.message = QStringLiteral("Hello ") + to;
    m.status = status;
    m.expiresAt = Clock::nowMs() + kDayMs;
    m.createdAt = createdAt;
    return m;
}

QList<Message> batchOf(qint64 user, int n, const QString &batch, qint64 createdAt)
{
    QList<Message> rows;
    for (int i = 0; i < n; ++i)
        rows << msg(user, batch, QString::number(2348030000000LL + i), MessageStatus::Pending,
                    createdAt);
    return rows;
}

// The counter row itself (not the COUNT fallback of QuotaCounter::used): -1 if there is none.
int counterRow(StoreFixture &fx, qint64 vendor, qint64 user, qint64 since)
{
    const QVariant v = fx.scalar(QStringLiteral("SELECT used FROM message_quota WHERE "
                                                "api_consumer_id = ? AND app_user_id = ? AND "
                                                "since_ms = ?"),
                                 {vendor, user, since});
    return v.isValid() ? v.toInt() : -1;
}

// Child mode (crashMidBatch): inserts batches of kChildBatch with the quota check, printing
// "begin k" before and "done k" after each, until it is killed.
int childMain()
{
    const QString file = qEnvironmentVariable("QUOTA_CHILD_DB");
    const qint64 vendor = qEnvironmentVariable("QUOTA_CHILD_VENDOR").toLongLong();
    const qint64 user = qEnvironmentVariable("QUOTA_CHILD_USER").toLongLong();
    const qint64 since = qEnvironmentVariable("QUOTA_CHILD_SINCE").toLongLong();
    Database db(file, QStringLiteral("quota-child"));
    db.open();
    MessageStore store(db.connectionName());
    for (int k = 0;; ++k) {
        const QList<Message> rows =
            batchOf(user, kChildBatch, QStringLiteral("child-%1").arg(k), Clock::nowMs());
        std::printf("begin %d\n", k);
        std::fflush(stdout);
        store.insertBatch(vendor, rows,
                          MessageStore::QuotaCheck{user, since, 100000000, kChildBatch});
        std::printf("done %d\n", k);
        std::fflush(stdout);
    }
}

} // namespace

class TestQuotaCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counterFollowsEveryChange()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 u2 = fx.user(v, QStringLiteral("u2@x.com"));
        MessageStore store(fx.conn());
        const qint64 since = 10000;
        auto check = [&](int expected) {
            QCOMPARE(store.countForQuota(v, u, since), expected);
            QCOMPARE(counterRow(fx, v, u, since), expected); // the counter, not a recount
            QCOMPARE(store.quotaUsed(v, u, since), expected);
        };

        // Before the period, cancelled, another user: none of them count.
        store.insertBatch(
            v,
            {msg(u, QStringLiteral("b0"), QStringLiteral("1"), MessageStatus::Pending, since - 1),
             msg(u, QStringLiteral("b0"), QStringLiteral("2"), MessageStatus::Cancelled, since + 1),
             msg(u, QStringLiteral("b0"), QStringLiteral("3"), MessageStatus::Expired, since + 1),
             msg(u2, QStringLiteral("b0"), QStringLiteral("4"), MessageStatus::Pending,
                 since + 1)});
        QCOMPARE(counterRow(fx, v, u, since), -1);
        // The first checked batch creates the counter from the rows (expired counts).
        store.insertBatch(v, batchOf(u, 3, QStringLiteral("b1"), since + 5),
                          MessageStore::QuotaCheck{u, since, 100, 3});
        check(4);
        // Later inserts move it, checked or not.
        store.insertBatch(v, batchOf(u, 5, QStringLiteral("b2"), since + 6));
        check(9);
        // A cancelled batch gives its places back (the status trigger).
        QCOMPARE(store.cancelPending(v, QStringLiteral("b2")).size(), 5);
        check(4);
        // Statuses that count stay counted; a pending row cancelled by the dispatcher path.
        const QList<Message> b3 =
            store.insertBatch(v, batchOf(u, 3, QStringLiteral("b3"), since + 7));
        check(7);
        QVERIFY(store.advance(v, b3.at(0).id, MessageStatus::Failed, since + 8));
        QVERIFY(store.advance(v, b3.at(1).id, MessageStatus::Sent, since + 8));
        check(7);
        QVERIFY(store.advance(v, b3.at(2).id, MessageStatus::Cancelled, since + 8));
        check(6);
        // Deleted rows (the delete trigger): a counted one and a cancelled one.
        fx.scalar(QStringLiteral("DELETE FROM sent_messages WHERE id = ?"), {b3.at(0).id});
        check(5);
        fx.scalar(QStringLiteral("DELETE FROM sent_messages WHERE id = ?"), {b3.at(2).id});
        check(5);
        // The other user's count was never touched by any of it.
        QCOMPARE(store.countForQuota(v, u2, since), 1);
        // A user's counters go with the user.
        QVERIFY(AppUserStore(fx.conn()).remove(v, u));
        QCOMPARE(counterRow(fx, v, u, since), -1);
    }

    void checkedInsertRefusesOverTheLimitAndRollsBack()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        store.insertBatch(v, batchOf(u, 8, QStringLiteral("b1"), 100),
                          MessageStore::QuotaCheck{u, 0, 10, 8});
        const auto e = thrown([&] {
            store.insertBatch(v, batchOf(u, 2, QStringLiteral("b2"), 200),
                              MessageStore::QuotaCheck{u, 0, 10, 3}); // asks for 3, 2 left
        });
        QVERIFY(e);
        QCOMPARE(e->code(), QStringLiteral("quota_exceeded"));
        QCOMPARE(e->details().value(QStringLiteral("remaining")).toInt(), 2);
        QCOMPARE(e->details().value(QStringLiteral("requested")).toInt(), 3);
        QVERIFY(!store.batchExists(v, QStringLiteral("b2"))); // rows rolled back...
        QCOMPARE(counterRow(fx, v, u, 0), 8);                 // ...and the counter with them
        store.insertBatch(v, batchOf(u, 2, QStringLiteral("b3"), 300),
                          MessageStore::QuotaCheck{u, 0, 10, 2});
        QCOMPARE(counterRow(fx, v, u, 0), 10);
    }

    // A period that is already full (rows queued before the counter existed): the first
    // look creates the counter, so the refused requests that follow do not count the rows.
    void firstLookCreatesTheCounter()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        store.insertBatch(v, batchOf(u, 6, QStringLiteral("b1"), 100));
        store.insertBatch(v, batchOf(u, 2, QStringLiteral("b2"), 10));
        QCOMPARE(counterRow(fx, v, u, 50), -1);
        QCOMPARE(store.quotaUsed(v, u, 50), 6);
        QCOMPARE(counterRow(fx, v, u, 50), 6);
        const auto e = thrown([&] {
            store.insertBatch(v, batchOf(u, 1, QStringLiteral("b3"), 200),
                              MessageStore::QuotaCheck{u, 50, 6, 1});
        });
        QVERIFY(e);
        QCOMPARE(e->code(), QStringLiteral("quota_exceeded"));
        QCOMPARE(counterRow(fx, v, u, 50), 6);
    }

    void periodRollOverStartsAtZero()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        const qint64 p1 = 1000 * kDayMs;
        const qint64 p2 = p1 + 30 * kDayMs;
        store.insertBatch(v, batchOf(u, 4, QStringLiteral("b1"), p1 + 5),
                          MessageStore::QuotaCheck{u, p1, 5, 4});
        QCOMPARE(counterRow(fx, v, u, p1), 4);
        // The next period: a new counter, from the rows since p2 (none but this batch); the
        // earlier period's counter is dropped.
        store.insertBatch(v, batchOf(u, 5, QStringLiteral("b2"), p2 + 1),
                          MessageStore::QuotaCheck{u, p2, 5, 5});
        QCOMPARE(counterRow(fx, v, u, p2), 5);
        QCOMPARE(counterRow(fx, v, u, p1), -1);
        QCOMPARE(store.quotaUsed(v, u, p2), 5);
        QCOMPARE(store.quotaUsed(v, u, p1), 9); // asked again: counted from the rows
    }

    // Four threads, each with its own connection and MessageComposer (the API's and the
    // window's path), send 100-recipient batches at once against a limit of 2,000: exactly 20
    // batches get in, the counter equals the rows, and the limit is never overshot.
    void concurrentSendersNeverOvershoot()
    {
        TempDataDir dir;
        std::unique_ptr<CoreServices> core = makeCoreServices(dir);
        const VendorAccounts::Issued issued = core->accounts().registerVendor(
            QStringLiteral("V"), QStringLiteral("v@example.com"), QStringLiteral("password-123"),
            QStringLiteral("V Ltd"), QStringLiteral("08031234567"));
        const qint64 vendor = issued.vendor.id;
        AppUser user;
        user.name = QStringLiteral("U");
        user.email = QStringLiteral("u@example.com");
        const qint64 userId = core->users().create(vendor, user).id;
        Plan plan;
        plan.name = QStringLiteral("P");
        plan.maxPhoneNumbers = 1;
        plan.maxMessages = 2000;
        plan.periodDays = 30;
        Subscription sub;
        sub.appUserId = userId;
        sub.planId = core->plans().create(plan).id;
        sub.startsAt = Clock::nowMs() - 1000;
        sub.endsAt = Clock::nowMs() + 60 * kDayMs;
        core->subscriptions().create(sub);
        QList<Contact> contacts;
        MessageComposer::Request request;
        request.userId = userId;
        request.message = QStringLiteral("Hello {{name}}");
        for (int i = 0; i < 100; ++i) {
            const auto phone =
                core->phones().normalize(QStringLiteral("0803%1").arg(1000000 + i * 7));
            QVERIFY(phone);
            Contact c;
            c.name = QStringLiteral("C%1").arg(i);
            c.phoneNumber = *phone;
            contacts << c;
            request.recipients << MessageComposer::Recipient{QLatin1Char('+') + c.phoneNumber, {}};
        }
        core->contacts().addMany(vendor, userId, contacts);

        std::atomic<int> accepted{0}, refused{0}, other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                const QString conn =
                    core->database().openThreadConnection(QStringLiteral("quota-%1").arg(t));
                {
                    MessageComposer composer(*core, conn);
                    for (int k = 0; k < 10; ++k) {
                        try {
                            composer.compose(vendor, request);
                            ++accepted;
                        } catch (const DomainError &e) {
                            if (e.code() == QLatin1String("quota_exceeded"))
                                ++refused;
                            else {
                                ++other;
                                qWarning() << e.code() << e.message();
                            }
                        }
                    }
                }
                Database::closeThreadConnection(conn);
            });
        }
        for (std::thread &t : threads)
            t.join();
        QCOMPARE(other.load(), 0);
        QCOMPARE(accepted.load(), 20);
        QCOMPARE(refused.load(), 20);
        const qint64 since =
            core->subscriptionService().requireActive(vendor, userId, Clock::nowMs()).periodStart;
        QCOMPARE(core->messages().countForQuota(vendor, userId, since), 2000);
        QCOMPARE(core->messages().quotaUsed(vendor, userId, since), 2000);
    }

    // A process inserting 5,000-row batches (with the quota check) is killed with SIGKILL in
    // the middle of one, three times on the same file: every time the rows and the counter
    // are both whole batches and equal.
    void crashMidBatch()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 since = Clock::nowMs() - 1000;
        MessageStore store(fx.conn());
        int midBatch = 0;
        for (int round = 0; round < 3; ++round) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QUOTA_CHILD_DB"),
                       fx.dir().file(QStringLiteral("wamator.sqlite")));
            env.insert(QStringLiteral("QUOTA_CHILD_VENDOR"), QString::number(v));
            env.insert(QStringLiteral("QUOTA_CHILD_USER"), QString::number(u));
            env.insert(QStringLiteral("QUOTA_CHILD_SINCE"), QString::number(since));
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), {});
            QVERIFY(child.waitForStarted());
            // Wait for two committed batches, then for the next "begin", and kill while that
            // batch is being inserted (a 5,000-row batch takes tens of ms).
            QByteArray out;
            QElapsedTimer wait;
            wait.start();
            auto lastLineIs = [&](const QByteArray &prefix) {
                const QList<QByteArray> lines = out.trimmed().split('\n');
                return out.endsWith('\n') && lines.last().startsWith(prefix);
            };
            while (wait.elapsed() < 60000 && !(out.contains("done 1\n") && lastLineIs("begin"))) {
                child.waitForReadyRead(100);
                out += child.readAllStandardOutput();
            }
            QVERIFY2(lastLineIs("begin"), out.constData());
            QThread::msleep(5);
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10000));
            out += child.readAllStandardOutput();
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            const int done = int(out.count("done "));
            const int begun = int(out.count("begin "));

            const int rows = store.countForQuota(v, u, since);
            QCOMPARE(rows % kChildBatch, 0); // never part of a batch
            QCOMPARE(store.quotaUsed(v, u, since), rows);
            QCOMPARE(counterRow(fx, v, u, since), rows);
            const int batches = rows / kChildBatch;
            if (begun > done) {
                // Killed after "begin" and before "done": the batch is either not in at all
                // (mid-batch) or committed just before the kill.
                QVERIFY(batches >= done && batches <= begun);
                if (batches == done)
                    ++midBatch;
            }
            qInfo("round %d: %d batches begun, %d done, %d in the file", round, begun, done,
                  batches);
            // What the earlier rounds left counts for this one's tally: start from it.
            fx.scalar(QStringLiteral("DELETE FROM sent_messages WHERE batch_id LIKE 'child-%'"));
            QCOMPARE(counterRow(fx, v, u, since), 0);
        }
        QVERIFY2(midBatch > 0, "no kill landed inside a batch");
    }

    // Migration "message quota counters and the expiry index" on a file that already holds
    // messages: the counter of each user's current period is created from the rows.
    void migrationCountsExistingRows()
    {
        TempDataDir dir;
        const QString name = QStringLiteral("quota-migration");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(dir.file(QStringLiteral("old.sqlite")));
            QVERIFY(db.open());
            Database::applyPragmas(db);
            int mine = 0;
            QList<Migrations::Migration> before;
            for (const Migrations::Migration &m : Migrations::all()) {
                if (QByteArray(m.description).startsWith("message quota counters"))
                    mine = m.version;
                else if (!mine)
                    before << m;
            }
            QVERIFY(mine > 0);
            Migrations::migrate(db, before);
            QCOMPARE(Migrations::currentVersion(db), mine - 1);

            const qint64 now = Clock::nowMs();
            const qint64 start = now - 45 * kDayMs; // 30-day periods: the second one is current
            const qint64 period = start + 30 * kDayMs;
            auto exec = [&](const QString &sql, const QVariantList &binds = {}) {
                QSqlQuery q(db);
                q.prepare(sql);
                for (const QVariant &b : binds)
                    q.addBindValue(b);
                if (!q.exec())
                    qWarning() << sql << q.lastError().text();
                return q.lastInsertId().toLongLong();
            };
            const qint64 vendor = exec(QStringLiteral(
                "INSERT INTO api_consumer (name, email, password_hash, created_at, updated_at) "
                "VALUES ('V', 'v@x.com', 'h', 0, 0)"));
            auto newUser = [&](const QString &email) {
                return exec(QStringLiteral("INSERT INTO app_users (api_consumer_id, name, email, "
                                           "created_at, updated_at) VALUES (?, 'U', ?, 0, 0)"),
                            {vendor, email});
            };
            const qint64 u1 = newUser(QStringLiteral("u1@x.com"));
            const qint64 u2 = newUser(QStringLiteral("u2@x.com")); // no subscription
            const qint64 plan = exec(QStringLiteral(
                "INSERT INTO plans (name, max_phone_numbers, max_messages, period_days, "
                "created_at) VALUES ('P', 1, 1000, 30, 0)"));
            // An older, ended subscription and the current one.
            exec(QStringLiteral("INSERT INTO subscriptions (app_user_id, plan_id, status, "
                                "starts_at, ends_at, created_at, updated_at) VALUES (?, ?, "
                                "'active', ?, ?, 0, 0)"),
                 {u1, plan, start - 90 * kDayMs, start - 60 * kDayMs});
            exec(QStringLiteral("INSERT INTO subscriptions (app_user_id, plan_id, status, "
                                "starts_at, ends_at, created_at, updated_at) VALUES (?, ?, "
                                "'active', ?, ?, 0, 0)"),
                 {u1, plan, start, now + 60 * kDayMs});
            auto message = [&](qint64 user, qint64 createdAt, const QString &status) {
                exec(QStringLiteral("INSERT INTO sent_messages (batch_id, api_consumer_id, "
                                    "app_user_id, recipient, status, expires_at, created_at, "
                                    "updated_at) VALUES ('b', ?, ?, '234', ?, 0, ?, ?)"),
                     {vendor, user, status, createdAt, createdAt});
            };
            message(u1, period - 1, MessageStatus::Sent); // the previous period
            for (int i = 0; i < 7; ++i)
                message(u1, period + i, MessageStatus::Delivered);
            message(u1, period + 10, MessageStatus::Expired);
            message(u1, period + 11, MessageStatus::Failed);
            message(u1, period + 12, MessageStatus::Cancelled); // gives its place back
            message(u2, period + 1, MessageStatus::Sent);

            Migrations::migrate(db);
            QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("SELECT app_user_id, since_ms, used FROM message_quota")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), u1);
            QCOMPARE(q.value(1).toLongLong(), period);
            QCOMPARE(q.value(2).toInt(), 9);
            QVERIFY(!q.next()); // u2 has no subscription: no counter (counted when asked)
            // The period the stores compute is the one the migration chose.
            SubscriptionService subs(name);
            QCOMPARE(subs.requireActive(vendor, u1, Clock::nowMs()).periodStart, period);
            QCOMPARE(MessageStore(name).quotaUsed(vendor, u1, period), 9);
            QCOMPARE(MessageStore(name).countForQuota(vendor, u1, period), 9);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("QUOTA_CHILD_DB")) {
        QCoreApplication app(argc, argv);
        return childMain();
    }
    QCoreApplication app(argc, argv);
    TestQuotaCounter test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_quotacounter.moc"
