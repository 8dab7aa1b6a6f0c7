#pragma once

#include <QHash>
#include <QMainWindow>
#include <memory>

namespace Ui {
class MainWindow;
}
class CoreServices;
class SessionManager;
class GuiContext;
class QSystemTrayIcon;
class DashboardPage;
class SessionsPage;
class ContactsPage;
class MessagesPage;
class ConversationsPage;
class VendorsPage;
class PlansPage;
class SettingsPage;

// The operator's window: a sidebar of pages over the same services the REST API uses.
// Geometry and the last page are remembered (QSettings); Ctrl+1…8 switch pages; a tray icon
// tells when a session drops.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page
    {
        Dashboard,
        Sessions,
        Contacts,
        Messages,
        Conversations,
        Vendors,
        Plans,
        SettingsPageIndex,
        PageCount
    };

    MainWindow(CoreServices &core, SessionManager &sessions, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(int page);
    int currentPage() const;
    QWidget *page(int page) const;
    QString pageTitle(int page) const;
    static QString pageKey(int page); // "dashboard", "sessions", … (screenshots, --page)

    DashboardPage *dashboardPage() const { return m_dashboard; }
    SessionsPage *sessionsPage() const { return m_sessions; }
    ContactsPage *contactsPage() const { return m_contacts; }
    MessagesPage *messagesPage() const { return m_messages; }
    ConversationsPage *conversationsPage() const { return m_conversations; }
    VendorsPage *vendorsPage() const { return m_vendors; }
    PlansPage *plansPage() const { return m_plans; }
    SettingsPage *settingsPage() const { return m_settings; }

public Q_SLOTS:
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onSessionState(qint64 vendorId, qint64 numberId, const QString &state,
                        const QString &reason);
    void updateStatusBar();

    std::unique_ptr<Ui::MainWindow> ui;
    std::unique_ptr<GuiContext> m_ctx;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<qint64, QString> m_lastState;
    DashboardPage *m_dashboard;
    SessionsPage *m_sessions;
    ContactsPage *m_contacts;
    MessagesPage *m_messages;
    ConversationsPage *m_conversations;
    VendorsPage *m_vendors;
    PlansPage *m_plans;
    SettingsPage *m_settings;
    QList<QAction *> m_pageActions;
};
