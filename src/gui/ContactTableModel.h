#pragma once

#include "Entities.h"
#include "contacts/ContactStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <functional>

class Database;

// One page of a user's contacts, fetched with ContactStore::search on a worker thread (its own
// connection), so only the visible rows ever leave the database: a million contacts cost the
// same as fifty. Changing the user, the search term or the page asks for a new fetch. One fetch
// runs at a time: asked for while one runs, the newest request waits for it and the ones in
// between are never run (typing a term letter by letter on a big list must not queue a search
// per letter on the shared thread pool); answers of older fetches are dropped.
class ContactTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Phone,
        Email,
        Company,
        Tier,
        OptIn,
        WhatsApp, // whatsapp_status: yes / no / not checked (NumberCheckStore)
        Updated,
        ColumnCount
    };

    explicit ContactTableModel(Database &database, QObject *parent = nullptr);

    void setUser(qint64 vendorId, qint64 userId);
    void setSearch(const QString &term); // back to page 1
    void setPage(int page);              // 1-based, clamped
    void setPageSize(int size);
    void refresh();

    qint64 vendorId() const { return m_vendorId; }
    qint64 userId() const { return m_userId; }
    QString search() const { return m_search; }
    int page() const { return m_page; }
    int pageSize() const { return m_pageSize; }
    int total() const { return m_total; }
    // total() is an estimate past ContactStore::kExactTotalCap matches.
    bool totalIsEstimate() const { return m_totalIsEstimate; }
    int pageCount() const;
    bool isLoading() const { return m_loading; }
    Contact contactAt(int row) const;

    struct Query
    {
        qint64 vendorId = 0;
        qint64 userId = 0;
        QString term;
        int page = 1;
        int limit = 100;
    };
    // What a fetch calls on the worker thread, given that thread's connection; by default
    // ContactStore::search. Tests wrap it to slow it down or to count the fetches.
    using Fetcher = std::function<ContactStore::Page(const QString &connection, const Query &)>;
    void setFetcher(Fetcher fetcher);
    static ContactStore::Page storeFetch(const QString &connection, const Query &query);

    // When and why a contact opted out (OptOutService::state), for the Opt-in column. Asked on
    // the GUI thread after a page arrives, only for that page's opted-out contacts (a
    // primary-key read each); without one the column says only "No".
    struct OptOut
    {
        qint64 atMs = 0; // 0: unknown (opted out before it was recorded)
        QString source;  // keyword | operator | api | import
    };
    using OptOutLookup = std::function<OptOut(qint64 vendorId, qint64 contactId)>;
    void setOptOutLookup(OptOutLookup lookup) { m_optOutLookup = std::move(lookup); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);
    void loadingChanged(bool loading);

private:
    void startFetch();

    Database &m_database;
    Fetcher m_fetcher;
    bool m_fetching = false;   // a fetch is on a worker thread
    bool m_fetchAgain = false; // a newer request waits for it
    qint64 m_vendorId = 0;
    qint64 m_userId = 0;
    QString m_search;
    int m_page = 1;
    int m_pageSize = 100;
    int m_total = 0;
    bool m_totalIsEstimate = false;
    quint64 m_generation = 0;
    bool m_loading = false;
    QList<Contact> m_rows;
    OptOutLookup m_optOutLookup;
    QHash<qint64, OptOut> m_optOuts; // contact id → its opt-out, for this page's rows
};
