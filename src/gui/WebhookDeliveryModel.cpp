#include "WebhookDeliveryModel.h"

#include "WebhookText.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

namespace {
QString when(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}
} // namespace

WebhookDeliveryModel::WebhookDeliveryModel(Database &database, QObject *parent)
    : QAbstractTableModel(parent),
      m_read(
          database, this,
          [this]() -> CoalescedRead<QList<WebhookDeliveryStore::Entry>>::Work {
              const qint64 vendor = m_vendorId, endpoint = m_endpointId, since = m_sinceMs;
              const QString status = m_status;
              return [vendor, endpoint, status, since](const QString &connection) {
                  return WebhookDeliveryStore(connection)
                      .deliveries(vendor, endpoint, status, since, kLimit);
              };
          },
          [this] { return m_vendorId > 0 && m_endpointId > 0; },
          [this](const BackgroundQuery::Result<QList<WebhookDeliveryStore::Entry>> &r) {
              if (!r.value) {
                  Q_EMIT failed(r.error);
                  return;
              }
              beginResetModel();
              m_rows = *r.value;
              endResetModel();
              Q_EMIT loaded();
          })
{
}

void WebhookDeliveryModel::setFilter(qint64 vendorId, qint64 endpointId, const QString &status,
                                     qint64 sinceMs)
{
    m_vendorId = vendorId;
    m_endpointId = endpointId;
    m_status = status;
    m_sinceMs = sinceMs;
    m_read.invalidate(); // a running read is for the old filter: its answer is dropped
    refresh();
}

void WebhookDeliveryModel::refresh()
{
    if (m_vendorId <= 0 || m_endpointId <= 0) {
        m_read.invalidate();
        beginResetModel();
        m_rows.clear();
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    m_read.request();
}

WebhookDeliveryStore::Entry WebhookDeliveryModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : WebhookDeliveryStore::Entry{};
}

int WebhookDeliveryModel::rowOf(qint64 deliveryId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == deliveryId)
            return i;
    }
    return -1;
}

QString WebhookDeliveryModel::detailText(const WebhookDeliveryStore::Entry &e)
{
    if (e.id == 0)
        return {};
    QStringList lines;
    lines << tr("Delivery %1 of event %2 (%3): %4 after %n attempt(s).", nullptr, e.attempts)
                 .arg(e.id)
                 .arg(e.eventId, e.eventType, WebhookText::deliveryStatus(e.status));
    if (e.lastStatusCode > 0 || e.lastLatencyMs >= 0)
        lines << tr("Last answer: HTTP %1 in %2 ms.")
                     .arg(e.lastStatusCode > 0 ? QString::number(e.lastStatusCode)
                                               : QStringLiteral("—"))
                     .arg(e.lastLatencyMs >= 0 ? QString::number(e.lastLatencyMs)
                                               : QStringLiteral("—"));
    if (!e.lastError.isEmpty())
        lines << tr("Last error: %1.").arg(WebhookText::deliveryError(e.lastError));
    if (e.status == QLatin1String("pending") && e.nextAttemptAt > 0)
        lines << tr("Next attempt: %1.").arg(when(e.nextAttemptAt));
    if (e.deliveredAt > 0)
        lines << tr("Delivered: %1.").arg(when(e.deliveredAt));
    if (!e.lastResponse.isEmpty())
        lines << tr("Answer (first bytes): %1").arg(e.lastResponse);
    return lines.join(QLatin1Char('\n'));
}

int WebhookDeliveryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookDeliveryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookDeliveryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const WebhookDeliveryStore::Entry &e = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Created:
            return when(e.createdAt);
        case Type:
            return e.eventType;
        case Status:
            return WebhookText::deliveryStatus(e.status);
        case Attempts:
            return e.attempts;
        case Code:
            return e.lastStatusCode > 0 ? QVariant(e.lastStatusCode) : QVariant(QString());
        case Latency:
            return e.lastLatencyMs >= 0 ? tr("%1 ms").arg(e.lastLatencyMs) : QString();
        case Outcome:
            if (e.status == QLatin1String("pending") && e.nextAttemptAt > 0 && e.attempts > 0)
                return tr("%1; next attempt %2")
                    .arg(WebhookText::deliveryError(e.lastError), when(e.nextAttemptAt));
            return WebhookText::deliveryError(e.lastError);
        case EventId:
            return e.eventId;
        }
    } else if (role == Qt::ForegroundRole && index.column() == Status) {
        return QBrush(WebhookText::deliveryColor(e.status));
    } else if (role == Qt::ToolTipRole) {
        return detailText(e);
    } else if (role == Qt::UserRole) {
        return e.id;
    }
    return {};
}

QVariant WebhookDeliveryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case Created:
        return tr("Created");
    case Type:
        return tr("Event");
    case Status:
        return tr("Status");
    case Attempts:
        return tr("Attempts");
    case Code:
        return tr("Code");
    case Latency:
        return tr("Latency");
    case Outcome:
        return tr("Error / next attempt");
    case EventId:
        return tr("webhook-id");
    }
    return {};
}
