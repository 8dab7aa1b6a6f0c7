// PlanStore on a real SQLite file.

#include "StoreFixture.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "platform/Clock.h"

#include <QTest>

namespace {

Plan plan(const QString &name, int numbers = 2, int messages = 1000, int days = 30)
{
    Plan p;
    p.name = name;
    p.maxPhoneNumbers = numbers;
    p.maxMessages = messages;
    p.periodDays = days;
    return p;
}

} // namespace

class TestPlanStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createFindList()
    {
        StoreFixture fx;
        PlanStore store(fx.conn());
        const Plan p = store.create(plan(QStringLiteral(" Basic "), 3, 500, 7));
        QVERIFY(p.id > 0);
        QCOMPARE(p.name, QStringLiteral("Basic"));
        QVERIFY(p.createdAt > 0);
        const auto found = store.find(p.id);
        QVERIFY(found);
        QCOMPARE(found->name, QStringLiteral("Basic"));
        QCOMPARE(found->maxPhoneNumbers, 3);
        QCOMPARE(found->maxMessages, 500);
        QCOMPARE(found->periodDays, 7);
        QVERIFY(!store.find(p.id + 1));
        store.create(plan(QStringLiteral("Pro")));
        QCOMPARE(store.list().size(), 2);
        QCOMPARE(store.list().at(1).name, QStringLiteral("Pro"));
        QVERIFY(store.create(plan(QStringLiteral("Free"), 0, 0, 1)).id > 0); // zero limits are fine
    }

    void createValidates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("numbers");
        QTest::addColumn<int>("messages");
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("field");
        QTest::newRow("no name") << QStringLiteral(" ") << 1 << 1 << 30 << QStringLiteral("name");
        QTest::newRow("negative numbers") << QStringLiteral("x") << -1 << 1 << 30 << QStringLiteral("max_phone_numbers");
        QTest::newRow("negative messages") << QStringLiteral("x") << 1 << -5 << 30 << QStringLiteral("max_messages");
        QTest::newRow("zero days") << QStringLiteral("x") << 1 << 1 << 0 << QStringLiteral("period_days");
    }

    void createValidates()
    {
        QFETCH(QString, name);
        QFETCH(int, numbers);
        QFETCH(int, messages);
        QFETCH(int, days);
        QFETCH(QString, field);
        StoreFixture fx;
        PlanStore store(fx.conn());
        const auto e = thrown([&] { store.create(plan(name, numbers, messages, days)); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Validation);
        QCOMPARE(e->details().value(QStringLiteral("field")).toString(), field);
        QVERIFY(store.list().isEmpty());
        const Plan ok = store.create(plan(QStringLiteral("ok")));
        Plan bad = plan(name, numbers, messages, days);
        bad.id = ok.id;
        QVERIFY(thrown([&] { store.update(bad); })->kind() == DomainError::Kind::Validation);
        QCOMPARE(store.find(ok.id)->name, QStringLiteral("ok"));
    }

    void update()
    {
        StoreFixture fx;
        PlanStore store(fx.conn());
        Plan p = store.create(plan(QStringLiteral("Basic")));
        p.name = QStringLiteral("Basic+");
        p.maxMessages = 2000;
        const Plan u = store.update(p);
        QCOMPARE(u.name, QStringLiteral("Basic+"));
        QCOMPARE(u.maxMessages, 2000);
        QCOMPARE(u.createdAt, p.createdAt);
        p.id += 100;
        QVERIFY(thrown([&] { store.update(p); })->kind() == DomainError::Kind::NotFound);
    }

    void removeRefusesAPlanInUse()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        PlanStore store(fx.conn());
        const Plan used = store.create(plan(QStringLiteral("Used")));
        const Plan unused = store.create(plan(QStringLiteral("Unused")));
        Subscription s;
        s.appUserId = u;
        s.planId = used.id;
        s.endsAt = Clock::nowMs() + 1000;
        SubscriptionStore(fx.conn()).create(s);
        const auto e = thrown([&] { store.remove(used.id); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Conflict);
        QCOMPARE(e->code(), QStringLiteral("plan_in_use"));
        QVERIFY(store.find(used.id));
        QVERIFY(store.remove(unused.id));
        QVERIFY(!store.remove(unused.id));
        QVERIFY(!store.find(unused.id));
    }
};

QTEST_GUILESS_MAIN(TestPlanStore)
#include "tst_planstore.moc"
