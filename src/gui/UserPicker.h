#pragma once

#include <QWidget>

class CoreServices;
class QComboBox;

// Vendor → user choice shared by the Contacts, Messages and Plans pages and the dialogs.
// With allowAll, both lists start with an "All" entry (id 0) for filters.
class UserPicker : public QWidget
{
    Q_OBJECT
public:
    explicit UserPicker(QWidget *parent = nullptr);

    void setCore(CoreServices *core, bool allowAll = false);
    qint64 vendorId() const;
    qint64 userId() const;
    // Selects the pair if it exists (used to restore the last choice and by tests).
    bool select(qint64 vendorId, qint64 userId);

public Q_SLOTS:
    // Re-reads vendors and users, keeping the current choice when it still exists.
    void reload();

Q_SIGNALS:
    void userChanged(qint64 vendorId, qint64 userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillUsers(qint64 keepUserId);
    void retranslate();

    CoreServices *m_core = nullptr;
    bool m_allowAll = false;
    QComboBox *m_vendors;
    QComboBox *m_users;
    class QLabel *m_vendorLabel;
    class QLabel *m_userLabel;
};
