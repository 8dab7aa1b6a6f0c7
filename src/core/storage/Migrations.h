#pragma once

#include <QSqlDatabase>
#include <QStringList>

#include <functional>

// Versioned schema. Each migration runs in its own transaction and bumps schema_version;
// a failure rolls back and leaves the file as it was. Never edit a released migration:
// append a new one.
class Migrations
{
public:
    struct Migration
    {
        int version;
        const char *description;
        QStringList statements;
        // Work SQL cannot express (e.g. computing search documents in C++), run after the
        // statements in the same transaction. Throws DomainError on failure.
        std::function<void(QSqlDatabase &)> afterStatements = nullptr;
    };

    static const QList<Migration> &all();
    static int latestVersion();

    // Current version of the file (0 = empty database).
    static int currentVersion(QSqlDatabase &db);
    // Throws DomainError on a newer schema or a failed migration.
    static void migrate(QSqlDatabase &db);
    // The same against a given list (tests use it to prove a failing step rolls back).
    static void migrate(QSqlDatabase &db, const QList<Migration> &migrations);
};
