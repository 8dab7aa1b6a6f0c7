#pragma once

#include "messaging/MediaTypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaObject>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

// What the dispatcher needs from WhatsApp, knowing nothing of browsers. The whatsapp layer
// implements it over its sessions (WhatsAppMessageSender); core tests may script it.
// Every call is asynchronous and calls `done` exactly once, on the caller's thread.
class MessageSender : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // A downloaded media file. The bytes stay in MediaFetcher's cache file (`path`): the sender
    // reads them from there when it sends, so no copy of them travels through the dispatcher.
    // `lease` holds the dispatcher's bytes-in-flight budget while any copy of this lives.
    struct Media
    {
        QString path;
        qint64 size = 0;
        QString mimetype;
        QString filename;
        // Decided once, from the download (MediaTypes::detect); the sender sends it as this
        // kind and never guesses again from `mimetype` (an image/tiff is a Document).
        MediaTypes::Kind kind = MediaTypes::Kind::Unsupported;
        std::shared_ptr<void> lease;
        // Sent as a voice note (WhatsApp's ptt): the file is OGG/Opus (VoiceConverter).
        bool voice = false;
        // The message a reply quotes ({wa_id, from_me, chat}: RichMessage), empty when none.
        QJsonObject quoted;
    };

    struct Outcome
    {
        enum class Code {
            Ok,            // WhatsApp accepted the message (ack 1 follows as an event)
            NotOnWhatsApp, // permanent: the recipient has no WhatsApp
            Transient,     // network, session not ready, upload failure: retry later
            Failed,        // permanent for this message
        };
        Code code = Code::Ok;
        QString error; // short machine-readable reason, e.g. "ERROR_NETWORK", "session_not_ready"
    };

    virtual bool isReady(qint64 numberId) const = 0;
    // A WhatsApp message id for a send that has not happened yet, stored before the call so a
    // crash in between can be reconciled (hasMessage) instead of resent.
    virtual QString newMessageId() const = 0;

    virtual void isRegistered(qint64 numberId, const QString &recipientDigits,
                              std::function<void(Outcome, bool registered)> done) = 0;
    virtual void sendText(qint64 numberId, const QString &recipientDigits, const QString &body,
                          const QString &waMessageId, std::function<void(Outcome)> done) = 0;
    virtual void sendMedia(qint64 numberId, const QString &recipientDigits, const Media &media,
                           const QString &caption, const QString &waMessageId,
                           std::function<void(Outcome)> done) = 0;
    // Location, contact cards, reactions and quoted texts. `content` is {type: text | location
    // | contact | reaction, body?, location?, vcards?, reaction?, quoted?} (RichMessage's
    // payload plus the rendered text). Senders without them fail it for good.
    virtual void sendRich(qint64 numberId, const QString &recipientDigits,
                          const QJsonObject &content, const QString &waMessageId,
                          std::function<void(Outcome)> done)
    {
        Q_UNUSED(numberId);
        Q_UNUSED(recipientDigits);
        Q_UNUSED(content);
        Q_UNUSED(waMessageId);
        QMetaObject::invokeMethod(
            this,
            [done] {
                done({Outcome::Code::Failed, QStringLiteral("unsupported_type")});
            },
            Qt::QueuedConnection);
    }
    // Whether the session already holds a message with this id (sent before a crash), and its
    // current ack (-1..4) when it does. The recipient lets WhatsApp Web look the message up in
    // its local database by its full key when it is not among the messages it has loaded.
    virtual void hasMessage(qint64 numberId, const QString &recipientDigits,
                            const QString &waMessageId,
                            std::function<void(Outcome, bool exists, int ack)> done) = 0;
    // Typing presence towards the recipient (pacing); fire and forget.
    virtual void setTyping(qint64 numberId, const QString &recipientDigits, bool typing) = 0;

Q_SIGNALS:
    // WhatsApp ack values: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played.
    void ackChanged(qint64 numberId, const QString &waMessageId, int ack);
    void readinessChanged(qint64 numberId, bool ready);
};
