// MessageComposer, NumberRegistry and ContactService on a real SQLite file: the business rules
// of POST /messages, numbers and contacts without HTTP (the API tests cover the HTTP side).

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneNormalizer.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberRegistry.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <optional>
#include <thread>

namespace {

QString codeOf(const std::function<void()> &f, QJsonObject *details = nullptr)
{
    try {
        f();
    } catch (const DomainError &e) {
        if (details)
            *details = e.details();
        return e.code();
    }
    return QString();
}

} // namespace

class TestMessageComposer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    qint64 m_vendor = 0;
    qint64 m_user = 0;
    qint64 m_otherVendor = 0;
    qint64 m_otherUser = 0;

    qint64 subscribe(qint64 userId, int maxNumbers, int maxMessages)
    {
        Plan p;
        p.name = QStringLiteral("P");
        p.maxPhoneNumbers = maxNumbers;
        p.maxMessages = maxMessages;
        const Plan plan = m_core->plans().create(p);
        Subscription s;
        s.appUserId = userId;
        s.planId = plan.id;
        s.startsAt = Clock::nowMs() - 1000;
        s.endsAt = Clock::nowMs() + 86400000LL;
        return m_core->subscriptions().create(s).id;
    }
    qint64 makeUser(qint64 vendorId, const QString &email)
    {
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = email;
        return m_core->users().create(vendorId, u).id;
    }
    void addContacts(qint64 userId, const QJsonArray &items)
    {
        ContactService(*m_core).add(m_vendor, userId, items);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        m_otherVendor = m_core->accounts()
                            .registerVendor(QStringLiteral("B"), QStringLiteral("b@example.com"),
                                            QStringLiteral("password1"), QStringLiteral("B"),
                                            QStringLiteral("08031234568"))
                            .vendor.id;
        m_user = makeUser(m_vendor, QStringLiteral("u@example.com"));
        m_otherUser = makeUser(m_otherVendor, QStringLiteral("u@example.com"));
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void composeQueuesRendersAndRejects()
    {
        subscribe(m_user, 2, 100);
        addContacts(m_user, QJsonArray{
                                QJsonObject{{"name", "John"}, {"phone_number", "08031234567"},
                                            {"nickname", "Johnny"}},
                                QJsonObject{{"name", "Mary"}, {"phone_number", "08031234568"},
                                            {"message_opt_in", false}},
                            });
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("Hi {{nickname}} {{order|none}}");
        r.templateId = QStringLiteral("t1");
        r.recipients = {{QStringLiteral("+2348031234567"), QJsonObject{{"order", "A1"}}},
                        {QStringLiteral("08031234567"), {}},
                        {QStringLiteral("08031234568"), {}},
                        {QStringLiteral("08039999999"), {}},
                        {QStringLiteral("12"), {}},
                        {QStringLiteral("+2348039999999"), {}}};
        const auto out = composer.compose(m_vendor, r);
        QCOMPARE(out.queued, 2);
        QCOMPARE(out.rejected, 4);
        QCOMPARE(out.results.at(0).queued, true);
        QCOMPARE(out.results.at(1).queued, true);
        QCOMPARE(out.results.at(2).reason, QStringLiteral("opted_out"));
        QCOMPARE(out.results.at(3).reason, QStringLiteral("not_in_contact_list"));
        QCOMPARE(out.results.at(4).reason, QStringLiteral("invalid_phone"));
        QCOMPARE(out.results.at(5).reason, QStringLiteral("not_in_contact_list"));
        const auto first = m_core->messages().find(m_vendor, out.results.at(0).messageId);
        QVERIFY(first);
        QCOMPARE(first->message, QStringLiteral("Hi Johnny A1"));
        QCOMPARE(first->recipient, QStringLiteral("2348031234567"));
        QCOMPARE(first->status, MessageStatus::Pending);
        QCOMPARE(first->templateId, QStringLiteral("t1"));
        QCOMPARE(first->batchId, out.batchId);
        QVERIFY(first->expiresAt > Clock::nowMs() + 86000LL * 1000);
        const auto second = m_core->messages().find(m_vendor, out.results.at(1).messageId);
        QCOMPARE(second->message, QStringLiteral("Hi Johnny none"));
        // Another vendor sees nothing of it.
        QVERIFY(!m_core->messages().find(m_otherVendor, first->id));
    }

    // The composer gathers the contact fields a template names before rendering; it must see
    // the placeholders the renderer replaces. "{{ x {{nickname}}": the renderer reads
    // "nickname" (the first "{{" is text), a second scanner read " x {{nickname" and left the
    // contact's nickname out, so it rendered empty.
    void composerReadsTheKeysTheRendererReplaces()
    {
        subscribe(m_user, 2, 100);
        addContacts(m_user, QJsonArray{QJsonObject{{"name", "John"},
                                                   {"phone_number", "08031234567"},
                                                   {"nickname", "Johnny"}}});
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("{{ x {{nickname}} and {{|friend}}");
        r.recipients = {{QStringLiteral("08031234567"), {}}};
        const auto out = composer.compose(m_vendor, r);
        QCOMPARE(out.queued, 1);
        const auto m = m_core->messages().find(m_vendor, out.results.at(0).messageId);
        QVERIFY(m);
        QCOMPARE(m->message, QStringLiteral("{{ x Johnny and friend"));
    }

    // The composer reads only the contact columns the templates name (message and caption),
    // and the whole contact when they name a field that is not plain text: each kind still
    // renders the contact's value, metadata first.
    void composerReadsEveryContactFieldTheTemplatesName()
    {
        subscribe(m_user, 2, 100);
        addContacts(m_user, QJsonArray{QJsonObject{{"name", "John"},
                                                   {"phone_number", "08031234567"},
                                                   {"company_name", "Acme"},
                                                   {"nickname", "Johnny"},
                                                   {"kids_names", QJsonArray{"Al", "Bo"}},
                                                   {"average_spend", 12.5}}});
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("Hi {{name}} {{nickname}} {{order|-}}");
        r.caption = QStringLiteral("{{company_name}}");
        r.fileUrl = QStringLiteral("https://example.com/a.png");
        r.recipients = {{QStringLiteral("08031234567"), QJsonObject{{"nickname", "J"}}}};
        auto out = composer.compose(m_vendor, r);
        auto m = m_core->messages().find(m_vendor, out.results.at(0).messageId);
        QVERIFY(m);
        QCOMPARE(m->message, QStringLiteral("Hi John J -"));
        QCOMPARE(m->caption, QStringLiteral("Acme"));

        r.fileUrl.clear();
        r.caption.clear();
        r.message = QStringLiteral("{{kids_names}} / {{average_spend}} / {{name}}");
        out = composer.compose(m_vendor, r);
        m = m_core->messages().find(m_vendor, out.results.at(0).messageId);
        QVERIFY(m);
        QCOMPARE(m->message, QStringLiteral("Al, Bo / 12.5 / John"));
    }

    // A recipient's phone is decided by PhoneNormalizer alone, however it is written. The
    // composer had its own shortcut: "+<digits>" matching a stored contact was taken as is,
    // unchecked. A stored number libphonenumber no longer finds valid (stored by an older
    // release — its metadata changes between Debian 12 and 13 —, or before normalisation)
    // was then queued when written "+234…" but invalid_phone when written "+234 …" or
    // "234…".
    void recipientPhonesAreDecidedByTheNormalizer()
    {
        subscribe(m_user, 2, 100);
        Contact legacy;
        legacy.name = QStringLiteral("Legacy");
        legacy.phoneNumber = QStringLiteral("2341234567890"); // no valid Nigerian number
        legacy.messageOptIn = true;
        QCOMPARE(m_core->contacts().addMany(m_vendor, m_user, {legacy}).added.size(), 1);
        QVERIFY(!PhoneNormalizer().normalize(QStringLiteral("+2341234567890")));
        addContacts(m_user,
                    QJsonArray{QJsonObject{{"name", "John"}, {"phone_number", "08031234567"}}});
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("Hi");
        r.recipients = {{QStringLiteral("+2341234567890"), {}},
                        {QStringLiteral("+234 1234567890"), {}},
                        {QStringLiteral("2341234567890"), {}},
                        {QStringLiteral("+2348031234567"), {}}};
        const auto out = composer.compose(m_vendor, r);
        QCOMPARE(out.queued, 1);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(out.results.at(i).reason, QStringLiteral("invalid_phone"));
        QVERIFY(out.results.at(3).queued);
    }

    // The window composes on a worker thread with that thread's own connection: same answer,
    // rows visible to the main connection, and the queued signal reaches the main thread.
    void composeOnAWorkerConnection()
    {
        subscribe(m_user, 2, 100);
        addContacts(m_user, QJsonArray{QJsonObject{{"name", "John"}, {"phone_number", "08031234567"}},
                                       QJsonObject{{"name", "Mary"}, {"phone_number", "08031234568"},
                                                   {"message_opt_in", false}}});
        QSignalSpy queued(&m_core->events(), &EventBus::messagesQueued);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("Hi {{name}}");
        r.recipients = {{QStringLiteral("08031234567"), {}}, {QStringLiteral("08031234568"), {}}};
        std::optional<MessageComposer::Outcome> out;
        QString error;
        Qt::HANDLE workerThread = nullptr;
        std::thread worker([&]() {
            workerThread = QThread::currentThreadId();
            const QString connection = m_core->database().openThreadConnection(QStringLiteral("t"));
            try {
                MessageComposer composer(*m_core, connection);
                out = composer.compose(m_vendor, r);
                // Errors come back the same way as on the main connection.
                MessageComposer::Request bad = r;
                bad.userId = m_otherUser;
                composer.compose(m_vendor, bad);
            } catch (const DomainError &e) {
                error = e.code();
            }
            Database::closeThreadConnection(connection);
        });
        worker.join();
        QVERIFY(workerThread != QThread::currentThreadId());
        QVERIFY(out);
        QCOMPARE(error, QStringLiteral("not_found"));
        QCOMPARE(out->queued, 1);
        QCOMPARE(out->results.at(1).reason, QStringLiteral("opted_out"));
        const auto row = m_core->messages().find(m_vendor, out->results.at(0).messageId);
        QVERIFY(row);
        QCOMPARE(row->message, QStringLiteral("Hi John"));
        QCOMPARE(row->status, MessageStatus::Pending);
        QTRY_COMPARE(queued.count(), 1); // delivered to this thread's receivers, queued
        QCOMPARE(queued.first().at(1).toLongLong(), m_user);
    }

    void composeRules()
    {
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("x");
        r.recipients = {{QStringLiteral("08031234567"), {}}};
        // no subscription
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, r); }), QStringLiteral("subscription_required"));
        // another vendor's user
        QCOMPARE(codeOf([&] { composer.compose(m_otherVendor, r); }), QStringLiteral("not_found"));
        subscribe(m_user, 1, 2);
        // not in the contact list → 422 with results
        QJsonObject details;
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, r); }, &details),
                 QStringLiteral("no_valid_recipients"));
        QCOMPARE(details.value("results").toArray().size(), 1);
        addContacts(m_user, QJsonArray{QJsonObject{{"name", "J"}, {"phone_number", "08031234567"}}});
        // message or file_url
        MessageComposer::Request empty = r;
        empty.message.clear();
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, empty); }), QStringLiteral("validation_failed"));
        MessageComposer::Request ftp = empty;
        ftp.fileUrl = QStringLiteral("ftp://example.com/a.pdf");
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, ftp); }), QStringLiteral("validation_failed"));
        MessageComposer::Request none = r;
        none.recipients.clear();
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, none); }), QStringLiteral("validation_failed"));
        // a number of another user
        MessageComposer::Request from = r;
        from.fromNumberId = 999;
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, from); }), QStringLiteral("not_found"));
        // media type from the URL
        MessageComposer::Request media = empty;
        media.fileUrl = QStringLiteral("https://example.com/receipt.pdf");
        media.caption = QStringLiteral("Receipt for {{name}}");
        const auto out = composer.compose(m_vendor, media);
        const auto m = m_core->messages().find(m_vendor, out.results.at(0).messageId);
        QCOMPARE(m->messageType, QStringLiteral("document"));
        QCOMPARE(m->caption, QStringLiteral("Receipt for J"));
        QCOMPARE(m->mediaUrl, media.fileUrl);
        // quota: 2 per period, 1 used; two recipients → nothing queued, remaining 1
        MessageComposer::Request two = r;
        two.recipients = {{QStringLiteral("08031234567"), {}}, {QStringLiteral("08031234567"), {}}};
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, two); }, &details),
                 QStringLiteral("quota_exceeded"));
        QCOMPARE(details.value("remaining").toInt(), 1);
        QCOMPARE(m_core->messages().countForQuota(m_vendor, m_user, 0), 1);
        composer.compose(m_vendor, r); // the last one fits
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, r); }, &details),
                 QStringLiteral("quota_exceeded"));
        QCOMPARE(details.value("remaining").toInt(), 0);
    }

    // Issue #10 item 3, the core's side (the window's compose dialog comes through here too):
    // templates over 65,536 characters are invalid, a text that renders over it rejects that
    // recipient (message_too_long), and a batch over kMaxBatchCharacters queues nothing.
    void renderedTextsAreBounded()
    {
        subscribe(m_user, 1, 100000);
        addContacts(m_user,
                    QJsonArray{QJsonObject{{"name", "L"},
                                           {"phone_number", "08031234567"},
                                           {"notes", QString(5000, QLatin1Char('n'))}},
                               QJsonObject{{"name", "S"}, {"phone_number", "08031234568"}}});
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        for (int i = 0; i < 14; ++i)
            r.message += QStringLiteral("{{notes}}");
        r.recipients = {{QStringLiteral("08031234567"), {}}, {QStringLiteral("08031234568"), {}}};
        const auto out = composer.compose(m_vendor, r);
        QCOMPARE(out.queued, 1);
        QCOMPARE(out.rejected, 1);
        QCOMPARE(out.results.at(0).queued, false);
        QCOMPARE(out.results.at(0).reason, QStringLiteral("message_too_long"));
        QCOMPARE(out.results.at(0).messageId, 0);
        QVERIFY(out.results.at(1).queued);
        QCOMPARE(
            MessageComposer::resultsJson(out.results).at(0).toObject().value("reason").toString(),
            QStringLiteral("message_too_long"));

        // Exactly the limit is fine.
        MessageComposer::Request exact = r;
        exact.message = QString(MessageComposer::kMaxMessageLength - 13 * 5000, QLatin1Char('x'));
        for (int i = 0; i < 13; ++i)
            exact.message += QStringLiteral("{{notes}}");
        exact.recipients = {{QStringLiteral("08031234567"), {}}};
        const auto fits = composer.compose(m_vendor, exact);
        QCOMPARE(fits.queued, 1);
        QCOMPARE(m_core->messages().find(m_vendor, fits.results.at(0).messageId)->message.size(),
                 MessageComposer::kMaxMessageLength);

        MessageComposer::Request longTemplate = r;
        longTemplate.message = QString(MessageComposer::kMaxMessageLength + 1, QLatin1Char('x'));
        QJsonObject details;
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, longTemplate); }, &details),
                 QStringLiteral("validation_failed"));
        MessageComposer::Request longCaption = r;
        longCaption.caption = longTemplate.message;
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, longCaption); }, &details),
                 QStringLiteral("validation_failed"));

        // 65,536 x 513 > 32 Mi characters: refused whole, nothing queued.
        const int before = m_core->messages().countForQuota(m_vendor, m_user, 0);
        MessageComposer::Request big = r;
        big.message = QString(MessageComposer::kMaxMessageLength, QLatin1Char('y'));
        big.recipients.clear();
        for (int i = 0; i < 513; ++i)
            big.recipients.append({QStringLiteral("08031234568"), {}});
        QCOMPARE(codeOf([&] { composer.compose(m_vendor, big); }, &details),
                 QStringLiteral("batch_too_large"));
        QCOMPARE(qint64(details.value("max_characters").toDouble()),
                 qint64(MessageComposer::kMaxBatchCharacters));
        QCOMPARE(m_core->messages().countForQuota(m_vendor, m_user, 0), before);
        big.recipients = big.recipients.mid(0, 2);
        QCOMPARE(composer.compose(m_vendor, big).queued, 2);
    }

    void cancelPublishesEvents()
    {
        subscribe(m_user, 1, 100);
        addContacts(m_user, QJsonArray{QJsonObject{{"name", "J"}, {"phone_number", "08031234567"}},
                                       QJsonObject{{"name", "K"}, {"phone_number", "08031234568"}}});
        MessageComposer composer(*m_core);
        MessageComposer::Request r;
        r.userId = m_user;
        r.message = QStringLiteral("x");
        r.recipients = {{QStringLiteral("08031234567"), {}}, {QStringLiteral("08031234568"), {}}};
        const auto out = composer.compose(m_vendor, r);
        QSignalSpy spy(&m_core->events(), &EventBus::published);
        QCOMPARE(codeOf([&] { composer.cancelBatch(m_otherVendor, out.batchId); }),
                 QStringLiteral("not_found"));
        QCOMPARE(spy.count(), 0);
        QCOMPARE(composer.cancelBatch(m_vendor, out.batchId), 2);
        // A message_status each, then the batch's batch_state (nothing left: cancelled).
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy.at(2).at(1).toJsonObject().value("event").toString(),
                 QStringLiteral("batch_state"));
        QCOMPARE(spy.at(2).at(1).toJsonObject().value("state").toString(),
                 QStringLiteral("cancelled"));
        const QJsonObject event = spy.at(0).at(1).toJsonObject();
        QCOMPARE(spy.at(0).at(0).toLongLong(), m_vendor);
        QCOMPARE(event.value("event").toString(), QStringLiteral("message_status"));
        QCOMPARE(event.value("status").toString(), QStringLiteral("cancelled"));
        QCOMPARE(event.value("batch_id").toString(), out.batchId);
        QCOMPARE(event.value("user_id").toInteger(), m_user);
        const auto view = composer.batch(m_vendor, out.batchId);
        QCOMPARE(view.counts.value("cancelled"), 2);
        QCOMPARE(view.counts.value("pending"), 0);
        QCOMPARE(view.counts.size(), MessageStatus::all().size());
        QCOMPARE(composer.cancelBatch(m_vendor, out.batchId), 0);
        // cancelled messages do not count against the quota
        QCOMPARE(m_core->messages().countForQuota(m_vendor, m_user, 0), 0);
    }

    void numberRegistryRules()
    {
        NumberRegistry reg(*m_core);
        QCOMPARE(codeOf([&] { reg.add(m_vendor, m_user, "08031234567", {}, true); }),
                 QStringLiteral("subscription_required"));
        subscribe(m_user, 1, 10);
        QCOMPARE(codeOf([&] { reg.add(m_vendor, m_user, "123", {}, true); }),
                 QStringLiteral("validation_failed"));
        QCOMPARE(codeOf([&] { reg.add(m_vendor, m_otherUser, "08031234567", {}, true); }),
                 QStringLiteral("not_found"));
        const WhatsAppNumber n = reg.add(m_vendor, m_user, "08031234567", "L", true);
        QCOMPARE(n.phoneNumber, QStringLiteral("2348031234567"));
        QCOMPARE(codeOf([&] { reg.add(m_vendor, m_user, "+2348031234567", {}, true); }),
                 QStringLiteral("number_taken"));
        QCOMPARE(codeOf([&] { reg.add(m_vendor, m_user, "08031234568", {}, true); }),
                 QStringLiteral("plan_limit_reached"));
        NumberRegistry::Patch patch;
        patch.phoneNumberGiven = true;
        QCOMPARE(codeOf([&] { reg.update(m_vendor, m_user, n.id, patch); }),
                 QStringLiteral("immutable_field"));
        patch.phoneNumberGiven = false;
        patch.label = QStringLiteral("New");
        QCOMPARE(reg.update(m_vendor, m_user, n.id, patch).label, QStringLiteral("New"));
        QCOMPARE(codeOf([&] { reg.update(m_otherVendor, m_otherUser, n.id, patch); }),
                 QStringLiteral("not_found"));

        QSignalSpy removed(&m_core->events(), &EventBus::numberRemoved);
        QCOMPARE(codeOf([&] { reg.remove(m_otherVendor, m_otherUser, n.id); }), QStringLiteral("not_found"));
        QCOMPARE(removed.count(), 0);
        reg.removeUser(m_vendor, m_user);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toLongLong(), n.id);
        QCOMPARE(removed.at(0).at(2).toString(), n.sessionId);
        QVERIFY(!m_core->users().find(m_vendor, m_user));
        QVERIFY(!m_core->numbers().find(m_vendor, n.id));
    }

    void contactServiceAddAndUpdate()
    {
        ContactService svc(*m_core);
        const auto added = svc.add(m_vendor, m_user,
                                   QJsonArray{QJsonObject{{"name", "A"}, {"phone_number", "08031234567"}},
                                              QJsonObject{{"name", "B"}, {"phone_number", "+2348031234567"}},
                                              QJsonObject{{"name", "C"}, {"phone_number", "12"}},
                                              QJsonObject{{"phone_number", "08031234569"}},
                                              QJsonValue(5),
                                              QJsonObject{{"name", "D"}, {"phone_number", "08031234568"},
                                                          {"kids_names", QJsonArray{"x"}}}});
        QCOMPARE(added.added.size(), 2);
        QCOMPARE(added.skipped.size(), 4);
        QCOMPARE(added.skipped.at(0).index, 1);
        QCOMPARE(added.skipped.at(0).reason, QStringLiteral("duplicate"));
        QCOMPARE(added.skipped.at(1).reason, QStringLiteral("invalid_phone"));
        QCOMPARE(added.skipped.at(2).reason, QStringLiteral("validation_failed"));
        QCOMPARE(added.skipped.at(2).field, QStringLiteral("name"));
        QCOMPARE(added.skipped.at(3).index, 4);
        const qint64 a = added.added.at(0).id;
        const qint64 d = added.added.at(1).id;
        const auto results = svc.updateMany(
            m_vendor, m_user,
            QJsonArray{QJsonObject{{"id", a}, {"nickname", "Ace"}},
                       QJsonObject{{"id", 999999}, {"nickname", "x"}},
                       QJsonObject{{"id", d}, {"phone_number", "nope"}},
                       QJsonObject{{"nickname", "no id"}}});
        QCOMPARE(results.size(), 4);
        QCOMPARE(results.at(0).status, QStringLiteral("updated"));
        QCOMPARE(results.at(1).status, QStringLiteral("not_found"));
        QCOMPARE(results.at(2).status, QStringLiteral("invalid"));
        QCOMPARE(results.at(3).status, QStringLiteral("invalid"));
        QVERIFY(!ContactService::allUpdated(results));
        QCOMPARE(m_core->contacts().find(m_vendor, m_user, a)->nickname, QStringLiteral("Ace"));
        QCOMPARE(codeOf([&] { svc.update(m_vendor, m_user, d, QJsonObject{{"phone_number", "08031234567"}}); }),
                 QStringLiteral("duplicate"));
        QCOMPARE(svc.update(m_vendor, m_user, d, QJsonObject{{"phone_number", "+2348031234560"}}).phoneNumber,
                 QStringLiteral("2348031234560"));
        QCOMPARE(codeOf([&] { svc.update(m_otherVendor, m_otherUser, d, QJsonObject{{"name", "x"}}); }),
                 QStringLiteral("not_found"));
        QCOMPARE(svc.search(m_vendor, m_user, QStringLiteral("ace"), 1, 50).total, 0); // nickname is not searched
        // A phone as typed (national form) and by its last digits (search semantics: #12).
        QCOMPARE(svc.search(m_vendor, m_user, QStringLiteral("0803 123 4560"), 1, 50).total, 1);
        QCOMPARE(svc.search(m_vendor, m_user, QStringLiteral("4567"), 1, 50).total, 1);
        QCOMPARE(svc.removeMany(m_otherVendor, m_otherUser, {a, d}), 0);
        QCOMPARE(svc.removeMany(m_vendor, m_user, {a, d, 424242}), 2);
        QJsonArray tooMany;
        for (int i = 0; i < ContactService::kMaxItems + 1; ++i)
            tooMany.append(QJsonObject{});
        QCOMPARE(codeOf([&] { svc.add(m_vendor, m_user, tooMany); }), QStringLiteral("too_many_items"));
    }
};

QTEST_GUILESS_MAIN(TestMessageComposer)
#include "tst_messagecomposer.moc"
