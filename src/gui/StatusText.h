#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>

// Words and colours for session states and message statuses, the same on every page.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)

public:
    static QString sessionState(const QString &state);
    static QColor sessionColor(const QString &state);
    // Words for a failure reason; compares the code before ":" (reasons carry details such as
    // "engine_outdated: WhatsApp Web refused Chromium 102...").
    static QString sessionReason(const QString &reason);
    // What the operator can do about that reason; "" when nothing needs doing.
    static QString sessionAdvice(const QString &reason);
    static QString messageStatus(const QString &status);
    static QColor messageColor(const QString &status);
    // Why MessageComposer refused a recipient (RecipientResult::reason: opted_out, …), in the
    // words the compose dialog and the Conversations reply box both show.
    static QString rejectionReason(const QString &reason);
    // A stored inbound type (InboundMessage::type: image, voice, contact, …).
    static QString inboundType(const QString &type);
    // Who changed a contact's opt-out state (OptOutService sources: keyword, operator, …).
    static QString optOutSource(const QString &source);
};
