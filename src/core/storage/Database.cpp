#include "storage/Database.h"

#include "DomainError.h"
#include "storage/Migrations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

Q_LOGGING_CATEGORY(lcDb, "wamator.db")

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The database holds vendors' data and key hashes: owner only. SQLite gives the -wal and -shm
// files the mode of the database file, so creating that one 0600 first covers them; existing
// files (an older version, a copied-in database) are tightened too.
void restrictFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        if (QFile::exists(path + suffix))
            QFile::setPermissions(path + suffix, kOwnerOnly);
    }
}
} // namespace

Database::Database(QString filePath, QString connectionName)
    : m_filePath(std::move(filePath)), m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    close();
}

void Database::applyPragmas(QSqlDatabase &db)
{
    QSqlQuery q(db);
    // WAL lets readers (GUI, API) run while the dispatcher writes; NORMAL is durable in WAL
    // for committed transactions across an application crash (only an OS crash can lose the
    // last ones).
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    q.exec(QStringLiteral("PRAGMA busy_timeout=5000"));
    q.exec(QStringLiteral("PRAGMA temp_store=MEMORY"));
    // Reads of scattered rows (a search's hits, a batch's contacts) otherwise cost one pread
    // per page once the default 2 MB page cache is exhausted: map the file (address space
    // only; pages come from the OS cache) and keep a larger cache for what mmap cannot serve
    // (the WAL).
    q.exec(QStringLiteral("PRAGMA mmap_size=268435456"));
    q.exec(QStringLiteral("PRAGMA cache_size=-16384"));
}

void Database::open()
{
    if (isOpen())
        return;
    const QFileInfo info(m_filePath);
    if (!QDir().mkpath(info.absolutePath()))
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("data_dir_unwritable"),
                          QStringLiteral("Cannot create the data directory %1")
                              .arg(info.absolutePath()));
    if (!info.exists()) {
        QFile create(m_filePath);
        if (create.open(QIODevice::WriteOnly))
            create.setPermissions(kOwnerOnly);
    }
    restrictFiles(m_filePath);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        const QString err = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("database_unavailable"),
                          QStringLiteral("Cannot open the database %1: %2").arg(m_filePath, err));
    }
    // A file that is not SQLite opens fine and fails at the first statement: check now.
    QSqlQuery probe(db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"))) {
        const QString err = probe.lastError().text();
        probe = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("database_unreadable"),
                          QStringLiteral("%1 is not a readable Wamator database: %2")
                              .arg(m_filePath, err));
    }
    probe = QSqlQuery();
    applyPragmas(db);
    restrictFiles(m_filePath); // the -wal and -shm just created by journal_mode=WAL
    try {
        Migrations::migrate(db);
    } catch (...) {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        throw;
    }
    qCInfo(lcDb) << "opened" << m_filePath << "schema version" << Migrations::currentVersion(db);
}

void Database::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
           && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Database::openThreadConnection(const QString &suffix) const
{
    const QString name = QStringLiteral("%1-%2-%3")
                             .arg(m_connectionName, suffix)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    if (QSqlDatabase::contains(name))
        return name;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("database_unavailable"),
                          QStringLiteral("Cannot open the database %1: %2")
                              .arg(m_filePath, db.lastError().text()));
    applyPragmas(db);
    return name;
}

void Database::closeThreadConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}
