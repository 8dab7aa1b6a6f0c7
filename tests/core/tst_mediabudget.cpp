// MediaBudget: the media bytes handed to sessions at once. Grants come from the event loop,
// first come first served, a file over the cap goes alone, and a lease gives its bytes back
// when its last copy goes.

#include "outbox/MediaBudget.h"

#include <QTest>

class TestMediaBudget : public QObject
{
    Q_OBJECT

private:
    struct Grants
    {
        QList<int> order;
        QHash<int, MediaBudget::Lease> leases;
    };
    static void ask(MediaBudget &b, Grants &g, int tag, qint64 bytes)
    {
        b.acquire(bytes, [&g, tag](MediaBudget::Lease lease) {
            g.order << tag;
            g.leases.insert(tag, std::move(lease));
        });
    }

private Q_SLOTS:
    void grantedLaterWhileUnderTheCap()
    {
        MediaBudget b;
        b.setCap(100);
        Grants g;
        ask(b, g, 1, 40);
        ask(b, g, 2, 60);
        QVERIFY(g.order.isEmpty()); // never from inside acquire()
        QCOMPARE(b.bytesInFlight(), qint64(100));
        QTRY_COMPARE(g.order, (QList<int>{1, 2}));
        g.leases.remove(1);
        QCOMPARE(b.bytesInFlight(), qint64(60));
        g.leases.clear();
        QCOMPARE(b.bytesInFlight(), qint64(0));
    }

    void waitsUntilBytesComeBackInOrder()
    {
        MediaBudget b;
        b.setCap(100);
        Grants g;
        ask(b, g, 1, 80);
        ask(b, g, 2, 50); // would pass the cap
        ask(b, g, 3, 10); // fits, but does not overtake 2
        QCOMPARE(b.waiting(), 2);
        QTRY_COMPARE(g.order, (QList<int>{1}));
        QTest::qWait(0);
        QCOMPARE(g.order, (QList<int>{1}));

        g.leases.remove(1); // 80 bytes back: 2 and 3 fit together
        QCOMPARE(b.waiting(), 0);
        QCOMPARE(b.bytesInFlight(), qint64(60));
        QTRY_COMPARE(g.order, (QList<int>{1, 2, 3}));
    }

    void aFileOverTheCapGoesAlone()
    {
        MediaBudget b;
        b.setCap(100);
        Grants g;
        ask(b, g, 1, 10);
        ask(b, g, 2, 500);
        QTRY_COMPARE(g.order, (QList<int>{1}));
        QCOMPARE(b.waiting(), 1);
        g.leases.clear();
        QTRY_COMPARE(g.order, (QList<int>{1, 2}));
        QCOMPARE(b.bytesInFlight(), qint64(500));
        ask(b, g, 3, 1); // nothing passes a file over the cap
        QCOMPARE(b.waiting(), 1);
        g.leases.clear();
        QTRY_COMPARE(g.order, (QList<int>{1, 2, 3}));
    }

    void copiesOfALeaseHoldTheBytes()
    {
        MediaBudget b;
        Grants g;
        ask(b, g, 1, 1000);
        QTRY_COMPARE(g.order.size(), 1);
        MediaBudget::Lease copy = g.leases.value(1);
        g.leases.clear();
        QCOMPARE(b.bytesInFlight(), qint64(1000)); // the send's completion still holds one
        copy.reset();
        QCOMPARE(b.bytesInFlight(), qint64(0));
        QCOMPARE(b.cap(), MediaBudget::kDefaultCap);
    }

    void leaseOutlivesTheBudget()
    {
        MediaBudget::Lease lease;
        {
            MediaBudget b;
            b.acquire(10, [&lease](MediaBudget::Lease l) { lease = std::move(l); });
            QTRY_VERIFY(lease);
        }
        lease.reset(); // the budget is gone: nothing to give back, no crash
        QVERIFY(!lease);
    }
};

QTEST_GUILESS_MAIN(TestMediaBudget)
#include "tst_mediabudget.moc"
