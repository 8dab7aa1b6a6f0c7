#include "PlanDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "ui_PlanDialog.h"

PlanDialog::PlanDialog(CoreServices &core, const Plan &plan, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::PlanDialog>()), m_core(core), m_plan(plan)
{
    ui->setupUi(this);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &PlanDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &PlanDialog::reject);
    setWindowTitle(plan.id ? tr("Edit plan") : tr("New plan"));
    ui->nameEdit->setText(plan.name);
    ui->numbersSpin->setValue(plan.id ? plan.maxPhoneNumbers : 1);
    ui->messagesSpin->setValue(plan.id ? plan.maxMessages : 1000);
    ui->periodSpin->setValue(plan.id ? plan.periodDays : SubscriptionService::kDefaultPeriodDays);
}

PlanDialog::~PlanDialog() = default;

void PlanDialog::accept()
{
    Plan p = m_plan;
    p.name = ui->nameEdit->text().trimmed();
    p.maxPhoneNumbers = ui->numbersSpin->value();
    p.maxMessages = ui->messagesSpin->value();
    p.periodDays = ui->periodSpin->value();
    try {
        if (p.name.isEmpty())
            throw DomainError::validation(QStringLiteral("name"), tr("Name is required."));
        m_plan = p.id ? m_core.plans().update(p) : m_core.plans().create(p);
    } catch (const DomainError &e) {
        ui->errorLabel->setText(ErrorText::describe(e));
        ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}
