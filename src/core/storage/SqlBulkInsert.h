#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVarLengthArray>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

// One INSERT executed many times inside the caller's transaction: the bulk paths (contact
// import, message batches). Qt's binding costs about as much as SQLite's own work per row,
// so on SQLite this talks to the library directly through the connection's handle (SQLite
// only: used when Qt's driver runs the very same SQLite build as the one we link, checked by
// source id; otherwise, and on other databases, it is an ordinary prepared QSqlQuery).
class SqlBulkInsert
{
public:
    SqlBulkInsert(const QSqlDatabase &db, const QString &sql, int parameterCount);
    ~SqlBulkInsert();
    SqlBulkInsert(const SqlBulkInsert &) = delete;
    SqlBulkInsert &operator=(const SqlBulkInsert &) = delete;

    // 0-based. Null QVariants and null QStrings bind SQL NULL; strings, integers, booleans
    // and doubles are supported.
    void bind(int index, const QVariant &value);
    // Text without the QVariant (a contact row binds ~20 of them): a null QString binds NULL.
    // Bound in place: `value` must stay alive and unchanged until exec().
    void bindText(int index, const QString &value);
    // Integers and NULL without the QVariant (a message row binds a dozen of them).
    void bindInt(int index, qint64 value);
    void bindNull(int index);
    // UTF-8 text (e.g. JSON written by ContactJson), bound in place like bindText: `utf8`
    // must stay alive and unchanged until exec(). Binds text, never NULL.
    void bindUtf8(int index, const QByteArray &utf8);
    // Runs the statement with the bound values; Internal with the driver's text on failure.
    void exec();
    // Rows the last exec() inserted (0 after ON CONFLICT DO NOTHING skipped the row).
    int changes() const;
    qint64 lastInsertId() const;
    bool isDirect() const { return m_stmt != nullptr; }
    // The sqlite3* behind db when this class would talk to it directly (else nullptr), for
    // other bulk paths that read as well as write (ContactTermIds).
    static sqlite3 *directHandle(const QSqlDatabase &db);

private:
    void check(int rc) const;

    QSqlQuery m_query;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QVarLengthArray<QVariant, 32> m_values; // kept alive until the step (SQLITE_STATIC)
    int m_changes = 0;
};
