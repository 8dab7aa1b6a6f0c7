#include "InboundListener.h"

#include "CoreServices.h"
#include "Session.h"
#include "SessionManager.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "numbers/NumberStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcInboundListener, "wamator.inbound.listener")

namespace {

QString optionalText(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString();
}

// E.164 digits, or null: what the page gave, else the user part of a phone wid.
QString phoneOf(const QJsonObject &m)
{
    QString phone = optionalText(m.value(QLatin1String("phone")));
    const QString from = optionalText(m.value(QLatin1String("from")));
    if (phone.isEmpty() && from.endsWith(QLatin1String("@c.us")))
        phone = from.left(from.indexOf(QLatin1Char('@')));
    if (phone.startsWith(QLatin1Char('+')))
        phone.remove(0, 1);
    if (phone.isEmpty() || phone.size() > 15 ||
        !std::all_of(phone.cbegin(), phone.cend(), [](QChar c) { return c.isDigit(); }))
        return QString();
    return phone;
}

QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString();
}

} // namespace

InboundListener::InboundListener(CoreServices &core, QObject *parent)
    : QObject(parent), m_core(core)
{
}

InboundListener::InboundListener(CoreServices &core, SessionManager &sessions, QObject *parent)
    : InboundListener(core, parent)
{
    for (Session *s : sessions.sessions())
        attach(s);
    connect(&sessions, &SessionManager::sessionCreated, this, [this, &sessions](qint64 numberId) {
        if (Session *s = sessions.session(numberId))
            attach(s);
    });
}

InboundListener::~InboundListener() = default;

QString InboundListener::storedType(const QString &pageType)
{
    if (pageType == QLatin1String("chat"))
        return QStringLiteral("text");
    if (pageType == QLatin1String("ptt"))
        return QStringLiteral("voice");
    if (pageType == QLatin1String("vcard") || pageType == QLatin1String("multi_vcard"))
        return QStringLiteral("contact");
    return pageType;
}

InboundMessage InboundListener::fromPage(const QJsonObject &p)
{
    InboundMessage m;
    m.waMessageId = optionalText(p.value(QLatin1String("id")));
    m.chatWid = optionalText(p.value(QLatin1String("chat")));
    m.fromPhone = phoneOf(p);
    m.fromLid = optionalText(p.value(QLatin1String("lid")));
    const QString from = optionalText(p.value(QLatin1String("from")));
    if (m.fromLid.isEmpty() && from.endsWith(QLatin1String("@lid")))
        m.fromLid = from;
    if (m.fromLid.isEmpty())
        m.fromLid = QString(); // null, not ""
    if (m.chatWid.isEmpty())
        m.chatWid = from.isEmpty() ? QString() : from;
    m.type = storedType(optionalText(p.value(QLatin1String("type"))));
    if (m.type.isEmpty())
        m.type = QStringLiteral("unknown");
    m.body = optionalText(p.value(QLatin1String("body")));
    m.caption = optionalText(p.value(QLatin1String("caption")));
    m.mimetype = optionalText(p.value(QLatin1String("mimetype")));
    m.filename = optionalText(p.value(QLatin1String("filename")));
    m.size = qint64(p.value(QLatin1String("size")).toDouble());
    m.quotedWaMessageId = optionalText(p.value(QLatin1String("quotedId")));
    if (m.quotedWaMessageId.isEmpty())
        m.quotedWaMessageId = QString();
    m.receivedAtMs = qint64(p.value(QLatin1String("t")).toDouble()) * 1000;
    m.locationJson = compactJson(p.value(QLatin1String("location")));
    m.vcardsJson = compactJson(p.value(QLatin1String("vcards")));
    if (m.type == InboundMessage::kReaction) {
        const QJsonObject r = p.value(QLatin1String("reaction")).toObject();
        m.reactionTargetWaId = optionalText(r.value(QLatin1String("targetId")));
        // The emoji is the body; "" = the reaction was removed (not null).
        m.body = r.value(QLatin1String("emoji")).toString(QStringLiteral(""));
        if (m.body.isNull())
            m.body = QStringLiteral("");
    } else if (m.type == InboundMessage::kRevoked) {
        m.reactionTargetWaId = optionalText(p.value(QLatin1String("revokedId")));
        m.body = QString();
    }
    return m;
}

void InboundListener::attach(Session *session)
{
    if (!session)
        return;
    connect(session, &Session::messagesReceived, this,
            [this, session](const QJsonArray &messages) { onMessages(session, messages); });
    connect(session, &Session::stateChanged, this, [this, session](const QString &state) {
        if (state == SessionState::Ready)
            catchUp(session);
    });
    const qint64 numberId = session->numberId();
    connect(session, &QObject::destroyed, this,
            [this, numberId] { m_catchingUp.remove(numberId); });
    if (session->state() == SessionState::Ready)
        catchUp(session);
}

void InboundListener::onMessages(Session *session, const QJsonArray &messages)
{
    QList<InboundMessage> rows;
    rows.reserve(messages.size());
    for (const QJsonValue &v : messages) {
        InboundMessage m = fromPage(v.toObject());
        if (m.waMessageId.isEmpty()) {
            qCWarning(lcInboundListener) << "a page message without an id, ignored";
            continue;
        }
        rows << m;
    }
    if (!rows.isEmpty())
        m_core.inboundRecorder().record(session->vendorId(), session->numberId(), rows);
}

void InboundListener::catchUp(Session *session)
{
    if (!session || m_catchingUp.value(session->numberId()))
        return;
    const qint64 numberId = session->numberId();
    // What the recorder holds is written first, so the start below counts it.
    m_core.inboundRecorder().flush();
    qint64 startMs = m_core.inbound().lastReceivedAtMs(numberId);
    if (startMs > 0) {
        startMs = std::max<qint64>(0, startMs - kCatchUpOverlapMs);
    } else {
        // Nothing recorded yet: from when the number was added, not the phone's whole history.
        const auto number = m_core.numbers().find(session->vendorId(), numberId);
        if (!number)
            return;
        startMs = number->createdAt;
    }
    m_catchingUp.insert(numberId, true);
    requestPage(QPointer<Session>(session), startMs / 1000, QString(), 0);
}

void InboundListener::requestPage(QPointer<Session> session, qint64 since, const QString &after,
                                  int recorded)
{
    const qint64 numberId = session->numberId();
    const qint64 vendorId = session->vendorId();
    const QJsonObject args{{QStringLiteral("since"), since},
                           {QStringLiteral("after"), after},
                           {QStringLiteral("limit"), kCatchUpPageSize}};
    session->request(
        QStringLiteral("recentMessages"), args, kCatchUpTimeoutMs,
        [this, session, numberId, vendorId, recorded, since,
         after](bool ok, const QJsonObject &result, const QString &error, const QString &message) {
            if (!ok || !session) {
                m_catchingUp.remove(numberId);
                qCWarning(lcInboundListener).noquote()
                    << "catch-up of number" << numberId << "stopped:" << error << message;
                Q_EMIT catchUpFinished(numberId, recorded, false);
                return;
            }
            const QJsonArray messages = result.value(QLatin1String("messages")).toArray();
            QList<InboundMessage> rows;
            rows.reserve(messages.size());
            for (const QJsonValue &v : messages) {
                InboundMessage m = fromPage(v.toObject());
                if (!m.waMessageId.isEmpty())
                    rows << m;
            }
            int stored = recorded;
            if (!rows.isEmpty()) {
                const QList<InboundMessage> added =
                    m_core.inboundRecorder().recordNow(vendorId, numberId, rows);
                stored += int(std::count_if(
                    added.cbegin(), added.cend(),
                    [numberId](const InboundMessage &m) { return m.numberId == numberId; }));
            }
            const bool more = result.value(QLatin1String("more")).toBool() && !messages.isEmpty();
            if (more) {
                const QJsonObject last = messages.last().toObject();
                const qint64 nextSince = qint64(last.value(QLatin1String("t")).toDouble());
                const QString nextAfter = optionalText(last.value(QLatin1String("serialized")));
                // A page that does not move forward would be asked for again and again.
                if (nextSince > since || (nextSince == since && nextAfter > after)) {
                    requestPage(session, nextSince, nextAfter, stored);
                    return;
                }
                m_catchingUp.remove(numberId);
                qCWarning(lcInboundListener)
                    << "catch-up of number" << numberId << "stopped: the page did not advance";
                Q_EMIT catchUpFinished(numberId, stored, false);
                return;
            }
            m_catchingUp.remove(numberId);
            qCInfo(lcInboundListener)
                << "catch-up of number" << numberId << "recorded" << stored << "new messages";
            Q_EMIT catchUpFinished(numberId, stored, true);
        });
}
