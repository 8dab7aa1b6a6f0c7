// Window responsiveness of the Conversations page on a large inbound history (#14): the real
// MainWindow and ConversationsPage (offscreen) over a data directory where many customers
// wrote to one user's number and one customer has a long history in both directions. Driven
// like an operator would: refresh the chat list, open the long chat, load older pages, live
// bursts of incoming messages (message_received through InboundRecorder, as the pages deliver
// them), and a reply. An EventLoopStallMonitor records every gap of the GUI thread's event
// loop; the figure per action is the longest stall (bar: none over 100 ms) and the time until
// the page showed the answer (informative: that is InboundStore's speed).
//
//   bench_gui_conversations [--customers N] [--per-customer K] [--long M] [--burst B]
//
// Defaults: 5,000 customers with 10 messages each, one customer with 20,000 received and
// 5,000 sent messages, bursts of 1,000 incoming messages.

#include "ChatListModel.h"
#include "ConversationModel.h"
#include "ConversationsPage.h"
#include "CoreServices.h"
#include "EventLoopStallMonitor.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "SimulatorScheme.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "security/MemorySecretStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cstdio>
#include <functional>

namespace {

constexpr qint64 kBarMs = 100;

QString phoneOf(int customer)
{
    return QStringLiteral("234803%1").arg(1000000 + customer, 7, 10, QLatin1Char('0'));
}

class Bench
{
public:
    explicit Bench(EventLoopStallMonitor &monitor) : m_monitor(monitor) {}

    // Runs `act`, then lets the loop run until `done` holds; prints the longest stall.
    void measure(const QString &action, const std::function<void()> &act,
                 const std::function<bool()> &done)
    {
        m_monitor.reset();
        m_monitor.setPhase(action);
        QElapsedTimer clock;
        clock.start();
        act();
        while (!done() && clock.elapsed() < 600000)
            QTest::qWait(5);
        const qint64 answerMs = clock.elapsed();
        QTest::qWait(50); // whatever the answer set off (repaint, selection) counts too
        const qint64 stall = m_monitor.maxStallMs();
        std::printf("%-44s max stall %5lld ms (cpu %4lld)  answer %7lld ms  %s  [%s]\n",
                    qPrintable(action), stall, m_monitor.maxStallCpuMs(), answerMs,
                    qPrintable(m_monitor.maxStallWhere()), qPrintable(m_monitor.histogramText()));
        std::fflush(stdout);
        m_worst = qMax(m_worst, stall);
    }

    qint64 worst() const { return m_worst; }

private:
    EventLoopStallMonitor &m_monitor;
    qint64 m_worst = 0;
};

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    SimulatorScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QStandardPaths::setTestModeEnabled(true); // the bench's QSettings stay out of ~/.config
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("wamator-bench"));
    app.setApplicationName(QStringLiteral("bench_gui_conversations"));

    int customers = 5000, perCustomer = 10, longHistory = 20000, burst = 1000;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--customers"))
            customers = args.at(++i).toInt();
        else if (a == QLatin1String("--per-customer"))
            perCustomer = args.at(++i).toInt();
        else if (a == QLatin1String("--long"))
            longHistory = args.at(++i).toInt();
        else if (a == QLatin1String("--burst"))
            burst = args.at(++i).toInt();
    }

    QTemporaryDir dir;
    CoreServices::Options options;
    options.dataDir = dir.path();
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    core.open();

    // One vendor, one user with a subscription and a sandbox number; every customer is a
    // contact of the user.
    QElapsedTimer fill;
    fill.start();
    const qint64 vendorId =
        core.accounts()
            .registerVendor(QStringLiteral("Bench Vendor"), QStringLiteral("bench@example.com"),
                            QStringLiteral("bench-password"), QStringLiteral("Bench Ltd"),
                            QStringLiteral("08031234567"))
            .vendor.id;
    AppUser user;
    user.name = QStringLiteral("Shop");
    user.email = QStringLiteral("shop@example.com");
    const qint64 userId = core.users().create(vendorId, user).id;
    Plan plan;
    plan.name = QStringLiteral("Bench");
    plan.maxPhoneNumbers = 5;
    plan.maxMessages = 10000000;
    Subscription sub;
    sub.appUserId = userId;
    sub.planId = core.plans().create(plan).id;
    sub.endsAt = Clock::nowMs() + 86400000;
    core.subscriptionService().give(sub);
    const qint64 numberId =
        core.numbers()
            .add(vendorId, userId, QStringLiteral("2348000000001"), QStringLiteral("Shop"), true)
            .id;
    QList<Contact> contacts;
    for (int c = 0; c < customers; ++c) {
        Contact contact;
        contact.name = QStringLiteral("Customer %1").arg(c);
        contact.phoneNumber = phoneOf(c);
        contacts << contact;
        if (contacts.size() == 5000 || c + 1 == customers) {
            core.contacts().addMany(vendorId, userId, contacts);
            contacts.clear();
        }
    }

    // Their messages over the last 30 days; customer 0 has the long history.
    const qint64 now = Clock::nowMs(), span = 30LL * 86400000;
    int waId = 0;
    QList<InboundMessage> batch;
    const auto flush = [&]() {
        core.inbound().record(batch);
        batch.clear();
    };
    const auto add = [&](int customer, qint64 at) {
        InboundMessage m;
        m.vendorId = vendorId;
        m.appUserId = userId;
        m.numberId = numberId;
        m.fromPhone = phoneOf(customer);
        m.chatWid = m.fromPhone + QStringLiteral("@c.us");
        m.type = QStringLiteral("text");
        m.body = QStringLiteral("Message %1 from customer %2").arg(waId).arg(customer);
        m.waMessageId = QStringLiteral("BENCH%1").arg(++waId);
        m.receivedAtMs = at;
        batch << m;
        if (batch.size() == 5000)
            flush();
    };
    for (int c = 1; c < customers; ++c) {
        for (int k = 0; k < perCustomer; ++k)
            add(c, now - span +
                       (qint64(c) * perCustomer + k) * (span / (qint64(customers) * perCustomer)));
    }
    for (int k = 0; k < longHistory; ++k)
        add(0, now - span + qint64(k) * (span / longHistory));
    flush();
    QList<Message> sent;
    for (int k = 0; k < longHistory / 4; ++k) {
        Message m;
        m.batchId = QStringLiteral("bench");
        m.vendorId = vendorId;
        m.appUserId = userId;
        m.fromNumberId = numberId;
        m.recipient = phoneOf(0);
        m.message = QStringLiteral("Our answer %1").arg(k);
        m.createdAt = now - span + qint64(k) * (span / (longHistory / 4)) + 1000;
        m.updatedAt = m.createdAt;
        m.expiresAt = now + 86400000;
        m.status = MessageStatus::Pending;
        sent << m;
        if (sent.size() == 5000 || k + 1 == longHistory / 4) {
            core.messages().insertBatch(vendorId, sent);
            sent.clear();
        }
    }
    const int stored = waId;
    std::fprintf(stderr, "%d received and %d sent messages stored in %.1f s\n", stored,
                 longHistory / 4, double(fill.elapsed()) / 1000.0);

    SessionManager sessions(core);
    MainWindow window(core, sessions);
    window.resize(1360, 860);
    window.show();
    window.showPage(MainWindow::Conversations);
    ConversationsPage *page = window.conversationsPage();
    ChatListModel *chats = page->chats();
    ConversationModel *timeline = page->conversation();
    page->selectUser(vendorId, userId);
    QTest::qWait(100);
    QElapsedTimer first;
    first.start();
    while (chats->rowCount() < customers && first.elapsed() < 600000)
        QTest::qWait(20);
    if (chats->rowCount() < customers) {
        std::fprintf(stderr, "the chat list did not load (%d rows)\n", chats->rowCount());
        return 1;
    }

    EventLoopStallMonitor monitor(kBarMs);
    monitor.start();
    Bench bench(monitor);
    std::printf("bench_gui_conversations: %d chats, %d received + %d sent messages, offscreen "
                "window\n",
                customers, stored, longHistory / 4);

    bool seen = false;
    auto chatsLoaded = QObject::connect(chats, &ChatListModel::loaded, [&seen]() { seen = true; });
    bench.measure(
        QStringLiteral("refresh the chat list"),
        [&]() {
            seen = false;
            chats->refresh();
        },
        [&]() { return seen; });

    const int longRow = chats->rowOf(numberId, phoneOf(0));
    bool timelineSeen = false;
    auto timelineLoaded =
        QObject::connect(timeline, &ConversationModel::loaded, [&]() { timelineSeen = true; });
    bench.measure(
        QStringLiteral("open the long chat"),
        [&]() {
            timelineSeen = false;
            page->openChat(longRow);
        },
        [&]() { return timelineSeen && timeline->rowCount() > 0; });
    for (int i = 1; i <= 3; ++i) {
        const int before = timeline->rowCount();
        bench.measure(
            QStringLiteral("load older messages (%1)").arg(i), [&]() { timeline->loadOlder(); },
            [&]() { return timeline->rowCount() > before; });
    }

    // Live: customers write; the recorder publishes message_received per new message.
    for (int round = 1; round <= 2; ++round) {
        const int unreadBefore = chats->unreadTotal();
        bench.measure(
            QStringLiteral("%1 incoming messages, live (%2)").arg(burst).arg(round),
            [&]() {
                QList<InboundMessage> incoming;
                for (int k = 0; k < burst; ++k) {
                    InboundMessage m;
                    const int customer = k % 50; // the long chat among them
                    m.fromPhone = phoneOf(customer);
                    m.chatWid = m.fromPhone + QStringLiteral("@c.us");
                    m.type = QStringLiteral("text");
                    m.body = QStringLiteral("Live %1").arg(k);
                    m.waMessageId = QStringLiteral("LIVE%1-%2").arg(round).arg(k);
                    m.receivedAtMs = Clock::nowMs();
                    incoming << m;
                }
                // As the pages deliver them: in groups, the loop turning between.
                for (int k = 0; k < burst; k += 100) {
                    core.inboundRecorder().record(vendorId, numberId, incoming.mid(k, 100));
                    QTest::qWait(5);
                }
            },
            [&]() { return chats->unreadTotal() >= unreadBefore + burst; });
    }

    QSignalSpy replied(page, &ConversationsPage::replyFinished);
    bench.measure(
        QStringLiteral("reply to the long chat"),
        [&]() {
            page->setReplyText(QStringLiteral("Thanks, {{name}}!"));
            page->sendReply();
        },
        [&]() { return replied.count() > 0; });

    QObject::disconnect(chatsLoaded);
    QObject::disconnect(timelineLoaded);
    monitor.stop();
    std::printf("bench_gui_conversations: worst stall %lld ms (bar: none over %lld ms) %s\n",
                bench.worst(), kBarMs, bench.worst() <= kBarMs ? "PASS" : "MISS");
    return 0;
}
