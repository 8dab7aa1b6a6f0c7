#pragma once

#include "CoalescedRead.h"
#include "webhooks/WebhookDeliveryStore.h"

#include <QAbstractTableModel>

class Database;

// The delivery log of one endpoint, newest first (WebhookDeliveryStore::deliveries, what
// GET /webhooks/:id/deliveries answers), filtered by status and a start time, read on a worker
// thread with its own connection. The newest kLimit rows are kept; answers of older reads are
// dropped, and refreshes asked for while a read runs make one more read.
class WebhookDeliveryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int kLimit = 500;
    enum Column
    {
        Created,
        Type,
        Status,
        Attempts,
        Code,
        Latency,
        Outcome, // the last error, or when the next attempt is due
        EventId,
        ColumnCount
    };

    explicit WebhookDeliveryModel(Database &database, QObject *parent = nullptr);

    // endpointId 0: no endpoint, no rows. status "" = any, sinceMs 0 = all. Reads at once.
    void setFilter(qint64 vendorId, qint64 endpointId, const QString &status, qint64 sinceMs);
    void refresh();

    qint64 vendorId() const { return m_vendorId; }
    qint64 endpointId() const { return m_endpointId; }
    WebhookDeliveryStore::Entry entryAt(int row) const;
    int rowOf(qint64 deliveryId) const;
    // Several lines about one delivery: status, attempts, code, latency, error and the first
    // bytes of the receiver's answer.
    static QString detailText(const WebhookDeliveryStore::Entry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    qint64 m_vendorId = 0;
    qint64 m_endpointId = 0;
    QString m_status;
    qint64 m_sinceMs = 0;
    QList<WebhookDeliveryStore::Entry> m_rows;
    CoalescedRead<QList<WebhookDeliveryStore::Entry>> m_read;
};
