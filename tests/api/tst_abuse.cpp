// R5 (docs/performance.md) against the real `wamator --headless` binary, as an attacker sees it:
// login brute force from one address → 429 with Retry-After while another address still logs
// in; an unauthenticated WebSocket → closed with 4401 and nothing received; a 50 MB body → 413
// before the body is sent (never buffered) while others are served; slow-loris connections
// trickling header bytes → closed after the idle timeout while normal requests get answers;
// issue #10: an Upgrade header that is no handshake, then a 4 GB body on the same connection →
// 413 at once (the guard stays on); a bare-LF head hiding a huge body behind a small one → 400
// and nothing else answered; a foreign Host (DNS rebinding) → 421, also for a WebSocket
// handshake; a text/plain cross-site POST → 415 and nothing created.
// (tst_hardening / tst_loginthrottle cover the same guards in-process.)

#include "HeadlessAppFixture.h"

#include <QTest>

#include <QNetworkRequest>
#include <QWebSocket>

using namespace headless;

namespace {
const QHostAddress kAttacker(QStringLiteral("127.0.0.1"));
const QHostAddress kOther(QStringLiteral("127.0.0.2")); // another client on loopback
constexpr int kIdleSeconds = 2;
} // namespace

class TestAbuse : public QObject
{
    Q_OBJECT

    App m_app;
    QString m_apiKey;

    Answer health(const QHostAddress &from = kOther)
    {
        return send(m_app.port(), request("GET", "/health"), 15000, from);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_app.start({{QStringLiteral("idle_timeout_seconds"), kIdleSeconds},
                              {QStringLiteral("login_max_failures"), 5},
                              {QStringLiteral("login_ban_seconds"), 600}}),
                 qPrintable(m_app.log()));
        m_apiKey = registerVendor(m_app.port(), QStringLiteral("victim@example.com"),
                                  QStringLiteral("the right password"));
        QVERIFY2(!m_apiKey.isEmpty(), qPrintable(m_app.log()));
        QCOMPARE(health().status, 200);
    }

    void cleanupTestCase()
    {
        QVERIFY2(m_app.running(), "the server must survive the abuse");
        m_app.stop();
    }

    void loginBruteForce()
    {
        const auto login = [this](const QString &password, const QHostAddress &from) {
            const QByteArray body = QJsonDocument(QJsonObject{{"email", "victim@example.com"},
                                                              {"password", password}})
                                        .toJson(QJsonDocument::Compact);
            return send(m_app.port(), request("POST", "/vendors/login", body), 15000, from);
        };
        int refused = 0;
        Answer banned;
        for (int i = 0; i < 12; ++i) {
            const Answer a = login(QStringLiteral("guess %1").arg(i), kAttacker);
            QVERIFY2(a.status == 401 || a.status == 429, qPrintable(a.describe()));
            if (a.status == 429) {
                ++refused;
                banned = a;
            }
        }
        QVERIFY2(refused >= 6, "after 5 failures the address must be refused");
        QCOMPARE(banned.json().value("error").toObject().value("code").toString(),
                 QStringLiteral("rate_limited"));
        QVERIFY2(banned.header("retry-after").toInt() > 0, banned.head.constData());
        // Even the right password is refused from the banned address...
        QCOMPARE(login(QStringLiteral("the right password"), kAttacker).status, 429);
        // ...while another client logs in, and the banned address's other requests are served.
        const Answer ok = login(QStringLiteral("the right password"), kOther);
        QVERIFY2(ok.status == 200, qPrintable(ok.describe()));
        QCOMPARE(health(kAttacker).status, 200);
        const Answer me = send(m_app.port(),
                               request("GET", "/vendors/me", {}, "x-api-key: " + m_apiKey.toLatin1() + "\r\n"),
                               15000, kAttacker);
        QVERIFY2(me.status == 200, qPrintable(me.describe()));
    }

    void unauthenticatedWebSocket_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("no key") << QByteArray();
        QTest::newRow("wrong key") << QByteArray(64, 'f');
    }
    void unauthenticatedWebSocket()
    {
        QFETCH(QByteArray, key);
        QWebSocket ws;
        int frames = 0;
        connect(&ws, &QWebSocket::textMessageReceived, this, [&frames] { ++frames; });
        connect(&ws, &QWebSocket::binaryMessageReceived, this, [&frames] { ++frames; });
        bool disconnected = false;
        connect(&ws, &QWebSocket::disconnected, this, [&disconnected] { disconnected = true; });
        QNetworkRequest req(QUrl(QStringLiteral("ws://127.0.0.1:%1/events").arg(m_app.port())));
        if (!key.isEmpty())
            req.setRawHeader("x-api-key", key);
        ws.open(req);
        QVERIFY2(QTest::qWaitFor([&] { return disconnected; }, 15000), "the socket must be closed");
        QCOMPARE(int(ws.closeCode()), 4401);
        QCOMPARE(frames, 0);
        QCOMPARE(health().status, 200);
    }

    void fiftyMegabyteBody()
    {
        constexpr qint64 kTotal = 50LL * 1024 * 1024;
        QTcpSocket upload;
        upload.connectToHost(QHostAddress(QHostAddress::LocalHost), m_app.port());
        QVERIFY(upload.waitForConnected(10000));
        upload.write("POST /contacts/1/add HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: "
                     + m_apiKey.toLatin1() + "\r\nContent-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(kTotal) + "\r\n\r\n[");
        const QByteArray chunk(1024 * 1024, ' ');
        qint64 sent = 1;
        QByteArray buffer;
        Answer answer;
        bool othersServed = false;
        while (sent < kTotal && upload.state() == QAbstractSocket::ConnectedState) {
            upload.write(chunk.left(int(qMin<qint64>(chunk.size(), kTotal - sent))));
            sent += qMin<qint64>(chunk.size(), kTotal - sent);
            upload.waitForBytesWritten(200);
            upload.waitForReadyRead(50);
            buffer += upload.readAll();
            if (takeAnswer(buffer, answer))
                break;
            if (!othersServed)
                othersServed = health().status == 200; // while the upload is going on
        }
        if (answer.status == 0) {
            upload.waitForReadyRead(5000);
            buffer += upload.readAll();
            takeAnswer(buffer, answer);
        }
        QVERIFY2(answer.status == 413, qPrintable(answer.describe()));
        QCOMPARE(answer.json().value("error").toObject().value("code").toString(),
                 QStringLiteral("payload_too_large"));
        // Refused from the head: most of the 50 MB was never even sent.
        QVERIFY2(sent < kTotal / 2, qPrintable(QStringLiteral("sent %1 bytes before the answer").arg(sent)));
        upload.abort();
        QVERIFY(othersServed || health().status == 200);
        QCOMPARE(health().status, 200);
    }

    // Sends `head` then `total` bytes of `filler` (or until an answer or a close); returns the
    // first answer and how much was sent before it.
    Answer uploadUntilAnswered(QTcpSocket &socket, const QByteArray &head, const QByteArray &filler,
                               qint64 total, qint64 *sentOut = nullptr, QByteArray *rest = nullptr)
    {
        socket.write(head);
        qint64 sent = 0;
        QByteArray buffer;
        Answer answer;
        while (sent < total && socket.state() == QAbstractSocket::ConnectedState) {
            socket.write(filler);
            sent += filler.size();
            socket.waitForBytesWritten(200);
            socket.waitForReadyRead(50);
            buffer += socket.readAll();
            if (takeAnswer(buffer, answer))
                break;
        }
        QElapsedTimer t;
        t.start();
        while (answer.status == 0 && t.elapsed() < 5000) {
            if (takeAnswer(buffer, answer))
                break;
            if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
                break;
            buffer += socket.readAll();
        }
        if (sentOut)
            *sentOut = sent;
        if (rest) {
            socket.waitForDisconnected(5000);
            buffer += socket.readAll();
            *rest = buffer;
        }
        return answer;
    }

    void upgradeHeaderThenHugeBody()
    {
        QTcpSocket c;
        c.connectToHost(QHostAddress(QHostAddress::LocalHost), m_app.port());
        QVERIFY(c.waitForConnected(10000));
        c.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\n\r\n");
        QByteArray buffer;
        Answer first;
        for (int i = 0; i < 100 && !takeAnswer(buffer, first); ++i) {
            c.waitForReadyRead(100);
            buffer += c.readAll();
        }
        QVERIFY2(first.status == 200, qPrintable(first.describe()));
        // Same keep-alive connection: 4 GB announced, a few MB sent.
        qint64 sent = 0;
        QElapsedTimer t;
        t.start();
        const Answer a = uploadUntilAnswered(
            c,
            "POST /vendors/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 4000000000\r\n\r\n",
            QByteArray(1024 * 1024, '0'), 8LL * 1024 * 1024, &sent);
        QVERIFY2(a.status == 413, qPrintable(a.describe()));
        QCOMPARE(a.json().value("error").toObject().value("code").toString(),
                 QStringLiteral("payload_too_large"));
        QVERIFY2(t.elapsed() < 5000,
                 qPrintable(QStringLiteral("413 after %1 ms").arg(t.elapsed())));
        QVERIFY2(c.state() != QAbstractSocket::ConnectedState || c.waitForDisconnected(10000),
                 "the connection must be closed after the refusal");
        QCOMPARE(health().status, 200);
    }

    void bareLfHeadHidesNoBody()
    {
        // QHttpServer ends the first head at LF LF and reads 109 bytes of body; a guard looking
        // for CRLFCRLF would count the second head as that body and let its 4 GB through.
        const QByteArray second = "POST /vendors/register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\n"
                                  "Content-Length: 4000000000\r\n\r\n";
        const QByteArray first = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                 "application/json\r\nContent-Length: " +
                                 QByteArray::number(second.size()) + "\n\n{}" +
                                 QByteArray(second.size() - 6, ' ') + "\r\n\r\n";
        QByteArray filler;
        while (filler.size() < 1024 * 1024)
            filler += "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        QTcpSocket c;
        c.connectToHost(QHostAddress(QHostAddress::LocalHost), m_app.port());
        QVERIFY(c.waitForConnected(10000));
        QByteArray rest;
        const Answer a =
            uploadUntilAnswered(c, first + second, filler, 6LL * 1024 * 1024, nullptr, &rest);
        QVERIFY2(a.status == 400, qPrintable(a.describe()));
        QCOMPARE(a.json().value("error").toObject().value("code").toString(),
                 QStringLiteral("bad_request"));
        QVERIFY2(!rest.contains("HTTP/1.1"), rest.left(200).constData());
        QCOMPARE(health().status, 200);
    }

    void foreignHostAndCrossSitePost()
    {
        Answer a = send(m_app.port(), "GET /health HTTP/1.1\r\nHost: evil.example:3000\r\n\r\n");
        QVERIFY2(a.status == 421, qPrintable(a.describe()));
        QCOMPARE(a.json().value("error").toObject().value("code").toString(),
                 QStringLiteral("misdirected_request"));
        a = send(m_app.port(), "GET /events?api_key=" + m_apiKey.toLatin1() +
                                   " HTTP/1.1\r\nHost: evil.example:3000\r\nConnection: Upgrade\r\n"
                                   "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        QVERIFY2(a.status == 421, qPrintable(a.describe()));
        a = send(m_app.port(), "GET /health HTTP/1.1\r\nHost: localhost:" +
                                   QByteArray::number(m_app.port()) + "\r\n\r\n");
        QVERIFY2(a.status == 200, qPrintable(a.describe()));

        const QByteArray body = QJsonDocument(QJsonObject{{"name", "Cross Site"},
                                                          {"email", "cross-site@example.com"},
                                                          {"password", "a long password"},
                                                          {"company_name", "X Ltd"},
                                                          {"phone_number", "08035550000"}})
                                    .toJson(QJsonDocument::Compact);
        a = send(m_app.port(), "POST /vendors/register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " +
                                   QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY2(a.status == 415, qPrintable(a.describe()));
        QCOMPARE(a.json().value("error").toObject().value("code").toString(),
                 QStringLiteral("unsupported_media_type"));
        a = send(m_app.port(), request("POST", "/vendors/register", body));
        QVERIFY2(a.status == 201, qPrintable(a.describe())); // the text/plain one created nothing
    }

    void slowLoris()
    {
        constexpr int kSlow = 100;
        const QByteArray head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                                + QByteArray(200, 'a') + "\r\n\r\n";
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < kSlow; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress(QHostAddress::LocalHost), m_app.port());
            slow.push_back(std::move(s));
        }
        QVERIFY(QTest::qWaitFor([&] {
            for (const auto &s : slow)
                if (s->state() != QAbstractSocket::ConnectedState)
                    return false;
            return true;
        }, 15000));
        // One header byte per connection every 250 ms: the whole head would take over a minute,
        // far beyond the 2 s idle timeout, and each byte is "progress" a naive timer would reset.
        int served = 0, normal = 0;
        QElapsedTimer t;
        t.start();
        int pos = 0;
        const auto allClosed = [&] {
            for (const auto &s : slow)
                if (s->state() == QAbstractSocket::ConnectedState)
                    return false;
            return true;
        };
        while (!allClosed() && t.elapsed() < (kIdleSeconds + 20) * 1000 && pos < head.size()) {
            for (const auto &s : slow)
                if (s->state() == QAbstractSocket::ConnectedState)
                    s->write(head.mid(pos, 1));
            ++pos;
            ++normal;
            if (health().status == 200) // normal clients keep getting answers meanwhile
                ++served;
            QTest::qWait(250);
        }
        int open = 0;
        for (const auto &s : slow)
            if (s->state() == QAbstractSocket::ConnectedState)
                ++open;
        QVERIFY2(open == 0, qPrintable(QStringLiteral("%1 slow connections still open after %2 ms "
                                                      "(%3 of %4 header bytes sent)")
                                           .arg(open)
                                           .arg(t.elapsed())
                                           .arg(pos)
                                           .arg(head.size())));
        QVERIFY2(pos < head.size(), "no slow connection may complete its head");
        QCOMPARE(served, normal);
        QCOMPARE(health().status, 200);
    }
};

QTEST_MAIN(TestAbuse)
#include "tst_abuse.moc"
