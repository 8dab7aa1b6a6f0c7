// Issue #16's rich messages end to end on the real `wamator --headless` binary and a sandbox
// number: a location, one and two contact cards, a voice note converted from WAV by a real
// ffmpeg, a document with its given file name, a reply quoting what a customer wrote and a
// reaction to it. Checked where it matters: what the simulator's page received (its outbox,
// through the production adapter) and the messages' statuses.

#include "LocalHttpServer.h"
#include "PipelineHarness.h"
#include "TestSupport.h"

#include <QStandardPaths>
#include <QTest>
#include <QtEndian>

#include <cmath>

using namespace e2e;

namespace {

// One second of a 440 Hz tone, 8 kHz mono 16-bit PCM: a WAV ffmpeg must turn into OGG/Opus.
QByteArray wavTone()
{
    const int rate = 8000;
    QByteArray pcm;
    for (int i = 0; i < rate; ++i) {
        const qint16 v = qint16(8000 * std::sin(2 * M_PI * 440 * i / rate));
        char le[2];
        qToLittleEndian(v, le);
        pcm.append(le, 2);
    }
    QByteArray wav;
    auto u32 = [&wav](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        wav.append(b, 4);
    };
    auto u16 = [&wav](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        wav.append(b, 2);
    };
    wav += "RIFF";
    u32(quint32(36 + pcm.size()));
    wav += "WAVEfmt ";
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(rate);
    u32(rate * 2);
    u16(2);
    u16(16);
    wav += "data";
    u32(quint32(pcm.size()));
    return wav + pcm;
}

} // namespace

class TestRichMessagesE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTypeArrives()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg is not installed (scripts/install-deps)");
        TempDataDir dir;
        LocalHttpServer http;
        QVERIFY(http.listen());
        http.route(QStringLiteral("/tone.wav"), {200, "audio/wav", wavTone()});
        http.route(QStringLiteral("/download"),
                   {200, "application/pdf", QByteArray("%PDF-1.4 fake")});
        LocalHttpServer::Response served{200, "application/pdf", QByteArray("%PDF-1.4 served")};
        served.disposition = "attachment; filename*=UTF-8''Re%C3%A7u%201.pdf; filename=\"x.pdf\"";
        http.route(QStringLiteral("/get"), served);

        App app(dir.file(QStringLiteral("data")));
        app.env().insert(QStringLiteral("WAMATOR_ALLOW_PRIVATE_MEDIA_URLS"), QStringLiteral("1"));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 100, QStringLiteral("08031110001")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        QVERIFY(addContacts(
            api, w,
            QJsonArray{QJsonObject{{"name", "Ada"}, {"phone_number", "08032220001"}},
                       QJsonObject{{"name", "Bola"}, {"phone_number", "08032220002"}}}));
        const QString ada = QStringLiteral("2348032220001");

        auto send = [&](const QJsonObject &extra, QString to = QStringLiteral("08032220001")) {
            QJsonObject body{{"user_id", w.userId}, {"contacts", QJsonArray{to}}};
            for (auto it = extra.begin(); it != extra.end(); ++it)
                body.insert(it.key(), it.value());
            const Reply r = api.post(QStringLiteral("/messages"), body);
            if (r.status != 200)
                qWarning() << r.describe();
            return r.json.value("results")
                .toArray()
                .at(0)
                .toObject()
                .value("message_id")
                .toInteger();
        };
        auto messageOf = [&](qint64 id) {
            return api.get(QStringLiteral("/messages/%1").arg(id)).json.value("message").toObject();
        };
        auto reaches = [&](qint64 id, const QString &status) {
            const bool ok =
                waitFor([&] { return messageOf(id).value("status").toString() == status; }, 60000);
            if (!ok)
                qWarning() << QJsonDocument(messageOf(id)).toJson();
            return ok;
        };

        const qint64 location =
            send({{"type", "location"},
                  {"location", QJsonObject{{"lat", 6.6018},
                                           {"lng", 3.3515},
                                           {"name", "Shop for {{name}}"},
                                           {"address", "1 Allen Ave, Ikeja"}}}});
        const qint64 oneCard = send(
            {{"type", "contact"},
             {"cards", QJsonArray{QJsonObject{{"name", "Help, desk"}, {"phone", "08030000009"}}}}});
        const qint64 twoCards =
            send({{"type", "contact"},
                  {"cards", QJsonArray{QJsonObject{{"name", "Sales"}, {"phone", "08030000008"}},
                                       QJsonObject{{"name", "Support"},
                                                   {"phone", "08030000007"},
                                                   {"email", "s@example.com"}}}}});
        const qint64 voice = send({{"type", "voice"}, {"file_url", http.url("/tone.wav")}});
        const qint64 document =
            send({{"file_url", http.url("/download")}, {"filename", "Invoice 7.pdf"}},
                 QStringLiteral("08032220002"));
        const qint64 servedName =
            send({{"file_url", http.url("/get?id=9")}}, QStringLiteral("08032220002"));
        for (qint64 id : {location, oneCard, twoCards, voice, document, servedName})
            QVERIFY(id > 0);
        for (qint64 id : {location, oneCard, twoCards, voice, document, servedName})
            QVERIFY(reaches(id, QStringLiteral("read"))); // acks as for text
        QCOMPARE(messageOf(voice).value("message_type").toString(), QStringLiteral("voice"));

        // The customer writes; we answer quoting it, and react to it.
        const Reply in =
            api.post(QStringLiteral("/sandbox/%1/%2/incoming").arg(w.userId).arg(w.phone),
                     QJsonObject{{"from", ada}, {"body", "Is it open on Sunday?"}});
        QVERIFY2(in.status == 202, qPrintable(in.describe()));
        const QString inbound = QStringLiteral("/messages/inbound/%1").arg(w.userId);
        QVERIFY(waitFor([&] { return api.get(inbound).json.value("total").toInt() == 1; }, 30000));
        const QJsonObject question =
            api.get(inbound).json.value("messages").toArray().at(0).toObject();
        const qint64 questionId = question.value("id").toInteger();
        const qint64 reply =
            send({{"message", "Yes, {{name}}: 10 to 4."}, {"reply_to", questionId}});
        const qint64 reaction = send(
            {{"type", "reaction"}, {"reaction", QJsonObject{{"to", questionId}, {"emoji", "👍"}}}});
        // A reply to our own location message, sent as a location too.
        const qint64 replyToOurs = send({{"type", "location"},
                                         {"location", QJsonObject{{"lat", 6.5}, {"lng", 3.4}}},
                                         {"reply_to", QJsonObject{{"sent_id", location}}}});
        QVERIFY(reply > 0 && reaction > 0 && replyToOurs > 0);
        QVERIFY(reaches(reply, QStringLiteral("read")));
        QVERIFY(reaches(replyToOurs, QStringLiteral("read")));
        QVERIFY(reaches(reaction, QStringLiteral("sent"))); // WhatsApp acks no reaction further

        const QJsonArray box = outbox(api, w);
        auto received = [&](qint64 id) {
            const QString wa = messageOf(id).value("wa_message_id").toString();
            for (const QJsonValue &v : box)
                if (v.toObject().value("id").toString().endsWith(QLatin1Char('_') + wa))
                    return v.toObject();
            return QJsonObject();
        };
        QJsonObject r = received(location);
        QCOMPARE(r.value("type").toString(), QStringLiteral("location"));
        QCOMPARE(r.value("lat").toDouble(), 6.6018);
        QCOMPARE(r.value("lng").toDouble(), 3.3515);
        QCOMPARE(r.value("loc").toString(), QStringLiteral("Shop for Ada\n1 Allen Ave, Ikeja"));

        r = received(oneCard);
        QCOMPARE(r.value("type").toString(), QStringLiteral("vcard"));
        QCOMPARE(r.value("vcards").toArray().at(0).toObject().value("displayName").toString(),
                 QStringLiteral("Help, desk"));
        QVERIFY(r.value("body").toString().contains(QStringLiteral("FN:Help\\, desk\r\n")));
        QVERIFY(r.value("body").toString().contains(QStringLiteral("waid=2348030000009")));

        r = received(twoCards);
        QCOMPARE(r.value("type").toString(), QStringLiteral("multi_vcard"));
        const QJsonArray cards = r.value("vcards").toArray();
        QCOMPARE(cards.size(), 2);
        QCOMPARE(cards.at(0).toObject().value("displayName").toString(), QStringLiteral("Sales"));
        QVERIFY(cards.at(1).toObject().value("vcard").toString().contains(
            QStringLiteral("EMAIL;TYPE=INTERNET:s@example.com")));

        r = received(voice);
        QCOMPARE(r.value("type").toString(), QStringLiteral("ptt"));
        QVERIFY(r.value("ptt").toBool());
        QVERIFY2(r.value("mimetype").toString().startsWith(QLatin1String("audio/ogg")),
                 qPrintable(r.value("mimetype").toString()));
        QVERIFY(r.value("size").toInteger() > 0);

        r = received(document);
        QCOMPARE(r.value("type").toString(), QStringLiteral("document"));
        QCOMPARE(r.value("filename").toString(), QStringLiteral("Invoice 7.pdf"));

        r = received(servedName); // the server's name, not the URL's "get"
        QCOMPARE(r.value("filename").toString(), QStringLiteral("Reçu 1.pdf"));

        r = received(reply);
        QCOMPARE(r.value("type").toString(), QStringLiteral("chat"));
        QCOMPARE(r.value("body").toString(), QStringLiteral("Yes, Ada: 10 to 4."));
        QCOMPARE(r.value("quotedStanzaID").toString(), question.value("wa_message_id").toString());
        QCOMPARE(r.value("quotedMsg").toObject().value("body").toString(),
                 QStringLiteral("Is it open on Sunday?"));

        r = received(replyToOurs);
        QCOMPARE(r.value("type").toString(), QStringLiteral("location"));
        QCOMPARE(r.value("quotedStanzaID").toString(),
                 messageOf(location).value("wa_message_id").toString());
        QCOMPARE(r.value("quotedMsg").toObject().value("type").toString(),
                 QStringLiteral("location"));

        QJsonObject reactionRecord;
        for (const QJsonValue &v : box)
            if (v.toObject().value("type").toString() == QLatin1String("reaction"))
                reactionRecord = v.toObject();
        QCOMPARE(reactionRecord.value("reaction").toString(), QStringLiteral("👍"));
        QVERIFY2(reactionRecord.value("reactionTo")
                     .toString()
                     .endsWith(QLatin1Char('_') + question.value("wa_message_id").toString()),
                 qPrintable(QJsonDocument(reactionRecord).toJson()));
    }
};

QTEST_GUILESS_MAIN(TestRichMessagesE2e)
#include "tst_richmessages_e2e.moc"
