// InboundRecorder: the one path from the pages to received_messages. Messages arriving close
// together are written in one batch; only new rows publish message_received (a re-emitted or
// caught-up message announces nothing); the owner comes from the number (a number of another
// vendor, or one that is gone, records nothing); a burst larger than a batch takes several.

#include "EventBus.h"
#include "InboundFixture.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"

#include <QSignalSpy>
#include <QTest>

class TestInboundRecorder : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InboundFixture> f;
    int rows() { return f->count(QStringLiteral("SELECT COUNT(*) FROM received_messages")); }

private Q_SLOTS:
    void init() { f = std::make_unique<InboundFixture>(); }
    void cleanup() { f.reset(); }

    void messagesArrivingTogetherAreOneBatch()
    {
        InboundRecorder &recorder = f->core->inboundRecorder();
        QSignalSpy recorded(&recorder, &InboundRecorder::recorded);
        recorder.record(f->vendorA, f->numberA1,
                        {InboundFixture::text("1", InboundFixture::kJohn, "a")});
        recorder.record(f->vendorA, f->numberA1,
                        {InboundFixture::text("2", InboundFixture::kMary, "b")});
        recorder.record(f->vendorA, f->numberA1b,
                        {InboundFixture::text("3", InboundFixture::kJohn, "c")});
        // Nothing is written before the coalescing window ends ...
        QCOMPARE(recorded.size(), 0);
        QCOMPARE(recorder.queued(), 3);
        QCOMPARE(rows(), 0);
        // ... then all three together.
        QVERIFY(recorded.wait(5000));
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().first().value<QList<InboundMessage>>().size(), 3);
        QCOMPARE(rows(), 3);
        QCOMPARE(recorder.queued(), 0);
    }

    void ownerComesFromTheNumber()
    {
        const QList<InboundMessage> stored = f->core->inboundRecorder().recordNow(
            f->vendorA, f->numberA2, {InboundFixture::text("1", InboundFixture::kMary, "a")});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().vendorId, f->vendorA);
        QCOMPARE(stored.first().appUserId, f->userA2);
        QCOMPARE(stored.first().numberId, f->numberA2);
        QCOMPARE(stored.first().contactId, f->maryA2);
    }

    void aNumberOfAnotherVendorRecordsNothing()
    {
        // A session claiming vendor A for vendor B's number (never in practice): nothing stored.
        QCOMPARE(f->core->inboundRecorder()
                     .recordNow(f->vendorA, f->numberB1,
                                {InboundFixture::text("1", InboundFixture::kJohn, "a")})
                     .size(),
                 0);
        QCOMPARE(rows(), 0);
    }

    void onlyNewMessagesAreAnnounced()
    {
        QList<qint64> vendors;
        QList<MessageReceivedEvent> events;
        QObject context;
        f->core->events().on<MessageReceivedEvent>(
            &context, [&](qint64 vendorId, const MessageReceivedEvent &e) {
                vendors << vendorId;
                events << e;
            });
        QList<QJsonObject> published;
        connect(&f->core->events(), &EventBus::published, &context,
                [&](qint64, const QJsonObject &json) { published << json; });
        InboundRecorder &recorder = f->core->inboundRecorder();
        const InboundMessage m = InboundFixture::text("W1", InboundFixture::kJohn, "hello");
        recorder.recordNow(f->vendorA, f->numberA1, {m});
        // Re-emitted by WhatsApp, then read back by a catch-up with one new message.
        recorder.recordNow(f->vendorA, f->numberA1, {m});
        recorder.recordNow(f->vendorA, f->numberA1,
                           {m, InboundFixture::text("W2", InboundFixture::kJohn, "again")});
        QCOMPARE(events.size(), 2);
        QCOMPARE(vendors, (QList<qint64>{f->vendorA, f->vendorA}));
        QCOMPARE(events.at(0).message.waMessageId, QStringLiteral("W1"));
        QCOMPARE(events.at(1).message.waMessageId, QStringLiteral("W2"));
        QCOMPARE(events.at(0).userId, f->userA1);
        // The WebSocket's JSON: the inbound object with "event" and "user_id".
        QCOMPARE(published.size(), 2);
        const QJsonObject json = published.first();
        QCOMPARE(json.value("event").toString(), QStringLiteral("message_received"));
        QCOMPARE(json.value("user_id").toInteger(), f->userA1);
        QCOMPARE(json.value("from").toString(), InboundFixture::kJohn);
        QCOMPARE(json.value("body").toString(), QStringLiteral("hello"));
        QCOMPARE(json.value("contact_id").toInteger(), f->johnA1);
        QVERIFY(json.value("id").toInteger() > 0);
    }

    void aBurstLargerThanABatchTakesSeveral()
    {
        InboundRecorder &recorder = f->core->inboundRecorder();
        QSignalSpy recorded(&recorder, &InboundRecorder::recorded);
        QList<InboundMessage> burst;
        for (int i = 0; i < InboundRecorder::kMaxBatch + 10; ++i)
            burst << InboundFixture::text(QStringLiteral("B%1").arg(i), InboundFixture::kJohn,
                                          QStringLiteral("m%1").arg(i));
        // record() writes a full batch at once and keeps the rest for the window.
        recorder.record(f->vendorA, f->numberA1, burst);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.first().first().value<QList<InboundMessage>>().size(),
                 InboundRecorder::kMaxBatch);
        QCOMPARE(recorder.queued(), 10);
        QCOMPARE(recorder.flush().size(), 10);
        QCOMPARE(rows(), InboundRecorder::kMaxBatch + 10);
    }

    void whatIsHeldIsWrittenWhenTheCoreCloses()
    {
        f->core->inboundRecorder().record(f->vendorA, f->numberA1,
                                          {InboundFixture::text("1", InboundFixture::kJohn, "a")});
        f->core.reset();
        f->core = makeCoreServices(*f->dir);
        QCOMPARE(rows(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInboundRecorder)
#include "tst_inboundrecorder.moc"
