#include "MessageLogModel.h"

#include "BackgroundQuery.h"
#include "StatusText.h"
#include "contacts/PhoneDisplay.h"

#include <QDateTime>
#include <QLocale>

namespace {
struct LogPage
{
    QList<Message> rows;
    int total = 0;
};
} // namespace

MessageLogModel::MessageLogModel(Database &database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database)
{
}

void MessageLogModel::setFilter(const MessageStore::Filter &filter)
{
    m_filter = filter;
    m_page = 1;
    refresh();
}

void MessageLogModel::setPage(int page)
{
    page = qBound(1, page, pageCount());
    if (page == m_page)
        return;
    m_page = page;
    refresh();
}

int MessageLogModel::pageCount() const
{
    return qMax(1, (m_total + m_pageSize - 1) / m_pageSize);
}

Message MessageLogModel::messageAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Message{};
}

void MessageLogModel::refresh()
{
    const quint64 generation = ++m_generation;
    const MessageStore::Filter filter = m_filter;
    const int offset = (m_page - 1) * m_pageSize, limit = m_pageSize;
    BackgroundQuery::run<LogPage>(
        m_database, this,
        [=](const QString &connection) {
            MessageStore store(connection);
            LogPage page;
            page.total = store.countForOperator(filter);
            page.rows = store.listForOperator(filter, offset, limit);
            return page;
        },
        [this, generation](const BackgroundQuery::Result<LogPage> &result) {
            if (generation != m_generation)
                return;
            if (!result.value) {
                Q_EMIT failed(result.error);
                return;
            }
            beginResetModel();
            m_rows = result.value->rows;
            m_total = result.value->total;
            endResetModel();
            Q_EMIT loaded();
        });
}

int MessageLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MessageLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Message &m = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Created:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(m.createdAt).toLocalTime(),
                                      QLocale::ShortFormat);
        case Recipient:
            return PhoneDisplay::e164(m.recipient);
        case Status:
            return StatusText::messageStatus(m.status);
        case Body: {
            QString body = m.message.isEmpty() ? m.caption : m.message;
            if (!m.mediaUrl.isEmpty())
                body = QStringLiteral("📎 ") + body;
            return body.simplified().left(120);
        }
        case Batch:
            return m.batchId.left(8);
        case Error:
            return m.errorMessage;
        }
    } else if (role == Qt::ForegroundRole && index.column() == Status) {
        return StatusText::messageColor(m.status);
    } else if (role == Qt::ToolTipRole) {
        if (index.column() == Batch)
            return m.batchId;
        if (index.column() == Body)
            return m.message.isEmpty() ? m.caption : m.message;
        if (index.column() == Status) {
            QStringList times;
            if (m.sentAt)
                times << tr("Sent: %1").arg(QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(m.sentAt).toLocalTime(), QLocale::ShortFormat));
            if (m.deliveredAt)
                times << tr("Delivered: %1").arg(QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(m.deliveredAt).toLocalTime(), QLocale::ShortFormat));
            if (m.readAt)
                times << tr("Read: %1").arg(QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(m.readAt).toLocalTime(), QLocale::ShortFormat));
            return times.join(QLatin1Char('\n'));
        }
    }
    return {};
}

QVariant MessageLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case Created:
        return tr("Queued");
    case Recipient:
        return tr("Recipient");
    case Status:
        return tr("Status");
    case Body:
        return tr("Message");
    case Batch:
        return tr("Batch");
    case Error:
        return tr("Error");
    }
    return {};
}
