#include "ContactTableModel.h"

#include "BackgroundQuery.h"
#include "ContactStore.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

ContactTableModel::ContactTableModel(Database &database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database)
{
}

void ContactTableModel::setUser(qint64 vendorId, qint64 userId)
{
    m_vendorId = vendorId;
    m_userId = userId;
    m_page = 1;
    refresh();
}

void ContactTableModel::setSearch(const QString &term)
{
    const QString trimmed = term.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    m_page = 1;
    refresh();
}

void ContactTableModel::setPage(int page)
{
    const int clamped = qBound(1, page, pageCount());
    if (clamped == m_page)
        return;
    m_page = clamped;
    refresh();
}

void ContactTableModel::setPageSize(int size)
{
    size = qBound(10, size, 500); // the API's own page limit
    if (size == m_pageSize)
        return;
    // Keep the first visible contact on screen.
    const int first = (m_page - 1) * m_pageSize;
    m_pageSize = size;
    m_page = first / size + 1;
    refresh();
}

int ContactTableModel::pageCount() const
{
    return qMax(1, (m_total + m_pageSize - 1) / m_pageSize);
}

void ContactTableModel::refresh()
{
    const quint64 generation = ++m_generation;
    if (m_vendorId <= 0 || m_userId <= 0) {
        beginResetModel();
        m_rows.clear();
        m_total = 0;
        m_totalIsEstimate = false;
        endResetModel();
        if (m_loading) {
            m_loading = false;
            Q_EMIT loadingChanged(false);
        }
        Q_EMIT loaded();
        return;
    }
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    const qint64 vendor = m_vendorId, user = m_userId;
    const QString term = m_search;
    const int page = m_page, limit = m_pageSize;
    BackgroundQuery::run<ContactStore::Page>(
        m_database, this,
        [=](const QString &connection) {
            ContactStore store(connection);
            ContactStore::Page result = store.search(vendor, user, term, page, limit);
            // A page past the end (rows were deleted meanwhile): show the last one instead.
            if (result.contacts.isEmpty() && result.total > 0 && page > 1) {
                const int last = (result.total + limit - 1) / limit;
                result = store.search(vendor, user, term, last, limit);
            }
            return result;
        },
        [this, generation](const BackgroundQuery::Result<ContactStore::Page> &result) {
            if (generation != m_generation)
                return; // a newer request is on its way
            m_loading = false;
            Q_EMIT loadingChanged(false);
            if (!result.value) {
                Q_EMIT failed(result.error);
                return;
            }
            beginResetModel();
            m_rows = result.value->contacts;
            m_total = result.value->total;
            m_totalIsEstimate = result.value->totalIsEstimate;
            m_page = qBound(1, m_page, pageCount());
            endResetModel();
            Q_EMIT loaded();
        });
}

Contact ContactTableModel::contactAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Contact{};
}

int ContactTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ContactTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContactTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Contact &c = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return c.name;
        case Phone:
            return QString(QStringLiteral("+") + c.phoneNumber);
        case Email:
            return c.email;
        case Company:
            return c.companyName;
        case Tier:
            return c.customerTier;
        case OptIn:
            return c.messageOptIn ? tr("Yes") : tr("No");
        case Updated:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.updatedAt).toLocalTime(),
                                      QLocale::ShortFormat);
        }
    } else if (role == Qt::ForegroundRole && index.column() == OptIn && !c.messageOptIn) {
        return QBrush(QColor(0xb0, 0x3a, 0x2e));
    } else if (role == Qt::UserRole) {
        return c.id;
    }
    return {};
}

QVariant ContactTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return (m_page - 1) * m_pageSize + section + 1;
    switch (section) {
    case Name:
        return tr("Name");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("Email");
    case Company:
        return tr("Company");
    case Tier:
        return tr("Tier");
    case OptIn:
        return tr("Opt-in");
    case Updated:
        return tr("Updated");
    }
    return {};
}
