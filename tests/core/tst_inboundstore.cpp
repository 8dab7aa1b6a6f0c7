// InboundStore on a real SQLite file: recording exactly once (re-emitted, after a reopen, the
// catch-up's overlap, two connections at the same time), what is resolved while recording
// (the user's contact, our quoted message of that number), reactions, revokes, @lid senders,
// and the vendor-scoped reads (list, conversation, chats, read receipts).

#include "InboundFixture.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundStore.h"
#include "storage/SqlSupport.h"

#include <QJsonArray>
#include <QTest>
#include <QThread>

#include <atomic>

class TestInboundStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InboundFixture> f;

    InboundMessage forA1(InboundMessage m) const
    {
        return f->owned(std::move(m), f->vendorA, f->userA1, f->numberA1);
    }
    int rows() { return f->count(QStringLiteral("SELECT COUNT(*) FROM received_messages")); }

private Q_SLOTS:
    void init() { f = std::make_unique<InboundFixture>(); }
    void cleanup() { f.reset(); }

    void sameMessageTwiceIsOneRow()
    {
        InboundStore &store = f->core->inbound();
        const InboundMessage m = forA1(InboundFixture::text(
            QStringLiteral("W1"), InboundFixture::kJohn, QStringLiteral("hello")));
        const QList<InboundMessage> first = store.record({m});
        QCOMPARE(first.size(), 1);
        QVERIFY(first.first().id > 0);
        // WhatsApp re-emits it; and twice within one batch.
        QCOMPARE(store.record({m}).size(), 0);
        QCOMPARE(store.record({m, m}).size(), 0);
        QCOMPARE(rows(), 1);
        // The same WhatsApp id on another number is another message.
        QCOMPARE(store.record({f->owned(m, f->vendorA, f->userA1, f->numberA1b)}).size(), 1);
        QCOMPARE(rows(), 2);
    }

    void newAndKnownInOneBatchReturnsOnlyTheNew()
    {
        InboundStore &store = f->core->inbound();
        const InboundMessage a = forA1(InboundFixture::text("A", InboundFixture::kJohn, "1"));
        const InboundMessage b = forA1(InboundFixture::text("B", InboundFixture::kJohn, "2"));
        const InboundMessage c = forA1(InboundFixture::text("C", InboundFixture::kJohn, "3"));
        store.record({a, b});
        // The catch-up's overlap: pages that repeat what was recorded live.
        const QList<InboundMessage> stored = store.record({a, b, c});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().waMessageId, QStringLiteral("C"));
        QCOMPARE(rows(), 3);
    }

    void reopeningTheDatabaseKeepsItOnce()
    {
        const InboundMessage m = forA1(InboundFixture::text("W1", InboundFixture::kJohn, "hi"));
        QCOMPARE(f->core->inbound().record({m}).size(), 1);
        // A restart: a new CoreServices on the same data directory.
        f->core.reset();
        f->core = makeCoreServices(*f->dir);
        QCOMPARE(f->core->inbound().record({m}).size(), 0);
        QCOMPARE(rows(), 1);
        QCOMPARE(f->core->inbound().lastReceivedAtMs(f->numberA1), m.receivedAtMs);
    }

    void twoConnectionsRecordingTheSameMessagesStoreEachOnce()
    {
        QList<InboundMessage> batch;
        for (int i = 0; i < 300; ++i)
            batch << forA1(InboundFixture::text(QStringLiteral("C%1").arg(i), InboundFixture::kJohn,
                                                QStringLiteral("m%1").arg(i), 1765000000000 + i));
        const Database &db = f->core->database();
        std::atomic<int> stored{0};
        std::atomic<int> failures{0};
        auto worker = [&](const QString &suffix) {
            const QString conn = db.openThreadConnection(suffix);
            {
                InboundStore store(conn);
                try {
                    // In slices, so the two writers interleave.
                    for (int i = 0; i < batch.size(); i += 25)
                        stored += int(store.record(batch.mid(i, 25)).size());
                } catch (const DomainError &) {
                    ++failures;
                }
            }
            Database::closeThreadConnection(conn);
        };
        QThread *t1 = QThread::create(worker, QStringLiteral("inbound-1"));
        QThread *t2 = QThread::create(worker, QStringLiteral("inbound-2"));
        t1->start();
        t2->start();
        QVERIFY(t1->wait(60000));
        QVERIFY(t2->wait(60000));
        delete t1;
        delete t2;
        QCOMPARE(failures.load(), 0);
        QCOMPARE(stored.load(), 300);
        QCOMPARE(rows(), 300);
    }

    void contactIsTheUsersOwnOnly()
    {
        InboundStore &store = f->core->inbound();
        const InboundMessage john = InboundFixture::text("J", InboundFixture::kJohn, "hi");
        // John is a contact of user A1 ...
        QCOMPARE(store.record({forA1(john)}).first().contactId, f->johnA1);
        // ... not of user A2 (same vendor): no contact, never A1's.
        QCOMPARE(
            store.record({f->owned(john, f->vendorA, f->userA2, f->numberA2)}).first().contactId,
            qint64(0));
        // Vendor B's user has a John of its own.
        QCOMPARE(
            store.record({f->owned(john, f->vendorB, f->userB1, f->numberB1)}).first().contactId,
            f->johnB1);
        // A stranger is stored without a contact.
        QCOMPARE(store.record({forA1(InboundFixture::text("S", InboundFixture::kStranger, "?"))})
                     .first()
                     .contactId,
                 qint64(0));
        QCOMPARE(f->scalar("SELECT contact_id FROM received_messages WHERE wa_message_id = 'J' "
                           "AND number_id = ?",
                           {f->numberA1})
                     .toLongLong(),
                 f->johnA1);
    }

    void quotedMessageIsOursOnlyFromThatNumber()
    {
        // Our message to John, sent by number A1 with WhatsApp id OURS1.
        const auto outcome = f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn});
        const qint64 sentId = outcome.results.first().messageId;
        f->scalar("UPDATE sent_messages SET status = 'sent', number_id = ?, wa_message_id = "
                  "'OURS1' WHERE id = ?",
                  {f->numberA1, sentId});
        InboundStore &store = f->core->inbound();
        InboundMessage reply = forA1(InboundFixture::text("R1", InboundFixture::kJohn, "yes"));
        reply.quotedWaMessageId = QStringLiteral("OURS1");
        const InboundMessage stored = store.record({reply}).first();
        QCOMPARE(stored.quotedMessageId, sentId);
        QCOMPARE(stored.quotedWaMessageId, QStringLiteral("OURS1"));
        QCOMPARE(
            f->scalar("SELECT quoted_message_id FROM received_messages WHERE id = ?", {stored.id})
                .toLongLong(),
            sentId);
        // The same id quoted on another number of the user is not that row.
        InboundMessage other = f->owned(reply, f->vendorA, f->userA1, f->numberA1b);
        other.waMessageId = QStringLiteral("R2");
        const InboundMessage onOther = store.record({other}).first();
        QCOMPARE(onOther.quotedMessageId, qint64(0));
        QCOMPARE(onOther.quotedWaMessageId, QStringLiteral("OURS1"));
        // A quote of the customer's own message keeps only the WhatsApp id.
        InboundMessage own = forA1(InboundFixture::text("R3", InboundFixture::kJohn, "again"));
        own.quotedWaMessageId = QStringLiteral("R1");
        QCOMPARE(store.record({own}).first().quotedMessageId, qint64(0));
        QCOMPARE(store.find(f->vendorA, stored.id).toJson().value("quoted_message_id").toInteger(),
                 sentId);
    }

    void reactionAndRevoke()
    {
        InboundStore &store = f->core->inbound();
        const InboundMessage original =
            store.record({forA1(InboundFixture::text("M1", InboundFixture::kJohn, "oops"))})
                .first();
        InboundMessage reaction = forA1(InboundFixture::text("RE1", InboundFixture::kJohn, "👍"));
        reaction.type = QStringLiteral("reaction");
        reaction.reactionTargetWaId = QStringLiteral("M1");
        InboundMessage revoke =
            forA1(InboundFixture::text("RV1", InboundFixture::kJohn, QString(), 1765000005000));
        revoke.type = QStringLiteral("revoked");
        revoke.reactionTargetWaId = QStringLiteral("M1");
        QCOMPARE(store.record({reaction, revoke}).size(), 2);
        const InboundMessage after = store.find(f->vendorA, original.id);
        QCOMPARE(after.revokedAtMs, qint64(1765000005000));
        QCOMPARE(after.body, QStringLiteral("oops")); // kept: the vendor's record
        QCOMPARE(f->scalar("SELECT reaction_target_wa_id FROM received_messages WHERE "
                           "wa_message_id = 'RE1'")
                     .toString(),
                 QStringLiteral("M1"));
        QCOMPARE(
            f->scalar("SELECT body FROM received_messages WHERE wa_message_id = 'RE1'").toString(),
            QStringLiteral("👍"));
        // The revoke recorded again (catch-up) changes nothing.
        QCOMPARE(store.record({revoke}).size(), 0);
        QCOMPARE(store.find(f->vendorA, original.id).revokedAtMs, qint64(1765000005000));
    }

    void revokeUnderTheRevokedMessagesOwnId()
    {
        // As WhatsApp (and the adapter) report it: the revoked message itself, type "revoked",
        // with the original's id.
        InboundStore &store = f->core->inbound();
        const InboundMessage original =
            store.record({forA1(InboundFixture::text("M2", InboundFixture::kJohn, "secret"))})
                .first();
        InboundMessage revoke =
            forA1(InboundFixture::text("M2", InboundFixture::kJohn, QString(), 1765000007000));
        revoke.type = QStringLiteral("revoked");
        revoke.reactionTargetWaId = QStringLiteral("M2");
        const QList<InboundMessage> stored = store.record({revoke});
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().waMessageId, QStringLiteral("M2:revoked"));
        QCOMPARE(stored.first().reactionTargetWaId, QStringLiteral("M2"));
        QCOMPARE(store.find(f->vendorA, original.id).revokedAtMs, qint64(1765000007000));
        // Reported again (a reload, the catch-up): nothing new.
        QCOMPARE(store.record({revoke}).size(), 0);
        QCOMPARE(rows(), 2);
    }

    void aChangedReactionFollowsAndIsReturnedAgain()
    {
        InboundStore &store = f->core->inbound();
        InboundMessage reaction = forA1(InboundFixture::text("RX", InboundFixture::kJohn, "👍"));
        reaction.type = QStringLiteral("reaction");
        reaction.reactionTargetWaId = QStringLiteral("OURS9");
        const qint64 id = store.record({reaction}).first().id;
        QCOMPARE(store.record({reaction}).size(), 0); // the same: nothing
        reaction.body = QLatin1String("");            // removed
        const QList<InboundMessage> changed = store.record({reaction});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().id, id);
        QCOMPARE(f->scalar("SELECT body FROM received_messages WHERE id = ?", {id}).toString(),
                 QString());
        QVERIFY(!f->scalar("SELECT body FROM received_messages WHERE id = ?", {id}).isNull());
        QCOMPARE(rows(), 1);
    }

    void lidOnlySender()
    {
        InboundMessage m = forA1(InboundFixture::text("L1", QString(), "hi"));
        m.fromLid = QStringLiteral("123456789012345@lid");
        m.chatWid = m.fromLid;
        const InboundMessage stored = f->core->inbound().record({m}).first();
        QCOMPARE(stored.contactId, qint64(0));
        QVERIFY(f->scalar("SELECT from_phone FROM received_messages WHERE id = ?", {stored.id})
                    .isNull());
        QCOMPARE(f->scalar("SELECT from_lid FROM received_messages WHERE id = ?", {stored.id})
                     .toString(),
                 QStringLiteral("123456789012345@lid"));
        const QJsonObject json = f->core->inbound().find(f->vendorA, stored.id).toJson();
        QVERIFY(json.value("from").isNull());
        QCOMPARE(json.value("from_lid").toString(), QStringLiteral("123456789012345@lid"));
        // Its conversation is found by the lid.
        const auto timeline =
            f->core->inbound().conversation(f->vendorA, f->userA1, m.fromLid, 0, 10);
        QCOMPARE(timeline.size(), 1);
        QCOMPARE(timeline.first().in.id, stored.id);
    }

    void jsonIsTheApiObject()
    {
        InboundMessage m = forA1(InboundFixture::text("J1", InboundFixture::kJohn, "hello"));
        m.fromLid = QStringLiteral("99@lid");
        const InboundMessage stored = f->core->inbound().record({m}).first();
        const QJsonObject json = f->core->inbound().find(f->vendorA, stored.id).toJson();
        QStringList keys = json.keys();
        keys.sort();
        QCOMPARE(keys,
                 (QStringList{"app_user_id", "body", "caption", "contact_id", "filename", "from",
                              "from_lid", "id", "mimetype", "number_id", "quoted_message_id",
                              "quoted_wa_message_id", "received_at", "type", "wa_message_id"}));
        QCOMPARE(json.value("from").toString(), InboundFixture::kJohn);
        QCOMPARE(json.value("contact_id").toInteger(), f->johnA1);
        QCOMPARE(json.value("received_at").toString(), QStringLiteral("2025-12-06T05:46:40Z"));
        QVERIFY(json.value("caption").isNull());
        QVERIFY(json.value("quoted_message_id").isNull());
    }

    void readsAreScopedToTheVendor()
    {
        const InboundMessage stored =
            f->core->inbound()
                .record({forA1(InboundFixture::text("X", InboundFixture::kJohn, "x"))})
                .first();
        InboundStore &store = f->core->inbound();
        QCOMPARE(errorCode([&] { store.find(f->vendorB, stored.id); }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] { store.markRead(f->vendorB, stored.id); }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] { store.list(f->vendorB, f->userA1, {}); }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] {
                     store.conversation(f->vendorB, f->userA1, InboundFixture::kJohn, 0, 10);
                 }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] { store.chats(f->vendorB, f->userA1); }),
                 QStringLiteral("not_found"));
        QCOMPARE(store.list(f->vendorA, f->userA2, {}).total, 0);
        QVERIFY(store.find(f->vendorA, stored.id).id == stored.id);
        QVERIFY(
            f->scalar("SELECT read_at FROM received_messages WHERE id = ?", {stored.id}).isNull());
    }

    void listFiltersAndPages()
    {
        InboundStore &store = f->core->inbound();
        QList<InboundMessage> batch;
        for (int i = 0; i < 5; ++i)
            batch << forA1(InboundFixture::text(QStringLiteral("J%1").arg(i), InboundFixture::kJohn,
                                                "j", 1765000000000 + i * 1000));
        for (int i = 0; i < 3; ++i)
            batch << forA1(InboundFixture::text(QStringLiteral("M%1").arg(i), InboundFixture::kMary,
                                                "m", 1765000000500 + i * 1000));
        store.record(batch);
        InboundStore::ListQuery q;
        q.limit = 3;
        InboundStore::ListPage page = store.list(f->vendorA, f->userA1, q);
        QCOMPARE(page.total, 8);
        QCOMPARE(page.messages.size(), 3);
        QCOMPARE(page.messages.first().waMessageId, QStringLiteral("J4")); // newest first
        q.page = 3;
        QCOMPARE(store.list(f->vendorA, f->userA1, q).messages.size(), 2);
        InboundStore::ListQuery byContact;
        byContact.contactId = f->maryA1;
        QCOMPARE(store.list(f->vendorA, f->userA1, byContact).total, 3);
        InboundStore::ListQuery byPhone;
        byPhone.phone = InboundFixture::kJohn;
        byPhone.sinceMs = 1765000003000;
        page = store.list(f->vendorA, f->userA1, byPhone);
        QCOMPARE(page.total, 2);
        QCOMPARE(page.messages.last().waMessageId, QStringLiteral("J3"));
    }

    void conversationHasBothDirectionsInOrder()
    {
        const qint64 now = Clock::nowMs();
        // We wrote first, John answered twice, we wrote again.
        const auto first = f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn}, "Offer");
        f->scalar("UPDATE sent_messages SET created_at = ? WHERE id = ?",
                  {now - 3000, first.results.first().messageId});
        InboundStore &store = f->core->inbound();
        store.record(
            {forA1(InboundFixture::text("A1", InboundFixture::kJohn, "yes", now - 2000)),
             forA1(InboundFixture::text("A2", InboundFixture::kJohn, "how?", now - 1000))});
        // Mary's messages are not John's conversation.
        store.record({forA1(InboundFixture::text("MM", InboundFixture::kMary, "hi", now - 1500))});
        const auto second = f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn}, "Like this");
        f->scalar("UPDATE sent_messages SET created_at = ? WHERE id = ?",
                  {now - 500, second.results.first().messageId});

        auto timeline = store.conversation(f->vendorA, f->userA1, InboundFixture::kJohn, 0, 10);
        QCOMPARE(timeline.size(), 4);
        QCOMPARE(timeline.at(0).direction, QStringLiteral("out"));
        QCOMPARE(timeline.at(0).out.message, QStringLiteral("Offer"));
        QCOMPARE(timeline.at(0).out.status, QStringLiteral("pending"));
        QCOMPARE(timeline.at(1).in.body, QStringLiteral("yes"));
        QCOMPARE(timeline.at(2).in.body, QStringLiteral("how?"));
        QCOMPARE(timeline.at(3).out.message, QStringLiteral("Like this"));
        // The two newest before the last: "yes" and "how?".
        timeline = store.conversation(f->vendorA, f->userA1, InboundFixture::kJohn, now - 500, 2);
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline.at(0).in.body, QStringLiteral("yes"));
        QCOMPARE(timeline.at(1).in.body, QStringLiteral("how?"));
        // Another user of the vendor sees nothing of it.
        QCOMPARE(store.conversation(f->vendorA, f->userA2, InboundFixture::kJohn, 0, 10).size(), 0);
    }

    void chatsCountUnreadAndMarkReadIsPerChat()
    {
        InboundStore &store = f->core->inbound();
        const QList<InboundMessage> john = store.record(
            {forA1(InboundFixture::text("J1", InboundFixture::kJohn, "1", 1765000001000)),
             forA1(InboundFixture::text("J2", InboundFixture::kJohn, "2", 1765000002000)),
             forA1(InboundFixture::text("J3", InboundFixture::kJohn, "3", 1765000003000))});
        store.record(
            {forA1(InboundFixture::text("S1", InboundFixture::kStranger, "?", 1765000004000)),
             f->owned(InboundFixture::text("B1", InboundFixture::kJohn, "b", 1765000009000),
                      f->vendorA, f->userA1, f->numberA1b)});
        QList<InboundStore::Chat> chats = store.chats(f->vendorA, f->userA1);
        QCOMPARE(chats.size(), 3); // John on A1, the stranger, John on A1b
        QCOMPARE(chats.at(0).numberId, f->numberA1b);
        QCOMPARE(chats.at(1).phone, InboundFixture::kStranger);
        QCOMPARE(chats.at(1).contactId, qint64(0));
        QVERIFY(chats.at(1).contactName.isNull());
        QCOMPARE(chats.at(2).contactName, QStringLiteral("John"));
        QCOMPARE(chats.at(2).unread, 3);
        QCOMPARE(chats.at(2).last.waMessageId, QStringLiteral("J3"));
        QCOMPARE(store.chats(f->vendorA, f->userA1, f->numberA1).size(), 2);

        // Reading J2 reads J1 too (a read receipt is per chat), not J3 nor other chats.
        const InboundMessage read = store.markRead(f->vendorA, john.at(1).id);
        QVERIFY(read.readAtMs > 0);
        chats = store.chats(f->vendorA, f->userA1, f->numberA1);
        QCOMPARE(chats.at(1).unread, 1);
        QCOMPARE(chats.at(0).unread, 1);
        QVERIFY(store.find(f->vendorA, john.at(0).id).readAtMs > 0);
        QCOMPARE(store.find(f->vendorA, john.at(2).id).readAtMs, qint64(0));
        // Marking again keeps the first time.
        QCOMPARE(store.markRead(f->vendorA, john.at(1).id).readAtMs, read.readAtMs);
    }

    void lastReceivedIsPerNumber()
    {
        InboundStore &store = f->core->inbound();
        QCOMPARE(store.lastReceivedAtMs(f->numberA1), qint64(0));
        store.record({forA1(InboundFixture::text("1", InboundFixture::kJohn, "a", 1765000001000)),
                      forA1(InboundFixture::text("2", InboundFixture::kJohn, "b", 1765000003000)),
                      forA1(InboundFixture::text("3", InboundFixture::kJohn, "c", 1765000002000))});
        QCOMPARE(store.lastReceivedAtMs(f->numberA1), qint64(1765000003000));
        QCOMPARE(store.lastReceivedAtMs(f->numberA1b), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestInboundStore)
#include "tst_inboundstore.moc"
