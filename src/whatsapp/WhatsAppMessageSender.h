#pragma once

#include "outbox/MessageSender.h"

#include <QJsonObject>
#include <functional>

class Session;

// core's MessageSender over the live sessions of a SessionManager: each call becomes one adapter
// request on the number's page; acks and readiness come from the sessions' signals. It knows
// sessions only through the Session interface.
class WhatsAppMessageSender : public MessageSender
{
    Q_OBJECT
public:
    // The live session of a number, or null (SessionManager::session).
    using SessionLookup = std::function<Session *(qint64 numberId)>;
    explicit WhatsAppMessageSender(SessionLookup sessionFor, QObject *parent = nullptr);

    bool isReady(qint64 numberId) const override;
    QString newMessageId() const override;

    void isRegistered(qint64 numberId, const QString &recipientDigits,
                      std::function<void(Outcome, bool registered)> done) override;
    void sendText(qint64 numberId, const QString &recipientDigits, const QString &body,
                  const QString &waMessageId, std::function<void(Outcome)> done) override;
    void sendMedia(qint64 numberId, const QString &recipientDigits, const Media &media,
                   const QString &caption, const QString &waMessageId,
                   std::function<void(Outcome)> done) override;
    void sendRich(qint64 numberId, const QString &recipientDigits, const QJsonObject &content,
                  const QString &waMessageId, std::function<void(Outcome)> done) override;
    void hasMessage(qint64 numberId, const QString &recipientDigits, const QString &waMessageId,
                    std::function<void(Outcome, bool exists, int ack)> done) override;
    void setTyping(qint64 numberId, const QString &recipientDigits, bool typing) override;

    // Adapter error code → outcome (ERROR_NETWORK → Transient, not_on_whatsapp → NotOnWhatsApp…).
    static Outcome outcomeFor(bool ok, const QString &error);

    // Called by SessionManager for every session it creates.
    void attach(Session *session);

private:
    Session *readySession(qint64 numberId) const;
    SessionLookup m_sessionFor;
};
