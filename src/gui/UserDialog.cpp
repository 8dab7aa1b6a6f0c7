#include "UserDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "accounts/AppUserStore.h"
#include "outbox/SendWindowPolicy.h"
#include "ui_UserDialog.h"

#include <QRegularExpression>

UserDialog::UserDialog(CoreServices &core, qint64 vendorId, const AppUser &user, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::UserDialog>()), m_core(core), m_vendorId(vendorId),
      m_user(user)
{
    ui->setupUi(this);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &UserDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &UserDialog::reject);
    setWindowTitle(user.id ? tr("Edit user") : tr("New user"));
    ui->nameEdit->setText(user.name);
    ui->emailEdit->setText(user.email);
    ui->companyEdit->setText(user.companyName);
    ui->externalEdit->setText(user.externalUserId);
    // Quiet hours: off by default; 21:00–08:00 offered when turned on.
    const QuietHours quiet = user.quietHours;
    ui->quietCheck->setChecked(quiet.isOn());
    ui->quietStartEdit->setTime(quiet.isOn() ? QTime(quiet.startMinute / 60, quiet.startMinute % 60)
                                             : QTime(21, 0));
    ui->quietEndEdit->setTime(quiet.isOn() ? QTime(quiet.endMinute / 60, quiet.endMinute % 60)
                                           : QTime(8, 0));
    auto enableTimes = [this](bool on) {
        ui->quietStartEdit->setEnabled(on);
        ui->quietEndEdit->setEnabled(on);
    };
    enableTimes(quiet.isOn());
    connect(ui->quietCheck, &QCheckBox::toggled, this, enableTimes);
}

UserDialog::~UserDialog() = default;

QString UserDialog::errorText() const
{
    return ui->errorLabel->text();
}

void UserDialog::accept()
{
    const QString name = ui->nameEdit->text().trimmed();
    const QString email = ui->emailEdit->text().trimmed();
    const auto optional = [](const QString &s) { return s.trimmed().isEmpty() ? QString() : s.trimmed(); };
    try {
        if (name.isEmpty())
            throw DomainError::validation(QStringLiteral("name"), tr("Name is required."));
        static const QRegularExpression emailRe(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
        if (!emailRe.match(email).hasMatch())
            throw DomainError::validation(QStringLiteral("email"),
                                          tr("Enter an email address like name@example.com."));
        const auto minuteOf = [](const QTime &t) { return t.hour() * 60 + t.minute(); };
        const QuietHours quiet =
            ui->quietCheck->isChecked()
                ? SendWindowPolicy::quietHours(minuteOf(ui->quietStartEdit->time()),
                                               minuteOf(ui->quietEndEdit->time()))
                : QuietHours{};
        if (m_user.id == 0) {
            AppUser u;
            u.quietHours = quiet;
            u.name = name;
            u.email = email;
            u.companyName = optional(ui->companyEdit->text());
            u.externalUserId = optional(ui->externalEdit->text());
            m_user = m_core.users().create(m_vendorId, u);
        } else {
            AppUserStore::Patch patch;
            patch.name = name;
            patch.email = email;
            patch.companyName = optional(ui->companyEdit->text());
            patch.externalUserId = optional(ui->externalEdit->text());
            patch.quietHours = quiet;
            m_user = m_core.users().update(m_vendorId, m_user.id, patch);
        }
    } catch (const DomainError &e) {
        ui->errorLabel->setText(ErrorText::describe(e));
        ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}
