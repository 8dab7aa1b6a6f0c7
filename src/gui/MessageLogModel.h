#pragma once

#include "Entities.h"
#include "messaging/MessageStore.h"

#include <QAbstractTableModel>

class Database;

// The operator's delivery log: one page of MessageStore::listForOperator with its total,
// fetched on a worker thread so a log of millions of rows never blocks the window.
class MessageLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Created, Recipient, Status, Body, Batch, Error, ColumnCount };

    explicit MessageLogModel(Database &database, QObject *parent = nullptr);

    void setFilter(const MessageStore::Filter &filter); // back to page 1
    MessageStore::Filter filter() const { return m_filter; }
    void setPage(int page);
    int page() const { return m_page; }
    int pageSize() const { return m_pageSize; }
    int pageCount() const;
    int total() const { return m_total; }
    Message messageAt(int row) const;
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    Database &m_database;
    MessageStore::Filter m_filter;
    int m_page = 1;
    int m_pageSize = 200;
    int m_total = 0;
    quint64 m_generation = 0;
    QList<Message> m_rows;
};
