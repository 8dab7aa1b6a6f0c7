#include "NumberDialog.h"

#include "DomainError.h"
#include "ErrorText.h"
#include "GuiContext.h"
#include "contacts/PhoneDisplay.h"
#include "numbers/NumberRegistry.h"
#include "ui_NumberDialog.h"

NumberDialog::NumberDialog(GuiContext &context, qint64 vendorId, qint64 userId,
                           const WhatsAppNumber &number, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::NumberDialog>()), m_ctx(context),
      m_vendorId(vendorId), m_userId(userId), m_number(number)
{
    ui->setupUi(this);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &NumberDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &NumberDialog::reject);
    const bool editing = number.id != 0;
    setWindowTitle(editing ? tr("Edit number") : tr("Add WhatsApp number"));
    ui->phoneEdit->setText(editing ? PhoneDisplay::e164(number.phoneNumber) : QString());
    ui->phoneEdit->setReadOnly(editing);
    ui->labelEdit->setText(number.label);
    ui->sandboxCheck->setChecked(number.sandbox);
    ui->sandboxCheck->setEnabled(!editing);
}

NumberDialog::~NumberDialog() = default;

QString NumberDialog::errorText() const
{
    return ui->errorLabel->text();
}

void NumberDialog::setValues(const QString &phone, const QString &label, bool sandbox)
{
    ui->phoneEdit->setText(phone);
    ui->labelEdit->setText(label);
    ui->sandboxCheck->setChecked(sandbox);
}

void NumberDialog::accept()
{
    const QString label = ui->labelEdit->text().trimmed();
    try {
        if (m_number.id == 0) {
            m_number = m_ctx.numbers().add(m_vendorId, m_userId, ui->phoneEdit->text().trimmed(),
                                           label, ui->sandboxCheck->isChecked());
        } else {
            NumberRegistry::Patch patch;
            patch.label = label.isEmpty() ? QString() : label;
            m_number = m_ctx.numbers().update(m_vendorId, m_userId, m_number.id, patch);
        }
    } catch (const DomainError &e) {
        ui->errorLabel->setText(ErrorText::describe(e));
        ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}
