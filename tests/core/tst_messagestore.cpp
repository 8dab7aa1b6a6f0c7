// MessageStore on a real SQLite file: batch insert, reads, cancel, quota, the operator log,
// and tenant scoping on every vendor method.

#include "StoreFixture.h"
#include "messaging/MessageStore.h"
#include "platform/Clock.h"

#include <QTest>

namespace {

Message msg(qint64 user, const QString &batch, const QString &to, const QString &status = MessageStatus::Pending)
{
    Message m;
    m.batchId = batch;
    m.appUserId = user;
    m.recipient = to;
    m.message = QStringLiteral("Hello ") + to;
    m.status = status;
    m.expiresAt = Clock::nowMs() + 86'400'000;
    return m;
}

} // namespace

class TestMessageStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insertBatchAndRead()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        Message media = msg(u, QStringLiteral("b1"), QStringLiteral("2"));
        media.message = QString();
        media.messageType = QStringLiteral("document");
        media.mediaUrl = QStringLiteral("https://example.com/r.pdf");
        media.caption = QStringLiteral("Receipt");
        media.templateId = QStringLiteral("order_ready");
        media.fromNumberId = 7;
        const qint64 before = Clock::nowMs();
        const auto inserted = store.insertBatch(v, {msg(u, QStringLiteral("b1"), QStringLiteral("1")), media});
        QCOMPARE(inserted.size(), 2);
        QVERIFY(inserted.at(0).id > 0);
        QCOMPARE(inserted.at(1).id, inserted.at(0).id + 1);
        QVERIFY(inserted.at(0).createdAt >= before);
        QCOMPARE(inserted.at(0).vendorId, v);

        const Message got = *store.find(v, inserted.at(1).id);
        QCOMPARE(got.batchId, QStringLiteral("b1"));
        QCOMPARE(got.appUserId, u);
        QCOMPARE(got.recipient, QStringLiteral("2"));
        QVERIFY(got.message.isNull());
        QCOMPARE(got.messageType, QStringLiteral("document"));
        QCOMPARE(got.mediaUrl, media.mediaUrl);
        QCOMPARE(got.caption, media.caption);
        QCOMPARE(got.templateId, media.templateId);
        QCOMPARE(got.fromNumberId, 7);
        QCOMPARE(got.numberId, 0);
        QCOMPARE(got.status, MessageStatus::Pending);
        QCOMPARE(got.expiresAt, media.expiresAt);
        QCOMPARE(got.sentAt, 0);
        QVERIFY(got.errorMessage.isNull());

        const auto batch = store.listBatch(v, QStringLiteral("b1"));
        QCOMPARE(batch.size(), 2);
        QCOMPARE(batch.at(0).recipient, QStringLiteral("1"));
        QVERIFY(store.batchExists(v, QStringLiteral("b1")));
        QVERIFY(!store.batchExists(v, QStringLiteral("b2")));
        const auto counts = store.countsForBatch(v, QStringLiteral("b1"));
        QCOMPARE(counts.size(), 9); // every status (scheduled too), zeros included
        QCOMPARE(counts.value(MessageStatus::Pending), 2);
        QCOMPARE(counts.value(MessageStatus::Read), 0);
        QVERIFY(store.insertBatch(v, {}).isEmpty());
    }

    void insertBatchValidatesAndIsAtomic()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        // One row for another vendor's user: nothing is inserted.
        auto e = thrown([&] { store.insertBatch(a, {msg(ua, QStringLiteral("b"), QStringLiteral("1")),
                                                    msg(ub, QStringLiteral("b"), QStringLiteral("2"))}); });
        QVERIFY(e && e->kind() == DomainError::Kind::NotFound);
        e = thrown([&] { store.insertBatch(a, {msg(ua, QString(), QStringLiteral("1"))}); });
        QVERIFY(e && e->kind() == DomainError::Kind::Validation);
        e = thrown([&] { store.insertBatch(a, {msg(ua, QStringLiteral("b"), QString())}); });
        QVERIFY(e && e->kind() == DomainError::Kind::Validation);
        e = thrown([&] { store.insertBatch(a, {msg(ua, QStringLiteral("b"), QStringLiteral("1"), QStringLiteral("weird"))}); });
        QVERIFY(e && e->kind() == DomainError::Kind::Validation);
        QCOMPARE(fx.scalar(QStringLiteral("SELECT COUNT(*) FROM sent_messages")).toInt(), 0);
    }

    void everyReadIsScopedByVendor()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        const qint64 id = store.insertBatch(a, {msg(ua, QStringLiteral("shared"), QStringLiteral("1"))}).first().id;
        QVERIFY(!store.find(b, id));
        QVERIFY(store.listBatch(b, QStringLiteral("shared")).isEmpty());
        QVERIFY(!store.batchExists(b, QStringLiteral("shared")));
        QCOMPARE(store.countsForBatch(b, QStringLiteral("shared")).value(MessageStatus::Pending), 0);
        QVERIFY(store.cancelPending(b, QStringLiteral("shared")).isEmpty());
        QCOMPARE(store.countForQuota(b, ua, 0), 0);
        QVERIFY(!store.advance(b, id, MessageStatus::Sent, 1));
        QCOMPARE(store.find(a, id)->status, MessageStatus::Pending);
    }

    void cancelPendingCancelsOnlyPending()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        QList<Message> list;
        for (int i = 0; i < 230; ++i)
            list << msg(u, QStringLiteral("b1"), QString::number(i));
        list << msg(u, QStringLiteral("b1"), QStringLiteral("s"), MessageStatus::Sending)
             << msg(u, QStringLiteral("b1"), QStringLiteral("d"), MessageStatus::Delivered)
             << msg(u, QStringLiteral("b2"), QStringLiteral("other batch"));
        store.insertBatch(v, list);
        Clock::setOffsetForTesting(10'000);
        const auto cancelled = store.cancelPending(v, QStringLiteral("b1"));
        Clock::setOffsetForTesting(0);
        QCOMPARE(cancelled.size(), 230);
        for (const Message &m : cancelled) {
            QCOMPARE(m.status, MessageStatus::Cancelled);
            QCOMPARE(m.batchId, QStringLiteral("b1"));
        }
        const auto counts = store.countsForBatch(v, QStringLiteral("b1"));
        QCOMPARE(counts.value(MessageStatus::Cancelled), 230);
        QCOMPARE(counts.value(MessageStatus::Sending), 1);
        QCOMPARE(counts.value(MessageStatus::Delivered), 1);
        QCOMPARE(counts.value(MessageStatus::Pending), 0);
        QCOMPARE(store.countsForBatch(v, QStringLiteral("b2")).value(MessageStatus::Pending), 1);
        QVERIFY(store.cancelPending(v, QStringLiteral("b1")).isEmpty()); // nothing left
        // Cancelled ones do not count against the quota.
        QCOMPARE(store.countForQuota(v, u, 0), 3);
    }

    void quotaCountsSinceThePeriodStart()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 u2 = fx.user(v, QStringLiteral("u2@x.com"));
        MessageStore store(fx.conn());
        Message old = msg(u, QStringLiteral("b0"), QStringLiteral("1"));
        old.createdAt = 1000;
        Message failed = msg(u, QStringLiteral("b1"), QStringLiteral("2"), MessageStatus::Failed);
        failed.createdAt = 5000;
        Message recent = msg(u, QStringLiteral("b1"), QStringLiteral("3"));
        recent.createdAt = 6000;
        store.insertBatch(v, {old, failed, recent, msg(u2, QStringLiteral("b3"), QStringLiteral("4"))});
        QCOMPARE(store.countForQuota(v, u, 0), 3);
        QCOMPARE(store.countForQuota(v, u, 5000), 2); // failed ones were queued: they count
        QCOMPARE(store.countForQuota(v, u, 6001), 0);
    }

    void operatorLogFiltersAndCounts()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        const qint64 day = 86'400'000;
        const qint64 d0 = 20'000 * day;
        auto at = [](Message m, qint64 created) {
            m.createdAt = created;
            return m;
        };
        store.insertBatch(a, {at(msg(ua, QStringLiteral("a1"), QStringLiteral("1")), d0 + 10),
                              at(msg(ua, QStringLiteral("a1"), QStringLiteral("2"), MessageStatus::Sent), d0 + 20),
                              at(msg(ua, QStringLiteral("a2"), QStringLiteral("3"), MessageStatus::Sending), d0 + day + 5)});
        store.insertBatch(b, {at(msg(ub, QStringLiteral("b1"), QStringLiteral("4"), MessageStatus::Failed), d0 + day + 7)});

        MessageStore::Filter all;
        QCOMPARE(store.countForOperator(all), 4);
        const auto newestFirst = store.listForOperator(all, 0, 0);
        QCOMPARE(newestFirst.size(), 4);
        QCOMPARE(newestFirst.first().recipient, QStringLiteral("4"));
        QCOMPARE(store.listForOperator(all, 1, 2).size(), 2);
        QCOMPARE(store.listForOperator(all, 1, 2).first().recipient, QStringLiteral("3"));

        MessageStore::Filter f;
        f.vendorId = a;
        QCOMPARE(store.countForOperator(f), 3);
        f.batchId = QStringLiteral("a1");
        QCOMPARE(store.countForOperator(f), 2);
        f.status = MessageStatus::Sent;
        QCOMPARE(store.countForOperator(f), 1);
        MessageStore::Filter range;
        range.fromMs = d0 + 15;
        range.toMs = d0 + day + 6;
        QCOMPARE(store.countForOperator(range), 2);
        MessageStore::Filter byUser;
        byUser.appUserId = ub;
        QCOMPARE(store.listForOperator(byUser, 0, 10).size(), 1);

        const auto daily = store.dailyCounts(d0);
        QCOMPARE(daily.size(), 2);
        QCOMPARE(daily.value(d0).value(MessageStatus::Pending), 1);
        QCOMPARE(daily.value(d0).value(MessageStatus::Sent), 1);
        QCOMPARE(daily.value(d0 + day).value(MessageStatus::Sending), 1);
        QCOMPARE(daily.value(d0 + day).value(MessageStatus::Failed), 1);
        QCOMPARE(store.dailyCounts(d0 + day).size(), 1);
        QCOMPARE(store.queueDepth(), 2); // pending + sending, all vendors
    }

    void historyOutlivesTheUser()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        MessageStore store(fx.conn());
        const qint64 id = store.insertBatch(v, {msg(u, QStringLiteral("b"), QStringLiteral("1"))}).first().id;
        QVERIFY(AppUserStore(fx.conn()).remove(v, u));
        QVERIFY(store.find(v, id));
        QCOMPARE(store.listBatch(v, QStringLiteral("b")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
