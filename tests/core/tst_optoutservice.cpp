// OptOutService through the real paths: a customer's STOP recorded by InboundRecorder opts the
// contact out (state, history, event), cancels that user's pending messages to that phone
// (opted_out, places back in the quota), new sends are rejected by MessageComposer, START opts
// back in, the operator needs a reason, and the confirmation reply is queued only when enabled.

#include "EventBus.h"
#include "InboundFixture.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "inbound/OptOutService.h"
#include "messaging/MessageStore.h"
#include "platform/Settings.h"

#include <QSignalSpy>
#include <QTest>

namespace {

// Every event of type E published on the bus while the recorder lives.
template <class E> class EventRecorder
{
public:
    explicit EventRecorder(EventBus &bus)
    {
        m_conn = bus.on<E>(&m_context, [this](qint64 vendorId, const E &e) {
            vendors << vendorId;
            events << e;
        });
    }
    ~EventRecorder() { QObject::disconnect(m_conn); }
    QList<qint64> vendors;
    QList<E> events;

private:
    QObject m_context;
    QMetaObject::Connection m_conn;
};

} // namespace

class TestOptOutService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InboundFixture> f;

    // A message John sends to number A1, recorded through the one path.
    QList<InboundMessage> johnWrites(const QString &waId, const QString &body)
    {
        return f->core->inboundRecorder().recordNow(
            f->vendorA, f->numberA1, {InboundFixture::text(waId, InboundFixture::kJohn, body)});
    }
    QString statusOf(qint64 messageId)
    {
        return f->scalar("SELECT status FROM sent_messages WHERE id = ?", {messageId}).toString();
    }
    // The quota counter of the user's current period (message_quota, QuotaCounter).
    int quotaUsed(qint64 userId)
    {
        return f->scalar("SELECT SUM(used) FROM message_quota WHERE app_user_id = ?", {userId})
            .toInt();
    }
    bool optedIn(qint64 contactId)
    {
        return f->scalar("SELECT message_opt_in FROM contact_lists WHERE id = ?", {contactId})
                   .toInt() != 0;
    }

private Q_SLOTS:
    void init() { f = std::make_unique<InboundFixture>(); }
    void cleanup() { f.reset(); }

    void keywordRule_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("keyword");
        const int out = int(OptOutService::Keyword::OptOut);
        const int in = int(OptOutService::Keyword::OptIn);
        const int none = int(OptOutService::Keyword::None);
        QTest::newRow("STOP") << "STOP" << out;
        QTest::newRow("trimmed mixed case") << " Stop " << out;
        QTest::newRow("arrêt") << QStringLiteral("arrêt") << out;
        QTest::newRow("ARRET") << "ARRET" << out;
        QTest::newRow("Arrêt with newline") << QStringLiteral("\nArrêt\t") << out;
        QTest::newRow("cancelar") << "cancelar" << out;
        // An accent no keyword has: only removing accents matches it to PARAR.
        QTest::newRow("Pârar") << QStringLiteral("Pârar") << out;
        QTest::newRow("ÁRRET") << QStringLiteral("ÁRRET") << out;
        QTest::newRow("unsubscribe") << "Unsubscribe" << out;
        QTest::newRow("stop please") << "stop please" << none;
        QTest::newRow("stopped") << "stopped" << none;
        QTest::newRow("empty") << "" << none;
        QTest::newRow("START") << "START" << in;
        QTest::newRow("unstop") << " unstop" << in;
        QTest::newRow("start now") << "start now" << none;
    }
    void keywordRule()
    {
        QFETCH(QString, text);
        QFETCH(int, keyword);
        QCOMPARE(int(f->core->optOuts().classify(text)), keyword);
    }

    void keywordsFollowTheSettings()
    {
        OptOutService &optOuts = f->core->optOuts();
        f->core->settings().setValue(QStringLiteral("optout/keywords"),
                                     QStringLiteral("BASTA, Não quero"));
        QCOMPARE(optOuts.classify(QStringLiteral("basta")), OptOutService::Keyword::OptOut);
        QCOMPARE(optOuts.classify(QStringLiteral("NAO QUERO")), OptOutService::Keyword::OptOut);
        QCOMPARE(optOuts.classify(QStringLiteral("STOP")), OptOutService::Keyword::None);
        QCOMPARE(f->core->settings().optOutKeywords(),
                 (QStringList{QStringLiteral("BASTA"), QStringLiteral("Não quero")}));
    }

    void defaultsOfTheSettings()
    {
        const Settings &s = f->core->settings();
        QCOMPARE(s.optOutKeywords().size(), 11);
        QVERIFY(s.optOutKeywords().contains(QStringLiteral("ARRÊT")));
        QCOMPARE(s.optInKeywords(),
                 (QStringList{QStringLiteral("START"), QStringLiteral("UNSTOP")}));
        QCOMPARE(s.optOutConfirmationEnabled(), false);
        QVERIFY(s.optOutConfirmationTemplate().contains(QStringLiteral("START")));
    }

    void stopOptsOutAndCancelsThatUsersPendingMessages()
    {
        // Pending: two to John and one to Mary from user A1; one to Mary from user A2.
        const auto a1 =
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn, InboundFixture::kMary});
        const auto a1Again = f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn});
        const auto a2 = f->queue(f->vendorA, f->userA2, {InboundFixture::kMary});
        const qint64 john1 = a1.results.at(0).messageId;
        const qint64 mary1 = a1.results.at(1).messageId;
        const qint64 john2 = a1Again.results.at(0).messageId;
        // One of John's was already handed to WhatsApp: it cannot be called back.
        const auto sending = f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn});
        const qint64 john3 = sending.results.at(0).messageId;
        f->scalar("UPDATE sent_messages SET status = 'sending', number_id = ? WHERE id = ?",
                  {f->numberA1, john3});
        const qint64 periodStart = Clock::nowMs() - 86400000LL;
        const int usedBefore = quotaUsed(f->userA1);
        QCOMPARE(f->core->messages().countForQuota(f->vendorA, f->userA1, periodStart), 4);

        EventRecorder<ContactOptedOutEvent> optedOut(f->core->events());
        EventRecorder<MessageStatusEvent> statuses(f->core->events());
        const QList<InboundMessage> stop = johnWrites(QStringLiteral("S1"), QStringLiteral("Stop"));
        QCOMPARE(stop.size(), 1);

        QVERIFY(!optedIn(f->johnA1));
        QCOMPARE(f->scalar("SELECT opt_out_source FROM contact_lists WHERE id = ?", {f->johnA1})
                     .toString(),
                 QStringLiteral("keyword"));
        QVERIFY(f->scalar("SELECT opted_out_at FROM contact_lists WHERE id = ?", {f->johnA1})
                    .toLongLong() > 0);
        QCOMPARE(statusOf(john1), QStringLiteral("cancelled"));
        QCOMPARE(statusOf(john2), QStringLiteral("cancelled"));
        QCOMPARE(
            f->scalar("SELECT error_message FROM sent_messages WHERE id = ?", {john1}).toString(),
            QStringLiteral("opted_out"));
        QCOMPARE(statusOf(john3), QStringLiteral("sending"));
        QCOMPARE(statusOf(mary1), QStringLiteral("pending"));
        QCOMPARE(statusOf(a2.results.at(0).messageId), QStringLiteral("pending"));
        // John B (vendor B's contact with the same phone) is untouched.
        QVERIFY(optedIn(f->johnB1));
        // The quota counter gave the two places back (the migration 2 trigger).
        QCOMPARE(quotaUsed(f->userA1), usedBefore - 2);
        QCOMPARE(f->core->messages().countForQuota(f->vendorA, f->userA1, periodStart), 2);

        QCOMPARE(optedOut.events.size(), 1);
        QCOMPARE(optedOut.vendors.first(), f->vendorA);
        const ContactOptedOutEvent e = optedOut.events.first();
        QCOMPARE(e.userId, f->userA1);
        QCOMPARE(e.contactId, f->johnA1);
        QCOMPARE(e.phone, InboundFixture::kJohn);
        QCOMPARE(e.source, QStringLiteral("keyword"));
        QCOMPARE(e.toJson().value("event").toString(), QStringLiteral("contact_opted_out"));
        QCOMPARE(statuses.events.size(), 2);
        QCOMPARE(statuses.events.first().errorMessage, QStringLiteral("opted_out"));

        const auto history = f->core->optOuts().history(f->vendorA, f->johnA1);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().action, QStringLiteral("opt_out"));
        QCOMPARE(history.first().source, QStringLiteral("keyword"));
        QCOMPARE(history.first().receivedMessageId, stop.first().id);
        const OptOutService::State state = f->core->optOuts().state(f->vendorA, f->johnA1);
        QVERIFY(state.optedOut);
        QCOMPARE(state.source, QStringLiteral("keyword"));
    }

    void newSendsToAnOptedOutContactAreRejected()
    {
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        // Alone: nothing to queue.
        QJsonObject details;
        try {
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn});
            QFAIL("queued to an opted-out contact");
        } catch (const DomainError &e) {
            QCOMPARE(e.code(), QStringLiteral("no_valid_recipients"));
            details = e.details();
        }
        QCOMPARE(details.value("results").toArray().first().toObject().value("reason").toString(),
                 QStringLiteral("opted_out"));
        // With someone else: that one is queued, John rejected.
        const auto mixed =
            f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn, InboundFixture::kMary});
        QCOMPARE(mixed.queued, 1);
        QCOMPARE(mixed.results.first().reason, QStringLiteral("opted_out"));
        // Vendor B's John still gets messages (a subscription first).
        f->subscribe(f->userB1, 10);
        QCOMPARE(f->queue(f->vendorB, f->userB1, {InboundFixture::kJohn}).queued, 1);
    }

    void startOptsBackIn()
    {
        EventRecorder<ContactOptedInEvent> optedIn(f->core->events());
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        const QList<InboundMessage> start =
            johnWrites(QStringLiteral("S2"), QStringLiteral("start"));
        QVERIFY(this->optedIn(f->johnA1));
        QVERIFY(
            f->scalar("SELECT opted_out_at FROM contact_lists WHERE id = ?", {f->johnA1}).isNull());
        QCOMPARE(optedIn.events.size(), 1);
        QCOMPARE(optedIn.events.first().source, QStringLiteral("keyword"));
        QCOMPARE(optedIn.events.first().toJson().value("event").toString(),
                 QStringLiteral("contact_opted_in"));
        const auto history = f->core->optOuts().history(f->vendorA, f->johnA1);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.first().action, QStringLiteral("opt_in")); // newest first
        QCOMPARE(history.first().receivedMessageId, start.first().id);
        QCOMPARE(f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn}).queued, 1);
    }

    void repeatedStopChangesNothingTwice()
    {
        EventRecorder<ContactOptedOutEvent> optedOut(f->core->events());
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        johnWrites(QStringLiteral("S2"), QStringLiteral("stop"));
        // And the first one again (re-emitted, or read back by the catch-up).
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        QCOMPARE(optedOut.events.size(), 1);
        QCOMPARE(f->core->optOuts().history(f->vendorA, f->johnA1).size(), 1);
    }

    // The verdict is stored with the message and applied after its commit; a crash in
    // between leaves it unapplied, and the next start applies it (nothing lost, once).
    void aKeywordLeftUnappliedByACrashIsAppliedAtTheNextStart()
    {
        johnWrites(QStringLiteral("S0"), QStringLiteral("hello"));
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        // The live path applied it in the same transaction as the change.
        QCOMPARE(f->count("SELECT COUNT(*) FROM received_messages WHERE keyword IS NOT NULL "
                          "AND keyword_applied_at IS NULL"),
                 0);
        QCOMPARE(f->count("SELECT COUNT(*) FROM received_messages WHERE keyword = 'opt_out'"), 1);
        johnWrites(QStringLiteral("S2"), QStringLiteral("START"));
        QVERIFY(optedIn(f->johnA1));

        // The process dies after recording a STOP, before applying it: the row as the
        // recorder stores it, nothing else.
        InboundMessage m = InboundFixture::text(QStringLiteral("S3"), InboundFixture::kJohn,
                                                QStringLiteral(" Arrêt "));
        m.vendorId = f->vendorA;
        m.appUserId = f->userA1;
        m.numberId = f->numberA1;
        m.keyword = f->core->optOuts().keywordAction(m.body);
        QCOMPARE(m.keyword, QStringLiteral("opt_out"));
        QCOMPARE(f->core->inbound().record({m}).size(), 1);
        QVERIFY(optedIn(f->johnA1));

        f->core.reset();
        f->core = makeCoreServices(*f->dir);
        QVERIFY(!optedIn(f->johnA1));
        const auto history = f->core->optOuts().history(f->vendorA, f->johnA1);
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.first().action, QStringLiteral("opt_out"));
        QCOMPARE(history.first().source, QStringLiteral("keyword"));
        // Once: another start applies nothing more.
        f->core.reset();
        f->core = makeCoreServices(*f->dir);
        QCOMPARE(f->core->optOuts().history(f->vendorA, f->johnA1).size(), 3);
        QCOMPARE(f->core->optOuts().applyPending(), 0);
    }

    // The contacts' own update paths (PATCH /contacts/..., the batch update) go through the
    // rule too: message_opt_in false records the change and cancels pending messages; true
    // on an opted-out contact is refused (a reason is needed: the opt-in route).
    void contactUpdatesFollowTheRule()
    {
        const auto queued = f->queue(f->vendorA, f->userA1, {InboundFixture::kJohn});
        ContactService contacts(*f->core);
        const Contact c = contacts.update(f->vendorA, f->userA1, f->johnA1,
                                          QJsonObject{{"message_opt_in", false}});
        QVERIFY(!c.messageOptIn);
        QCOMPARE(statusOf(queued.results.at(0).messageId), QStringLiteral("cancelled"));
        auto history = f->core->optOuts().history(f->vendorA, f->johnA1);
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().source, QStringLiteral("api"));

        QCOMPARE(errorCode([&] {
                     contacts.update(f->vendorA, f->userA1, f->johnA1,
                                     QJsonObject{{"message_opt_in", true}, {"nickname", "J"}});
                 }),
                 QStringLiteral("reason_required"));
        QVERIFY(!optedIn(f->johnA1));
        QVERIFY(f->scalar("SELECT nickname FROM contact_lists WHERE id = ?", {f->johnA1}).isNull());

        const auto results = contacts.updateMany(
            f->vendorA, f->userA1,
            QJsonArray{QJsonObject{{"id", f->johnA1}, {"message_opt_in", true}},
                       QJsonObject{{"id", f->maryA1}, {"message_opt_in", false}}});
        QCOMPARE(results.at(0).status, QStringLiteral("invalid"));
        QVERIFY(results.at(0).error.contains(QLatin1String("reason")));
        QCOMPARE(results.at(1).status, QStringLiteral("updated"));
        QVERIFY(!optedIn(f->johnA1));
        QVERIFY(!optedIn(f->maryA1));
        QCOMPARE(f->core->optOuts().history(f->vendorA, f->maryA1).size(), 1);

        // With a reason, through the rule: back in.
        f->core->optOuts().optIn(f->vendorA, f->userA1, f->johnA1, OptOutService::kApi,
                                 QStringLiteral("asked by phone"));
        QVERIFY(optedIn(f->johnA1));
        // Setting what already is changes nothing and records nothing.
        contacts.update(f->vendorA, f->userA1, f->johnA1, QJsonObject{{"message_opt_in", true}});
        QCOMPARE(f->core->optOuts().history(f->vendorA, f->johnA1).size(), 2);
    }

    void aStrangersStopChangesNoContact()
    {
        EventRecorder<ContactOptedOutEvent> optedOut(f->core->events());
        f->core->inboundRecorder().recordNow(
            f->vendorA, f->numberA2, {InboundFixture::text("S1", InboundFixture::kJohn, "STOP")});
        // John is not user A2's contact; A1's John stays opted in.
        QVERIFY(optedIn(f->johnA1));
        QCOMPARE(optedOut.events.size(), 0);
    }

    void operatorOptInNeedsAReason()
    {
        OptOutService &optOuts = f->core->optOuts();
        optOuts.optOut(f->vendorA, f->userA1, f->johnA1, OptOutService::kOperator);
        QVERIFY(!optedIn(f->johnA1));
        QCOMPARE(errorCode([&] {
                     optOuts.optIn(f->vendorA, f->userA1, f->johnA1, OptOutService::kOperator,
                                   QStringLiteral("  "));
                 }),
                 QStringLiteral("reason_required"));
        QCOMPARE(errorCode([&] {
                     optOuts.optIn(f->vendorA, f->userA1, f->johnA1, OptOutService::kApi,
                                   QString());
                 }),
                 QStringLiteral("reason_required"));
        QVERIFY(!optedIn(f->johnA1));
        const auto r = optOuts.optIn(f->vendorA, f->userA1, f->johnA1, OptOutService::kOperator,
                                     QStringLiteral("Asked by phone on 3 Dec"));
        QVERIFY(r.changed);
        QVERIFY(r.contact.messageOptIn);
        QVERIFY(optedIn(f->johnA1));
        const auto history = optOuts.history(f->vendorA, f->johnA1);
        QCOMPARE(history.first().reason, QStringLiteral("Asked by phone on 3 Dec"));
        QCOMPARE(history.first().toJson().value("source").toString(), QStringLiteral("operator"));
        QVERIFY(history.first().toJson().value("received_message_id").isNull());
    }

    void foreignContactsAreNotFound()
    {
        OptOutService &optOuts = f->core->optOuts();
        QCOMPARE(errorCode([&] {
                     optOuts.optOut(f->vendorB, f->userB1, f->johnA1, OptOutService::kApi);
                 }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] {
                     optOuts.optOut(f->vendorB, f->userA1, f->johnA1, OptOutService::kApi);
                 }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] { optOuts.history(f->vendorB, f->johnA1); }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] { optOuts.state(f->vendorB, f->johnA1); }),
                 QStringLiteral("not_found"));
        QCOMPARE(errorCode([&] {
                     optOuts.optOut(f->vendorA, f->userA1, f->johnA1, QStringLiteral("robot"));
                 }),
                 QStringLiteral("validation_failed"));
        QVERIFY(optedIn(f->johnA1));
    }

    void noConfirmationByDefault()
    {
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        QCOMPARE(f->count("SELECT COUNT(*) FROM sent_messages"), 0);
    }

    void confirmationIsQueuedLikeAnyMessageWhenEnabled()
    {
        f->core->settings().setValue(QStringLiteral("optout/confirmation_enabled"), true);
        f->core->settings().setValue(QStringLiteral("optout/confirmation_template"),
                                     QStringLiteral("Bye {{name}}, reply START to come back."));
        QSignalSpy queued(&f->core->events(), &EventBus::messagesQueued);
        johnWrites(QStringLiteral("S1"), QStringLiteral("STOP"));
        QCOMPARE(f->count("SELECT COUNT(*) FROM sent_messages"), 1);
        QCOMPARE(f->scalar("SELECT recipient FROM sent_messages").toString(),
                 InboundFixture::kJohn);
        QCOMPARE(f->scalar("SELECT message FROM sent_messages").toString(),
                 QStringLiteral("Bye John, reply START to come back."));
        QCOMPARE(f->scalar("SELECT status FROM sent_messages").toString(),
                 QStringLiteral("pending"));
        // From the number the customer wrote to; counted in the quota like any message.
        QCOMPARE(f->scalar("SELECT from_number_id FROM sent_messages").toLongLong(), f->numberA1);
        QCOMPARE(quotaUsed(f->userA1), 1);
        QCOMPARE(queued.size(), 1);
        // John is opted out all the same, and gets no second confirmation.
        QVERIFY(!optedIn(f->johnA1));
        johnWrites(QStringLiteral("S2"), QStringLiteral("STOP"));
        QCOMPARE(f->count("SELECT COUNT(*) FROM sent_messages"), 1);
    }
};

QTEST_GUILESS_MAIN(TestOptOutService)
#include "tst_optoutservice.moc"
