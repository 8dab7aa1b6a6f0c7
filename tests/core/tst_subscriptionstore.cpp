// SubscriptionStore on a real SQLite file: the operator side, and `active` with its window,
// precedence, quota period and vendor scoping.

#include "StoreFixture.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"

#include <QTest>

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kT0 = 1'750'000'000'000; // a fixed start, so periods are exact

} // namespace

class TestSubscriptionStore : public QObject
{
    Q_OBJECT

private:
    struct World
    {
        StoreFixture fx;
        qint64 vendor = 0, other = 0, user = 0, otherUser = 0, plan = 0, plan7 = 0;
        World()
        {
            vendor = fx.vendor(QStringLiteral("a@x.com"));
            other = fx.vendor(QStringLiteral("b@x.com"));
            user = fx.user(vendor, QStringLiteral("u@x.com"));
            otherUser = fx.user(other, QStringLiteral("u@x.com"));
            PlanStore plans(fx.conn());
            Plan p;
            p.name = QStringLiteral("Monthly");
            p.maxPhoneNumbers = 2;
            p.maxMessages = 100;
            p.periodDays = 30;
            plan = plans.create(p).id;
            p.name = QStringLiteral("Weekly");
            p.periodDays = 7;
            plan7 = plans.create(p).id;
        }
        Subscription sub(qint64 appUser, qint64 planId, qint64 starts, qint64 ends,
                         const QString &status = QStringLiteral("active"))
        {
            Subscription s;
            s.appUserId = appUser;
            s.planId = planId;
            s.startsAt = starts;
            s.endsAt = ends;
            s.status = status;
            return SubscriptionStore(fx.conn()).create(s);
        }
    };

private Q_SLOTS:
    void createFindList()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        Subscription s;
        s.appUserId = w.user;
        s.planId = w.plan;
        s.endsAt = before + 10 * kDay;
        const Subscription created = store.create(s); // starts now by default
        QVERIFY(created.id > 0);
        QVERIFY(created.startsAt >= before);
        const auto found = store.find(created.id);
        QVERIFY(found);
        QCOMPARE(found->appUserId, w.user);
        QCOMPARE(found->planId, w.plan);
        QCOMPARE(found->status, QStringLiteral("active"));
        QCOMPARE(found->startsAt, created.startsAt);
        QCOMPARE(found->endsAt, s.endsAt);
        w.sub(w.otherUser, w.plan, kT0, kT0 + kDay);
        QCOMPARE(store.listForUser(w.user).size(), 1);
        QCOMPARE(store.listForUser(0).size(), 2);
        QVERIFY(!store.find(created.id + 100));
    }

    void createChecks()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        Subscription s;
        s.appUserId = w.user;
        s.planId = w.plan;
        s.startsAt = kT0;
        s.endsAt = kT0 + kDay;
        Subscription noUser = s;
        noUser.appUserId = 4242;
        QVERIFY(thrown([&] { store.create(noUser); })->kind() == DomainError::Kind::NotFound);
        Subscription noPlan = s;
        noPlan.planId = 4242;
        QVERIFY(thrown([&] { store.create(noPlan); })->kind() == DomainError::Kind::NotFound);
        Subscription badStatus = s;
        badStatus.status = QStringLiteral("paused");
        QVERIFY(thrown([&] { store.create(badStatus); })->kind() == DomainError::Kind::Validation);
        Subscription backwards = s;
        backwards.endsAt = kT0 - 1;
        QVERIFY(thrown([&] { store.create(backwards); })->kind() == DomainError::Kind::Validation);
        Subscription noEnd = s;
        noEnd.endsAt = 0;
        QVERIFY(thrown([&] { store.create(noEnd); })->kind() == DomainError::Kind::Validation);
        QVERIFY(store.listForUser(0).isEmpty());
    }

    void update()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        Subscription s = w.sub(w.user, w.plan, kT0, kT0 + kDay);
        s.status = QStringLiteral("suspended");
        s.planId = w.plan7;
        s.endsAt = kT0 + 2 * kDay;
        s.appUserId = w.otherUser; // ignored: a subscription never changes hands
        const Subscription u = store.update(s);
        QCOMPARE(u.status, QStringLiteral("suspended"));
        QCOMPARE(u.planId, w.plan7);
        QCOMPARE(u.appUserId, w.user);
        const auto found = store.find(s.id);
        QCOMPARE(found->status, QStringLiteral("suspended"));
        QCOMPARE(found->endsAt, kT0 + 2 * kDay);
        QCOMPARE(found->appUserId, w.user);
        Subscription missing = s;
        missing.id += 100;
        QVERIFY(thrown([&] { store.update(missing); })->kind() == DomainError::Kind::NotFound);
        Subscription badPlan = *found;
        badPlan.planId = 4242;
        QVERIFY(thrown([&] { store.update(badPlan); })->kind() == DomainError::Kind::NotFound);
        Subscription badStatus = *found;
        badStatus.status = QStringLiteral("x");
        QVERIFY(thrown([&] { store.update(badStatus); })->kind() == DomainError::Kind::Validation);
    }

    void activeWindowIsHalfOpen()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        w.sub(w.user, w.plan, kT0, kT0 + 90 * kDay);
        QVERIFY(!store.active(w.vendor, w.user, kT0 - 1));
        QVERIFY(store.active(w.vendor, w.user, kT0));
        QVERIFY(store.active(w.vendor, w.user, kT0 + 90 * kDay - 1));
        QVERIFY(!store.active(w.vendor, w.user, kT0 + 90 * kDay));
    }

    void activeIsScopedByVendor()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        w.sub(w.user, w.plan, kT0, kT0 + kDay);
        QVERIFY(store.active(w.vendor, w.user, kT0 + 1));
        QVERIFY(!store.active(w.other, w.user, kT0 + 1));
        QVERIFY(!store.active(w.other, w.otherUser, kT0 + 1));
    }

    void onlyActiveStatusCounts()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        for (const char *status : {"cancelled", "expired", "suspended"})
            w.sub(w.user, w.plan, kT0, kT0 + kDay, QString::fromLatin1(status));
        QVERIFY(!store.active(w.vendor, w.user, kT0 + 1));
        const Subscription s = w.sub(w.user, w.plan7, kT0, kT0 + kDay);
        const auto a = store.active(w.vendor, w.user, kT0 + 1);
        QVERIFY(a);
        QCOMPARE(a->subscription.id, s.id);
        QCOMPARE(a->plan.id, w.plan7);
        QCOMPARE(a->plan.name, QStringLiteral("Weekly"));
        QCOMPARE(a->plan.maxPhoneNumbers, 2);
        QCOMPARE(a->plan.maxMessages, 100);
        QCOMPARE(a->plan.periodDays, 7);
    }

    void newestEndWins()
    {
        World w;
        SubscriptionStore store(w.fx.conn());
        w.sub(w.user, w.plan, kT0, kT0 + 10 * kDay);
        const Subscription later = w.sub(w.user, w.plan7, kT0 + kDay, kT0 + 20 * kDay);
        w.sub(w.user, w.plan, kT0 + 2 * kDay, kT0 + 15 * kDay);
        QCOMPARE(store.active(w.vendor, w.user, kT0 + 3 * kDay)->subscription.id, later.id);
        // Before the later one starts, the first one is the active one.
        QCOMPARE(store.active(w.vendor, w.user, kT0 + 1)->subscription.endsAt, kT0 + 10 * kDay);
    }

    void periodStart_data()
    {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("at start") << kT0 << kT0;
        QTest::newRow("first period") << kT0 + 29 * kDay << kT0;
        QTest::newRow("last ms of first") << kT0 + 30 * kDay - 1 << kT0;
        QTest::newRow("second period begins") << kT0 + 30 * kDay << kT0 + 30 * kDay;
        QTest::newRow("third period") << kT0 + 65 * kDay << kT0 + 60 * kDay;
    }

    void periodStart()
    {
        QFETCH(qint64, now);
        QFETCH(qint64, expected);
        World w;
        w.sub(w.user, w.plan, kT0, kT0 + 365 * kDay);
        const auto a = SubscriptionStore(w.fx.conn()).active(w.vendor, w.user, now);
        QVERIFY(a);
        QCOMPARE(a->periodStart, expected);
        QVERIFY(a->periodStart <= now);
    }
};

QTEST_GUILESS_MAIN(TestSubscriptionStore)
#include "tst_subscriptionstore.moc"
