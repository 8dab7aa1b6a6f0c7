#pragma once

#include "messaging/BatchStore.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class CoreServices;

// Batches as campaigns (issue #16): their state, counts and ETA, and the operator's and the
// vendor's controls over them (pause, resume, cancel). The one home of these rules: the REST
// API (MessagesController) and the window (MessagesPage) both call it.
//
// State, from the batch's messages and its row in `batches`:
//   completed  nothing left to send (no scheduled, pending or sending message) and none cancelled
//   cancelled  nothing left to send and at least one message was cancelled
//   paused     paused_at is set: the outbox takes none of its rows (a message already
//              `sending` finishes); its send_at, if any, still turns scheduled rows pending
//   scheduled  every open message is still `scheduled` (send_at has not come)
//   running    otherwise
//
// ETA (while scheduled or running): start + left × the mean pause between two sends of the
// numbers that may send it (SendPacer: (min + max delay) / 2 + the typing shown for its first
// text), divided among them; start is send_at while scheduled, else now. Unpaced numbers
// (sandbox) count no pause: the ETA is then the start. The daily cap and quiet hours are not
// in it (a batch that meets them takes longer).
class CampaignService
{
public:
    explicit CampaignService(CoreServices &core);
    ~CampaignService();

    static const QString kScheduled;
    static const QString kRunning;
    static const QString kPaused;
    static const QString kCompleted;
    static const QString kCancelled;

    struct Batch
    {
        QString batchId;
        qint64 vendorId = 0;
        qint64 userId = 0;
        QString state;
        QHash<QString, int> counts; // every status of MessageStatus::all(), 0 when none
        int total = 0;
        int left = 0;        // scheduled + pending + sending
        qint64 sendAt = 0;   // 0: none
        qint64 pausedAt = 0; // 0: not paused
        qint64 createdAt = 0;
        qint64 etaMs = 0; // when the last message should be handed to WhatsApp; 0: none
    };

    // The state the rules above give.
    static QString stateOf(const QHash<QString, int> &counts, bool paused);

    Batch batch(qint64 vendorId, const QString &batchId) const; // 404
    // The user's batches, newest first (404 when the user is not the vendor's).
    QList<Batch> list(qint64 vendorId, qint64 userId, int offset, int limit) const;
    int count(qint64 vendorId, qint64 userId) const;
    // The newest batches of every vendor (the window).
    QList<Batch> listRecent(int limit) const;

    // 404 unknown batch; 409 batch_finished when nothing is left to send. Pausing a paused
    // batch (or resuming a running one) changes nothing and answers its state. Each change
    // publishes a batch_state event.
    Batch pause(qint64 vendorId, const QString &batchId);
    Batch resume(qint64 vendorId, const QString &batchId);
    // Scheduled and pending (also paused) messages → cancelled, with their message_status
    // events, and a batch_state event when that ended the batch (none still sending); 404
    // unknown batch. Returns how many were cancelled.
    int cancel(qint64 vendorId, const QString &batchId);

private:
    QList<Batch> complete(const QList<BatchStore::Row> &rows) const;
    Batch require(qint64 vendorId, const QString &batchId) const;
    qint64 etaOf(const Batch &b) const;
    void publishState(const Batch &b);

    CoreServices &m_core;
    std::unique_ptr<BatchStore> m_store;
};
