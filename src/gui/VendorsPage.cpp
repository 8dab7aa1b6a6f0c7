#include "VendorsPage.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "GuiContext.h"
#include "NumberDialog.h"
#include "PlainMessageBox.h"
#include "SecretDialog.h"
#include "SessionManager.h"
#include "StatusText.h"
#include "UserDialog.h"
#include "VendorDialog.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "contacts/PhoneDisplay.h"
#include "numbers/NumberRegistry.h"
#include "ui_VendorsPage.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>

namespace {
qint64 selectedId(const QTableWidget *table)
{
    const QList<QTableWidgetItem *> items = table->selectedItems();
    if (items.isEmpty())
        return 0;
    return table->item(items.first()->row(), 0)->data(Qt::UserRole).toLongLong();
}

bool selectId(QTableWidget *table, qint64 id)
{
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->data(Qt::UserRole).toLongLong() == id) {
            table->selectRow(r);
            return true;
        }
    }
    return false;
}

void setRow(QTableWidget *table, int row, qint64 id, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells.at(c));
        if (c == 0)
            item->setData(Qt::UserRole, id);
        table->setItem(row, c, item);
    }
}
} // namespace

VendorsPage::VendorsPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::VendorsPage>()), m_ctx(context)
{
    ui->setupUi(this);
    for (QTableWidget *t : {ui->vendorsTable, ui->usersTable, ui->numbersTable})
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ui->vendorsTable->horizontalHeader()->setStretchLastSection(true);
    connect(ui->vendorsTable, &QTableWidget::itemSelectionChanged, this, &VendorsPage::loadUsers);
    connect(ui->usersTable, &QTableWidget::itemSelectionChanged, this, &VendorsPage::loadNumbers);
    connect(ui->numbersTable, &QTableWidget::itemSelectionChanged, this, &VendorsPage::updateButtons);
    connect(ui->newVendorButton, &QPushButton::clicked, this, &VendorsPage::newVendor);
    connect(ui->editVendorButton, &QPushButton::clicked, this, &VendorsPage::editVendor);
    connect(ui->vendorsTable, &QTableWidget::cellDoubleClicked, this, &VendorsPage::editVendor);
    connect(ui->deleteVendorButton, &QPushButton::clicked, this, &VendorsPage::deleteVendor);
    connect(ui->showKeyButton, &QPushButton::clicked, this, &VendorsPage::showKey);
    connect(ui->rotateKeyButton, &QPushButton::clicked, this, &VendorsPage::rotateKey);
    connect(ui->newUserButton, &QPushButton::clicked, this, &VendorsPage::newUser);
    connect(ui->editUserButton, &QPushButton::clicked, this, &VendorsPage::editUser);
    connect(ui->usersTable, &QTableWidget::cellDoubleClicked, this, &VendorsPage::editUser);
    connect(ui->deleteUserButton, &QPushButton::clicked, this, &VendorsPage::deleteUser);
    connect(ui->addNumberButton, &QPushButton::clicked, this, &VendorsPage::addNumber);
    connect(ui->editNumberButton, &QPushButton::clicked, this, &VendorsPage::editNumber);
    connect(ui->deleteNumberButton, &QPushButton::clicked, this, &VendorsPage::deleteNumber);
    connect(ui->openSessionButton, &QPushButton::clicked, this,
            [this]() { Q_EMIT openSession(selectedNumberId()); });
    connect(ui->numbersTable, &QTableWidget::cellDoubleClicked, this,
            [this]() { Q_EMIT openSession(selectedNumberId()); });
    connect(&m_ctx.sessions, &SessionManager::stateChanged, this,
            [this](qint64, qint64 numberId) {
                for (int r = 0; r < ui->numbersTable->rowCount(); ++r) {
                    if (ui->numbersTable->item(r, 0)->data(Qt::UserRole).toLongLong() == numberId)
                        loadNumbers();
                }
            });
    reload();
}

VendorsPage::~VendorsPage() = default;

void VendorsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        reload();
    }
    QWidget::changeEvent(event);
}

qint64 VendorsPage::selectedVendorId() const
{
    return selectedId(ui->vendorsTable);
}

qint64 VendorsPage::selectedUserId() const
{
    return selectedId(ui->usersTable);
}

qint64 VendorsPage::selectedNumberId() const
{
    return selectedId(ui->numbersTable);
}

bool VendorsPage::selectVendor(qint64 vendorId)
{
    return selectId(ui->vendorsTable, vendorId);
}

bool VendorsPage::selectUser(qint64 userId)
{
    return selectId(ui->usersTable, userId);
}

void VendorsPage::reload()
{
    const qint64 keep = selectedVendorId();
    const QList<Vendor> vendors = m_ctx.core.vendors().listAllForOperator();
    {
        const QSignalBlocker block(ui->vendorsTable);
        ui->vendorsTable->setRowCount(int(vendors.size()));
        for (int r = 0; r < vendors.size(); ++r) {
            const Vendor &v = vendors.at(r);
            setRow(ui->vendorsTable, r, v.id,
                   {v.name, v.email, v.companyName, v.phoneNumber,
                    QLocale().toString(QDateTime::fromMSecsSinceEpoch(v.createdAt).date(),
                                       QLocale::ShortFormat)});
        }
    }
    if (!selectVendor(keep) && !vendors.isEmpty())
        ui->vendorsTable->selectRow(0);
    loadUsers();
}

void VendorsPage::loadUsers()
{
    const qint64 vendor = selectedVendorId();
    const qint64 keep = selectedUserId();
    QList<AppUser> users;
    if (vendor > 0)
        users = m_ctx.core.users().list(vendor);
    {
        const QSignalBlocker block(ui->usersTable);
        ui->usersTable->setRowCount(int(users.size()));
        for (int r = 0; r < users.size(); ++r) {
            const AppUser &u = users.at(r);
            setRow(ui->usersTable, r, u.id, {u.name, u.email, u.companyName, u.externalUserId});
        }
    }
    if (!selectUser(keep) && !users.isEmpty())
        ui->usersTable->selectRow(0);
    loadNumbers();
}

void VendorsPage::loadNumbers()
{
    const qint64 vendor = selectedVendorId(), user = selectedUserId();
    const qint64 keep = selectedNumberId();
    QList<WhatsAppNumber> numbers;
    if (vendor > 0 && user > 0) {
        try {
            numbers = m_ctx.numbers().list(vendor, user);
        } catch (const DomainError &) {
            // The user went meanwhile; the list stays empty.
        }
    }
    {
        const QSignalBlocker block(ui->numbersTable);
        ui->numbersTable->setRowCount(int(numbers.size()));
        for (int r = 0; r < numbers.size(); ++r) {
            const WhatsAppNumber &n = numbers.at(r);
            const QString state = m_ctx.sessions.snapshot(vendor, n.id).state;
            setRow(ui->numbersTable, r, n.id,
                   {PhoneDisplay::e164(n.phoneNumber), n.label,
                    n.sandbox ? tr("Sandbox") : tr("WhatsApp"), StatusText::sessionState(state)});
            ui->numbersTable->item(r, 3)->setForeground(StatusText::sessionColor(state));
        }
    }
    selectId(ui->numbersTable, keep);
    updateButtons();
}

void VendorsPage::updateButtons()
{
    const bool vendor = selectedVendorId() > 0, user = selectedUserId() > 0,
               number = selectedNumberId() > 0;
    for (QPushButton *b : {ui->editVendorButton, ui->deleteVendorButton, ui->showKeyButton,
                           ui->rotateKeyButton, ui->newUserButton})
        b->setEnabled(vendor);
    for (QPushButton *b : {ui->editUserButton, ui->deleteUserButton, ui->addNumberButton})
        b->setEnabled(user);
    for (QPushButton *b : {ui->editNumberButton, ui->deleteNumberButton, ui->openSessionButton})
        b->setEnabled(number);
}

void VendorsPage::newVendor()
{
    VendorDialog dialog(m_ctx.core, Vendor{}, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload();
    selectVendor(dialog.vendor().id);
    Q_EMIT directoryChanged();
    SecretDialog(tr("API key"),
                 tr("The vendor %1 was created. Give them this API key for the x-api-key header. "
                    "It can be shown again here at any time.")
                     .arg(dialog.vendor().name),
                 dialog.issuedKey(), this)
        .exec();
}

void VendorsPage::editVendor()
{
    const std::optional<Vendor> vendor = m_ctx.core.vendors().find(selectedVendorId());
    if (!vendor)
        return;
    VendorDialog dialog(m_ctx.core, *vendor, this);
    if (dialog.exec() == QDialog::Accepted) {
        reload();
        Q_EMIT directoryChanged();
    }
}

void VendorsPage::deleteVendor()
{
    const std::optional<Vendor> vendor = m_ctx.core.vendors().find(selectedVendorId());
    if (!vendor)
        return;
    if (PlainMessageBox::warning(this, tr("Delete vendor"),
                                 tr("Delete %1 with all its users, numbers, contacts and "
                                    "subscriptions? Their sessions are logged out. This cannot be "
                                    "undone.")
                                     .arg(vendor->name),
                                 QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    try {
        // Users first, through the registry, so each number's session logs out and its
        // profile data goes (as DELETE /users/:id does).
        for (const AppUser &u : m_ctx.core.users().list(vendor->id))
            m_ctx.numbers().removeUser(vendor->id, u.id);
        m_ctx.core.vendors().remove(vendor->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Delete vendor"), e);
    }
    reload();
    Q_EMIT directoryChanged();
}

void VendorsPage::showKey()
{
    const qint64 vendor = selectedVendorId();
    try {
        QString key = m_ctx.core.accounts().currentKey(vendor);
        QString message = tr("The vendor's current API key (header x-api-key):");
        if (key.isEmpty()) {
            key = m_ctx.core.accounts().rotateKey(vendor);
            message = tr("The vendor had no readable key; a new one was issued:");
        }
        SecretDialog(tr("API key"), message, key, this).exec();
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("API key"), e);
    }
}

void VendorsPage::rotateKey()
{
    const qint64 vendor = selectedVendorId();
    if (PlainMessageBox::question(this, tr("Rotate API key"),
                                  tr("Issue a new API key? The current key stops working at once; "
                                     "the vendor's integrations need the new one.")) !=
        QMessageBox::Yes)
        return;
    try {
        const QString key = m_ctx.core.accounts().rotateKey(vendor);
        SecretDialog(tr("API key"), tr("The new API key:"), key, this).exec();
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Rotate API key"), e);
    }
}

void VendorsPage::newUser()
{
    const qint64 vendor = selectedVendorId();
    if (vendor <= 0)
        return;
    UserDialog dialog(m_ctx.core, vendor, AppUser{}, this);
    if (dialog.exec() == QDialog::Accepted) {
        loadUsers();
        selectUser(dialog.user().id);
        Q_EMIT directoryChanged();
    }
}

void VendorsPage::editUser()
{
    const qint64 vendor = selectedVendorId();
    const std::optional<AppUser> user = m_ctx.core.users().find(vendor, selectedUserId());
    if (!user)
        return;
    UserDialog dialog(m_ctx.core, vendor, *user, this);
    if (dialog.exec() == QDialog::Accepted) {
        loadUsers();
        Q_EMIT directoryChanged();
    }
}

void VendorsPage::deleteUser()
{
    const qint64 vendor = selectedVendorId();
    const std::optional<AppUser> user = m_ctx.core.users().find(vendor, selectedUserId());
    if (!user)
        return;
    if (PlainMessageBox::warning(this, tr("Delete user"),
                                 tr("Delete %1 with their numbers, contacts and subscriptions? "
                                    "Their sessions are logged out; the message history stays.")
                                     .arg(user->name),
                                 QMessageBox::Yes | QMessageBox::Cancel,
                                 QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    try {
        m_ctx.numbers().removeUser(vendor, user->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Delete user"), e);
    }
    loadUsers();
    Q_EMIT directoryChanged();
}

void VendorsPage::addNumber()
{
    const qint64 vendor = selectedVendorId(), user = selectedUserId();
    if (vendor <= 0 || user <= 0)
        return;
    NumberDialog dialog(m_ctx, vendor, user, WhatsAppNumber{}, this);
    if (dialog.exec() == QDialog::Accepted) {
        loadNumbers();
        selectId(ui->numbersTable, dialog.number().id);
        Q_EMIT directoryChanged();
    }
}

void VendorsPage::editNumber()
{
    const qint64 vendor = selectedVendorId(), user = selectedUserId();
    try {
        const WhatsAppNumber number = m_ctx.numbers().find(vendor, user, selectedNumberId());
        NumberDialog dialog(m_ctx, vendor, user, number, this);
        if (dialog.exec() == QDialog::Accepted) {
            loadNumbers();
            Q_EMIT directoryChanged();
        }
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Edit number"), e);
    }
}

void VendorsPage::deleteNumber()
{
    const qint64 vendor = selectedVendorId(), user = selectedUserId(), id = selectedNumberId();
    if (PlainMessageBox::warning(
            this, tr("Remove number"),
            tr("Remove this WhatsApp number? Its session is logged out and its "
               "browser data deleted."),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    try {
        m_ctx.numbers().remove(vendor, user, id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Remove number"), e);
    }
    loadNumbers();
    Q_EMIT directoryChanged();
}
