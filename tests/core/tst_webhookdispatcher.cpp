#include "CoreServices.h"
#include "EventBus.h"
#include "Events.h"
#include "TestSupport.h"
#include "WebhookReceiver.h"
#include "accounts/VendorStore.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"
#include "webhooks/StandardWebhooks.h"
#include "webhooks/WebhookDeliveryStore.h"
#include "webhooks/WebhookDispatcher.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>
#include <memory>

// WebhookDispatcher against a real local HTTP receiver and a real SQLite file: signed requests,
// success, the retry rules (failure, timeout, 429 + Retry-After, recovery), other 4xx, 410,
// head-of-line order with at most N in flight, independence of endpoints, disabling after 3
// days of failures (the Clock is moved, nothing sleeps for long), pruning, and the address
// check at delivery time (DNS rebinding).
class TestWebhookDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setOffsetForTesting(0); }
    void deliversSignedRequest();
    void retriesFailureTimeoutAnd429ThenRecovers();
    void otherClientErrorFailsAtOnceAndNextGoes();
    void goneDisablesEndpoint();
    void headOfLineWaitsForRetry();
    void atMostNInFlightInIdOrder();
    void slowEndpointDoesNotDelayAnotherVendor();
    void failingThreeDaysDisablesThenReenableResumes();
    void pruneAfterRetention();
    void addressCheckedAgainAtDelivery();
    void retryScheduleAndMetrics();
    void eventsOfVendorsWithoutEndpointsCostNoScan();
};

namespace {
using Reply = WebhookReceiver::Reply;

struct Env
{
    TempDataDir dir;
    std::unique_ptr<CoreServices> core = makeCoreServices(dir);
    WebhookReceiver rx;
    std::unique_ptr<WebhookDispatcher> dispatcher;

    Env()
    {
        core->settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), true);
        rx.listen();
        dispatcher = std::make_unique<WebhookDispatcher>(*core);
        dispatcher->setRetryScheduleForTests({100}, 0.0);
        dispatcher->setFlushIntervalMs(1);
    }
    ~Env() { dispatcher.reset(); }

    qint64 vendor(const QString &email)
    {
        Vendor v;
        v.name = email;
        v.email = email;
        return core->vendors()
            .create(v, QStringLiteral("h"), QStringLiteral("k-") + email,
                    QStringLiteral("e-") + email)
            .id;
    }
    WebhookStore::Created endpoint(qint64 vendorId, const QString &url)
    {
        return core->webhooks().create(vendorId, url, {QStringLiteral("*")});
    }
    WebhookOutbox::Staged stage(qint64 vendorId, qint64 endpointId)
    {
        return core->webhookOutbox().stageTest(vendorId, endpointId);
    }
    WebhookDeliveryStore::Entry delivery(qint64 vendorId, qint64 endpointId, qint64 deliveryId)
    {
        WebhookDeliveryStore store(core->database().connectionName());
        for (const auto &e : store.deliveries(vendorId, endpointId, {}, 0, 1000))
            if (e.id == deliveryId)
                return e;
        return {};
    }
    QString status(qint64 vendorId, qint64 endpointId, qint64 deliveryId)
    {
        return delivery(vendorId, endpointId, deliveryId).status;
    }
};
} // namespace

void TestWebhookDispatcher::deliversSignedRequest()
{
    Env env;
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    const auto staged = env.stage(vendor, ep.endpoint.id);
    env.dispatcher->start();
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, staged.deliveryId),
                 QStringLiteral("succeeded"));

    QCOMPARE(env.rx.count(), 1);
    const auto &r = env.rx.requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/hook"));
    QCOMPARE(r.headers.value("webhook-id"), staged.eventId.toUtf8());
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(r.headers.value("user-agent").startsWith("Wamator/"));
    const qint64 ts = r.headers.value("webhook-timestamp").toLongLong();
    QVERIFY(qAbs(ts - QDateTime::currentSecsSinceEpoch()) < 60);
    QVERIFY(StandardWebhooks::verify(staged.eventId, ts, r.body,
                                     QString::fromLatin1(r.headers.value("webhook-signature")),
                                     {ep.secret}, QDateTime::currentSecsSinceEpoch()));
    // Exactly the stored body: {"type","timestamp","data"}.
    QSqlQuery q(env.core->database().connection());
    QVERIFY(q.exec(
        QStringLiteral("SELECT body FROM webhook_events WHERE id = '%1'").arg(staged.eventId)));
    QVERIFY(q.next());
    QCOMPARE(r.body, q.value(0).toString().toUtf8());
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(body.value(QStringLiteral("type")).toString(), QStringLiteral("webhook.test"));

    const auto e = env.delivery(vendor, ep.endpoint.id, staged.deliveryId);
    QCOMPARE(e.attempts, 1);
    QCOMPARE(e.lastStatusCode, 200);
    QCOMPARE(e.lastResponse, QStringLiteral("ok"));
    QVERIFY(e.lastError.isNull());
    QVERIFY(e.deliveredAt > 0);
    QVERIFY(e.lastLatencyMs >= 0);

    // After a rotation both secrets sign (24 h overlap): two signatures, the new one first.
    const QString rotated = env.core->webhooks().rotateSecret(vendor, ep.endpoint.id);
    const auto next = env.stage(vendor, ep.endpoint.id);
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, next.deliveryId), QStringLiteral("succeeded"));
    const auto &r2 = env.rx.requests().last();
    const QString header = QString::fromLatin1(r2.headers.value("webhook-signature"));
    const qint64 ts2 = r2.headers.value("webhook-timestamp").toLongLong();
    QCOMPARE(header.split(QLatin1Char(' ')).size(), 2);
    QCOMPARE(header.split(QLatin1Char(' ')).first(),
             StandardWebhooks::signature(next.eventId, ts2, r2.body, rotated));
    QVERIFY(StandardWebhooks::verify(next.eventId, ts2, r2.body, header, {ep.secret}, ts2));
}

void TestWebhookDispatcher::retriesFailureTimeoutAnd429ThenRecovers()
{
    Env env;
    env.dispatcher->setRequestTimeoutMs(
        1000); // generous: a loaded machine still answers 503 in time
    env.rx.setScript([](const WebhookReceiver::Request &, int i) {
        Reply r;
        if (i == 0) {
            r.status = 503;
            r.body = "down";
        } else if (i == 1) {
            r.hang = true; // times out
        } else if (i == 2) {
            r.status = 429;
            r.headers = {{"Retry-After", "1"}};
        }
        return r; // then 200
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    const auto staged = env.stage(vendor, ep.endpoint.id);
    QSignalSpy attempts(env.dispatcher.get(), &WebhookDispatcher::attempted);
    env.dispatcher->start();

    QTRY_COMPARE(attempts.count(), 1);
    auto e = env.delivery(vendor, ep.endpoint.id, staged.deliveryId);
    QCOMPARE(e.status, QStringLiteral("pending"));
    QCOMPARE(e.lastStatusCode, 503);
    QCOMPARE(e.lastError, QStringLiteral("http_503"));
    QCOMPARE(e.lastResponse, QStringLiteral("down"));
    QVERIFY(env.core->webhooks().endpoint(ep.endpoint.id)->failingSince > 0);

    QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 2, 5000);
    e = env.delivery(vendor, ep.endpoint.id, staged.deliveryId);
    QCOMPARE(e.lastError, QStringLiteral("timeout"));
    QCOMPARE(e.attempts, 2);

    QTRY_COMPARE_WITH_TIMEOUT(attempts.count(), 3, 5000);
    e = env.delivery(vendor, ep.endpoint.id, staged.deliveryId);
    QCOMPARE(e.lastStatusCode, 429);
    // Retry-After: 1 is honoured instead of the (100 ms) schedule.
    QCOMPARE(e.nextAttemptAt - e.updatedAt, qint64(1000));

    QTRY_COMPARE_WITH_TIMEOUT(env.status(vendor, ep.endpoint.id, staged.deliveryId),
                              QStringLiteral("succeeded"), 10000);
    QCOMPARE(env.rx.count(), 4);
    QVERIFY(env.rx.requests().at(3).receivedAtMs - env.rx.requests().at(2).receivedAtMs >= 990);
    // The same webhook-id on every attempt: receivers de-duplicate with it.
    for (const auto &r : env.rx.requests())
        QCOMPARE(r.headers.value("webhook-id"), staged.eventId.toUtf8());
    QCOMPARE(env.delivery(vendor, ep.endpoint.id, staged.deliveryId).attempts, 4);
    QCOMPARE(env.core->webhooks().endpoint(ep.endpoint.id)->failingSince, qint64(0));
}

void TestWebhookDispatcher::otherClientErrorFailsAtOnceAndNextGoes()
{
    Env env;
    env.rx.setScript([](const WebhookReceiver::Request &, int i) {
        Reply r;
        if (i == 0) {
            r.status = 400;
            r.body = "bad";
        }
        return r;
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    const auto first = env.stage(vendor, ep.endpoint.id);
    const auto second = env.stage(vendor, ep.endpoint.id);
    env.dispatcher->start();
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, second.deliveryId),
                 QStringLiteral("succeeded"));
    const auto e = env.delivery(vendor, ep.endpoint.id, first.deliveryId);
    QCOMPARE(e.status, QStringLiteral("failed"));
    QCOMPARE(e.attempts, 1);
    QCOMPARE(e.lastError, QStringLiteral("http_400"));
    QCOMPARE(env.rx.count(), 2);
    QVERIFY(env.core->webhooks().endpoint(ep.endpoint.id)->enabled);
}

void TestWebhookDispatcher::goneDisablesEndpoint()
{
    Env env;
    env.rx.setScript([](const WebhookReceiver::Request &, int) {
        Reply r;
        r.status = 410;
        return r;
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    env.core->settings().setValue(QStringLiteral("webhooks/max_in_flight"), 1);
    const auto first = env.stage(vendor, ep.endpoint.id);
    const auto second = env.stage(vendor, ep.endpoint.id);
    QSignalSpy published(&env.core->events(), &EventBus::occurred);
    QSignalSpy disabled(env.dispatcher.get(), &WebhookDispatcher::endpointDisabled);
    env.dispatcher->start();
    QTRY_COMPARE(disabled.count(), 1);
    QCOMPARE(disabled.at(0).at(2).toString(), QStringLiteral("gone"));
    const auto now = env.core->webhooks().endpoint(ep.endpoint.id);
    QVERIFY(!now->enabled);
    QCOMPARE(now->disabledReason, QStringLiteral("gone"));
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, first.deliveryId), QStringLiteral("failed"));
    // The vendor hears it on the event bus (the WebSocket).
    bool heard = false;
    for (const auto &args : published) {
        const Event ev = args.at(1).value<Event>();
        if (const auto *d = std::get_if<WebhookDisabledEvent>(&ev))
            heard = d->endpointId == ep.endpoint.id && d->reason == QLatin1String("gone");
    }
    QVERIFY(heard);
    // Nothing more leaves for a disabled endpoint; the next delivery waits, pending.
    QTest::qWait(300);
    QCOMPARE(env.rx.count(), 1);
    QCOMPARE(env.status(vendor, ep.endpoint.id, second.deliveryId), QStringLiteral("pending"));
}

void TestWebhookDispatcher::headOfLineWaitsForRetry()
{
    Env env;
    env.dispatcher->setRetryScheduleForTests({300}, 0.0);
    env.rx.setScript([](const WebhookReceiver::Request &, int i) {
        Reply r;
        if (i == 0)
            r.status = 500;
        return r;
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    env.core->settings().setValue(QStringLiteral("webhooks/max_in_flight"), 1);
    QStringList ids;
    QList<qint64> deliveries;
    for (int i = 0; i < 3; ++i) {
        const auto s = env.stage(vendor, ep.endpoint.id);
        ids << s.eventId;
        deliveries << s.deliveryId;
    }
    env.dispatcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(env.status(vendor, ep.endpoint.id, deliveries.last()),
                              QStringLiteral("succeeded"), 10000);
    // While the oldest waited for its retry, nothing newer left: e1 (500), e1, e2, e3.
    QStringList seen;
    for (const auto &r : env.rx.requests())
        seen << QString::fromUtf8(r.headers.value("webhook-id"));
    QCOMPARE(seen, QStringList({ids.at(0), ids.at(0), ids.at(1), ids.at(2)}));
}

void TestWebhookDispatcher::atMostNInFlightInIdOrder()
{
    Env env;
    env.rx.setScript([](const WebhookReceiver::Request &, int) {
        Reply r;
        r.delayMs = 30; // answers overlap
        return r;
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    env.core->settings().setValue(QStringLiteral("webhooks/max_in_flight"), 3);
    QStringList ids;
    for (int i = 0; i < 20; ++i)
        ids << env.stage(vendor, ep.endpoint.id).eventId;
    env.dispatcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(env.rx.count(), 20, 10000);
    QStringList seen;
    for (const auto &r : env.rx.requests())
        seen << QString::fromUtf8(r.headers.value("webhook-id"));
    QCOMPARE(seen, ids);
    QVERIFY2(env.rx.maxOpen() <= 3, qPrintable(QString::number(env.rx.maxOpen())));
    QVERIFY(env.rx.maxOpen() >= 2); // a window, not one by one
}

void TestWebhookDispatcher::slowEndpointDoesNotDelayAnotherVendor()
{
    Env env;
    WebhookReceiver slow;
    QVERIFY(slow.listen());
    slow.setScript([](const WebhookReceiver::Request &, int) {
        Reply r;
        r.hang = true;
        return r;
    });
    env.dispatcher->setRequestTimeoutMs(8000);
    const qint64 a = env.vendor(QStringLiteral("a@x.test"));
    const qint64 b = env.vendor(QStringLiteral("b@x.test"));
    const auto slowEp = env.endpoint(a, slow.url());
    const auto fastEp = env.endpoint(b, env.rx.url());
    for (int i = 0; i < 10; ++i)
        env.stage(a, slowEp.endpoint.id);
    QList<qint64> fast;
    for (int i = 0; i < 10; ++i)
        fast << env.stage(b, fastEp.endpoint.id).deliveryId;
    env.dispatcher->start();
    QTRY_COMPARE_WITH_TIMEOUT(env.status(b, fastEp.endpoint.id, fast.last()),
                              QStringLiteral("succeeded"), 5000);
    QCOMPARE(env.rx.count(), 10);
    // The slow one holds its window (4), none answered, while the other vendor got everything.
    QCOMPARE(slow.count(), WebhookDispatcher::kDefaultMaxInFlight);
    for (const auto &r : slow.requests())
        QCOMPARE(r.answered, 0);
}

void TestWebhookDispatcher::failingThreeDaysDisablesThenReenableResumes()
{
    Env env;
    bool recovered = false;
    env.rx.setScript([&recovered](const WebhookReceiver::Request &, int) {
        Reply r;
        if (!recovered)
            r.status = 500;
        return r;
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    const auto staged = env.stage(vendor, ep.endpoint.id);
    QSignalSpy attempts(env.dispatcher.get(), &WebhookDispatcher::attempted);
    QSignalSpy disabled(env.dispatcher.get(), &WebhookDispatcher::endpointDisabled);
    QSignalSpy published(&env.core->events(), &EventBus::occurred);
    env.dispatcher->start();
    QTRY_VERIFY(attempts.count() >= 2);
    QCOMPARE(disabled.count(), 0); // failing, but not for 3 days yet
    const qint64 since = env.core->webhooks().endpoint(ep.endpoint.id)->failingSince;
    QVERIFY(since > 0);

    Clock::setOffsetForTesting(WebhookDispatcher::kDisableAfterMs + 60'000);
    QTRY_COMPARE(disabled.count(), 1);
    QCOMPARE(disabled.at(0).at(2).toString(), QStringLiteral("failing_3_days"));
    auto now = env.core->webhooks().endpoint(ep.endpoint.id);
    QVERIFY(!now->enabled);
    QCOMPARE(now->disabledReason, QStringLiteral("failing_3_days"));
    bool heard = false;
    for (const auto &args : published) {
        const Event ev = args.at(1).value<Event>();
        if (const auto *d = std::get_if<WebhookDisabledEvent>(&ev))
            heard = d->endpointId == ep.endpoint.id && d->reason == QLatin1String("failing_3_days");
    }
    QVERIFY(heard);
    // The delivery is kept, pending: re-enabling resumes from where it stopped.
    QCOMPARE(env.status(vendor, ep.endpoint.id, staged.deliveryId), QStringLiteral("pending"));
    const int before = env.rx.count();
    QTest::qWait(300);
    QCOMPARE(env.rx.count(), before);

    recovered = true;
    WebhookStore::Patch patch;
    patch.enabled = true;
    env.core->webhooks().update(vendor, ep.endpoint.id, patch);
    QTRY_COMPARE_WITH_TIMEOUT(env.status(vendor, ep.endpoint.id, staged.deliveryId),
                              QStringLiteral("succeeded"), 5000);
    QCOMPARE(env.core->webhooks().endpoint(ep.endpoint.id)->failingSince, qint64(0));
}

void TestWebhookDispatcher::pruneAfterRetention()
{
    Env env;
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    const auto old = env.stage(vendor, ep.endpoint.id);
    const auto recent = env.stage(vendor, ep.endpoint.id);
    env.dispatcher->start();
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, recent.deliveryId),
                 QStringLiteral("succeeded"));
    env.dispatcher->stop();
    const auto oldPending = env.stage(vendor, ep.endpoint.id); // never delivered (stopped)

    // Age two of them past the 30 days (the default retention).
    const qint64 longAgo = Clock::nowMs() - 31LL * 24 * 3600 * 1000;
    QSqlQuery q(env.core->database().connection());
    for (const auto &s : {old, oldPending}) {
        QVERIFY(q.exec(QStringLiteral("UPDATE webhook_deliveries SET created_at = %1 WHERE id = %2")
                           .arg(longAgo)
                           .arg(s.deliveryId)));
        QVERIFY(q.exec(QStringLiteral("UPDATE webhook_events SET created_at = %1 WHERE id = '%2'")
                           .arg(longAgo)
                           .arg(s.eventId)));
    }
    QCOMPARE(env.dispatcher->pruneNow(), qint64(1));
    auto count = [&](const QString &sql) {
        QSqlQuery c(env.core->database().connection());
        c.exec(sql);
        return c.next() ? c.value(0).toInt() : -1;
    };
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries WHERE id = %1")
                       .arg(old.deliveryId)),
             0);
    QCOMPARE(
        count(
            QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE id = '%1'").arg(old.eventId)),
        0);
    // The recent one stays, and so does the old pending one (and its event): not delivered yet.
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries WHERE id = %1")
                       .arg(recent.deliveryId)),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries WHERE id = %1")
                       .arg(oldPending.deliveryId)),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE id = '%1'")
                       .arg(oldPending.eventId)),
             1);

    // A shorter retention setting prunes the recent one too once it is older than that.
    env.core->settings().setValue(QStringLiteral("webhooks/retention_days"), 1);
    QVERIFY(q.exec(QStringLiteral("UPDATE webhook_deliveries SET created_at = %1 WHERE id = %2")
                       .arg(Clock::nowMs() - 2LL * 24 * 3600 * 1000)
                       .arg(recent.deliveryId)));
    QCOMPARE(env.dispatcher->pruneNow(), qint64(1));
}

void TestWebhookDispatcher::addressCheckedAgainAtDelivery()
{
    Env env;
    // The name resolves to the receiver when the endpoint is created, then (rebinding) to the
    // cloud metadata address, then to a private address with private addresses refused.
    QString answer = QStringLiteral("169.254.169.254");
    env.dispatcher->setResolverForTests(
        [&answer](const QString &host,
                  std::function<void(const QList<QHostAddress> &, const QString &)> done) {
            QCOMPARE(host, QStringLiteral("hooks.example.test"));
            done({QHostAddress(answer)}, {});
        });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(
        vendor, QStringLiteral("http://hooks.example.test:%1/hook").arg(env.rx.port()));
    const auto staged = env.stage(vendor, ep.endpoint.id);
    QSignalSpy attempts(env.dispatcher.get(), &WebhookDispatcher::attempted);
    env.dispatcher->start();
    QTRY_COMPARE(attempts.count(), 1);
    auto e = env.delivery(vendor, ep.endpoint.id, staged.deliveryId);
    QCOMPARE(e.status, QStringLiteral("pending")); // retried: the name may point back
    QCOMPARE(e.lastError, QStringLiteral("address_not_allowed"));
    QCOMPARE(env.rx.count(), 0);

    answer = QStringLiteral("127.0.0.1");
    env.core->settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), false);
    QTRY_COMPARE(attempts.count(), 2);
    QCOMPARE(env.delivery(vendor, ep.endpoint.id, staged.deliveryId).lastError,
             QStringLiteral("address_not_allowed"));
    QCOMPARE(env.rx.count(), 0);

    env.core->settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), true);
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, staged.deliveryId),
                 QStringLiteral("succeeded"));
    QCOMPARE(env.rx.count(), 1);
    // The connection went to the checked address, the Host header names the endpoint's host.
    QCOMPARE(env.rx.requests().first().headers.value("host"),
             QStringLiteral("hooks.example.test:%1").arg(env.rx.port()).toUtf8());
}

void TestWebhookDispatcher::retryScheduleAndMetrics()
{
    QCOMPARE(WebhookDispatcher::retryDelayMs(1), qint64(5'000));
    QCOMPARE(WebhookDispatcher::retryDelayMs(2), qint64(30'000));
    QCOMPARE(WebhookDispatcher::retryDelayMs(3), qint64(120'000));
    QCOMPARE(WebhookDispatcher::retryDelayMs(4), qint64(600'000));
    QCOMPARE(WebhookDispatcher::retryDelayMs(5), qint64(3'600'000));
    QCOMPARE(WebhookDispatcher::retryDelayMs(6), qint64(6 * 3'600'000));
    QCOMPARE(WebhookDispatcher::retryDelayMs(40), qint64(6 * 3'600'000));

    Env env;
    env.rx.setScript([](const WebhookReceiver::Request &, int i) {
        Reply r;
        if (i == 0)
            r.status = 502;
        else if (i == 1)
            r.status = 404;
        return r;
    });
    const qint64 vendor = env.vendor(QStringLiteral("a@x.test"));
    const auto ep = env.endpoint(vendor, env.rx.url());
    env.core->settings().setValue(QStringLiteral("webhooks/max_in_flight"), 1);
    const auto first = env.stage(vendor, ep.endpoint.id);
    const auto second = env.stage(vendor, ep.endpoint.id);
    const auto third = env.stage(vendor, ep.endpoint.id);
    env.dispatcher->start();
    // first: 502 (retried), then 404 (failed for good); second and third: 200.
    QTRY_COMPARE(env.status(vendor, ep.endpoint.id, third.deliveryId), QStringLiteral("succeeded"));
    QCOMPARE(env.status(vendor, ep.endpoint.id, first.deliveryId), QStringLiteral("failed"));
    QCOMPARE(env.status(vendor, ep.endpoint.id, second.deliveryId), QStringLiteral("succeeded"));
    const auto m = env.dispatcher->metrics();
    QCOMPARE(m.retried, qint64(1));
    QCOMPARE(m.failed, qint64(1));
    QCOMPARE(m.succeeded, qint64(2));
    QCOMPARE(m.latencyCount, qint64(2));
    const QByteArray text = env.dispatcher->metricsText();
    QVERIFY(text.contains("wamator_webhook_deliveries_total{outcome=\"succeeded\"} 2\n"));
    QVERIFY(text.contains("wamator_webhook_deliveries_total{outcome=\"retry\"} 1\n"));
    QVERIFY(text.contains("wamator_webhook_deliveries_total{outcome=\"failed\"} 1\n"));
    QVERIFY(text.contains("wamator_webhook_queue_depth 0\n"));
    QVERIFY(text.contains("wamator_webhook_delivery_latency_seconds_count 2\n"));

    // Queue depth counts pending deliveries of enabled endpoints.
    env.dispatcher->stop();
    env.stage(vendor, ep.endpoint.id);
    env.stage(vendor, ep.endpoint.id);
    QVERIFY(env.dispatcher->metricsText().contains("wamator_webhook_queue_depth 2\n"));
}

QTEST_GUILESS_MAIN(TestWebhookDispatcher)
#include "tst_webhookdispatcher.moc"

void TestWebhookDispatcher::eventsOfVendorsWithoutEndpointsCostNoScan()
{
    // Every message's status change is an event; the deliverer looks at the endpoints again
    // after an event only for a vendor that has one (only those have rows staged).
    Env env;
    const qint64 quiet = env.vendor(QStringLiteral("quiet@x.test"));
    const qint64 hooked = env.vendor(QStringLiteral("hooked@x.test"));
    const auto ep = env.endpoint(hooked, env.rx.url());
    env.dispatcher->start();
    QTest::qWait(20);
    auto event = [](qint64 messageId) {
        MessageStatusEvent e;
        e.userId = 1;
        e.batchId = QStringLiteral("b");
        e.messageId = messageId;
        e.recipient = QStringLiteral("2348031234567");
        e.status = QStringLiteral("sent");
        e.atMs = Clock::nowMs();
        return e;
    };
    const qint64 before = env.dispatcher->metrics().endpointScans;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < 50; ++i) {
        env.core->events().publish(quiet, event(i));
        QCoreApplication::processEvents();
    }
    // The 1 s poll may have looked meanwhile; each event looked before (50 scans).
    const qint64 polls = elapsed.elapsed() / 1000 + 1;
    QVERIFY2(env.dispatcher->metrics().endpointScans - before <= polls,
             qPrintable(QString::number(env.dispatcher->metrics().endpointScans - before)));
    // The hooked vendor's delivery still goes out.
    const auto staged = env.stage(hooked, ep.endpoint.id);
    env.core->events().publish(hooked, event(99));
    QTRY_COMPARE(env.status(hooked, ep.endpoint.id, staged.deliveryId),
                 QStringLiteral("succeeded"));
    QVERIFY(env.dispatcher->metricsText().contains("wamator_webhook_endpoint_scans_total "));
}
