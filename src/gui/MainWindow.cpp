#include "MainWindow.h"

#include "ContactsPage.h"
#include "ConversationsPage.h"
#include "CoreServices.h"
#include "DashboardPage.h"
#include "EngineInfo.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "GuiLanguage.h"
#include "MessagesPage.h"
#include "NoticeBar.h"
#include "PlansPage.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "SettingsPage.h"
#include "StatusText.h"
#include "VendorsPage.h"
#include "WebhookText.h"
#include "WebhooksPage.h"
#include "accounts/VendorStore.h"
#include "contacts/PhoneDisplay.h"
#include "numbers/NumberStore.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QDesktopServices>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSqlQuery>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <QtWebEngineCore/qtwebenginecoreglobal.h>
#include <qrencode.h>
#include <sodium.h>

static void initGuiResources()
{
    // The resources live in a static library: make sure the linker keeps them.
    Q_INIT_RESOURCE(gui);
}

MainWindow::MainWindow(CoreServices &core, SessionManager &sessions, QWidget *parent)
    : QMainWindow(parent), ui(std::make_unique<Ui::MainWindow>()),
      m_ctx(std::make_unique<GuiContext>(core, sessions))
{
    initGuiResources();
    GuiLanguage::apply(core.settings().language());
    ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/gui/wamator.svg")));
    QFile style(QStringLiteral(":/gui/style.qss"));
    if (style.open(QIODevice::ReadOnly))
        setStyleSheet(QString::fromUtf8(style.readAll()));
    ui->navigation->setObjectName(QStringLiteral("navigation"));

    m_dashboard = new DashboardPage(*m_ctx, this);
    m_sessions = new SessionsPage(*m_ctx, this);
    m_contacts = new ContactsPage(*m_ctx, this);
    m_messages = new MessagesPage(*m_ctx, this);
    m_conversations = new ConversationsPage(*m_ctx, this);
    m_vendors = new VendorsPage(*m_ctx, this);
    m_plans = new PlansPage(*m_ctx, this);
    m_webhooks = new WebhooksPage(*m_ctx, this);
    m_settings = new SettingsPage(*m_ctx, this);
    const QStringList icons{
        QStringLiteral("dashboard"), QStringLiteral("sessions"),      QStringLiteral("contacts"),
        QStringLiteral("messages"),  QStringLiteral("conversations"), QStringLiteral("vendors"),
        QStringLiteral("plans"),     QStringLiteral("webhooks"),      QStringLiteral("settings")};
    for (int i = 0; i < PageCount; ++i) {
        QWidget *p = page(i);
        p->setObjectName(pageKey(i) + QStringLiteral("Page"));
        ui->pages->addWidget(p);
        auto *item = new QListWidgetItem(QIcon(QStringLiteral(":/gui/%1.svg").arg(icons.at(i))),
                                         QString(), ui->navigation);
        item->setSizeHint(QSize(0, 40));
        auto *action = new QAction(this);
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setIcon(item->icon());
        connect(action, &QAction::triggered, this, [this, i]() { showPage(i); });
        ui->viewMenu->addAction(action);
        m_pageActions << action;
    }
    connect(ui->navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        ui->pages->setCurrentIndex(row);
        QSettings().setValue(QStringLiteral("window/page"), pageKey(row));
    });

    // Directory changes on one page refresh the pickers of the others.
    connect(m_vendors, &VendorsPage::directoryChanged, this, [this]() {
        m_contacts->reloadUsers();
        m_messages->reloadUsers();
        m_conversations->reloadUsers();
        m_sessions->reload();
        m_plans->reload();
        m_webhooks->reloadVendors();
    });
    connect(m_vendors, &VendorsPage::openSession, this, [this](qint64 numberId) {
        showPage(Sessions);
        m_sessions->selectNumber(numberId);
    });
    connect(m_settings, &SettingsPage::languageChanged, this,
            [](const QString &language) { GuiLanguage::apply(language); });
    connect(&core.settings(), &Settings::changed, this, &MainWindow::updateStatusBar);
    connect(&sessions, &SessionManager::stateChanged, this, &MainWindow::onSessionState);

    // Above the pages: notices the operator must see even without a tray (a disabled webhook).
    m_notice = new NoticeBar(ui->centralWidget);
    auto *column = new QWidget(ui->centralWidget);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    delete ui->centralLayout->replaceWidget(ui->pages, column);
    columnLayout->addWidget(m_notice);
    columnLayout->addWidget(ui->pages, 1);
    connect(m_notice, &NoticeBar::actionTriggered, this, &MainWindow::showDisabledWebhook);
    core.events().on<WebhookDisabledEvent>(
        this,
        [this](qint64 vendorId, const WebhookDisabledEvent &e) { onWebhookDisabled(vendorId, e); });

    connect(ui->quitAction, &QAction::triggered, this, &QWidget::close);
    connect(ui->aboutAction, &QAction::triggered, this, &MainWindow::about);
    connect(ui->aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(ui->apiDocsAction, &QAction::triggered, this, [this]() {
        const Settings &s = m_ctx->core.settings();
        QDesktopServices::openUrl(
            QUrl(QStringLiteral("http://%1:%2/openapi.json").arg(s.listenAddress()).arg(s.port())));
    });
    connect(ui->dataDirAction, &QAction::triggered, this, [this]() {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_ctx->core.dataDir()));
    });

    for (const WhatsAppNumber &n : core.numbers().listAllForOperator())
        m_lastState.insert(n.id, sessions.snapshot(n.vendorId, n.id).state);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/gui/tray.svg")), this);
        auto *menu = new QMenu(this);
        menu->addAction(tr("Show Wamator"), this, [this]() {
            showNormal();
            raise();
            activateWindow();
        });
        menu->addAction(tr("Sessions"), this, [this]() {
            showNormal();
            showPage(Sessions);
        });
        menu->addSeparator();
        menu->addAction(tr("Quit"), this, &QWidget::close);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
            if (r == QSystemTrayIcon::Trigger) {
                showNormal();
                raise();
                activateWindow();
            }
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this]() {
            showNormal();
            if (m_trayPage == Webhooks)
                showDisabledWebhook();
            else
                showPage(m_trayPage);
        });
        m_tray->show();
    }

    retranslate();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString last = settings.value(QStringLiteral("window/page")).toString();
    int start = Dashboard;
    for (int i = 0; i < PageCount; ++i) {
        if (pageKey(i) == last)
            start = i;
    }
    showPage(start);
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

QString MainWindow::pageKey(int p)
{
    static const QStringList keys{
        QStringLiteral("dashboard"), QStringLiteral("sessions"),      QStringLiteral("contacts"),
        QStringLiteral("messages"),  QStringLiteral("conversations"), QStringLiteral("vendors"),
        QStringLiteral("plans"),     QStringLiteral("webhooks"),      QStringLiteral("settings")};
    return keys.value(p);
}

QString MainWindow::pageTitle(int p) const
{
    switch (p) {
    case Dashboard:
        return tr("Dashboard");
    case Sessions:
        return tr("Sessions");
    case Contacts:
        return tr("Contacts");
    case Messages:
        return tr("Messages");
    case Conversations:
        return tr("Conversations");
    case Vendors:
        return tr("Vendors and users");
    case Plans:
        return tr("Plans");
    case Webhooks:
        return tr("Webhooks");
    case SettingsPageIndex:
        return tr("Settings");
    }
    return {};
}

QWidget *MainWindow::page(int p) const
{
    switch (p) {
    case Dashboard:
        return m_dashboard;
    case Sessions:
        return m_sessions;
    case Contacts:
        return m_contacts;
    case Messages:
        return m_messages;
    case Conversations:
        return m_conversations;
    case Vendors:
        return m_vendors;
    case Plans:
        return m_plans;
    case Webhooks:
        return m_webhooks;
    case SettingsPageIndex:
        return m_settings;
    }
    return nullptr;
}

void MainWindow::showPage(int p)
{
    if (p < 0 || p >= PageCount)
        return;
    ui->navigation->setCurrentRow(p);
}

int MainWindow::currentPage() const
{
    return ui->pages->currentIndex();
}

void MainWindow::retranslate()
{
    for (int i = 0; i < PageCount; ++i) {
        ui->navigation->item(i)->setText(pageTitle(i));
        ui->navigation->item(i)->setToolTip(
            tr("%1 (%2)").arg(pageTitle(i),
                              m_pageActions.at(i)->shortcut().toString(QKeySequence::NativeText)));
        m_pageActions.at(i)->setText(pageTitle(i));
    }
    if (m_tray)
        m_tray->setToolTip(tr("Wamator"));
    m_notice->setActionText(tr("Show webhooks"));
    updateStatusBar();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::updateStatusBar()
{
    const Settings &s = m_ctx->core.settings();
    int ready = 0;
    for (auto it = m_lastState.cbegin(); it != m_lastState.cend(); ++it)
        ready += it.value() == SessionState::Ready;
    ui->statusBar->showMessage(tr("API on http://%1:%2 · %3 of %n number(s) ready · data in %4",
                                  nullptr, int(m_lastState.size()))
                                   .arg(s.listenAddress())
                                   .arg(s.port())
                                   .arg(ready)
                                   .arg(m_ctx->core.dataDir()));
}

void MainWindow::onSessionState(qint64 vendorId, qint64 numberId, const QString &state,
                                const QString &reason)
{
    const QString before = m_lastState.value(numberId);
    m_lastState.insert(numberId, state);
    updateStatusBar();
    const bool dropped = before == SessionState::Ready && state != SessionState::Ready;
    if (!dropped && state != SessionState::Failed)
        return;
    if (!m_tray)
        return;
    QString phone;
    if (const std::optional<WhatsAppNumber> n = m_ctx->core.numbers().find(vendorId, numberId))
        phone =
            PhoneDisplay::e164(n->phoneNumber) +
            (n->label.isEmpty() ? QString() : QStringLiteral(" (") + n->label + QLatin1Char(')'));
    QString text = tr("%1 is now %2.").arg(phone, StatusText::sessionState(state).toLower());
    if (!reason.isEmpty())
        text += QLatin1Char(' ') + StatusText::sessionReason(reason);
    m_tray->setIcon(QIcon(QStringLiteral(":/gui/tray-alert.svg")));
    m_trayPage = Sessions;
    m_tray->showMessage(tr("WhatsApp session dropped"), text, QSystemTrayIcon::Warning, 10000);
    QTimer::singleShot(60000, m_tray, [this]() { m_tray->setIcon(QIcon(QStringLiteral(":/gui/tray.svg"))); });
}

void MainWindow::onWebhookDisabled(qint64 vendorId, const WebhookDisabledEvent &e)
{
    QString vendor = QString::number(vendorId);
    if (const std::optional<Vendor> v = m_ctx->core.vendors().find(vendorId))
        vendor = v->name;
    const QString text = tr("The webhook endpoint %1 of %2 was disabled: %3. Its events are "
                            "kept; enable it on the Webhooks page to resume delivery.")
                             .arg(e.url, vendor, WebhookText::disabledReason(e.reason));
    m_noticeVendor = vendorId;
    m_noticeEndpoint = e.endpointId;
    m_notice->setActionText(tr("Show webhooks"));
    m_notice->addNotice(text);
    if (!m_tray)
        return;
    m_tray->setIcon(QIcon(QStringLiteral(":/gui/tray-alert.svg")));
    m_trayPage = Webhooks;
    m_tray->showMessage(tr("Webhook endpoint disabled"), text, QSystemTrayIcon::Warning, 10000);
    QTimer::singleShot(60000, m_tray,
                       [this]() { m_tray->setIcon(QIcon(QStringLiteral(":/gui/tray.svg"))); });
}

void MainWindow::showDisabledWebhook()
{
    showNormal();
    raise();
    showPage(Webhooks);
    if (m_noticeVendor > 0 && m_webhooks->selectVendor(m_noticeVendor))
        m_webhooks->selectEndpoint(m_noticeEndpoint);
}

void MainWindow::about()
{
    QString sqlite;
    QSqlQuery q(m_ctx->core.database().connection());
    if (q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next())
        sqlite = q.value(0).toString();
    char *qrencode = QRcode_APIVersionString();
    const QString text =
        tr("<h3>Wamator %1</h3>"
           "<p>Run many WhatsApp numbers from one desktop window, with a local REST API.</p>"
           "<table>"
           "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
           "<tr><td>Qt WebEngine</td><td>%4 (Chromium %5)</td></tr>"
           "<tr><td>SQLite</td><td>%6</td></tr>"
           "<tr><td>libsodium</td><td>%7</td></tr>"
           "<tr><td>libqrencode</td><td>%8</td></tr>"
           "</table>"
           "<p>Data folder: %9</p>")
            .arg(QStringLiteral(WAMATOR_VERSION), QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qWebEngineVersion()),
                 EngineInfo::chromiumVersion(), sqlite,
                 QString::fromLatin1(sodium_version_string()), QString::fromLatin1(qrencode),
                 m_ctx->core.dataDir().toHtmlEscaped());
    QMessageBox::about(this, tr("About Wamator"), text);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), pageKey(currentPage()));
    QMainWindow::closeEvent(event);
}
