#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class VendorsPage;
}
class GuiContext;

// Vendors, their users and the users' WhatsApp numbers, top to bottom: create, edit, delete,
// show and rotate API keys, add numbers. Every change goes through the core services.
class VendorsPage : public QWidget
{
    Q_OBJECT
public:
    explicit VendorsPage(GuiContext &context, QWidget *parent = nullptr);
    ~VendorsPage() override;

    qint64 selectedVendorId() const;
    qint64 selectedUserId() const;
    qint64 selectedNumberId() const;
    bool selectVendor(qint64 vendorId);
    bool selectUser(qint64 userId);

public Q_SLOTS:
    void reload();
    void newVendor();
    void newUser();
    void addNumber();

Q_SIGNALS:
    // Vendors, users or numbers changed: other pages refresh their pickers.
    void directoryChanged();
    void openSession(qint64 numberId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void loadUsers();
    void loadNumbers();
    void updateButtons();
    void editVendor();
    void deleteVendor();
    void showKey();
    void rotateKey();
    void editUser();
    void deleteUser();
    void editNumber();
    void deleteNumber();

    std::unique_ptr<Ui::VendorsPage> ui;
    GuiContext &m_ctx;
};
