#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

// Small helpers the stores share so that every SQL failure becomes a DomainError (never a raw
// driver error leaking to a caller) and NULL handling is the same everywhere.
class SqlSupport
{
public:
    // The named connection of the calling thread; Internal if it is not open.
    static QSqlDatabase database(const QString &connectionName);

    // Prepared query on the connection; Internal with the driver's text on failure.
    static QSqlQuery prepare(const QSqlDatabase &db, const QString &sql);
    static void exec(QSqlQuery &query);
    static void exec(const QSqlDatabase &db, const QString &sql);
    // Binds `values` to the query's placeholders, in order.
    static void bind(QSqlQuery &query, const QVariantList &values);
    // Prepares `sql`, binds `values` in order and executes it; the executed query (rows to
    // read, numRowsAffected, lastInsertId). Internal on failure, like prepare() and exec().
    static QSqlQuery run(const QSqlDatabase &db, const QString &sql,
                         const QVariantList &values = {});
    [[noreturn]] static void fail(const QSqlError &error, const QString &what);

    // A UNIQUE / primary-key violation, for SQLite, PostgreSQL and MySQL.
    static bool isUniqueViolation(const QSqlError &error);

    // A null QString binds SQL NULL; anything else binds the text.
    static QVariant text(const QString &value);
    // NULL column → null QString.
    static QString text(const QSqlQuery &query, int column);
    // 0 binds SQL NULL (times and optional ids use 0 for "not set").
    static QVariant nullableInt(qint64 value);

    // "?, ?, ?" with n placeholders.
    static QString placeholders(int n);

    // Commits on commit(), rolls back when destroyed without it (exceptions unwind through it).
    // For writing: on SQLite it begins IMMEDIATE (the write lock is taken, or waited for, first).
    class Transaction
    {
    public:
        explicit Transaction(QSqlDatabase db);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        void commit();

    private:
        QSqlDatabase m_db;
        bool m_done = false;
    };
};
