// OutboxQueue on a real SQLite file: claiming, forward-only acks, retries, expiry, the
// reconciliation list and the daily count, each scoped the way the dispatcher needs.

#include "CoreServices.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/OutboxQueue.h"
#include "platform/Clock.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTest>

class TestOutboxQueue : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<OutboxQueue> m_queue;
    qint64 m_vendor = 0, m_user = 0, m_numberA = 0, m_numberB = 0;
    qint64 m_otherVendor = 0, m_otherUser = 0;

    QList<Message> queue(qint64 vendor, qint64 user, int n, qint64 fromNumber = 0,
                         const QString &batch = QStringLiteral("batch-1"), qint64 ttlMs = 3600000)
    {
        QList<Message> in;
        const qint64 now = Clock::nowMs();
        for (int i = 0; i < n; ++i) {
            Message m;
            m.batchId = batch;
            m.appUserId = user;
            m.fromNumberId = fromNumber;
            m.recipient = QStringLiteral("23480312345%1").arg(10 + i);
            m.message = QStringLiteral("hello %1").arg(i);
            m.expiresAt = now + ttlMs;
            in << m;
        }
        return m_core->messages().insertBatch(vendor, in);
    }
    Message row(qint64 id, qint64 vendor = 0)
    {
        const auto m = m_queue->find(vendor ? vendor : m_vendor, id);
        if (!m)
            qFatal("row %lld missing", id);
        return *m;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_queue = std::make_unique<OutboxQueue>(m_core->database().connectionName());
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        m_otherVendor = m_core->accounts()
                            .registerVendor(QStringLiteral("B"), QStringLiteral("b@example.com"),
                                            QStringLiteral("password1"), QStringLiteral("B"),
                                            QStringLiteral("08031234568"))
                            .vendor.id;
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
        m_otherUser = m_core->users().create(m_otherVendor, u).id;
        m_numberA = m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_numberB = m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000002"), {}, true).id;
    }
    void cleanup()
    {
        m_queue.reset();
        m_core.reset();
        m_dir.reset();
    }

    void duePendingOldestFirstAndFiltered()
    {
        const QList<Message> any = queue(m_vendor, m_user, 3);
        const QList<Message> forB = queue(m_vendor, m_user, 2, m_numberB);
        queue(m_otherVendor, m_otherUser, 2);
        const qint64 now = Clock::nowMs();

        // A ready alone: rows for any number, not those aimed at B.
        QList<Message> due = m_queue->duePending(m_vendor, m_user, {m_numberA}, true, now, 100);
        QCOMPARE(due.size(), 3);
        QCOMPARE(due.at(0).id, any.at(0).id);
        QVERIFY(due.at(0).id < due.at(1).id && due.at(1).id < due.at(2).id);
        // Both ready: everything of this user, oldest first.
        due = m_queue->duePending(m_vendor, m_user, {m_numberA, m_numberB}, true, now, 100);
        QCOMPARE(due.size(), 5);
        // Only rows aimed at B.
        due = m_queue->duePending(m_vendor, m_user, {m_numberB}, false, now, 100);
        QCOMPARE(due.size(), 2);
        QCOMPARE(due.at(0).id, forB.at(0).id);
        QCOMPARE(due.at(0).fromNumberId, m_numberB);
        // Limit; another vendor's user sees nothing of ours.
        QCOMPARE(m_queue->duePending(m_vendor, m_user, {m_numberA}, true, now, 2).size(), 2);
        QCOMPARE(m_queue->duePending(m_otherVendor, m_user, {m_numberA}, true, now, 100).size(), 0);
        // Not due yet, or expired: not offered.
        QVERIFY(m_queue->reschedule(m_vendor, any.at(0).id, now + 60000, QStringLiteral("ERROR_NETWORK"), now));
        QCOMPARE(m_queue->duePending(m_vendor, m_user, {m_numberA}, true, now, 100).size(), 2);
        QCOMPARE(m_queue->duePending(m_vendor, m_user, {m_numberA}, true, now + 7200000, 100).size(), 0);
    }

    void claimStoresIdOnce()
    {
        const QList<Message> ms = queue(m_vendor, m_user, 2);
        const qint64 now = Clock::nowMs();
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("WA1"), now));
        Message m = row(ms.at(0).id);
        QCOMPARE(m.status, MessageStatus::Sending);
        QCOMPARE(m.waMessageId, QStringLiteral("WA1"));
        QCOMPARE(m.numberId, m_numberA);
        QCOMPARE(m.attempts, 1);
        // Twice, or by another vendor: no.
        QVERIFY(!m_queue->claim(m_vendor, ms.at(0).id, m_numberB, QStringLiteral("WA2"), now));
        QVERIFY(!m_queue->claim(m_otherVendor, ms.at(1).id, m_numberA, QStringLiteral("WA3"), now));
        QCOMPARE(row(ms.at(1).id).status, MessageStatus::Pending);
        // Cancelled rows cannot be claimed.
        m_core->messages().cancelPending(m_vendor, QStringLiteral("batch-1"));
        QVERIFY(!m_queue->claim(m_vendor, ms.at(1).id, m_numberA, QStringLiteral("WA4"), now));
        QCOMPARE(row(ms.at(1).id).status, MessageStatus::Cancelled);
        // Expired rows neither.
        const QList<Message> late = queue(m_vendor, m_user, 1, 0, QStringLiteral("b2"), 10);
        QVERIFY(!m_queue->claim(m_vendor, late.at(0).id, m_numberA, QStringLiteral("WA5"), now + 1000));
    }

    void acksMoveForwardOnly()
    {
        const QList<Message> ms = queue(m_vendor, m_user, 3);
        const qint64 t0 = Clock::nowMs();
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_queue->claim(m_vendor, ms.at(i).id, m_numberA, QStringLiteral("W%1").arg(i), t0));

        // 1, 2, 3 arriving together: three steps, one write.
        QList<OutboxQueue::Change> ch = m_queue->recordAcks({{m_numberA, QStringLiteral("W0"), 1, t0 + 1},
                                                            {m_numberA, QStringLiteral("W0"), 2, t0 + 2},
                                                            {m_numberA, QStringLiteral("W0"), 3, t0 + 3}});
        QCOMPARE(ch.size(), 3);
        QCOMPARE(ch.at(0).message.status, MessageStatus::Sent);
        QCOMPARE(ch.at(1).message.status, MessageStatus::Delivered);
        QCOMPARE(ch.at(2).message.status, MessageStatus::Read);
        QCOMPARE(ch.at(2).atMs, t0 + 3);
        Message m = row(ms.at(0).id);
        QCOMPARE(m.status, MessageStatus::Read);
        QCOMPARE(m.sentAt, t0 + 1);
        QCOMPARE(m.deliveredAt, t0 + 2);
        QCOMPARE(m.readAt, t0 + 3);

        // Backwards and repeated acks change nothing.
        ch = m_queue->recordAcks({{m_numberA, QStringLiteral("W0"), 2, t0 + 5},
                                  {m_numberA, QStringLiteral("W0"), 1, t0 + 6}});
        QCOMPARE(ch.size(), 0);
        QCOMPARE(row(ms.at(0).id).status, MessageStatus::Read);

        // A jump (4 = played) sets every earlier timestamp; -1 and 0 move nothing.
        ch = m_queue->recordAcks({{m_numberA, QStringLiteral("W1"), 0, t0 + 7},
                                  {m_numberA, QStringLiteral("W1"), -1, t0 + 7},
                                  {m_numberA, QStringLiteral("W1"), 4, t0 + 8}});
        QCOMPARE(ch.size(), 1);
        m = row(ms.at(1).id);
        QCOMPARE(m.status, MessageStatus::Read);
        QCOMPARE(m.sentAt, t0 + 8);
        QCOMPARE(m.deliveredAt, t0 + 8);

        // An ack from another number, or for an unknown id, is ignored.
        QCOMPARE(m_queue->recordAcks({{m_numberB, QStringLiteral("W2"), 1, t0 + 9},
                                      {m_numberA, QStringLiteral("nope"), 1, t0 + 9}})
                     .size(),
                 0);
        QCOMPARE(row(ms.at(2).id).status, MessageStatus::Sending);

        // Terminal rows stay terminal.
        QVERIFY(m_queue->fail(m_vendor, ms.at(2).id, QStringLiteral("send_failed"), t0 + 10));
        QCOMPARE(m_queue->recordAcks({{m_numberA, QStringLiteral("W2"), 2, t0 + 11}}).size(), 0);
        QCOMPARE(row(ms.at(2).id).status, MessageStatus::Failed);
        QCOMPARE(row(ms.at(2).id).errorMessage, QStringLiteral("send_failed"));
    }

    void rescheduleAndReturnToPending()
    {
        const QList<Message> ms = queue(m_vendor, m_user, 2);
        const qint64 now = Clock::nowMs();
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("X1"), now));
        QVERIFY(m_queue->reschedule(m_vendor, ms.at(0).id, now + 5000, QStringLiteral("ERROR_NETWORK"), now));
        Message m = row(ms.at(0).id);
        QCOMPARE(m.status, MessageStatus::Pending);
        QCOMPARE(m.attempts, 1);
        QCOMPARE(m.nextAttemptAt, now + 5000);
        QCOMPARE(m.errorMessage, QStringLiteral("ERROR_NETWORK"));
        QCOMPARE(m.waMessageId, QStringLiteral("X1")); // kept: the retry asks WhatsApp first
        // The next claim starts clean.
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("X2"), now + 5000));
        m = row(ms.at(0).id);
        QCOMPARE(m.attempts, 2);
        QVERIFY(m.errorMessage.isNull());

        // A failed pre-send check on a pending row also uses a try.
        QVERIFY(m_queue->reschedule(m_vendor, ms.at(1).id, now + 10, QStringLiteral("check"), now));
        QCOMPARE(row(ms.at(1).id).attempts, 1);

        // Reconciliation: sending → pending, due now, attempts unchanged; not for other states.
        QVERIFY(m_queue->returnToPending(m_vendor, ms.at(0).id, now + 6000));
        m = row(ms.at(0).id);
        QCOMPARE(m.status, MessageStatus::Pending);
        QCOMPARE(m.attempts, 2);
        QVERIFY(m.waMessageId.isEmpty()); // never reached WhatsApp: free for any number
        QVERIFY(!m_queue->returnToPending(m_vendor, ms.at(0).id, now + 6000));
        QVERIFY(!m_queue->reschedule(m_otherVendor, ms.at(0).id, now, QStringLiteral("x"), now));
    }

    // Issue #10 item 11: a row A tried (claimed, then rescheduled after a transient failure)
    // is offered to A only, until A reconciles it (returnToPending clears the id).
    void triedRowStaysWithItsNumber()
    {
        const QList<Message> ms = queue(m_vendor, m_user, 2);
        const qint64 now = Clock::nowMs();
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("T1"), now));
        QVERIFY(
            m_queue->reschedule(m_vendor, ms.at(0).id, now, QStringLiteral("ERROR_NETWORK"), now));
        const Message tried = row(ms.at(0).id);
        QCOMPARE(OutboxQueue::pinnedNumber(tried), m_numberA);
        QCOMPARE(OutboxQueue::pinnedNumber(row(ms.at(1).id)), 0);
        // B alone: only the untried row.
        QList<Message> due = m_queue->duePending(m_vendor, m_user, {m_numberB}, true, now, 100);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.at(0).id, ms.at(1).id);
        QCOMPARE(m_queue->duePending(m_vendor, m_user, {}, true, now, 100).size(), 1);
        // A (alone or with B): both.
        QCOMPARE(m_queue->duePending(m_vendor, m_user, {m_numberA}, true, now, 100).size(), 2);
        QCOMPARE(
            m_queue->duePending(m_vendor, m_user, {m_numberB, m_numberA}, true, now, 100).size(),
            2);
        // A reconciles: never handed to WhatsApp, so any number may send it.
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("T2"), now));
        QVERIFY(m_queue->returnToPending(m_vendor, ms.at(0).id, now));
        const Message back = row(ms.at(0).id);
        QVERIFY(back.waMessageId.isEmpty());
        QCOMPARE(OutboxQueue::pinnedNumber(back), 0);
        QCOMPARE(m_queue->duePending(m_vendor, m_user, {m_numberB}, true, now, 100).size(), 2);
        // A row that asked for a number is pinned to it whatever happened.
        Message asked = back;
        asked.fromNumberId = m_numberB;
        QCOMPARE(OutboxQueue::pinnedNumber(asked), m_numberB);
    }

    void failBatchOnlyPendingOfThatBatch()
    {
        const QList<Message> a = queue(m_vendor, m_user, 3, 0, QStringLiteral("media-batch"));
        const QList<Message> b = queue(m_vendor, m_user, 1, 0, QStringLiteral("other"));
        const qint64 now = Clock::nowMs();
        QVERIFY(m_queue->claim(m_vendor, a.at(0).id, m_numberA, QStringLiteral("M0"), now));
        QVERIFY(m_queue->recordAcks({{m_numberA, QStringLiteral("M0"), 1, now}}).size() == 1);
        QCOMPARE(m_queue->failPendingOfBatch(m_otherVendor, QStringLiteral("media-batch"),
                                             QStringLiteral("media_unreachable"), now).size(),
                 0);
        const QList<Message> failed = m_queue->failPendingOfBatch(
            m_vendor, QStringLiteral("media-batch"), QStringLiteral("media_unreachable"), now);
        QCOMPARE(failed.size(), 2);
        QCOMPARE(failed.at(0).status, MessageStatus::Failed);
        QCOMPARE(failed.at(0).errorMessage, QStringLiteral("media_unreachable"));
        QCOMPARE(row(a.at(0).id).status, MessageStatus::Sent);
        QCOMPARE(row(a.at(2).id).status, MessageStatus::Failed);
        QCOMPARE(row(b.at(0).id).status, MessageStatus::Pending);
    }

    void expireOverdueLeavesInFlightAlone()
    {
        const QList<Message> ms = queue(m_vendor, m_user, 3, 0, QStringLiteral("short"), 50);
        const qint64 now = Clock::nowMs();
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("E0"), now));
        QVERIFY(m_queue->reschedule(m_vendor, ms.at(1).id, now + 10, QStringLiteral("ERROR_NETWORK"), now));
        QCOMPARE(m_queue->expireOverdue(now, 100).size(), 0);
        const QList<Message> expired = m_queue->expireOverdue(now + 60, 100);
        QCOMPARE(expired.size(), 2);
        QCOMPARE(row(ms.at(0).id).status, MessageStatus::Sending);
        QCOMPARE(row(ms.at(1).id).status, MessageStatus::Expired);
        QCOMPARE(row(ms.at(1).id).errorMessage, QStringLiteral("ERROR_NETWORK")); // why it never went
        QCOMPARE(row(ms.at(2).id).status, MessageStatus::Expired);
        QCOMPARE(row(ms.at(2).id).errorMessage, QStringLiteral("no_ready_number"));
    }

    // The sweep runs once a second on the main thread: with 275,000 pending rows and nothing
    // overdue it read them all (~150 ms). Its plan must read only overdue rows, in index order
    // (no sort of every overdue row either), and it still expires the oldest first.
    void expirySweepReadsOnlyOverdueRows()
    {
        QSqlQuery plan(m_core->database().connection());
        QVERIFY(plan.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + OutboxQueue::expirySql()));
        plan.addBindValue(MessageStatus::Pending);
        plan.addBindValue(Clock::nowMs());
        plan.addBindValue(100);
        QVERIFY(plan.exec());
        QStringList steps;
        while (plan.next())
            steps << plan.value(3).toString();
        const QString text = steps.join(QLatin1String(" | "));
        QVERIFY2(text.contains(
                     QLatin1String("USING INDEX idx_messages_expiry (status=? AND expires_at<?)")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("TEMP B-TREE")), qPrintable(text));

        const QList<Message> late = queue(m_vendor, m_user, 2, 0, QStringLiteral("late"), 500);
        const QList<Message> soon = queue(m_vendor, m_user, 2, 0, QStringLiteral("soon"), 50);
        const qint64 now = Clock::nowMs();
        const QList<Message> first = m_queue->expireOverdue(now + 1000, 3);
        QCOMPARE(first.size(), 3);
        QCOMPARE(first.at(0).id, soon.at(0).id);
        QCOMPARE(first.at(1).id, soon.at(1).id);
        QCOMPARE(first.at(2).id, late.at(0).id);
        QCOMPARE(m_queue->expireOverdue(now + 1000, 3).size(), 1);
    }

    // After every new batch the poll asks which users have new pending rows: it must read the
    // new rows only (a rowid range), not every pending row (30-80 ms at 275,000 pending).
    void newPendingUsersReadOnlyNewRows()
    {
        QSqlQuery plan(m_core->database().connection());
        QVERIFY(
            plan.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + OutboxQueue::pendingAfterSql()));
        plan.addBindValue(0);
        plan.addBindValue(MessageStatus::Pending);
        QVERIFY(plan.exec());
        QStringList steps;
        while (plan.next())
            steps << plan.value(3).toString();
        const QString text = steps.join(QLatin1String(" | "));
        QVERIFY2(text.contains(QLatin1String("USING INTEGER PRIMARY KEY (rowid>?)")),
                 qPrintable(text));

        const QList<Message> a = queue(m_vendor, m_user, 2);
        queue(m_otherVendor, m_otherUser, 1);
        QCOMPARE(m_queue->usersWithPendingAfter(0).size(), 2);
        const QList<OutboxQueue::UserKey> after = m_queue->usersWithPendingAfter(a.last().id);
        QCOMPARE(after.size(), 1);
        QCOMPARE(after.first().vendorId, m_otherVendor);
        QCOMPARE(after.first().userId, m_otherUser);
    }

    // idx_messages_wa_id leaves out the NULLs every queued row has (cheaper inserts); the ack
    // lookup by WhatsApp id must still use it.
    void ackLookupUsesThePartialWaIdIndex()
    {
        QSqlQuery plan(m_core->database().connection());
        QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM sent_messages WHERE "
                                         "wa_message_id IN ('a', 'b')")));
        QStringList steps;
        while (plan.next())
            steps << plan.value(3).toString();
        QVERIFY2(steps.join(QLatin1Char(' ')).contains(QLatin1String("INDEX idx_messages_wa_id")),
                 qPrintable(steps.join(QLatin1Char(' '))));
        QSqlQuery sql(m_core->database().connection());
        QVERIFY(sql.exec(
            QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'idx_messages_wa_id'")));
        QVERIFY(sql.next());
        QVERIFY2(sql.value(0).toString().contains(QLatin1String("WHERE wa_message_id IS NOT NULL")),
                 qPrintable(sql.value(0).toString()));
    }

    void reconciliationListAndCounts()
    {
        const QList<Message> ms = queue(m_vendor, m_user, 4);
        const QList<Message> other = queue(m_otherVendor, m_otherUser, 1);
        const qint64 now = Clock::nowMs();
        QVERIFY(m_queue->claim(m_vendor, ms.at(0).id, m_numberA, QStringLiteral("R0"), now));
        QVERIFY(m_queue->claim(m_vendor, ms.at(1).id, m_numberA, QStringLiteral("R1"), now));
        QVERIFY(m_queue->claim(m_vendor, ms.at(2).id, m_numberB, QStringLiteral("R2"), now));
        m_queue->recordAcks({{m_numberA, QStringLiteral("R1"), 2, now}});
        const QList<Message> sending = m_queue->listSendingForReconciliation();
        QCOMPARE(sending.size(), 2);
        QCOMPARE(sending.at(0).waMessageId, QStringLiteral("R0"));
        QCOMPARE(sending.at(1).numberId, m_numberB);
        QCOMPARE(m_queue->sentCountSince(m_numberA, now - 1000), 1);
        QCOMPARE(m_queue->sentCountSince(m_numberA, now + 1000), 0);
        QCOMPARE(m_queue->sentCountSince(m_numberB, now - 1000), 0);

        QCOMPARE(m_queue->maxMessageId(), other.at(0).id);
        QList<OutboxQueue::UserKey> users = m_queue->usersWithPendingAfter(0);
        QCOMPARE(users.size(), 2);
        users = m_queue->usersWithPendingAfter(ms.last().id);
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.at(0).vendorId, m_otherVendor);
        QCOMPARE(users.at(0).userId, m_otherUser);

        QVERIFY(m_queue->reschedule(m_vendor, ms.at(3).id, now + 9000, QStringLiteral("x"), now));
        const auto earliest = m_queue->earliestAttemptPerUser();
        QCOMPARE(earliest.value(OutboxQueue::UserKey{m_vendor, m_user}), now + 9000);
        QCOMPARE(earliest.value(OutboxQueue::UserKey{m_otherVendor, m_otherUser}), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutboxQueue)
#include "tst_outboxqueue.moc"
