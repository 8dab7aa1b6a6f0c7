// SandboxOutboxCache on its own (no page): records in arrival order, acks only go up, and the
// baseline copy of the page's outbox merges with what arrived while it was under way. The
// end-to-end behaviour (GET /sandbox/.../outbox after a batch) is in tst_sessionmanager and
// the e2e tests.
#include "SandboxOutboxCache.h"

#include <QtTest>

class TestSandboxOutboxCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recordsInArrivalOrderAndAcksGoUp();
    void baselineMergesWithLiveRecordsAndEarlyAcks();
    void staleBaselineIsIgnored();
    void removeForgetsTheNumber();
};

namespace {
QJsonObject record(const QString &id, int ack)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("ack"), ack}};
}

QStringList ids(const QJsonArray &records)
{
    QStringList out;
    for (const QJsonValue &v : records)
        out << v.toObject().value(QStringLiteral("id")).toString();
    return out;
}

int ackOf(const QJsonArray &records, const QString &id)
{
    for (const QJsonValue &v : records)
        if (v.toObject().value(QStringLiteral("id")).toString() == id)
            return v.toObject().value(QStringLiteral("ack")).toInt();
    return -100;
}
} // namespace

void TestSandboxOutboxCache::recordsInArrivalOrderAndAcksGoUp()
{
    SandboxOutboxCache cache;
    cache.addRecord(1, QStringLiteral("B"), record(QStringLiteral("true_x_B"), 0));
    cache.addRecord(1, QStringLiteral("A"), record(QStringLiteral("true_x_A"), 0));
    cache.addRecord(1, QStringLiteral("A"), record(QStringLiteral("true_x_A"), 3)); // once only
    cache.addRecord(1, QString(), record(QStringLiteral("true_x_"), 0));            // no key
    cache.ack(1, QStringLiteral("A"), 2);
    cache.ack(1, QStringLiteral("A"), 1); // never down
    const QJsonArray got = cache.records(1);
    QCOMPARE(ids(got), (QStringList{QStringLiteral("true_x_B"), QStringLiteral("true_x_A")}));
    QCOMPARE(ackOf(got, QStringLiteral("true_x_A")), 2);
    QCOMPARE(ackOf(got, QStringLiteral("true_x_B")), 0);
    QVERIFY(cache.records(2).isEmpty());
}

void TestSandboxOutboxCache::baselineMergesWithLiveRecordsAndEarlyAcks()
{
    SandboxOutboxCache cache;
    cache.addRecord(1, QStringLiteral("OLD"), record(QStringLiteral("true_x_OLD"), 0));
    const quint64 copy = cache.beginBaseline(1); // ready: starts over
    QVERIFY(cache.records(1).isEmpty());
    // While the copy is under way: a new message, and an ack for a restored one.
    cache.addRecord(1, QStringLiteral("NEW"), record(QStringLiteral("true_x_NEW"), 0));
    cache.ack(1, QStringLiteral("R1"), 3);
    cache.applyBaseline(1, copy,
                        QJsonArray{record(QStringLiteral("true_x_R1"), 1),
                                   record(QStringLiteral("true_x_R2"), 2),
                                   record(QStringLiteral("true_x_NEW"), 0), // already live
                                   record(QStringLiteral("malformed"), 0)});
    const QJsonArray got = cache.records(1);
    QCOMPARE(ids(got), (QStringList{QStringLiteral("true_x_R1"), QStringLiteral("true_x_R2"),
                                    QStringLiteral("true_x_NEW")}));
    QCOMPARE(ackOf(got, QStringLiteral("true_x_R1")), 3); // the early ack wins over the copy
    QCOMPARE(ackOf(got, QStringLiteral("true_x_R2")), 2);
    cache.ack(1, QStringLiteral("R2"), 3);
    QCOMPARE(ackOf(cache.records(1), QStringLiteral("true_x_R2")), 3);
}

void TestSandboxOutboxCache::staleBaselineIsIgnored()
{
    SandboxOutboxCache cache;
    const quint64 first = cache.beginBaseline(1);
    const quint64 second = cache.beginBaseline(1); // ready again before the first copy came
    QVERIFY(second != first);
    cache.applyBaseline(1, first, QJsonArray{record(QStringLiteral("true_x_S"), 1)});
    QVERIFY(cache.records(1).isEmpty());
    cache.applyBaseline(1, second, QJsonArray{record(QStringLiteral("true_x_T"), 1)});
    QCOMPARE(ids(cache.records(1)), QStringList{QStringLiteral("true_x_T")});
}

void TestSandboxOutboxCache::removeForgetsTheNumber()
{
    SandboxOutboxCache cache;
    const quint64 copy = cache.beginBaseline(1);
    cache.addRecord(1, QStringLiteral("A"), record(QStringLiteral("true_x_A"), 0));
    cache.remove(1); // session closed
    QVERIFY(cache.records(1).isEmpty());
    cache.applyBaseline(1, copy, QJsonArray{record(QStringLiteral("true_x_S"), 1)});
    QVERIFY(cache.records(1).isEmpty()); // a copy arriving after the close brings nothing back
    cache.ack(1, QStringLiteral("A"), 2);
    QVERIFY(cache.records(1).isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxOutboxCache)
#include "tst_sandboxoutboxcache.moc"
