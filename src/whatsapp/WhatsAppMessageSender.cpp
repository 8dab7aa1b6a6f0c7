#include "WhatsAppMessageSender.h"

#include "Session.h"

#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace {
constexpr int kQueryTimeoutMs = 30 * 1000;
constexpr int kSendTimeoutMs = 60 * 1000;
constexpr int kMediaTimeoutMs = 5 * 60 * 1000;

MessageSender::Outcome notReady()
{
    return {MessageSender::Outcome::Code::Transient, QStringLiteral("session_not_ready")};
}
} // namespace

WhatsAppMessageSender::WhatsAppMessageSender(SessionLookup sessionFor, QObject *parent)
    : MessageSender(parent), m_sessionFor(std::move(sessionFor))
{
}

void WhatsAppMessageSender::attach(Session *session)
{
    const qint64 numberId = session->numberId();
    connect(session, &Session::ackChanged, this,
            [this, numberId](const QString &id, int ack) { Q_EMIT ackChanged(numberId, id, ack); });
    auto wasReady = std::make_shared<bool>(session->state() == SessionState::Ready);
    connect(session, &Session::stateChanged, this,
            [this, numberId, wasReady](const QString &state, const QString &) {
                const bool ready = state == SessionState::Ready;
                if (ready == *wasReady)
                    return;
                *wasReady = ready;
                Q_EMIT readinessChanged(numberId, ready);
            });
    connect(session, &QObject::destroyed, this, [this, numberId, wasReady] {
        if (*wasReady)
            Q_EMIT readinessChanged(numberId, false);
    });
}

Session *WhatsAppMessageSender::readySession(qint64 numberId) const
{
    Session *session = m_sessionFor(numberId);
    return session && session->state() == SessionState::Ready ? session : nullptr;
}

bool WhatsAppMessageSender::isReady(qint64 numberId) const
{
    return readySession(numberId) != nullptr;
}

QString WhatsAppMessageSender::newMessageId() const
{
    // The shape WhatsApp Web's own WAWebMsgKey.newId() gives: "3EB0" + upper-case hex.
    QByteArray bytes(9, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 2);
    bytes[8] = char(QRandomGenerator::system()->bounded(256));
    return QStringLiteral("3EB0") + QString::fromLatin1(bytes.toHex().toUpper());
}

MessageSender::Outcome WhatsAppMessageSender::outcomeFor(bool ok, const QString &error)
{
    using Code = Outcome::Code;
    if (ok)
        return {Code::Ok, {}};
    if (error == QLatin1String("not_on_whatsapp"))
        return {Code::NotOnWhatsApp, error};
    // Permanent for this message: WhatsApp refused it for good.
    if (error == QLatin1String("ERROR_EXPIRED") || error == QLatin1String("ERROR_CANCELLED") ||
        error == QLatin1String("chat_not_found") ||
        // Rich messages: the quoted or reacted-to message is gone from the page, or WhatsApp
        // does not allow replying to it; the request itself was malformed.
        error == QLatin1String("target_not_found") || error == QLatin1String("cannot_reply") ||
        error == QLatin1String("bad_request"))
        return {Code::Failed, error};
    // Network, upload, timeouts, a session that went away, an outdated adapter (fixed by an
    // override + reconnect) and unknown errors: retry later; the dispatcher reconciles by id
    // (hasMessage) before any resend, so a send that did happen is not repeated.
    return {Code::Transient, error.isEmpty() ? QStringLiteral("ERROR_UNKNOWN") : error};
}

void WhatsAppMessageSender::isRegistered(qint64 numberId, const QString &recipientDigits,
                                         std::function<void(Outcome, bool)> done)
{
    Session *session = readySession(numberId);
    if (!session) {
        QTimer::singleShot(0, this, [done] { done(notReady(), false); });
        return;
    }
    session->request(
        QStringLiteral("isRegistered"), {{QStringLiteral("to"), recipientDigits}}, kQueryTimeoutMs,
        [done](bool ok, const QJsonObject &result, const QString &error, const QString &) {
            done(outcomeFor(ok, error), ok && result.value(QLatin1String("registered")).toBool());
        });
}

void WhatsAppMessageSender::sendText(qint64 numberId, const QString &recipientDigits,
                                     const QString &body, const QString &waMessageId,
                                     std::function<void(Outcome)> done)
{
    Session *session = readySession(numberId);
    if (!session) {
        QTimer::singleShot(0, this, [done] { done(notReady()); });
        return;
    }
    session->request(QStringLiteral("sendText"),
                     {{QStringLiteral("to"), recipientDigits},
                      {QStringLiteral("body"), body},
                      {QStringLiteral("msgId"), waMessageId}},
                     kSendTimeoutMs,
                     [done](bool ok, const QJsonObject &, const QString &error, const QString &) {
                         done(outcomeFor(ok, error));
                     });
}

void WhatsAppMessageSender::sendMedia(qint64 numberId, const QString &recipientDigits,
                                      const Media &media, const QString &caption,
                                      const QString &waMessageId, std::function<void(Outcome)> done)
{
    Session *session = readySession(numberId);
    if (!session) {
        QTimer::singleShot(0, this, [done] { done(notReady()); });
        return;
    }
    // The kind was decided from the download (MediaTypes): an image/tiff is a document, and
    // the page is told so rather than left to guess from the MIME type.
    const bool asDocument = !MediaTypes::sendsInline(media.kind);
    // The page reads the file itself through a one-time wamator-media: URL (MediaScheme): the
    // request carries the URL, not the bytes.
    const QUrl url = session->offerMedia(media.path, media.mimetype);
    if (url.isEmpty()) {
        QTimer::singleShot(0, this, [done] {
            done({MessageSender::Outcome::Code::Transient, QStringLiteral("media_unavailable")});
        });
        return;
    }
    QPointer<Session> guard(session);
    session->request(
        QStringLiteral("sendMedia"),
        {{QStringLiteral("to"), recipientDigits},
         {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
         {QStringLiteral("size"), media.size},
         {QStringLiteral("mimetype"), media.mimetype},
         {QStringLiteral("filename"), media.filename},
         {QStringLiteral("caption"), caption},
         {QStringLiteral("asDocument"), asDocument},
         {QStringLiteral("ptt"), media.voice},
         {QStringLiteral("quoted"), media.quoted},
         {QStringLiteral("msgId"), waMessageId}},
        kMediaTimeoutMs,
        [done, guard, url](bool ok, const QJsonObject &, const QString &error, const QString &) {
            if (guard)
                guard->withdrawMedia(url); // unread (a failure before the read)
            done(outcomeFor(ok, error));
        });
}

void WhatsAppMessageSender::sendRich(qint64 numberId, const QString &recipientDigits,
                                     const QJsonObject &content, const QString &waMessageId,
                                     std::function<void(Outcome)> done)
{
    Session *session = readySession(numberId);
    if (!session) {
        QTimer::singleShot(0, this, [done] { done(notReady()); });
        return;
    }
    // One adapter op per kind (whatsapp-adapter.js): sendText with a quote, sendLocation,
    // sendContacts, sendReaction.
    const QString type = content.value(QLatin1String("type")).toString();
    QJsonObject args{{QStringLiteral("to"), recipientDigits},
                     {QStringLiteral("msgId"), waMessageId}};
    const QJsonValue quoted = content.value(QLatin1String("quoted"));
    if (quoted.isObject())
        args.insert(QStringLiteral("quoted"), quoted);
    QString op;
    if (type == QLatin1String("text")) {
        op = QStringLiteral("sendText");
        args.insert(QStringLiteral("body"), content.value(QLatin1String("body")));
    } else if (type == QLatin1String("location")) {
        op = QStringLiteral("sendLocation");
        args.insert(QStringLiteral("location"), content.value(QLatin1String("location")));
    } else if (type == QLatin1String("contact")) {
        op = QStringLiteral("sendContacts");
        args.insert(QStringLiteral("vcards"), content.value(QLatin1String("vcards")));
    } else if (type == QLatin1String("reaction")) {
        op = QStringLiteral("sendReaction");
        args.insert(QStringLiteral("reaction"), content.value(QLatin1String("reaction")));
    } else {
        QTimer::singleShot(0, this, [done] {
            done({MessageSender::Outcome::Code::Failed, QStringLiteral("unsupported_type")});
        });
        return;
    }
    session->request(op, args, kSendTimeoutMs,
                     [done](bool ok, const QJsonObject &, const QString &error, const QString &) {
                         done(outcomeFor(ok, error));
                     });
}

void WhatsAppMessageSender::hasMessage(qint64 numberId, const QString &recipientDigits,
                                       const QString &waMessageId,
                                       std::function<void(Outcome, bool, int)> done)
{
    Session *session = readySession(numberId);
    if (!session) {
        QTimer::singleShot(0, this, [done] { done(notReady(), false, 0); });
        return;
    }
    session->request(
        QStringLiteral("hasMessage"),
        {{QStringLiteral("msgId"), waMessageId}, {QStringLiteral("to"), recipientDigits}},
        kQueryTimeoutMs,
        [done](bool ok, const QJsonObject &result, const QString &error, const QString &) {
            const bool exists = ok && result.value(QLatin1String("exists")).toBool();
            done(outcomeFor(ok, error), exists,
                 exists ? result.value(QLatin1String("ack")).toInt() : 0);
        });
}

void WhatsAppMessageSender::setTyping(qint64 numberId, const QString &recipientDigits, bool typing)
{
    Session *session = readySession(numberId);
    if (!session)
        return;
    session->request(QStringLiteral("typing"),
                     {{QStringLiteral("to"), recipientDigits}, {QStringLiteral("on"), typing}},
                     kQueryTimeoutMs,
                     [](bool, const QJsonObject &, const QString &, const QString &) {});
}
