#include "CoreServices.h"
#include "DomainError.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "WebEngineSession.h"
#include "WebEngineTestSupport.h"
#include "numbers/NumberStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using WebEngineTestSupport::Fixture;

// The page side of inbound messages (#14): the simulated customer writes on a real simulator
// page in a real QWebEnginePage, the production adapter hears it the way whatsapp-web.js does
// and the session re-emits it (messagesReceived); recentMessages, downloadMedia and sendSeen
// through SessionManager. Nothing here is timed: waits are for conditions.
class TestInboundPage : public QObject
{
    Q_OBJECT

    struct Answer
    {
        bool done = false;
        bool ok = false;
        QJsonObject result;
        QString error;
        QString message;
    };

    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_manager;
    Fixture m_f;
    QList<QJsonObject> m_heard; // every page message the session emitted, in order
    int m_batches = 0;

    static Answer wait(const std::function<void(SessionManager::Done)> &start)
    {
        auto a = std::make_shared<Answer>();
        start(
            [a](bool ok, const QJsonObject &result, const QString &error, const QString &message) {
                a->done = true;
                a->ok = ok;
                a->result = result;
                a->error = error;
                a->message = message;
            });
        (void)QTest::qWaitFor([&] { return a->done; }, 120000);
        return *a;
    }

    Session *session() const { return m_manager->session(m_f.number.id); }

    Answer receive(const QJsonObject &spec)
    {
        return wait([&](SessionManager::Done done) {
            m_manager->simulateIncoming(m_f.vendorId, m_f.number.id, spec, std::move(done));
        });
    }

    Answer op(const QString &name, const QJsonObject &args)
    {
        return wait([&](SessionManager::Done done) {
            session()->request(name, args, 60000, std::move(done));
        });
    }

    QVariant eval(const QString &script)
    {
        auto *s = qobject_cast<WebEngineSession *>(session());
        auto value = std::make_shared<std::optional<QVariant>>();
        s->runInPage(script, [value](const QVariant &v) { *value = v; });
        (void)QTest::qWaitFor([&] { return value->has_value(); }, 10000);
        return value->value_or(QVariant());
    }

    // The page message with this WhatsApp id and type, once heard (empty if never).
    QJsonObject heard(const QString &id, const QString &type = QString())
    {
        QJsonObject found;
        (void)QTest::qWaitFor(
            [&] {
                for (const QJsonObject &m : std::as_const(m_heard))
                    if (m.value("id").toString() == id &&
                        (type.isEmpty() || m.value("type").toString() == type)) {
                        found = m;
                        return true;
                    }
                return false;
            },
            30000);
        return found;
    }

    void listen()
    {
        connect(session(), &Session::messagesReceived, this, [this](const QJsonArray &messages) {
            ++m_batches;
            for (const QJsonValue &v : messages)
                m_heard.append(v.toObject());
        });
    }

    // A ready sandbox session on the simulator (with the query options given).
    void bringUp(const QString &query = QString())
    {
        m_manager->setSimulatorQuery(query);
        m_manager->connectNumber(m_f.vendorId, m_f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->snapshot(m_f.vendorId, m_f.number.id).state,
                                  SessionState::QrPending, 30000);
        m_manager->simulateScan(m_f.vendorId, m_f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->snapshot(m_f.vendorId, m_f.number.id).state,
                                  SessionState::Ready, 30000);
        listen();
    }

    static QByteArray randomBytes(int n)
    {
        QByteArray bytes(n, Qt::Uninitialized);
        for (int i = 0; i < n; ++i)
            bytes[i] = char(QRandomGenerator::global()->generate() & 0xff);
        return bytes;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_f = WebEngineTestSupport::makeSandboxNumber(*m_core);
        m_manager = std::make_unique<SessionManager>(*m_core);
        m_heard.clear();
        m_batches = 0;
    }

    void cleanup()
    {
        m_manager.reset();
        m_core.reset();
        m_dir.reset();
    }

    // A customer's text: one page message with the contract's fields, the phone resolved.
    void textIsHeard()
    {
        bringUp();
        const Answer a = receive({{"from", "2348039990001"}, {"body", "Hello, is it in stock?"}});
        QVERIFY2(a.ok, qPrintable(a.error + ": " + a.message));
        const QString id = a.result.value("id").toString();
        QVERIFY(!id.isEmpty());
        const QJsonObject m = heard(id);
        QVERIFY2(!m.isEmpty(), "the adapter never reported the message");
        QCOMPARE(m.value("type").toString(), QStringLiteral("chat"));
        QCOMPARE(m.value("body").toString(), QStringLiteral("Hello, is it in stock?"));
        QCOMPARE(m.value("from").toString(), QStringLiteral("2348039990001@c.us"));
        QCOMPARE(m.value("chat").toString(), QStringLiteral("2348039990001@c.us"));
        QCOMPARE(m.value("phone").toString(), QStringLiteral("2348039990001"));
        QVERIFY(m.value("lid").isNull());
        QCOMPARE(m.value("serialized").toString(),
                 QStringLiteral("false_2348039990001@c.us_") + id);
        QVERIFY(m.value("t").toInteger() > 1700000000);
        QVERIFY(m.value("caption").isNull());
        QVERIFY(m.value("quotedId").isNull());
        QVERIFY(m.value("reaction").isNull());
        QVERIFY(m.value("revokedId").isNull());
        QCOMPARE(m.value("size").toInt(), 0);
        // Exactly once from the page's side: nothing else was announced.
        QTest::qWait(300);
        QCOMPARE(m_heard.size(), 1);
    }

    // Each media type: metadata in the page message, the very bytes through downloadMedia.
    void mediaIsHeardAndDownloaded_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("mimetype");
        QTest::addColumn<QString>("filename");
        QTest::addColumn<QString>("caption");
        QTest::newRow("image") << "image"
                               << "image/jpeg"
                               << ""
                               << "the red one";
        QTest::newRow("video") << "video"
                               << "video/mp4"
                               << ""
                               << "";
        QTest::newRow("audio") << "audio"
                               << "audio/mpeg"
                               << ""
                               << "";
        QTest::newRow("voice note") << "ptt"
                                    << "audio/ogg; codecs=opus"
                                    << ""
                                    << "";
        QTest::newRow("document") << "document"
                                  << "application/pdf"
                                  << "invoice.pdf"
                                  << "my invoice";
        QTest::newRow("sticker") << "sticker"
                                 << "image/webp"
                                 << ""
                                 << "";
    }

    void mediaIsHeardAndDownloaded()
    {
        QFETCH(QString, type);
        QFETCH(QString, mimetype);
        QFETCH(QString, filename);
        QFETCH(QString, caption);
        bringUp();
        const QByteArray bytes = randomBytes(150 * 1024);
        QJsonObject spec{{"from", "2348039990002"},
                         {"type", type},
                         {"data", QString::fromLatin1(bytes.toBase64())},
                         {"mimetype", mimetype}};
        if (!filename.isEmpty())
            spec.insert("filename", filename);
        if (!caption.isEmpty())
            spec.insert("caption", caption);
        const Answer a = receive(spec);
        QVERIFY2(a.ok, qPrintable(a.error + ": " + a.message));
        const QString id = a.result.value("id").toString();
        const QJsonObject m = heard(id);
        QVERIFY(!m.isEmpty());
        QCOMPARE(m.value("type").toString(), type);
        QCOMPARE(m.value("mimetype").toString(), mimetype);
        QCOMPARE(m.value("size").toInt(), bytes.size());
        QVERIFY(m.value("body").isNull());
        if (filename.isEmpty())
            QVERIFY(m.value("filename").isNull());
        else
            QCOMPARE(m.value("filename").toString(), filename);
        if (caption.isEmpty())
            QVERIFY(m.value("caption").isNull());
        else
            QCOMPARE(m.value("caption").toString(), caption);

        const Answer media = wait([&](SessionManager::Done done) {
            m_manager->downloadIncomingMedia(m_f.number.id, id, std::move(done));
        });
        QVERIFY2(media.ok, qPrintable(media.error + ": " + media.message));
        QCOMPARE(media.result.value("mimetype").toString(), mimetype);
        QVERIFY(QByteArray::fromBase64(media.result.value("data").toString().toLatin1()) == bytes);
    }

    // Media WhatsApp no longer has → media_unavailable; an unknown id → not_found; a text
    // message has no media.
    void mediaErrors()
    {
        bringUp();
        const Answer expired = receive({{"from", "2348039990003"},
                                        {"type", "image"},
                                        {"data", QString::fromLatin1(randomBytes(64).toBase64())},
                                        {"mediaExpired", true}});
        QVERIFY2(expired.ok, qPrintable(expired.message));
        const Answer text = receive({{"from", "2348039990003"}, {"body", "just text"}});
        QVERIFY(text.ok);
        auto download = [&](const QString &id) {
            return wait([&](SessionManager::Done done) {
                m_manager->downloadIncomingMedia(m_f.number.id, id, std::move(done));
            });
        };
        QCOMPARE(download(expired.result.value("id").toString()).error,
                 QStringLiteral("media_unavailable"));
        QCOMPARE(download(text.result.value("id").toString()).error,
                 QStringLiteral("media_unavailable"));
        QCOMPARE(download(QStringLiteral("3ANOSUCHMESSAGE")).error, QStringLiteral("not_found"));
    }

    void locationAndContactCards()
    {
        bringUp();
        const Answer loc = receive({{"from", "2348039990004"},
                                    {"type", "location"},
                                    {"location", QJsonObject{{"lat", 6.5244},
                                                             {"lng", 3.3792},
                                                             {"name", "Balogun Market"},
                                                             {"address", "Lagos Island"}}}});
        QVERIFY2(loc.ok, qPrintable(loc.message));
        const QJsonObject l = heard(loc.result.value("id").toString());
        QCOMPARE(l.value("type").toString(), QStringLiteral("location"));
        const QJsonObject where = l.value("location").toObject();
        QCOMPARE(where.value("lat").toDouble(), 6.5244);
        QCOMPARE(where.value("lng").toDouble(), 3.3792);
        QCOMPARE(where.value("name").toString(), QStringLiteral("Balogun Market"));
        QCOMPARE(where.value("address").toString(), QStringLiteral("Lagos Island"));

        const QString card = QStringLiteral("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Obi\n"
                                            "TEL;type=CELL:+2348031112222\nEND:VCARD");
        const Answer vc = receive({{"from", "2348039990004"}, {"type", "vcard"}, {"vcard", card}});
        QVERIFY2(vc.ok, qPrintable(vc.message));
        const QJsonObject v = heard(vc.result.value("id").toString());
        QCOMPARE(v.value("type").toString(), QStringLiteral("vcard"));
        QCOMPARE(v.value("vcards").toArray(), QJsonArray{card});
        QVERIFY(v.value("body").isNull());

        const QString card2 = QStringLiteral("BEGIN:VCARD\nVERSION:3.0\nFN:Bola\nEND:VCARD");
        const Answer many = receive({{"from", "2348039990004"},
                                     {"type", "multi_vcard"},
                                     {"vcards", QJsonArray{card, card2}}});
        QVERIFY2(many.ok, qPrintable(many.message));
        QCOMPARE(heard(many.result.value("id").toString()).value("vcards").toArray(),
                 (QJsonArray{card, card2}));
    }

    // A reply quoting our own sent message names its id; a reaction to it too. Our own message
    // is never reported as incoming.
    void quoteAndReactionOfOurMessage()
    {
        bringUp();
        const Answer sent = op(QStringLiteral("sendText"),
                               {{"to", "2348039990005"}, {"body", "Your order shipped"}});
        QVERIFY2(sent.ok, qPrintable(sent.error));
        const QString ours = sent.result.value("id").toString();
        QVERIFY(!ours.isEmpty());

        const Answer reply =
            receive({{"from", "2348039990005"}, {"body", "Thanks!"}, {"quotedId", ours}});
        QVERIFY2(reply.ok, qPrintable(reply.message));
        QCOMPARE(heard(reply.result.value("id").toString()).value("quotedId").toString(), ours);

        const Answer reaction = receive(
            {{"from", "2348039990005"}, {"type", "reaction"}, {"quotedId", ours}, {"body", "👍"}});
        QVERIFY2(reaction.ok, qPrintable(reaction.message));
        const QJsonObject r = heard(reaction.result.value("id").toString(), "reaction");
        QVERIFY(!r.isEmpty());
        QCOMPARE(r.value("reaction").toObject().value("targetId").toString(), ours);
        QCOMPARE(r.value("reaction").toObject().value("emoji").toString(), QStringLiteral("👍"));
        QCOMPARE(r.value("phone").toString(), QStringLiteral("2348039990005"));

        // The reaction removed: an empty emoji.
        const Answer removed = receive(
            {{"from", "2348039990005"}, {"type", "reaction"}, {"quotedId", ours}, {"body", ""}});
        QVERIFY(removed.ok);
        const QJsonObject gone = heard(removed.result.value("id").toString(), "reaction");
        QCOMPARE(gone.value("reaction").toObject().value("emoji").toString(), QString());

        for (const QJsonObject &m : std::as_const(m_heard))
            QVERIFY2(m.value("id").toString() != ours, "our own message was reported");
    }

    // Listeners written the way whatsapp-web.js writes them (Msg `add` with isNewMsg and
    // serialize(), a wrapper replacing reactionTableMode.bulkUpsert, getQuotedMsgObj) hear
    // the simulated customers unchanged, next to the adapter.
    void wwebjsStyleListenersWork()
    {
        bringUp();
        QVERIFY(eval(QStringLiteral(R"JS(
            (function () {
                const heard = window.__styleTest = {messages: [], reactions: [], quoted: []};
                const Msg = window.require('WAWebCollections').Msg;
                Msg.on('add', (msg) => {
                    if (!msg.isNewMsg || msg.id.fromMe)
                        return;
                    const data = msg.serialize();
                    heard.messages.push({id: data.id.id, body: data.body,
                                         from: data.from._serialized});
                    const quoted = window.require('WAWebQuotedMsgModelUtils').getQuotedMsgObj(msg);
                    if (quoted)
                        heard.quoted.push(quoted.id.id);
                });
                const table = window.require('WAWebAddonReactionTableMode').reactionTableMode;
                const original = table.bulkUpsert;
                table.bulkUpsert = ((...args) => {
                    for (const r of args[0])
                        heard.reactions.push({parent: r.reactionParentKey.id, text: r.reactionText,
                                              sender: (r.author ?? r.from)._serialized});
                    return original.apply(table, args);
                }).bind(table);
                return true;
            })())JS"))
                    .toBool());
        const Answer sent =
            op(QStringLiteral("sendText"), {{"to", "2348039990012"}, {"body", "Invoice attached"}});
        QVERIFY(sent.ok);
        const QString ours = sent.result.value("id").toString();
        const Answer reply =
            receive({{"from", "2348039990012"}, {"body", "got it"}, {"quotedId", ours}});
        const Answer reaction = receive(
            {{"from", "2348039990012"}, {"type", "reaction"}, {"quotedId", ours}, {"body", "🙏"}});
        QVERIFY(reply.ok && reaction.ok);
        // The adapter heard them too: the page's listeners do not take anything from each other.
        QVERIFY(!heard(reply.result.value("id").toString()).isEmpty());
        QVERIFY(!heard(reaction.result.value("id").toString(), "reaction").isEmpty());
        const QJsonObject style =
            QJsonDocument::fromJson(
                eval(QStringLiteral("JSON.stringify(window.__styleTest)")).toString().toUtf8())
                .object();
        const QJsonArray messages = style.value("messages").toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0).toObject().value("id").toString(),
                 reply.result.value("id").toString());
        QCOMPARE(messages.at(0).toObject().value("body").toString(), QStringLiteral("got it"));
        QCOMPARE(messages.at(0).toObject().value("from").toString(),
                 QStringLiteral("2348039990012@c.us"));
        QCOMPARE(style.value("quoted").toArray(), QJsonArray{ours});
        const QJsonArray reactions = style.value("reactions").toArray();
        QCOMPARE(reactions.size(), 1);
        QCOMPARE(reactions.at(0).toObject().value("parent").toString(), ours);
        QCOMPARE(reactions.at(0).toObject().value("text").toString(), QStringLiteral("🙏"));
        QCOMPARE(reactions.at(0).toObject().value("sender").toString(),
                 QStringLiteral("2348039990012@c.us"));
    }

    // The customer deletes a message for everyone: a `revoked` page message naming it.
    void revokeIsHeard()
    {
        bringUp();
        const Answer a = receive({{"from", "2348039990006"}, {"body", "oops wrong chat"}});
        QVERIFY(a.ok);
        const QString id = a.result.value("id").toString();
        QVERIFY(!heard(id, "chat").isEmpty());
        const Answer r =
            receive({{"from", "2348039990006"}, {"type", "revoked"}, {"quotedId", id}});
        QVERIFY2(r.ok, qPrintable(r.message));
        const QJsonObject m = heard(id, "revoked");
        QVERIFY2(!m.isEmpty(), "no revoked page message");
        QCOMPARE(m.value("revokedId").toString(), id);
        QVERIFY(m.value("body").isNull());
        // Someone else's message cannot be revoked by this customer.
        const Answer other =
            receive({{"from", "2348039990007"}, {"type", "revoked"}, {"quotedId", id}});
        QVERIFY(!other.ok);
        QCOMPARE(other.error, QStringLiteral("not_found"));
    }

    // An @lid sender: `from` and `chat` are the lid, `phone` resolved through WAWebApiContact
    // — also when the page learns the mapping only by asking (queryWidExists).
    void lidSenderIsResolved_data()
    {
        QTest::addColumn<bool>("known");
        QTest::newRow("mapping known to the page") << true;
        QTest::newRow("mapping learned by queryWidExists") << false;
    }

    void lidSenderIsResolved()
    {
        QFETCH(bool, known);
        bringUp();
        const Answer a = receive(
            {{"from", "2348039990008"}, {"body", "STOP"}, {"asLid", true}, {"lidUnknown", !known}});
        QVERIFY2(a.ok, qPrintable(a.message));
        const QJsonObject m = heard(a.result.value("id").toString());
        QVERIFY(!m.isEmpty());
        const QString from = m.value("from").toString();
        QVERIFY2(from.endsWith(QLatin1String("@lid")), qPrintable(from));
        QCOMPARE(m.value("lid").toString(), from);
        QCOMPARE(m.value("chat").toString(), from);
        QCOMPARE(m.value("phone").toString(), QStringLiteral("2348039990008"));
        QCOMPARE(a.result.value("chat").toString(), from);

        // The same customer by phone afterwards: the page knows the lid now.
        const Answer b = receive({{"from", "2348039990008"}, {"body", "by phone"}});
        QVERIFY(b.ok);
        const QJsonObject byPhone = heard(b.result.value("id").toString());
        QCOMPARE(byPhone.value("from").toString(), QStringLiteral("2348039990008@c.us"));
        QCOMPARE(byPhone.value("lid").toString(), from);
    }

    // Durable before announced: when the adapter reports a message, the simulator's IndexedDB
    // already holds it (a slow disk, store_delay_ms, would show an announcement that did not
    // wait), so a kill -9 right after cannot lose a message Wamator heard of.
    void storedBeforeAnnounced()
    {
        bringUp(QStringLiteral("store_delay_ms=800"));
        auto *s = qobject_cast<WebEngineSession *>(session());
        auto checked = std::make_shared<QList<Answer>>();
        connect(s, &Session::messagesReceived, this, [s, checked](const QJsonArray &messages) {
            for (const QJsonValue &v : messages)
                s->simulatorRequest(QStringLiteral("stored"),
                                    {{"serialized", v.toObject().value("serialized")}}, 30000,
                                    [checked](bool ok, const QJsonObject &result,
                                              const QString &error, const QString &message) {
                                        checked->append(Answer{true, ok, result, error, message});
                                    });
        });
        const Answer a = receive({{"from", "2348039990010"}, {"body", "durable?"}});
        QVERIFY2(a.ok, qPrintable(a.message));
        QTRY_COMPARE_WITH_TIMEOUT(checked->size(), 1, 30000);
        QVERIFY2(checked->at(0).ok, qPrintable(checked->at(0).error));
        QCOMPARE(checked->at(0).result.value("stored").toBool(), true);
    }

    // What arrived before a restart (or while nobody listened) is read back with
    // recentMessages, oldest first, paged by (since, after); restored messages are history,
    // not announced again.
    void recentMessagesAfterReload()
    {
        bringUp();
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const Answer a = receive({{"from", QStringLiteral("23480399901%1").arg(i)},
                                      {"body", QStringLiteral("message %1").arg(i)}});
            QVERIFY(a.ok);
            ids << a.result.value("id").toString();
        }
        const Answer sent =
            op(QStringLiteral("sendText"), {{"to", "2348039990100"}, {"body", "x"}});
        QVERIFY(sent.ok);
        for (const QString &id : std::as_const(ids))
            QVERIFY(!heard(id).isEmpty());

        m_manager->restartNumber(m_f.vendorId, m_f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->snapshot(m_f.vendorId, m_f.number.id).state,
                                  SessionState::Ready, 60000);
        m_heard.clear();
        listen();

        // Paged two at a time.
        QStringList read;
        qint64 since = 0;
        QString after;
        bool more = true;
        int pages = 0;
        while (more && pages < 10) {
            const Answer page = op(QStringLiteral("recentMessages"),
                                   {{"since", since}, {"after", after}, {"limit", 2}});
            QVERIFY2(page.ok, qPrintable(page.error + ": " + page.message));
            const QJsonArray messages = page.result.value("messages").toArray();
            QVERIFY(messages.size() <= 2);
            for (const QJsonValue &v : messages) {
                const QJsonObject m = v.toObject();
                QCOMPARE(m.value("type").toString(), QStringLiteral("chat"));
                QVERIFY(!m.value("phone").toString().isEmpty());
                read << m.value("id").toString();
                since = m.value("t").toInteger();
                after = m.value("serialized").toString();
            }
            more = page.result.value("more").toBool();
            ++pages;
        }
        QCOMPARE(pages, 3);
        QCOMPARE(read.size(), 5);
        QCOMPARE(QSet<QString>(read.begin(), read.end()), QSet<QString>(ids.begin(), ids.end()));

        // Nothing newer than the last one; everything since the first second.
        const Answer none =
            op(QStringLiteral("recentMessages"), {{"since", since}, {"after", after}});
        QCOMPARE(none.result.value("messages").toArray().size(), 0);
        QCOMPARE(none.result.value("more").toBool(), false);
        const Answer all = op(QStringLiteral("recentMessages"), {{"since", 0}});
        QCOMPARE(all.result.value("messages").toArray().size(), 5);
        QTest::qWait(300);
        QCOMPARE(m_heard.size(), 0); // history is not news
    }

    // The read receipt reaches the simulated phone, for the page message's chat.
    void sendSeenReachesTheSimulator()
    {
        bringUp();
        const Answer a = receive({{"from", "2348039990009"}, {"body", "seen?"}});
        QVERIFY(a.ok);
        const QString chat = heard(a.result.value("id").toString()).value("chat").toString();
        QCOMPARE(eval(QStringLiteral("WamatorSimulator.seen().length")).toInt(), 0);
        const Answer seen = wait([&](SessionManager::Done done) {
            m_manager->sendSeen(m_f.number.id, chat, std::move(done));
        });
        QVERIFY2(seen.ok, qPrintable(seen.error + ": " + seen.message));
        QCOMPARE(eval(QStringLiteral("WamatorSimulator.seen()[0].chat")).toString(), chat);
        // WhatsApp only sends receipts while available, as whatsapp-web.js marks it.
        QCOMPARE(eval(QStringLiteral("WamatorSimulator.seen()[0].available")).toBool(), true);
        const Answer unknown = wait([&](SessionManager::Done done) {
            m_manager->sendSeen(m_f.number.id, QStringLiteral("2348000000001@c.us"),
                                std::move(done));
        });
        QCOMPARE(unknown.error, QStringLiteral("not_found"));
    }

    // The reply box under the selected chat: what an operator types there is the customer's
    // answer, heard like any other (here in the customer's @lid chat, resolved to the phone).
    void replyBoxSendsAsTheCustomer()
    {
        bringUp();
        const Answer first =
            receive({{"from", "2348039990011"}, {"body", "first"}, {"asLid", true}});
        QVERIFY(first.ok);
        QVERIFY(!heard(first.result.value("id").toString()).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            eval(QStringLiteral("!document.getElementById('reply').hidden")).toBool(), 15000);
        eval(QStringLiteral("document.getElementById('reply-text').value = 'typed by hand';"
                            "document.querySelector('#reply button').click(); true"));
        QTRY_COMPARE_WITH_TIMEOUT(m_heard.size(), 2, 15000);
        const QJsonObject typed = m_heard.at(1);
        QCOMPARE(typed.value("body").toString(), QStringLiteral("typed by hand"));
        QCOMPARE(typed.value("phone").toString(), QStringLiteral("2348039990011"));
        QCOMPARE(typed.value("chat").toString(), m_heard.at(0).value("chat").toString());
    }

    // A burst of customers writing reaches C++ in batches, each message exactly once.
    void burstIsBatched()
    {
        bringUp();
        const Answer a = receive(
            {{"from", "2348039991000"}, {"body", "burst"}, {"count", 300}, {"distinct", true}});
        QVERIFY2(a.ok, qPrintable(a.error + ": " + a.message));
        const QJsonArray ids = a.result.value("ids").toArray();
        QCOMPARE(ids.size(), 300);
        QTRY_COMPARE_WITH_TIMEOUT(m_heard.size(), 300, 30000);
        QSet<QString> unique;
        for (const QJsonObject &m : std::as_const(m_heard))
            unique.insert(m.value("id").toString());
        QCOMPARE(unique.size(), 300);
        QVERIFY2(m_batches < 100, qPrintable(QString::number(m_batches)));
    }

    // ?autoreply=echo and ?autoreply_stop=<suffix>: the customers we write to answer.
    void scriptedAnswers()
    {
        bringUp(
            QStringLiteral("autoreply=echo&autoreply_stop=4444&autoreply_lid=1&autoreply_quote=1"));
        const Answer echo =
            op(QStringLiteral("sendText"), {{"to", "2348039991111"}, {"body", "Price list"}});
        const Answer stop =
            op(QStringLiteral("sendText"), {{"to", "2348039994444"}, {"body", "Promo"}});
        QVERIFY(echo.ok && stop.ok);
        QTRY_COMPARE_WITH_TIMEOUT(m_heard.size(), 2, 30000);
        QJsonObject fromEcho;
        QJsonObject fromStop;
        for (const QJsonObject &m : std::as_const(m_heard))
            (m.value("phone").toString() == QLatin1String("2348039991111") ? fromEcho : fromStop) =
                m;
        QCOMPARE(fromEcho.value("body").toString(), QStringLiteral("echo: Price list"));
        QCOMPARE(fromEcho.value("quotedId").toString(), echo.result.value("id").toString());
        QCOMPARE(fromStop.value("body").toString(), QStringLiteral("STOP"));
        QCOMPARE(fromStop.value("phone").toString(), QStringLiteral("2348039994444"));
        QVERIFY(fromStop.value("from").toString().endsWith(QLatin1String("@lid")));
    }

    // A module hearing customers needs that the page lacks fails the session at once, naming
    // it (adapter_outdated).
    void missingModuleIsAdapterOutdated()
    {
        m_manager->setSimulatorQuery(QStringLiteral("missing=WAWebApiContact"));
        m_manager->connectNumber(m_f.vendorId, m_f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->snapshot(m_f.vendorId, m_f.number.id).state,
                                  SessionState::QrPending, 30000);
        m_manager->simulateScan(m_f.vendorId, m_f.number.id);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->snapshot(m_f.vendorId, m_f.number.id).state,
                                  SessionState::Failed, 30000);
        const QString reason = m_manager->snapshot(m_f.vendorId, m_f.number.id).reason;
        QVERIFY2(reason.startsWith(QLatin1String("adapter_outdated")), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("WAWebApiContact")), qPrintable(reason));
    }

    // The C++ API's guards: a real number is not simulated; no page, no session.
    void managerGuards()
    {
        const WhatsAppNumber real = m_core->numbers().add(
            m_f.vendorId, m_f.userId, QStringLiteral("2348031230000"), QString(), false);
        auto code = [](const std::function<void()> &call) {
            try {
                call();
            } catch (const DomainError &e) {
                return e.code();
            }
            return QString();
        };
        const SessionManager::Done ignore = [](bool, const QJsonObject &, const QString &,
                                               const QString &) {};
        const QJsonObject spec{{"from", "2348039990001"}, {"body", "x"}};
        QCOMPARE(code([&] { m_manager->simulateIncoming(m_f.vendorId, real.id, spec, ignore); }),
                 DomainError::notFound(QStringLiteral("x")).code());
        QCOMPARE(
            code([&] { m_manager->simulateIncoming(m_f.vendorId, m_f.number.id, spec, ignore); }),
            QStringLiteral("not_connected"));
        QCOMPARE(code([&] { m_manager->downloadIncomingMedia(m_f.number.id, "X", ignore); }),
                 QStringLiteral("not_connected"));
        QCOMPARE(code([&] { m_manager->sendSeen(m_f.number.id, "1@c.us", ignore); }),
                 QStringLiteral("not_connected"));
        // A foreign vendor's number is not found.
        QCOMPARE(code([&] {
                     m_manager->simulateIncoming(m_f.vendorId + 99, m_f.number.id, spec, ignore);
                 }),
                 DomainError::notFound(QStringLiteral("x")).code());
    }

    // Bad specs get the simulator's clear error, nothing is announced.
    void invalidSpecsAreRefused()
    {
        bringUp();
        QCOMPARE(receive({{"body", "no sender"}}).error, QStringLiteral("invalid_spec"));
        QCOMPARE(receive({{"from", "2348039990001"}}).error, QStringLiteral("invalid_spec"));
        QCOMPARE(receive({{"from", "2348039990001"}, {"type", "image"}}).error,
                 QStringLiteral("invalid_spec"));
        QCOMPARE(receive({{"from", "2348039990001"}, {"type", "poll"}, {"body", "x"}}).error,
                 QStringLiteral("invalid_spec"));
        QTest::qWait(300);
        QCOMPARE(m_heard.size(), 0);
    }
};

WAMATOR_WEBENGINE_TEST_MAIN(TestInboundPage)
#include "tst_inboundpage.moc"
