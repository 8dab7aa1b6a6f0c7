#pragma once

#include "Entities.h"

#include <QDialog>
#include <memory>

namespace Ui {
class SubscriptionDialog;
}
class CoreServices;

// Gives a user a subscription to a plan, or changes one (plan, status, end), through
// SubscriptionService as the admin API does.
class SubscriptionDialog : public QDialog
{
    Q_OBJECT
public:
    SubscriptionDialog(CoreServices &core, const Subscription &subscription,
                       QWidget *parent = nullptr);
    ~SubscriptionDialog() override;
    Subscription subscription() const { return m_subscription; }
    // For a new subscription: preselect a user.
    void selectUser(qint64 vendorId, qint64 userId);

public Q_SLOTS:
    void accept() override;

private:
    void planChosen();

    std::unique_ptr<Ui::SubscriptionDialog> ui;
    CoreServices &m_core;
    Subscription m_subscription;
};
