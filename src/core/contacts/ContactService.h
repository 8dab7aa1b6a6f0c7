#pragma once

#include "Entities.h"
#include "contacts/ContactStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QPair>

class CoreServices;

// The rules of a user's contact list, shared by the REST API and the GUI (manual entry and
// CSV import): ContactJson validation, phone normalisation, the per-request item limit, and
// the per-item outcomes (skipped / per-id results) instead of all-or-nothing failures.
// Every call is scoped by the vendor; a user or contact of another vendor is NotFound.
class ContactService
{
public:
    explicit ContactService(CoreServices &core);

    static constexpr int kMaxItems = 5000;        // per add / batch-update request
    static constexpr int kMaxRemoveIds = 10000;   // per batch-remove request
    static constexpr int kMaxSearchLength = 255;

    struct Skipped
    {
        int index = 0;
        QJsonValue phoneNumber; // as given (null when absent)
        QString reason;         // duplicate | invalid_phone | validation_failed
        QString field;          // for validation_failed: the offending field
        QString message;
    };
    struct AddResult
    {
        QList<Contact> added;
        QList<Skipped> skipped; // by index
        // Where the time went (stage name → ms), for the Server-Timing header and bench P3.
        QList<QPair<QByteArray, double>> timings;
    };
    // `items` are api.md Contact objects. 404 (user), 413 too_many_items (> kMaxItems).
    // Validation of later chunks overlaps the insert of earlier ones (see the .cpp); the
    // outcome is the same as validating everything first and inserting in input order.
    AddResult add(qint64 vendorId, qint64 userId, const QJsonArray &items);
    // add() for a thread with its own database connection (the window's CSV import runs on
    // one, so that the window stays usable): the same user check, validation, normalisation
    // with the region setting, storing and skipped reasons, on `connection`. The user is
    // checked even when `items` is empty (an import is refused before its first row).
    AddResult addOnConnection(const QString &connection, qint64 vendorId, qint64 userId,
                              const QJsonArray &items);
    // Items validated per step of that pipeline. Tests set tiny chunks to put chunk
    // boundaries everywhere, and can keep the inserting thread from validating, so that every
    // chunk it inserts was validated by a helper thread (one is started in that mode).
    static constexpr int kImportChunk = 250;
    void setImportChunkForTests(int items, bool insertingThreadValidates = true)
    {
        m_importChunk = items;
        m_insertingThreadValidates = insertingThreadValidates;
    }

    struct UpdateResult
    {
        QJsonValue id;   // as given
        QString status;  // updated | not_found | invalid
        QString error;   // for not_found / invalid
    };
    // Each item: {"id": …, fields…}. 404 (user), 413 too_many_items.
    QList<UpdateResult> updateMany(qint64 vendorId, qint64 userId, const QJsonArray &items);
    static bool allUpdated(const QList<UpdateResult> &results);

    // 404 (user or contact), 400 validation_failed (field), 409 duplicate (phone taken).
    Contact update(qint64 vendorId, qint64 userId, qint64 contactId, const QJsonObject &fields);

    // Ids of other users or vendors are ignored (not removed, not counted). 404 (user).
    int removeMany(qint64 vendorId, qint64 userId, const QList<qint64> &ids);

    // term: substring of name, email, phone or company; page 1-based; limit 1..500.
    ContactStore::Page search(qint64 vendorId, qint64 userId, const QString &term, int page,
                              int limit) const;

    static QJsonObject skippedJson(const Skipped &s);
    static QJsonObject resultJson(const UpdateResult &r);

private:
    void requireUser(qint64 vendorId, qint64 userId) const;
    AddResult addTo(const ContactStore &store, qint64 vendorId, qint64 userId,
                    const QJsonArray &items);
    CoreServices &m_core;
    int m_importChunk = kImportChunk;
    bool m_insertingThreadValidates = true;
};
