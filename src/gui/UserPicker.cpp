#include "UserPicker.h"

#include "CoreServices.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorStore.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

UserPicker::UserPicker(QWidget *parent)
    : QWidget(parent), m_vendors(new QComboBox(this)), m_users(new QComboBox(this)),
      m_vendorLabel(new QLabel(this)), m_userLabel(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_vendors->setObjectName(QStringLiteral("vendorCombo"));
    m_users->setObjectName(QStringLiteral("userCombo"));
    m_vendors->setMinimumContentsLength(16);
    m_users->setMinimumContentsLength(16);
    m_vendors->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_users->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_vendorLabel->setBuddy(m_vendors);
    m_userLabel->setBuddy(m_users);
    layout->addWidget(m_vendorLabel);
    layout->addWidget(m_vendors, 1);
    layout->addSpacing(8);
    layout->addWidget(m_userLabel);
    layout->addWidget(m_users, 1);
    retranslate();

    connect(m_vendors, &QComboBox::currentIndexChanged, this, [this]() {
        fillUsers(0);
        Q_EMIT userChanged(vendorId(), userId());
    });
    connect(m_users, &QComboBox::currentIndexChanged, this,
            [this]() { Q_EMIT userChanged(vendorId(), userId()); });
}

void UserPicker::retranslate()
{
    m_vendorLabel->setText(tr("&Vendor:"));
    m_userLabel->setText(tr("&User:"));
    if (m_allowAll) {
        if (m_vendors->count() > 0)
            m_vendors->setItemText(0, tr("All vendors"));
        if (m_users->count() > 0)
            m_users->setItemText(0, tr("All users"));
    }
}

void UserPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void UserPicker::setCore(CoreServices *core, bool allowAll)
{
    m_core = core;
    m_allowAll = allowAll;
    reload();
}

qint64 UserPicker::vendorId() const
{
    return m_vendors->currentData().toLongLong();
}

qint64 UserPicker::userId() const
{
    return m_users->currentData().toLongLong();
}

bool UserPicker::select(qint64 vendor, qint64 user)
{
    const int v = m_vendors->findData(vendor);
    if (v < 0)
        return false;
    m_vendors->setCurrentIndex(v);
    const int u = m_users->findData(user);
    if (u < 0)
        return false;
    m_users->setCurrentIndex(u);
    return true;
}

void UserPicker::reload()
{
    if (!m_core)
        return;
    const qint64 keepVendor = vendorId();
    const qint64 keepUser = userId();
    {
        const QSignalBlocker block(m_vendors);
        m_vendors->clear();
        if (m_allowAll)
            m_vendors->addItem(tr("All vendors"), qint64(0));
        for (const Vendor &v : m_core->vendors().listAllForOperator())
            m_vendors->addItem(v.companyName.isEmpty()
                                   ? v.name
                                   : QStringLiteral("%1 (%2)").arg(v.name, v.companyName),
                               v.id);
        const int idx = m_vendors->findData(keepVendor);
        m_vendors->setCurrentIndex(idx >= 0 ? idx : 0);
    }
    fillUsers(keepUser);
    if (vendorId() != keepVendor || userId() != keepUser)
        Q_EMIT userChanged(vendorId(), userId());
}

void UserPicker::fillUsers(qint64 keepUserId)
{
    const QSignalBlocker block(m_users);
    m_users->clear();
    if (m_allowAll)
        m_users->addItem(tr("All users"), qint64(0));
    const qint64 vendor = vendorId();
    if (m_core && vendor > 0) {
        for (const AppUser &u : m_core->users().list(vendor))
            m_users->addItem(QStringLiteral("%1 <%2>").arg(u.name, u.email), u.id);
    }
    const int idx = m_users->findData(keepUserId);
    m_users->setCurrentIndex(idx >= 0 ? idx : 0);
    m_users->setEnabled(vendor > 0 || !m_allowAll);
}
