#include "storage/SqlSupport.h"

#include "DomainError.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSql, "wamator.db.sql")

QSqlDatabase SqlSupport::database(const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    if (!db.isOpen())
        throw DomainError::internal(
            QStringLiteral("database connection %1 is not open").arg(connectionName));
    return db;
}

QSqlQuery SqlSupport::prepare(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.prepare(sql))
        fail(q.lastError(), sql);
    return q;
}

void SqlSupport::exec(QSqlQuery &query)
{
    if (!query.exec())
        fail(query.lastError(), query.lastQuery());
}

void SqlSupport::exec(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        fail(q.lastError(), sql);
}

void SqlSupport::bind(QSqlQuery &query, const QVariantList &values)
{
    for (const QVariant &v : values)
        query.addBindValue(v);
}

QSqlQuery SqlSupport::run(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery q = prepare(db, sql);
    bind(q, values);
    exec(q);
    return q;
}

void SqlSupport::fail(const QSqlError &error, const QString &what)
{
    qCWarning(lcSql) << "SQL failed:" << what.left(200) << error.text();
    throw DomainError::internal(QStringLiteral("database error: %1").arg(error.text()));
}

bool SqlSupport::isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: SQLITE_CONSTRAINT (19) with its UNIQUE/PRIMARYKEY extended codes; PostgreSQL:
    // SQLSTATE 23505; MySQL: ER_DUP_ENTRY 1062. The text check covers drivers that report the
    // primary code only.
    if (code == QLatin1String("2067") || code == QLatin1String("1555")
        || code == QLatin1String("23505") || code == QLatin1String("1062"))
        return true;
    const QString text = error.text();
    return text.contains(QLatin1String("UNIQUE constraint failed"), Qt::CaseInsensitive)
           || text.contains(QLatin1String("duplicate key"), Qt::CaseInsensitive)
           || text.contains(QLatin1String("Duplicate entry"), Qt::CaseInsensitive);
}

QVariant SqlSupport::text(const QString &value)
{
    if (value.isNull())
        return QVariant(QMetaType::fromType<QString>());
    return QVariant(value);
}

QString SqlSupport::text(const QSqlQuery &query, int column)
{
    const QVariant v = query.value(column);
    if (v.isNull())
        return QString();
    return v.toString();
}

QVariant SqlSupport::nullableInt(qint64 value)
{
    if (value == 0)
        return QVariant(QMetaType::fromType<qint64>());
    return QVariant(value);
}

QString SqlSupport::placeholders(int n)
{
    QString s;
    s.reserve(n * 3);
    for (int i = 0; i < n; ++i) {
        if (i)
            s += QLatin1String(", ");
        s += QLatin1Char('?');
    }
    return s;
}

SqlSupport::Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db))
{
    // SQLite: IMMEDIATE takes the write lock now, waiting out the busy timeout. A DEFERRED
    // transaction that reads first holds a snapshot; if another connection commits before its
    // first write, that write fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT,
    // which no busy timeout retries). Every Transaction here writes, so nothing is lost by
    // taking the lock first. Qt's commit() and rollback() issue plain COMMIT / ROLLBACK.
    if (m_db.driverName() == QLatin1String("QSQLITE")) {
        QSqlQuery begin(m_db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            fail(begin.lastError(), QStringLiteral("BEGIN IMMEDIATE"));
        return;
    }
    if (!m_db.transaction())
        fail(m_db.lastError(), QStringLiteral("BEGIN"));
}

SqlSupport::Transaction::~Transaction()
{
    if (!m_done)
        m_db.rollback();
}

void SqlSupport::Transaction::commit()
{
    if (!m_db.commit()) {
        const QSqlError err = m_db.lastError();
        m_db.rollback();
        m_done = true;
        fail(err, QStringLiteral("COMMIT"));
    }
    m_done = true;
}
