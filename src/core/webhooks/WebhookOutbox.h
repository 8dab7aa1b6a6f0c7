#pragma once

#include "Events.h"

#include <QHash>
#include <QObject>
#include <QReadWriteLock>
#include <QSqlDatabase>
#include <QString>
#include <QVector>

class EventBus;

// Stages webhook events (docs/webhooks.md): one webhook_events row (the exact body that will
// be POSTed, its id the webhook-id header) and one webhook_deliveries row per matching enabled
// endpoint, written on the caller's connection INSIDE the caller's transaction, so an event
// exists exactly when the change that caused it was committed (a rollback leaves none; a crash
// after the commit loses none). No matching endpoint → nothing is written: which vendors listen
// to which types is kept in memory (loaded per vendor on first use, dropped by every
// WebhookStore write), so the common case costs a hash lookup.
//
// Thread-safe: producers on worker threads call stage() with their own connection.
class WebhookOutbox : public QObject
{
    Q_OBJECT
public:
    // events: where completeBatches() publishes batch_completed after the caller's commit
    // (null: not published, tests of staging alone).
    explicit WebhookOutbox(QString connectionName, EventBus *events = nullptr,
                           QObject *parent = nullptr);

    // Inside the caller's open transaction on `db`. Types that webhooks do not carry
    // (contact_opted_in, webhook_disabled) are ignored. Returns the event id, or "" when no
    // endpoint matched (nothing written). Throws DomainError Internal on an SQL failure (the
    // caller's transaction rolls back with it).
    QString stage(QSqlDatabase &db, qint64 vendorId, const Event &event);

    // The same in a transaction of its own on this object's connection, opened only when an
    // endpoint of the vendor listens (session_state and qr have no transaction of their own).
    // Never throws: a failure is logged (the caller, a session's signal handler, goes on).
    QString stageNow(qint64 vendorId, const Event &event);

    // Whether an enabled endpoint of the vendor takes `type` (for any of its users): lets a
    // caller skip reading what the event needs when nobody listens.
    bool listens(QSqlDatabase &db, qint64 vendorId, const QString &type);
    // Whether the vendor has an enabled endpoint at all (the cache; read on this object's
    // connection, on its thread, when not loaded).
    bool hasEndpoints(qint64 vendorId);

    // Message status changes, inside the caller's transaction: the row's MessageStatusEvent
    // as it is now; stageStatusOf reads the row first, only when the vendor listens.
    void stageStatus(QSqlDatabase &db, const Message &m, qint64 atMs);
    void stageStatusOf(QSqlDatabase &db, qint64 vendorId, qint64 messageId, qint64 atMs);

    // Inside the caller's transaction, after it moved messages out of pending/sending: for each
    // of their batches that has no pending or sending message left and was not completed
    // before, records the completion (batch_completions) and stages its BatchCompletedEvent.
    // The event is published on the EventBus once the caller has committed (checked: a rolled
    // back completion publishes nothing). Returns the completed batches' events.
    QList<BatchCompletedEvent> completeBatches(QSqlDatabase &db, const QList<Message> &finished);
    QList<BatchCompletedEvent> completeBatches(QSqlDatabase &db, qint64 vendorId,
                                               const QStringList &batchIds);

    struct Staged
    {
        QString eventId;
        qint64 deliveryId = 0;
    };
    // A "webhook.test" event for that endpoint only (its own transaction; NotFound for another
    // vendor's endpoint; sent to a disabled endpoint too, so the vendor can try it).
    Staged stageTest(qint64 vendorId, qint64 endpointId);
    // A NEW delivery of the same event (same webhook-id, same body) to that endpoint; NotFound
    // if the delivery is not that endpoint's or the endpoint not the vendor's.
    Staged replay(qint64 vendorId, qint64 endpointId, qint64 deliveryId);

    // "msg_" + 27 random base62 characters.
    static QString newEventId();
    // The POSTed body: {"type","timestamp","data"} compact, data = the WebSocket event JSON.
    static QByteArray body(const QString &type, qint64 atMs, const QJsonObject &data);

    // completeBatches' statements (binds: batch id; batch id, vendor id), for the test that
    // checks their query plans.
    static QString openRowSql();
    static QString batchCountsSql();

    // WebhookStore calls this after each write of the vendor's endpoints.
    void invalidate(qint64 vendorId);

    // Rows were staged and (for stage()) the caller's transaction is about to commit. Emitted
    // queued on this object's thread, so never inside the caller's transaction on that thread;
    // a deliverer woken before a worker thread's commit finds the rows at its next wake-up
    // (EventBus::occurred, published after every producer's commit, or its 1 s poll).
    Q_SIGNAL void staged(qint64 vendorId);

private:
    struct Listener
    {
        qint64 endpointId = 0;
        qint64 appUserId = 0;
        QStringList events;
    };
    QVector<Listener> listeners(QSqlDatabase &db, qint64 vendorId);
    void notify(qint64 vendorId);
    void publishCompletedLater(qint64 vendorId, const BatchCompletedEvent &event);

    QString m_connection;
    EventBus *m_events = nullptr;
    QReadWriteLock m_lock;
    QHash<qint64, QVector<Listener>> m_cache; // vendor → enabled endpoints; absent = not loaded
    quint64 m_generation = 0;                 // bumped by every invalidate()
};
