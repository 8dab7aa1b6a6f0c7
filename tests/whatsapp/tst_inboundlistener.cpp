// InboundListener against a fake Session (the interface only: no browser): the page format →
// InboundMessage (types mapped as the inbound contract says), live messages recorded through
// the core's recorder, and the catch-up on `ready` — `recentMessages` from the last recorded
// message minus two minutes, paged by (t, serialized), recorded through the same path so the
// overlap stores nothing twice.

#include "CoreServices.h"
#include "InboundListener.h"
#include "Session.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "numbers/NumberStore.h"
#include "storage/Database.h"

#include "security/MemorySecretStore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <cstdio>

namespace {

class FakeSession : public Session
{
public:
    FakeSession(qint64 vendorId, qint64 numberId) : m_vendorId(vendorId), m_numberId(numberId) {}

    struct Request
    {
        QString op;
        QJsonObject args;
        Reply done;
    };

    qint64 numberId() const override { return m_numberId; }
    qint64 vendorId() const override { return m_vendorId; }
    QString sessionId() const override { return QStringLiteral("1-1-2348030000001"); }
    bool isSandbox() const override { return true; }
    QString state() const override { return m_state; }
    QString reason() const override { return {}; }
    QString qr() const override { return {}; }
    QWebEnginePage *page() const override { return nullptr; }
    void request(const QString &op, const QJsonObject &args, int, Reply done) override
    {
        requests.append({op, args, std::move(done)});
    }
    QUrl offerMedia(const QString &, const QString &) override { return {}; }
    void withdrawMedia(const QUrl &) override {}

    void setState(const QString &state)
    {
        m_state = state;
        Q_EMIT stateChanged(state, QString());
    }
    void answer(bool ok, const QJsonObject &result = {}, const QString &error = {})
    {
        const Request r = requests.takeFirst();
        r.done(ok, result, error, QString());
    }
    void receive(const QJsonArray &messages) { Q_EMIT messagesReceived(messages); }

    QList<Request> requests;

private:
    qint64 m_vendorId;
    qint64 m_numberId;
    QString m_state = SessionState::Disconnected;
};

// A page message as the adapter reports it (contract section 1).
QJsonObject pageMessage(const QString &id, qint64 t, const QString &body = QStringLiteral("hi"),
                        const QString &phone = QStringLiteral("2348031234567"))
{
    return QJsonObject{{"id", id},
                       {"serialized", QStringLiteral("false_%1@c.us_%2").arg(phone, id)},
                       {"chat", QString(phone + QStringLiteral("@c.us"))},
                       {"from", QString(phone + QStringLiteral("@c.us"))},
                       {"phone", phone},
                       {"lid", QJsonValue::Null},
                       {"type", "chat"},
                       {"body", body},
                       {"caption", QJsonValue::Null},
                       {"mimetype", QJsonValue::Null},
                       {"filename", QJsonValue::Null},
                       {"size", 0},
                       {"quotedId", QJsonValue::Null},
                       {"t", t},
                       {"location", QJsonValue::Null},
                       {"vcards", QJsonValue::Null},
                       {"reaction", QJsonValue::Null},
                       {"revokedId", QJsonValue::Null}};
}

// The crash test's customers: kCrashMessages replies, 100 per second of WhatsApp time.
constexpr int kCrashMessages = 5000;
constexpr qint64 kCrashT0 = 1765000000;
QJsonObject crashMessage(int i)
{
    return pageMessage(QStringLiteral("K%1").arg(i, 5, 10, QLatin1Char('0')), kCrashT0 + i / 100,
                       QStringLiteral("reply %1").arg(i),
                       QStringLiteral("23480310%1").arg(i % 50, 5, 10, QLatin1Char('0')));
}

// What the page's `recentMessages` answers (contract section 2) over the given messages:
// t > since, or t == since and serialized > after; ascending by (t, serialized); `limit`.
QJsonObject recentMessages(const QList<QJsonObject> &all, const QJsonObject &args)
{
    const qint64 since = args.value("since").toInteger();
    const QString after = args.value("after").toString();
    const int limit = args.value("limit").toInt();
    QJsonArray page;
    bool more = false;
    for (const QJsonObject &m : all) {
        const qint64 t = m.value("t").toInteger();
        if (t < since || (t == since && m.value("serialized").toString() <= after))
            continue;
        if (page.size() == limit) {
            more = true;
            break;
        }
        page.append(m);
    }
    return QJsonObject{{"messages", page}, {"more", more}};
}

// The process the crash test kills: the app's path from a ready session on (listener,
// recorder, store) while customers write; prints how many it has handed over.
int crashChildMain()
{
    CoreServices::Options options;
    options.dataDir = qEnvironmentVariable("INBOUND_CHILD_DIR");
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    core.open();
    FakeSession session(qEnvironmentVariableIntValue("INBOUND_CHILD_VENDOR"),
                        qEnvironmentVariableIntValue("INBOUND_CHILD_NUMBER"));
    InboundListener listener(core);
    listener.attach(&session);
    session.setState(SessionState::Ready);
    while (!session.requests.isEmpty()) // the first catch-up: nothing yet
        session.answer(true, QJsonObject{{"messages", QJsonArray()}, {"more", false}});
    int next = 0;
    QTimer feeder;
    feeder.setInterval(2);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        QJsonArray batch;
        for (int k = 0; k < 10 && next < kCrashMessages; ++k, ++next) {
            batch.append(crashMessage(next));
            if (next % 10 == 0)
                batch.append(crashMessage(next)); // WhatsApp re-emits it
        }
        session.receive(batch);
        std::printf("emitted %d\n", next);
        std::fflush(stdout);
        if (next >= kCrashMessages)
            feeder.stop(); // and wait for the kill
    });
    feeder.start();
    return QCoreApplication::exec();
}

} // namespace

class TestInboundListener : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    qint64 m_vendor = 0;
    qint64 m_user = 0;
    WhatsAppNumber m_number;

    int rows()
    {
        QSqlQuery q(m_core->database().connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM received_messages"));
        return q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_vendor = m_core->accounts()
                       .registerVendor(QStringLiteral("A"), QStringLiteral("a@example.com"),
                                       QStringLiteral("password1"), QStringLiteral("A"),
                                       QStringLiteral("08031234567"))
                       .vendor.id;
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = QStringLiteral("u@example.com");
        m_user = m_core->users().create(m_vendor, u).id;
        m_number = m_core->numbers().add(m_vendor, m_user, QStringLiteral("2348030000001"),
                                         QString(), true);
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void typesAreMapped_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<QString>("stored");
        QTest::newRow("chat") << "chat"
                              << "text";
        QTest::newRow("ptt") << "ptt"
                             << "voice";
        QTest::newRow("vcard") << "vcard"
                               << "contact";
        QTest::newRow("multi_vcard") << "multi_vcard"
                                     << "contact";
        for (const char *same :
             {"image", "video", "audio", "document", "sticker", "location", "reaction", "revoked"})
            QTest::newRow(same) << same << same;
    }
    void typesAreMapped()
    {
        QFETCH(QString, page);
        QFETCH(QString, stored);
        QCOMPARE(InboundListener::storedType(page), stored);
        QJsonObject p = pageMessage("X", 1765000000);
        p.insert("type", page);
        QCOMPARE(InboundListener::fromPage(p).type, stored);
    }

    void pageMessageFields()
    {
        QJsonObject p = pageMessage("3EB0A", 1765000000, QString());
        p.insert("type", "image");
        p.insert("body", QJsonValue::Null);
        p.insert("caption", "our menu");
        p.insert("mimetype", "image/jpeg");
        p.insert("filename", "menu.jpg");
        p.insert("size", 52314);
        p.insert("quotedId", "OURS1");
        InboundMessage m = InboundListener::fromPage(p);
        QCOMPARE(m.waMessageId, QStringLiteral("3EB0A"));
        QCOMPARE(m.fromPhone, QStringLiteral("2348031234567"));
        QVERIFY(m.fromLid.isNull());
        QCOMPARE(m.chatWid, QStringLiteral("2348031234567@c.us"));
        QVERIFY(m.body.isNull());
        QCOMPARE(m.caption, QStringLiteral("our menu"));
        QCOMPARE(m.mimetype, QStringLiteral("image/jpeg"));
        QCOMPARE(m.filename, QStringLiteral("menu.jpg"));
        QCOMPARE(m.size, qint64(52314));
        QCOMPARE(m.quotedWaMessageId, QStringLiteral("OURS1"));
        QCOMPARE(m.receivedAtMs, qint64(1765000000000));

        // A @lid sender whose phone the page could not resolve.
        QJsonObject lid = pageMessage("L1", 1765000000);
        lid.insert("from", "123456789012345@lid");
        lid.insert("chat", "123456789012345@lid");
        lid.insert("phone", QJsonValue::Null);
        m = InboundListener::fromPage(lid);
        QVERIFY(m.fromPhone.isNull());
        QCOMPARE(m.fromLid, QStringLiteral("123456789012345@lid"));
        // ... and one it resolved: both kept.
        lid.insert("phone", "2348031234567");
        lid.insert("lid", "123456789012345@lid");
        m = InboundListener::fromPage(lid);
        QCOMPARE(m.fromPhone, QStringLiteral("2348031234567"));
        QCOMPARE(m.fromLid, QStringLiteral("123456789012345@lid"));

        QJsonObject reaction = pageMessage("R1", 1765000000, QString());
        reaction.insert("type", "reaction");
        reaction.insert("body", QJsonValue::Null);
        reaction.insert("reaction", QJsonObject{{"targetId", "OURS1"}, {"emoji", "👍"}});
        m = InboundListener::fromPage(reaction);
        QCOMPARE(m.reactionTargetWaId, QStringLiteral("OURS1"));
        QCOMPARE(m.body, QStringLiteral("👍"));
        reaction.insert("reaction", QJsonObject{{"targetId", "OURS1"}, {"emoji", ""}});
        m = InboundListener::fromPage(reaction);
        QVERIFY(!m.body.isNull()); // "" = removed, not unknown
        QVERIFY(m.body.isEmpty());

        QJsonObject revoke = pageMessage("V1", 1765000000, QString());
        revoke.insert("type", "revoked");
        revoke.insert("revokedId", "M1");
        m = InboundListener::fromPage(revoke);
        QCOMPARE(m.reactionTargetWaId, QStringLiteral("M1"));

        QJsonObject location = pageMessage("G1", 1765000000, QString());
        location.insert("type", "location");
        location.insert("location", QJsonObject{{"lat", 6.5}, {"lng", 3.4}, {"name", "Shop"}});
        m = InboundListener::fromPage(location);
        QCOMPARE(QJsonDocument::fromJson(m.locationJson.toUtf8()).object().value("name").toString(),
                 QStringLiteral("Shop"));
        QJsonObject card = pageMessage("C1", 1765000000, QString());
        card.insert("type", "vcard");
        card.insert("vcards", QJsonArray{"BEGIN:VCARD\nEND:VCARD"});
        m = InboundListener::fromPage(card);
        QCOMPARE(m.type, QStringLiteral("contact"));
        QCOMPARE(QJsonDocument::fromJson(m.vcardsJson.toUtf8()).array().size(), 1);

        QVERIFY(InboundListener::fromPage(QJsonObject{{"type", "chat"}}).waMessageId.isEmpty());
    }

    void liveMessagesAreRecordedOnce()
    {
        FakeSession session(m_vendor, m_number.id);
        InboundListener listener(*m_core);
        listener.attach(&session);
        QSignalSpy recorded(&m_core->inboundRecorder(), &InboundRecorder::recorded);
        session.receive(QJsonArray{pageMessage("A", 1765000000), pageMessage("B", 1765000001),
                                   QJsonObject{{"type", "chat"}}}); // no id: ignored
        session.receive(QJsonArray{pageMessage("A", 1765000000)});  // re-emitted
        QVERIFY(recorded.wait(5000));
        QCOMPARE(rows(), 2);
        const InboundStore::ListPage page = m_core->inbound().list(m_vendor, m_user, {});
        QCOMPARE(page.messages.last().waMessageId, QStringLiteral("A"));
        QCOMPARE(page.messages.last().type, QStringLiteral("text"));
        QCOMPARE(page.messages.last().numberId, m_number.id);
        QCOMPARE(page.messages.last().appUserId, m_user);
    }

    void catchUpOnReadyPagesFromTheLastRecordedMessage()
    {
        FakeSession session(m_vendor, m_number.id);
        InboundListener listener(*m_core);
        listener.attach(&session);
        QSignalSpy finished(&listener, &InboundListener::catchUpFinished);
        // Recorded live before the crash.
        const qint64 t0 = 1765000000;
        m_core->inboundRecorder().recordNow(m_vendor, m_number.id,
                                            {InboundListener::fromPage(pageMessage("A", t0 - 10)),
                                             InboundListener::fromPage(pageMessage("B", t0))});

        session.setState(SessionState::Ready);
        QCOMPARE(session.requests.size(), 1);
        QCOMPARE(session.requests.first().op, QStringLiteral("recentMessages"));
        QJsonObject args = session.requests.first().args;
        QCOMPARE(args.value("since").toInteger(), t0 - 120);
        QCOMPARE(args.value("after").toString(), QString());
        QCOMPARE(args.value("limit").toInt(), InboundListener::kCatchUpPageSize);
        // A second `ready` while it runs starts no second catch-up.
        session.setState(SessionState::Ready);
        QCOMPARE(session.requests.size(), 1);

        // Page 1 repeats what was recorded (the overlap) and has one new message.
        const QJsonObject c = pageMessage("C", t0 + 5);
        session.answer(true, QJsonObject{{"messages", QJsonArray{pageMessage("A", t0 - 10),
                                                                 pageMessage("B", t0), c}},
                                         {"more", true}});
        QCOMPARE(session.requests.size(), 1);
        args = session.requests.first().args;
        QCOMPARE(args.value("since").toInteger(), t0 + 5);
        QCOMPARE(args.value("after").toString(), c.value("serialized").toString());
        QCOMPARE(finished.size(), 0);
        // Page 2: two new ones, the last page.
        session.answer(true, QJsonObject{{"messages", QJsonArray{pageMessage("D", t0 + 5),
                                                                 pageMessage("E", t0 + 9, "STOP")}},
                                         {"more", false}});
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toLongLong(), m_number.id);
        QCOMPARE(finished.first().at(1).toInt(), 3);
        QCOMPARE(finished.first().at(2).toBool(), true);
        QCOMPARE(rows(), 5);
        QCOMPARE(m_core->inbound().lastReceivedAtMs(m_number.id), (t0 + 9) * 1000);

        // The next `ready` (a reload) reads the same messages again: nothing new.
        session.setState(SessionState::Ready);
        QCOMPARE(session.requests.first().args.value("since").toInteger(), t0 + 9 - 120);
        session.answer(
            true, QJsonObject{{"messages", QJsonArray{pageMessage("E", t0 + 9)}}, {"more", false}});
        QCOMPARE(finished.last().at(1).toInt(), 0);
        QCOMPARE(rows(), 5);
    }

    void firstCatchUpStartsWhenTheNumberWasAdded()
    {
        FakeSession session(m_vendor, m_number.id);
        InboundListener listener(*m_core);
        listener.attach(&session);
        session.setState(SessionState::Ready);
        QCOMPARE(session.requests.size(), 1);
        QCOMPARE(session.requests.first().args.value("since").toInteger(),
                 m_number.createdAt / 1000);
    }

    void aFailedCatchUpIsTriedAgainOnTheNextReady()
    {
        FakeSession session(m_vendor, m_number.id);
        InboundListener listener(*m_core);
        listener.attach(&session);
        QSignalSpy finished(&listener, &InboundListener::catchUpFinished);
        session.setState(SessionState::Ready);
        session.answer(false, {}, QStringLiteral("adapter_outdated"));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(2).toBool(), false);
        session.setState(SessionState::Ready);
        QCOMPARE(session.requests.size(), 1);
    }

    // kill -9 while replies arrive, then restart: the rows committed before the kill stay,
    // the ones still on their way (or in the recorder's window) come back with the catch-up,
    // and every reply is recorded exactly once.
    void killedWhileRecordingThenCaughtUpExactlyOnce()
    {
        const qint64 vendor = m_vendor;
        const qint64 numberId = m_number.id;
        const QString dataDir = m_dir->path();
        m_core.reset(); // the child owns the data directory now

        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INBOUND_CHILD_DIR"), dataDir);
        env.insert(QStringLiteral("INBOUND_CHILD_VENDOR"), QString::number(vendor));
        env.insert(QStringLiteral("INBOUND_CHILD_NUMBER"), QString::number(numberId));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 60000 && !out.contains("emitted 1500\n")) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
        }
        QVERIFY2(out.contains("emitted 1500\n"), out.right(200).constData());
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        // The restart.
        m_core = makeCoreServices(*m_dir);
        const int before = rows();
        qInfo("%d of %d replies were recorded before the kill", before, kCrashMessages);
        QVERIFY(before > 0);
        QVERIFY2(before < kCrashMessages, "the child finished before the kill");

        QList<QJsonObject> page; // every reply is in the number's chats by now
        for (int i = 0; i < kCrashMessages; ++i)
            page << crashMessage(i);
        FakeSession session(vendor, numberId);
        InboundListener listener(*m_core);
        listener.attach(&session);
        QSignalSpy finished(&listener, &InboundListener::catchUpFinished);
        session.setState(SessionState::Ready);
        while (!session.requests.isEmpty())
            session.answer(true, recentMessages(page, session.requests.first().args));
        QCOMPARE(finished.size(), 1);
        QVERIFY(finished.first().at(2).toBool());
        QCOMPARE(finished.first().at(1).toInt(), kCrashMessages - before);

        QSqlQuery q(m_core->database().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT wa_message_id) FROM "
                                      "received_messages")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), kCrashMessages);
        QCOMPARE(q.value(1).toInt(), kCrashMessages);
    }

    void aPageThatDoesNotAdvanceEndsTheCatchUp()
    {
        FakeSession session(m_vendor, m_number.id);
        InboundListener listener(*m_core);
        listener.attach(&session);
        QSignalSpy finished(&listener, &InboundListener::catchUpFinished);
        session.setState(SessionState::Ready);
        const qint64 since = session.requests.first().args.value("since").toInteger();
        // "more", but its last message is before where the page was asked to start.
        session.answer(true, QJsonObject{{"messages", QJsonArray{pageMessage("OLD", since - 5)}},
                                         {"more", true}});
        QCOMPARE(session.requests.size(), 0);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(2).toBool(), false);
    }

    void catchUpDoesNotRunBeforeReady()
    {
        FakeSession session(m_vendor, m_number.id);
        InboundListener listener(*m_core);
        listener.attach(&session);
        session.setState(SessionState::Starting);
        session.setState(SessionState::Authenticated);
        QCOMPARE(session.requests.size(), 0);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("INBOUND_CHILD_DIR"))
        return crashChildMain();
    TestInboundListener test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_inboundlistener.moc"
