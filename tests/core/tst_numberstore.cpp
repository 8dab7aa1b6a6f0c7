// NumberStore on a real SQLite file: adding, uniqueness per vendor, session bookkeeping and
// tenant scoping on every method.

#include "StoreFixture.h"
#include "numbers/NumberStore.h"

#include <QTest>

class TestNumberStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addSetsSessionIdAndDefaults()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        NumberStore store(fx.conn());
        const WhatsAppNumber n = store.add(v, u, QStringLiteral("2348031234567"), QStringLiteral("Sales"), true);
        QVERIFY(n.id > 0);
        QCOMPARE(n.sessionId, QStringLiteral("%1-%2-2348031234567").arg(v).arg(u));
        const auto found = store.find(v, n.id);
        QVERIFY(found);
        QCOMPARE(found->vendorId, v);
        QCOMPARE(found->appUserId, u);
        QCOMPARE(found->phoneNumber, QStringLiteral("2348031234567"));
        QCOMPARE(found->label, QStringLiteral("Sales"));
        QVERIFY(found->sandbox);
        QVERIFY(!found->isActive);
        QCOMPARE(found->state, SessionState::Disconnected);
        QVERIFY(found->stateReason.isNull());
        QCOMPARE(found->sessionId, n.sessionId);
        QVERIFY(!found->restoreOnStart);
        QVERIFY(found->createdAt > 0);
        const WhatsAppNumber unlabelled = store.add(v, u, QStringLiteral("14155550123"), QString(), false);
        QVERIFY(store.find(v, unlabelled.id)->label.isNull());
        QCOMPARE(store.findByPhone(v, u, QStringLiteral("14155550123"))->id, unlabelled.id);
        QVERIFY(!store.findByPhone(v, u, QStringLiteral("000")));
        QCOMPARE(store.listForUser(v, u).size(), 2);
        QCOMPARE(store.countForUser(v, u), 2);
    }

    void samePhoneTwicePerVendorIsTaken()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ua2 = fx.user(a, QStringLiteral("u2@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        NumberStore store(fx.conn());
        store.add(a, ua, QStringLiteral("111"), QString(), false);
        for (qint64 user : {ua, ua2}) {
            const auto e = thrown([&] { store.add(a, user, QStringLiteral("111"), QString(), false); });
            QVERIFY(e);
            QCOMPARE(e->kind(), DomainError::Kind::Conflict);
            QCOMPARE(e->code(), QStringLiteral("number_taken"));
        }
        QVERIFY(store.add(b, ub, QStringLiteral("111"), QString(), false).id > 0);
        QVERIFY(thrown([&] { store.add(a, ua, QString(), QString(), false); })->kind()
                == DomainError::Kind::Validation);
    }

    void anotherVendorCannotTouchTheNumber()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        NumberStore store(fx.conn());
        // Adding under another vendor's user, or a missing one: NotFound, nothing stored.
        QVERIFY(thrown([&] { store.add(b, ua, QStringLiteral("222"), QString(), false); })->kind()
                == DomainError::Kind::NotFound);
        QVERIFY(thrown([&] { store.add(a, 4242, QStringLiteral("222"), QString(), false); })->kind()
                == DomainError::Kind::NotFound);
        const WhatsAppNumber n = store.add(a, ua, QStringLiteral("111"), QStringLiteral("mine"), false);
        QVERIFY(!store.find(b, n.id));
        QVERIFY(!store.findByPhone(b, ua, QStringLiteral("111")));
        QVERIFY(store.listForUser(b, ua).isEmpty());
        QCOMPARE(store.countForUser(b, ua), 0);
        QVERIFY(thrown([&] { store.updateLabel(b, ub, n.id, QStringLiteral("x")); })->kind()
                == DomainError::Kind::NotFound);
        QVERIFY(thrown([&] { store.updateLabel(b, ua, n.id, QStringLiteral("x")); })->kind()
                == DomainError::Kind::NotFound);
        QVERIFY(!store.remove(b, ub, n.id));
        QVERIFY(!store.remove(b, ua, n.id));
        store.setState(b, n.id, SessionState::Ready, QString());
        store.setRestoreOnStart(b, n.id, true);
        const auto mine = store.find(a, n.id);
        QCOMPARE(mine->label, QStringLiteral("mine"));
        QCOMPARE(mine->state, SessionState::Disconnected);
        QVERIFY(!mine->restoreOnStart);
        QVERIFY(store.listReadyForUser(b, ua).isEmpty());
    }

    void updateLabelAndRemove()
    {
        StoreFixture fx;
        const qint64 v = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 u = fx.user(v, QStringLiteral("u@x.com"));
        const qint64 u2 = fx.user(v, QStringLiteral("u2@x.com"));
        NumberStore store(fx.conn());
        const WhatsAppNumber n = store.add(v, u, QStringLiteral("111"), QStringLiteral("old"), false);
        QCOMPARE(store.updateLabel(v, u, n.id, QStringLiteral("new")).label, QStringLiteral("new"));
        QVERIFY(store.updateLabel(v, u, n.id, QString()).label.isNull());
        // The number belongs to u, not u2.
        QVERIFY(thrown([&] { store.updateLabel(v, u2, n.id, QStringLiteral("x")); })->kind()
                == DomainError::Kind::NotFound);
        QVERIFY(!store.remove(v, u2, n.id));
        QVERIFY(store.remove(v, u, n.id));
        QVERIFY(!store.remove(v, u, n.id));
        QVERIFY(!store.find(v, n.id));
        // The phone is free again.
        QVERIFY(store.add(v, u2, QStringLiteral("111"), QString(), false).id > n.id);
    }

    void stateBookkeeping()
    {
        StoreFixture fx;
        const qint64 a = fx.vendor(QStringLiteral("a@x.com"));
        const qint64 b = fx.vendor(QStringLiteral("b@x.com"));
        const qint64 ua = fx.user(a, QStringLiteral("u@x.com"));
        const qint64 ub = fx.user(b, QStringLiteral("u@x.com"));
        NumberStore store(fx.conn());
        const WhatsAppNumber n1 = store.add(a, ua, QStringLiteral("111"), QString(), false);
        const WhatsAppNumber n2 = store.add(a, ua, QStringLiteral("222"), QString(), true);
        const WhatsAppNumber n3 = store.add(b, ub, QStringLiteral("333"), QString(), false);

        store.setState(a, n1.id, SessionState::Ready, QString());
        auto got = store.find(a, n1.id);
        QCOMPARE(got->state, SessionState::Ready);
        QVERIFY(got->isActive);
        QCOMPARE(store.countActiveForUser(a, ua), 1);
        QCOMPARE(store.listReadyForUser(a, ua).size(), 1);
        QCOMPARE(store.listReadyForUser(a, ua).first().id, n1.id);

        store.setState(a, n1.id, SessionState::Failed, QStringLiteral("timeout"));
        got = store.find(a, n1.id);
        QCOMPARE(got->state, SessionState::Failed);
        QCOMPARE(got->stateReason, QStringLiteral("timeout"));
        QVERIFY(!got->isActive);
        QCOMPARE(store.countActiveForUser(a, ua), 0);
        store.setState(a, n1.id, SessionState::QrPending, QString());
        QVERIFY(store.find(a, n1.id)->stateReason.isNull());

        QVERIFY(thrown([&] { store.setState(a, n1.id, QStringLiteral("bogus"), QString()); })->kind()
                == DomainError::Kind::Validation);
        store.setState(a, 999999, SessionState::Ready, QString()); // gone: no error, no row

        store.setRestoreOnStart(a, n2.id, true);
        store.setRestoreOnStart(b, n3.id, true);
        const auto restore = store.listToRestore();
        QCOMPARE(restore.size(), 2);
        QCOMPARE(restore.at(0).id, n2.id);
        QCOMPARE(restore.at(1).id, n3.id);
        store.setRestoreOnStart(a, n2.id, false);
        QCOMPARE(store.listToRestore().size(), 1);
        QCOMPARE(store.listAllForOperator().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestNumberStore)
#include "tst_numberstore.moc"
