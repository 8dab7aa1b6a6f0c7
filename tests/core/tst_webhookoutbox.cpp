// WebhookOutbox through the real producers on a real SQLite file: an event is staged in the
// transaction of the change that caused it (rolled back → nothing; committed → the event and
// one delivery per matching endpoint), endpoints match by type, "*", app_user_id and enabled,
// nothing is written when no endpoint listens (and the "who listens" cache follows every
// WebhookStore write), batch_completed is staged and published once when a batch's last
// message leaves the queue, test events go to one endpoint, and a replay is a new delivery of
// the same event (same webhook-id).

#include "EventBus.h"
#include "InboundFixture.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "inbound/OptOutService.h"
#include "messaging/MessageStore.h"
#include "outbox/OutboxQueue.h"
#include "storage/SqlSupport.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

const QString kUrl = QStringLiteral("https://hooks.example.com/wamator");

struct StoredEvent
{
    QString id;
    qint64 vendorId = 0;
    qint64 userId = 0;
    QString type;
    QJsonObject body;
    QByteArray raw;
};

QJsonObject data(const StoredEvent &e)
{
    return e.body.value(QStringLiteral("data")).toObject();
}

// Every event of type E published on the bus while the recorder lives.
template <class E> class EventRecorder
{
public:
    explicit EventRecorder(EventBus &bus)
    {
        m_conn = bus.on<E>(&m_context, [this](qint64, const E &e) { events << e; });
    }
    ~EventRecorder() { QObject::disconnect(m_conn); }
    QList<E> events;

private:
    QObject m_context;
    QMetaObject::Connection m_conn;
};

} // namespace

class TestWebhookOutbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InboundFixture> f;
    WebhookStore &store() { return f->core->webhooks(); }
    WebhookOutbox &outbox() { return f->core->webhookOutbox(); }

    qint64 endpoint(qint64 vendorId, const QStringList &events, qint64 userId = 0)
    {
        return store().create(vendorId, kUrl, events, userId).endpoint.id;
    }
    QList<StoredEvent> events(const QString &type = QString())
    {
        QSqlQuery q(f->core->database().connection());
        q.prepare(QStringLiteral("SELECT id, api_consumer_id, app_user_id, type, body FROM "
                                 "webhook_events WHERE (? = '' OR type = ?) ORDER BY created_at, "
                                 "rowid"));
        q.addBindValue(type.isNull() ? QString(QLatin1String("")) : type);
        q.addBindValue(type.isNull() ? QString(QLatin1String("")) : type);
        QList<StoredEvent> out;
        if (!q.exec())
            return out;
        while (q.next()) {
            StoredEvent e;
            e.id = q.value(0).toString();
            e.vendorId = q.value(1).toLongLong();
            e.userId = q.value(2).toLongLong();
            e.type = q.value(3).toString();
            e.raw = q.value(4).toString().toUtf8();
            e.body = QJsonDocument::fromJson(e.raw).object();
            out << e;
        }
        return out;
    }
    // The endpoints an event is to be delivered to, ascending.
    QList<qint64> targets(const QString &eventId)
    {
        QSqlQuery q(f->core->database().connection());
        q.prepare(QStringLiteral("SELECT endpoint_id FROM webhook_deliveries WHERE event_id = ? "
                                 "ORDER BY endpoint_id, id"));
        q.addBindValue(eventId);
        QList<qint64> out;
        if (q.exec())
            while (q.next())
                out << q.value(0).toLongLong();
        return out;
    }
    int rows(const char *table)
    {
        return f->count(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)));
    }
    QList<InboundMessage> johnWrites(const QString &waId, const QString &body)
    {
        return f->core->inboundRecorder().recordNow(
            f->vendorA, f->numberA1, {InboundFixture::text(waId, InboundFixture::kJohn, body)});
    }
    QList<Message> batchRows(qint64 vendorId, const QString &batchId)
    {
        return f->core->messages().listBatch(vendorId, batchId);
    }

private Q_SLOTS:
    void init() { f = std::make_unique<InboundFixture>(); }
    void cleanup() { f.reset(); }

    void noListenerWritesNothing()
    {
        // Vendor B listens to everything, vendor A only to QR codes.
        endpoint(f->vendorB, {QStringLiteral("*")});
        endpoint(f->vendorA, {QStringLiteral("qr")});
        QCOMPARE(johnWrites(QStringLiteral("W1"), QStringLiteral("hi")).size(), 1);
        const MessageComposer::Outcome sent =
            f->queue(f->vendorA, f->userA1, {InboundFixture::kMary});
        QCOMPARE(sent.queued, 1);
        OutboxQueue queue(f->core->database().connectionName(), &outbox());
        const Message m = batchRows(f->vendorA, sent.batchId).first();
        QVERIFY(queue.claim(f->vendorA, m.id, f->numberA1, QStringLiteral("WA1"), Clock::nowMs()));
        QVERIFY(queue.fail(f->vendorA, m.id, QStringLiteral("send_failed"), Clock::nowMs()));
        QCOMPARE(rows("webhook_events"), 0);
        QCOMPARE(rows("webhook_deliveries"), 0);
        // The batch still completed (its WebSocket event does not depend on webhooks).
        QCOMPARE(
            f->count("SELECT COUNT(*) FROM batch_completions WHERE batch_id = ?", {sent.batchId}),
            1);
    }

    void stagedInTheCallersTransaction()
    {
        const qint64 e = endpoint(f->vendorA, {QStringLiteral("contact_opted_out")});
        // Another connection to the same file sees only what is committed.
        const QString observer = QStringLiteral("observer-") + QUuid::createUuid().toString();
        int seen = -1;
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), observer);
            other.setDatabaseName(f->core->databasePath());
            QVERIFY(other.open());
            const auto observed = [&] {
                QSqlQuery q(other);
                return q.exec(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries")) && q.next()
                           ? q.value(0).toInt()
                           : -1;
            };
            const ContactOptedOutEvent ev{f->userA1, f->johnA1, InboundFixture::kJohn,
                                          QStringLiteral("api"), Clock::nowMs()};
            QSqlDatabase db = f->core->database().connection();
            {
                SqlSupport::Transaction tx(db);
                QVERIFY(!outbox().stage(db, f->vendorA, ev).isEmpty());
                QCOMPARE(observed(), 0);
                // Not committed: rolled back with the cause.
            }
            QCOMPARE(rows("webhook_events"), 0);
            QCOMPARE(rows("webhook_deliveries"), 0);
            {
                SqlSupport::Transaction tx(db);
                const QString id = outbox().stage(db, f->vendorA, ev);
                QCOMPARE(observed(), 0);
                tx.commit();
                QCOMPARE(targets(id), QList<qint64>{e});
            }
            seen = observed();
            other.close();
        }
        QSqlDatabase::removeDatabase(observer);
        QCOMPARE(seen, 1);
        QCOMPARE(rows("webhook_events"), 1);
    }

    void endpointsMatchByTypeUserAndEnabled()
    {
        const qint64 received = endpoint(f->vendorA, {QStringLiteral("message_received")});
        const qint64 allOfA1 = endpoint(f->vendorA, {QStringLiteral("*")}, f->userA1);
        endpoint(f->vendorA, {QStringLiteral("message_status")});
        endpoint(f->vendorA, {QStringLiteral("*")}, f->userA2);
        const qint64 disabled = endpoint(f->vendorA, {QStringLiteral("*")});
        QVERIFY(store().setDisabled(disabled, QStringLiteral("gone")));
        endpoint(f->vendorB, {QStringLiteral("*")});

        EventRecorder<MessageReceivedEvent> bus(f->core->events());
        QCOMPARE(johnWrites(QStringLiteral("W1"), QStringLiteral("hello")).size(), 1);
        // A message WhatsApp emits again is not recorded again: no second event either.
        QCOMPARE(johnWrites(QStringLiteral("W1"), QStringLiteral("hello")).size(), 0);

        const QList<StoredEvent> stored = events();
        QCOMPARE(stored.size(), 1);
        const StoredEvent &e = stored.first();
        QCOMPARE(e.type, QStringLiteral("message_received"));
        QCOMPARE(e.vendorId, f->vendorA);
        QCOMPARE(e.userId, f->userA1);
        QCOMPARE(targets(e.id), (QList<qint64>{received, allOfA1}));
        QVERIFY(QRegularExpression(QStringLiteral("^msg_[0-9A-Za-z]{27}$")).match(e.id).hasMatch());

        // The body: {"type","timestamp","data"} in that order, data = the WebSocket event.
        QVERIFY(e.raw.startsWith("{\"type\":\"message_received\",\"timestamp\":\""));
        QCOMPARE(e.body.keys().size(), 3);
        QVERIFY(Clock::fromIso(e.body.value("timestamp").toString()) > 0);
        QCOMPARE(bus.events.size(), 1);
        QCOMPARE(e.body.value("data").toObject(), bus.events.first().toJson());
        QCOMPARE(e.body.value("data").toObject().value("event").toString(),
                 QStringLiteral("message_received"));
    }

    void listenersFollowStoreWrites()
    {
        // Nobody listens: the cache learns it...
        johnWrites(QStringLiteral("W1"), QStringLiteral("one"));
        QCOMPARE(rows("webhook_events"), 0);
        // ...and forgets it at the next write of an endpoint.
        const qint64 e = endpoint(f->vendorA, {QStringLiteral("message_received")});
        johnWrites(QStringLiteral("W2"), QStringLiteral("two"));
        QCOMPARE(rows("webhook_events"), 1);
        WebhookStore::Patch p;
        p.events = QStringList{QStringLiteral("qr")};
        store().update(f->vendorA, e, p);
        johnWrites(QStringLiteral("W3"), QStringLiteral("three"));
        QCOMPARE(rows("webhook_events"), 1);
        p.events = QStringList{QStringLiteral("*")};
        store().update(f->vendorA, e, p);
        johnWrites(QStringLiteral("W4"), QStringLiteral("four"));
        QCOMPARE(rows("webhook_events"), 2);
        QVERIFY(store().setDisabled(e, QStringLiteral("failing_3_days")));
        johnWrites(QStringLiteral("W5"), QStringLiteral("five"));
        QCOMPARE(rows("webhook_events"), 2);
        p = {};
        p.enabled = true;
        store().update(f->vendorA, e, p);
        johnWrites(QStringLiteral("W6"), QStringLiteral("six"));
        QCOMPARE(rows("webhook_events"), 3);
        store().remove(f->vendorA, e);
        johnWrites(QStringLiteral("W7"), QStringLiteral("seven"));
        QCOMPARE(rows("webhook_events"), 3);
    }

    void statusChangesAndBatchCompletedOnce()
    {
        const qint64 e = endpoint(
            f->vendorA, {QStringLiteral("message_status"), QStringLiteral("batch_completed")});
        EventRecorder<BatchCompletedEvent> completed(f->core->events());
        const MessageComposer::Outcome sent =
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn, InboundFixture::kMary});
        QCOMPARE(sent.queued, 2);
        QCOMPARE(rows("webhook_events"), 0); // queueing announces nothing
        const QList<Message> ms = batchRows(f->vendorA, sent.batchId);
        OutboxQueue queue(f->core->database().connectionName(), &outbox());
        const qint64 t = Clock::nowMs();

        QVERIFY(queue.claim(f->vendorA, ms[0].id, f->numberA1, QStringLiteral("WA1"), t));
        QVERIFY(queue.fail(f->vendorA, ms[0].id, QStringLiteral("send_failed"), t + 1));
        QVERIFY(queue.claim(f->vendorA, ms[1].id, f->numberA1, QStringLiteral("WA2"), t + 2));
        QCOMPARE(events(QStringLiteral("batch_completed")).size(), 0); // one still sending
        QCOMPARE(queue.recordAcks({{f->numberA1, QStringLiteral("WA2"), 1, t + 3}}).size(), 1);

        QStringList statuses;
        for (const StoredEvent &s : events(QStringLiteral("message_status"))) {
            statuses << s.body.value("data").toObject().value("status").toString();
            QCOMPARE(targets(s.id), QList<qint64>{e});
        }
        QCOMPARE(statuses, (QStringList{"sending", "failed", "sending", "sent"}));
        const QList<StoredEvent> done = events(QStringLiteral("batch_completed"));
        QCOMPARE(done.size(), 1);
        const QJsonObject data = done.first().body.value("data").toObject();
        QCOMPARE(data.value("batch_id").toString(), sent.batchId);
        QCOMPARE(data.value("user_id").toInteger(), f->userA1);
        const QJsonObject counts = data.value("counts").toObject();
        QCOMPARE(counts.value("sent").toInt(), 1);
        QCOMPARE(counts.value("failed").toInt(), 1);
        QCOMPARE(counts.value("delivered").toInt(), 0);
        QCOMPARE(targets(done.first().id), QList<qint64>{e});

        // Published on the bus after the commit, once.
        QTRY_COMPARE(completed.events.size(), 1);
        QCOMPARE(completed.events.first().batchId, sent.batchId);
        QCOMPARE(completed.events.first().toJson(), data);

        // Later acks move the message on; the batch does not complete again.
        QCOMPARE(queue
                     .recordAcks({{f->numberA1, QStringLiteral("WA2"), 2, t + 4},
                                  {f->numberA1, QStringLiteral("WA2"), 3, t + 5}})
                     .size(),
                 2);
        QCOMPARE(events(QStringLiteral("message_status")).size(), 6); // delivered, read
        QCOMPARE(events(QStringLiteral("batch_completed")).size(), 1);
        QTest::qWait(20);
        QCOMPARE(completed.events.size(), 1);
    }

    void batchChecksReadOneBatch()
    {
        // Whatever the statistics say, the completion check walks one batch's index entries
        // (backwards, without sorting), never a status index or the vendor's messages.
        for (int i = 0; i < 3; ++i)
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn, InboundFixture::kMary});
        SqlSupport::run(f->core->database().connection(), QStringLiteral("ANALYZE"));
        for (const QString &sql : {WebhookOutbox::openRowSql(), WebhookOutbox::batchCountsSql()}) {
            QSqlQuery q(f->core->database().connection());
            QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") +
                           QString(sql).replace(QLatin1Char('?'), QLatin1String("'x'"))));
            QStringList plan;
            while (q.next())
                plan << q.value(3).toString();
            const QString text = plan.join(QLatin1Char('|'));
            QVERIFY2(text.contains(QLatin1String("USING INDEX idx_messages_batch (batch_id=?)")),
                     qPrintable(text));
            QVERIFY2(!text.contains(QLatin1String("FOR ORDER BY")), qPrintable(text));
        }
    }

    void cancellationsAndOptOutsAreStaged()
    {
        endpoint(f->vendorA, {QStringLiteral("*")});
        EventRecorder<BatchCompletedEvent> completed(f->core->events());
        const MessageComposer::Outcome first =
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn, InboundFixture::kMary});
        QCOMPARE(MessageComposer(*f->core).cancelBatch(f->vendorA, first.batchId), 2);
        QCOMPARE(events(QStringLiteral("message_status")).size(), 2);
        QList<StoredEvent> done = events(QStringLiteral("batch_completed"));
        QCOMPARE(done.size(), 1);
        QCOMPARE(data(done.first()).value("counts").toObject().value("cancelled").toInt(), 2);
        QTRY_COMPARE(completed.events.size(), 1);

        // John's STOP: his message, the opt-out, his cancelled message and its batch.
        const MessageComposer::Outcome second =
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn});
        johnWrites(QStringLiteral("W1"), QStringLiteral("STOP"));
        QCOMPARE(events(QStringLiteral("message_received")).size(), 1);
        const QList<StoredEvent> out = events(QStringLiteral("contact_opted_out"));
        QCOMPARE(out.size(), 1);
        QCOMPARE(data(out.first()).value("contact_id").toInteger(), f->johnA1);
        QCOMPARE(data(out.first()).value("source").toString(), QStringLiteral("keyword"));
        const QList<StoredEvent> status = events(QStringLiteral("message_status"));
        QCOMPARE(status.size(), 3);
        QCOMPARE(data(status.last()).value("status").toString(), QStringLiteral("cancelled"));
        done = events(QStringLiteral("batch_completed"));
        QCOMPARE(done.size(), 2);
        QCOMPARE(data(done.last()).value("batch_id").toString(), second.batchId);
        QTRY_COMPARE(completed.events.size(), 2);

        // START opts him back in: a WebSocket-only event, never a webhook one.
        johnWrites(QStringLiteral("W2"), QStringLiteral("START"));
        QCOMPARE(events(QStringLiteral("contact_opted_in")).size(), 0);
        QCOMPARE(events(QStringLiteral("message_received")).size(), 2);
    }

    void sessionEventsInATransactionOfTheirOwn()
    {
        SessionStateEvent state;
        state.userId = f->userA1;
        state.numberId = f->numberA1;
        state.phoneNumber = QStringLiteral("2348030000001");
        state.state = QStringLiteral("ready");
        QVERIFY(outbox().stageNow(f->vendorA, state).isEmpty()); // nobody listens
        QCOMPARE(rows("webhook_events"), 0);
        const qint64 e = endpoint(f->vendorA, {QStringLiteral("session_state")});
        const QString id = outbox().stageNow(f->vendorA, state);
        QCOMPARE(targets(id), QList<qint64>{e});
        QCOMPARE(data(events().first()), state.toJson());
        QVERIFY(outbox().stageNow(f->vendorA, QrEvent{}).isEmpty()); // not subscribed
    }

    void testEventGoesToOneEndpoint()
    {
        const qint64 a = endpoint(f->vendorA, {QStringLiteral("qr")});
        const qint64 b = endpoint(f->vendorA, {QStringLiteral("*")});
        QVERIFY(store().setDisabled(a, QStringLiteral("gone"))); // a test may still be sent
        QSignalSpy staged(&outbox(), &WebhookOutbox::staged);
        const WebhookOutbox::Staged s = outbox().stageTest(f->vendorA, a);
        QVERIFY(s.deliveryId > 0);
        QCOMPARE(targets(s.eventId), QList<qint64>{a});
        const StoredEvent e = events().first();
        QCOMPARE(e.type, QStringLiteral("webhook.test"));
        QCOMPARE(data(e).value("event").toString(), QStringLiteral("webhook.test"));
        QCOMPARE(data(e).value("endpoint_id").toInteger(), a);
        QTRY_COMPARE(staged.size(), 1);
        QCOMPARE(staged.first().first().toLongLong(), f->vendorA);
        Q_UNUSED(b);
    }

    void replayIsANewDeliveryOfTheSameEvent()
    {
        const qint64 a = endpoint(f->vendorA, {QStringLiteral("*")});
        const qint64 b = endpoint(f->vendorA, {QStringLiteral("*")});
        const qint64 other = endpoint(f->vendorB, {QStringLiteral("*")});
        johnWrites(QStringLiteral("W1"), QStringLiteral("hello"));
        const StoredEvent e = events().first();
        QCOMPARE(targets(e.id), (QList<qint64>{a, b}));
        const qint64 first =
            f->scalar("SELECT id FROM webhook_deliveries WHERE endpoint_id = ?", {a}).toLongLong();
        SqlSupport::run(f->core->database().connection(),
                        QStringLiteral("UPDATE webhook_deliveries SET status = 'failed' WHERE "
                                       "id = ?"),
                        {first});

        const WebhookOutbox::Staged r = outbox().replay(f->vendorA, a, first);
        QCOMPARE(r.eventId, e.id);
        QVERIFY(r.deliveryId > first);
        QCOMPARE(targets(e.id), (QList<qint64>{a, a, b}));
        QCOMPARE(f->scalar("SELECT status FROM webhook_deliveries WHERE id = ?", {r.deliveryId})
                     .toString(),
                 QStringLiteral("pending"));
        QCOMPARE(rows("webhook_events"), 1); // the same event, not a copy

        // Only the endpoint's own deliveries, only the vendor's endpoints.
        const auto notFound = [](const std::function<void()> &call) {
            try {
                call();
            } catch (const DomainError &e) {
                return e.kind() == DomainError::Kind::NotFound;
            }
            return false;
        };
        QVERIFY(notFound([&] { outbox().replay(f->vendorA, b, first); }));
        QVERIFY(notFound([&] { outbox().replay(f->vendorB, a, first); }));
        QVERIFY(notFound([&] { outbox().replay(f->vendorB, other, first); }));
        QVERIFY(notFound([&] { outbox().replay(f->vendorA, a, 999999); }));
        QCOMPARE(rows("webhook_deliveries"), 3);
    }
};

QTEST_GUILESS_MAIN(TestWebhookOutbox)
#include "tst_webhookoutbox.moc"
