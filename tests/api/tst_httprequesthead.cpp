#include "HttpRequestHead.h"
#include "RequestGate.h"

#include <QTest>

// The strict HTTP/1.x head parser under the TCP guard (HttpRequestHead) and the Host /
// Content-Type rules (RequestGate), without sockets. tst_hardening drives both over the wire.
class TestHttpRequestHead : public QObject
{
    Q_OBJECT

    static HttpRequestHead parsed(const QByteArray &head) { return HttpRequestHead::parse(head); }

private Q_SLOTS:
    void scanFindsTheEndAtCrLfCrLfOnly_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("framing"); // 0 incomplete, 1 complete, 2 bare line end
        QTest::addColumn<int>("size");
        QTest::newRow("complete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\nBODY") << 1 << 27;
        QTest::newRow("no fields") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 1 << 18;
        QTest::newRow("incomplete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << 0 << 0;
        QTest::newRow("CR at the end waits") << QByteArray("GET / HTTP/1.1\r") << 0 << 0;
        QTest::newRow("LF only") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 2 << 0;
        QTest::newRow("LF after CRLF") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\n") << 2 << 0;
        QTest::newRow("LF CR LF") << QByteArray("GET / HTTP/1.1\n\r\n") << 2 << 0;
        QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\rHost: a\r\n\r\n") << 2 << 0;
        QTest::newRow("leading LF") << QByteArray("\nGET / HTTP/1.1\r\n\r\n") << 2 << 0;
    }
    void scanFindsTheEndAtCrLfCrLfOnly()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, framing);
        QFETCH(int, size);
        const auto scan = HttpRequestHead::scan(data);
        QCOMPARE(int(scan.framing), framing);
        QCOMPARE(int(scan.size), size);
    }

    void scanResumesWhereItLeftOff()
    {
        // Byte by byte, resuming one byte back, finds the same end as one scan of the whole.
        const QByteArray head = "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n";
        QByteArray buffered;
        HttpRequestHead::Scan scan;
        for (const char c : head) {
            const qsizetype before = buffered.size();
            buffered += c;
            scan = HttpRequestHead::scan(buffered, before - 1);
            if (scan.framing != HttpRequestHead::Framing::Incomplete)
                break;
        }
        QCOMPARE(int(scan.framing), int(HttpRequestHead::Framing::Complete));
        QCOMPARE(scan.size, head.size());
        // A bare LF split from its line by a chunk boundary is still seen.
        QByteArray lf = "GET / HTTP/1.1\r\nA: b";
        QCOMPARE(int(HttpRequestHead::scan(lf).framing), int(HttpRequestHead::Framing::Incomplete));
        lf += "\n";
        QCOMPARE(int(HttpRequestHead::scan(lf, lf.size() - 2).framing),
                 int(HttpRequestHead::Framing::BareLineEnd));
    }

    void parsesTheFieldsTheGuardNeeds()
    {
        const auto h = parsed("POST /vendors/login?x=1 HTTP/1.1\r\nHost: 127.0.0.1:3000\r\n"
                              "content-type:application/json; charset=utf-8 \r\n"
                              "CONTENT-LENGTH: 0042\r\nConnection: keep-alive, Upgrade\r\n"
                              "Upgrade: WebSocket\r\nX-Empty:\r\n\r\n");
        QVERIFY2(h.ok, h.errorMessage.constData());
        QCOMPARE(h.method, QByteArray("POST"));
        QCOMPARE(h.target, QByteArray("/vendors/login?x=1"));
        QCOMPARE(h.minorVersion, 1);
        QCOMPARE(h.contentLength, 42);
        QVERIFY(h.hasContentLength);
        QCOMPARE(h.host, QByteArray("127.0.0.1:3000"));
        QCOMPARE(h.contentType, QByteArray("application/json; charset=utf-8"));
        QVERIFY(h.isWebSocketUpgrade());
        QCOMPARE(h.fieldCount, 6);
    }

    void upgradeNeedsConnectionUpgradeAndWebsocket_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<bool>("upgrade");
        QTest::newRow("websocket")
            << QByteArray("Connection: Upgrade\r\nUpgrade: websocket\r\n") << true;
        QTest::newRow("two Connection fields")
            << QByteArray("Connection: close\r\nConnection: upgrade\r\nUpgrade: websocket\r\n")
            << true;
        QTest::newRow("h2c") << QByteArray("Connection: Upgrade\r\nUpgrade: h2c\r\n") << false;
        QTest::newRow("no Connection") << QByteArray("Upgrade: websocket\r\n") << false;
        QTest::newRow("Upgrade alone") << QByteArray("Upgrade: h2c\r\n") << false;
        QTest::newRow("list of protocols")
            << QByteArray("Connection: upgrade\r\nUpgrade: websocket, h2c\r\n") << false;
    }
    void upgradeNeedsConnectionUpgradeAndWebsocket()
    {
        QFETCH(QByteArray, fields);
        QFETCH(bool, upgrade);
        const auto h = parsed("GET /events HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n");
        QVERIFY(h.ok);
        QCOMPARE(h.isWebSocketUpgrade(), upgrade);
    }

    void refusesWhatQtHttpServerWouldReadDifferently_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<int>("status");
        const QByteArray line = "GET / HTTP/1.1\r\n";
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << 400;
        QTest::newRow("LF LF end") << QByteArray("GET / HTTP/1.1\r\nHost: a\n\n") << 400;
        QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n") << 400;
        QTest::newRow("obs-fold") << line + "Host: a\r\nX: b\r\n c\r\n\r\n" << 400;
        QTest::newRow("first field folded") << line + " Host: a\r\n\r\n" << 400;
        QTest::newRow("space before colon") << line + "Content-Length : 5\r\n\r\n" << 400;
        QTest::newRow("no colon") << line + "Host a\r\n\r\n" << 400;
        QTest::newRow("empty name") << line + ": a\r\n\r\n" << 400;
        QTest::newRow("NUL in value") << line + QByteArray("X: a\0b\r\n\r\n", 10) << 400;
        QTest::newRow("DEL in value") << line + "X: a\x7f\r\n\r\n" << 400;
        QTest::newRow("two Content-Length")
            << line + "Content-Length: 1\r\nContent-Length: 2\r\n\r\n"
            << 400;
        QTest::newRow("Content-Length list") << line + "Content-Length: 5, 5\r\n\r\n" << 400;
        QTest::newRow("Content-Length sign") << line + "Content-Length: +5\r\n\r\n" << 400;
        QTest::newRow("Content-Length negative") << line + "Content-Length: -1\r\n\r\n" << 400;
        QTest::newRow("Content-Length hex") << line + "Content-Length: 0x10\r\n\r\n" << 400;
        QTest::newRow("Content-Length empty") << line + "Content-Length:\r\n\r\n" << 400;
        QTest::newRow("Content-Length space inside") << line + "Content-Length: 1 0\r\n\r\n" << 400;
        QTest::newRow("Content-Length huge")
            << line + "Content-Length: 99999999999999999999999\r\n\r\n"
            << 400;
        QTest::newRow("chunked") << line + "Transfer-Encoding: chunked\r\n\r\n" << 411;
        QTest::newRow("gzip") << line + "Transfer-Encoding: gzip\r\n\r\n" << 411;
        QTest::newRow("two Host") << line + "Host: a\r\nHost: b\r\n\r\n" << 400;
        QTest::newRow("two Content-Type") << line + "Content-Type: a/b\r\nContent-Type: c/d\r\n\r\n"
                                          << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
        QTest::newRow("HTTP/1.1 lower case") << QByteArray("GET / http/1.1\r\n\r\n") << 400;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("leading space") << QByteArray(" GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\n\r\n") << 400;
        QTest::newRow("byte over 0x7e in target")
            << QByteArray("GET /\xff HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("tab in target") << QByteArray("GET /\t HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("method not a token") << QByteArray("G(T / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("incomplete") << QByteArray("GET / HTTP/1.1\r\n") << 400;
        QTest::newRow("bytes after the head") << QByteArray("GET / HTTP/1.1\r\n\r\nX") << 400;
        QByteArray many = line;
        for (int i = 0; i <= HttpRequestHead::kMaxFields; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("too many fields") << many + "\r\n" << 431;
        QTest::newRow("field too long")
            << line + "X: " + QByteArray(HttpRequestHead::kMaxFieldLineBytes, 'a') + "\r\n\r\n"
            << 431;
    }
    void refusesWhatQtHttpServerWouldReadDifferently()
    {
        QFETCH(QByteArray, head);
        QFETCH(int, status);
        const auto h = parsed(head);
        QVERIFY(!h.ok);
        QCOMPARE(h.errorStatus, status);
        QVERIFY(!h.errorCode.isEmpty());
        // The guard parses heads it has framed with parseFramed(): same verdict.
        const auto scan = HttpRequestHead::scan(head);
        if (scan.framing == HttpRequestHead::Framing::Complete && scan.size == head.size()) {
            const auto framed = HttpRequestHead::parseFramed(head);
            QVERIFY(!framed.ok);
            QCOMPARE(framed.errorStatus, status);
        }
    }

    void acceptsPlainHeads_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("HTTP/1.0 without fields") << QByteArray("GET /health HTTP/1.0\r\n\r\n");
        QTest::newRow("identity") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: identity\r\n"
                                                "Content-Length: 3\r\n\r\n");
        QTest::newRow("equal Content-Length twice")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n");
        QTest::newRow("tabs and obs-text in a value")
            << QByteArray("GET / HTTP/1.1\r\nX:\t\xc3\xa9t\xc3\xa9 \t\r\n\r\n");
        QTest::newRow("asterisk form") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n");
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < HttpRequestHead::kMaxFields; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        QTest::newRow("100 fields") << many + "\r\n";
    }
    void acceptsPlainHeads()
    {
        QFETCH(QByteArray, head);
        const auto h = parsed(head);
        QVERIFY2(h.ok, h.errorMessage.constData());
        const auto framed = HttpRequestHead::parseFramed(head);
        QVERIFY(framed.ok);
        QCOMPARE(framed.target, h.target);
        QCOMPARE(framed.contentLength, h.contentLength);
    }

    void hostRules_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::addColumn<QStringList>("allowed");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<bool>("ok");
        const QString lo = QStringLiteral("127.0.0.1");
        const QStringList none;
        QTest::newRow("listen address") << lo << none << QByteArray("127.0.0.1") << true;
        QTest::newRow("listen address with port")
            << lo << none << QByteArray("127.0.0.1:3000") << true;
        QTest::newRow("localhost") << lo << none << QByteArray("localhost:3000") << true;
        QTest::newRow("LOCALHOST.") << lo << none << QByteArray("LOCALHOST.") << true;
        QTest::newRow("other loopback") << lo << none << QByteArray("127.0.0.2") << true;
        QTest::newRow("[::1]") << lo << none << QByteArray("[::1]:3000") << true;
        QTest::newRow("rebinding name") << lo << none << QByteArray("evil.example:3000") << false;
        QTest::newRow("localhost suffix")
            << lo << none << QByteArray("localhost.evil.example") << false;
        QTest::newRow("LAN address") << lo << none << QByteArray("192.168.1.5") << false;
        QTest::newRow("configured name") << lo << QStringList{QStringLiteral("api.example.com")}
                                         << QByteArray("API.example.com:8443") << true;
        QTest::newRow("star") << lo << QStringList{QStringLiteral("*")}
                              << QByteArray("evil.example") << true;
        QTest::newRow("configured IPv6")
            << lo << QStringList{QStringLiteral("[fd00::1]")} << QByteArray("[fd00::1]") << true;
        const QString lan = QStringLiteral("192.168.1.5");
        QTest::newRow("LAN listen: its address")
            << lan << none << QByteArray("192.168.1.5:3000") << true;
        QTest::newRow("LAN listen: loopback literal")
            << lan << none << QByteArray("127.0.0.1") << false;
        QTest::newRow("LAN listen: localhost") << lan << none << QByteArray("localhost") << true;
        const QString any = QStringLiteral("0.0.0.0");
        QTest::newRow("any: own address") << any << none << QByteArray("10.1.2.3:3000") << true;
        QTest::newRow("any: host name") << any << none << QByteArray("MyBox") << true;
        QTest::newRow("any: loopback") << any << none << QByteArray("127.0.0.1") << true;
        QTest::newRow("any: other address") << any << none << QByteArray("10.9.9.9") << false;
        QTest::newRow("any: other name") << any << none << QByteArray("evil.example") << false;
        QTest::newRow("userinfo") << lo << QStringList{QStringLiteral("*")}
                                  << QByteArray("a@127.0.0.1") << false;
        QTest::newRow("port not digits") << lo << none << QByteArray("127.0.0.1:x") << false;
        QTest::newRow("empty") << lo << QStringList{QStringLiteral("*")} << QByteArray("") << false;
    }
    void hostRules()
    {
        QFETCH(QString, listen);
        QFETCH(QStringList, allowed);
        QFETCH(QByteArray, host);
        QFETCH(bool, ok);
        RequestGate gate;
        gate.setListenAddress(QHostAddress(listen));
        gate.setAllowedHosts(allowed);
        if (gate.listensEverywhere()) {
            gate.setLocalAddresses({QHostAddress(QStringLiteral("10.1.2.3"))});
            gate.setLocalHostName(QStringLiteral("mybox"));
        }
        QCOMPARE(gate.hostAllowed(host), ok);
        const auto h = parsed("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        QVERIFY(h.ok);
        const auto refusal = gate.check(h);
        QCOMPARE(!refusal, ok);
        if (refusal)
            QVERIFY(refusal->status == 421 || refusal->status == 400);
    }

    // The gate remembers the last Host it allowed (P1: judging it again on every request of a
    // keep-alive connection cost more than the rest of the gate). A rule change must never be
    // judged on that verdict, nor may another Host.
    void rememberedHostFollowsRuleChanges()
    {
        const auto head = [](const QByteArray &host) {
            return parsed("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        };
        RequestGate gate;
        gate.setAllowedHosts({QStringLiteral("api.example.com")});
        QVERIFY(!gate.check(head("api.example.com")));
        QVERIFY(!gate.check(head("api.example.com"))); // the remembered verdict
        auto refusal = gate.check(head("evil.example"));
        QVERIFY(refusal);
        QCOMPARE(refusal->status, 421);
        QVERIFY(!gate.check(head("api.example.com")));
        gate.setAllowedHosts({});
        refusal = gate.check(head("api.example.com"));
        QVERIFY(refusal);
        QCOMPARE(refusal->status, 421);

        gate.setListenAddress(QHostAddress(QStringLiteral("192.168.1.5")));
        QVERIFY(!gate.check(head("192.168.1.5:3000")));
        gate.setListenAddress(QHostAddress(QStringLiteral("192.168.1.6")));
        QVERIFY(gate.check(head("192.168.1.5:3000")));

        gate.setListenAddress(QHostAddress::Any);
        gate.setLocalHostName(QStringLiteral("mybox"));
        gate.setLocalAddresses({QHostAddress(QStringLiteral("10.1.2.3"))});
        QVERIFY(!gate.check(head("MyBox")));
        gate.setLocalHostName(QStringLiteral("otherbox"));
        QVERIFY(gate.check(head("MyBox")));
        QVERIFY(!gate.check(head("10.1.2.3")));
        gate.setLocalAddresses({});
        QVERIFY(gate.check(head("10.1.2.3")));
    }

    void hostIsRequiredOnHttp11Only()
    {
        const RequestGate gate;
        auto refusal = gate.check(parsed("GET / HTTP/1.1\r\n\r\n"));
        QVERIFY(refusal);
        QCOMPARE(refusal->status, 400);
        QVERIFY(!gate.check(parsed("GET / HTTP/1.0\r\n\r\n")));
        refusal = gate.check(parsed("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"));
        QVERIFY(refusal);
        QCOMPARE(refusal->status, 421);
        QCOMPARE(refusal->code, QStringLiteral("misdirected_request"));
    }

    void bodiesMustBeJson_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<int>("status"); // 0: accepted
        QTest::newRow("json") << QByteArray(
                                     "Content-Type: application/json\r\nContent-Length: 2\r\n")
                              << 0;
        QTest::newRow("json charset")
            << QByteArray("Content-Type: Application/JSON ; charset=utf-8\r\nContent-Length: 2\r\n")
            << 0;
        QTest::newRow("text/plain")
            << QByteArray("Content-Type: text/plain\r\nContent-Length: 2\r\n") << 415;
        QTest::newRow("form")
            << QByteArray(
                   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2\r\n")
            << 415;
        QTest::newRow("json lookalike")
            << QByteArray("Content-Type: application/jsonp\r\nContent-Length: 2\r\n") << 415;
        QTest::newRow("no type") << QByteArray("Content-Length: 2\r\n") << 415;
        QTest::newRow("no body, no type") << QByteArray() << 0;
        QTest::newRow("empty body, text/plain")
            << QByteArray("Content-Type: text/plain\r\nContent-Length: 0\r\n") << 0;
    }
    void bodiesMustBeJson()
    {
        QFETCH(QByteArray, fields);
        QFETCH(int, status);
        const RequestGate gate;
        const auto h = parsed("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + "\r\n");
        QVERIFY(h.ok);
        const auto refusal = gate.check(h);
        QCOMPARE(refusal ? refusal->status : 0, status);
        if (refusal)
            QCOMPARE(refusal->code, QStringLiteral("unsupported_media_type"));
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestHead)
#include "tst_httprequesthead.moc"
