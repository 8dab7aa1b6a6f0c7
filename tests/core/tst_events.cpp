// The event types (Events.h) and their bus (EventBus.h): each event's JSON is exactly what
// docs/api.md "WebSocket events" shows and what the producers sent before the types existed;
// the bus hands the typed event to typed listeners and the same JSON to the wire.
#include "EventBus.h"
#include "Events.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

#include <utility>

class TestEvents : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messageStatusJson();
    void messageStatusFromMessage();
    void sessionStateJson();
    void qrJson();
    void messageReceivedJson();
    void contactOptJson();
    void batchCompletedJson();
    void batchStateJson();
    void webhookDisabledJson();
    void everyTypeNamesItselfAndItsUser();
    void busGivesTypedEventAndItsJson();
    void onDeliversOnlyItsType();
};

namespace {
QJsonObject parse(const char *json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", json);
    return doc.object();
}

constexpr qint64 kAt = 1795514400000; // 2026-11-24T10:00:00Z
} // namespace

void TestEvents::messageStatusJson()
{
    MessageStatusEvent e;
    e.userId = 5;
    e.batchId = QStringLiteral("b-1");
    e.messageId = 42;
    e.recipient = QStringLiteral("2348031234567");
    e.status = MessageStatus::Failed;
    e.errorMessage = QStringLiteral("ERROR_NETWORK");
    e.atMs = kAt;
    QCOMPARE(e.toJson(), parse(R"({"event":"message_status","user_id":5,"batch_id":"b-1",)"
        R"("message_id":42,"recipient":"2348031234567","status":"failed",)"
        R"("error_message":"ERROR_NETWORK","at":"2026-11-24T10:00:00Z"})"));
    // No error: null, not an empty string.
    e.status = MessageStatus::Read;
    e.errorMessage = QString();
    QCOMPARE(e.toJson().value(QStringLiteral("error_message")), QJsonValue(QJsonValue::Null));
    QCOMPARE(Events::toJson(Event(e)), e.toJson());
}

void TestEvents::messageStatusFromMessage()
{
    Message m;
    m.id = 9;
    m.batchId = QStringLiteral("b-2");
    m.vendorId = 3;
    m.appUserId = 7;
    m.recipient = QStringLiteral("447700900123");
    m.status = MessageStatus::Cancelled;
    m.updatedAt = kAt - 1000;
    QCOMPARE(MessageStatusEvent::of(m, kAt).toJson(),
             parse(R"({"event":"message_status","user_id":7,"batch_id":"b-2","message_id":9,)"
        R"("recipient":"447700900123","status":"cancelled","error_message":null,)"
        R"("at":"2026-11-24T10:00:00Z"})"));
}

void TestEvents::sessionStateJson()
{
    SessionStateEvent e;
    e.userId = 5;
    e.numberId = 12;
    e.phoneNumber = QStringLiteral("2348031234567");
    e.state = SessionState::Failed;
    e.reason = QStringLiteral("timeout");
    QCOMPARE(e.toJson(), parse(R"({"event":"session_state","user_id":5,"number_id":12,)"
        R"("phone_number":"2348031234567","state":"failed","reason":"timeout"})"));
    // No reason (any state but failed): null.
    e.state = SessionState::Ready;
    e.reason = QString();
    QCOMPARE(e.toJson().value(QStringLiteral("reason")), QJsonValue(QJsonValue::Null));
    e.reason = QLatin1String("");
    QCOMPARE(e.toJson().value(QStringLiteral("reason")), QJsonValue(QJsonValue::Null));
}

void TestEvents::qrJson()
{
    QrEvent e;
    e.userId = 5;
    e.numberId = 12;
    e.phoneNumber = QStringLiteral("2348031234567");
    e.qr = QStringLiteral("2@abc,def,ghi,jkl,1");
    e.qrPng = QStringLiteral("data:image/png;base64,iVBORw0KGgo=");
    e.expiresInSeconds = 20;
    QCOMPARE(e.toJson(), parse(R"({"event":"qr","user_id":5,"number_id":12,)"
        R"("phone_number":"2348031234567","qr":"2@abc,def,ghi,jkl,1",)"
        R"("qr_png":"data:image/png;base64,iVBORw0KGgo=","expires_in":20})"));
}

void TestEvents::messageReceivedJson()
{
    MessageReceivedEvent e;
    e.userId = 5;
    e.message.id = 31;
    e.message.appUserId = 5;
    e.message.numberId = 12;
    e.message.contactId = 40;
    e.message.fromPhone = QStringLiteral("2348031234567");
    e.message.fromLid = QStringLiteral("123456789012345@lid");
    e.message.type = QStringLiteral("text");
    e.message.body = QStringLiteral("STOP");
    e.message.waMessageId = QStringLiteral("3EB0AB");
    e.message.receivedAtMs = kAt;
    QCOMPARE(e.toJson(), parse(R"({"event":"message_received","user_id":5,"id":31,)"
        R"("app_user_id":5,"number_id":12,"from":"2348031234567","from_lid":"123456789012345@lid",)"
        R"("contact_id":40,"type":"text","body":"STOP","caption":null,"mimetype":null,)"
        R"("filename":null,"quoted_message_id":null,"quoted_wa_message_id":null,)"
        R"("wa_message_id":"3EB0AB","received_at":"2026-11-24T10:00:00Z"})"));
}

void TestEvents::contactOptJson()
{
    ContactOptedOutEvent out;
    out.userId = 5;
    out.contactId = 40;
    out.phone = QStringLiteral("2348031234567");
    out.source = QStringLiteral("keyword");
    out.atMs = kAt;
    QCOMPARE(out.toJson(), parse(R"({"event":"contact_opted_out","user_id":5,"contact_id":40,)"
        R"("phone":"2348031234567","source":"keyword","at":"2026-11-24T10:00:00Z"})"));
    ContactOptedInEvent in;
    in.userId = 5;
    in.contactId = 40;
    in.phone = QStringLiteral("2348031234567");
    in.source = QStringLiteral("operator");
    in.reason = QStringLiteral("asked by phone");
    in.atMs = kAt;
    QCOMPARE(in.toJson(), parse(R"({"event":"contact_opted_in","user_id":5,"contact_id":40,)"
        R"("phone":"2348031234567","source":"operator","reason":"asked by phone",)"
        R"("at":"2026-11-24T10:00:00Z"})"));
}

void TestEvents::batchCompletedJson()
{
    BatchCompletedEvent e;
    e.userId = 5;
    e.batchId = QStringLiteral("b-1");
    e.counts.sent = 3;
    e.counts.delivered = 2;
    e.counts.read = 1;
    e.counts.failed = 4;
    e.counts.expired = 5;
    e.counts.cancelled = 6;
    e.atMs = kAt;
    QCOMPARE(e.toJson(), parse(R"({"event":"batch_completed","user_id":5,"batch_id":"b-1",)"
        R"("counts":{"sent":3,"delivered":2,"read":1,"failed":4,"expired":5,"cancelled":6},)"
        R"("at":"2026-11-24T10:00:00Z"})"));
}

void TestEvents::batchStateJson()
{
    BatchStateEvent e;
    e.userId = 5;
    e.batchId = QStringLiteral("b-1");
    e.state = QStringLiteral("paused");
    e.atMs = kAt;
    const QJsonObject expected{{"event", "batch_state"},
                               {"user_id", 5},
                               {"batch_id", "b-1"},
                               {"state", "paused"},
                               {"at", "2026-11-24T10:00:00Z"}};
    QCOMPARE(e.toJson(), expected);
}

void TestEvents::webhookDisabledJson()
{
    const WebhookDisabledEvent e{0, 12, QStringLiteral("https://hooks.example.com/x"),
                                 QStringLiteral("failing_3_days"), kAt};
    QCOMPARE(e.toJson(), parse(R"({"event":"webhook_disabled","user_id":0,"endpoint_id":12,)"
        R"("url":"https://hooks.example.com/x","reason":"failing_3_days",)"
        R"("at":"2026-11-24T10:00:00Z"})"));
}

namespace {
// Every alternative of Event, default-built with a user id: its JSON names its type and user,
// and no two types share a name (a new type that forgets either fails here).
template <class E> void checkAlternative(QSet<QString> &names)
{
    E e;
    e.userId = 77;
    const Event event(e);
    const QJsonObject json = Events::toJson(event);
    const QString name = Events::typeName(event);
    QVERIFY(!name.isEmpty());
    QVERIFY2(!names.contains(name), qPrintable(name));
    names.insert(name);
    QCOMPARE(json.value(QStringLiteral("event")).toString(), name);
    QCOMPARE(json.value(QStringLiteral("user_id")).toInteger(), 77);
    QCOMPARE(Events::userId(event), 77);
}

template <std::size_t... I> void checkAlternatives(std::index_sequence<I...>)
{
    QSet<QString> names;
    (checkAlternative<std::variant_alternative_t<I, Event>>(names), ...);
    QCOMPARE(names.size(), int(sizeof...(I)));
}
} // namespace

void TestEvents::everyTypeNamesItselfAndItsUser()
{
    checkAlternatives(std::make_index_sequence<std::variant_size_v<Event>>());
}

void TestEvents::busGivesTypedEventAndItsJson()
{
    EventBus bus;
    QSignalSpy typed(&bus, &EventBus::occurred);
    QSignalSpy wire(&bus, &EventBus::published);
    SessionStateEvent e;
    e.userId = 5;
    e.numberId = 12;
    e.state = SessionState::Ready;
    bus.publish(3, e);
    QCOMPARE(typed.count(), 1);
    QCOMPARE(wire.count(), 1);
    QCOMPARE(typed.at(0).at(0).toLongLong(), 3);
    const Event got = typed.at(0).at(1).value<Event>();
    QVERIFY(std::holds_alternative<SessionStateEvent>(got));
    QCOMPARE(std::get<SessionStateEvent>(got).numberId, 12);
    QCOMPARE(wire.at(0).at(0).toLongLong(), 3);
    QCOMPARE(wire.at(0).at(1).toJsonObject(), e.toJson());
}

void TestEvents::onDeliversOnlyItsType()
{
    EventBus bus;
    QObject context;
    QList<QPair<qint64, QString>> statuses;
    bus.on<MessageStatusEvent>(&context, [&](qint64 vendorId, const MessageStatusEvent &e) {
        statuses.append({vendorId, e.status});
    });
    QrEvent qr;
    qr.userId = 1;
    bus.publish(4, qr);
    MessageStatusEvent status;
    status.userId = 1;
    status.status = MessageStatus::Sent;
    bus.publish(4, status);
    QCOMPARE(statuses.size(), 1);
    QCOMPARE(statuses.first().first, 4);
    QCOMPARE(statuses.first().second, MessageStatus::Sent);
    // Bound to the context's life.
    {
        QObject shortLived;
        bus.on<QrEvent>(&shortLived, [](qint64, const QrEvent &) { QFAIL("context gone"); });
    }
    bus.publish(4, qr);
}

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
