#include "SubscriptionDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "platform/Clock.h"
#include "ui_SubscriptionDialog.h"

#include <QDateTime>

namespace {
// The words for a status; the switch has no default so a new status cannot go unnamed.
QString statusText(SubscriptionService::Status status)
{
    switch (status) {
    case SubscriptionService::Status::Active:
        return SubscriptionDialog::tr("Active");
    case SubscriptionService::Status::Suspended:
        return SubscriptionDialog::tr("Suspended");
    case SubscriptionService::Status::Cancelled:
        return SubscriptionDialog::tr("Cancelled");
    case SubscriptionService::Status::Expired:
        return SubscriptionDialog::tr("Expired");
    }
    return {};
}
} // namespace

SubscriptionDialog::SubscriptionDialog(CoreServices &core, const Subscription &subscription,
                                       QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::SubscriptionDialog>()), m_core(core),
      m_subscription(subscription)
{
    ui->setupUi(this);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &SubscriptionDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &SubscriptionDialog::reject);
    const bool editing = subscription.id != 0;
    setWindowTitle(editing ? tr("Edit subscription") : tr("Give subscription"));
    ui->userPicker->setCore(&core);
    ui->userPicker->setEnabled(!editing);
    for (const Plan &p : core.plans().list())
        ui->planCombo->addItem(tr("%1 (%2 numbers, %3 messages / %4 days)")
                                   .arg(p.name)
                                   .arg(p.maxPhoneNumbers)
                                   .arg(p.maxMessages)
                                   .arg(p.periodDays),
                               p.id);
    for (const SubscriptionService::Status status : SubscriptionService::statuses())
        ui->statusCombo->addItem(statusText(status), SubscriptionService::toString(status));
    if (editing) {
        ui->planCombo->setCurrentIndex(qMax(0, ui->planCombo->findData(subscription.planId)));
        ui->statusCombo->setCurrentIndex(qMax(0, ui->statusCombo->findData(subscription.status)));
        ui->endsEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(subscription.endsAt));
    } else {
        planChosen();
        connect(ui->planCombo, &QComboBox::currentIndexChanged, this,
                &SubscriptionDialog::planChosen);
    }
    if (ui->planCombo->count() == 0) {
        ui->errorLabel->setText(tr("Create a plan first."));
        ui->errorLabel->setVisible(true);
    }
}

SubscriptionDialog::~SubscriptionDialog() = default;

void SubscriptionDialog::selectUser(qint64 vendorId, qint64 userId)
{
    ui->userPicker->select(vendorId, userId);
}

void SubscriptionDialog::planChosen()
{
    // A new subscription runs one plan period from now unless the operator says otherwise.
    const std::optional<Plan> plan = m_core.plans().find(ui->planCombo->currentData().toLongLong());
    if (plan)
        ui->endsEdit->setDateTime(
            QDateTime::fromMSecsSinceEpoch(SubscriptionService::defaultEnd(*plan, Clock::nowMs())));
}

void SubscriptionDialog::accept()
{
    Subscription s = m_subscription;
    s.planId = ui->planCombo->currentData().toLongLong();
    s.status = ui->statusCombo->currentData().toString();
    s.endsAt = ui->endsEdit->dateTime().toMSecsSinceEpoch();
    try {
        if (s.planId <= 0)
            throw DomainError::validation(QStringLiteral("plan_id"), tr("Choose a plan."));
        if (s.id == 0) {
            s.appUserId = ui->userPicker->userId();
            if (s.appUserId <= 0)
                throw DomainError::validation(QStringLiteral("app_user_id"), tr("Choose a user."));
            s.startsAt = Clock::nowMs();
            if (s.endsAt <= s.startsAt)
                throw DomainError::validation(QStringLiteral("ends_at"),
                                              tr("The end must be in the future."));
            m_subscription = m_core.subscriptionService().give(s);
        } else {
            m_subscription = m_core.subscriptionService().change(s);
        }
    } catch (const DomainError &e) {
        ui->errorLabel->setText(ErrorText::describe(e));
        ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}
