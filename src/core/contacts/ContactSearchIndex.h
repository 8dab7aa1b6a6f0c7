#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class ContactTermIds;

// The contact search index (SQLite FTS5 table contact_words, see Migrations.cpp): one
// document per contact, written in the same transaction as the row, so a contact is findable
// as soon as the request that stored it has answered.
//
// What a CRM search box means by a match, and how the document makes it an index lookup:
// - words: name, company and the e-mail's local part are cut into words (runs of letters,
//   runs of digits), case-folded and stripped of accents here, in C++, the same way for
//   documents and terms; every word of the term must be the start of some word of the
//   contact, in any order. A run of digits before the term's last word must be a whole word
//   (a prefix over numbers would merge thousands of index terms); the last word, perhaps half
//   typed, is a prefix even when it is digits ("Contact 0007"), unless it is one digit.
// - phone: the digits reversed, so "the last digits" is a prefix lookup.
// - every token starts with "u<user id>x": the table is shared by every user, and this way a
//   term's postings are that user's only (a user's id is never reused, AUTOINCREMENT) — no
//   owner token whose postings (the whole list) every query would have to walk.
// The documents are computed here, so the table is contentless: removing one needs the
// document it was added with (remove()).
class ContactSearchIndex
{
public:
    struct Document
    {
        QString words;
        QString phone;
    };

    static Document document(qint64 userId, const QString &name, const QString &email,
                             const QString &phoneNumber, const QString &companyName);
    // The normalised words of `text`, space-separated: lower case, no accents, letters and
    // digits in separate words ("Okafor9" → "okafor 9").
    static QString words(QStringView text);
    // FTS5 MATCH expression for `term` over userId's contacts; empty when the term holds
    // nothing searchable (only punctuation; for a term with "@", nothing before it).
    // `terms`, when given, lists the index terms that start with a prefix (at most `max`):
    // a word that covers a few terms is looked up as those exact terms, which FTS5 reads
    // lazily, instead of as a prefix query, which merges every posting of them up front.
    using TermLister = std::function<QStringList(const QString &prefix, int max)>;
    static QString matchExpression(qint64 userId, const QString &term,
                                   const TermLister &terms = nullptr);
    // The same search as exact word terms, for ContactTermIds: for each word of the term, the
    // index terms it may be (an empty list: no contact has such a word). nullopt when the
    // term needs the FTS5 expression: phone digits, an e-mail address, a word that starts
    // more than 16 terms (a short prefix), nothing searchable.
    static std::optional<QList<QStringList>> exactWords(qint64 userId, const QString &term,
                                                        const TermLister &terms);
    // The words of a document as index terms (for the term list, contact_search_terms).
    static QStringList terms(const Document &doc);
    // Adds the terms not yet listed (inside the caller's transaction).
    static void listTerms(const QSqlDatabase &db, const QStringList &terms);
    // contact_search_terms rows starting with prefix, at most max.
    static QStringList listedTerms(const QSqlDatabase &db, const QString &prefix, int max);

    // Inside the caller's transaction. Internal on failure. The document's word terms go to
    // (or leave) `ids`, which the caller flushes in the same transaction.
    static void insert(const QSqlDatabase &db, qint64 contactId, const Document &doc,
                       ContactTermIds &ids);
    static void remove(const QSqlDatabase &db, qint64 contactId, const Document &doc,
                       ContactTermIds &ids);
    // Indexes every stored contact (the migration that created the table).
    static void indexAll(const QSqlDatabase &db);

    static QString insertSql();
};
