#pragma once

#include "Entities.h"

#include <QHash>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;

// contact_lists. Phones given to this class are already normalised (PhoneNormalizer).
// Search uses a word index on SQLite (ContactSearchIndex, FTS5; the SQLite-specific part lives
// here and there only), written in the same transaction as each row: a contact is findable as
// soon as the write that stored it returns.
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
        enum class Outcome
        {
            Added,
            Duplicate,
            InvalidPhone,
            ValidationFailed
        };
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

    // Up to this many matches a search's total is exact; past it, an estimate (api.md).
    static constexpr int kExactTotalCap = 10000;

    struct Page
    {
        QList<Contact> contacts;
        int total = 0;
        // total is exact up to 10,000 matches; past that it is an estimate (never a count of
        // every match: that would cost a scan on a large list).
        bool totalIsEstimate = false;
    };
    // Every word of term starts a word of the name, company or e-mail (case and accents
    // ignored, any order), or the term's digits end the phone number (ContactSearchIndex).
    // Ordered by id; page is 1-based; limit 0 means every match (exact total).
    Page search(qint64 vendorId, qint64 userId, const QString &term, int page, int limit) const;

    // For messaging: stored contacts of the user among these phones, keyed by phone.
    QHash<QString, Contact> findByPhones(qint64 vendorId, qint64 userId,
                                         const QStringList &phones) const;
    // The same, reading only the writable fields named in `fields` (ContactJson::fieldNames()
    // names) besides phone_number and message_opt_in, which are always read, as are id, owner
    // and dates; the other members stay empty. A 1,000-recipient send whose template names
    // one contact field (or none) need not read and convert every column of every contact.
    QHash<QString, Contact> findByPhones(qint64 vendorId, qint64 userId, const QStringList &phones,
                                         const QStringList &fields) const;
    int countForUser(qint64 vendorId, qint64 userId) const;
    // Runs `remove` (a DELETE that cascades to many contacts: a user, a vendor) in one
    // transaction on `db` without un-indexing each contact: the index keeps their documents,
    // whose owner token no search asks for again.
    static void removeInBulk(const QSqlDatabase &db, const std::function<void()> &remove);

private:
    QString m_connection;
};
