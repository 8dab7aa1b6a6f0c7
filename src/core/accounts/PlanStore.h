#pragma once

#include "Entities.h"

#include <optional>

class QSqlQuery;

// Plans are the operator's (global, not per vendor).
class PlanStore
{
public:
    explicit PlanStore(QString connectionName);
    Plan create(const Plan &plan); // Validation if limits < 0 or period_days < 1
    std::optional<Plan> find(qint64 planId) const;
    QList<Plan> list() const;
    Plan update(const Plan &plan); // NotFound
    bool remove(qint64 planId);    // Conflict "plan_in_use" if a subscription refers to it

    // A plan's columns in a SELECT (each prefixed with `alias.` when one is given) and the
    // Plan read back from them, starting at `firstColumn`: for the stores that join plans.
    static QString columns(const QString &alias = {});
    static Plan readRow(const QSqlQuery &q, int firstColumn = 0);

private:
    QString m_connection;
};
