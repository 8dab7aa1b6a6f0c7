#include "storage/SqlBulkInsert.h"

#include "DomainError.h"
#include "storage/SqlSupport.h"

#include <QSqlDriver>
#include <sqlite3.h>

namespace {

// The sqlite3* behind a QSQLITE connection, if Qt's driver uses the same SQLite build as the
// library we link (a plugin with its own bundled copy would make the handle foreign to us).
sqlite3 *directHandle(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QSQLITE") || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    static const bool sameLibrary = [&db] {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() &&
               q.value(0).toString() == QLatin1String(sqlite3_sourceid());
    }();
    if (!sameLibrary)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

sqlite3 *SqlBulkInsert::directHandle(const QSqlDatabase &db)
{
    return ::directHandle(db);
}

SqlBulkInsert::SqlBulkInsert(const QSqlDatabase &db, const QString &sql, int parameterCount)
{
    m_values.resize(parameterCount);
    m_db = directHandle(db);
    if (m_db) {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr) !=
            SQLITE_OK) {
            const QString err = QString::fromUtf8(sqlite3_errmsg(m_db));
            m_stmt = nullptr;
            throw DomainError::internal(QStringLiteral("database error: %1").arg(err));
        }
        return;
    }
    m_query = SqlSupport::prepare(db, sql);
}

SqlBulkInsert::~SqlBulkInsert()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

void SqlBulkInsert::bind(int index, const QVariant &value)
{
    if (!m_stmt) {
        m_query.bindValue(index, value);
        return;
    }
    m_values[index] = value;
    const QVariant &v = m_values[index];
    const int i = index + 1;
    int rc;
    if (v.isNull()) {
        rc = sqlite3_bind_null(m_stmt, i);
    } else {
        switch (v.typeId()) {
        case QMetaType::QString: {
            const QString *s = static_cast<const QString *>(v.constData());
            rc = s->isNull() ? sqlite3_bind_null(m_stmt, i)
                             : sqlite3_bind_text16(m_stmt, i, s->utf16(), int(s->size() * 2),
                                                   SQLITE_STATIC);
            break;
        }
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(m_stmt, i, v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(m_stmt, i, v.toDouble());
            break;
        default: {
            m_values[index] = v.toString();
            const QString *s = static_cast<const QString *>(m_values[index].constData());
            rc = sqlite3_bind_text16(m_stmt, i, s->utf16(), int(s->size() * 2), SQLITE_STATIC);
        }
        }
    }
    if (rc != SQLITE_OK)
        throw DomainError::internal(
            QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
}

void SqlBulkInsert::bindText(int index, const QString &value)
{
    if (!m_stmt) {
        m_query.bindValue(index, SqlSupport::text(value));
        return;
    }
    const int rc = value.isNull() ? sqlite3_bind_null(m_stmt, index + 1)
                                  : sqlite3_bind_text16(m_stmt, index + 1, value.utf16(),
                                                        int(value.size() * 2), SQLITE_STATIC);
    if (rc != SQLITE_OK)
        throw DomainError::internal(
            QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
}

void SqlBulkInsert::bindInt(int index, qint64 value)
{
    if (!m_stmt) {
        m_query.bindValue(index, value);
        return;
    }
    check(sqlite3_bind_int64(m_stmt, index + 1, value));
}

void SqlBulkInsert::bindNull(int index)
{
    if (!m_stmt) {
        m_query.bindValue(index, QVariant(QMetaType::fromType<qint64>()));
        return;
    }
    check(sqlite3_bind_null(m_stmt, index + 1));
}

void SqlBulkInsert::check(int rc) const
{
    if (rc != SQLITE_OK)
        throw DomainError::internal(
            QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
}

void SqlBulkInsert::bindUtf8(int index, const QByteArray &utf8)
{
    if (!m_stmt) {
        m_query.bindValue(index, QString::fromUtf8(utf8));
        return;
    }
    // SQLite stores text as UTF-8 here, so this skips the UTF-16 translation per value.
    const int rc = sqlite3_bind_text(m_stmt, index + 1, utf8.isNull() ? "" : utf8.constData(),
                                     int(utf8.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK)
        throw DomainError::internal(
            QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
}

void SqlBulkInsert::exec()
{
    if (!m_stmt) {
        SqlSupport::exec(m_query);
        m_changes = m_query.numRowsAffected();
        return;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_DONE) {
        const QString err = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_reset(m_stmt);
        throw DomainError::internal(QStringLiteral("database error: %1").arg(err));
    }
    m_changes = sqlite3_changes(m_db);
    sqlite3_reset(m_stmt);
}

int SqlBulkInsert::changes() const
{
    return m_changes;
}

qint64 SqlBulkInsert::lastInsertId() const
{
    if (!m_stmt)
        return m_query.lastInsertId().toLongLong();
    return sqlite3_last_insert_rowid(m_db);
}
