// R5 (quality-bars.md) against the real `wamator --headless` binary, as an attacker sees it:
// login brute force from one address → 429 with Retry-After while another address still logs
// in; an unauthenticated WebSocket → closed with 4401 and nothing received; a 50 MB body → 413
// before the body is sent (never buffered) while others are served; slow-loris connections
// trickling header bytes → closed after the idle timeout while normal requests get answers.
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
