// AckBatcher on a real SQLite file: acks wait for a flush (one transaction per batch), a full
// batch flushes at once, the timer flushes the rest, and every status moved is reported.

#include "CoreServices.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/AckBatcher.h"
#include "outbox/OutboxQueue.h"
#include "platform/Clock.h"
#include "storage/Database.h"

#include <QTest>

class TestAckBatcher : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<OutboxQueue> m_queue;
    qint64 m_vendor = 0, m_user = 0, m_number = 0;
    QList<OutboxQueue::Change> m_changes;

    // n rows claimed by the number (status `sending`), WhatsApp ids "WA<i>".
    QList<Message> sending(int n)
    {
        QList<Message> in;
        for (int i = 0; i < n; ++i) {
            Message m;
            m.batchId = QStringLiteral("b");
            m.appUserId = m_user;
            m.recipient = QStringLiteral("234803%1").arg(1000000 + i);
            m.message = QStringLiteral("hello");
            m.expiresAt = Clock::nowMs() + 3600000;
            in << m;
        }
        const QList<Message> rows = m_core->messages().insertBatch(m_vendor, in);
        const qint64 now = Clock::nowMs();
        for (int i = 0; i < rows.size(); ++i)
            if (!m_queue->claim(m_vendor, rows.at(i).id, m_number, waId(i), now))
                qFatal("claim failed");
        return rows;
    }
    static QString waId(int i) { return QStringLiteral("WA%1").arg(i); }
    QString status(qint64 id) const { return m_queue->find(m_vendor, id)->status; }
    std::unique_ptr<AckBatcher> makeBatcher()
    {
        return std::make_unique<AckBatcher>(
            *m_queue, [this](const OutboxQueue::Change &c) { m_changes << c; });
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
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
        m_number =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_changes.clear();
    }
    void cleanup()
    {
        m_queue.reset();
        m_core.reset();
    }

    void acksWaitForTheFlush()
    {
        const QList<Message> rows = sending(2);
        auto batcher = makeBatcher();
        batcher->setFlushIntervalMs(3600 * 1000); // only an explicit flush
        const qint64 now = Clock::nowMs();
        batcher->add({m_number, waId(0), 1, now});
        batcher->add({m_number, waId(1), 1, now});
        batcher->add({m_number, waId(1), 2, now});
        QCOMPARE(batcher->size(), 3);
        QCOMPARE(status(rows.at(0).id), MessageStatus::Sending); // nothing written yet
        QVERIFY(m_changes.isEmpty());

        batcher->flush();
        QVERIFY(batcher->isEmpty());
        QCOMPARE(status(rows.at(0).id), MessageStatus::Sent);
        QCOMPARE(status(rows.at(1).id), MessageStatus::Delivered);
        // One change per step forward, in order, after the write.
        QCOMPARE(m_changes.size(), 3);
        QCOMPARE(m_changes.at(0).message.id, rows.at(0).id);
        QCOMPARE(m_changes.at(0).message.status, MessageStatus::Sent);
        QCOMPARE(m_changes.at(1).message.status, MessageStatus::Sent);
        QCOMPARE(m_changes.at(2).message.id, rows.at(1).id);
        QCOMPARE(m_changes.at(2).message.status, MessageStatus::Delivered);

        batcher->flush(); // nothing left: nothing reported again
        QCOMPARE(m_changes.size(), 3);
    }

    void fullBatchFlushesAtOnce()
    {
        const QList<Message> rows = sending(AckBatcher::kMaxBatch);
        auto batcher = makeBatcher();
        batcher->setFlushIntervalMs(3600 * 1000);
        const qint64 now = Clock::nowMs();
        for (int i = 0; i < AckBatcher::kMaxBatch - 1; ++i)
            batcher->add({m_number, waId(i), 1, now});
        QCOMPARE(batcher->size(), AckBatcher::kMaxBatch - 1);
        QCOMPARE(status(rows.last().id), MessageStatus::Sending);
        QVERIFY(m_changes.isEmpty());

        batcher->add({m_number, waId(AckBatcher::kMaxBatch - 1), 1, now}); // the 500th
        QVERIFY(batcher->isEmpty());
        QCOMPARE(m_changes.size(), AckBatcher::kMaxBatch);
        QCOMPARE(status(rows.first().id), MessageStatus::Sent);
        QCOMPARE(status(rows.last().id), MessageStatus::Sent);
    }

    void timerFlushesTheRest()
    {
        const QList<Message> rows = sending(1);
        auto batcher = makeBatcher();
        batcher->setFlushIntervalMs(0);
        batcher->add({m_number, waId(0), 3, Clock::nowMs()});
        QCOMPARE(status(rows.at(0).id), MessageStatus::Sending);
        QTRY_VERIFY(batcher->isEmpty());
        QCOMPARE(status(rows.at(0).id), MessageStatus::Read);
        QCOMPARE(m_changes.size(), 1); // a jump straight to read is one step
        QCOMPARE(m_changes.at(0).message.status, MessageStatus::Read);
    }

    void unknownAcksMoveNothing()
    {
        sending(1);
        auto batcher = makeBatcher();
        batcher->add({m_number, QStringLiteral("not-ours"), 1, Clock::nowMs()});
        batcher->flush();
        QVERIFY(batcher->isEmpty());
        QVERIFY(m_changes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAckBatcher)
#include "tst_ackbatcher.moc"
