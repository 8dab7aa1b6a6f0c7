#include "messaging/MediaTypes.h"

#include <QtTest>

using Kind = MediaTypes::Kind;
Q_DECLARE_METATYPE(MediaTypes::Kind)

class TestMediaTypes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detect_data();
    void detect();
    void mimeTypeAliases();
    void fileNames();
    void limits();
    void names();
    void beforeDownloadAndInline();
};

void TestMediaTypes::detect_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("mime");

    QTest::newRow("jpg by extension") << "https://example.com/a/photo.jpg"
                                      << "" << Kind::Image << "image/jpeg";
    QTest::newRow("JPEG upper-case extension") << "https://example.com/PHOTO.JPEG"
                                               << "" << Kind::Image << "image/jpeg";
    QTest::newRow("png with query") << "https://example.com/p.png?x=1#f"
                                    << "" << Kind::Image << "image/png";
    QTest::newRow("webp") << "http://127.0.0.1:8080/s.webp"
                          << "" << Kind::Image << "image/webp";
    QTest::newRow("mp4") << "https://example.com/v.mp4"
                         << "" << Kind::Video << "video/mp4";
    QTest::newRow("3gp") << "https://example.com/v.3gp"
                         << "" << Kind::Video << "video/3gpp";
    QTest::newRow("mp3") << "https://example.com/a.mp3"
                         << "" << Kind::Audio << "audio/mpeg";
    QTest::newRow("ogg") << "https://example.com/voice.ogg"
                         << "" << Kind::Audio << "audio/ogg";
    QTest::newRow("aac") << "https://example.com/a.aac"
                         << "" << Kind::Audio << "audio/aac";
    QTest::newRow("pdf") << "https://example.com/receipt.pdf"
                         << "" << Kind::Document << "application/pdf";
    QTest::newRow("docx")
        << "https://example.com/r.docx"
        << "" << Kind::Document
        << "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    QTest::newRow("xlsx") << "https://example.com/r.xlsx"
                          << "" << Kind::Document
                          << "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    // Textual answers are never media (an API's JSON, an error page's text: SSRF).
    QTest::newRow("csv is textual") << "https://example.com/r.csv"
                                    << "" << Kind::Unsupported << "text/csv";
    QTest::newRow("text/plain answer") << "https://example.com/x.pdf"
                                       << "text/plain" << Kind::Unsupported << "text/plain";
    QTest::newRow("json answer") << "https://example.com/x.png"
                                 << "application/json; charset=utf-8" << Kind::Unsupported
                                 << "application/json";
    QTest::newRow("problem+json answer")
        << "https://example.com/x.png"
        << "application/problem+json" << Kind::Unsupported << "application/problem+json";
    QTest::newRow("svg is markup") << "https://example.com/x.svg"
                                   << "" << Kind::Unsupported << "image/svg+xml";
    QTest::newRow("zip") << "https://example.com/r.zip"
                         << "" << Kind::Document << "application/zip";
    QTest::newRow("tiff travels as document") << "https://example.com/scan.tiff"
                                              << "" << Kind::Document << "image/tiff";
    QTest::newRow("mkv travels as document") << "https://example.com/film.mkv"
                                             << "" << Kind::Document << "video/x-matroska";

    QTest::newRow("content type wins") << "https://example.com/download.php"
                                       << "image/png" << Kind::Image << "image/png";
    QTest::newRow("content type with params")
        << "https://example.com/x"
        << "application/pdf; charset=binary" << Kind::Document << "application/pdf";
    QTest::newRow("content type upper case") << "https://example.com/x"
                                             << "VIDEO/MP4" << Kind::Video << "video/mp4";
    QTest::newRow("content type over extension") << "https://example.com/x.pdf"
                                                 << "image/jpeg" << Kind::Image << "image/jpeg";
    QTest::newRow("octet-stream defers to extension")
        << "https://example.com/x.pdf"
        << "application/octet-stream" << Kind::Document << "application/pdf";
    QTest::newRow("image/jpg alias") << "https://example.com/x"
                                     << "image/jpg" << Kind::Image << "image/jpeg";
    QTest::newRow("audio/mp3 alias") << "https://example.com/x"
                                     << "audio/mp3" << Kind::Audio << "audio/mpeg";

    QTest::newRow("html error page")
        << "https://example.com/receipt.pdf"
        << "text/html; charset=utf-8" << Kind::Unsupported << "text/html";
    QTest::newRow("html by extension") << "https://example.com/index.html"
                                       << "" << Kind::Unsupported << "text/html";
    QTest::newRow("executable") << "https://example.com/setup.exe"
                                << "" << Kind::Unsupported
                                << "application/x-ms-dos-executable|application/x-msdownload";
    QTest::newRow("shell script") << "https://example.com/run.sh"
                                  << "" << Kind::Unsupported << "application/x-shellscript";
    QTest::newRow("no extension, no type") << "https://example.com/file"
                                           << "" << Kind::Unsupported << "";
    QTest::newRow("octet-stream, no extension")
        << "https://example.com/blob"
        << "application/octet-stream" << Kind::Unsupported << "";
    QTest::newRow("unknown extension") << "https://example.com/a.qqqzzz"
                                       << "" << Kind::Unsupported << "";
    QTest::newRow("empty url") << ""
                               << "" << Kind::Unsupported << "";
}

void TestMediaTypes::detect()
{
    QFETCH(QString, url);
    QFETCH(QString, contentType);
    QFETCH(Kind, kind);
    QFETCH(QString, mime);
    const MediaTypes::Detected d = MediaTypes::detect(QUrl(url), contentType);
    // "a|b": the system's MIME database names some types differently (Debian 12 and 13 do for
    // Windows executables); either name is right.
    QVERIFY2(mime.split(QLatin1Char('|')).contains(d.mimeType), qPrintable(d.mimeType));
    QCOMPARE(int(d.kind), int(kind));
}

void TestMediaTypes::mimeTypeAliases()
{
    QCOMPARE(int(MediaTypes::kindForMimeType(QStringLiteral("image/jpeg"))), int(Kind::Image));
    QCOMPARE(int(MediaTypes::kindForMimeType(QStringLiteral("text/html"))), int(Kind::Unsupported));
    QCOMPARE(int(MediaTypes::kindForMimeType(QStringLiteral("not a type"))),
             int(Kind::Unsupported));
    QCOMPARE(int(MediaTypes::kindForUrl(QUrl(QStringLiteral("https://x/y.ogg")))),
             int(Kind::Audio));
    // Voice notes: the MIME database names them audio/ogg or audio/x-opus+ogg by version.
    QCOMPARE(int(MediaTypes::kindForUrl(QUrl(QStringLiteral("https://x/voice.opus")))),
             int(Kind::Audio));
}

void TestMediaTypes::fileNames()
{
    QCOMPARE(
        MediaTypes::detect(QUrl(QStringLiteral("https://example.com/a/receipt.pdf?t=1"))).fileName,
        QStringLiteral("receipt.pdf"));
    QCOMPARE(MediaTypes::detect(QUrl(QStringLiteral("https://example.com/")),
                                QStringLiteral("image/png"))
                 .fileName,
             QStringLiteral("file.png"));
    QCOMPARE(MediaTypes::detect(QUrl(QStringLiteral("https://example.com/"))).fileName,
             QStringLiteral("file"));
}

void TestMediaTypes::limits()
{
    const qint64 mb = 1024 * 1024;
    QCOMPARE(MediaTypes::maxBytes(Kind::Image), 16 * mb);
    QCOMPARE(MediaTypes::maxBytes(Kind::Video), 16 * mb);
    QCOMPARE(MediaTypes::maxBytes(Kind::Audio), 16 * mb);
    QCOMPARE(MediaTypes::maxBytes(Kind::Document), 100 * mb);
    QCOMPARE(MediaTypes::maxBytes(Kind::Unsupported), qint64(0));
    QVERIFY(MediaTypes::withinLimit(Kind::Image, 16 * mb));
    QVERIFY(!MediaTypes::withinLimit(Kind::Image, 16 * mb + 1));
    QVERIFY(MediaTypes::withinLimit(Kind::Document, 100 * mb));
    QVERIFY(!MediaTypes::withinLimit(Kind::Document, 100 * mb + 1));
    QVERIFY(!MediaTypes::withinLimit(Kind::Unsupported, 1));
    QVERIFY(!MediaTypes::withinLimit(Kind::Image, -1));
}

void TestMediaTypes::names()
{
    for (const Kind k : {Kind::Image, Kind::Video, Kind::Audio, Kind::Document}) {
        const QString n = MediaTypes::typeName(k);
        QVERIFY(!n.isEmpty());
        QCOMPARE(int(MediaTypes::kindFromName(n).value_or(Kind::Unsupported)), int(k));
    }
    QCOMPARE(MediaTypes::typeName(Kind::Unsupported), QString());
    QVERIFY(!MediaTypes::kindFromName(QStringLiteral("text")).has_value());
    QVERIFY(!MediaTypes::kindFromName(QString()).has_value());
}

void TestMediaTypes::beforeDownloadAndInline()
{
    // MessageComposer's provisional message_type: the URL's kind, a document when the URL
    // says nothing sendable; the download decides later.
    auto before = [](const char *url) {
        return int(MediaTypes::kindBeforeDownload(QUrl(QString::fromLatin1(url))));
    };
    QCOMPARE(before("https://example.com/a.jpg"), int(Kind::Image));
    QCOMPARE(before("https://example.com/a.mp4"), int(Kind::Video));
    QCOMPARE(before("https://example.com/a.ogg"), int(Kind::Audio));
    QCOMPARE(before("https://example.com/scan.tiff"), int(Kind::Document));
    QCOMPARE(before("https://example.com/download?id=5"), int(Kind::Document));
    QCOMPARE(before("https://example.com/page.php"), int(Kind::Document));
    // What the page shows inline; anything else goes as a document.
    QVERIFY(MediaTypes::sendsInline(Kind::Image));
    QVERIFY(MediaTypes::sendsInline(Kind::Video));
    QVERIFY(MediaTypes::sendsInline(Kind::Audio));
    QVERIFY(!MediaTypes::sendsInline(Kind::Document));
    QVERIFY(!MediaTypes::sendsInline(Kind::Unsupported));
    QVERIFY(
        !MediaTypes::sendsInline(MediaTypes::detect(QUrl(), QStringLiteral("image/tiff")).kind));
}

QTEST_GUILESS_MAIN(TestMediaTypes)
#include "tst_mediatypes.moc"
