// Clock::toIso formats by hand for speed; it must match QDateTime's formatting exactly.
#include "platform/Clock.h"

#include <QRandomGenerator>
#include <QTimeZone>
#include <QtTest>

class TestClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void toIsoKnownValues();
    void toIsoMatchesQDateTime();
    void toIsoRoundTrips();
};

namespace {
QString reference(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}
} // namespace

void TestClock::toIsoKnownValues()
{
    QVERIFY(Clock::toIso(0).isNull());
    QVERIFY(Clock::toIso(-5).isNull());
    QCOMPARE(Clock::toIso(1), QStringLiteral("1970-01-01T00:00:00Z"));
    QCOMPARE(Clock::toIso(1795514400000), QStringLiteral("2026-11-24T10:00:00Z"));
    QCOMPARE(Clock::toIso(951782400999), QStringLiteral("2000-02-29T00:00:00Z"));
    QCOMPARE(Clock::toIso(253402300799999), QStringLiteral("9999-12-31T23:59:59Z"));
    QCOMPARE(Clock::toIso(253402300800000), reference(253402300800000));
}

void TestClock::toIsoMatchesQDateTime()
{
    // Day boundaries, leap days and century years, then random instants up to year 9999.
    QList<qint64> samples;
    for (qint64 day = 0; day < 200 * 366; day += 1)
        samples << day * 86400000 + (day % 2 ? 86399999 : 1);
    QRandomGenerator rng(20261125);
    for (int i = 0; i < 200000; ++i)
        samples << 1 + qint64(rng.bounded(quint64(253402300799999)));
    for (qint64 ms : samples)
        if (Clock::toIso(ms) != reference(ms))
            QFAIL(qPrintable(
                QStringLiteral("%1: %2 != %3").arg(ms).arg(Clock::toIso(ms), reference(ms))));
}

void TestClock::toIsoRoundTrips()
{
    const qint64 now = 1795514400123;
    QCOMPARE(Clock::fromIso(Clock::toIso(now)), now / 1000 * 1000);
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
