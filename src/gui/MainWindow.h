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
class WebhooksPage;
class SettingsPage;
class NoticeBar;
struct WebhookDisabledEvent;

// The operator's window: a sidebar of pages over the same services the REST API uses.
// Geometry and the last page are remembered (QSettings); Ctrl+1…9 switch pages; a tray icon
// tells when a session drops, and the tray and a notice above the pages when a webhook
// endpoint is disabled.
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
        Webhooks,
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
    WebhooksPage *webhooksPage() const { return m_webhooks; }
    NoticeBar *noticeBar() const { return m_notice; }
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
    void onWebhookDisabled(qint64 vendorId, const WebhookDisabledEvent &event);
    void showDisabledWebhook();

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
    WebhooksPage *m_webhooks;
    SettingsPage *m_settings;
    QList<QAction *> m_pageActions;
    NoticeBar *m_notice;
    int m_trayPage = Sessions; // where a click on the tray's message leads
    qint64 m_noticeVendor = 0; // the newest disabled endpoint, for "Show"
    qint64 m_noticeEndpoint = 0;
};
