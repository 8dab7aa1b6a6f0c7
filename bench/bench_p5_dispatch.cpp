// P5: the dispatcher with pacing off on one sandbox session: messages/s from `pending` to
// `sent`, none lost, plus enqueue → sent latency. Runs the real `wamator --headless` binary
// (the production wiring: SessionManager, the simulator page, OutboxDispatcher) and watches
// the vendor's WebSocket: "sent" is the message_status event the vendor receives.
//   throughput: one batch of kBatch messages; from the POST /messages answer (all rows
//               committed as pending) to the last `sent` event; checked against the simulator
//               outbox (every recipient exactly once).
//   latency:    kLatencyRuns single-message batches one after another on an idle queue: POST
//               answer → `sent` event (includes the simulator's ~50 ms server ack).

#include "../tests/e2e/PipelineHarness.h"

#include "CoreServices.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/MessageSender.h"
#include "outbox/OutboxDispatcher.h"
#include "security/MemorySecretStore.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace e2e;

namespace {
// WAMATOR_P5_BATCH overrides the batch size (quick runs while profiling).
const int kBatch = qEnvironmentVariableIsSet("WAMATOR_P5_BATCH")
                       ? qEnvironmentVariableIntValue("WAMATOR_P5_BATCH")
                       : 3000;
constexpr int kLatencyRuns = 40;
constexpr double kBar = 300.0;

QString phoneFor(int i)
{
    return QStringLiteral("08036%1").arg(i + 1, 6, 10, QLatin1Char('0'));
}

// In-process stand-in for the WhatsApp layer: answers like the simulator's timing (send
// result after 50 ms, acks 2 and 3 later) but costs nothing, so the figure is the dispatcher's
// own ceiling (database + scheduling), separate from the page's cost per message.
class FastSender : public MessageSender
{
public:
    bool isReady(qint64) const override { return true; }
    QString newMessageId() const override { return QStringLiteral("3EB0F%1").arg(++m_n); }
    void isRegistered(qint64, const QString &, std::function<void(Outcome, bool)> done) override
    {
        QTimer::singleShot(0, this, [done]() { done(Outcome{}, true); });
    }
    void sendText(qint64 n, const QString &, const QString &, const QString &id,
                  std::function<void(Outcome)> done) override
    {
        QTimer::singleShot(50, this, [this, n, id, done]() {
            done(Outcome{});
            QTimer::singleShot(100, this, [this, n, id]() { Q_EMIT ackChanged(n, id, 2); });
        });
    }
    void sendMedia(qint64 n, const QString &to, const Media &, const QString &c, const QString &id,
                   std::function<void(Outcome)> done) override
    {
        sendText(n, to, c, id, std::move(done));
    }
    void hasMessage(qint64, const QString &, const QString &,
                    std::function<void(Outcome, bool, int)> done) override
    {
        QTimer::singleShot(0, this, [done]() { done(Outcome{}, false, 0); });
    }
    void setTyping(qint64, const QString &, bool) override {}

private:
    mutable qint64 m_n = 0;
};

double coreOnlyRate(int messages)
{
    QTemporaryDir dir;
    CoreServices::Options options;
    options.dataDir = dir.path();
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    core.open();
    const qint64 vendor = core.accounts()
                              .registerVendor(QStringLiteral("B"), QStringLiteral("b@example.com"),
                                              QStringLiteral("password123"), QStringLiteral("B"),
                                              QStringLiteral("08031234567"))
                              .vendor.id;
    AppUser u;
    u.name = QStringLiteral("U");
    u.email = QStringLiteral("u@example.com");
    const qint64 user = core.users().create(vendor, u).id;
    // The dispatcher sends only for users with an active subscription.
    Plan plan;
    plan.name = QStringLiteral("P");
    plan.maxPhoneNumbers = 5;
    plan.maxMessages = 1000000;
    plan.periodDays = 30;
    Subscription sub;
    sub.appUserId = user;
    sub.planId = core.plans().create(plan).id;
    sub.startsAt = Clock::nowMs() - 86400000;
    sub.endsAt = Clock::nowMs() + 30LL * 86400000;
    core.subscriptions().create(sub);
    core.numbers().add(vendor, user, QStringLiteral("2348031110000"), {}, true);
    QList<Message> rows;
    for (int i = 0; i < messages; ++i) {
        Message m;
        m.batchId = QStringLiteral("bench");
        m.appUserId = user;
        m.recipient = QStringLiteral("2348037%1").arg(i, 6, 10, QLatin1Char('0'));
        m.message = QStringLiteral("hello");
        m.expiresAt = Clock::nowMs() + 3600000;
        rows << m;
    }
    core.messages().insertBatch(vendor, rows);
    FastSender sender;
    OutboxDispatcher dispatcher(core, sender);
    int sent = 0;
    QObject::connect(&dispatcher, &OutboxDispatcher::statusChanged, &dispatcher,
                     [&](qint64, qint64, const QString &status) { sent += status == QLatin1String("sent"); });
    QElapsedTimer t;
    t.start();
    dispatcher.start();
    if (!waitFor([&]() { return sent >= messages; }, 300000))
        return 0;
    return double(messages) * 1000.0 / double(std::max<qint64>(1, t.elapsed()));
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double core = qEnvironmentVariableIntValue("WAMATOR_P5_SKIP_CORE") ? 0 : coreOnlyRate(20000);
    std::printf("P5 dispatcher core (in-process sender, 50 ms WhatsApp round trip, SQLite WAL): "
                "%.0f messages/s pending->sent (20000 messages); bar >= %.0f/s: %s\n",
                core, kBar, core >= kBar ? "PASS" : "FAIL");
    std::fflush(stdout);
    QTemporaryDir dir;
    App wamator(dir.filePath(QStringLiteral("data")));
    wamator.env().insert(QStringLiteral("WAMATOR_PACING"), QStringLiteral("0"));
    if (!wamator.start()) {
        std::fprintf(stderr, "cannot start wamator:\n%s\n", qPrintable(wamator.log()));
        return 1;
    }
    Api api(wamator.port());
    World w;
    if (!setUp(api, w, 1000000, QStringLiteral("08031119999")) || !connectAndScan(api, w)) {
        std::fprintf(stderr, "setup failed:\n%s\n", qPrintable(wamator.log()));
        return 1;
    }
    QJsonArray contacts, recipients;
    for (int i = 0; i < kBatch; ++i) {
        contacts.append(QJsonObject{{"name", QStringLiteral("C%1").arg(i)}, {"phone_number", phoneFor(i)}});
        recipients.append(QJsonObject{{"number", phoneFor(i)}});
    }
    if (!addContacts(api, w, contacts))
        return 1;

    // Our own socket so that event arrival times are measured as they come.
    QWebSocket socket;
    QHash<qint64, qint64> sentAt; // message id → ms (monotonic)
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        if (o.value("event").toString() == QLatin1String("message_status")
            && o.value("status").toString() == QLatin1String("sent"))
            sentAt.insert(o.value("message_id").toInteger(), clock.elapsed());
    });
    QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(wamator.port())));
    req.setRawHeader("x-api-key", w.apiKey.toLatin1());
    socket.open(req);
    if (!waitFor([&]() { return socket.state() == QAbstractSocket::ConnectedState; }, 10000))
        return 1;

    // --- latency on an idle queue ---
    std::vector<double> latencies;
    for (int i = 0; i < kLatencyRuns; ++i) {
        const Reply r = api.post(QStringLiteral("/messages"),
                                 QJsonObject{{"user_id", w.userId},
                                             {"contacts", QJsonArray{QJsonObject{{"number", phoneFor(i)}}}},
                                             {"message", "latency {{name}}"}});
        const qint64 queuedAt = clock.elapsed();
        const qint64 id = r.json.value("results").toArray().at(0).toObject().value("message_id").toInteger();
        if (r.status != 200 || !waitFor([&]() { return sentAt.contains(id); }, 30000)) {
            std::fprintf(stderr, "latency run %d failed: %s\n", i, qPrintable(r.describe()));
            return 1;
        }
        latencies.push_back(double(sentAt.value(id) - queuedAt));
    }

    // --- throughput: one batch ---
    const Reply r = api.send("POST", QStringLiteral("/messages"),
                             QJsonObject{{"user_id", w.userId}, {"contacts", recipients},
                                         {"message", "P5 {{name}}"}});
    const qint64 queuedAt = clock.elapsed();
    if (r.status != 200 || r.json.value("queued").toInt() != kBatch) {
        std::fprintf(stderr, "POST /messages failed: %s\n", qPrintable(r.describe()));
        return 1;
    }
    QSet<qint64> ids;
    for (const QJsonValue &v : r.json.value("results").toArray())
        ids.insert(v.toObject().value("message_id").toInteger());
    auto done = [&]() {
        int n = 0;
        for (qint64 id : std::as_const(ids))
            n += sentAt.contains(id) ? 1 : 0;
        return n;
    };
    if (!waitFor([&]() { return done() == kBatch; }, 600000)) {
        std::fprintf(stderr, "only %d of %d sent\n", done(), kBatch);
        return 1;
    }
    qint64 last = 0;
    std::vector<double> batchLatency;
    for (qint64 id : std::as_const(ids)) {
        last = std::max(last, sentAt.value(id));
        batchLatency.push_back(double(sentAt.value(id) - queuedAt));
    }
    const double seconds = double(last - queuedAt) / 1000.0;
    const double rate = double(kBatch) / seconds;

    // None lost, none twice: the simulator's outbox.
    QJsonArray box;
    waitFor([&]() { box = outbox(api, w); return box.size() >= kBatch + kLatencyRuns; }, 30000);
    QHash<QString, int> perRecipient;
    int p5 = 0;
    for (const QJsonValue &v : box) {
        if (!v.toObject().value("body").toString().startsWith(QLatin1String("P5 ")))
            continue;
        ++p5;
        perRecipient[v.toObject().value("to").toString()] += 1;
    }
    const bool exact = p5 == kBatch && perRecipient.size() == kBatch;

    std::printf("P5 dispatch (one sandbox session, pacing off): %d messages pending->sent in %.2f s = "
                "%.0f messages/s; bar >= %.0f/s: %s; outbox %d of %d, each recipient once: %s\n",
                kBatch, seconds, rate, kBar, rate >= kBar ? "PASS" : "FAIL", p5, kBatch,
                exact ? "yes" : "NO");
    std::printf("P5 latency enqueue->sent: idle queue p50 %.0f ms, p99 %.0f ms (%d single-message "
                "batches); within the %d-message batch p50 %.0f ms, p99 %.0f ms\n",
                percentile(latencies, 0.5), percentile(latencies, 0.99), kLatencyRuns, kBatch,
                percentile(batchLatency, 0.5), percentile(batchLatency, 0.99));
    std::fflush(stdout);
    wamator.stop();
    return rate >= kBar && exact ? 0 : 2;
}
