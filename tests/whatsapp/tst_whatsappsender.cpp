#include "Session.h"
#include "WhatsAppMessageSender.h"

#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

// WhatsAppMessageSender knows sessions only through the Session interface: a fake that
// implements nothing but the interface (no browser, no page) drives it through readiness,
// sends, outcomes and acks. Before Session was enough the sender cast every session to
// WebEngineSession, and none of this could run against anything else.
//
// It also pins that the sender passes on the media kind decided from the download
// (MessageSender::Media::kind, MediaTypes) instead of guessing again from the MIME type: an
// image/tiff is a document for MediaTypes, and the page is told `asDocument: true`.

namespace {

class FakeSession : public Session
{
public:
    explicit FakeSession(qint64 numberId) : m_numberId(numberId) {}

    struct Request
    {
        QString op;
        QJsonObject args;
        int timeoutMs = 0;
        Reply done;
    };

    qint64 numberId() const override { return m_numberId; }
    qint64 vendorId() const override { return 1; }
    QString sessionId() const override { return QStringLiteral("1-1-2348030000001"); }
    bool isSandbox() const override { return true; }
    QString state() const override { return m_state; }
    QString reason() const override { return {}; }
    QString qr() const override { return {}; }
    QWebEnginePage *page() const override { return nullptr; }

    void request(const QString &op, const QJsonObject &args, int timeoutMs, Reply done) override
    {
        requests.append({op, args, timeoutMs, std::move(done)});
    }
    QUrl offerMedia(const QString &path, const QString &mimeType) override
    {
        if (refuseMedia)
            return {};
        offered.append({path, mimeType});
        return QUrl(QStringLiteral("fake-media:%1").arg(offered.size()));
    }
    void withdrawMedia(const QUrl &url) override { withdrawn.append(url); }

    void setState(const QString &state)
    {
        m_state = state;
        Q_EMIT stateChanged(state, QString());
    }
    // Answers the oldest open request as the adapter would.
    void answer(bool ok, const QJsonObject &result = {}, const QString &error = {})
    {
        const Request r = requests.takeFirst();
        r.done(ok, result, error, QString());
    }

    QList<Request> requests;
    QList<QPair<QString, QString>> offered; // path, MIME type
    QList<QUrl> withdrawn;
    bool refuseMedia = false;

private:
    qint64 m_numberId;
    QString m_state = SessionState::Disconnected;
};

} // namespace

Q_DECLARE_METATYPE(MediaTypes::Kind)

class TestWhatsAppSender : public QObject
{
    Q_OBJECT
    using Code = MessageSender::Outcome::Code;

    std::unique_ptr<FakeSession> m_session;
    std::unique_ptr<WhatsAppMessageSender> m_sender;
    static constexpr qint64 kNumber = 42;

    FakeSession &readySession()
    {
        m_session->setState(SessionState::Ready);
        return *m_session;
    }

private Q_SLOTS:
    void init()
    {
        m_session = std::make_unique<FakeSession>(kNumber);
        m_sender = std::make_unique<WhatsAppMessageSender>([this](qint64 numberId) -> Session * {
            return m_session && numberId == kNumber ? m_session.get() : nullptr;
        });
        m_sender->attach(m_session.get());
    }
    void cleanup()
    {
        m_sender.reset();
        m_session.reset();
    }

    void readinessFollowsTheSessionState()
    {
        QSignalSpy readiness(m_sender.get(), &MessageSender::readinessChanged);
        QVERIFY(!m_sender->isReady(kNumber));
        m_session->setState(SessionState::QrPending);
        QCOMPARE(readiness.size(), 0);
        m_session->setState(SessionState::Ready);
        QVERIFY(m_sender->isReady(kNumber));
        QCOMPARE(readiness.size(), 1);
        QCOMPARE(readiness.at(0).at(0).toLongLong(), kNumber);
        QCOMPARE(readiness.at(0).at(1).toBool(), true);
        QVERIFY(!m_sender->isReady(kNumber + 1));
        // A ready session that goes away takes the number's readiness with it.
        m_session.reset();
        QCOMPARE(readiness.size(), 2);
        QCOMPARE(readiness.at(1).at(1).toBool(), false);
        QVERIFY(!m_sender->isReady(kNumber));
    }

    void notReadyAnswersWithoutAskingThePage()
    {
        std::optional<MessageSender::Outcome> outcome;
        m_sender->sendText(kNumber, QStringLiteral("2348039999999"), QStringLiteral("hi"),
                           m_sender->newMessageId(),
                           [&](MessageSender::Outcome o) { outcome = o; });
        QVERIFY(!outcome); // asynchronous, as the interface promises
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->code, Code::Transient);
        QCOMPARE(outcome->error, QStringLiteral("session_not_ready"));
        QVERIFY(m_session->requests.isEmpty());
    }

    void textSendAndItsOutcomes()
    {
        FakeSession &s = readySession();
        const QString id = m_sender->newMessageId();
        std::optional<MessageSender::Outcome> outcome;
        m_sender->sendText(kNumber, QStringLiteral("2348039999999"), QStringLiteral("hello"), id,
                           [&](MessageSender::Outcome o) { outcome = o; });
        QCOMPARE(s.requests.size(), 1);
        QCOMPARE(s.requests.first().op, QStringLiteral("sendText"));
        QCOMPARE(s.requests.first().args,
                 (QJsonObject{{"to", "2348039999999"}, {"body", "hello"}, {"msgId", id}}));
        s.answer(true);
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->code, Code::Ok);

        outcome.reset();
        m_sender->sendText(kNumber, QStringLiteral("2348039999999"), QStringLiteral("again"),
                           m_sender->newMessageId(),
                           [&](MessageSender::Outcome o) { outcome = o; });
        s.answer(false, {}, QStringLiteral("ERROR_NETWORK"));
        QCOMPARE(outcome->code, Code::Transient);
        QCOMPARE(outcome->error, QStringLiteral("ERROR_NETWORK"));

        std::optional<bool> registered;
        m_sender->isRegistered(kNumber, QStringLiteral("2348030000000"),
                               [&](MessageSender::Outcome o, bool r) {
                                   outcome = o;
                                   registered = r;
                               });
        QCOMPARE(s.requests.first().op, QStringLiteral("isRegistered"));
        s.answer(true, QJsonObject{{"registered", false}});
        QCOMPARE(outcome->code, Code::Ok);
        QVERIFY(registered.has_value() && !*registered);
    }

    void acksComeFromTheSession()
    {
        QSignalSpy acks(m_sender.get(), &MessageSender::ackChanged);
        Q_EMIT m_session->ackChanged(QStringLiteral("3EB0ABC"), 3);
        QCOMPARE(acks.size(), 1);
        QCOMPARE(acks.first().at(0).toLongLong(), kNumber);
        QCOMPARE(acks.first().at(1).toString(), QStringLiteral("3EB0ABC"));
        QCOMPARE(acks.first().at(2).toInt(), 3);
    }

    // The page is told the kind decided from the download; the MIME type is only passed on.
    void mediaGoesAsTheDecidedKind_data()
    {
        QTest::addColumn<QString>("mimetype");
        QTest::addColumn<MediaTypes::Kind>("kind");
        QTest::addColumn<bool>("asDocument");
        // image/* but not an inline image for WhatsApp: a document (failed before: the sender
        // looked at the "image/" prefix and sent it as an image).
        QTest::newRow("tiff") << "image/tiff" << MediaTypes::Kind::Document << true;
        QTest::newRow("mkv") << "video/x-matroska" << MediaTypes::Kind::Document << true;
        QTest::newRow("flac") << "audio/flac" << MediaTypes::Kind::Document << true;
        QTest::newRow("png") << "image/png" << MediaTypes::Kind::Image << false;
        QTest::newRow("mp4") << "video/mp4" << MediaTypes::Kind::Video << false;
        QTest::newRow("ogg") << "audio/ogg" << MediaTypes::Kind::Audio << false;
        QTest::newRow("pdf") << "application/pdf" << MediaTypes::Kind::Document << true;
        // Nothing was decided (never from MediaFetcher): never inline.
        QTest::newRow("undecided") << "image/png" << MediaTypes::Kind::Unsupported << true;
    }
    void mediaGoesAsTheDecidedKind()
    {
        QFETCH(QString, mimetype);
        QFETCH(MediaTypes::Kind, kind);
        QFETCH(bool, asDocument);
        FakeSession &s = readySession();
        MessageSender::Media media;
        media.path = QStringLiteral("/cache/abc.bin");
        media.size = 1234;
        media.mimetype = mimetype;
        media.filename = QStringLiteral("file");
        media.kind = kind;
        const QString id = m_sender->newMessageId();
        std::optional<MessageSender::Outcome> outcome;
        m_sender->sendMedia(kNumber, QStringLiteral("2348039999999"), media,
                            QStringLiteral("caption"), id,
                            [&](MessageSender::Outcome o) { outcome = o; });
        QCOMPARE(s.offered.size(), 1);
        QCOMPARE(s.offered.first().first, media.path);
        QCOMPARE(s.offered.first().second, mimetype);
        QCOMPARE(s.requests.size(), 1);
        const FakeSession::Request &r = s.requests.first();
        QCOMPARE(r.op, QStringLiteral("sendMedia"));
        QCOMPARE(r.args.value("asDocument").toBool(), asDocument);
        QCOMPARE(r.args.value("mimetype").toString(), mimetype);
        QCOMPARE(r.args.value("url").toString(), QStringLiteral("fake-media:1"));
        QCOMPARE(r.args.value("size").toInteger(), 1234);
        QCOMPARE(r.args.value("filename").toString(), QStringLiteral("file"));
        QCOMPARE(r.args.value("caption").toString(), QStringLiteral("caption"));
        QCOMPARE(r.args.value("msgId").toString(), id);
        QCOMPARE(r.args.value("to").toString(), QStringLiteral("2348039999999"));
        s.answer(false, {}, QStringLiteral("ERROR_UPLOAD"));
        QVERIFY(outcome.has_value());
        QCOMPARE(outcome->code, Code::Transient);
        // The one-time URL is withdrawn once the request is answered (read or not).
        QCOMPARE(s.withdrawn, QList<QUrl>{QUrl(QStringLiteral("fake-media:1"))});
    }

    void mediaTheSessionCannotOfferIsRetried()
    {
        FakeSession &s = readySession();
        s.refuseMedia = true;
        MessageSender::Media media;
        media.path = QStringLiteral("/gone.bin");
        media.kind = MediaTypes::Kind::Image;
        std::optional<MessageSender::Outcome> outcome;
        m_sender->sendMedia(kNumber, QStringLiteral("2348039999999"), media, QString(),
                            m_sender->newMessageId(),
                            [&](MessageSender::Outcome o) { outcome = o; });
        QTRY_VERIFY(outcome.has_value());
        QCOMPARE(outcome->code, Code::Transient);
        QCOMPARE(outcome->error, QStringLiteral("media_unavailable"));
        QVERIFY(s.requests.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWhatsAppSender)
#include "tst_whatsappsender.moc"
