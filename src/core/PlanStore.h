#pragma once

#include "Entities.h"

#include <optional>

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

private:
    QString m_connection;
};
