// P9, webhook delivery: staged events → signed POSTs answered 200 by a local receiver → the
// results recorded in webhook_deliveries. The production path: WebhookOutbox::stage inside a
// transaction (as producers do), WebhookDispatcher (per-endpoint windows, signing, the
// address check, batched result writes), on a real SQLite file (WAL, as the app opens it).
// The receiver is a minimal keep-alive HTTP/1.1 server on its own thread (answers 200 with an
// empty body), so its cost is not on Wamator's event loop.
//   throughput: kEvents message_status events staged up front for each of kEndpoints
//               endpoints (one vendor each; default webhooks/max_in_flight = 4) → the time until
//               every delivery is recorded `succeeded`. Run with 1 endpoint and with several.
//   latency:    an idle queue; kSamples events staged one at a time, kGapMs apart: staging
//               commit → the `succeeded` result written (p50/p99).
// Checked: every delivery succeeded, one request per delivery.

#include "CoreServices.h"
#include "Events.h"
#include "accounts/VendorAccounts.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "security/MemorySecretStore.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"
#include "webhooks/WebhookDispatcher.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>

namespace {

const int kEvents = qEnvironmentVariableIsSet("WAMATOR_P9_EVENTS")
                        ? qEnvironmentVariableIntValue("WAMATOR_P9_EVENTS")
                        : 10000;
constexpr int kSamples = 300;
constexpr int kGapMs = 10;
constexpr double kRateBar = 2000.0;
constexpr double kP99Bar = 100.0;

// A keep-alive HTTP/1.1 server answering every request 200 (empty body), on its own thread.
class Receiver : public QThread
{
public:
    std::atomic<qint64> requests{0};
    std::atomic<quint16> port{0};

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                auto *buffer = new QByteArray;
                QObject::connect(s, &QTcpSocket::disconnected, s, [s, buffer] {
                    delete buffer;
                    s->deleteLater();
                });
                QObject::connect(s, &QTcpSocket::readyRead, s, [s, buffer, this] {
                    buffer->append(s->readAll());
                    QByteArray out;
                    for (;;) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            break;
                        qint64 length = 0;
                        const qsizetype cl = buffer->toLower().indexOf("content-length:");
                        if (cl >= 0 && cl < end)
                            length = buffer->mid(cl + 15, buffer->indexOf("\r\n", cl) - cl - 15)
                                         .trimmed()
                                         .toLongLong();
                        if (buffer->size() < end + 4 + length)
                            break;
                        buffer->remove(0, end + 4 + length);
                        requests.fetch_add(1);
                        out += "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
                    }
                    if (!out.isEmpty())
                        s->write(out);
                });
            }
        });
        port.store(server.serverPort());
        exec();
    }
};

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype i = std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size())));
    return v.at(i);
}

qint64 vendorNo = 0;
qint64 newVendor(CoreServices &core)
{
    ++vendorNo;
    return core.accounts()
        .registerVendor(QStringLiteral("Bench %1").arg(vendorNo),
                        QStringLiteral("bench%1@example.com").arg(vendorNo),
                        QStringLiteral("bench-password"), QStringLiteral("Bench"),
                        QStringLiteral("08031234567"))
        .vendor.id;
}

MessageStatusEvent statusEvent(qint64 i)
{
    MessageStatusEvent e;
    e.userId = 1;
    e.batchId = QStringLiteral("b-%1").arg(i / 100);
    e.messageId = i;
    e.recipient = QStringLiteral("2348030000001");
    e.status = QStringLiteral("delivered");
    e.atMs = Clock::nowMs();
    return e;
}

// Runs the loop until `done` or `timeoutMs`.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Receiver receiver;
    receiver.start();
    while (receiver.port.load() == 0)
        QThread::msleep(1);
    const QString url = QStringLiteral("http://127.0.0.1:%1/hook").arg(receiver.port.load());

    QTemporaryDir dir;
    CoreServices::Options options;
    options.dataDir = dir.path();
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    core.open();
    core.settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), true);
    QSqlDatabase db = core.database().connection();

    WebhookDispatcher dispatcher(core);
    qint64 succeeded = 0, other = 0;
    QHash<qint64, qint64> stagedAt; // delivery id → ms (latency phase)
    QList<double> latencies;
    QObject::connect(&dispatcher, &WebhookDispatcher::attempted, &dispatcher,
                     [&](qint64 deliveryId, qint64, const QString &outcome) {
                         if (outcome == QLatin1String("succeeded"))
                             ++succeeded;
                         else
                             ++other;
                         const auto it = stagedAt.constFind(deliveryId);
                         if (it != stagedAt.cend())
                             latencies << double(Clock::nowMs() - *it);
                     });
    dispatcher.start();

    bool ok = true;
    double bestRate = 0;
    for (const int endpoints : {1, 4}) {
        QList<qint64> vendors;
        for (int e = 0; e < endpoints; ++e) {
            const qint64 v = newVendor(core);
            core.webhooks().create(v, url, {QStringLiteral("message_status")});
            vendors << v;
        }
        dispatcher.stop(); // staged up front, then timed from the start
        {
            SqlSupport::Transaction tx(db);
            for (int i = 0; i < kEvents; ++i)
                for (qint64 v : vendors)
                    core.webhookOutbox().stage(db, v, statusEvent(i));
            tx.commit();
        }
        const qint64 total = qint64(kEvents) * endpoints;
        succeeded = other = 0;
        const qint64 requestsBefore = receiver.requests.load();
        QElapsedTimer t;
        t.start();
        dispatcher.start();
        if (!waitFor([&] { return succeeded + other >= total; }, 300000)) {
            std::fprintf(stderr, "timed out: %lld of %lld delivered\n", succeeded, total);
            ok = false;
        }
        const double secs = double(t.nsecsElapsed()) / 1e9;
        const double rate = double(succeeded) / secs;
        bestRate = std::max(bestRate, rate);
        const qint64 requests = receiver.requests.load() - requestsBefore;
        std::printf(
            "P9 throughput: %lld deliveries to %d endpoint(s) (max_in_flight 4) in %.2f s = "
            "%.0f deliveries/s; %lld requests, %lld not succeeded\n",
            total, endpoints, secs, rate, requests, other);
        if (succeeded != total || requests != total || other != 0)
            ok = false;
    }

    // Latency on an idle queue: one event at a time.
    const qint64 v = newVendor(core);
    const auto ep = core.webhooks().create(v, url, {QStringLiteral("message_status")});
    Q_UNUSED(ep);
    for (int i = 0; i < kSamples; ++i) {
        const qint64 before = succeeded;
        {
            SqlSupport::Transaction tx(db);
            core.webhookOutbox().stage(db, v, statusEvent(i));
            tx.commit();
        }
        const qint64 at = Clock::nowMs();
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT MAX(id) FROM webhook_deliveries"));
        q.next();
        stagedAt.insert(q.value(0).toLongLong(), at);
        if (!waitFor([&] { return succeeded > before; }, 10000)) {
            std::fprintf(stderr, "latency sample %d not delivered\n", i);
            ok = false;
            break;
        }
        waitFor([] { return false; }, kGapMs);
    }
    const double p50 = percentile(latencies, 0.50), p99 = percentile(latencies, 0.99);
    std::printf("P9 latency (idle queue, %lld samples): staged -> delivered p50 %.0f ms, p99 %.0f "
                "ms, max %.0f ms\n",
                qint64(latencies.size()), p50, p99, percentile(latencies, 1.0));
    const bool pass = ok && bestRate >= kRateBar && p99 <= kP99Bar;
    std::printf("bar: >= %.0f deliveries/s and p99 <= %.0f ms -> %s\n", kRateBar, kP99Bar,
                pass ? "PASS" : "FAIL");
    dispatcher.stop();
    receiver.quit();
    receiver.wait();
    return pass ? 0 : 1;
}
