// OutboxReconciler on a real SQLite file with a scripted session: rows left `sending` are
// settled by the WhatsApp id stored at the claim before their number sends again (held with a
// server ack → acks; held, not out → retry; not held → pending; no answer → asked again).

#include "CoreServices.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/MessageSender.h"
#include "outbox/OutboxQueue.h"
#include "outbox/OutboxReconciler.h"
#include "platform/Clock.h"
#include "storage/Database.h"

#include <QTest>
#include <QTimer>

namespace {

// Answers hasMessage from `held` (WhatsApp id → ack), asynchronously like the WhatsApp layer;
// ids in `silent` get no answer (a transient outcome).
class HeldSender : public MessageSender
{
public:
    QHash<QString, int> held;
    QSet<QString> silent;
    QStringList asked;

    bool isReady(qint64) const override { return true; }
    QString newMessageId() const override { return QStringLiteral("unused"); }
    void isRegistered(qint64, const QString &, std::function<void(Outcome, bool)>) override
    {
        QFAIL("reconciliation never asks about registration");
    }
    void sendText(qint64, const QString &, const QString &, const QString &,
                  std::function<void(Outcome)>) override
    {
        QFAIL("reconciliation never sends");
    }
    void sendMedia(qint64, const QString &, const Media &, const QString &, const QString &,
                   std::function<void(Outcome)>) override
    {
        QFAIL("reconciliation never sends");
    }
    void hasMessage(qint64, const QString &, const QString &waId,
                    std::function<void(Outcome, bool, int)> done) override
    {
        asked << waId;
        Outcome o;
        if (silent.contains(waId))
            o = Outcome{Outcome::Code::Transient, QStringLiteral("timeout")};
        const bool exists = held.contains(waId);
        const int ack = held.value(waId);
        QTimer::singleShot(0, this, [done, o, exists, ack]() { done(o, exists, ack); });
    }
    void setTyping(qint64, const QString &, bool) override {}
};

} // namespace

class TestOutboxReconciler : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<OutboxQueue> m_queue;
    std::unique_ptr<HeldSender> m_sender;
    std::unique_ptr<OutboxReconciler> m_reconciler;
    qint64 m_vendor = 0, m_user = 0, m_number = 0;
    bool m_ready = true;
    // What the hooks were told.
    QStringList m_published; // "id:status"
    QList<OutboxQueue::Ack> m_acks;
    QStringList m_retries; // "id:error"
    int m_wakes = 0;
    QList<qint64> m_finished;

    // A row claimed by the number under `waId` (status `sending`), as a crash leaves it.
    Message sending(const QString &waId, int i)
    {
        Message m;
        m.batchId = QStringLiteral("b");
        m.appUserId = m_user;
        m.recipient = QStringLiteral("234803%1").arg(1000000 + i);
        m.message = QStringLiteral("hello");
        m.expiresAt = Clock::nowMs() + 3600000;
        const Message row = m_core->messages().insertBatch(m_vendor, {m}).first();
        if (!m_queue->claim(m_vendor, row.id, m_number, waId, Clock::nowMs()))
            qFatal("claim failed");
        return *m_queue->find(m_vendor, row.id);
    }
    QString status(qint64 id) const { return m_queue->find(m_vendor, id)->status; }
    QString tag(const Message &m, const QString &s) const
    {
        return QString::number(m.id) + QLatin1Char(':') + s;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_queue = std::make_unique<OutboxQueue>(m_core->database().connectionName());
        m_sender = std::make_unique<HeldSender>();
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
        m_number =
            m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_ready = true;
        m_published.clear();
        m_acks.clear();
        m_retries.clear();
        m_wakes = 0;
        m_finished.clear();
        OutboxReconciler::Hooks h;
        h.publish = [this](const Message &m, qint64) { m_published << tag(m, m.status); };
        h.ack = [this](const OutboxQueue::Ack &a) { m_acks << a; };
        h.retry = [this](const Message &m, const QString &e) { m_retries << tag(m, e); };
        h.wake = [this](const OutboxQueue::UserKey &k) {
            QCOMPARE(k.vendorId, m_vendor);
            QCOMPARE(k.userId, m_user);
            ++m_wakes;
        };
        h.numberReady = [this](qint64) { return m_ready; };
        h.finished = [this](qint64 n) { m_finished << n; };
        m_reconciler = std::make_unique<OutboxReconciler>(*m_queue, *m_sender, h);
    }
    void cleanup()
    {
        m_reconciler.reset();
        m_sender.reset();
        m_queue.reset();
        m_core.reset();
    }

    void takeOverReturnsRowsNeverHandedOut()
    {
        const Message withId = sending(QStringLiteral("WA1"), 1);
        const Message withoutId = sending(QString(), 2); // claimed, id never stored
        QCOMPARE(m_reconciler->takeOver(Clock::nowMs()), 2);
        QCOMPARE(status(withoutId.id), MessageStatus::Pending);
        QCOMPARE(m_published, QStringList{tag(withoutId, MessageStatus::Pending)});
        QCOMPARE(status(withId.id), MessageStatus::Sending); // waits for its number
        QVERIFY(m_reconciler->hasRows(m_number));
        QVERIFY(!m_reconciler->busy(m_number));
        QVERIFY(m_sender->asked.isEmpty());
    }

    void settlesEachRowByItsId()
    {
        const Message delivered = sending(QStringLiteral("WA-delivered"), 1);
        const Message notOut = sending(QStringLiteral("WA-not-out"), 2);
        const Message failedThere = sending(QStringLiteral("WA-failed"), 3);
        const Message unknown = sending(QStringLiteral("WA-unknown"), 4);
        m_sender->held.insert(QStringLiteral("WA-delivered"), 2);
        m_sender->held.insert(QStringLiteral("WA-not-out"), 0);
        m_sender->held.insert(QStringLiteral("WA-failed"), -1);
        m_reconciler->takeOver(Clock::nowMs());

        m_reconciler->reconcile(m_number);
        QVERIFY(m_reconciler->busy(m_number)); // no send before every answer
        QVERIFY(!m_reconciler->hasRows(m_number));
        QTRY_COMPARE(m_finished, QList<qint64>{m_number});
        QVERIFY(!m_reconciler->busy(m_number));
        QCOMPARE(m_reconciler->checks(), qint64(4));

        // Held with a server ack: recorded up to that ack, never resent.
        QCOMPARE(m_acks.size(), 2);
        QCOMPARE(m_acks.at(0).waMessageId, QStringLiteral("WA-delivered"));
        QCOMPARE(m_acks.at(0).ack, 1);
        QCOMPARE(m_acks.at(1).ack, 2);
        // Held but not out: a transient failure, retried (asking again first).
        QCOMPARE(m_retries, (QStringList{tag(notOut, QStringLiteral("ERROR_PENDING")),
                                         tag(failedThere, QStringLiteral("ERROR_UNKNOWN"))}));
        // Not held: back to pending, free for any number.
        QCOMPARE(status(unknown.id), MessageStatus::Pending);
        QVERIFY(m_queue->find(m_vendor, unknown.id)->waMessageId.isEmpty());
        QCOMPARE(m_published, QStringList{tag(unknown, MessageStatus::Pending)});
        QCOMPARE(m_wakes, 3);
        QCOMPARE(status(delivered.id), MessageStatus::Sending); // the acks are the caller's
    }

    void unansweredIsAskedAgainBeforeAnySend()
    {
        const Message m = sending(QStringLiteral("WA-silent"), 1);
        m_sender->held.insert(QStringLiteral("WA-silent"), 1);
        m_sender->silent.insert(QStringLiteral("WA-silent"));
        m_reconciler->takeOver(Clock::nowMs());
        m_reconciler->reconcile(m_number);
        QTRY_COMPARE(m_sender->asked.size(), 1);
        QTRY_VERIFY(m_reconciler->hasRows(m_number)); // kept for the next try
        QVERIFY(m_reconciler->busy(m_number));        // still no send meanwhile
        QVERIFY(m_finished.isEmpty());

        m_sender->silent.clear(); // the session answers now
        QTRY_COMPARE_WITH_TIMEOUT(m_finished, QList<qint64>{m_number}, 10000);
        QCOMPARE(m_sender->asked.size(), 2);
        QCOMPARE(m_acks.size(), 1);
        QCOMPARE(m_acks.at(0).waMessageId, QStringLiteral("WA-silent"));
        QVERIFY(!m_reconciler->busy(m_number));
        QCOMPARE(status(m.id), MessageStatus::Sending);
    }

    void unansweredWaitsForTheNumberToComeBack()
    {
        sending(QStringLiteral("WA-silent"), 1);
        m_sender->silent.insert(QStringLiteral("WA-silent"));
        m_reconciler->takeOver(Clock::nowMs());
        m_ready = false; // the session went away meanwhile
        m_reconciler->reconcile(m_number);
        QTRY_COMPARE(m_finished, QList<qint64>{m_number});
        QVERIFY(!m_reconciler->busy(m_number));
        QVERIFY(m_reconciler->hasRows(m_number)); // asked again once the number is ready
        QCOMPARE(m_sender->asked.size(), 1);
    }

    void nothingToCheckFinishesAtOnce()
    {
        m_reconciler->reconcile(m_number);
        QCOMPARE(m_finished, QList<qint64>{m_number});
        QVERIFY(!m_reconciler->busy(m_number));
        QVERIFY(m_sender->asked.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutboxReconciler)
#include "tst_outboxreconciler.moc"
