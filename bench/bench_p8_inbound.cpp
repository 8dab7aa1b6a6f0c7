// P8, the recording side: incoming messages from one session to durable received_messages rows,
// none lost or doubled. The production path from the Session signal on: InboundListener (the
// page format → InboundMessage), InboundRecorder (coalesced batches, one transaction each,
// message_received events, the opt-out rule) and InboundStore (the unique key), on a real
// SQLite file (WAL, as the app opens it).
//
// The session is an in-process stand-in (like P5's FastSender) that emits the adapter's
// `messages` events — the adapter batches what arrives within one task, here kPerEvent per
// event — at the rate given (0 = as fast as the event loop takes them), and re-emits a share of
// them as WhatsApp does. So the figure is Wamator's own ceiling for recording; the simulator
// page's cost per message (WamatorSimulator.receive → the adapter → the bridge) is not in it.
//   rate:    kMessages distinct messages (+ kDuplicateEvery-th re-emitted) → the time until
//            every row is committed (the recorder's `recorded` signal after the last batch).
//   checked: rows = kMessages, distinct wa_message_id = kMessages, message_received events =
//            kMessages.

#include "CoreServices.h"
#include "EventBus.h"
#include "InboundListener.h"
#include "Session.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "inbound/InboundRecorder.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "security/MemorySecretStore.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

namespace {

const int kMessages = qEnvironmentVariableIsSet("WAMATOR_P8_MESSAGES")
                          ? qEnvironmentVariableIntValue("WAMATOR_P8_MESSAGES")
                          : 20000;
constexpr int kPerEvent = 20;       // messages per adapter event
constexpr int kDuplicateEvery = 10; // every 10th message is reported twice
constexpr double kBar = 500.0;

class StandInSession : public Session
{
public:
    StandInSession(qint64 vendorId, qint64 numberId) : m_vendorId(vendorId), m_numberId(numberId) {}
    void request(const QString &, const QJsonObject &, int, Reply done) override
    {
        // The catch-up finds nothing (there was no downtime).
        done(true, QJsonObject{{"messages", QJsonArray()}, {"more", false}}, {}, {});
    }
    QUrl offerMedia(const QString &, const QString &) override { return {}; }
    void withdrawMedia(const QUrl &) override {}
    qint64 numberId() const override { return m_numberId; }
    qint64 vendorId() const override { return m_vendorId; }
    QString sessionId() const override { return QStringLiteral("bench"); }
    bool isSandbox() const override { return true; }
    QString state() const override { return SessionState::Ready; }
    QString reason() const override { return {}; }
    QString qr() const override { return {}; }
    QWebEnginePage *page() const override { return nullptr; }
    void emitMessages(const QJsonArray &messages) { Q_EMIT messagesReceived(messages); }

private:
    qint64 m_vendorId;
    qint64 m_numberId;
};

QJsonObject pageMessage(int i, qint64 t)
{
    const QString id = QStringLiteral("3EB0P8%1").arg(i, 8, 10, QLatin1Char('0'));
    // 500 customers, so contacts, chats and the sender index look like a real number's.
    const QString phone = QStringLiteral("234803%1").arg(1000000 + i % 500);
    return QJsonObject{{"id", id},
                       {"serialized", QStringLiteral("false_%1@c.us_%2").arg(phone, id)},
                       {"chat", QString(phone + QStringLiteral("@c.us"))},
                       {"from", QString(phone + QStringLiteral("@c.us"))},
                       {"phone", phone},
                       {"lid", QJsonValue::Null},
                       {"type", "chat"},
                       {"body", QStringLiteral("Reply number %1, thanks!").arg(i)},
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

qint64 scalar(CoreServices &core, const QString &sql)
{
    QSqlQuery q(core.database().connection());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(' ', 0, 2)
                                       : QStringLiteral("?");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    CoreServices::Options options;
    options.dataDir = dir.path();
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    core.open();
    const qint64 vendorId =
        core.accounts()
            .registerVendor(QStringLiteral("Bench"), QStringLiteral("bench@example.com"),
                            QStringLiteral("bench-password"), QStringLiteral("Bench"),
                            QStringLiteral("08031234567"))
            .vendor.id;
    AppUser user;
    user.name = QStringLiteral("U");
    user.email = QStringLiteral("u@example.com");
    const qint64 userId = core.users().create(vendorId, user).id;
    const WhatsAppNumber number =
        core.numbers().add(vendorId, userId, QStringLiteral("2348030000001"), QString(), true);

    StandInSession session(vendorId, number.id);
    InboundListener listener(core);
    listener.attach(&session);

    qint64 events = 0;
    core.events().on<MessageReceivedEvent>(&app,
                                           [&](qint64, const MessageReceivedEvent &) { ++events; });
    // The last batch is committed when every message has been announced (events follow the
    // commit of their batch).
    QElapsedTimer clock;
    QObject::connect(&core.inboundRecorder(), &InboundRecorder::recorded, &app, [&] {
        if (events >= kMessages)
            app.quit();
    });

    // The adapter's events, one per event-loop turn (one bridge message per task).
    const qint64 t0 = Clock::nowMs() / 1000;
    int next = 0;
    QTimer feeder;
    feeder.setInterval(0);
    QObject::connect(&feeder, &QTimer::timeout, &app, [&] {
        QJsonArray batch;
        for (int k = 0; k < kPerEvent && next < kMessages; ++k, ++next) {
            batch.append(pageMessage(next, t0 + next / 1000));
            if (next % kDuplicateEvery == 0)
                batch.append(pageMessage(next, t0 + next / 1000)); // WhatsApp re-emits it
        }
        session.emitMessages(batch);
        if (next >= kMessages)
            feeder.stop();
    });
    QTimer::singleShot(120000, &app, [&] {
        std::fprintf(stderr, "timed out: %lld of %d announced\n", events, kMessages);
        app.exit(1);
    });
    clock.start();
    feeder.start();
    const int rc = app.exec();
    const double seconds = clock.nsecsElapsed() / 1e9;

    const qint64 rows = scalar(core, QStringLiteral("SELECT COUNT(*) FROM received_messages"));
    const qint64 distinct =
        scalar(core, QStringLiteral("SELECT COUNT(DISTINCT wa_message_id) FROM received_messages"));
    const double rate = kMessages / seconds;
    const bool ok = rc == 0 && rows == kMessages && distinct == kMessages && events == kMessages;
    std::printf("P8 recording (stand-in session, %d messages, %d per adapter event, every %dth "
                "twice): %.0f messages/s (%.2f s); rows %lld, distinct %lld, events %lld; "
                "load %s\n",
                kMessages, kPerEvent, kDuplicateEvery, rate, seconds, rows, distinct, events,
                qPrintable(loadAverage()));
    std::printf("bar: >= %.0f messages/s, none lost or doubled -> %s\n", kBar,
                ok && rate >= kBar ? "PASS" : "MISS");
    return ok ? 0 : 1;
}
