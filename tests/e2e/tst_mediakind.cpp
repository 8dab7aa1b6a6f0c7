// The media kind is decided once, from the download (MediaTypes), and the page receives that
// decision: checked through the real `wamator --headless` binary, a real HTTP server for the
// files and the simulator's outbox (the type WhatsApp Web's prepRawMedia gave the message).
//
// Before, the kind was decided three times: the URL's extension for message_type, the
// Content-Type for the size limit (then dropped), and the MIME prefix in the WhatsApp sender,
// so an image/tiff (a document for MediaTypes) reached the page as an image, and message_type
// kept the URL's guess whatever the file turned out to be.

#include "LocalHttpServer.h"
#include "PipelineHarness.h"
#include "TestSupport.h"

#include <QTest>

using namespace e2e;

class TestMediaKind : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pageGetsTheKindTheDownloadDecided()
    {
        TempDataDir dir;
        LocalHttpServer http;
        QVERIFY(http.listen());
        static const char kTiff[] = "II*\x00\x08\x00\x00\x00 a TIFF header, then bytes";
        const QByteArray tiff(kTiff, sizeof(kTiff) - 1);
        http.route(QStringLiteral("/scan.tiff"), {200, "image/tiff", tiff});
        // The URL's extension disagrees with the answer: the answer decides.
        http.route(QStringLiteral("/photo.png"), {200, "image/tiff", tiff});
        http.route(QStringLiteral("/chart.pdf"), {200, "image/png", LocalHttpServer::pngBytes()});

        App app(dir.file(QStringLiteral("data")));
        // The media server is on loopback: private media URLs are refused by default.
        app.env().insert(QStringLiteral("WAMATOR_ALLOW_PRIVATE_MEDIA_URLS"), QStringLiteral("1"));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 100, QStringLiteral("08031110001")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QVERIFY(
            addContacts(api, w,
                        QJsonArray{QJsonObject{{"name", "A"}, {"phone_number", "08032220001"}},
                                   QJsonObject{{"name", "B"}, {"phone_number", "08032220002"}},
                                   QJsonObject{{"name", "C"}, {"phone_number", "08032220003"}}}));

        const struct
        {
            const char *path;
            const char *recipient;
            const char *sentAs; // message_type once downloaded, and the page's type
            const char *mimetype;
        } cases[] = {{"/scan.tiff", "08032220001", "document", "image/tiff"},
                     {"/photo.png", "08032220002", "document", "image/tiff"}, // queued as image
                     {"/chart.pdf", "08032220003", "image", "image/png"}};    // queued as document
        auto messageOf = [&](qint64 id) {
            return api.get(QStringLiteral("/messages/%1").arg(id)).json.value("message").toObject();
        };
        QList<qint64> ids;
        for (const auto &c : cases) {
            const QJsonObject body{{"user_id", w.userId},
                                   {"contacts", QJsonArray{QJsonObject{{"number", c.recipient}}}},
                                   {"file_url", http.url(QString::fromLatin1(c.path))},
                                   {"caption", QString::fromLatin1(c.path)}};
            const Reply r = api.post(QStringLiteral("/messages"), body);
            QVERIFY2(r.status == 200, qPrintable(r.describe()));
            const QJsonObject result = r.json.value("results").toArray().at(0).toObject();
            ids << result.value("message_id").toInteger();
        }
        for (qint64 id : ids) {
            auto isRead = [&]() {
                return messageOf(id).value("status").toString() == QLatin1String("read");
            };
            QVERIFY2(waitFor(isRead, 60000), qPrintable(QJsonDocument(messageOf(id)).toJson()));
        }

        const QJsonArray box = outbox(api, w);
        QCOMPARE(box.size(), 3);
        for (int i = 0; i < ids.size(); ++i) {
            const auto &c = cases[i];
            const QJsonObject message = messageOf(ids.at(i));
            QCOMPARE(message.value("message_type").toString(), QString::fromLatin1(c.sentAs));
            QJsonObject received;
            for (const QJsonValue &v : box)
                if (v.toObject().value("caption").toString() == QLatin1String(c.path))
                    received = v.toObject();
            QVERIFY2(!received.isEmpty(), qPrintable(QJsonDocument(box).toJson()));
            QCOMPARE(received.value("type").toString(), QString::fromLatin1(c.sentAs));
            QCOMPARE(received.value("mimetype").toString(), QString::fromLatin1(c.mimetype));
        }
    }
};

QTEST_GUILESS_MAIN(TestMediaKind)
#include "tst_mediakind.moc"
