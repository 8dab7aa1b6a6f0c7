#pragma once

#include "Entities.h"

#include <QDialog>
#include <memory>

namespace Ui {
class UserDialog;
}
class CoreServices;

// Creates or edits one app user of a vendor (AppUserStore, as /users does).
class UserDialog : public QDialog
{
    Q_OBJECT
public:
    UserDialog(CoreServices &core, qint64 vendorId, const AppUser &user, QWidget *parent = nullptr);
    ~UserDialog() override;
    AppUser user() const { return m_user; }
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::UserDialog> ui;
    CoreServices &m_core;
    qint64 m_vendorId;
    AppUser m_user;
};
