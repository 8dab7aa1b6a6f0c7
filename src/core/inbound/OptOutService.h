#pragma once

#include "Entities.h"
#include "inbound/InboundMessage.h"

#include <QJsonObject>
#include <QList>
#include <QString>

class CoreServices;

// The opt-out rule book, one home for the recorder, the API and the window: a customer who
// writes an opt-out keyword (settings optout/keywords: the whole message, trimmed, case- and
// accent-insensitive) stops receiving the user's messages, START/UNSTOP (optout/optin_keywords)
// opts back in. Opting out sets the contact's message_opt_in to false with opted_out_at and
// the source, cancels the user's pending messages to that phone (status cancelled,
// error_message "opted_out"; the quota gets their places back), records the change in
// contact_opt_events, publishes contact_opted_out and, when optout/confirmation_enabled, queues
// the confirmation (optout/confirmation_template) through MessageComposer like any message.
// New sends to an opted-out contact are rejected by MessageComposer (opted_out).
class OptOutService
{
public:
    explicit OptOutService(CoreServices &core);
    ~OptOutService();

    // Sources of a change (contact_opt_events.source).
    static constexpr QLatin1String kKeyword{"keyword"};
    static constexpr QLatin1String kOperator{"operator"};
    static constexpr QLatin1String kApi{"api"};
    static constexpr QLatin1String kImport{"import"};

    enum class Keyword
    {
        None,
        OptOut,
        OptIn
    };
    // Which keyword the whole text is, by the current settings.
    Keyword classify(const QString &text) const;
    // The form keywords are compared in: trimmed, case-folded, accents removed ("  Arrêt " →
    // "arret").
    static QString fold(const QString &text);

    // A newly recorded incoming message: when it is a text keyword from a contact of the
    // user, opts the contact out or in (source keyword). Returns true if it changed the
    // contact. Never throws (a failure is logged: the message is recorded either way).
    bool handleIncoming(const InboundMessage &message);
    // "opt_out" | "opt_in" for a keyword text, else null: the verdict the recorder stores with
    // the message (InboundMessage::keyword), so a crash before it is applied loses nothing.
    QString keywordAction(const QString &text) const;
    // Applies the stored keyword verdicts a crash left unapplied (InboundStore::
    // pendingKeywords), in order; CoreServices runs it when it opens. Returns how many.
    int applyPending();

    struct Result
    {
        Contact contact;      // after the change
        bool changed = false; // false: it already was in that state (nothing recorded)
        int cancelled = 0;    // pending messages cancelled (opt-out)
        qint64 eventId = 0;   // the contact_opt_events row, 0 when unchanged
    };
    // source: kKeyword, kOperator, kApi, kImport. NotFound for another vendor's user or
    // contact. receivedMessageId: the message that asked for it (keyword), else 0.
    Result optOut(qint64 vendorId, qint64 userId, qint64 contactId, const QString &source,
                  const QString &reason = QString(), qint64 receivedMessageId = 0);
    // Opting back in by an operator or the API needs a reason (Validation reason_required);
    // a keyword needs none.
    Result optIn(qint64 vendorId, qint64 userId, qint64 contactId, const QString &source,
                 const QString &reason, qint64 receivedMessageId = 0);

    // A contact's opt-out state as stored (contacts.message_opt_in, opted_out_at,
    // opt_out_source). NotFound for another vendor's contact.
    struct State
    {
        bool optedOut = false;   // message_opt_in is false
        qint64 optedOutAtMs = 0; // 0 when opted in, or opted out before migration 4
        QString source;          // null when opted in
    };
    State state(qint64 vendorId, qint64 contactId) const;

    struct HistoryEntry
    {
        qint64 id = 0;
        qint64 appUserId = 0;
        qint64 contactId = 0;
        QString action; // "opt_out" | "opt_in"
        QString source;
        QString reason; // null when none
        qint64 receivedMessageId = 0;
        qint64 atMs = 0;
        // {id, app_user_id, contact_id, action, source, reason, received_message_id, at}
        QJsonObject toJson() const;
    };
    // The contact's changes, newest first. NotFound for another vendor's contact.
    QList<HistoryEntry> history(qint64 vendorId, qint64 contactId) const;

private:
    Result change(qint64 vendorId, qint64 userId, qint64 contactId, bool optIn,
                  const QString &source, const QString &reason, qint64 receivedMessageId);
    void sendConfirmation(const Contact &contact, qint64 numberId);
    void markKeywordApplied(qint64 receivedMessageId);

    CoreServices &m_core;
};
