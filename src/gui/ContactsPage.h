#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class ContactsPage;
}
class GuiContext;
class ContactTableModel;
class QTimer;

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

public Q_SLOTS:
    void reloadUsers();
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

    std::unique_ptr<Ui::ContactsPage> ui;
    GuiContext &m_ctx;
    ContactTableModel *m_model;
    QTimer *m_searchDelay;
    int m_deleting = 0; // deletes on a worker thread
};
