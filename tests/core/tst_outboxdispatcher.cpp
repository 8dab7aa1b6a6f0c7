// OutboxDispatcher on a real SQLite file with a scripted MessageSender (the WhatsApp layer's
// interface): statuses and events, one in flight per number, retries, crash reconciliation,
// expiry, pacing and the daily cap, media once per batch.

#include "CoreServices.h"
#include "EventBus.h"
#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "messaging/MediaFetcher.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberCheckStore.h"
#include "numbers/NumberStore.h"
#include "outbox/OutboxDispatcher.h"
#include "outbox/OutboxQueue.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

namespace {

// Answers like the WhatsApp layer does (asynchronously, exactly once), and records everything.
class ScriptedSender : public MessageSender
{
public:
    struct Sent
    {
        qint64 numberId = 0;
        QString to;
        QString body;
        QString waId;
        qint64 at = 0;
        Media media;
        bool isMedia = false;
        QByteArray bytes; // media: read from media.path when the send was made
    };
    QSet<qint64> readyNumbers;
    QSet<QString> notRegistered;
    QHash<QString, int> transientLeft; // recipient → transient failures still to answer
    QList<Sent> sent;                  // what "WhatsApp" accepted
    QHash<QString, int> held;          // WhatsApp id → ack, what the session holds
    QStringList calls;
    QHash<QString, QString> hasMessageTo; // WhatsApp id → recipient the check named
    QHash<qint64, int> inFlight, maxInFlight;
    QHash<QString, int> inFlightTo;
    int maxInFlightToOne = 0;
    int replyDelayMs = 1;
    bool autoAck = true;
    // Replaces the normal send outcome when set (session loss scenarios).
    std::function<void(qint64, const Sent &, std::function<void(Outcome)>)> sendHook;

    bool isReady(qint64 numberId) const override { return readyNumbers.contains(numberId); }
    QString newMessageId() const override { return QStringLiteral("3EB0%1").arg(++m_counter); }
    void isRegistered(qint64, const QString &to, std::function<void(Outcome, bool)> done) override
    {
        calls << QStringLiteral("check:") + to;
        const bool yes = !notRegistered.contains(to);
        QTimer::singleShot(replyDelayMs, this, [done, yes]() { done(Outcome{}, yes); });
    }
    void sendText(qint64 n, const QString &to, const QString &body, const QString &waId,
                  std::function<void(Outcome)> done) override
    {
        Sent s{n, to, body, waId, 0, {}, false, {}};
        doSend(s, std::move(done));
    }
    void sendMedia(qint64 n, const QString &to, const Media &media, const QString &caption,
                   const QString &waId, std::function<void(Outcome)> done) override
    {
        Sent s{n, to, caption, waId, 0, media, true, {}};
        // As the WhatsApp layer does: the bytes are read from the cached file at send time.
        // The lease is not kept: only `done` holds the bytes-in-flight budget.
        QFile file(media.path);
        if (file.open(QIODevice::ReadOnly))
            s.bytes = file.readAll();
        s.media.lease.reset();
        doSend(s, std::move(done));
    }
    void hasMessage(qint64, const QString &to, const QString &waId,
                    std::function<void(Outcome, bool, int)> done) override
    {
        calls << QStringLiteral("has:") + waId;
        hasMessageTo.insert(waId, to);
        const bool exists = held.contains(waId);
        const int ack = held.value(waId);
        QTimer::singleShot(replyDelayMs, this, [done, exists, ack]() { done(Outcome{}, exists, ack); });
    }
    void setTyping(qint64, const QString &to, bool typing) override
    {
        calls << QStringLiteral("typing:%1:%2").arg(to).arg(typing ? 1 : 0);
    }
    void setReady(qint64 n, bool ready)
    {
        if (ready)
            readyNumbers.insert(n);
        else
            readyNumbers.remove(n);
        Q_EMIT readinessChanged(n, ready);
    }
    void accept(const Sent &s)
    {
        sent << s;
        sent.last().at = QDateTime::currentMSecsSinceEpoch();
        held.insert(s.waId, 1);
    }
    int sendsTo(const QString &to) const
    {
        return int(std::count_if(sent.cbegin(), sent.cend(), [&](const Sent &s) { return s.to == to; }));
    }

private:
    void doSend(const Sent &s, std::function<void(Outcome)> done)
    {
        calls << QStringLiteral("send:") + s.to;
        const int now = ++inFlight[s.numberId];
        maxInFlight[s.numberId] = std::max(maxInFlight.value(s.numberId), now);
        maxInFlightToOne = std::max(maxInFlightToOne, ++inFlightTo[s.to]);
        QTimer::singleShot(replyDelayMs, this, [this, s, done]() {
            --inFlight[s.numberId];
            --inFlightTo[s.to];
            if (sendHook) {
                sendHook(s.numberId, s, done);
                return;
            }
            if (transientLeft.value(s.to) > 0) {
                --transientLeft[s.to];
                done(Outcome{Outcome::Code::Transient, QStringLiteral("ERROR_NETWORK")});
                return;
            }
            accept(s);
            done(Outcome{});
            if (autoAck) {
                QTimer::singleShot(2, this, [this, s]() {
                    held[s.waId] = 2;
                    Q_EMIT ackChanged(s.numberId, s.waId, 2);
                });
                QTimer::singleShot(4, this, [this, s]() {
                    held[s.waId] = 3;
                    Q_EMIT ackChanged(s.numberId, s.waId, 3);
                });
            }
        });
    }
    mutable int m_counter = 0;
};

} // namespace

class TestOutboxDispatcher : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<ScriptedSender> m_sender;
    qint64 m_vendor = 0, m_user = 0, m_a = 0, m_b = 0;
    Subscription m_subscription;
    // The operator ends the subscription early (PATCH ends_at in the past), or extends it.
    void setSubscriptionEnd(qint64 endsAt)
    {
        m_subscription.endsAt = endsAt;
        m_subscription = m_core->subscriptions().update(m_subscription);
    }
    QList<QJsonObject> m_events;

    static QString recipient(int i) { return QStringLiteral("2348031%1").arg(100000 + i); }

    QList<Message> queue(int n, qint64 fromNumber = 0, const QString &batch = QStringLiteral("b1"),
                         qint64 ttlMs = 3600000, const QString &mediaUrl = {})
    {
        QList<Message> in;
        for (int i = 0; i < n; ++i) {
            Message m;
            m.batchId = batch;
            m.appUserId = m_user;
            m.fromNumberId = fromNumber;
            m.recipient = recipient(int(in.size()) + (fromNumber ? 500 : 0) + int(qHash(batch) % 1000) * 1000);
            m.message = QStringLiteral("Hello %1").arg(i);
            if (!mediaUrl.isEmpty()) {
                m.messageType = QStringLiteral("image");
                m.mediaUrl = mediaUrl;
                m.caption = QStringLiteral("cap %1").arg(i);
            }
            m.expiresAt = Clock::nowMs() + ttlMs;
            in << m;
        }
        return m_core->messages().insertBatch(m_vendor, in);
    }
    Message row(qint64 id) { return *m_core->messages().find(m_vendor, id); }
    bool allIn(const QList<Message> &ms, const QStringList &statuses)
    {
        for (const Message &m : ms)
            if (!statuses.contains(row(m.id).status))
                return false;
        return true;
    }
    QStringList statusesOf(qint64 messageId) const
    {
        QStringList out;
        for (const QJsonObject &e : m_events)
            if (e.value(QStringLiteral("message_id")).toInteger() == messageId)
                out << e.value(QStringLiteral("status")).toString();
        return out;
    }
    QJsonObject lastEventOf(qint64 messageId) const
    {
        QJsonObject last;
        for (const QJsonObject &e : m_events)
            if (e.value(QStringLiteral("message_id")).toInteger() == messageId)
                last = e;
        return last;
    }
    std::unique_ptr<OutboxDispatcher> makeDispatcher()
    {
        auto d = std::make_unique<OutboxDispatcher>(*m_core, *m_sender);
        d->setPollIntervalMs(10);
        return d;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sender = std::make_unique<ScriptedSender>();
        m_events.clear();
        connect(&m_core->events(), &EventBus::published, this,
                [this](qint64 vendorId, const QJsonObject &payload) {
                    QCOMPARE(vendorId, m_vendor);
                    m_events << payload;
                });
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
        Plan plan;
        plan.name = QStringLiteral("P");
        plan.maxPhoneNumbers = 5;
        plan.maxMessages = 100000;
        plan.periodDays = 30;
        Subscription sub;
        sub.appUserId = m_user;
        sub.planId = m_core->plans().create(plan).id;
        sub.startsAt = Clock::nowMs() - 86400000;
        sub.endsAt = Clock::nowMs() + 30LL * 86400000;
        m_subscription = m_core->subscriptions().create(sub);
        m_a = m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"), {}, true).id;
        m_b = m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000002"), {}, true).id;
    }
    void cleanup()
    {
        m_sender.reset();
        m_core.reset();
        m_dir.reset();
    }

    void textBatchStatusesAndEvents()
    {
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(3);
        m_sender->notRegistered.insert(ms.at(1).recipient);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() {
            return row(ms.at(0).id).status == MessageStatus::Read
                   && row(ms.at(2).id).status == MessageStatus::Read
                   && row(ms.at(1).id).status == MessageStatus::Failed;
        }, 20000));

        const QStringList path{MessageStatus::Sending, MessageStatus::Sent,
                               MessageStatus::Delivered, MessageStatus::Read};
        QCOMPARE(statusesOf(ms.at(0).id), path);
        QCOMPARE(statusesOf(ms.at(2).id), path);
        QCOMPARE(statusesOf(ms.at(1).id), QStringList{MessageStatus::Failed});

        const QJsonObject failed = lastEventOf(ms.at(1).id);
        QCOMPARE(failed.value("event").toString(), QStringLiteral("message_status"));
        QCOMPARE(failed.value("user_id").toInteger(), m_user);
        QCOMPARE(failed.value("batch_id").toString(), QStringLiteral("b1"));
        QCOMPARE(failed.value("recipient").toString(), ms.at(1).recipient);
        QCOMPARE(failed.value("error_message").toString(), QStringLiteral("not_on_whatsapp"));
        QVERIFY(Clock::fromIso(failed.value("at").toString()) > 0);
        const QJsonObject read = lastEventOf(ms.at(0).id);
        QCOMPARE(read.keys().size(), 8);
        QVERIFY(read.value("error_message").isNull());

        QCOMPARE(m_sender->sent.size(), 2);
        QCOMPARE(m_sender->sendsTo(ms.at(1).recipient), 0);
        QCOMPARE(m_sender->sent.at(0).body, QStringLiteral("Hello 0"));
        const Message m0 = row(ms.at(0).id);
        QCOMPARE(m0.waMessageId, m_sender->sent.at(0).waId);
        QCOMPARE(m0.numberId, m_a);
        QVERIFY(m0.sentAt > 0 && m0.deliveredAt >= m0.sentAt && m0.readAt >= m0.deliveredAt);
        QCOMPARE(row(ms.at(1).id).errorMessage, QStringLiteral("not_on_whatsapp"));
        // Sandbox numbers have no pacing by default: no typing presence.
        QVERIFY(m_sender->calls.filter(QStringLiteral("typing:")).isEmpty());
        // The registration answer is cached: a second batch to the same people asks nobody.
        const int checks = int(m_sender->calls.filter(QStringLiteral("check:")).size());
        const QList<Message> again = queue(3);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(again, {MessageStatus::Read, MessageStatus::Failed}); }, 20000));
        QCOMPARE(m_sender->calls.filter(QStringLiteral("check:")).size(), checks);
        QCOMPARE(row(again.at(1).id).errorMessage, QStringLiteral("not_on_whatsapp"));
    }

    // One rule for "is this phone on WhatsApp" (NumberCheckStore): a "no" a number check (or
    // another send) got within checks/cache_days fails the message without asking again, and
    // the send path's own answers are recorded there and on the contact.
    void knownAnswersAreUsedAndRecorded()
    {
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(3);
        m_core->numberChecks().record(m_vendor, ms.at(0).recipient, false, Clock::nowMs());
        m_sender->notRegistered.insert(ms.at(2).recipient);
        Contact c;
        c.name = QStringLiteral("C");
        c.phoneNumber = ms.at(2).recipient;
        const qint64 contactId = m_core->contacts().addMany(m_vendor, m_user, {c}).added.at(0).id;
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return allIn(ms, {MessageStatus::Read, MessageStatus::Failed});
            },
            20000));
        QCOMPARE(row(ms.at(0).id).status, MessageStatus::Failed);
        QCOMPARE(row(ms.at(0).id).errorMessage, QStringLiteral("not_on_whatsapp"));
        QVERIFY(!m_sender->calls.contains(QStringLiteral("check:") + ms.at(0).recipient));
        QCOMPARE(m_sender->sendsTo(ms.at(0).recipient), 0);
        QCOMPARE(row(ms.at(1).id).status, MessageStatus::Read);
        QCOMPARE(row(ms.at(2).id).status, MessageStatus::Failed);

        const qint64 now = Clock::nowMs();
        QCOMPARE(m_core->numberChecks().known(m_vendor, ms.at(1).recipient, now)->registered, true);
        QCOMPARE(m_core->numberChecks().known(m_vendor, ms.at(2).recipient, now)->registered,
                 false);
        QCOMPARE(m_core->contacts().find(m_vendor, m_user, contactId)->whatsappStatus,
                 QStringLiteral("no"));
    }

    void windowPerNumberSpreadAndTargeted_data()
    {
        QTest::addColumn<int>("window");
        QTest::newRow("one by one") << 1;
        QTest::newRow("window of 4") << 4;
    }
    void windowPerNumberSpreadAndTargeted()
    {
        QFETCH(int, window);
        m_sender->readyNumbers = {m_a, m_b};
        m_sender->replyDelayMs = 3;
        const QList<Message> any = queue(30);
        const QList<Message> forB = queue(5, m_b, QStringLiteral("b2"));
        // Two more to one recipient: never in flight together.
        QList<Message> twice = queue(1, 0, QStringLiteral("b3"));
        twice += queue(1, 0, QStringLiteral("b3"));
        QCOMPARE(twice.at(0).recipient, twice.at(1).recipient);
        auto d = makeDispatcher();
        d->setUnpacedWindow(window);
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(any + forB + twice, {MessageStatus::Read}); }, 30000));
        QVERIFY(m_sender->maxInFlight.value(m_a) <= window);
        QVERIFY(m_sender->maxInFlight.value(m_b) <= window);
        QCOMPARE(m_sender->maxInFlightToOne, 1);
        if (window > 1) // a window is used when there is work for it
            QVERIFY(std::max(m_sender->maxInFlight.value(m_a), m_sender->maxInFlight.value(m_b)) > 1);
        int onA = 0;
        for (const auto &s : m_sender->sent)
            onA += s.numberId == m_a ? 1 : 0;
        QVERIFY2(onA > 0 && onA < 37, qPrintable(QString::number(onA)));
        for (const Message &m : forB)
            QCOMPARE(row(m.id).numberId, m_b);
        QCOMPARE(m_sender->sent.size(), 37);
    }

    void transientRetriedThenSent()
    {
        m_core->settings().setValue(QStringLiteral("retry_base_delay_ms"), 20);
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(2);
        m_sender->transientLeft.insert(ms.at(0).recipient, 1);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Read}); }, 20000));
        const Message m = row(ms.at(0).id);
        QCOMPARE(m.attempts, 2);
        QVERIFY(m.errorMessage.isNull());
        QCOMPARE(statusesOf(ms.at(0).id),
                 (QStringList{MessageStatus::Sending, MessageStatus::Pending, MessageStatus::Sending,
                              MessageStatus::Sent, MessageStatus::Delivered, MessageStatus::Read}));
        // The pending event says why.
        for (const QJsonObject &e : std::as_const(m_events))
            if (e.value("message_id").toInteger() == ms.at(0).id && e.value("status").toString() == MessageStatus::Pending)
                QCOMPARE(e.value("error_message").toString(), QStringLiteral("ERROR_NETWORK"));
        QCOMPARE(m_sender->sendsTo(ms.at(0).recipient), 1);
        QCOMPARE(m_sender->calls.filter(QStringLiteral("send:") + ms.at(0).recipient).size(), 2);
        // Before the second send the session was asked whether it holds the first attempt.
        QVERIFY(!m_sender->calls.filter(QStringLiteral("has:")).isEmpty());
    }

    void retryFindsTheFirstAttemptWasDelivered()
    {
        // WhatsApp said ERROR_NETWORK but the message did go out: the retry must not resend.
        m_core->settings().setValue(QStringLiteral("retry_base_delay_ms"), 20);
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(1);
        bool first = true;
        m_sender->sendHook = [&](qint64, const ScriptedSender::Sent &s, std::function<void(MessageSender::Outcome)> done) {
            m_sender->accept(s);
            if (first) {
                first = false;
                done({MessageSender::Outcome::Code::Transient, QStringLiteral("ERROR_NETWORK")});
            } else {
                done({});
            }
        };
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return row(ms.at(0).id).status == MessageStatus::Sent; }, 20000));
        QTest::qWait(200);
        QCOMPARE(m_sender->calls.filter(QStringLiteral("send:")).size(), 1);
        QCOMPARE(m_sender->sent.size(), 1);
        QCOMPARE(row(ms.at(0).id).waMessageId, m_sender->sent.at(0).waId);
    }

    // Issue #10 item 11: the first attempt on A reported ERROR_NETWORK but did reach WhatsApp.
    // B of the same user is ready and idle while A is busy: the retry must wait for A (which
    // finds its first attempt with hasMessage and records it) instead of sending again from B.
    void retryStaysWithTheNumberThatTried()
    {
        m_core->settings().setValue(QStringLiteral("retry_base_delay_ms"), 20);
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(1);
        const QList<Message> blocker = queue(1, m_a, QStringLiteral("b2")); // keeps A busy
        const QString to = ms.at(0).recipient;
        bool first = true;
        std::function<void(MessageSender::Outcome)> releaseBlocker;
        ScriptedSender::Sent blocked;
        m_sender->sendHook = [&](qint64, const ScriptedSender::Sent &s,
                                 std::function<void(MessageSender::Outcome)> done) {
            if (s.to == blocker.at(0).recipient) {
                blocked = s;
                releaseBlocker = done; // answered later, by the test
                return;
            }
            m_sender->accept(s);
            if (first) {
                first = false;
                m_sender->setReady(m_b, true); // B comes up while the retry is pending
                done({MessageSender::Outcome::Code::Transient, QStringLiteral("ERROR_NETWORK")});
                return;
            }
            done({});
        };
        auto d = makeDispatcher();
        d->setUnpacedWindow(1);
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return bool(releaseBlocker); }, 20000));
        QCOMPARE(m_sender->sent.size(), 1);
        QCOMPARE(m_sender->sent.at(0).numberId, m_a);
        const QString firstId = m_sender->sent.at(0).waId;
        // Well past the retry's due time, with B idle and ready: B must not take it.
        QTest::qWait(400);
        QCOMPARE(m_sender->sendsTo(to), 1);
        QCOMPARE(row(ms.at(0).id).status, MessageStatus::Pending);
        QCOMPARE(row(ms.at(0).id).numberId, m_a);
        QCOMPARE(row(ms.at(0).id).waMessageId, firstId);

        // A is free again: it asks its session about the first attempt and records it.
        m_sender->accept(blocked);
        releaseBlocker({});
        QVERIFY(QTest::qWaitFor([&]() { return row(ms.at(0).id).status == MessageStatus::Sent; },
                                20000));
        QTest::qWait(100);
        QCOMPARE(m_sender->sendsTo(to), 1);
        QCOMPARE(m_sender->calls.filter(QStringLiteral("send:") + to).size(), 1);
        QVERIFY(m_sender->calls.contains(QStringLiteral("has:") + firstId));
        QCOMPARE(row(ms.at(0).id).numberId, m_a);
        QCOMPARE(row(ms.at(0).id).waMessageId, firstId);
    }

    // When A confirms it never got the message (reconciliation after a lost session), the row
    // is free again: B sends it while A is still busy.
    void reconciledRowMayMove()
    {
        const QList<Message> ms = queue(1);
        OutboxQueue q(m_core->database().connectionName());
        QVERIFY(q.claim(m_vendor, ms.at(0).id, m_a, QStringLiteral("LOST1"), Clock::nowMs()));
        QVERIFY(q.returnToPending(m_vendor, ms.at(0).id, Clock::nowMs()));
        const Message back = row(ms.at(0).id);
        QVERIFY(back.waMessageId.isEmpty());
        QCOMPARE(OutboxQueue::pinnedNumber(back), 0);
        m_sender->readyNumbers = {m_b};
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return row(ms.at(0).id).status == MessageStatus::Read; },
                                20000));
        QCOMPARE(row(ms.at(0).id).numberId, m_b);
    }

    void transientFailsAfterMaxAttempts()
    {
        m_core->settings().setValue(QStringLiteral("retry_base_delay_ms"), 10);
        m_core->settings().setValue(QStringLiteral("max_send_attempts"), 3);
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(1);
        m_sender->transientLeft.insert(ms.at(0).recipient, 1000);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return row(ms.at(0).id).status == MessageStatus::Failed; }, 20000));
        const Message m = row(ms.at(0).id);
        QCOMPARE(m.attempts, 3);
        QCOMPARE(m.errorMessage, QStringLiteral("ERROR_NETWORK"));
        QCOMPARE(m_sender->calls.filter(QStringLiteral("send:")).size(), 3);
        QCOMPARE(statusesOf(m.id).last(), MessageStatus::Failed);
        QCOMPARE(statusesOf(m.id).count(MessageStatus::Pending), 2);
    }

    void reconcilesSendingRowsBeforeAnySend()
    {
        // A previous run crashed: one claimed row reached WhatsApp, one did not.
        const QList<Message> ms = queue(4);
        OutboxQueue q(m_core->database().connectionName());
        const qint64 now = Clock::nowMs();
        QVERIFY(q.claim(m_vendor, ms.at(0).id, m_a, QStringLiteral("HELD1"), now));
        QVERIFY(q.claim(m_vendor, ms.at(1).id, m_a, QStringLiteral("LOST1"), now));
        m_sender->held.insert(QStringLiteral("HELD1"), 2);
        m_sender->readyNumbers = {m_a};

        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() {
            return row(ms.at(0).id).status == MessageStatus::Delivered
                   && allIn(ms.mid(1), {MessageStatus::Read});
        }, 20000));
        QCOMPARE(m_sender->sendsTo(ms.at(0).recipient), 0); // not sent twice
        QCOMPARE(row(ms.at(0).id).waMessageId, QStringLiteral("HELD1"));
        QCOMPARE(statusesOf(ms.at(0).id), (QStringList{MessageStatus::Sent, MessageStatus::Delivered}));
        QCOMPARE(m_sender->sendsTo(ms.at(1).recipient), 1); // not lost
        QVERIFY(row(ms.at(1).id).waMessageId != QStringLiteral("LOST1"));
        QCOMPARE(statusesOf(ms.at(1).id).first(), MessageStatus::Pending);
        // Both checks came before the first send.
        const int firstSend = int(m_sender->calls.indexOf(QRegularExpression(QStringLiteral("send:.*"))));
        QVERIFY2(firstSend > m_sender->calls.indexOf(QStringLiteral("has:HELD1")),
                 qPrintable(m_sender->calls.join(QLatin1Char(' '))));
        QVERIFY(firstSend > m_sender->calls.indexOf(QStringLiteral("has:LOST1")));
        QVERIFY(m_sender->calls.indexOf(QStringLiteral("has:HELD1")) >= 0);
        // The recipient goes with the id, so WhatsApp Web can find it by its full key.
        QCOMPARE(m_sender->hasMessageTo.value(QStringLiteral("HELD1")), ms.at(0).recipient);
        QCOMPARE(m_sender->hasMessageTo.value(QStringLiteral("LOST1")), ms.at(1).recipient);
        QCOMPARE(m_sender->sent.size(), 3);
    }

    void sessionLostMidSend_data()
    {
        QTest::addColumn<bool>("reachedWhatsApp");
        QTest::newRow("the page had it") << true;
        QTest::newRow("the page lost it") << false;
    }
    void sessionLostMidSend()
    {
        QFETCH(bool, reachedWhatsApp);
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(3);
        bool crashed = false;
        m_sender->sendHook = [&](qint64 n, const ScriptedSender::Sent &s, std::function<void(MessageSender::Outcome)> done) {
            if (!m_sender->readyNumbers.contains(n)) { // went down with this one in flight
                done({MessageSender::Outcome::Code::Transient, QStringLiteral("session_not_ready")});
                return;
            }
            if (!crashed) {
                crashed = true;
                if (reachedWhatsApp)
                    m_sender->accept(s);
                m_sender->setReady(n, false); // the renderer died with the send
                done({MessageSender::Outcome::Code::Transient, QStringLiteral("session_not_ready")});
                return;
            }
            m_sender->accept(s);
            done({});
        };
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return crashed; }, 20000));
        QTest::qWait(100);
        QCOMPARE(row(ms.at(0).id).status, MessageStatus::Sending); // unknown until the session is back
        const int sendsBefore = int(m_sender->calls.filter(QStringLiteral("send:")).size());
        m_sender->setReady(m_a, true);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Sent}); }, 20000));
        for (const Message &m : ms)
            QCOMPARE(m_sender->sendsTo(m.recipient), 1); // none lost, none twice
        QCOMPARE(m_sender->calls.filter(QStringLiteral("send:") + ms.at(0).recipient).size(),
                 reachedWhatsApp ? 1 : 2);
        // Nothing was sent while the session was down, and rows are checked before resends.
        QVERIFY(m_sender->calls.indexOf(QStringLiteral("has:") + row(ms.at(0).id).waMessageId) >= 0
                || !reachedWhatsApp);
        QVERIFY(sendsBefore >= 1);
    }

    void expiresWithoutReadyNumber()
    {
        const QList<Message> ms = queue(2, 0, QStringLiteral("b1"), 150);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Expired}); }, 20000));
        QCOMPARE(row(ms.at(0).id).errorMessage, QStringLiteral("no_ready_number"));
        QCOMPARE(statusesOf(ms.at(0).id), QStringList{MessageStatus::Expired});
        QCOMPARE(lastEventOf(ms.at(1).id).value("error_message").toString(), QStringLiteral("no_ready_number"));
        QVERIFY(m_sender->calls.isEmpty());
    }

    // Rows queued while the subscription was active wait once it has ended (nothing is sent),
    // go out when it is extended, and expire as subscription_inactive if it is not.
    void endedSubscriptionHoldsRows()
    {
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(2);
        setSubscriptionEnd(Clock::nowMs() - 1000);
        auto d = makeDispatcher();
        d->start();
        QTest::qWait(600);
        QVERIFY(m_sender->calls.isEmpty());
        QVERIFY(allIn(ms, {MessageStatus::Pending}));
        setSubscriptionEnd(Clock::nowMs() + 86400000);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Read}); }, 20000));

        // Ended again: a new batch expires with the reason, unsent.
        setSubscriptionEnd(Clock::nowMs() - 1000);
        const QList<Message> later = queue(2, 0, QStringLiteral("b2"), 1500);
        m_core->events().announceMessagesQueued(m_vendor, m_user);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(later, {MessageStatus::Expired}); }, 20000));
        QCOMPARE(row(later.at(0).id).errorMessage, QStringLiteral("subscription_inactive"));
        QCOMPARE(lastEventOf(later.at(1).id).value("error_message").toString(),
                 QStringLiteral("subscription_inactive"));
        QCOMPARE(m_sender->sent.size(), 2);
    }

    void cancelledAreNotSent()
    {
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(3);
        QCOMPARE(m_core->messages().cancelPending(m_vendor, QStringLiteral("b1")).size(), 3);
        const QList<Message> later = queue(1, 0, QStringLiteral("b2"));
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(later, {MessageStatus::Read}); }, 20000));
        QCOMPARE(m_sender->sent.size(), 1);
        QVERIFY(allIn(ms, {MessageStatus::Cancelled}));
    }

    void newRowsAndReadinessArePickedUp()
    {
        auto d = makeDispatcher();
        d->start();
        const QList<Message> ms = queue(2);
        QTest::qWait(100);
        QVERIFY(m_sender->calls.isEmpty()); // nobody ready
        m_sender->setReady(m_a, true);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Read}); }, 20000));
        const QList<Message> more = queue(2, 0, QStringLiteral("b2"));
        QVERIFY(QTest::qWaitFor([&]() { return allIn(more, {MessageStatus::Read}); }, 20000));
        // Aimed at B, which is not ready: it waits while A's work goes on.
        const QList<Message> forB = queue(1, m_b, QStringLiteral("b3"));
        QTest::qWait(100);
        QCOMPARE(row(forB.at(0).id).status, MessageStatus::Pending);
        m_sender->setReady(m_b, true);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(forB, {MessageStatus::Read}); }, 20000));
    }

    // Committed rows are announced (EventBus::messagesQueued, as MessageComposer does) and
    // taken at once, not at the next poll.
    void queuedAnnouncementWakesWithoutPolling()
    {
        auto d = makeDispatcher();
        d->setPollIntervalMs(3600 * 1000);
        m_sender->setReady(m_a, true);
        d->start();
        QTest::qWait(100); // the start-up look finds nothing: the user's queue is dry
        const QList<Message> ms = queue(2);
        QTest::qWait(300);
        QVERIFY(allIn(ms, {MessageStatus::Pending})); // nothing polls for an hour
        m_core->events().announceMessagesQueued(m_vendor, m_user);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Read}); }, 20000));
    }

    void pacingAndDailyCapWhenAskedForSandbox()
    {
        Settings &s = m_core->settings();
        s.setValue(QStringLiteral("pacing_sandbox"), true);
        s.setValue(QStringLiteral("pacing_min_delay_ms"), 150);
        s.setValue(QStringLiteral("pacing_max_delay_ms"), 200);
        s.setValue(QStringLiteral("typing_ms_per_char"), 1);
        s.setValue(QStringLiteral("typing_max_ms"), 30);
        s.setValue(QStringLiteral("daily_cap_per_number"), 3);
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(5);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return m_sender->sent.size() == 3; }, 20000));
        QTest::qWait(600); // longer than the pacing delay: the cap, not the delay, holds them
        QCOMPARE(m_sender->sent.size(), 3);
        int pending = 0;
        for (const Message &m : ms)
            pending += row(m.id).status == MessageStatus::Pending ? 1 : 0;
        QCOMPARE(pending, 2);
        // Never two sends closer than the minimum delay (a lower bound: slow machines only
        // make the gaps longer).
        for (int i = 1; i < 3; ++i)
            QVERIFY2(m_sender->sent.at(i).at - m_sender->sent.at(i - 1).at >= 150,
                     qPrintable(QString::number(m_sender->sent.at(i).at - m_sender->sent.at(i - 1).at)));
        QCOMPARE(m_sender->maxInFlight.value(m_a), 1); // paced: strictly one by one
        // Typing presence around each send.
        const QString to = ms.at(0).recipient;
        const int typingOn = int(m_sender->calls.indexOf(QStringLiteral("typing:%1:1").arg(to)));
        const int typingOff = int(m_sender->calls.indexOf(QStringLiteral("typing:%1:0").arg(to)));
        const int send = int(m_sender->calls.indexOf(QStringLiteral("send:") + to));
        QVERIFY(typingOn >= 0 && typingOn < typingOff && typingOff < send);
    }

    void mediaDownloadedOncePerBatch()
    {
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/pic.png"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_core->settings().setValue(QStringLiteral("allow_private_media_urls"), true); // loopback
        m_sender->readyNumbers = {m_a};
        const QList<Message> ok = queue(3, 0, QStringLiteral("media-ok"), 3600000, http.url(QStringLiteral("/pic.png")));
        const QList<Message> bad = queue(3, 0, QStringLiteral("media-404"), 3600000, http.url(QStringLiteral("/gone.png")));
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() {
            return allIn(ok, {MessageStatus::Read}) && allIn(bad, {MessageStatus::Failed});
        }, 20000));
        QCOMPARE(http.hits(QStringLiteral("/pic.png")), 1);
        QCOMPARE(http.hits(QStringLiteral("/gone.png")), 1);
        QCOMPARE(m_sender->sent.size(), 3);
        for (const auto &s : m_sender->sent) {
            QVERIFY(s.isMedia);
            QCOMPARE(s.bytes, LocalHttpServer::pngBytes());
            QCOMPARE(s.media.mimetype, QStringLiteral("image/png"));
            QVERIFY(s.body.startsWith(QStringLiteral("cap ")));
        }
        for (const Message &m : bad) {
            QCOMPARE(row(m.id).errorMessage, QStringLiteral("media_unreachable"));
            QCOMPARE(statusesOf(m.id), QStringList{MessageStatus::Failed});
        }
    }

    // The download's Content-Type decides the kind (MediaTypes): the sender is handed it, and
    // the rows' message_type (queued from the URL's extension) becomes it. Before, the kind
    // was dropped after the download and message_type kept the URL's guess.
    void mediaKindDecidedByTheDownload()
    {
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/scan.png"), {200, "image/tiff", "II*-tiff-bytes"});
        http.route(QStringLiteral("/photo.pdf"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_core->settings().setValue(QStringLiteral("allow_private_media_urls"), true); // loopback
        m_sender->readyNumbers = {m_a};
        // queue() gives media rows the type "image", as MessageComposer does for a ".png" URL.
        const QList<Message> tiff =
            queue(2, 0, QStringLiteral("tiff"), 3600000, http.url(QStringLiteral("/scan.png")));
        QList<Message> in;
        for (int i = 0; i < 2; ++i) { // as MessageComposer queues a ".pdf" URL
            Message m;
            m.batchId = QStringLiteral("png");
            m.appUserId = m_user;
            m.recipient = recipient(900 + i);
            m.messageType = QStringLiteral("document");
            m.mediaUrl = http.url(QStringLiteral("/photo.pdf"));
            m.expiresAt = Clock::nowMs() + 3600000;
            in << m;
        }
        const QList<Message> png = m_core->messages().insertBatch(m_vendor, in);
        for (const Message &m : tiff)
            QCOMPARE(row(m.id).messageType, QStringLiteral("image"));
        for (const Message &m : png)
            QCOMPARE(row(m.id).messageType, QStringLiteral("document"));
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(tiff + png, {MessageStatus::Read}); }, 20000));
        QCOMPARE(m_sender->sent.size(), 4);
        for (const auto &s : m_sender->sent) {
            const bool isTiff = s.media.mimetype == QLatin1String("image/tiff");
            QVERIFY2(isTiff || s.media.mimetype == QLatin1String("image/png"),
                     qPrintable(s.media.mimetype));
            QCOMPARE(s.media.kind, isTiff ? MediaTypes::Kind::Document : MediaTypes::Kind::Image);
        }
        for (const Message &m : tiff)
            QCOMPARE(row(m.id).messageType, QStringLiteral("document"));
        for (const Message &m : png)
            QCOMPARE(row(m.id).messageType, QStringLiteral("image"));
    }

    void privateMediaUrlsRefusedByDefault()
    {
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/pic.png"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_sender->readyNumbers = {m_a};
        const QList<Message> ms = queue(2, 0, QStringLiteral("media-private"), 3600000,
                                        http.url(QStringLiteral("/pic.png")));
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Failed}); }, 20000));
        QCOMPARE(http.hits(QStringLiteral("/pic.png")), 0);
        QCOMPARE(row(ms.at(0).id).errorMessage, QStringLiteral("media_unreachable"));
        QVERIFY(m_sender->sent.isEmpty());
    }

    void mediaBytesInFlightAreCapped()
    {
        LocalHttpServer http;
        QVERIFY(http.listen());
        LocalHttpServer::Response file{200, "image/jpeg", {}};
        file.generatedBytes = 600;
        http.route(QStringLiteral("/big.jpg"), file);
        m_core->settings().setValue(QStringLiteral("allow_private_media_urls"), true);
        m_sender->readyNumbers = {m_a};
        m_sender->replyDelayMs = 20; // sends overlap unless something holds them back
        // Two batches of the same file size: 600 + 600 > cap 1000, so one at a time.
        QList<Message> ms =
            queue(4, 0, QStringLiteral("cap-1"), 3600000, http.url(QStringLiteral("/big.jpg")));
        ms += queue(3, 0, QStringLiteral("cap-2"), 3600000, http.url(QStringLiteral("/big.jpg")));
        auto d = makeDispatcher();
        d->setMediaBytesInFlightCap(1000);
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(ms, {MessageStatus::Read}); }, 30000));
        QCOMPARE(m_sender->sent.size(), 7);
        QCOMPARE(m_sender->maxInFlight.value(m_a), 1);
        // The ones that waited stayed pending: no failure, no retry, one attempt each.
        const QStringList path{MessageStatus::Sending, MessageStatus::Sent,
                               MessageStatus::Delivered, MessageStatus::Read};
        for (const Message &m : std::as_const(ms)) {
            QCOMPARE(statusesOf(m.id), path);
            QCOMPARE(row(m.id).attempts, 1);
        }
        for (const auto &s : std::as_const(m_sender->sent))
            QCOMPARE(s.bytes, QByteArray(600, 'x'));
        QCOMPARE(d->mediaBytesInFlight(), 0); // every lease given back

        // A file larger than the cap still goes (alone).
        const QList<Message> big =
            queue(2, 0, QStringLiteral("cap-3"), 3600000, http.url(QStringLiteral("/big.jpg")));
        d->setMediaBytesInFlightCap(100);
        d->wake();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(big, {MessageStatus::Read}); }, 30000));
        QCOMPARE(m_sender->maxInFlight.value(m_a), 1);
    }

    void mediaFileDroppedWhenBatchIsDone()
    {
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/pic.png"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_core->settings().setValue(QStringLiteral("allow_private_media_urls"), true);
        m_sender->readyNumbers = {m_a};
        const QString url = http.url(QStringLiteral("/pic.png"));
        // One row for number A (ready), one for number B (not ready yet): same batch.
        const QList<Message> first = queue(1, 0, QStringLiteral("keep"), 3600000, url);
        const QList<Message> second = queue(1, m_b, QStringLiteral("keep"), 3600000, url);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(first, {MessageStatus::Read}); }, 20000));
        const QString cached = d->media().cachedFilePath(QStringLiteral("keep"), url);
        // The other row still needs the file.
        QCOMPARE(row(second.at(0).id).status, MessageStatus::Pending);
        QVERIFY(QFileInfo::exists(cached));
        m_sender->setReady(m_b, true);
        QVERIFY(QTest::qWaitFor([&]() { return allIn(second, {MessageStatus::Read}); }, 20000));
        // The batch is done: its file goes now (not at the next start-up).
        QVERIFY(QTest::qWaitFor([&]() { return !QFileInfo::exists(cached); }, 5000));
        QCOMPARE(m_sender->sent.size(), 2);
        QCOMPARE(m_sender->sent.at(1).bytes, LocalHttpServer::pngBytes());
        QCOMPARE(http.hits(QStringLiteral("/pic.png")), 1);
    }

    void mediaFileDroppedWhenBatchIsCancelled()
    {
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/pic.png"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_core->settings().setValue(QStringLiteral("allow_private_media_urls"), true);
        m_sender->readyNumbers = {m_a};
        const QString url = http.url(QStringLiteral("/pic.png"));
        const QList<Message> first = queue(1, 0, QStringLiteral("cancel-me"), 3600000, url);
        const QList<Message> second = queue(1, m_b, QStringLiteral("cancel-me"), 3600000, url);
        auto d = makeDispatcher();
        d->start();
        QVERIFY(QTest::qWaitFor([&]() { return allIn(first, {MessageStatus::Read}); }, 20000));
        const QString cached = d->media().cachedFilePath(QStringLiteral("cancel-me"), url);
        // Let the dispatcher's own cleanup check (queued by the `read` publish) run first: it
        // keeps the file, the other row is pending.
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QVERIFY(QFileInfo::exists(cached));
        // The API cancels the rest of the batch (MessageComposer, not the dispatcher).
        MessageComposer composer(*m_core);
        QCOMPARE(composer.cancelBatch(m_vendor, QStringLiteral("cancel-me")), 1);
        QCOMPARE(row(second.at(0).id).status, MessageStatus::Cancelled);
        QVERIFY(QTest::qWaitFor([&]() { return !QFileInfo::exists(cached); }, 5000));
    }
};

QTEST_GUILESS_MAIN(TestOutboxDispatcher)
#include "tst_outboxdispatcher.moc"
