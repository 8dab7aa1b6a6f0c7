// Message status rules: the forward order, terminal states, and MessageStore::advance applying
// them on real rows for every (from, to) pair.

#include "Entities.h"
#include "StoreFixture.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"

#include <QTest>

class TestMessageStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rankOrder()
    {
        using namespace MessageStatus;
        QVERIFY(rank(Scheduled) < rank(Pending)); // a scheduled batch becomes pending at send_at
        QVERIFY(rank(Pending) < rank(Sending));
        QVERIFY(rank(Sending) < rank(Sent));
        QVERIFY(rank(Sent) < rank(Delivered));
        QVERIFY(rank(Delivered) < rank(Read));
        for (const QString &t : {Failed, Expired, Cancelled}) {
            QVERIFY(isTerminal(t));
            QVERIFY(rank(t) > rank(Read));
        }
        for (const QString &s : {Scheduled, Pending, Sending, Sent, Delivered, Read})
            QVERIFY(!isTerminal(s));
        QCOMPARE(rank(QStringLiteral("bogus")), -1);
        QVERIFY(!isTerminal(QStringLiteral("bogus")));
        QCOMPARE(all().size(), 9);
        QCOMPARE(QSet<QString>(all().begin(), all().end()).size(), 9);
    }

    void advanceMatrix_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        using namespace MessageStatus;
        for (const QString &from : all()) {
            for (const QString &to : all()) {
                bool allowed;
                if (isTerminal(from))
                    allowed = false; // nothing leaves a terminal state
                else if (isTerminal(to))
                    // accepted by WhatsApp: too late; a scheduled one may still be cancelled
                    allowed = from == Scheduled || from == Pending || from == Sending;
                else
                    allowed = rank(to) > rank(from); // forward only
                QTest::newRow(qPrintable(from + QStringLiteral("->") + to)) << from << to << allowed;
            }
        }
    }

    void advanceMatrix()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        Message m;
        m.batchId = QStringLiteral("b1");
        m.appUserId = u;
        m.recipient = QStringLiteral("2348031234567");
        m.message = QStringLiteral("hi");
        m.status = from;
        m.expiresAt = Clock::nowMs() + 60000;
        const qint64 id = store.insertBatch(v, {m}).first().id;
        const qint64 at = 1'700'000'000'000;
        QCOMPARE(store.advance(v, id, to, at, QStringLiteral("why")), allowed);
        const Message after = *store.find(v, id);
        QCOMPARE(after.status, allowed ? to : from);
        QVERIFY(MessageStatus::rank(after.status) >= MessageStatus::rank(from));
        if (allowed) {
            QCOMPARE(after.errorMessage, QStringLiteral("why"));
            const bool sent = to == MessageStatus::Sent || to == MessageStatus::Delivered
                              || to == MessageStatus::Read;
            QCOMPARE(after.sentAt, sent ? at : 0);
            QCOMPARE(after.deliveredAt,
                     (to == MessageStatus::Delivered || to == MessageStatus::Read) ? at : 0);
            QCOMPARE(after.readAt, to == MessageStatus::Read ? at : 0);
        } else {
            QVERIFY(after.errorMessage.isNull());
            QCOMPARE(after.updatedAt, after.createdAt);
        }
    }

    void timestampsKeepTheFirstAck()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        Message m;
        m.batchId = QStringLiteral("b1");
        m.appUserId = u;
        m.recipient = QStringLiteral("1");
        const qint64 id = store.insertBatch(v, {m}).first().id;
        QVERIFY(store.advance(v, id, MessageStatus::Sending, 100));
        QVERIFY(!store.advance(v, id, MessageStatus::Sending, 150)); // not forward: no-op
        QVERIFY(!store.advance(v, id, MessageStatus::Pending, 150));
        QVERIFY(store.advance(v, id, MessageStatus::Sent, 200));
        QVERIFY(store.advance(v, id, MessageStatus::Read, 400)); // delivered ack lost
        QVERIFY(!store.advance(v, id, MessageStatus::Delivered, 300)); // late: ignored
        QVERIFY(!store.advance(v, id, MessageStatus::Failed, 500));
        const Message after = *store.find(v, id);
        QCOMPARE(after.status, MessageStatus::Read);
        QCOMPARE(after.sentAt, 200);
        QCOMPARE(after.deliveredAt, 400);
        QCOMPARE(after.readAt, 400);
    }

    void advanceIsScopedAndChecksInput()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 u = fx.user(a, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        Message m;
        m.batchId = QStringLiteral("b1");
        m.appUserId = u;
        m.recipient = QStringLiteral("1");
        const qint64 id = store.insertBatch(a, {m}).first().id;
        QVERIFY(!store.advance(b, id, MessageStatus::Sent, 1));
        QVERIFY(!store.advance(b, id, MessageStatus::Cancelled, 1));
        QVERIFY(!store.advance(a, id + 1000, MessageStatus::Sent, 1));
        QCOMPARE(store.find(a, id)->status, MessageStatus::Pending);
        const auto e = thrown([&] { store.advance(a, id, QStringLiteral("bogus"), 1); });
        QVERIFY(e && e->kind() == DomainError::Kind::Validation);
        QCOMPARE(store.find(a, id)->status, MessageStatus::Pending);
    }
};

QTEST_GUILESS_MAIN(TestMessageStatus)
#include "tst_messagestatus.moc"
