// SubscriptionService on a real SQLite file: the statuses and their names, the active check
// (the C++ form agrees with the store's query), the one meaning of max_phone_numbers for
// adding and for connecting, extending and ending a subscription.

#include "StoreFixture.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/SubscriptionStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"

#include <QTest>

namespace {

constexpr qint64 kDay = 86'400'000;

} // namespace

class TestSubscriptionService : public QObject
{
    Q_OBJECT

    struct World
    {
        StoreFixture fx;
        qint64 vendor = 0, other = 0, user = 0, otherUser = 0, plan2 = 0, plan1 = 0, plan7 = 0;
        World()
        {
            vendor = fx.vendor(QStringLiteral("a@x.com"));
            other = fx.vendor(QStringLiteral("b@x.com"));
            user = fx.user(vendor, QStringLiteral("u@x.com"));
            otherUser = fx.user(other, QStringLiteral("u@x.com"));
            PlanStore plans(fx.conn());
            Plan p;
            p.name = QStringLiteral("Two numbers");
            p.maxPhoneNumbers = 2;
            p.maxMessages = 100;
            plan2 = plans.create(p).id;
            p.name = QStringLiteral("One number");
            p.maxPhoneNumbers = 1;
            plan1 = plans.create(p).id;
            p.name = QStringLiteral("Weekly");
            p.periodDays = 7;
            plan7 = plans.create(p).id;
        }
        Subscription sub(qint64 planId, qint64 starts, qint64 ends,
                         const QString &status = QStringLiteral("active"))
        {
            Subscription s;
            s.appUserId = user;
            s.planId = planId;
            s.startsAt = starts;
            s.endsAt = ends;
            s.status = status;
            return SubscriptionService(fx.conn()).give(s);
        }
        void number(const QString &phone, qint64 owner = 0)
        {
            NumberStore(fx.conn()).add(owner ? other : vendor, owner ? owner : user, phone,
                                       QString(), true);
        }
    };

private Q_SLOTS:
    void statusesHaveOneNameEach()
    {
        QCOMPARE(SubscriptionService::statuses().size(), 4);
        QStringList names;
        for (const SubscriptionService::Status s : SubscriptionService::statuses()) {
            const QString name = SubscriptionService::toString(s);
            QCOMPARE(SubscriptionService::statusFromString(name), std::optional(s));
            names << name;
        }
        QCOMPARE(names, (QStringList{QStringLiteral("active"), QStringLiteral("cancelled"),
                                     QStringLiteral("expired"), QStringLiteral("suspended")}));
        QCOMPARE(SubscriptionService::statusNames(),
                 QStringLiteral("active, cancelled, expired, suspended"));
        QVERIFY(!SubscriptionService::statusFromString(QStringLiteral("paused")));
        QVERIFY(!SubscriptionService::statusFromString(QStringLiteral("Active")));
        QVERIFY(!SubscriptionService::statusFromString(QString()));
        // The default of a new subscription is one of them.
        QVERIFY(SubscriptionService::statusFromString(Subscription{}.status));

        // The store refuses anything else, naming the list.
        World w;
        const qint64 now = Clock::nowMs();
        const auto e = thrown([&] { w.sub(w.plan2, now, now + kDay, QStringLiteral("paused")); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Validation);
        QVERIFY2(e->message().contains(SubscriptionService::statusNames()),
                 qPrintable(e->message()));
    }

    // The one check, and its C++ form on a row already read (the Plans page) says the same.
    void activeCheck()
    {
        World w;
        SubscriptionService service(w.fx.conn());
        const qint64 now = Clock::nowMs();
        auto e = thrown([&] { service.requireActive(w.vendor, w.user, now); });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Forbidden);
        QCOMPARE(e->code(), QStringLiteral("subscription_required"));

        struct Row
        {
            qint64 starts, ends;
            QString status;
        };
        const QList<Row> rows{{now - kDay, now + kDay, QStringLiteral("active")},
                              {now - 2 * kDay, now - kDay, QStringLiteral("active")},
                              {now + kDay, now + 2 * kDay, QStringLiteral("active")},
                              {now - kDay, now + kDay, QStringLiteral("suspended")},
                              {now - kDay, now + kDay, QStringLiteral("cancelled")},
                              {now - kDay, now + kDay, QStringLiteral("expired")}};
        for (const Row &r : rows) {
            World one;
            SubscriptionService s(one.fx.conn());
            const Subscription sub = one.sub(one.plan2, r.starts, r.ends, r.status);
            const bool viaQuery = s.active(one.vendor, one.user, now).has_value();
            QCOMPARE(SubscriptionService::isCurrent(sub, now), viaQuery);
            QCOMPARE(viaQuery,
                     r.status == QLatin1String("active") && r.starts <= now && now < r.ends);
            if (!viaQuery)
                QCOMPARE(thrown([&] { s.requireActive(one.vendor, one.user, now); })->code(),
                         QStringLiteral("subscription_required"));
        }

        w.sub(w.plan2, now - kDay, now + kDay);
        QCOMPARE(service.requireActive(w.vendor, w.user, now).plan.maxPhoneNumbers, 2);
        // Scoped: the user of another vendor has none here.
        QVERIFY(!service.active(w.other, w.user, now));
    }

    // max_phone_numbers is how many numbers the user has, for adding and for connecting.
    void limitIsNumbersHeldForAddingAndConnecting()
    {
        World w;
        SubscriptionService service(w.fx.conn());
        const qint64 now = Clock::nowMs();
        // Without a subscription, connecting is refused like adding.
        QCOMPARE(thrown([&] { service.requireMayConnect(w.vendor, w.user, now); })->code(),
                 QStringLiteral("subscription_required"));

        Subscription s = w.sub(w.plan2, now - kDay, now + 30 * kDay);
        service.requireRoomForNumber(service.requireActive(w.vendor, w.user, now), w.vendor,
                                     w.user);
        w.number(QStringLiteral("2348031234567"));
        w.number(QStringLiteral("2348031234568"));
        w.number(QStringLiteral("2348031234569"), w.otherUser); // another vendor's: not counted
        // Two of two: no room for a third, both may connect.
        auto e = thrown([&] {
            service.requireRoomForNumber(service.requireActive(w.vendor, w.user, now), w.vendor,
                                         w.user);
        });
        QVERIFY(e);
        QCOMPARE(e->kind(), DomainError::Kind::Forbidden);
        QCOMPARE(e->code(), QStringLiteral("plan_limit_reached"));
        QCOMPARE(e->details().value(QStringLiteral("max_phone_numbers")).toInt(), 2);
        service.requireMayConnect(w.vendor, w.user, now);

        // The plan becomes a one-number plan: two numbers are more than it allows, for
        // connecting as for adding.
        s.planId = w.plan1;
        service.change(s);
        e = thrown([&] { service.requireMayConnect(w.vendor, w.user, now); });
        QVERIFY(e);
        QCOMPARE(e->code(), QStringLiteral("plan_limit_reached"));
        QCOMPARE(e->details().value(QStringLiteral("max_phone_numbers")).toInt(), 1);
        // One removed: within the plan again.
        const WhatsAppNumber n =
            *NumberStore(w.fx.conn())
                 .findByPhone(w.vendor, w.user, QStringLiteral("2348031234568"));
        QVERIFY(NumberStore(w.fx.conn()).remove(w.vendor, w.user, n.id));
        service.requireMayConnect(w.vendor, w.user, now);
        QCOMPARE(thrown([&] {
                     service.requireRoomForNumber(service.requireActive(w.vendor, w.user, now),
                                                  w.vendor, w.user);
                 })->code(),
                 QStringLiteral("plan_limit_reached"));
    }

    void extendAddsOnePlanPeriod()
    {
        World w;
        SubscriptionService service(w.fx.conn());
        const qint64 now = Clock::nowMs();
        // Running: one period (7 days) after its end, whatever its status was.
        const Subscription running =
            w.sub(w.plan7, now - kDay, now + 2 * kDay, QStringLiteral("suspended"));
        Subscription x = service.extend(running.id, now);
        QCOMPARE(x.endsAt, running.endsAt + 7 * kDay);
        QCOMPARE(x.status, QStringLiteral("active"));
        QCOMPARE(SubscriptionStore(w.fx.conn()).find(running.id)->endsAt, x.endsAt);
        QVERIFY(service.active(w.vendor, w.user, now));

        // Lapsed: from now, and active again.
        World lapsedWorld;
        SubscriptionService s2(lapsedWorld.fx.conn());
        const Subscription lapsed = lapsedWorld.sub(lapsedWorld.plan2, now - 40 * kDay,
                                                    now - 10 * kDay, QStringLiteral("expired"));
        QVERIFY(!s2.active(lapsedWorld.vendor, lapsedWorld.user, now));
        x = s2.extend(lapsed.id, now);
        QCOMPARE(x.endsAt, now + 30 * kDay);
        QVERIFY(s2.active(lapsedWorld.vendor, lapsedWorld.user, now));

        QCOMPARE(thrown([&] { service.extend(running.id + 100, now); })->kind(),
                 DomainError::Kind::NotFound);
    }

    void endStopsItNow()
    {
        World w;
        SubscriptionService service(w.fx.conn());
        const qint64 now = Clock::nowMs();
        const Subscription s = w.sub(w.plan2, now - kDay, now + 10 * kDay);
        const Subscription ended = service.end(s.id, now);
        QCOMPARE(ended.status, QStringLiteral("cancelled"));
        QCOMPARE(ended.endsAt, now);
        QVERIFY(!service.active(w.vendor, w.user, now));
        QVERIFY(!SubscriptionService::isCurrent(ended, now));
        // An end already past stays where it was.
        QCOMPARE(service.end(s.id, now + kDay).endsAt, now);
        QCOMPARE(thrown([&] { service.end(s.id + 100, now); })->kind(),
                 DomainError::Kind::NotFound);
    }

    void defaultEndIsOnePlanPeriod()
    {
        Plan p;
        QCOMPARE(p.periodDays, SubscriptionService::kDefaultPeriodDays);
        QCOMPARE(SubscriptionService::defaultEnd(p, 1000), 1000 + 30 * kDay);
        p.periodDays = 7;
        QCOMPARE(SubscriptionService::defaultEnd(p, 1000), 1000 + 7 * kDay);
    }
};

QTEST_GUILESS_MAIN(TestSubscriptionService)
#include "tst_subscriptionservice.moc"
