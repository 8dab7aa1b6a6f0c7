#include "ApiServer.h"
#include "CoreServices.h"
#include "EventBus.h"
#include "EventHub.h"
#include "TestApiServer.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

namespace {

// A real WebSocket client that records what it receives.
struct Client
{
    QWebSocket socket;
    QList<QJsonObject> received;
    bool closed = false;

    Client()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &t) {
            received << QJsonDocument::fromJson(t.toUtf8()).object();
        });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { closed = true; });
    }
    void open(quint16 port, const QByteArray &headerKey, const QString &queryKey = {})
    {
        QUrl url(QStringLiteral("ws://127.0.0.1:%1/events").arg(port));
        if (!queryKey.isEmpty())
            url.setQuery(QStringLiteral("api_key=") + queryKey);
        QNetworkRequest request(url);
        if (!headerKey.isEmpty())
            request.setRawHeader("x-api-key", headerKey);
        socket.open(request);
    }
    void send(const QJsonObject &o)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    // The next message (waiting for it); empty object on timeout.
    QJsonObject next(int timeoutMs = 5000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (received.isEmpty() && !closed && !deadline.hasExpired())
            QTest::qWait(5);
        return received.isEmpty() ? QJsonObject() : received.takeFirst();
    }
};

// An event of the given type whose JSON carries `marker` (see markerOf).
Event makeEvent(const QString &name, qint64 userId, const QString &marker)
{
    if (name == QLatin1String(QrEvent::kType)) {
        QrEvent e;
        e.userId = userId;
        e.qr = marker;
        return e;
    }
    if (name == QLatin1String(SessionStateEvent::kType)) {
        SessionStateEvent e;
        e.userId = userId;
        e.reason = marker;
        return e;
    }
    MessageStatusEvent e;
    e.userId = userId;
    e.batchId = marker;
    return e;
}

// The marker makeEvent put in an event, read back from its JSON.
QString markerOf(const QJsonObject &o)
{
    const QString type = o.value(QStringLiteral("event")).toString();
    const QString field = type == QLatin1String(QrEvent::kType) ? QStringLiteral("qr")
                          : type == QLatin1String(SessionStateEvent::kType)
                              ? QStringLiteral("reason")
                              : QStringLiteral("batch_id");
    return o.value(field).toString();
}

} // namespace

class TestEventHub : public QObject
{
    Q_OBJECT

    // Opens an authenticated client and waits until the hub has registered it.
    static bool connectVendor(TestApiServer &s, Client &c, const QString &key,
                              bool viaQuery = false)
    {
        QSignalSpy authenticated(&s.server().events(), &EventHub::clientAuthenticated);
        c.open(s.port(), viaQuery ? QByteArray() : key.toUtf8(), viaQuery ? key : QString());
        if (!authenticated.wait(5000) && authenticated.isEmpty())
            return false;
        QDeadlineTimer deadline(5000);
        while (c.socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired())
            QTest::qWait(5);
        return c.socket.state() == QAbstractSocket::ConnectedState;
    }

private Q_SLOTS:
    void noKeyIsClosedWith4401()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        Client anonymous;
        anonymous.open(s.port(), {});
        QTRY_VERIFY_WITH_TIMEOUT(anonymous.closed, 10000);
        QCOMPARE(int(anonymous.socket.closeCode()), 4401);
        Client wrong;
        wrong.open(s.port(), QByteArray(64, 'b'));
        QTRY_VERIFY_WITH_TIMEOUT(wrong.closed, 10000);
        QCOMPARE(int(wrong.socket.closeCode()), 4401);
        // Events published meanwhile never reach them.
        s.core().events().publish(
            v.id, makeEvent(QStringLiteral("session_state"), 1, QStringLiteral("x")));
        QCoreApplication::processEvents();
        QVERIFY(anonymous.received.isEmpty());
        QVERIFY(wrong.received.isEmpty());
        QCOMPARE(s.server().events().clientCount(), 0);
    }

    // The key is checked at the handshake; a rotation (POST /vendors/rotate-key) must end the
    // sockets opened with the old key, not only refuse the old key on the next request.
    void rotatingTheKeyClosesTheVendorsSockets()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        Client a1, a2, cb;
        QVERIFY(connectVendor(s, a1, a.apiKey));
        QVERIFY(connectVendor(s, a2, a.apiKey, true));
        QVERIFY(connectVendor(s, cb, b.apiKey));

        const HttpReply r = s.vendorClient(a.apiKey).post(QStringLiteral("/vendors/rotate-key"));
        QCOMPARE(r.status, 200);
        // Published right after the rotation: must reach neither of A's sockets.
        s.core().events().publish(a.id,
                                  makeEvent(QStringLiteral("qr"), 1, QStringLiteral("after")));
        s.core().events().publish(b.id,
                                  makeEvent(QStringLiteral("qr"), 2, QStringLiteral("for-b")));
        QTRY_VERIFY_WITH_TIMEOUT(a1.closed && a2.closed, 10000);
        QCOMPARE(int(a1.socket.closeCode()), 4401);
        QCOMPARE(int(a2.socket.closeCode()), 4401);
        QVERIFY2(!a1.socket.closeReason().isEmpty(), "a reason goes with the close");
        QVERIFY(a1.received.isEmpty());
        QVERIFY(a2.received.isEmpty());
        // B's socket stays open and keeps receiving.
        QCOMPARE(markerOf(cb.next()), QStringLiteral("for-b"));
        QVERIFY(!cb.closed);
        QCOMPARE(s.server().events().clientCount(), 1);

        // The new key opens a socket again.
        Client again;
        QVERIFY(connectVendor(s, again, r.value(QStringLiteral("api_key")).toString()));
        s.core().events().publish(a.id, makeEvent(QStringLiteral("qr"), 1, QStringLiteral("new")));
        QCOMPARE(markerOf(again.next()), QStringLiteral("new"));
    }

    // The window rotates keys and deletes vendors through the core, not the API: the core
    // announces it, so the hub closes the sockets whoever made the change.
    void windowRotationAndDeletionCloseSockets()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        const auto c = s.registerVendor();
        Client ca, cb, cc;
        QVERIFY(connectVendor(s, ca, a.apiKey));
        QVERIFY(connectVendor(s, cb, b.apiKey));
        QVERIFY(connectVendor(s, cc, c.apiKey));

        s.core().accounts().rotateKey(a.id);      // the window's "Rotate API key"
        QVERIFY(s.core().vendors().remove(b.id)); // the window's "Delete vendor"
        s.core().events().publish(a.id, makeEvent(QStringLiteral("qr"), 1, QStringLiteral("a")));
        s.core().events().publish(b.id, makeEvent(QStringLiteral("qr"), 1, QStringLiteral("b")));
        s.core().events().publish(c.id, makeEvent(QStringLiteral("qr"), 1, QStringLiteral("c")));
        QTRY_VERIFY_WITH_TIMEOUT(ca.closed && cb.closed, 10000);
        QCOMPARE(int(ca.socket.closeCode()), 4401);
        QCOMPARE(int(cb.socket.closeCode()), 4401);
        QVERIFY(ca.received.isEmpty());
        QVERIFY(cb.received.isEmpty());
        QCOMPARE(markerOf(cc.next()), QStringLiteral("c"));
        QVERIFY(!cc.closed);
        QCOMPARE(s.server().events().clientCount(), 1);
    }

    void plainHttpOnEventsIs426()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const HttpReply r = s.client().get(QStringLiteral("/events"));
        QCOMPARE(r.status, 426);
    }

    void vendorsOnlyGetTheirOwnEvents()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto a = s.registerVendor();
        const auto b = s.registerVendor();
        Client ca, cb;
        QVERIFY(connectVendor(s, ca, a.apiKey));
        QVERIFY(connectVendor(s, cb, b.apiKey, true)); // ?api_key=
        QCOMPARE(s.server().events().clientCount(), 2);

        s.core().events().publish(b.id,
                                  makeEvent(QStringLiteral("qr"), 7, QStringLiteral("for-b")));
        s.core().events().publish(a.id,
                                  makeEvent(QStringLiteral("qr"), 3, QStringLiteral("for-a")));
        // Each sees its own first: nothing of the other's came before it.
        QJsonObject m = ca.next();
        QCOMPARE(markerOf(m), QStringLiteral("for-a"));
        QCOMPARE(m.value(QStringLiteral("event")).toString(), QStringLiteral("qr"));
        m = cb.next();
        QCOMPARE(markerOf(m), QStringLiteral("for-b"));
        // A sentinel proves nothing else was queued for A.
        s.core().events().publish(
            a.id, makeEvent(QStringLiteral("session_state"), 3, QStringLiteral("sentinel")));
        QCOMPARE(markerOf(ca.next()), QStringLiteral("sentinel"));
        QVERIFY(ca.received.isEmpty());
    }

    void subscribeNarrowsToOneUser()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        Client c;
        QVERIFY(connectVendor(s, c, v.apiKey));
        c.send(QJsonObject{{QStringLiteral("action"), QStringLiteral("subscribe")},
                           {QStringLiteral("user_id"), 5}});
        QJsonObject ack = c.next();
        QCOMPARE(ack.value(QStringLiteral("event")).toString(), QStringLiteral("subscribed"));
        QCOMPARE(ack.value(QStringLiteral("user_id")).toInteger(), 5);

        s.core().events().publish(
            v.id, makeEvent(QStringLiteral("message_status"), 6, QStringLiteral("user6")));
        s.core().events().publish(
            v.id, makeEvent(QStringLiteral("message_status"), 5, QStringLiteral("user5")));
        QCOMPARE(markerOf(c.next()), QStringLiteral("user5"));

        c.send(QJsonObject{{QStringLiteral("action"), QStringLiteral("unsubscribe")},
                           {QStringLiteral("user_id"), 5}});
        QCOMPARE(c.next().value(QStringLiteral("event")).toString(),
                 QStringLiteral("unsubscribed"));
        // No subscriptions left: every user of the vendor again.
        s.core().events().publish(
            v.id, makeEvent(QStringLiteral("message_status"), 6, QStringLiteral("again6")));
        QCOMPARE(markerOf(c.next()), QStringLiteral("again6"));
    }

    void pingPong()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        Client c;
        QVERIFY(connectVendor(s, c, v.apiKey));
        c.send(QJsonObject{{QStringLiteral("action"), QStringLiteral("ping")}});
        QCOMPARE(c.next(), (QJsonObject{{QStringLiteral("event"), QStringLiteral("pong")}}));
    }

    void badFramesGetErrorsNotCrashes()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        Client c;
        QVERIFY(connectVendor(s, c, v.apiKey));
        const QStringList frames{QStringLiteral("not json"),
                                 QStringLiteral("[]"),
                                 QStringLiteral("42"),
                                 QStringLiteral("{\"action\":\"subscribe\"}"),
                                 QStringLiteral("{\"action\":\"subscribe\",\"user_id\":-3}"),
                                 QStringLiteral("{\"action\":\"subscribe\",\"user_id\":1.5}"),
                                 QStringLiteral("{\"action\":\"fly\"}"),
                                 QStringLiteral("{}"),
                                 QString(20000, QLatin1Char('{'))};
        for (const QString &f : frames) {
            c.socket.sendTextMessage(f);
            const QJsonObject m = c.next();
            QCOMPARE(m.value(QStringLiteral("event")).toString(), QStringLiteral("error"));
            QVERIFY(!m.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString()
                         .isEmpty());
        }
        c.socket.sendBinaryMessage(QByteArray("\x00\x01", 2));
        QCOMPARE(c.next().value(QStringLiteral("event")).toString(), QStringLiteral("error"));
        QVERIFY(!c.closed);
        c.send(QJsonObject{{QStringLiteral("action"), QStringLiteral("ping")}});
        QCOMPARE(c.next().value(QStringLiteral("event")).toString(), QStringLiteral("pong"));
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }

    void closedClientsAreForgotten()
    {
        TestApiServer s;
        QVERIFY(s.isValid());
        const auto v = s.registerVendor();
        {
            Client c;
            QVERIFY(connectVendor(s, c, v.apiKey));
            QCOMPARE(s.server().events().clientCount(), 1);
            c.socket.close();
            QTRY_COMPARE(s.server().events().clientCount(), 0);
        }
        s.core().events().publish(v.id,
                                  makeEvent(QStringLiteral("qr"), 1, QStringLiteral("nobody")));
        QCOMPARE(s.client().get(QStringLiteral("/health")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestEventHub)
#include "tst_eventhub.moc"
