// WebhookStore on a real SQLite file through CoreServices: endpoints of a vendor (create, list,
// find, update, remove), their secrets (shown once, encrypted at rest, rotation keeps the old
// one for 24 hours by the Clock), the limit of 10, the URL address policy, event names, tenant
// isolation, and disabling (webhook_disabled published once; re-enabling clears the state).

#include "EventBus.h"
#include "InboundFixture.h"
#include "platform/Settings.h"
#include "webhooks/WebhookEndpoint.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kUrl = QStringLiteral("https://hooks.example.com/wamator");

QStringList all()
{
    return {QStringLiteral("*")};
}

// Every byte of the database files (main file and write-ahead log).
QByteArray databaseBytes(const QString &dataDir)
{
    QByteArray out;
    const QDir dir(dataDir);
    for (const QString &name : dir.entryList({QStringLiteral("wamator.sqlite*")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out += f.readAll();
    }
    return out;
}

} // namespace

class TestWebhookStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InboundFixture> f;
    WebhookStore &store() { return f->core->webhooks(); }
    void setAllowPrivate(bool allow)
    {
        f->core->settings().setValue(QStringLiteral("webhooks/allow_private_addresses"), allow);
    }

private Q_SLOTS:
    void init() { f = std::make_unique<InboundFixture>(); }
    void cleanup()
    {
        Clock::setOffsetForTesting(0);
        f.reset();
    }

    void createShowsTheSecretOnceAndNeverAgain()
    {
        const WebhookStore::Created c = store().create(
            f->vendorA, kUrl, {QStringLiteral("message_status")}, 0, QStringLiteral("CRM"));
        QVERIFY(c.endpoint.id > 0);
        QVERIFY(c.secret.startsWith(QLatin1String("whsec_")));
        // Standard Webhooks: whsec_ + base64 of the key bytes (24..64; ours are 32).
        const QByteArray key = QByteArray::fromBase64(c.secret.mid(6).toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        QCOMPARE(key.size(), 32);
        QCOMPARE(c.endpoint.url, kUrl);
        QCOMPARE(c.endpoint.events, QStringList{QStringLiteral("message_status")});
        QCOMPARE(c.endpoint.description, QStringLiteral("CRM"));
        QVERIFY(c.endpoint.enabled);

        const QJsonObject json = store().find(f->vendorA, c.endpoint.id).toJson();
        for (const char *k :
             {"id", "url", "events", "app_user_id", "description", "enabled", "disabled_reason",
              "disabled_at", "failing_since", "created_at", "updated_at"})
            QVERIFY2(json.contains(k), qPrintable(k));
        QVERIFY(json.value("app_user_id").isNull());
        const QByteArray text = QJsonDocument(json).toJson();
        QVERIFY(!text.contains("secret"));
        QVERIFY(!text.contains(c.secret.toUtf8()));
        QCOMPARE(store().list(f->vendorA).size(), 1);
        // The deliverer's view: the current secret only.
        QCOMPARE(store().secrets(c.endpoint.id), QStringList{c.secret});
    }

    void secretsAreEncryptedAtRest()
    {
        const WebhookStore::Created c = store().create(f->vendorA, kUrl, all());
        const QString sealed =
            f->scalar("SELECT secret_enc FROM webhook_endpoints WHERE id = ?", {c.endpoint.id})
                .toString();
        QVERIFY(!sealed.isEmpty());
        QVERIFY(!sealed.contains(c.secret.mid(6)));
        const QString rotated = store().rotateSecret(f->vendorA, c.endpoint.id);
        // Neither secret, nor the key bytes' base64, anywhere in the database files.
        const QByteArray bytes = databaseBytes(f->dir->path());
        QVERIFY(!bytes.isEmpty());
        for (const QString &s : {c.secret, rotated}) {
            QVERIFY(!bytes.contains(s.toUtf8()));
            QVERIFY(!bytes.contains(s.mid(6).toUtf8()));
            QVERIFY(!bytes.contains(QByteArray::fromBase64(s.mid(6).toLatin1())));
        }
    }

    void rotationKeepsTheOldSecretFor24Hours()
    {
        const WebhookStore::Created c = store().create(f->vendorA, kUrl, all());
        const QString next = store().rotateSecret(f->vendorA, c.endpoint.id);
        QVERIFY(next != c.secret);
        QVERIFY(next.startsWith(QLatin1String("whsec_")));
        QCOMPARE(store().secrets(c.endpoint.id), (QStringList{next, c.secret}));
        Clock::setOffsetForTesting(24LL * 3600 * 1000 - 60 * 1000);
        QCOMPARE(store().secrets(c.endpoint.id), (QStringList{next, c.secret}));
        Clock::setOffsetForTesting(24LL * 3600 * 1000 + 1000);
        QCOMPARE(store().secrets(c.endpoint.id), QStringList{next});
        // A second rotation: the one just replaced signs alongside, the first is gone.
        const QString third = store().rotateSecret(f->vendorA, c.endpoint.id);
        QCOMPARE(store().secrets(c.endpoint.id), (QStringList{third, next}));
    }

    void atMostTenEndpointsPerVendor()
    {
        for (int i = 0; i < WebhookStore::kMaxEndpoints; ++i)
            store().create(f->vendorA, kUrl + QString::number(i), all());
        QCOMPARE(errorCode([&] { store().create(f->vendorA, kUrl, all()); }),
                 QStringLiteral("webhook_limit"));
        try {
            store().create(f->vendorA, kUrl, all());
            QFAIL("no error");
        } catch (const DomainError &e) {
            QCOMPARE(e.kind(), DomainError::Kind::Conflict);
        }
        QCOMPARE(store().list(f->vendorA).size(), WebhookStore::kMaxEndpoints);
        // Another vendor's count is its own; a removal makes room.
        store().create(f->vendorB, kUrl, all());
        store().remove(f->vendorA, store().list(f->vendorA).first().id);
        store().create(f->vendorA, kUrl, all());
    }

    void urlPolicy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("byDefault");    // error code, "" = accepted
        QTest::addColumn<QString>("allowPrivate"); // with webhooks/allow_private_addresses
        const QString ok, invalid = QStringLiteral("invalid_url"),
                          refused = QStringLiteral("url_not_allowed");
        QTest::newRow("https") << "https://hooks.example.com/x" << ok << ok;
        QTest::newRow("http port") << "http://hooks.example.com:8080/x" << ok << ok;
        QTest::newRow("public ip") << "http://93.184.216.34/x" << ok << ok;
        QTest::newRow("empty") << "" << invalid << invalid;
        QTest::newRow("no scheme") << "hooks.example.com/x" << invalid << invalid;
        QTest::newRow("ftp") << "ftp://hooks.example.com/x" << invalid << invalid;
        QTest::newRow("file") << "file:///etc/passwd" << invalid << invalid;
        QTest::newRow("garbage") << "http://" << invalid << invalid;
        QTest::newRow("too long") << "https://example.com/" + QString(3000, 'a') << invalid
                                  << invalid;
        // Link-local and cloud metadata: never, whatever the setting.
        QTest::newRow("metadata v4") << "http://169.254.169.254/latest" << refused << refused;
        QTest::newRow("link-local") << "http://169.254.10.1/" << refused << refused;
        QTest::newRow("alibaba") << "http://100.100.100.200/" << refused << refused;
        QTest::newRow("link-local v6") << "http://[fe80::1]/" << refused << refused;
        QTest::newRow("aws v6") << "http://[fd00:ec2::254]/" << refused << refused;
        QTest::newRow("mapped metadata")
            << "http://[::ffff:169.254.169.254]/" << refused << refused;
        QTest::newRow("google metadata")
            << "http://metadata.google.internal/x" << refused << refused;
        QTest::newRow("google metadata dot")
            << "http://METADATA.google.internal./x" << refused << refused;
        // Private and loopback: by the setting.
        QTest::newRow("loopback") << "http://127.0.0.1:9000/hook" << refused << ok;
        QTest::newRow("localhost") << "http://localhost:9000/hook" << refused << ok;
        QTest::newRow("sub.localhost") << "http://app.localhost/hook" << refused << ok;
        QTest::newRow("loopback v6") << "http://[::1]:9000/" << refused << ok;
        QTest::newRow("private 10") << "http://10.1.2.3/" << refused << ok;
        QTest::newRow("private 192") << "http://192.168.1.20/" << refused << ok;
        QTest::newRow("private 172") << "http://172.16.0.1/" << refused << ok;
        QTest::newRow("mapped private") << "http://[::ffff:10.0.0.1]/" << refused << ok;
    }
    void urlPolicy()
    {
        QFETCH(QString, url);
        QFETCH(QString, byDefault);
        QFETCH(QString, allowPrivate);
        QCOMPARE(errorCode([&] { store().create(f->vendorA, url, all()); }), byDefault);
        setAllowPrivate(true);
        QCOMPARE(errorCode([&] { store().create(f->vendorA, url, all()); }), allowPrivate);
        // The same rules on update.
        setAllowPrivate(false);
        const qint64 id = store().create(f->vendorB, kUrl, all()).endpoint.id;
        WebhookStore::Patch p;
        p.url = url;
        QCOMPARE(errorCode([&] { store().update(f->vendorB, id, p); }), byDefault);
        QCOMPARE(store().find(f->vendorB, id).url, byDefault.isEmpty() ? url : kUrl);
    }

    void eventNamesAreChecked()
    {
        QCOMPARE(errorCode([&] { store().create(f->vendorA, kUrl, {"message_sent"}); }),
                 QStringLiteral("unknown_event"));
        // WebSocket-only events cannot be subscribed to.
        QCOMPARE(errorCode([&] { store().create(f->vendorA, kUrl, {"contact_opted_in"}); }),
                 QStringLiteral("unknown_event"));
        QCOMPARE(errorCode([&] { store().create(f->vendorA, kUrl, {"webhook_disabled"}); }),
                 QStringLiteral("unknown_event"));
        QCOMPARE(errorCode([&] { store().create(f->vendorA, kUrl, {}); }),
                 QStringLiteral("validation_failed"));
        QVERIFY(store().list(f->vendorA).isEmpty());
        // Duplicates collapse; "*" is everything.
        QCOMPARE(store()
                     .create(f->vendorA, kUrl,
                             {"qr", "batch_completed", "qr", "session_state", "message_received",
                              "contact_opted_out", "message_status"})
                     .endpoint.events,
                 (QStringList{"qr", "batch_completed", "session_state", "message_received",
                              "contact_opted_out", "message_status"}));
        QCOMPARE(store().create(f->vendorA, kUrl, {"qr", "*"}).endpoint.events, all());
    }

    void tenantIsolation()
    {
        const qint64 a = store().create(f->vendorA, kUrl, all()).endpoint.id;
        QVERIFY(store().list(f->vendorB).isEmpty());
        const auto isNotFound = [](const std::function<void()> &call) {
            try {
                call();
            } catch (const DomainError &e) {
                return e.kind() == DomainError::Kind::NotFound;
            }
            return false;
        };
        QVERIFY(isNotFound([&] { store().find(f->vendorB, a); }));
        WebhookStore::Patch p;
        p.description = QStringLiteral("mine now");
        QVERIFY(isNotFound([&] { store().update(f->vendorB, a, p); }));
        QVERIFY(isNotFound([&] { store().rotateSecret(f->vendorB, a); }));
        QVERIFY(isNotFound([&] { store().remove(f->vendorB, a); }));
        QVERIFY(isNotFound([&] { f->core->webhookOutbox().stageTest(f->vendorB, a); }));
        // Another vendor's user cannot narrow an endpoint.
        QVERIFY(isNotFound([&] { store().create(f->vendorA, kUrl, all(), f->userB1); }));
        p = {};
        p.appUserId = f->userB1;
        QVERIFY(isNotFound([&] { store().update(f->vendorA, a, p); }));
        // Untouched.
        const WebhookEndpoint e = store().find(f->vendorA, a);
        QVERIFY(e.description.isNull());
        QCOMPARE(e.appUserId, qint64(0));
        QCOMPARE(store().secrets(a).size(), 1);
    }

    void updateChangesOnlyWhatIsSet()
    {
        const WebhookEndpoint e =
            store().create(f->vendorA, kUrl, all(), f->userA1, QStringLiteral("d")).endpoint;
        QCOMPARE(e.appUserId, f->userA1);
        WebhookStore::Patch p;
        p.events = QStringList{QStringLiteral("qr")};
        const WebhookEndpoint u = store().update(f->vendorA, e.id, p);
        QCOMPARE(u.events, QStringList{QStringLiteral("qr")});
        QCOMPARE(u.url, kUrl);
        QCOMPARE(u.appUserId, f->userA1);
        QCOMPARE(u.description, QStringLiteral("d"));
        // A new Patch, not `p = {}` (GCC 14 warns that the moved-from optional may be
        // uninitialized there, a false positive that -Werror turns into an error).
        WebhookStore::Patch again;
        again.appUserId = 0; // every user again
        again.description = QString();
        const WebhookEndpoint w = store().update(f->vendorA, e.id, again);
        QCOMPARE(w.appUserId, qint64(0));
        QVERIFY(w.description.isNull());
    }

    void disablingPublishesOnceAndReEnablingClears()
    {
        const WebhookEndpoint e = store().create(f->vendorA, kUrl, all(), f->userA1).endpoint;
        QList<WebhookDisabledEvent> seen;
        QList<qint64> vendors;
        QObject ctx;
        f->core->events().on<WebhookDisabledEvent>(&ctx,
                                                   [&](qint64 v, const WebhookDisabledEvent &ev) {
                                                       vendors << v;
                                                       seen << ev;
                                                   });
        store().markFailing(e.id, qint64(1765000000000));
        store().markFailing(e.id, 1765000099999); // the streak's start stays
        QCOMPARE(store().find(f->vendorA, e.id).failingSince, qint64(1765000000000));

        QVERIFY(store().setDisabled(e.id, QStringLiteral("failing_3_days")));
        QVERIFY(!store().setDisabled(e.id, QStringLiteral("gone"))); // already
        QCOMPARE(seen.size(), 1);
        QCOMPARE(vendors, QList<qint64>{f->vendorA});
        QCOMPARE(seen[0].endpointId, e.id);
        QCOMPARE(seen[0].userId, f->userA1);
        QCOMPARE(seen[0].url, kUrl);
        QCOMPARE(seen[0].reason, QStringLiteral("failing_3_days"));
        const QJsonObject json = seen[0].toJson();
        QCOMPARE(json.value("event").toString(), QStringLiteral("webhook_disabled"));
        QCOMPARE(json.value("endpoint_id").toInteger(), e.id);

        const WebhookEndpoint d = store().find(f->vendorA, e.id);
        QVERIFY(!d.enabled);
        QCOMPARE(d.disabledReason, QStringLiteral("failing_3_days"));
        QVERIFY(d.disabledAt > 0);
        QVERIFY(store().enabledEndpoints().isEmpty());

        WebhookStore::Patch p;
        p.enabled = true;
        const WebhookEndpoint r = store().update(f->vendorA, e.id, p);
        QVERIFY(r.enabled);
        QVERIFY(r.disabledReason.isNull());
        QCOMPARE(r.disabledAt, qint64(0));
        QCOMPARE(r.failingSince, qint64(0));
        QCOMPARE(store().enabledEndpoints().size(), 1);

        // The vendor's own switch.
        p.enabled = false;
        QCOMPARE(store().update(f->vendorA, e.id, p).disabledReason, QStringLiteral("manual"));
        QCOMPARE(seen.size(), 1); // the vendor did it: no event
    }

    void removingDropsItsDeliveries()
    {
        const qint64 a = store().create(f->vendorA, kUrl, all()).endpoint.id;
        const qint64 b = store().create(f->vendorA, kUrl, all()).endpoint.id;
        f->core->webhookOutbox().stageTest(f->vendorA, a);
        f->core->webhookOutbox().stageTest(f->vendorA, b);
        QCOMPARE(f->count("SELECT COUNT(*) FROM webhook_deliveries"), 2);
        store().remove(f->vendorA, a);
        QCOMPARE(f->count("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ?", {a}), 0);
        QCOMPARE(f->count("SELECT COUNT(*) FROM webhook_deliveries WHERE endpoint_id = ?", {b}), 1);
        QCOMPARE(store().list(f->vendorA).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestWebhookStore)
#include "tst_webhookstore.moc"
