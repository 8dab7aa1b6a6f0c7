#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

// For every word term of the search index (ContactSearchIndex: "u<user>x<word>"), the ids of
// the contacts whose document holds it, as small sets over blocks of 4,096 ids (table
// contact_term_ids, migration 5; SQLite only, as the index). FTS5 answers a page quickly, but
// counting the matches of two common words ANDed ("Chinedu Okafor": 117,000 and 124,000
// postings) walks both postings lists at ~40 ns a posting, and a word's exact count (below
// the cap) walks all of its postings. Here a block is a 512-byte bitmap (or, with fewer than
// 256 ids, their sorted 16-bit offsets): an AND is a word-by-word AND of the blocks both
// words have and a count is a popcount, so the total of any word search is exact and costs
// a read of its words' blocks (a common word of a 1,000,000-contact list: 245 rows).
//
// Kept in step with the FTS5 documents by the same writes (import, update, removal, the
// migrations); like the documents, the sets of a removed user stay (their terms carry a user
// id that is never reused).
class ContactTermIds
{
public:
    static constexpr int kBlockBits = 12; // 4,096 ids a block

    // Changes, in order, applied by flush() inside the caller's transaction.
    void add(const QString &term, qint64 contactId);
    void remove(const QString &term, qint64 contactId);
    // newTerms, when given, gets the terms these changes had not named yet.
    void addAll(const QStringList &terms, qint64 contactId, QStringList *newTerms = nullptr);
    void removeAll(const QStringList &terms, qint64 contactId);
    bool isEmpty() const { return m_changes.isEmpty(); }
    // No contact id at or past firstId existed before these changes (an import's first new
    // id: contact ids are AUTOINCREMENT), so a block that starts there has no row yet and
    // flush() writes it without reading it first (most blocks an import touches).
    void setFreshFrom(qint64 firstId) { m_freshFrom = firstId; }
    // One read and one write (or delete) per changed (term, block). Internal on failure.
    void flush(const QSqlDatabase &db);

    struct Matches
    {
        QList<qint64> ids; // the page: the matches at [offset, offset + limit), in id order
        qint64 total = 0;  // every match, exactly
    };
    // The contacts whose document holds, for every entry of `words`, at least one of its
    // terms (a word of a search that may be any of a few index terms). An entry without terms
    // matches nothing.
    static Matches match(const QSqlDatabase &db, const QList<QStringList> &words, qint64 offset,
                         qint64 limit);

    // Every stored contact's word terms (the migration that created the table).
    static void rebuild(const QSqlDatabase &db);

private:
    // term → (contact id, true to add / false to remove), in the order the changes came
    QHash<QString, std::vector<std::pair<qint64, bool>>> m_changes;
    qint64 m_freshFrom = -1;
};
