#pragma once

#include "CoalescedRead.h"
#include "webhooks/WebhookEndpoint.h"

#include <QAbstractTableModel>
#include <QHash>

class CoreServices;

// The Webhooks page's endpoint table: a vendor's endpoints (WebhookStore::list) with their
// health — enabled or why disabled, failing since when — and their newest delivery
// (WebhookDeliveryStore::deliveries, limit 1), read on a worker thread with its own
// connection. Answers of older reads are dropped; a refresh asked for while a read runs makes
// one more read when it ends.
class WebhookEndpointModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Url,
        Health,
        LastDelivery,
        Events,
        User,
        Description,
        ColumnCount
    };
    // The newest delivery of an endpoint, as the table shows it.
    struct NewestDelivery
    {
        qint64 id = 0; // 0 = none yet
        QString status;
        int statusCode = 0;
        QString error;
        qint64 atMs = 0; // delivered_at, else updated_at
    };
    struct Row
    {
        WebhookEndpoint endpoint;
        NewestDelivery last;
        QString userName; // "" for a vendor-wide endpoint
    };

    explicit WebhookEndpointModel(CoreServices &core, QObject *parent = nullptr);

    void setVendor(qint64 vendorId); // reads at once
    void refresh();

    qint64 vendorId() const { return m_vendorId; }
    Row rowAt(int row) const;
    int rowOf(qint64 endpointId) const;
    int disabledCount() const;
    int readsStarted() const { return m_read.readsStarted(); }
    // "Enabled", "Failing since …", "Disabled: why (when)".
    static QString healthText(const WebhookEndpoint &endpoint);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    CoreServices &m_core;
    qint64 m_vendorId = 0;
    QList<Row> m_rows;
    CoalescedRead<QList<Row>> m_read;
};
