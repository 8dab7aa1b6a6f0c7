#pragma once

#include "Entities.h"

#include <QDialog>
#include <memory>

namespace Ui {
class PlanDialog;
}
class CoreServices;

// Creates or edits a plan (PlanStore, as POST /admin/plans).
class PlanDialog : public QDialog
{
    Q_OBJECT
public:
    PlanDialog(CoreServices &core, const Plan &plan, QWidget *parent = nullptr);
    ~PlanDialog() override;
    Plan plan() const { return m_plan; }

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::PlanDialog> ui;
    CoreServices &m_core;
    Plan m_plan;
};
