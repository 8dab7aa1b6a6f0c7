#pragma once

#include <QDialog>
#include <memory>

namespace Ui {
class SecretDialog;
}

// Shows one secret (an API key) with a Copy button; the text says what it is for.
class SecretDialog : public QDialog
{
    Q_OBJECT
public:
    SecretDialog(const QString &title, const QString &message, const QString &secret,
                 QWidget *parent = nullptr);
    ~SecretDialog() override;

private:
    std::unique_ptr<Ui::SecretDialog> ui;
};
