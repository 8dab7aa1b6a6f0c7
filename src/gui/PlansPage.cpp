#include "PlansPage.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "GuiContext.h"
#include "PlainMessageBox.h"
#include "PlanDialog.h"
#include "SubscriptionDialog.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorStore.h"
#include "platform/Clock.h"
#include "ui_PlansPage.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>

namespace {
qint64 selectedId(const QTableWidget *table)
{
    const QList<QTableWidgetItem *> items = table->selectedItems();
    return items.isEmpty() ? 0
                           : table->item(items.first()->row(), 0)->data(Qt::UserRole).toLongLong();
}

// The words for a status; the switch has no default so a new status cannot go unnamed.
QString statusText(SubscriptionService::Status status)
{
    switch (status) {
    case SubscriptionService::Status::Active:
        return PlansPage::tr("Active");
    case SubscriptionService::Status::Cancelled:
        return PlansPage::tr("Cancelled");
    case SubscriptionService::Status::Expired:
        return PlansPage::tr("Expired");
    case SubscriptionService::Status::Suspended:
        return PlansPage::tr("Suspended");
    }
    return {};
}

QString when(qint64 ms)
{
    return ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat)
                  : QString();
}
} // namespace

PlansPage::PlansPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::PlansPage>()), m_ctx(context)
{
    ui->setupUi(this);
    for (QTableWidget *t : {ui->plansTable, ui->subscriptionsTable}) {
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        t->horizontalHeader()->setStretchLastSection(true);
        connect(t, &QTableWidget::itemSelectionChanged, this, &PlansPage::updateButtons);
    }
    connect(ui->newPlanButton, &QPushButton::clicked, this, &PlansPage::newPlan);
    connect(ui->editPlanButton, &QPushButton::clicked, this, &PlansPage::editPlan);
    connect(ui->plansTable, &QTableWidget::cellDoubleClicked, this, &PlansPage::editPlan);
    connect(ui->deletePlanButton, &QPushButton::clicked, this, &PlansPage::deletePlan);
    connect(ui->giveButton, &QPushButton::clicked, this, &PlansPage::giveSubscription);
    connect(ui->editSubscriptionButton, &QPushButton::clicked, this, &PlansPage::editSubscription);
    connect(ui->subscriptionsTable, &QTableWidget::cellDoubleClicked, this,
            &PlansPage::editSubscription);
    connect(ui->extendButton, &QPushButton::clicked, this, &PlansPage::extendSubscription);
    connect(ui->endButton, &QPushButton::clicked, this, &PlansPage::endSubscription);
    reload();
}

PlansPage::~PlansPage() = default;

void PlansPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        reload();
    }
    QWidget::changeEvent(event);
}

void PlansPage::reload()
{
    CoreServices &core = m_ctx.core;
    const QList<Plan> plans = core.plans().list();
    QHash<qint64, QString> planNames;
    ui->plansTable->setRowCount(int(plans.size()));
    for (int r = 0; r < plans.size(); ++r) {
        const Plan &p = plans.at(r);
        planNames.insert(p.id, p.name);
        const QStringList cells{p.name, QLocale().toString(p.maxPhoneNumbers),
                                QLocale().toString(p.maxMessages),
                                QLocale().toString(p.periodDays)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == 0)
                item->setData(Qt::UserRole, p.id);
            ui->plansTable->setItem(r, c, item);
        }
    }

    // Users by id with their vendor (the subscription table holds only the user id).
    QHash<qint64, QPair<QString, QString>> users;
    for (const Vendor &v : core.vendors().listAllForOperator()) {
        for (const AppUser &u : core.users().list(v.id))
            users.insert(u.id, {u.name, v.name});
    }
    const QList<Subscription> subs = core.subscriptions().listForUser(0);
    const qint64 now = Clock::nowMs();
    ui->subscriptionsTable->setRowCount(int(subs.size()));
    for (int r = 0; r < subs.size(); ++r) {
        const Subscription &s = subs.at(r);
        const bool current = SubscriptionService::isCurrent(s, now);
        const auto known = SubscriptionService::statusFromString(s.status);
        QString status = known ? statusText(*known) : s.status;
        if (known == SubscriptionService::Status::Active && !current && s.endsAt <= now)
            status = tr("Active (ended)"); // (one that has not started yet is only greyed)
        const QStringList cells{users.value(s.appUserId).first,
                                users.value(s.appUserId).second,
                                planNames.value(s.planId),
                                status,
                                when(s.startsAt),
                                when(s.endsAt)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == 0)
                item->setData(Qt::UserRole, s.id);
            if (c == 3)
                item->setForeground(current ? QColor(0x1e, 0x8e, 0x3e) : QColor(0x80, 0x86, 0x8b));
            ui->subscriptionsTable->setItem(r, c, item);
        }
    }
    updateButtons();
}

void PlansPage::updateButtons()
{
    const bool plan = selectedId(ui->plansTable) > 0;
    const bool sub = selectedId(ui->subscriptionsTable) > 0;
    ui->editPlanButton->setEnabled(plan);
    ui->deletePlanButton->setEnabled(plan);
    ui->giveButton->setEnabled(ui->plansTable->rowCount() > 0);
    ui->editSubscriptionButton->setEnabled(sub);
    ui->extendButton->setEnabled(sub);
    ui->endButton->setEnabled(sub);
}

void PlansPage::newPlan()
{
    PlanDialog dialog(m_ctx.core, Plan{}, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void PlansPage::editPlan()
{
    const std::optional<Plan> plan = m_ctx.core.plans().find(selectedId(ui->plansTable));
    if (!plan)
        return;
    PlanDialog dialog(m_ctx.core, *plan, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void PlansPage::deletePlan()
{
    const std::optional<Plan> plan = m_ctx.core.plans().find(selectedId(ui->plansTable));
    if (!plan)
        return;
    if (PlainMessageBox::question(this, tr("Delete plan"),
                                  tr("Delete the plan %1?").arg(plan->name)) != QMessageBox::Yes)
        return;
    try {
        m_ctx.core.plans().remove(plan->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Delete plan"), e);
    }
    reload();
}

void PlansPage::giveSubscription()
{
    SubscriptionDialog dialog(m_ctx.core, Subscription{}, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void PlansPage::editSubscription()
{
    const std::optional<Subscription> s =
        m_ctx.core.subscriptions().find(selectedId(ui->subscriptionsTable));
    if (!s)
        return;
    SubscriptionDialog dialog(m_ctx.core, *s, this);
    if (dialog.exec() == QDialog::Accepted)
        reload();
}

void PlansPage::extendSubscription()
{
    const qint64 id = selectedId(ui->subscriptionsTable);
    if (id <= 0)
        return;
    try {
        m_ctx.core.subscriptionService().extend(id, Clock::nowMs());
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Extend subscription"), e);
    }
    reload();
}

void PlansPage::endSubscription()
{
    const qint64 id = selectedId(ui->subscriptionsTable);
    if (id <= 0)
        return;
    if (PlainMessageBox::question(
            this, tr("End subscription"),
            tr("End this subscription now? The user can no longer add numbers "
               "or send messages.")) != QMessageBox::Yes)
        return;
    try {
        m_ctx.core.subscriptionService().end(id, Clock::nowMs());
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("End subscription"), e);
    }
    reload();
}
