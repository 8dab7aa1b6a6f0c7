#pragma once

#include "Entities.h"

#include <QHash>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;

// contact_lists. Phones given to this class are already normalised (PhoneNormalizer).
// Search uses an FTS5 trigram index on SQLite (the SQLite-specific part lives here only),
// so a substring search over 1,000,000 contacts stays in milliseconds. Indexing is deferred:
// addMany only inserts rows (fast); the index catches up right after (synchronously for a few
// rows, else on a background thread with its own connection), and until then search covers
// the not-yet-indexed rows with LIKE, so results are always complete.
class ContactStore
{
public:
    explicit ContactStore(QString connectionName);

    struct Skipped
    {
        int index; // position in the input list
        QString phoneNumber;
        QString reason; // "duplicate", "invalid_phone" (empty phone), "validation_failed" (no name)
    };
    struct AddResult
    {
        QList<Contact> added;
        QList<Skipped> skipped;
    };
    // One transaction. Duplicates (same phone twice in the input, or already stored for this
    // user) are skipped, not errors. The user must belong to vendorId (NotFound otherwise).
    AddResult addMany(qint64 vendorId, qint64 userId, const QList<Contact> &contacts);

    // The same import fed one contact at a time, in input order, inside one transaction that
    // commit() ends (rolled back when the session is destroyed without it). addMany is one
    // session; ContactService uses one directly so the next chunk of a request is validated
    // on other threads while this one inserts. Use it on the connection's thread only.
    class ImportSession
    {
    public:
        enum class Outcome { Added, Duplicate, InvalidPhone, ValidationFailed };
        // NotFound if the user is not the vendor's. Opens the transaction.
        ImportSession(const ContactStore &store, qint64 vendorId, qint64 userId);
        ~ImportSession();
        ImportSession(const ImportSession &) = delete;
        ImportSession &operator=(const ImportSession &) = delete;
        // Same rules as addMany: empty phone, blank name, a phone seen earlier in this session
        // or already stored for the user are skipped. On Added, c gets its id, owner and times.
        Outcome add(Contact &c);
        // Commits, then brings the search index along (as addMany does).
        void commit();

    private:
        struct Impl;
        std::unique_ptr<Impl> d;
    };

    std::optional<Contact> find(qint64 vendorId, qint64 userId, qint64 contactId) const;

    // `fields` names the api.md fields present in the patch (e.g. "name", "kids_names");
    // only those are written. NotFound; Conflict "duplicate" if the new phone is taken.
    Contact update(qint64 vendorId, qint64 userId, qint64 contactId, const Contact &values,
                   const QSet<QString> &fields);

    struct BatchItem
    {
        qint64 id;
        Contact values;
        QSet<QString> fields;
    };
    struct BatchResult
    {
        qint64 id;
        QString status; // "updated" | "not_found" | "invalid"
        QString error;
    };
    QList<BatchResult> updateMany(qint64 vendorId, qint64 userId, const QList<BatchItem> &items);

    // Removes only ids that belong to this vendor's user; returns how many went.
    int removeMany(qint64 vendorId, qint64 userId, const QList<qint64> &ids);

    struct Page
    {
        QList<Contact> contacts;
        int total = 0;
    };
    // term matches name, email, phone_number, company_name (substring, case-insensitive).
    // page is 1-based.
    Page search(qint64 vendorId, qint64 userId, const QString &term, int page, int limit) const;

    // For messaging: stored contacts of the user among these phones, keyed by phone.
    QHash<QString, Contact> findByPhones(qint64 vendorId, qint64 userId,
                                         const QStringList &phones) const;
    int countForUser(qint64 vendorId, qint64 userId) const;

    // Adds up to maxRows not-yet-indexed contacts (all vendors) to the search index in one
    // transaction; returns how many (0: the index is complete). SQLite only (0 elsewhere).
    // Must not be called inside an open transaction.
    int indexPending(int maxRows = 1000);
    // Rows waiting for the index (0 when complete or not SQLite).
    int indexBacklog() const;
    // Blocks until background indexing started by this process has finished (tests, shutdown).
    static void waitForBackgroundIndexing();
    // Runs `remove` (a DELETE that cascades to many contacts: a user, a vendor) in one
    // transaction on `db` without un-indexing each contact (~50 µs a row on SQLite): the
    // index keeps their entries, which can never match again. Elsewhere just a transaction.
    static void removeInBulk(const QSqlDatabase &db, const std::function<void()> &remove);

private:
    QString m_connection;
};
