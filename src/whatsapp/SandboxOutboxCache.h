#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// Each sandbox number's outbox as Wamator knows it, for GET /sandbox/.../outbox
// (SessionManager::cachedSandboxOutbox). Kept in step by the simulator itself: each record
// arrives when the simulator receives the message, before its first ack
// (WebEngineSession::sandboxOutboxRecord), and acks update it; so a read right after a batch
// reports `sent` finds every message. Records a previous run left in the page's storage come
// once, from one copy of the page's outbox taken when the session is ready (the baseline).
// Plain data: SessionManager owns it, talks to the pages and feeds it on the GUI thread.
class SandboxOutboxCache
{
public:
    // The session of numberId became ready: its cache starts over, and a copy of the page's
    // outbox is awaited. Returns the copy's id for applyBaseline.
    quint64 beginBaseline(qint64 numberId);
    // The page's outbox as copied for `copy`. Ignored when the number's cache is gone or a
    // newer copy is awaited. Records announced while the copy was under way stay after the
    // copied ones; acks seen meanwhile win over the copy's (the copy may be older).
    void applyBaseline(qint64 numberId, quint64 copy, const QJsonArray &copied);
    // The simulator received a message: `key` is the id its acks name it by (MsgKey.id).
    void addRecord(qint64 numberId, const QString &key, QJsonObject record);
    // An ack for a record (acks only go up).
    void ack(qint64 numberId, const QString &key, int ack);
    // The number's session closed: its cache goes.
    void remove(qint64 numberId);
    // The records in the order the simulator received them (empty when none).
    QJsonArray records(qint64 numberId) const;

private:
    struct Outbox
    {
        struct Entry
        {
            QString key;        // the id ack events name it by (MsgKey.id)
            QJsonObject record; // api.md fields (and whatever else the simulator keeps)
        };
        QList<Entry> records;          // in the order the simulator received them
        QHash<QString, int> index;     // key → position in records
        QHash<QString, int> earlyAcks; // acks for records the baseline copy has yet to bring
        quint64 baseline = 0;          // which copy is awaited (0: none)
    };
    QHash<qint64, Outbox> m_outboxes;
    quint64 m_copies = 0;
};
