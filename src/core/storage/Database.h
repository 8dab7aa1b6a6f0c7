#pragma once

#include <QSqlDatabase>
#include <QString>

// Owns the SQLite file: opens it with WAL, foreign keys and a busy timeout, and brings the
// schema to the current version (Migrations). Each thread that touches the database uses its
// own named connection: the GUI/HTTP thread uses connectionName(); a worker thread calls
// openThreadConnection() and closeThreadConnection() around its work.
class Database
{
public:
    explicit Database(QString filePath, QString connectionName = QStringLiteral("wamator"));
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens and migrates. Throws DomainError (Kind::Internal / Unavailable) with a clear
    // message if the file cannot be opened, is from a newer Wamator, or a migration fails
    // (the file is then left as it was).
    void open();
    void close();
    bool isOpen() const;

    QString filePath() const { return m_filePath; }
    QString connectionName() const { return m_connectionName; }
    QSqlDatabase connection() const;

    // A new connection to the same file, with the same pragmas, for the calling thread.
    QString openThreadConnection(const QString &suffix) const;
    static void closeThreadConnection(const QString &name);

    static void applyPragmas(QSqlDatabase &db);

private:
    QString m_filePath;
    QString m_connectionName;
};
