#include "ContactTableModel.h"

#include "BackgroundQuery.h"
#include "StatusText.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneDisplay.h"

#include <QBrush>
#include <QDateTime>
#include <QLocale>

ContactTableModel::ContactTableModel(Database &database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database), m_fetcher(&ContactTableModel::storeFetch)
{
}

void ContactTableModel::setFetcher(Fetcher fetcher)
{
    m_fetcher = fetcher ? std::move(fetcher) : Fetcher(&ContactTableModel::storeFetch);
}

ContactStore::Page ContactTableModel::storeFetch(const QString &connection, const Query &query)
{
    return ContactStore(connection)
        .search(query.vendorId, query.userId, query.term, query.page, query.limit);
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
    ++m_generation;
    if (m_vendorId <= 0 || m_userId <= 0) {
        m_fetchAgain = false; // nothing to fetch; a running fetch's answer will be dropped
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
    if (m_fetching) {
        m_fetchAgain = true; // started when the running one answers, with the newest state
        return;
    }
    startFetch();
}

void ContactTableModel::startFetch()
{
    const quint64 generation = m_generation;
    m_fetching = true;
    m_fetchAgain = false;
    Query query{m_vendorId, m_userId, m_search, m_page, m_pageSize};
    const Fetcher fetch = m_fetcher;
    BackgroundQuery::run<ContactStore::Page>(
        m_database, this,
        [query, fetch](const QString &connection) {
            ContactStore::Page result = fetch(connection, query);
            // A page past the end (rows were deleted meanwhile): show the last one instead.
            if (result.contacts.isEmpty() && result.total > 0 && query.page > 1) {
                Query last = query;
                last.page = (result.total + query.limit - 1) / query.limit;
                result = fetch(connection, last);
            }
            return result;
        },
        [this, generation](const BackgroundQuery::Result<ContactStore::Page> &result) {
            m_fetching = false;
            if (m_fetchAgain || generation != m_generation) {
                // The user, term or page changed meanwhile: this answer is stale.
                if (m_fetchAgain)
                    startFetch();
                return;
            }
            m_loading = false;
            Q_EMIT loadingChanged(false);
            if (!result.value) {
                Q_EMIT failed(result.error);
                return;
            }
            beginResetModel();
            m_rows = result.value->contacts;
            m_optOuts.clear();
            if (m_optOutLookup) {
                for (const Contact &c : std::as_const(m_rows)) {
                    if (!c.messageOptIn)
                        m_optOuts.insert(c.id, m_optOutLookup(m_vendorId, c.id));
                }
            }
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
            return PhoneDisplay::e164(c.phoneNumber);
        case Email:
            return c.email;
        case Company:
            return c.companyName;
        case Tier:
            return c.customerTier;
        case OptIn: {
            if (c.messageOptIn)
                return tr("Yes");
            const OptOut out = m_optOuts.value(c.id);
            if (out.atMs <= 0)
                return tr("No");
            return tr("No — opted out %1 (%2)")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(out.atMs).toLocalTime(),
                                        QLocale::ShortFormat),
                     StatusText::optOutSource(out.source));
        }
        case WhatsApp:
            if (c.whatsappStatus == QLatin1String("yes"))
                return tr("On WhatsApp");
            if (c.whatsappStatus == QLatin1String("no"))
                return tr("Not on WhatsApp");
            return tr("Not checked");
        case Updated:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.updatedAt).toLocalTime(),
                                      QLocale::ShortFormat);
        }
    } else if (role == Qt::ToolTipRole && index.column() == WhatsApp && c.whatsappCheckedAt > 0) {
        return tr("Checked %1")
            .arg(QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(c.whatsappCheckedAt).toLocalTime(),
                QLocale::ShortFormat));
    } else if (role == Qt::ForegroundRole && index.column() == WhatsApp &&
               c.whatsappStatus == QLatin1String("no")) {
        return QBrush(QColor(0xb0, 0x3a, 0x2e));
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
    case WhatsApp:
        return tr("WhatsApp");
    case Updated:
        return tr("Updated");
    }
    return {};
}
