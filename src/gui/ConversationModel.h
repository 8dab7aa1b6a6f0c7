#pragma once

#include "inbound/InboundStore.h"

#include <QAbstractListModel>

class Database;

// The timeline of one customer and one user on the Conversations page: what the customer sent
// and what we sent them (with its status), oldest first, as InboundStore::conversation gives it.
// Only the newest page is read at first and older pages on request, each on a worker thread
// with its own connection, so a customer with years of history costs one page. Answers of
// reads of another conversation are dropped; refreshes asked for while a read runs make one
// read when it answers (a burst of messages or statuses costs two reads, not one each).
class ConversationModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role
    {
        DirectionRole = Qt::UserRole + 1, // "in" | "out"
        StatusRole,                       // out: MessageStatus::*; in: ""
        ContentRole,                      // what the message says, without the header line
        AtRole                            // ms
    };
    static constexpr int kPageSize = 100;
    // A refresh keeps what was loaded, up to this many entries.
    static constexpr int kMaxEntries = 2000;

    explicit ConversationModel(Database &database, QObject *parent = nullptr);

    // key: phone digits, or the "…@lid" of a sender whose phone is unknown; "" clears.
    void setConversation(qint64 vendorId, qint64 userId, const QString &key);
    void refresh();   // the newest entries again (as many as are loaded, at least a page)
    void loadOlder(); // the page before the oldest loaded entry

    QString key() const { return m_key; }
    bool hasOlder() const { return m_hasOlder; }
    bool isLoading() const { return m_loading; }
    InboundStore::TimelineEntry entryAt(int row) const;
    // The words for an entry; quotes and reactions name the message they point at when it is
    // among `context` (the loaded entries).
    static QString content(const InboundStore::TimelineEntry &entry,
                           const QList<InboundStore::TimelineEntry> &context);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    void read(qint64 beforeMs, int limit, bool older);

    Database &m_database;
    qint64 m_vendorId = 0;
    qint64 m_userId = 0;
    QString m_key;
    quint64 m_generation = 0;
    bool m_hasOlder = false;
    bool m_loading = false;
    bool m_refreshAgain = false;
    QList<InboundStore::TimelineEntry> m_rows;
};
