// Issue #14 end to end on the real `wamator --headless` binary: a batch goes out on a sandbox
// number, customers reply through the sandbox route (a text, an image, a quote of our message,
// STOP from an @lid sender), and the API and the WebSocket show exactly that: four inbound
// messages, the quote tied to our message, the image's bytes, the opt-out with its effect on
// the next send, one timeline per customer.

#include "LocalHttpServer.h"
#include "PipelineHarness.h"
#include "TestSupport.h"

#include <QSet>
#include <QtTest>

using namespace e2e;

class TestInboundE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repliesToABatch()
    {
        TempDataDir dir;
        LocalHttpServer files;
        QVERIFY(files.listen());
        const QByteArray png = LocalHttpServer::pngBytes();
        files.route(QStringLiteral("/receipt.png"), {200, "image/png", png});

        App app(dir.file(QStringLiteral("data")));
        app.env().insert(QStringLiteral("WAMATOR_ALLOW_PRIVATE_MEDIA_URLS"), QStringLiteral("1"));
        QVERIFY2(app.start(), qPrintable(app.log()));
        Api api(app.port());
        World w;
        QVERIFY(setUp(api, w, 100, QStringLiteral("08031110001")));
        QVERIFY2(connectAndScan(api, w), qPrintable(app.log()));
        Events events;
        QVERIFY(events.open(app.port(), w.apiKey));

        const QStringList phones{"2348032220001", "2348032220002", "2348032220003",
                                 "2348032220004"};
        QJsonArray contacts;
        for (int i = 0; i < phones.size(); ++i)
            contacts.append(QJsonObject{{"name", QStringLiteral("Customer %1").arg(i + 1)},
                                        {"phone_number", phones.at(i)}});
        QVERIFY(addContacts(api, w, contacts));
        QHash<QString, qint64> contactIds;
        for (const QJsonValue &c : api.get(QStringLiteral("/contacts/%1/list").arg(w.userId))
                                       .json.value("contacts")
                                       .toArray())
            contactIds.insert(c.toObject().value("phone_number").toString(),
                              c.toObject().value("id").toInteger());
        QCOMPARE(contactIds.size(), 4);

        // The batch.
        QJsonArray recipients;
        for (const QString &p : phones)
            recipients.append(QJsonObject{{"number", p}});
        Reply r = api.post(QStringLiteral("/messages"),
                           QJsonObject{{"user_id", w.userId},
                                       {"contacts", recipients},
                                       {"message", "Hello {{name}}, your order is ready"}});
        QVERIFY2(r.status == 200, qPrintable(r.describe()));
        QHash<QString, qint64> ours; // phone → our message id
        for (const QJsonValue &v : r.json.value("results").toArray())
            ours.insert(v.toObject().value("number").toString(),
                        v.toObject().value("message_id").toInteger());
        auto messageOf = [&](qint64 id) {
            return api.get(QStringLiteral("/messages/%1").arg(id)).json.value("message").toObject();
        };
        for (qint64 id : std::as_const(ours)) {
            auto delivered = [&] {
                const QString s = messageOf(id).value("status").toString();
                return s == QLatin1String("delivered") || s == QLatin1String("read");
            };
            QVERIFY2(waitFor(delivered, 60000), qPrintable(QJsonDocument(messageOf(id)).toJson()));
        }

        // The customers answer.
        const QString incoming =
            QStringLiteral("/sandbox/%1/%2/incoming").arg(w.userId).arg(w.phone);
        r = api.post(incoming, QJsonObject{{"from", phones.at(0)}, {"body", "Thanks!"}});
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
        r = api.post(incoming, QJsonObject{{"from", phones.at(1)},
                                           {"type", "image"},
                                           {"file_url", files.url("/receipt.png")},
                                           {"body", "my receipt"}});
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
        r = api.post(incoming, QJsonObject{{"from", phones.at(2)},
                                           {"body", "Which one?"},
                                           {"quoted_message_id", ours.value(phones.at(2))}});
        QVERIFY2(r.status == 202, qPrintable(r.describe()));
        r = api.post(incoming,
                     QJsonObject{{"from", phones.at(3)}, {"body", "STOP"}, {"as_lid", true}});
        QVERIFY2(r.status == 202, qPrintable(r.describe()));

        const QString list = QStringLiteral("/messages/inbound/%1").arg(w.userId);
        QVERIFY2(waitFor([&] { return api.get(list).json.value("total").toInt() == 4; }, 30000),
                 qPrintable(api.get(list).describe()));
        QHash<QString, QJsonObject> bySender;
        for (const QJsonValue &v : api.get(list).json.value("messages").toArray())
            bySender.insert(v.toObject().value("from").toString(), v.toObject());
        QCOMPARE(bySender.size(), 4);
        for (const QString &p : phones) {
            QCOMPARE(bySender.value(p).value("contact_id").toInteger(), contactIds.value(p));
            QCOMPARE(bySender.value(p).value("number_id").toInteger(), w.numberId);
        }
        const QJsonObject text = bySender.value(phones.at(0));
        QCOMPARE(text.value("type").toString(), QStringLiteral("text"));
        QCOMPARE(text.value("body").toString(), QStringLiteral("Thanks!"));
        const QJsonObject image = bySender.value(phones.at(1));
        QCOMPARE(image.value("type").toString(), QStringLiteral("image"));
        QCOMPARE(image.value("caption").toString(), QStringLiteral("my receipt"));
        const Reply media = api.get(
            QStringLiteral("/messages/inbound/%1/media").arg(image.value("id").toInteger()));
        QVERIFY2(media.status == 200, qPrintable(media.describe()));
        QCOMPARE(media.body, png);
        const QJsonObject quote = bySender.value(phones.at(2));
        QCOMPARE(quote.value("quoted_message_id").toInteger(), ours.value(phones.at(2)));
        QCOMPARE(quote.value("quoted_wa_message_id").toString(),
                 messageOf(ours.value(phones.at(2))).value("wa_message_id").toString());
        const QJsonObject stop = bySender.value(phones.at(3));
        QCOMPARE(stop.value("body").toString(), QStringLiteral("STOP"));
        QVERIFY2(stop.value("from_lid").toString().endsWith(QLatin1String("@lid")),
                 QJsonDocument(stop).toJson().constData());

        // The WebSocket said exactly that.
        auto framesOf = [&](const QString &event) {
            QList<QJsonObject> out;
            for (const QJsonObject &f : events.frames())
                if (f.value("event").toString() == event)
                    out << f;
            return out;
        };
        QVERIFY(waitFor(
            [&] {
                return framesOf("message_received").size() >= 4 &&
                       framesOf("contact_opted_out").size() >= 1;
            },
            15000));
        QSet<qint64> announced;
        for (const QJsonObject &f : framesOf("message_received"))
            announced.insert(f.value("id").toInteger());
        QCOMPARE(announced,
                 (QSet<qint64>{text.value("id").toInteger(), image.value("id").toInteger(),
                               quote.value("id").toInteger(), stop.value("id").toInteger()}));
        QCOMPARE(framesOf("message_received").size(), 4);
        QCOMPARE(framesOf("contact_opted_out").size(), 1);
        const QJsonObject optedOut = framesOf("contact_opted_out").at(0);
        QCOMPARE(optedOut.value("contact_id").toInteger(), contactIds.value(phones.at(3)));
        QCOMPARE(optedOut.value("source").toString(), QStringLiteral("keyword"));

        // The opt-out holds: the contact says so, its history too, and the next send is refused.
        const Reply history = api.get(QStringLiteral("/contacts/%1/%2/opt-outs")
                                          .arg(w.userId)
                                          .arg(contactIds.value(phones.at(3))));
        QCOMPARE(history.json.value("history").toArray().size(), 1);
        QCOMPARE(history.json.value("history")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("received_message_id")
                     .toInteger(),
                 stop.value("id").toInteger());
        r = api.post(QStringLiteral("/messages"),
                     QJsonObject{{"user_id", w.userId},
                                 {"contacts", QJsonArray{QJsonObject{{"number", phones.at(3)}},
                                                         QJsonObject{{"number", phones.at(0)}}}},
                                 {"message", "One more thing"}});
        QVERIFY2(r.status == 207, qPrintable(r.describe()));
        const QJsonArray results = r.json.value("results").toArray();
        QCOMPARE(results.at(0).toObject().value("reason").toString(), QStringLiteral("opted_out"));
        QCOMPARE(results.at(1).toObject().value("status").toString(), QStringLiteral("queued"));

        // One timeline: our message and the customer's quote of it, with our status. WhatsApp
        // times a customer's message in whole seconds (msg.t) and ours are timed in
        // milliseconds, so within one second the two may come in either order: only "not
        // before our message's second" is checked (the ISO times are whole seconds).
        const Reply conv =
            api.get(QStringLiteral("/conversations/%1/%2").arg(w.userId).arg(phones.at(2)));
        QVERIFY2(conv.status == 200, qPrintable(conv.describe()));
        const QJsonArray timeline = conv.json.value("messages").toArray();
        QCOMPARE(timeline.size(), 2);
        QJsonObject outEntry, inEntry;
        for (const QJsonValue &v : timeline)
            (v.toObject().value("direction").toString() == QLatin1String("out") ? outEntry
                                                                                : inEntry) =
                v.toObject();
        QCOMPARE(outEntry.value("id").toInteger(), ours.value(phones.at(2)));
        QVERIFY(QStringList({"delivered", "read"}).contains(outEntry.value("status").toString()));
        QCOMPARE(inEntry.value("direction").toString(), QStringLiteral("in"));
        QCOMPARE(inEntry.value("id").toInteger(), quote.value("id").toInteger());
        QCOMPARE(inEntry.value("quoted_message_id").toInteger(), ours.value(phones.at(2)));
        QVERIFY2(inEntry.value("at").toString() >= outEntry.value("at").toString(),
                 qPrintable(QJsonDocument(timeline).toJson()));
        app.stop();
    }
};

QTEST_GUILESS_MAIN(TestInboundE2e)
#include "tst_inbound_e2e.moc"
