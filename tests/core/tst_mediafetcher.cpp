// MediaFetcher against a real HTTP server on loopback: one download per batch (memory and disk
// cache), limits per kind (abort early), unreachable / unsupported / private address refusal.

#include "LocalHttpServer.h"
#include "MediaFetcher.h"
#include "TestSupport.h"

#include <QHostAddress>
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

} // namespace

class TestMediaFetcher : public QObject
{
    Q_OBJECT

private:
    LocalHttpServer m_http;

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
        QCOMPARE(r.kind, MediaTypes::Kind::Image);
        QCOMPARE(r.media.bytes, LocalHttpServer::pngBytes());
        QCOMPARE(r.media.mimetype, QStringLiteral("image/png"));
        QCOMPARE(r.media.filename, QStringLiteral("photo.png"));
        QCOMPARE(f.downloadsStarted(), 1);
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hitsBefore + 1);

        // Another batch downloads again (the file may have changed between batches).
        QVERIFY(fetchAndWait(f, QStringLiteral("b2"), url).ok);
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hitsBefore + 2);

        // A new fetcher on the same directory (a restart) finds the file on disk.
        MediaFetcher again(dir.file(QStringLiteral("media")));
        const MediaFetcher::Result fromDisk = fetchAndWait(again, QStringLiteral("b1"), url);
        QVERIFY(fromDisk.ok);
        QCOMPARE(fromDisk.media.bytes, LocalHttpServer::pngBytes());
        QCOMPARE(fromDisk.media.mimetype, QStringLiteral("image/png"));
        QCOMPARE(again.downloadsStarted(), 0);
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hitsBefore + 2);

        // forgetBatch drops it: the next fetch downloads.
        again.forgetBatch(QStringLiteral("b1"), url);
        QVERIFY(fetchAndWait(again, QStringLiteral("b1"), url).ok);
        QCOMPARE(again.downloadsStarted(), 1);
    }

    void typeFromResponseOrName()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        const MediaFetcher::Result pdf = fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/receipt.pdf")));
        QVERIFY(pdf.ok);
        QCOMPARE(pdf.kind, MediaTypes::Kind::Document);
        QCOMPARE(pdf.media.mimetype, QStringLiteral("application/pdf"));
        // No extension: the Content-Type decides.
        const MediaFetcher::Result noext = fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/noext")));
        QVERIFY(noext.ok);
        QCOMPARE(noext.kind, MediaTypes::Kind::Image);
        // A generic Content-Type: the name decides.
        const MediaFetcher::Result generic = fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/generic.pdf")));
        QVERIFY(generic.ok);
        QCOMPARE(generic.kind, MediaTypes::Kind::Document);
    }

    void failuresHaveClearReasons()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/missing.png"))).error,
                 QStringLiteral("media_unreachable"));
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/page.html"))).error,
                 QStringLiteral("media_unsupported"));
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"), QStringLiteral("ftp://127.0.0.1/x.png")).error,
                 QStringLiteral("media_unreachable"));
        // A closed port.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"), QStringLiteral("http://127.0.0.1:%1/x.png").arg(port)).error,
                 QStringLiteral("media_unreachable"));
    }

    void tooLargeAbortsEarly()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        // Announced: refused from the headers.
        const MediaFetcher::Result announced = fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/big.jpg")));
        QCOMPARE(announced.error, QStringLiteral("media_too_large"));
        QVERIFY(announced.media.bytes.isEmpty());
        // Not announced: aborted once past 16 MB, long before the 40 MB the server would send.
        const MediaFetcher::Result streamed = fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/stream.jpg")));
        QCOMPARE(streamed.error, QStringLiteral("media_too_large"));
        QVERIFY2(m_http.bytesSent(QStringLiteral("/stream.jpg")) < 36LL * 1024 * 1024,
                 qPrintable(QString::number(m_http.bytesSent(QStringLiteral("/stream.jpg")))));
        // 17 MB is fine for a document (limit 100 MB).
        const MediaFetcher::Result doc = fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/large.pdf")));
        QVERIFY2(doc.ok, qPrintable(doc.error + doc.detail));
        QCOMPARE(doc.media.bytes.size(), 17LL * 1024 * 1024);
        // Failures are cached for the batch too: no second download of a file known too big.
        const int hits = m_http.hits(QStringLiteral("/big.jpg"));
        QCOMPARE(fetchAndWait(f, QStringLiteral("b"), m_http.url(QStringLiteral("/big.jpg"))).error,
                 QStringLiteral("media_too_large"));
        QCOMPARE(m_http.hits(QStringLiteral("/big.jpg")), hits);
    }

    void privateAddressesCanBeRefused()
    {
        TempDataDir dir;
        MediaFetcher f(dir.path());
        f.setAllowPrivateAddresses(false);
        const int hits = m_http.hits(QStringLiteral("/photo.png"));
        const MediaFetcher::Result r = fetchAndWait(f, QStringLiteral("p"), m_http.url(QStringLiteral("/photo.png")));
        QCOMPARE(r.error, QStringLiteral("media_unreachable"));
        QCOMPARE(m_http.hits(QStringLiteral("/photo.png")), hits);
        QCOMPARE(f.downloadsStarted(), 0);
        // By name too (resolved before connecting).
        const MediaFetcher::Result byName = fetchAndWait(
            f, QStringLiteral("p"), QStringLiteral("http://localhost:%1/photo.png").arg(m_http.port()));
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
};

QTEST_GUILESS_MAIN(TestMediaFetcher)
#include "tst_mediafetcher.moc"
