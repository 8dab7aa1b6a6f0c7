// RegistrationCache: WhatsApp's "is this recipient on WhatsApp" answers, per number and
// recipient, 6 h for a yes and 1 h for a no, bounded in size.

#include "outbox/RegistrationCache.h"

#include <QTest>

class TestRegistrationCache : public QObject
{
    Q_OBJECT

    // 1 registered, 0 not, -1 not known.
    static int state(const std::optional<bool> &v) { return v ? int(*v) : -1; }

private Q_SLOTS:
    void answersLastTheirTime()
    {
        RegistrationCache c;
        const QString to = QStringLiteral("2348031000001");
        QCOMPARE(state(c.lookup(1, to, 0)), -1);
        c.remember(1, to, true, 1000);
        QCOMPARE(state(c.lookup(1, to, 1000)), 1);
        QCOMPARE(state(c.lookup(1, to, 1000 + RegistrationCache::kRegisteredTtlMs - 1)), 1);
        QCOMPARE(state(c.lookup(1, to, 1000 + RegistrationCache::kRegisteredTtlMs)), -1);

        c.remember(1, to, false, 5000); // a newer answer replaces the older
        QCOMPARE(state(c.lookup(1, to, 5000)), 0);
        QCOMPARE(state(c.lookup(1, to, 5000 + RegistrationCache::kNotRegisteredTtlMs)), -1);
        QVERIFY(RegistrationCache::kNotRegisteredTtlMs < RegistrationCache::kRegisteredTtlMs);
    }

    void perNumberAndRecipient()
    {
        RegistrationCache c;
        c.remember(1, QStringLiteral("2348031000001"), false, 0);
        QCOMPARE(state(c.lookup(2, QStringLiteral("2348031000001"), 0)), -1);
        QCOMPARE(state(c.lookup(1, QStringLiteral("2348031000002"), 0)), -1);
        // The key keeps the number apart from the recipient: 12 + "3" is not 1 + "23".
        c.remember(12, QStringLiteral("3"), true, 0);
        QCOMPARE(state(c.lookup(1, QStringLiteral("23"), 0)), -1);
    }

    void boundedInSize()
    {
        RegistrationCache c;
        for (int i = 0; i <= RegistrationCache::kMaxEntries; ++i)
            c.remember(1, QString::number(i), true, 0);
        QCOMPARE(c.size(), RegistrationCache::kMaxEntries + 1);
        c.remember(1, QStringLiteral("one more"), true, 0); // past the bound: starts over
        QCOMPARE(c.size(), 1);
        QCOMPARE(state(c.lookup(1, QStringLiteral("one more"), 0)), 1);
    }
};

QTEST_GUILESS_MAIN(TestRegistrationCache)
#include "tst_registrationcache.moc"
