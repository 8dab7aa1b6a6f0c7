// Abuse of the account routes and the event socket, against the real `wamator --headless`
// binary as a local attacker sees it (issue #10 items 6, 7 and 10):
// - login guessing at one vendor from 127.0.0.1 locks that vendor's login from that address,
//   not every vendor's (on loopback every local client is 127.0.0.1);
// - registrations hash on the password pool: while five hash, the server keeps answering
//   (measured by the order of answers, not by time), and register is throttled per address;
// - an open /events socket is closed with 4401 when its vendor's key is rotated, and receives
//   nothing after; another vendor's socket stays open.
// (tst_loginthrottle, tst_vendors and tst_eventhub cover the same guards in-process.)

#include "HeadlessAppFixture.h"

#include <QTest>

#include <QNetworkRequest>
#include <QWebSocket>

#include <memory>
#include <vector>

using namespace headless;

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray registration(const QString &email)
{
    return json(QJsonObject{{"name", "Abuse Vendor"},
                            {"email", email},
                            {"password", "the right password"},
                            {"company_name", "A Ltd"},
                            {"phone_number", "+2348031234567"}});
}

QString errorCode(const Answer &a)
{
    return a.json().value("error").toObject().value("code").toString();
}

// A request sent on its own connection and read later, without blocking the sender.
struct Pending
{
    QTcpSocket socket;
    QByteArray buffer;
    Answer answer;
    bool done = false;

    bool start(quint16 port, const QByteArray &request, const QHostAddress &source)
    {
        if (!socket.bind(source, 0))
            return false;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        if (!socket.waitForConnected(10000))
            return false;
        socket.write(request);
        return socket.waitForBytesWritten(10000);
    }
    // Reads what has arrived; true once the whole answer is in.
    bool poll()
    {
        if (done)
            return true;
        socket.waitForReadyRead(0);
        buffer += socket.readAll();
        done = takeAnswer(buffer, answer);
        return done;
    }
};

} // namespace

class TestAbuseAuth : public QObject
{
    Q_OBJECT

    App m_app;

    Answer login(const QString &email, const QString &password,
                 const QHostAddress &from = QHostAddress(QHostAddress::LocalHost))
    {
        return send(
            m_app.port(),
            request("POST", "/vendors/login", json({{"email", email}, {"password", password}})),
            15000, from);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_app.start({{QStringLiteral("login_max_failures"), 5},
                              {QStringLiteral("login_ban_seconds"), 600}}),
                 qPrintable(m_app.log()));
    }

    void cleanupTestCase()
    {
        QVERIFY2(m_app.running(), "the server must survive the abuse");
        m_app.stop();
    }

    // Item 6: five bad logins for A from 127.0.0.1 lock A, not B.
    void guessingAtOneVendorDoesNotLockAnother()
    {
        const QHostAddress local(QStringLiteral("127.0.0.1"));
        const QString a = registerVendor(m_app.port(), QStringLiteral("a@example.com"),
                                         QStringLiteral("the right password"));
        const QString b = registerVendor(m_app.port(), QStringLiteral("b@example.com"),
                                         QStringLiteral("the right password"));
        QVERIFY2(!a.isEmpty() && !b.isEmpty(), qPrintable(m_app.log()));
        for (int i = 0; i < 5; ++i) {
            const Answer r =
                login(QStringLiteral("a@example.com"), QStringLiteral("guess %1").arg(i), local);
            QVERIFY2(r.status == 401, qPrintable(r.describe()));
        }
        const Answer locked =
            login(QStringLiteral("a@example.com"), QStringLiteral("the right password"), local);
        QVERIFY2(locked.status == 429, qPrintable(locked.describe()));
        QCOMPARE(errorCode(locked), QStringLiteral("rate_limited"));
        QVERIFY2(locked.header("retry-after").toInt() > 0, locked.head.constData());
        const Answer other =
            login(QStringLiteral("b@example.com"), QStringLiteral("the right password"), local);
        QVERIFY2(other.status == 200, qPrintable(other.describe()));
        QCOMPARE(other.json().value("api_key").toString(), b);
    }

    // Item 7: Argon2id runs off the serving thread. Five registrations (from 127.0.0.3, so the
    // other tests' allowance is untouched) hash on a pool of two; health checks sent one after
    // another meanwhile are answered while registrations are still owed. Were the hashes on
    // the serving thread, each health check would wait behind them: at most two could be
    // answered before the last registration (one ahead of the first hash, one in between).
    void serverAnswersWhileRegistrationsHash()
    {
        const QHostAddress source(QStringLiteral("127.0.0.3"));
        std::vector<std::unique_ptr<Pending>> registers;
        for (int i = 0; i < 5; ++i) {
            registers.push_back(std::make_unique<Pending>());
            QVERIFY(registers.back()->start(
                m_app.port(),
                request("POST", "/vendors/register",
                        registration(QStringLiteral("concurrent%1@example.com").arg(i))),
                source));
        }
        const auto allAnswered = [&] {
            bool all = true;
            for (auto &p : registers)
                all = p->poll() && all;
            return all;
        };
        int healthBeforeLast = 0;
        QElapsedTimer t;
        t.start();
        while (!allAnswered() && t.elapsed() < 60000) {
            const Answer h = send(m_app.port(), request("GET", "/health"));
            QVERIFY2(h.status == 200, qPrintable(h.describe()));
            if (!allAnswered())
                ++healthBeforeLast;
        }
        QVERIFY2(allAnswered(), "every registration must be answered");
        qInfo("%d health checks answered while registrations were hashing", healthBeforeLast);
        for (auto &p : registers)
            QVERIFY2(p->answer.status == 201, qPrintable(p->answer.describe()));
        QVERIFY2(healthBeforeLast >= 5,
                 qPrintable(QStringLiteral("only %1 health checks were answered while "
                                           "registrations were hashing")
                                .arg(healthBeforeLast)));
    }

    // Item 7: register is throttled per address (10 per login window), before any hashing;
    // a taken email answers 409 at once.
    void registerIsThrottled()
    {
        const QHostAddress source(QStringLiteral("127.0.0.4"));
        const auto reg = [&](const QString &email) {
            return send(m_app.port(), request("POST", "/vendors/register", registration(email)),
                        30000, source);
        };
        QCOMPARE(reg(QStringLiteral("t0@example.com")).status, 201);
        const Answer taken = reg(QStringLiteral("T0@example.com"));
        QVERIFY2(taken.status == 409, qPrintable(taken.describe()));
        QCOMPARE(errorCode(taken), QStringLiteral("email_taken"));
        int created = 1, refused = 0;
        Answer last;
        for (int i = 1; i < 12; ++i) {
            last = reg(QStringLiteral("t%1@example.com").arg(i));
            if (last.status == 201)
                ++created;
            else if (last.status == 429)
                ++refused;
            else
                QFAIL(qPrintable(last.describe()));
        }
        QCOMPARE(created, 9); // 10 attempts in the window, the taken email included
        QCOMPARE(refused, 3);
        QCOMPARE(errorCode(last), QStringLiteral("rate_limited"));
        QVERIFY2(last.header("retry-after").toInt() > 0, last.head.constData());
        // Another address still registers.
        const Answer other = send(
            m_app.port(),
            request("POST", "/vendors/register", registration(QStringLiteral("t99@example.com"))),
            30000, QHostAddress(QStringLiteral("127.0.0.5")));
        QVERIFY2(other.status == 201, qPrintable(other.describe()));
    }

    // Item 10: a key rotation closes the vendor's open event sockets with 4401.
    void rotationClosesEventSockets()
    {
        const QString victim = registerVendor(m_app.port(), QStringLiteral("ws-a@example.com"),
                                              QStringLiteral("the right password"));
        const QString other = registerVendor(m_app.port(), QStringLiteral("ws-b@example.com"),
                                             QStringLiteral("the right password"));
        QVERIFY2(!victim.isEmpty() && !other.isEmpty(), qPrintable(m_app.log()));

        struct Ws
        {
            QWebSocket socket;
            int frames = 0;
            bool closed = false;
            bool connected = false;
        };
        Ws a, b;
        for (Ws *w : {&a, &b}) {
            connect(&w->socket, &QWebSocket::textMessageReceived, this, [w] { ++w->frames; });
            connect(&w->socket, &QWebSocket::binaryMessageReceived, this, [w] { ++w->frames; });
            connect(&w->socket, &QWebSocket::connected, this, [w] { w->connected = true; });
            connect(&w->socket, &QWebSocket::disconnected, this, [w] { w->closed = true; });
        }
        const auto open = [this](Ws &w, const QString &key) {
            QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(m_app.port())));
            req.setRawHeader("x-api-key", key.toLatin1());
            w.socket.open(req);
        };
        open(a, victim);
        open(b, other);
        QVERIFY(QTest::qWaitFor(
            [&] { return (a.connected && b.connected) || a.closed || b.closed; }, 15000));
        // Accepted (a ping is answered), so the close below is the rotation's doing.
        for (Ws *w : {&a, &b})
            w->socket.sendTextMessage(QStringLiteral("{\"action\":\"ping\"}"));
        QVERIFY(QTest::qWaitFor([&] { return a.frames == 1 && b.frames == 1; }, 15000));
        QVERIFY(!a.closed && !b.closed);

        const Answer rotated =
            send(m_app.port(), request("POST", "/vendors/rotate-key", {},
                                       "x-api-key: " + victim.toLatin1() + "\r\n"));
        QVERIFY2(rotated.status == 200, qPrintable(rotated.describe()));
        QVERIFY2(QTest::qWaitFor([&] { return a.closed; }, 15000),
                 "the old key's socket must be closed");
        QCOMPARE(int(a.socket.closeCode()), 4401);
        QCOMPARE(a.frames, 1); // the pong only
        // The other vendor's socket is still open and served.
        b.socket.sendTextMessage(QStringLiteral("{\"action\":\"ping\"}"));
        QVERIFY(QTest::qWaitFor([&] { return b.frames == 2 || b.closed; }, 15000));
        QVERIFY(!b.closed);
        QCOMPARE(b.frames, 2);
        b.socket.close();
    }
};

QTEST_MAIN(TestAbuseAuth)
#include "tst_abuse_auth.moc"
