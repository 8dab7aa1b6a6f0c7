// MediaFetcher against real HTTP servers on loopback: one download per batch (disk cache),
// limits per kind (abort early), unreachable / unsupported, and the SSRF guards: private
// addresses refused by default, every redirect hop checked, addresses pinned, link-local /
// metadata / the API's own port always refused, textual answers refused.

#include "LocalHttpServer.h"
#include "TestSupport.h"
#include "messaging/MediaFetcher.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

namespace {

MediaFetcher::Result fetchAndWait(MediaFetcher &f, const QString &batch, const QString &url)
{
    MediaFetcher::Result out;
    bool done = false;
    f.fetch(batch, url, [&](const MediaFetcher::Result &r) {
        out = r;
        done = true;
    });
    if (!QTest::qWaitFor([&]() { return done; }, 30000))
        qFatal("media fetch did not finish");
    return out;
}

QByteArray bytesOf(const MediaFetcher::Result &r)
{
    QFile f(r.media.path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

} // namespace

class TestMediaFetcher : public QObject
{
    Q_OBJECT

private:
    LocalHttpServer m_http;
    LocalHttpServer m_inner; // "internal" server that redirects try to reach

    // A resolver for invented names; counts lookups per name.
    static MediaFetcher::Resolver scripted(QHash<QString, QList<QHostAddress>> table,
                                           std::shared_ptr<QHash<QString, int>> lookups)
    {
        return [table,
                lookups](const QString &host,
                         std::function<void(const QList<QHostAddress> &, const QString &)> done) {
            (*lookups)[host] += 1;
            done(table.value(host), QStringLiteral("unknown host"));
        };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_http.listen());
        m_http.route(QStringLiteral("/photo.png"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_http.route(QStringLiteral("/receipt.pdf"),
                     {200, "application/pdf", LocalHttpServer::pdfBytes()});
        m_http.route(QStringLiteral("/noext"), {200, "image/png", LocalHttpServer::pngBytes()});
        m_http.route(QStringLiteral("/generic.pdf"),
                     {200, "application/octet-stream", LocalHttpServer::pdfBytes()});
        m_http.route(QStringLiteral("/page.html"), {200, "text/html", "<html></html>"});
        LocalHttpServer::Response big{200, "image/jpeg", {}};
        big.generatedBytes = 17LL * 1024 * 1024;
        m_http.route(QStringLiteral("/big.jpg"), big);
        LocalHttpServer::Response bigUnannounced = big;
        bigUnannounced.announceLength = false;
        bigUnannounced.generatedBytes = 40LL * 1024 * 1024;
        m_http.route(QStringLiteral("/stream.jpg"), bigUnannounced);
        LocalHttpServer::Response bigDoc{200, "application/pdf", {}};
        bigDoc.generatedBytes = 17LL * 1024 * 1024; // over the image limit, within a document's
        m_http.route(QStringLiteral("/large.pdf"), bigDoc);
    }

    void downloadsImageOncePerBatch()
    {
        TempDataDir dir;
        MediaFetcher f(dir.file(QStringLiteral("media")));
        f.setAllowPrivateAddresses(true);
        const QString url = m_http.url(QStringLiteral("/photo.png"));
        const int hitsBefore = m_http.hits(QStringLiteral("/photo.png"));

        // Three messages of one batch ask at once, then once more after: one download.
        int answered = 0;
        for (int i = 0; i < 3; ++i)
            f.fetch(QStringLiteral("b1"), url, [&](const MediaFetcher::Result &r) {
                QVERIFY(r.ok);
                ++answered;
            });
        QVERIFY(QTest::qWaitFor([&]() { return answered == 3; }, 10000));
        const MediaFetcher::Result r = fetchAndWait(f, QStringLiteral("b1"), url);
        QVERIFY(r.ok);
        QCOMPARE(r.media.kind, MediaTypes::Kind::Image);
        QCOMPARE(bytesOf(r), LocalHttpServer::pngBytes());
        QCOMPARE(r.media.size, LocalHttpServer::pngBytes().size());
        QCOMPARE(r.media.mimetype, QStringLiteral("image/png"));
        QCOMPARE(r.media.filename, QStringLiteral("photo.png"));
        QCOMPARE(f.downloadsStarted(), 1);
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hitsBefore + 1);

        // Another batch downloads again (the file may have changed between batches).
        QVERIFY(fetchAndWait(f, QStringLiteral("b2"), url).ok);
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hitsBefore + 2);

        // A new fetcher on the same directory (a restart) finds the file on disk.
        MediaFetcher again(dir.file(QStringLiteral("media")));
        again.setAllowPrivateAddresses(true);
        const MediaFetcher::Result fromDisk = fetchAndWait(again, QStringLiteral("b1"), url);
        QVERIFY(fromDisk.ok);
        QCOMPARE(bytesOf(fromDisk), LocalHttpServer::pngBytes());
        QCOMPARE(fromDisk.media.mimetype, QStringLiteral("image/png"));
        QCOMPARE(fromDisk.media.kind, MediaTypes::Kind::Image);
        QCOMPARE(again.downloadsStarted(), 0);
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hitsBefore + 2);

        // forgetBatch drops it, file included: the next fetch downloads.
        again.forgetBatch(QStringLiteral("b1"), url);
        QVERIFY(!QFileInfo::exists(fromDisk.media.path));
        QVERIFY(fetchAndWait(again, QStringLiteral("b1"), url).ok);
        QCOMPARE(again.downloadsStarted(), 1);
    }

    void typeFromResponseOrName()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(true);
        const MediaFetcher::Result pdf =
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/receipt.pdf")));
        QVERIFY(pdf.ok);
        QCOMPARE(pdf.media.kind, MediaTypes::Kind::Document);
        QCOMPARE(pdf.media.mimetype, QStringLiteral("application/pdf"));
        // No extension: the Content-Type decides.
        const MediaFetcher::Result noext =
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/noext")));
        QVERIFY(noext.ok);
        QCOMPARE(noext.media.kind, MediaTypes::Kind::Image);
        // A generic Content-Type: the name decides.
        const MediaFetcher::Result generic =
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/generic.pdf")));
        QVERIFY(generic.ok);
        QCOMPARE(generic.media.kind, MediaTypes::Kind::Document);
    }

    // The kind is decided once, from the Content-Type, and carried in the result (the WhatsApp
    // sender sends it as that kind) and announced once per batch + URL (the dispatcher stores
    // it as the message_type), also by a new fetcher that finds the file on disk.
    void kindDecidedFromTheAnswerAndCarried()
    {
        m_http.route(QStringLiteral("/scan.tiff"), {200, "image/tiff", "II*-tiff-bytes"});
        m_http.route(QStringLiteral("/photo-really-tiff.png"),
                     {200, "image/tiff", "II*-tiff-bytes"});
        m_http.route(QStringLiteral("/really-png.pdf"),
                     {200, "image/png", LocalHttpServer::pngBytes()});
        TempDataDir dir;
        const QString cache = dir.file(QStringLiteral("media"));
        struct Case
        {
            const char *path;
            MediaTypes::Kind kind;
            const char *mime;
        } cases[] = {{"/scan.tiff", MediaTypes::Kind::Document, "image/tiff"},
                     {"/photo-really-tiff.png", MediaTypes::Kind::Document, "image/tiff"},
                     {"/really-png.pdf", MediaTypes::Kind::Image, "image/png"}};
        for (const Case &c : cases) {
            const QString url = m_http.url(QString::fromLatin1(c.path));
            MediaFetcher f(cache);
            f.setAllowPrivateAddresses(true);
            QSignalSpy decided(&f, &MediaFetcher::kindDecided);
            const MediaFetcher::Result r = fetchAndWait(f, QStringLiteral("b"), url);
            QVERIFY2(r.ok, qPrintable(r.error + QLatin1Char(' ') + r.detail));
            QCOMPARE(r.media.kind, c.kind);
            QCOMPARE(r.media.mimetype, QString::fromLatin1(c.mime));
            QCOMPARE(decided.size(), 1);
            QCOMPARE(decided.first().at(0).toString(), QStringLiteral("b"));
            QCOMPARE(decided.first().at(1).toString(), url);
            QCOMPARE(decided.first().at(2).value<MediaTypes::Kind>(), c.kind);
            QCOMPARE(fetchAndWait(f, QStringLiteral("b"), url).media.kind, c.kind);
            QCOMPARE(decided.size(), 1); // once per batch + URL

            MediaFetcher restarted(cache);
            QSignalSpy again(&restarted, &MediaFetcher::kindDecided);
            QCOMPARE(fetchAndWait(restarted, QStringLiteral("b"), url).media.kind, c.kind);
            QCOMPARE(restarted.downloadsStarted(), 0);
            QCOMPARE(again.size(), 1);
            QCOMPARE(again.first().at(2).value<MediaTypes::Kind>(), c.kind);
        }
    }

    void failuresHaveClearReasons()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(true);
        QCOMPARE(
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/missing.png"))).error,
            QStringLiteral("media_unreachable"));
        QCOMPARE(
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/page.html"))).error,
            QStringLiteral("media_unsupported"));
        QCOMPARE(
            fetchAndWait(f, QStringLiteral("b"), QStringLiteral("ftp://127.0.0.1/x.png")).error,
            QStringLiteral("media_unreachable"));
        // A closed port.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"),
                              QStringLiteral("http://127.0.0.1:%1/x.png").arg(port))
                     .error,
                 QStringLiteral("media_unreachable"));
    }

    void tooLargeAbortsEarly()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(true);
        // Announced: refused from the headers.
        const MediaFetcher::Result announced =
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/big.jpg")));
        QCOMPARE(announced.error, QStringLiteral("media_too_large"));
        QVERIFY(announced.media.path.isEmpty());
        // Not announced: aborted once past 16 MB, long before the 40 MB the server would send.
        const MediaFetcher::Result streamed =
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/stream.jpg")));
        QCOMPARE(streamed.error, QStringLiteral("media_too_large"));
        QVERIFY2(m_http.bytesSent(QStringLiteral("/stream.jpg")) < 36LL * 1024 * 1024,
                 qPrintable(QString::number(m_http.bytesSent(QStringLiteral("/stream.jpg")))));
        // 17 MB is fine for a document (limit 100 MB).
        const MediaFetcher::Result doc =
            fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/large.pdf")));
        QVERIFY2(doc.ok, qPrintable(doc.error + doc.detail));
        QCOMPARE(doc.media.size, 17LL * 1024 * 1024);
        QCOMPARE(QFileInfo(doc.media.path).size(), 17LL * 1024 * 1024);
        // Failures are cached for the batch too: no second download of a file known too big.
        const int hits = m_http.hits(QStringLiteral("/big.jpg"));
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/big.jpg"))).error,
                 QStringLiteral("media_too_large"));
        QCOMPARE(m_http.hits(QStringLiteral("/big.jpg")), hits);
    }

    void privateAddressesRefusedByDefault()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path()); // the default: allow_private_media_urls is false
        const int hits = m_http.hits(QStringLiteral("/photo.png"));
        const MediaFetcher::Result r =
            fetchAndWait(f, QStringLiteral("p"), m_http.url(QStringLiteral("/photo.png")));
        QCOMPARE(r.error, QStringLiteral("media_unreachable"));
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hits);
        QCOMPARE(f.downloadsStarted(), 0);
        // By name too (resolved before connecting).
        const MediaFetcher::Result byName =
            fetchAndWait(f, QStringLiteral("p"),
                         QStringLiteral("http://localhost:%1/photo.png").arg(m_http.port()));
        QCOMPARE(byName.error, QStringLiteral("media_unreachable"));

        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("127.0.0.1"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("10.1.2.3"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("172.20.0.1"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("192.168.1.1"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("169.254.1.1"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("::1"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("fd00::1"))));
        QVERIFY(MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("::ffff:10.0.0.1"))));
        QVERIFY(!MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("8.8.8.8"))));
        QVERIFY(!MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("172.32.0.1"))));
        QVERIFY(!MediaFetcher::isPrivateAddress(QHostAddress(QStringLiteral("2606:4700::1111"))));
    }
    void textualAnswersAreRefused()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(true);
        m_http.route(QStringLiteral("/note.png"), {200, "text/plain", "secret=1"});
        m_http.route(QStringLiteral("/data.pdf"), {200, "application/json", "{\"token\":\"x\"}"});
        m_http.route(QStringLiteral("/problem.jpg"), {200, "application/problem+json", "{}"});
        for (const QString &path : {QStringLiteral("/note.png"), QStringLiteral("/data.pdf"),
                                    QStringLiteral("/problem.jpg"), QStringLiteral("/page.html")}) {
            const MediaFetcher::Result r = fetchAndWait(f, QStringLiteral("t"), m_http.url(path));
            QVERIFY2(!r.ok, qPrintable(path));
            QCOMPARE(r.error, QStringLiteral("media_unsupported"));
            QVERIFY(r.media.path.isEmpty());
        }
    }

    void redirectToPrivateAddressIsRefused()
    {
        // m_http plays a public host; its redirect points at m_inner, a loopback service.
        QVERIFY(m_inner.listen());
        m_inner.route(QStringLiteral("/internal.png"),
                      {200, "image/png", LocalHttpServer::pngBytes()});
        LocalHttpServer::Response hop{302, {}, {}};
        hop.location = m_inner.url(QStringLiteral("/internal.png")).toLatin1();
        m_http.route(QStringLiteral("/to-inner.png"), hop);

        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.treatAsPublicForTests(QHostAddress(QHostAddress::LocalHost), m_http.port());
        // The "public" server itself is fine...
        QVERIFY(fetchAndWait(f, QStringLiteral("r0"), m_http.url(QStringLiteral("/photo.png"))).ok);
        // ...but not where it redirects.
        const MediaFetcher::Result r =
            fetchAndWait(f, QStringLiteral("r1"), m_http.url(QStringLiteral("/to-inner.png")));
        QCOMPARE(r.error, QStringLiteral("media_unreachable"));
        QVERIFY2(r.detail.contains(QLatin1String("private address")), qPrintable(r.detail));
        QCOMPARE(m_http.hits(QStringLiteral("/to-inner.png")), 1);
        QCOMPARE(m_inner.hits(QStringLiteral("/internal.png")), 0);

        // A redirect to another scheme is refused too.
        LocalHttpServer::Response toFile{302, {}, {}};
        toFile.location = "file:///etc/passwd";
        m_http.route(QStringLiteral("/to-file.png"), toFile);
        QCOMPARE(
            fetchAndWait(f, QStringLiteral("r2"), m_http.url(QStringLiteral("/to-file.png"))).error,
            QStringLiteral("media_unreachable"));

        // With private addresses allowed, the same redirect is followed.
        f.setAllowPrivateAddresses(true);
        const MediaFetcher::Result allowed =
            fetchAndWait(f, QStringLiteral("r3"), m_http.url(QStringLiteral("/to-inner.png")));
        QVERIFY2(allowed.ok, qPrintable(allowed.detail));
        QCOMPARE(bytesOf(allowed), LocalHttpServer::pngBytes());
        QCOMPARE(m_inner.hits(QStringLiteral("/internal.png")), 1);
    }

    void redirectChainIsBounded()
    {
        // /chain0 → /chain1 → ... → /chain<n>.png (relative locations).
        for (int i = 0; i < 7; ++i) {
            LocalHttpServer::Response hop{301, {}, {}};
            hop.location = QByteArray("/chain") + QByteArray::number(i + 1) + ".png";
            m_http.route(QStringLiteral("/chain%1.png").arg(i), hop);
        }
        m_http.route(QStringLiteral("/chain7.png"),
                     {200, "image/png", LocalHttpServer::pngBytes()});
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(true);
        // Exactly kMaxRedirects hops: followed.
        const int start = 7 - MediaFetcher::kMaxRedirects;
        const MediaFetcher::Result ok = fetchAndWait(
            f, QStringLiteral("c1"), m_http.url(QStringLiteral("/chain%1.png").arg(start)));
        QVERIFY2(ok.ok, qPrintable(ok.detail));
        // One more: refused before the last request.
        const int hits = m_http.hits(QStringLiteral("/chain7.png"));
        const MediaFetcher::Result tooMany = fetchAndWait(
            f, QStringLiteral("c2"), m_http.url(QStringLiteral("/chain%1.png").arg(start - 1)));
        QCOMPARE(tooMany.error, QStringLiteral("media_unreachable"));
        QVERIFY2(tooMany.detail.contains(QLatin1String("redirects")), qPrintable(tooMany.detail));
        QCOMPARE(m_http.hits(QStringLiteral("/chain7.png")), hits);
    }

    void metadataLinkLocalAndApiPortAlwaysRefused()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(true); // whatever the setting
        auto lookups = std::make_shared<QHash<QString, int>>();
        f.setResolverForTests(scripted(
            {{QStringLiteral("meta.example.test"),
              {QHostAddress(QStringLiteral("169.254.169.254"))}},
             {QStringLiteral("loop.example.test"), {QHostAddress(QHostAddress::LocalHost)}}},
            lookups));
        const QStringList refused{
            QStringLiteral("http://169.254.169.254/latest/meta-data/iam.png"),
            QStringLiteral("http://169.254.1.1/x.png"),
            QStringLiteral("http://[fe80::1]/x.png"),
            QStringLiteral("http://[fd00:ec2::254]/x.png"),
            QStringLiteral("http://100.100.100.200/x.png"),
            QStringLiteral("http://[::ffff:169.254.169.254]/x.png"),
            QStringLiteral("http://metadata.google.internal/computeMetadata/v1/x.png"),
            QStringLiteral("http://METADATA.google.internal./x.png"),
            QStringLiteral("http://meta.example.test/x.png"),
        };
        for (const QString &url : refused) {
            const MediaFetcher::Result r = fetchAndWait(f, QStringLiteral("m"), url);
            QCOMPARE(r.error, QStringLiteral("media_unreachable"));
            QVERIFY2(r.detail.contains(QLatin1String("refused")),
                     qPrintable(url + ": " + r.detail));
        }
        QCOMPARE(f.downloadsStarted(), 0); // nothing was ever requested
        QCOMPARE(lookups->value(QStringLiteral("meta.example.test")), 1);

        // The API's own port, on any local address, even with private addresses allowed.
        f.protectLocalPort(m_http.port());
        const int hits = m_http.hits(QStringLiteral("/photo.png"));
        for (const QString &host :
             {QStringLiteral("127.0.0.1"), QStringLiteral("0.0.0.0"),
              QStringLiteral("[::ffff:127.0.0.1]"), QStringLiteral("loop.example.test")}) {
            const MediaFetcher::Result r =
                fetchAndWait(f, QStringLiteral("api") + host,
                             QStringLiteral("http://%1:%2/photo.png").arg(host).arg(m_http.port()));
            QCOMPARE(r.error, QStringLiteral("media_unreachable"));
            QVERIFY2(r.detail.contains(QLatin1String("API port")),
                     qPrintable(host + ": " + r.detail));
        }
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hits);
        QCOMPARE(f.downloadsStarted(), 0);

        QVERIFY(MediaFetcher::isAlwaysRefused(QHostAddress(QStringLiteral("169.254.169.254"))));
        QVERIFY(MediaFetcher::isAlwaysRefused(QHostAddress(QStringLiteral("fe80::1"))));
        QVERIFY(MediaFetcher::isAlwaysRefused(QHostAddress(QStringLiteral("fd00:ec2::254"))));
        QVERIFY(MediaFetcher::isAlwaysRefused(QHostAddress(QStringLiteral("100.100.100.200"))));
        QVERIFY(!MediaFetcher::isAlwaysRefused(QHostAddress(QStringLiteral("127.0.0.1"))));
        QVERIFY(!MediaFetcher::isAlwaysRefused(QHostAddress(QStringLiteral("8.8.8.8"))));
    }

    void namesAreResolvedCheckedAndPinned()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        auto lookups = std::make_shared<QHash<QString, int>>();
        f.setResolverForTests(scripted(
            {{QStringLiteral("private.example.test"), {QHostAddress(QStringLiteral("10.0.0.7"))}},
             {QStringLiteral("mixed.example.test"),
              {QHostAddress(QStringLiteral("93.184.216.34")),
               QHostAddress(QHostAddress::LocalHost)}},
             {QStringLiteral("public.example.test"), {QHostAddress(QHostAddress::LocalHost)}}},
            lookups));
        // A name that resolves to a private address, or to a public and a private one.
        for (const QString &host :
             {QStringLiteral("private.example.test"), QStringLiteral("mixed.example.test")}) {
            const MediaFetcher::Result r = fetchAndWait(
                f, host, QStringLiteral("http://%1:%2/photo.png").arg(host).arg(m_http.port()));
            QCOMPARE(r.error, QStringLiteral("media_unreachable"));
            QVERIFY2(r.detail.contains(QLatin1String("private address")), qPrintable(r.detail));
        }
        QCOMPARE(f.downloadsStarted(), 0);

        // A name whose (checked) address is allowed: the request goes to that very address —
        // the name exists nowhere but in this resolver — with the name as Host header.
        f.treatAsPublicForTests(QHostAddress(QHostAddress::LocalHost), m_http.port());
        const QString url =
            QStringLiteral("http://public.example.test:%1/photo.png").arg(m_http.port());
        const MediaFetcher::Result r = fetchAndWait(f, QStringLiteral("pin"), url);
        QVERIFY2(r.ok, qPrintable(r.detail));
        QCOMPARE(bytesOf(r), LocalHttpServer::pngBytes());
        QCOMPARE(m_http.lastHost(QStringLiteral("/photo.png")),
                 QStringLiteral("public.example.test:%1").arg(m_http.port()).toLatin1());
        QCOMPARE(lookups->value(QStringLiteral("public.example.test")), 1);

        // A relative redirect names the same host again: resolved and checked again.
        LocalHttpServer::Response hop{302, {}, {}};
        hop.location = "/photo.png";
        m_http.route(QStringLiteral("/again.png"), hop);
        const MediaFetcher::Result again = fetchAndWait(
            f, QStringLiteral("pin2"),
            QStringLiteral("http://public.example.test:%1/again.png").arg(m_http.port()));
        QVERIFY2(again.ok, qPrintable(again.detail));
        QCOMPARE(lookups->value(QStringLiteral("public.example.test")), 3);
    }

    void httpsIsPinnedWithTheNameForTls()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        // A test-only self-signed certificate for public.example.test (no IP in it): the
        // fetch connects to the pinned 127.0.0.1 and must still verify the name.
        const QString crtPath = QStringLiteral(WAMATOR_SOURCE_DIR "/tests/core/data/media-tls.crt");
        const QString keyPath = QStringLiteral(WAMATOR_SOURCE_DIR "/tests/core/data/media-tls.key");
        const QSslCertificate cert = QSslCertificate::fromPath(crtPath).value(0);
        QFile keyFile(keyPath);
        QVERIFY(!cert.isNull() && keyFile.open(QIODevice::ReadOnly));
        const QSslKey key(&keyFile, QSsl::Rsa);
        QSslConfiguration trusted = QSslConfiguration::defaultConfiguration();
        const QSslConfiguration before = trusted;
        trusted.addCaCertificate(cert);
        QSslConfiguration::setDefaultConfiguration(trusted);
        auto restore = qScopeGuard([&]() { QSslConfiguration::setDefaultConfiguration(before); });

        QSslServer server;
        QSslConfiguration serverConf = QSslConfiguration::defaultConfiguration();
        serverConf.setLocalCertificate(cert);
        serverConf.setPrivateKey(key);
        serverConf.setPeerVerifyMode(QSslSocket::VerifyNone);
        server.setSslConfiguration(serverConf);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QByteArray request;
        connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&]() {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [&request, socket]() {
                    request += socket->readAll();
                    if (!request.contains("\r\n\r\n"))
                        return;
                    const QByteArray png = LocalHttpServer::pngBytes();
                    socket->write(
                        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: image/png\r\n"
                        "Content-Length: " +
                        QByteArray::number(png.size()) + "\r\n\r\n" + png);
                    socket->disconnectFromHost();
                });
            }
        });

        TempDataDir dir;
        MediaFetcher f(dir.path());
        auto lookups = std::make_shared<QHash<QString, int>>();
        f.setResolverForTests(scripted(
            {{QStringLiteral("public.example.test"), {QHostAddress(QHostAddress::LocalHost)}}},
            lookups));
        f.treatAsPublicForTests(QHostAddress(QHostAddress::LocalHost), server.serverPort());
        const MediaFetcher::Result r = fetchAndWait(
            f, QStringLiteral("tls"),
            QStringLiteral("https://public.example.test:%1/photo.png").arg(server.serverPort()));
        QVERIFY2(r.ok, qPrintable(r.detail));
        QCOMPARE(bytesOf(r), LocalHttpServer::pngBytes());
        // Header names are case-insensitive (Qt 6.8 sends them in lower case).
        QVERIFY2(request.toLower().contains(QStringLiteral("\r\nhost: public.example.test:%1\r\n")
                                      .arg(server.serverPort())
                                      .toLatin1()),
                 request.constData());
    }
};

QTEST_GUILESS_MAIN(TestMediaFetcher)
#include "tst_mediafetcher.moc"
