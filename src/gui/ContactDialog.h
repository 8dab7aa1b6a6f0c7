#pragma once

#include "Entities.h"

#include <QDialog>
#include <QJsonObject>
#include <memory>

namespace Ui {
class ContactDialog;
}
class CoreServices;
class QWidget;

// Add or edit one contact. The form becomes an api.md Contact object and goes through the same
// ContactJson validation and phone normaliser as the REST API; the first problem is shown in
// words next to the buttons and its field gets the focus. Saving uses ContactService.
// An existing contact's Opt-out tab shows whether, since when and why (source) the contact
// opted out, and the history of changes; the operator opts them out, or back in with a
// reason, through OptOutService (the rule book the keywords and the API use). The form's
// save never changes the opt-in state of an existing contact: only recorded changes do.
class ContactDialog : public QDialog
{
    Q_OBJECT
public:
    // contact.id == 0: a new contact.
    ContactDialog(CoreServices &core, qint64 vendorId, qint64 userId, const Contact &contact,
                  QWidget *parent = nullptr);
    ~ContactDialog() override;

    // The form as api.md JSON (what would be sent).
    QJsonObject toJson() const;
    // Checks the form; on failure shows and returns false. errorText() tells why.
    bool validate();
    QString errorText() const;
    // The stored contact after a successful save.
    Contact savedContact() const { return m_saved; }
    // The Opt-out tab: the state line (plain text), the last message of an opt action.
    QString optOutStateText() const;
    QString optOutMessageText() const;

public Q_SLOTS:
    // The operator's opt-in / opt-out with the reason typed on the tab (source "operator").
    // Opting in without a reason is refused with the service's error.
    bool optIn();
    bool optOut();
    void accept() override;

private:
    void load(const Contact &c);
    void showError(const QString &field, const QString &message);
    QWidget *editorFor(const QString &field) const;
    void loadOptOut();
    bool changeOptIn(bool optIn);

    std::unique_ptr<Ui::ContactDialog> ui;
    CoreServices &m_core;
    qint64 m_vendorId;
    qint64 m_userId;
    qint64 m_contactId;
    Contact m_saved;
};
