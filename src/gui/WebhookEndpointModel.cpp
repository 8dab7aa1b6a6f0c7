#include "WebhookEndpointModel.h"

#include "CoreServices.h"
#include "WebhookText.h"
#include "accounts/AppUserStore.h"
#include "webhooks/WebhookDeliveryStore.h"
#include "webhooks/WebhookStore.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

namespace {
QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}
} // namespace

WebhookEndpointModel::WebhookEndpointModel(CoreServices &core, QObject *parent)
    : QAbstractTableModel(parent), m_core(core),
      m_read(
          core.database(), this,
          [this]() -> CoalescedRead<QList<Row>>::Work {
              const qint64 vendor = m_vendorId;
              CoreServices *core = &m_core;
              return [vendor, core](const QString &connection) {
                  // A store on this thread's connection for its reads only: list() needs no
                  // encryption key, and nothing here writes, so the settings, bus and outbox it is
                  // given are never touched from this thread.
                  WebhookStore store(connection, QByteArray(), core->settings(), core->events(),
                                     core->webhookOutbox());
                  const WebhookDeliveryStore deliveries(connection);
                  const AppUserStore users(connection);
                  QHash<qint64, QString> names;
                  QList<Row> rows;
                  for (const WebhookEndpoint &e : store.list(vendor)) {
                      Row row;
                      row.endpoint = e;
                      const QList<WebhookDeliveryStore::Entry> newest =
                          deliveries.deliveries(vendor, e.id, QString(), 0, 1);
                      if (!newest.isEmpty()) {
                          const WebhookDeliveryStore::Entry &d = newest.first();
                          row.last.id = d.id;
                          row.last.status = d.status;
                          row.last.statusCode = d.lastStatusCode;
                          row.last.error = d.lastError;
                          row.last.atMs = d.deliveredAt > 0 ? d.deliveredAt : d.updatedAt;
                      }
                      if (e.appUserId > 0) {
                          if (!names.contains(e.appUserId)) {
                              const std::optional<AppUser> u = users.find(vendor, e.appUserId);
                              names.insert(e.appUserId, u ? u->name : QString::number(e.appUserId));
                          }
                          row.userName = names.value(e.appUserId);
                      }
                      rows << row;
                  }
                  return rows;
              };
          },
          [this] { return m_vendorId > 0; },
          [this](const BackgroundQuery::Result<QList<Row>> &result) {
              if (!result.value) {
                  Q_EMIT failed(result.error);
                  return;
              }
              beginResetModel();
              m_rows = *result.value;
              endResetModel();
              Q_EMIT loaded();
          })
{
}

void WebhookEndpointModel::setVendor(qint64 vendorId)
{
    m_vendorId = vendorId;
    m_read.invalidate(); // a running read is for the old vendor: its answer is dropped
    refresh();
}

void WebhookEndpointModel::refresh()
{
    if (m_vendorId <= 0) {
        m_read.invalidate();
        beginResetModel();
        m_rows.clear();
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    m_read.request();
}

WebhookEndpointModel::Row WebhookEndpointModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Row{};
}

int WebhookEndpointModel::rowOf(qint64 endpointId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).endpoint.id == endpointId)
            return i;
    }
    return -1;
}

int WebhookEndpointModel::disabledCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += !r.endpoint.enabled;
    return n;
}

QString WebhookEndpointModel::healthText(const WebhookEndpoint &e)
{
    if (!e.enabled) {
        const QString why = WebhookText::disabledReason(e.disabledReason);
        if (e.disabledAt > 0)
            return tr("Disabled: %1 (%2)").arg(why, when(e.disabledAt));
        return tr("Disabled: %1").arg(why);
    }
    if (e.failingSince > 0)
        return tr("Failing since %1").arg(when(e.failingSince));
    return tr("Enabled");
}

int WebhookEndpointModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookEndpointModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookEndpointModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const WebhookEndpoint &e = r.endpoint;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Url:
            return e.url;
        case Health:
            return healthText(e);
        case LastDelivery: {
            if (r.last.id == 0)
                return tr("None yet");
            QString what = WebhookText::deliveryStatus(r.last.status);
            if (r.last.statusCode > 0)
                what += QStringLiteral(" · ") + QString::number(r.last.statusCode);
            else if (!r.last.error.isEmpty())
                what += QStringLiteral(" · ") + WebhookText::deliveryError(r.last.error);
            return tr("%1, %2").arg(what, when(r.last.atMs));
        }
        case Events:
            return WebhookText::eventList(e.events);
        case User:
            return e.appUserId > 0 ? r.userName : tr("All users");
        case Description:
            return e.description;
        }
    } else if (role == Qt::ForegroundRole && index.column() == Health) {
        if (!e.enabled)
            return QBrush(WebhookText::deliveryColor(QStringLiteral("failed")));
        if (e.failingSince > 0)
            return QBrush(QColor(0xb0, 0x60, 0x00));
        return QBrush(WebhookText::deliveryColor(QStringLiteral("succeeded")));
    } else if (role == Qt::ForegroundRole && index.column() == LastDelivery && r.last.id > 0) {
        return QBrush(WebhookText::deliveryColor(r.last.status));
    } else if (role == Qt::ToolTipRole && index.column() == Events) {
        QStringList lines;
        for (const QString &type : e.events)
            lines << WebhookText::eventType(type);
        return lines.join(QLatin1Char('\n'));
    } else if (role == Qt::ToolTipRole && index.column() == Url) {
        return e.url;
    } else if (role == Qt::UserRole) {
        return e.id;
    }
    return {};
}

QVariant WebhookEndpointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case Url:
        return tr("URL");
    case Health:
        return tr("Health");
    case LastDelivery:
        return tr("Last delivery");
    case Events:
        return tr("Events");
    case User:
        return tr("User");
    case Description:
        return tr("Description");
    }
    return {};
}
