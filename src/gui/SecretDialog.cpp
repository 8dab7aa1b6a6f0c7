#include "SecretDialog.h"

#include "ui_SecretDialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPushButton>

SecretDialog::SecretDialog(const QString &title, const QString &message, const QString &secret,
                           QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::SecretDialog>())
{
    ui->setupUi(this);
    setWindowTitle(title);
    ui->messageLabel->setText(message);
    ui->valueEdit->setText(secret);
    ui->valueEdit->selectAll();
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(ui->copyButton, &QPushButton::clicked, this, [this]() {
        QGuiApplication::clipboard()->setText(ui->valueEdit->text());
        ui->copyButton->setText(tr("Copied"));
    });
}

SecretDialog::~SecretDialog() = default;
