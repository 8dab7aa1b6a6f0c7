#include "storage/TenantScope.h"

#include <QSqlQuery>

TenantScope::TenantScope(qint64 vendorId, qint64 userId, bool withUser, const QString &alias)
    : m_vendorId(vendorId), m_userId(userId), m_withUser(withUser),
      m_prefix(alias.isEmpty() ? QString() : alias + QLatin1Char('.'))
{
}

TenantScope TenantScope::vendor(qint64 vendorId, const QString &alias)
{
    return TenantScope(vendorId, 0, false, alias);
}

TenantScope TenantScope::user(qint64 vendorId, qint64 userId, const QString &alias)
{
    return TenantScope(vendorId, userId, true, alias);
}

QString TenantScope::sql() const
{
    QString s = m_prefix + QLatin1String("api_consumer_id = ?");
    if (m_withUser)
        s += QLatin1String(" AND ") + m_prefix + QLatin1String("app_user_id = ?");
    return s;
}

QVariantList TenantScope::values() const
{
    if (m_withUser)
        return {m_vendorId, m_userId};
    return {m_vendorId};
}

void TenantScope::bind(QSqlQuery &query) const
{
    query.addBindValue(m_vendorId);
    if (m_withUser)
        query.addBindValue(m_userId);
}

int TenantScope::bindAt(QSqlQuery &query, int position) const
{
    query.bindValue(position++, m_vendorId);
    if (m_withUser)
        query.bindValue(position++, m_userId);
    return position;
}
