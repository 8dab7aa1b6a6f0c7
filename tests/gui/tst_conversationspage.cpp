#include "ChatListModel.h"
#include "ContactDialog.h"
#include "ConversationModel.h"
#include "ConversationsPage.h"
#include "CoreServices.h"
#include "EventBus.h"
#include "EventLoopStallMonitor.h"
#include "GuiContext.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "InboundListener.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "inbound/OptOutService.h"
#include "messaging/MessageComposer.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSemaphore>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QtTest>

using GuiTestSupport::Owner;

namespace {
const QString kAda = QStringLiteral("2348031111111");
const QString kBola = QStringLiteral("2348032222222");
const QString kStranger = QStringLiteral("2348039999999");
} // namespace

// The Conversations page on a real database: the chats of a user from stored messages with
// their unread counts, newest first; the timeline of a customer in both directions; live
// updates from message_received and message_status; the reply box queuing through the outbox
// (and refused, in words, for an opted-out contact).
class TestConversationsPage : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;
    std::unique_ptr<GuiContext> m_ctx;
    Owner m_owner;
    qint64 m_numberId = 0;
    qint64 m_t0 = 0;
    int m_nextId = 1;

    InboundMessage incoming(const QString &phone, const QString &body, qint64 atMs,
                            const QString &type = QStringLiteral("text"))
    {
        InboundMessage m;
        m.fromPhone = phone;
        m.chatWid = phone + QStringLiteral("@c.us");
        m.type = type;
        if (type == QLatin1String("text"))
            m.body = body;
        m.waMessageId = QStringLiteral("IN%1").arg(m_nextId++);
        m.receivedAtMs = atMs;
        return m;
    }
    QList<InboundMessage> record(const QList<InboundMessage> &messages)
    {
        return m_core->inboundRecorder().recordNow(m_owner.vendorId, m_numberId, messages);
    }
    QList<Message> sentMessages() const
    {
        MessageStore::Filter f;
        f.vendorId = m_owner.vendorId;
        f.appUserId = m_owner.userId;
        return m_core->messages().listForOperator(f, 0, 100);
    }
    static int columnOf(const ChatListModel *model, int row, int column, int role = Qt::DisplayRole)
    {
        return model->data(model->index(row, column), role).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        GuiLanguage::apply(QStringLiteral("en")); // English plurals ("3 chats")
    }
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
        m_ctx = std::make_unique<GuiContext>(*m_core, *m_sessions);
        m_owner = GuiTestSupport::makeOwner(*m_core);
        Plan plan;
        plan.name = QStringLiteral("Plan");
        plan.maxPhoneNumbers = 2;
        plan.maxMessages = 100;
        Subscription sub;
        sub.appUserId = m_owner.userId;
        sub.planId = m_core->plans().create(plan).id;
        sub.endsAt = Clock::nowMs() + 86400000;
        m_core->subscriptionService().give(sub);
        m_numberId = m_core->numbers()
                         .add(m_owner.vendorId, m_owner.userId, QStringLiteral("2348000000001"),
                              QStringLiteral("Shop"), true)
                         .id;
        QList<Contact> contacts;
        for (const auto &[name, phone] :
             {std::pair{QStringLiteral("Ada"), kAda}, std::pair{QStringLiteral("Bola"), kBola}}) {
            Contact c;
            c.name = name;
            c.phoneNumber = phone;
            contacts << c;
        }
        m_core->contacts().addMany(m_owner.vendorId, m_owner.userId, contacts);
        m_t0 = Clock::nowMs() - 3600000;
    }
    void cleanup()
    {
        m_ctx.reset();
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void listsChatsNewestFirstWithUnreadCounts()
    {
        const QList<InboundMessage> stored = record({
            incoming(kAda, QStringLiteral("Hello"), m_t0),
            incoming(kBola, QString(), m_t0 + 1000, QStringLiteral("document")),
            incoming(kBola, QStringLiteral("Did you get the menu?"), m_t0 + 1500),
            incoming(kStranger, QStringLiteral("Who is this?"), m_t0 + 2000),
            incoming(kAda, QStringLiteral("Is the cake ready?"), m_t0 + 3000),
        });
        QCOMPARE(stored.size(), 5);
        // Ada's first message was read (the vendor sent the receipt): one unread left.
        m_core->inbound().markRead(m_owner.vendorId, stored.at(0).id);

        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        ChatListModel *chats = page.chats();
        QTRY_COMPARE(chats->rowCount(), 3);
        QCOMPARE(chats->chatAt(0).phone, kAda);
        QCOMPARE(chats->chatAt(0).contactName, QStringLiteral("Ada"));
        QCOMPARE(chats->chatAt(1).phone, kStranger);
        QVERIFY(chats->chatAt(1).contactName.isEmpty());
        QCOMPARE(chats->chatAt(2).phone, kBola);
        QCOMPARE(chats->data(chats->index(0, ChatListModel::Unread)).toString(),
                 QStringLiteral("1"));
        QCOMPARE(chats->data(chats->index(1, ChatListModel::Unread)).toString(),
                 QStringLiteral("1"));
        QCOMPARE(chats->data(chats->index(2, ChatListModel::Unread)).toString(),
                 QStringLiteral("2"));
        QCOMPARE(chats->data(chats->index(0, ChatListModel::LastMessage)).toString(),
                 QStringLiteral("Is the cake ready?"));
        QCOMPARE(chats->data(chats->index(0, ChatListModel::Customer)).toString(),
                 QStringLiteral("Ada (+2348031111111)"));
        QCOMPARE(chats->data(chats->index(0, ChatListModel::Number)).toString(),
                 QStringLiteral("+2348000000001"));
        QCOMPARE(page.findChild<QLabel *>(QStringLiteral("totalLabel"))->text(),
                 QStringLiteral("3 chats · 4 unread"));

        // Only this number's chats when one is chosen; another user's messages never show.
        QVERIFY(page.openChat(2));
        ConversationModel *timeline = page.conversation();
        QTRY_COMPARE(timeline->rowCount(), 2);
        QCOMPARE(timeline->data(timeline->index(0), ConversationModel::DirectionRole).toString(),
                 QStringLiteral("in"));
        QVERIFY2(
            timeline->data(timeline->index(0), ConversationModel::ContentRole)
                .toString()
                .startsWith(QStringLiteral("[Document]")),
            qPrintable(
                timeline->data(timeline->index(0), ConversationModel::ContentRole).toString()));
        QCOMPARE(timeline->data(timeline->index(1), ConversationModel::ContentRole).toString(),
                 QStringLiteral("Did you get the menu?"));
        QVERIFY(page.headerText().contains(QStringLiteral("Bola")));

        // Marking read sends WhatsApp's receipt first: without a ready session it is refused
        // in words and nothing is recorded as read.
        QSignalSpy marked(&page, &ConversationsPage::markReadFinished);
        page.markRead();
        QTRY_COMPARE(marked.count(), 1);
        QCOMPARE(marked.first().first().toBool(), false);
        QVERIFY2(page.replyResultText().contains(QStringLiteral("not ready")),
                 qPrintable(page.replyResultText()));
        QCOMPARE(m_core->inbound().find(m_owner.vendorId, stored.at(2).id).readAtMs, 0);
        QCOMPARE(chats->chatAt(2).unread, 2);
    }

    void timelineShowsBothDirectionsMediaQuotesAndLiveUpdates()
    {
        // We wrote to Ada first (queued through the composer), and it was sent and delivered.
        MessageComposer::Request request;
        request.userId = m_owner.userId;
        request.recipients.append({QStringLiteral("+") + kAda, QJsonObject()});
        request.message = QStringLiteral("Your cake is ready");
        request.fromNumberId = m_numberId;
        const MessageComposer::Outcome outcome =
            m_ctx->composer().compose(m_owner.vendorId, request);
        const qint64 ourId = outcome.results.first().messageId;
        {
            QSqlQuery q(m_core->database().connection());
            QVERIFY(q.exec(QStringLiteral("UPDATE sent_messages SET wa_message_id = 'OUT1', "
                                          "number_id = %1, created_at = %2 WHERE id = %3")
                               .arg(m_numberId)
                               .arg(m_t0)
                               .arg(ourId)));
        }
        QVERIFY(m_core->messages().advance(m_owner.vendorId, ourId, MessageStatus::Sending, m_t0));
        QVERIFY(m_core->messages().advance(m_owner.vendorId, ourId, MessageStatus::Sent, m_t0));

        InboundMessage reply = incoming(kAda, QStringLiteral("Great, thanks!"), m_t0 + 1000);
        reply.quotedWaMessageId = QStringLiteral("OUT1");
        InboundMessage photo = incoming(kAda, QString(), m_t0 + 2000, QStringLiteral("image"));
        photo.filename = QStringLiteral("receipt.jpg");
        photo.mimetype = QStringLiteral("image/jpeg");
        photo.caption = QStringLiteral("Paid");
        const QList<InboundMessage> stored = record({reply, photo});
        QCOMPARE(stored.first().quotedMessageId, ourId);

        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QVERIFY(page.openChat(0));
        ConversationModel *timeline = page.conversation();
        QTRY_COMPARE(timeline->rowCount(), 3);
        const auto content = [timeline](int row) {
            return timeline->data(timeline->index(row), ConversationModel::ContentRole).toString();
        };
        QCOMPARE(timeline->data(timeline->index(0), ConversationModel::DirectionRole).toString(),
                 QStringLiteral("out"));
        QCOMPARE(timeline->data(timeline->index(0), ConversationModel::StatusRole).toString(),
                 MessageStatus::Sent);
        QCOMPARE(content(0), QStringLiteral("Your cake is ready"));
        QCOMPARE(content(1), QStringLiteral("↩ Replying to your message “Your cake is ready”\n"
                                            "Great, thanks!"));
        QCOMPARE(content(2), QStringLiteral("[Image] receipt.jpg (image/jpeg)\nPaid"));

        // A status change of what we sent shows without a click (message_status).
        QVERIFY(m_core->messages().advance(m_owner.vendorId, ourId, MessageStatus::Delivered,
                                           m_t0 + 500));
        m_core->events().publish(
            m_owner.vendorId,
            MessageStatusEvent::of(*m_core->messages().find(m_owner.vendorId, ourId), m_t0 + 500));
        QTRY_COMPARE(timeline->data(timeline->index(0), ConversationModel::StatusRole).toString(),
                     MessageStatus::Delivered);

        // A new message (message_received): the open timeline and the unread count follow, and
        // a new customer's chat comes on top.
        QCOMPARE(page.chats()->chatAt(0).unread, 2);
        record({incoming(kAda, QStringLiteral("See you at 5"), Clock::nowMs() - 1000)});
        QTRY_COMPARE(timeline->rowCount(), 4);
        QCOMPARE(content(3), QStringLiteral("See you at 5"));
        QTRY_COMPARE(page.chats()->chatAt(0).unread, 3);
        record({incoming(kBola, QStringLiteral("Hi!"), Clock::nowMs())});
        QTRY_COMPARE(page.chats()->rowCount(), 2);
        QCOMPARE(page.chats()->chatAt(0).phone, kBola);
        // The open chat stays open (and selected) while the list moves.
        QCOMPARE(page.currentChat().phone, kAda);
        QCOMPARE(timeline->rowCount(), 4);
    }

    // A sender WhatsApp gave only as a @lid: listed by that id, and the reply box says why it
    // cannot answer (a reply needs the phone number).
    void aLidOnlySenderCannotBeAnswered()
    {
        InboundMessage m = incoming(QString(), QStringLiteral("hi"), m_t0);
        m.fromLid = QStringLiteral("123456789012345@lid");
        m.chatWid = m.fromLid;
        record({m});
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QCOMPARE(page.chats()->data(page.chats()->index(0, ChatListModel::Customer)).toString(),
                 QStringLiteral("123456789012345@lid"));
        QVERIFY(page.openChat(0));
        QTRY_COMPARE(page.conversation()->rowCount(), 1);
        auto *reply = page.findChild<QPlainTextEdit *>(QStringLiteral("replyEdit"));
        QVERIFY(!reply->isEnabled());
        QVERIFY(reply->placeholderText().contains(QStringLiteral("@lid")));
        QSignalSpy finished(&page, &ConversationsPage::replyFinished);
        page.setReplyText(QStringLiteral("Hello"));
        page.sendReply();
        QCOMPARE(finished.count(), 0);
        QVERIFY(sentMessages().isEmpty());
    }

    // A customer not in the list: "Add to contacts…" opens the contact form with their phone;
    // once added, the chat shows the name and a reply is queued.
    void aStrangerCanBeAddedToTheContacts()
    {
        record({incoming(kStranger, QStringLiteral("Do you deliver?"), m_t0)});
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QVERIFY(page.openChat(0));
        auto *button = page.findChild<QPushButton *>(QStringLiteral("contactButton"));
        QVERIFY(button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("&Add to contacts…"));

        QString phoneShown;
        QTimer::singleShot(0, &page, [&phoneShown]() {
            auto *dialog = qobject_cast<ContactDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            phoneShown = dialog->findChild<QLineEdit *>(QStringLiteral("phoneEdit"))->text();
            dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
                ->setText(QStringLiteral("Chika"));
            dialog->accept();
        });
        page.openContact();
        QCOMPARE(phoneShown, QStringLiteral("+") + kStranger);
        QTRY_COMPARE(page.chats()->chatAt(0).contactName, QStringLiteral("Chika"));
        QTRY_COMPARE(page.currentChat().contactName, QStringLiteral("Chika"));
        QCOMPARE(button->text(), QStringLiteral("C&ontact…"));

        QSignalSpy finished(&page, &ConversationsPage::replyFinished);
        page.setReplyText(QStringLiteral("Yes, we do!"));
        page.sendReply();
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(page.replyResultText()));
        QCOMPARE(sentMessages().size(), 1);
    }

    // WhatsApp's times are whole seconds: a burst of 150 messages shares one received_at.
    // Loading older messages across that second loses none and repeats none.
    void olderMessagesOfTheSameSecondAreAllLoaded()
    {
        QList<InboundMessage> burst;
        for (int i = 0; i < 150; ++i)
            burst << incoming(kAda, QStringLiteral("Line %1").arg(i), m_t0);
        record(burst);
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QVERIFY(page.openChat(0));
        ConversationModel *timeline = page.conversation();
        QTRY_COMPARE(timeline->rowCount(), ConversationModel::kPageSize);
        QVERIFY(timeline->hasOlder());
        timeline->loadOlder();
        QTRY_COMPARE(timeline->rowCount(), 150);
        QSet<QString> lines;
        for (int row = 0; row < timeline->rowCount(); ++row)
            lines.insert(
                timeline->data(timeline->index(row), ConversationModel::ContentRole).toString());
        QCOMPARE(lines.size(), 150);
    }

    // A page not on screen does not read on every event; shown, it catches up.
    void aHiddenPageCatchesUpWhenShown()
    {
        record({incoming(kAda, QStringLiteral("Hello"), m_t0)});
        ConversationsPage page(*m_ctx);
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        const int reads = page.chats()->readsStarted();
        record({incoming(kBola, QStringLiteral("Hi"), m_t0 + 1000)});
        QTest::qWait(600); // past the coalescing delay: a visible page would have read
        QCOMPARE(page.chats()->readsStarted(), reads);
        QCOMPARE(page.chats()->rowCount(), 1);
        page.show();
        QTRY_COMPARE(page.chats()->rowCount(), 2);
        QCOMPARE(page.chats()->chatAt(0).phone, kBola);
    }

    // Refreshes asked for while a read runs make one more read, not one each (a burst of
    // incoming messages must not queue a read per message on the thread pool).
    void aBurstOfRefreshesCostsTwoReads()
    {
        record({incoming(kAda, QStringLiteral("Hello"), m_t0)});
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        ChatListModel *chats = page.chats();
        const int before = chats->readsStarted();
        QSignalSpy loaded(chats, &ChatListModel::loaded);
        for (int i = 0; i < 20; ++i)
            chats->refresh();
        QTRY_COMPARE(loaded.count(), 1);
        QTest::qWait(200); // a stray read would answer meanwhile
        QCOMPARE(chats->readsStarted() - before, 2);
        QCOMPARE(loaded.count(), 1);
    }

    void replyQueuesThroughTheOutbox()
    {
        record({incoming(kAda, QStringLiteral("Can I order two?"), m_t0)});
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QVERIFY(page.openChat(0));
        QTRY_COMPARE(page.conversation()->rowCount(), 1);

        QSignalSpy finished(&page, &ConversationsPage::replyFinished);
        page.setReplyText(QStringLiteral("Of course, {{name}}!"));
        page.sendReply();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(page.replyResultText(), QStringLiteral("Reply queued."));

        // A sent_messages row like POST /messages makes: pending, from the number they wrote
        // to, the template filled in for the contact.
        const QList<Message> sent = sentMessages();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().recipient, kAda);
        QCOMPARE(sent.first().fromNumberId, m_numberId);
        QCOMPARE(sent.first().status, MessageStatus::Pending);
        QCOMPARE(sent.first().message, QStringLiteral("Of course, Ada!"));
        QTRY_COMPARE(page.conversation()->rowCount(), 2);
        QCOMPARE(page.conversation()
                     ->data(page.conversation()->index(1), ConversationModel::DirectionRole)
                     .toString(),
                 QStringLiteral("out"));
    }

    // Issue #16: Quote and React on the selected message go through MessageComposer like
    // POST /messages' reply_to and type reaction (the stored payload names the message).
    void quoteAndReactOnTheSelectedMessage()
    {
        const QList<InboundMessage> in =
            record({incoming(kAda, QStringLiteral("Open Sunday?"), m_t0)});
        QCOMPARE(in.size(), 1);
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QVERIFY(page.openChat(0));
        QTRY_COMPARE(page.conversation()->rowCount(), 1);
        QVERIFY(!page.quoteSelected()); // nothing selected yet
        auto *timeline = page.findChild<QListView *>(QStringLiteral("timeline"));
        QVERIFY(timeline);
        timeline->setCurrentIndex(page.conversation()->index(0));
        QVERIFY(page.quoteSelected());
        QVERIFY(page.quoteText().contains(QStringLiteral("Open Sunday?")));

        QSignalSpy finished(&page, &ConversationsPage::replyFinished);
        page.setReplyText(QStringLiteral("Yes, 10 to 4."));
        page.sendReply();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(page.quoteText().isEmpty()); // the quote went with the reply

        timeline->setCurrentIndex(page.conversation()->index(0));
        QVERIFY(page.reactToSelected(QStringLiteral("👍")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).first().toBool(), true);

        QList<Message> sent = sentMessages(); // newest first
        QCOMPARE(sent.size(), 2);
        std::sort(sent.begin(), sent.end(),
                  [](const Message &a, const Message &b) { return a.id < b.id; });
        const QJsonObject reply = QJsonDocument::fromJson(sent.at(0).payload.toUtf8()).object();
        QCOMPARE(sent.at(0).message, QStringLiteral("Yes, 10 to 4."));
        QCOMPARE(reply.value("quoted").toObject().value("wa_id").toString(),
                 in.first().waMessageId);
        QCOMPARE(sent.at(1).messageType, QStringLiteral("reaction"));
        const QJsonObject reaction = QJsonDocument::fromJson(sent.at(1).payload.toUtf8()).object();
        QCOMPARE(reaction.value("reaction").toObject().value("emoji").toString(),
                 QStringLiteral("👍"));
        QCOMPARE(reaction.value("reaction").toObject().value("wa_id").toString(),
                 in.first().waMessageId);
    }

    // A reply queued while another connection holds the database's write lock (a CSV import
    // between its batches' BEGIN and COMMIT) waits for it on a worker thread: the window's
    // event loop keeps turning, and the reply is queued once the lock is gone.
    void replyWaitingForTheWriteLockDoesNotStallTheWindow()
    {
        record({incoming(kAda, QStringLiteral("Still open?"), m_t0)});
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 1);
        QVERIFY(page.openChat(0));
        QTRY_COMPARE(page.conversation()->rowCount(), 1);

        constexpr int kHoldMs = 2000;
        QSemaphore locked;
        bool began = false;
        const Database &database = m_core->database();
        std::unique_ptr<QThread> holder(QThread::create([&database, &locked, &began]() {
            const QString name = database.openThreadConnection(QStringLiteral("lock-holder"));
            {
                QSqlQuery q(QSqlDatabase::database(name));
                began = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
                locked.release();
                QThread::msleep(kHoldMs);
                q.exec(QStringLiteral("COMMIT"));
            }
            Database::closeThreadConnection(name);
        }));
        holder->start();
        QVERIFY(locked.tryAcquire(1, 10000));
        QVERIFY(began);

        EventLoopStallMonitor monitor(100);
        monitor.start();
        QSignalSpy finished(&page, &ConversationsPage::replyFinished);
        page.setReplyText(QStringLiteral("Until 8 pm"));
        page.sendReply();
        QVERIFY(page.isSending());
        QVERIFY(finished.wait(20000));
        monitor.stop();
        holder->wait();
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(sentMessages().size(), 1);
        QVERIFY2(monitor.maxStallMs() < 500, qPrintable(QStringLiteral("stalled %1 ms in %2")
                                                            .arg(monitor.maxStallMs())
                                                            .arg(monitor.maxStallWhere())));
    }

    void optedOutContactsReplyIsRefusedWithTheReason()
    {
        // Ada writes STOP: the keyword rule opts her out.
        record({incoming(kAda, QStringLiteral("Hello"), m_t0),
                incoming(kAda, QStringLiteral(" stop "), m_t0 + 1000),
                incoming(kStranger, QStringLiteral("Hi"), m_t0 + 500)});
        const qint64 ada = m_core->contacts()
                               .findByPhones(m_owner.vendorId, m_owner.userId, {kAda})
                               .value(kAda)
                               .id;
        QVERIFY(ada > 0);
        QVERIFY(m_core->optOuts().state(m_owner.vendorId, ada).optedOut);

        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        QTRY_COMPARE(page.chats()->rowCount(), 2);
        QCOMPARE(page.chats()->chatAt(0).phone, kAda);
        QVERIFY(page.chats()->chatAt(0).optedOut);
        QVERIFY(page.openChat(0));
        QVERIFY2(page.headerText().contains(QStringLiteral("Opted out on")),
                 qPrintable(page.headerText()));
        QVERIFY2(page.headerText().contains(QStringLiteral("keyword from the customer")),
                 qPrintable(page.headerText()));

        QSignalSpy finished(&page, &ConversationsPage::replyFinished);
        page.setReplyText(QStringLiteral("But we have a sale!"));
        page.sendReply();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(page.replyResultText(), QStringLiteral("The reply was not queued: opted out."));
        QVERIFY(sentMessages().isEmpty());

        // Someone not in the list: the composer's rule again, in words.
        QVERIFY(page.openChat(1));
        QCOMPARE(page.currentChat().phone, kStranger);
        page.setReplyText(QStringLiteral("Hello"));
        page.sendReply();
        QVERIFY(finished.wait(10000));
        QCOMPARE(page.replyResultText(),
                 QStringLiteral("The reply was not queued: not in the contact list."));
        QVERIFY(sentMessages().isEmpty());
    }

    // End to end on a sandbox number: the simulated customer writes on the real simulator
    // page, the adapter and InboundListener record it, the page shows it live; Mark as read
    // sends the receipt through the page and then records the chat read.
    void aCustomerWritesThroughTheSimulatorAndTheOperatorMarksItRead()
    {
        InboundListener listener(*m_core, *m_sessions);
        ConversationsPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectUser(m_owner.vendorId, m_owner.userId));
        m_sessions->connectNumber(m_owner.vendorId, m_numberId);
        QTRY_VERIFY_WITH_TIMEOUT(!m_sessions->snapshot(m_owner.vendorId, m_numberId).qr.isEmpty(),
                                 60000);
        m_sessions->simulateScan(m_owner.vendorId, m_numberId);
        QTRY_COMPARE_WITH_TIMEOUT(m_sessions->snapshot(m_owner.vendorId, m_numberId).state,
                                  SessionState::Ready, 60000);

        bool sent = false;
        QString error;
        m_sessions->simulateIncoming(
            m_owner.vendorId, m_numberId,
            QJsonObject{{"from", kAda}, {"body", QStringLiteral("Is my order ready?")}},
            [&](bool ok, const QJsonObject &, const QString &code, const QString &) {
                sent = ok;
                error = ok ? QStringLiteral("ok") : code;
            });
        QTRY_VERIFY_WITH_TIMEOUT(!error.isEmpty(), 30000);
        QVERIFY2(sent, qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(page.chats()->rowCount(), 1, 30000);
        QCOMPARE(page.chats()->chatAt(0).phone, kAda);
        QCOMPARE(page.chats()->chatAt(0).unread, 1);
        QCOMPARE(page.chats()->chatAt(0).last.body, QStringLiteral("Is my order ready?"));

        QVERIFY(page.openChat(0));
        QTRY_COMPARE(page.conversation()->rowCount(), 1);
        QSignalSpy marked(&page, &ConversationsPage::markReadFinished);
        page.markRead();
        QTRY_COMPARE_WITH_TIMEOUT(marked.count(), 1, 30000);
        QVERIFY2(marked.first().first().toBool(), qPrintable(page.replyResultText()));
        QCOMPARE(page.replyResultText(), QStringLiteral("Marked as read."));
        QVERIFY(m_core->inbound().find(m_owner.vendorId, page.currentChat().last.id).readAtMs > 0);
        QTRY_COMPARE(page.chats()->chatAt(0).unread, 0);
    }
};

WAMATOR_GUI_TEST_MAIN(TestConversationsPage)
#include "tst_conversationspage.moc"
