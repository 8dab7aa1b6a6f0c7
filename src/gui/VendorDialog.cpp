#include "VendorDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "ui_VendorDialog.h"

VendorDialog::VendorDialog(CoreServices &core, const Vendor &vendor, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::VendorDialog>()), m_core(core), m_vendor(vendor)
{
    ui->setupUi(this);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &VendorDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &VendorDialog::reject);
    const bool editing = vendor.id != 0;
    setWindowTitle(editing ? tr("Edit vendor") : tr("New vendor"));
    ui->nameEdit->setText(vendor.name);
    ui->emailEdit->setText(vendor.email);
    ui->companyEdit->setText(vendor.companyName);
    ui->phoneEdit->setText(vendor.phoneNumber);
    // Email and password are the vendor's own credentials: not changed from here.
    ui->emailEdit->setReadOnly(editing);
    ui->passwordEdit->setVisible(!editing);
    ui->passwordEditLabel->setVisible(!editing);
}

VendorDialog::~VendorDialog() = default;

QString VendorDialog::errorText() const
{
    return ui->errorLabel->text();
}

void VendorDialog::accept()
{
    try {
        if (m_vendor.id == 0) {
            const VendorAccounts::Issued issued = m_core.accounts().registerVendor(
                ui->nameEdit->text().trimmed(), ui->emailEdit->text().trimmed(),
                ui->passwordEdit->text(), ui->companyEdit->text().trimmed(),
                ui->phoneEdit->text().trimmed());
            m_vendor = issued.vendor;
            m_key = issued.apiKey;
        } else {
            if (ui->nameEdit->text().trimmed().isEmpty())
                throw DomainError::validation(QStringLiteral("name"), tr("Name is required."));
            // Through the accounts service: the phone is normalised as the API does it.
            m_vendor = m_core.accounts().updateProfile(m_vendor.id, ui->nameEdit->text().trimmed(),
                                                       ui->companyEdit->text().trimmed(),
                                                       ui->phoneEdit->text().trimmed());
        }
    } catch (const DomainError &e) {
        ui->errorLabel->setText(ErrorText::describe(e));
        ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}
