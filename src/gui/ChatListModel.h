#pragma once

#include "CoalescedRead.h"
#include "inbound/InboundStore.h"

#include <QAbstractTableModel>

class Database;

// The Conversations page's chat list: every customer who wrote to one of a user's numbers
// (InboundStore::chats: per number and phone, newest first, with the unread count), read on a
// worker thread with its own connection so a long history never holds up the window. Answers
// of older reads are dropped, and a refresh asked for while a read runs waits for it (one more
// read then, however many were asked for: a burst of incoming messages costs two reads).
class ChatListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Customer,
        Unread, // next to the name: always in sight on a narrow list
        LastMessage,
        Received,
        Number,
        ColumnCount
    };

    explicit ChatListModel(Database &database, QObject *parent = nullptr);

    // numberId 0: all the user's numbers. Reads at once.
    void setUser(qint64 vendorId, qint64 userId, qint64 numberId = 0);
    void refresh();

    qint64 vendorId() const { return m_vendorId; }
    qint64 userId() const { return m_userId; }
    qint64 numberId() const { return m_numberId; }
    InboundStore::Chat chatAt(int row) const;
    // The row of the chat with this number and sender key (chatKey), -1 when not listed.
    int rowOf(qint64 numberId, const QString &key) const;
    int unreadTotal() const;
    // How many reads were started (tests: a burst of refreshes must not start one each).
    int readsStarted() const { return m_read.readsStarted(); }
    // What identifies a chat's customer for InboundStore::conversation: the phone digits, or
    // the "…@lid" of a sender whose phone is not known.
    static QString chatKey(const InboundStore::Chat &chat);
    // "Name (+234…)", "+234…" or the @lid.
    static QString customerText(const InboundStore::Chat &chat);
    // One line saying what a message is: its text, or its type with file name and caption.
    static QString preview(const InboundMessage &message);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    struct ChatsRead
    {
        QList<InboundStore::Chat> chats;
        QHash<qint64, QString> numberPhones;
    };

    qint64 m_vendorId = 0;
    qint64 m_userId = 0;
    qint64 m_numberId = 0;
    QList<InboundStore::Chat> m_rows;
    QHash<qint64, QString> m_numberPhones; // numberId → "+digits" of our number
    CoalescedRead<ChatsRead> m_read;
};
