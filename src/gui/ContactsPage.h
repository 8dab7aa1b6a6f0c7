#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class ContactsPage;
}
class GuiContext;
class ContactTableModel;
class QTimer;
class QPushButton;
class QProgressBar;
class QToolButton;

// A user's contact list: vendor → user pickers, a paged table with server-side search, the
// contact form, delete, CSV import and export (both off the GUI thread).
class ContactsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ContactsPage(GuiContext &context, QWidget *parent = nullptr);
    ~ContactsPage() override;

    ContactTableModel *model() const { return m_model; }
    // Writes every contact of the current user (matching the search) to `path` on a worker
    // thread; `done` gets the number written or an error.
    void exportTo(const QString &path, std::function<void(int written, const QString &error)> done);
    // Deletes these contacts of the current user on a worker thread (a delete waits for the
    // database's write lock, which an import running meanwhile holds for a while), then
    // refreshes the list; `done` gets the number removed or an error.
    void removeContacts(const QList<qint64> &ids,
                        std::function<void(int removed, const QString &error)> done);

    // "Check on WhatsApp" for these contacts of the current user (NumberCheckService: paced,
    // asynchronous, through the user's ready numbers). Answers the check's id, or an empty
    // string after telling the user why not (no ready number, over 1,000 contacts...).
    QString checkContacts(const QList<qint64> &ids);
    QString runningCheck() const { return m_checkId; }
    QString checkStatusText() const;
    QProgressBar *checkProgress() const { return m_checkProgress; }

public Q_SLOTS:
    void reloadUsers();
    void checkSelected();
    void cancelCheck();
    void addContact();
    void editContact();
    void deleteContacts();
    void importCsv();
    void exportCsv();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updatePager();
    void updateButtons();
    void onCheckChanged(const QString &id);

    std::unique_ptr<Ui::ContactsPage> ui;
    GuiContext &m_ctx;
    ContactTableModel *m_model;
    QTimer *m_searchDelay;
    int m_deleting = 0; // deletes on a worker thread
    QPushButton *m_checkButton;
    QProgressBar *m_checkProgress;
    QToolButton *m_checkCancel;
    QString m_checkId; // the check this page follows (empty: none)
    qint64 m_checkVendor = 0, m_checkUser = 0;
};
