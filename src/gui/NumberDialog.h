#pragma once

#include "Entities.h"

#include <QDialog>
#include <memory>

namespace Ui {
class NumberDialog;
}
class GuiContext;

// Adds a WhatsApp number to a user through NumberRegistry (subscription, plan limit, phone
// normalisation, duplicates), or edits its label (the phone is immutable).
class NumberDialog : public QDialog
{
    Q_OBJECT
public:
    NumberDialog(GuiContext &context, qint64 vendorId, qint64 userId, const WhatsAppNumber &number,
                 QWidget *parent = nullptr);
    ~NumberDialog() override;
    WhatsAppNumber number() const { return m_number; }
    QString errorText() const;
    void setValues(const QString &phone, const QString &label, bool sandbox);

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::NumberDialog> ui;
    GuiContext &m_ctx;
    qint64 m_vendorId;
    qint64 m_userId;
    WhatsAppNumber m_number;
};
