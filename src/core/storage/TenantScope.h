#pragma once

#include <QString>
#include <QVariantList>

class QSqlQuery;

// The tenant clause of a query about a vendor's data, written once. Every table that holds a
// vendor's rows carries api_consumer_id (and app_user_id for a user's rows); a query that
// forgets the clause, or binds the ids in the wrong place, reaches another vendor's rows, and
// the API answers 404 for other vendors' ids only because every query says it (docs/api.md
// "Authentication"). The clause has positional placeholders: bind its values where it stands
// among the query's other placeholders.
//
//   const TenantScope scope = TenantScope::user(vendorId, userId, QStringLiteral("c"));
//   q = prepare(db, "SELECT … FROM contact_lists c WHERE c.id = ? AND " + scope.sql());
//   q.addBindValue(contactId);
//   scope.bind(q);
class TenantScope
{
public:
    // "api_consumer_id = ?" (with alias "c": "c.api_consumer_id = ?").
    static TenantScope vendor(qint64 vendorId, const QString &alias = QString());
    // "api_consumer_id = ? AND app_user_id = ?": the user's rows, and only if the user is the
    // vendor's.
    static TenantScope user(qint64 vendorId, qint64 userId, const QString &alias = QString());

    QString sql() const;
    // The values of sql()'s placeholders, in order (for SqlSupport::run and bind).
    QVariantList values() const;
    // addBindValue() of values(), in order.
    void bind(QSqlQuery &query) const;
    // bindValue() of values() from `position` on; the position after the last one.
    int bindAt(QSqlQuery &query, int position) const;

private:
    TenantScope(qint64 vendorId, qint64 userId, bool withUser, const QString &alias);
    qint64 m_vendorId;
    qint64 m_userId;
    bool m_withUser;
    QString m_prefix; // "" or "c."
};
