#pragma once

#include "Entities.h"

#include <QDialog>
#include <memory>

namespace Ui {
class VendorDialog;
}
class CoreServices;

// Creates a vendor through VendorAccounts::registerVendor (same rules as POST
// /vendors/register) or edits name, company and phone (VendorStore::update).
class VendorDialog : public QDialog
{
    Q_OBJECT
public:
    VendorDialog(CoreServices &core, const Vendor &vendor, QWidget *parent = nullptr);
    ~VendorDialog() override;
    Vendor vendor() const { return m_vendor; }
    QString issuedKey() const { return m_key; } // new vendors only
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    std::unique_ptr<Ui::VendorDialog> ui;
    CoreServices &m_core;
    Vendor m_vendor;
    QString m_key;
};
