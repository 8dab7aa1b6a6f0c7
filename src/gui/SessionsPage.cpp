#include "SessionsPage.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EngineInfo.h"
#include "ErrorText.h"
#include "GuiContext.h"
#include "PairingCodeDialog.h"
#include "PlainMessageBox.h"
#include "Session.h"
#include "SessionManager.h"
#include "StatusText.h"
#include "accounts/AppUserStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/VendorStore.h"
#include "contacts/PhoneDisplay.h"
#include "numbers/NumberStore.h"
#include "outbox/SendWindowPolicy.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "ui_SessionsPage.h"

#include <QEvent>
#include <QHeaderView>
#include <QMessageBox>
#include <QShortcut>
#include <QTimer>
#include <QWebEngineView>

namespace {
constexpr int kPhoneColumn = 0;
constexpr int kStateColumn = 5;
} // namespace

SessionsPage::SessionsPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::SessionsPage>()), m_ctx(context),
      m_countdown(new QTimer(this))
{
    ui->setupUi(this);
    ui->splitter->setStretchFactor(0, 2);
    ui->splitter->setStretchFactor(1, 3);
    ui->splitter->setSizes({560, 700}); // the list shows all its columns at 1280 px
    ui->sessionsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    ui->sessionsTable->horizontalHeader()->setStretchLastSection(true);
    ui->qrWidget->setPlaceholder(tr("No QR code to scan right now."));

    connect(ui->connectButton, &QPushButton::clicked, this, &SessionsPage::connectSelected);
    connect(ui->codeButton, &QPushButton::clicked, this, &SessionsPage::connectWithCodeSelected);
    connect(ui->disconnectButton, &QPushButton::clicked, this, &SessionsPage::disconnectSelected);
    connect(ui->logoutButton, &QPushButton::clicked, this, &SessionsPage::logoutSelected);
    connect(ui->restartButton, &QPushButton::clicked, this, &SessionsPage::restartSelected);
    connect(ui->scanButton, &QPushButton::clicked, this, &SessionsPage::simulateScanSelected);
    connect(ui->filterEdit, &QLineEdit::textChanged, this, &SessionsPage::applyFilter);
    connect(ui->sessionsTable, &QTableWidget::itemSelectionChanged, this,
            &SessionsPage::updateDetail);
    connect(ui->viewTabs, &QTabWidget::currentChanged, this, &SessionsPage::updateWebView);
    auto *connectShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(connectShortcut, &QShortcut::activated, this, &SessionsPage::connectSelected);

    SessionManager &sessions = m_ctx.sessions;
    connect(&sessions, &SessionManager::stateChanged, this, &SessionsPage::onStateChanged);
    connect(&sessions, &SessionManager::qrChanged, this,
            [this](qint64, qint64 numberId, const QString &) {
                if (numberId == selectedNumberId())
                    updateDetail();
            });
    connect(&sessions, &SessionManager::pairingCodeChanged, this,
            [this](qint64, qint64 numberId, const QString &) {
                if (numberId == selectedNumberId())
                    updateDetail();
            });
    connect(&sessions, &SessionManager::sessionCreated, this, [this](qint64 numberId) {
        if (numberId == selectedNumberId())
            updateWebView();
    });
    connect(&sessions, &SessionManager::sessionDestroyed, this, &SessionsPage::onSessionDestroyed);

    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &SessionsPage::updateCountdown);
    m_countdown->start();

    connect(ui->engineWarning, &QLabel::linkActivated, this, &SessionsPage::dismissEngineWarning);
    connect(&m_ctx.core.settings(), &Settings::changed, this, [this](const QString &key) {
        if (key == QLatin1String("engine_min_chromium"))
            updateEngineWarning();
    });
    updateEngineWarning();
    reload();
}

void SessionsPage::updateEngineWarning()
{
    const int floor = m_ctx.core.settings().engineMinChromium();
    if (m_engineWarningDismissed || !EngineInfo::isOlderThan(floor)) {
        ui->engineWarning->hide();
        ui->engineWarning->clear();
        return;
    }
    ui->engineWarning->setText(
        tr("<b>This Qt WebEngine runs Chromium %1, older than %2.</b> Real WhatsApp Web may "
           "refuse to load in it or stop working; the simulator is not affected. For real "
           "numbers use a build on Qt WebEngine 6.10 or newer (see docs/sessions.md). "
           "<a href=\"dismiss\">Dismiss</a>")
            .arg(EngineInfo::chromiumVersion().toHtmlEscaped())
            .arg(floor));
    ui->engineWarning->show();
}

void SessionsPage::dismissEngineWarning()
{
    m_engineWarningDismissed = true;
    updateEngineWarning();
}

QString SessionsPage::stateText() const
{
    return ui->stateLabel->text();
}

QString SessionsPage::engineWarningText() const
{
    return ui->engineWarning->isHidden() ? QString() : ui->engineWarning->text();
}

SessionsPage::~SessionsPage()
{
    // The pages belong to the sessions: detach before the views go.
    for (QWebEngineView *view : std::as_const(m_views))
        delete view;
}

void SessionsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        updateEngineWarning();
        reload();
    }
    QWidget::changeEvent(event);
}

int SessionsPage::rowOf(qint64 numberId) const
{
    for (int r = 0; r < ui->sessionsTable->rowCount(); ++r) {
        if (ui->sessionsTable->item(r, kPhoneColumn)->data(Qt::UserRole).toLongLong() == numberId)
            return r;
    }
    return -1;
}

int SessionsPage::rowCount() const
{
    return ui->sessionsTable->rowCount();
}

qint64 SessionsPage::selectedNumberId() const
{
    const QList<QTableWidgetItem *> items = ui->sessionsTable->selectedItems();
    if (items.isEmpty())
        return 0;
    const int row = items.first()->row();
    return ui->sessionsTable->item(row, kPhoneColumn)->data(Qt::UserRole).toLongLong();
}

bool SessionsPage::selectNumber(qint64 numberId)
{
    const int row = rowOf(numberId);
    if (row < 0)
        return false;
    ui->sessionsTable->selectRow(row);
    return true;
}

std::optional<WhatsAppNumber> SessionsPage::selected() const
{
    const qint64 id = selectedNumberId();
    if (!m_numbers.contains(id))
        return std::nullopt;
    return m_numbers.value(id);
}

void SessionsPage::reload()
{
    const qint64 keep = selectedNumberId();
    CoreServices &core = m_ctx.core;
    QHash<qint64, QString> vendorNames;
    for (const Vendor &v : core.vendors().listAllForOperator())
        vendorNames.insert(v.id, v.name);
    QHash<qint64, QString> userNames;
    m_numbers.clear();
    const QList<WhatsAppNumber> numbers = core.numbers().listAllForOperator();
    QSet<qint64> vendorsSeen;
    for (const WhatsAppNumber &n : numbers) {
        m_numbers.insert(n.id, n);
        if (!vendorsSeen.contains(n.vendorId)) {
            vendorsSeen.insert(n.vendorId);
            for (const AppUser &u : core.users().list(n.vendorId))
                userNames.insert(u.id, u.name);
        }
    }

    QTableWidget *t = ui->sessionsTable;
    t->setSortingEnabled(false);
    t->setRowCount(int(numbers.size()));
    for (int r = 0; r < numbers.size(); ++r) {
        const WhatsAppNumber &n = numbers.at(r);
        auto *phone = new QTableWidgetItem(PhoneDisplay::e164(n.phoneNumber));
        phone->setData(Qt::UserRole, n.id);
        t->setItem(r, kPhoneColumn, phone);
        t->setItem(r, 1, new QTableWidgetItem(n.label));
        t->setItem(r, 2, new QTableWidgetItem(vendorNames.value(n.vendorId)));
        t->setItem(r, 3, new QTableWidgetItem(userNames.value(n.appUserId)));
        t->setItem(r, 4, new QTableWidgetItem(n.sandbox ? tr("Sandbox") : tr("WhatsApp")));
        t->setItem(r, kStateColumn, new QTableWidgetItem);
        // The live state is the session's; the stored one is what it was last.
        const SessionManager::Snapshot snap = m_ctx.sessions.snapshot(n.vendorId, n.id);
        setRowState(r, snap.state, snap.reason);
    }
    t->setSortingEnabled(true);
    ui->emptyHint->setVisible(numbers.isEmpty());
    applyFilter();
    if (!selectNumber(keep) && t->rowCount() > 0 && keep == 0)
        t->selectRow(0);
    updateDetail();
}

void SessionsPage::setRowState(int row, const QString &state, const QString &reason)
{
    QTableWidgetItem *item = ui->sessionsTable->item(row, kStateColumn);
    if (!item)
        return;
    QString text = QStringLiteral("● ") + StatusText::sessionState(state);
    if (!reason.isEmpty())
        text += QStringLiteral(" (") + StatusText::sessionReason(reason) + QLatin1Char(')');
    item->setText(text);
    item->setForeground(StatusText::sessionColor(state));
    item->setData(Qt::UserRole, state);
}

void SessionsPage::applyFilter()
{
    const QString term = ui->filterEdit->text().trimmed();
    QTableWidget *t = ui->sessionsTable;
    for (int r = 0; r < t->rowCount(); ++r) {
        bool match = term.isEmpty();
        for (int c = 0; c < 4 && !match; ++c)
            match = t->item(r, c) && t->item(r, c)->text().contains(term, Qt::CaseInsensitive);
        t->setRowHidden(r, !match);
    }
}

void SessionsPage::onStateChanged(qint64, qint64 numberId, const QString &state,
                                  const QString &reason)
{
    const int row = rowOf(numberId);
    if (row < 0) {
        reload(); // a number added meanwhile (REST API)
        return;
    }
    setRowState(row, state, reason);
    if (numberId == selectedNumberId())
        updateDetail();
}

void SessionsPage::onSessionDestroyed(qint64 numberId)
{
    if (QWebEngineView *view = m_views.take(numberId)) {
        ui->webStack->removeWidget(view);
        delete view;
    }
    if (numberId == selectedNumberId())
        updateWebView();
}

void SessionsPage::updateDetail()
{
    const std::optional<WhatsAppNumber> n = selected();
    const bool has = n.has_value();
    for (QPushButton *b : {ui->connectButton, ui->codeButton, ui->disconnectButton,
                           ui->logoutButton, ui->restartButton, ui->scanButton})
        b->setEnabled(has);
    if (!has) {
        ui->detailTitle->setText(tr("Select a number"));
        ui->stateLabel->clear();
        ui->qrWidget->setText(QString());
        ui->countdownLabel->clear();
        ui->scanButton->setVisible(false);
        updateWebView();
        return;
    }
    const SessionManager::Snapshot snap = m_ctx.sessions.snapshot(n->vendorId, n->id);
    ui->detailTitle->setText(n->label.isEmpty()
                                 ? PhoneDisplay::e164(n->phoneNumber)
                                 : QStringLiteral("+%1 — %2").arg(n->phoneNumber, n->label));
    QString state = QStringLiteral("<span style='color:%1; font-weight:600'>● %2</span>")
                        .arg(StatusText::sessionColor(snap.state).name(),
                             StatusText::sessionState(snap.state).toHtmlEscaped());
    if (n->sandbox)
        state += QStringLiteral(" · ") + tr("sandbox (simulated WhatsApp, no phone needed)");
    // The warm-up's daily limit and what is left of it today (SendWindowPolicy).
    const SendWindowPolicy::Allowance today = m_ctx.core.sendWindow().allowance(*n, Clock::nowMs());
    state += QStringLiteral("<br>") +
             (today.limit < 0 ? tr("Sent today: %1 · no daily warm-up limit").arg(today.sent)
                              : tr("Warm-up day %1: %2 of %3 sent today, %4 left")
                                    .arg(today.day)
                                    .arg(today.sent)
                                    .arg(today.limit)
                                    .arg(today.left))
                 .toHtmlEscaped();
    if (!snap.reason.isEmpty()) {
        state += QStringLiteral(" — ") + StatusText::sessionReason(snap.reason).toHtmlEscaped();
        // The reason itself names the cause and the engine's version; then what to do.
        if (snap.reason != StatusText::sessionReason(snap.reason))
            state += QStringLiteral("<br><small>%1</small>").arg(snap.reason.toHtmlEscaped());
        const QString advice = StatusText::sessionAdvice(snap.reason);
        if (!advice.isEmpty())
            state += QStringLiteral("<br>") + advice.toHtmlEscaped();
    }
    ui->stateLabel->setText(state);

    const bool running =
        snap.state != SessionState::Disconnected && snap.state != SessionState::Failed;
    ui->connectButton->setEnabled(!running);
    // A code instead of the QR: before starting, or while the QR waits to be scanned.
    ui->codeButton->setEnabled(!running || snap.state == SessionState::QrPending);
    ui->disconnectButton->setEnabled(running);
    ui->restartButton->setEnabled(running || snap.state == SessionState::Failed);
    ui->scanButton->setVisible(n->sandbox);
    ui->scanButton->setEnabled(n->sandbox && snap.state == SessionState::QrPending);
    ui->qrWidget->setText(snap.state == SessionState::QrPending ? snap.qr : QString());
    if (!snap.pairingCode.isEmpty())
        ui->qrWidget->setPlaceholder(tr("Linking with the code %1 instead of the QR code.")
                                         .arg(PairingCodeDialog::displayCode(snap.pairingCode)));
    else if (snap.state == SessionState::Ready)
        ui->qrWidget->setPlaceholder(tr("Connected. Open the WhatsApp Web tab to see the page."));
    else if (running)
        ui->qrWidget->setPlaceholder(tr("Waiting for WhatsApp Web to show a QR code…"));
    else
        ui->qrWidget->setPlaceholder(tr("Press Connect to get a QR code."));
    updateCountdown();
    updateWebView();
}

void SessionsPage::updateCountdown()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n || ui->qrWidget->text().isEmpty()) {
        ui->countdownLabel->clear();
        return;
    }
    const SessionManager::Snapshot snap = m_ctx.sessions.snapshot(n->vendorId, n->id);
    if (snap.qrExpiresAt <= 0) {
        ui->countdownLabel->clear();
        return;
    }
    const qint64 seconds = qMax<qint64>(0, (snap.qrExpiresAt - Clock::nowMs() + 999) / 1000);
    ui->countdownLabel->setText(tr("This code refreshes in %n second(s).", nullptr, int(seconds)));
}

QString SessionsPage::qrText() const
{
    return ui->qrWidget->text();
}

QString SessionsPage::countdownText() const
{
    return ui->countdownLabel->text();
}

void SessionsPage::updateWebView()
{
    if (ui->viewTabs->currentWidget() != ui->webTab) {
        return; // views are created when first looked at
    }
    const qint64 id = selectedNumberId();
    Session *session = id ? m_ctx.sessions.session(id) : nullptr;
    if (!session || !session->page()) {
        ui->webStack->setCurrentWidget(ui->noPageLabel);
        return;
    }
    QWebEngineView *view = m_views.value(id);
    if (!view) {
        view = new QWebEngineView(ui->webStack);
        view->setPage(session->page());
        ui->webStack->addWidget(view);
        m_views.insert(id, view);
    }
    ui->webStack->setCurrentWidget(view);
}

void SessionsPage::showWebView()
{
    ui->viewTabs->setCurrentWidget(ui->webTab);
}

void SessionsPage::showQr()
{
    ui->viewTabs->setCurrentWidget(ui->qrTab);
}

void SessionsPage::connectSelected()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n)
        return;
    try {
        // What POST /connect checks (subscription, plan limit), from the same service.
        m_ctx.core.subscriptionService().requireMayConnect(n->vendorId, n->appUserId,
                                                           Clock::nowMs());
        m_ctx.sessions.connectNumber(n->vendorId, n->id);
        showQr();
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Connect"), e);
    }
    updateDetail();
}

PairingCodeDialog *SessionsPage::pairingCodeDialog() const
{
    return m_codeDialog;
}

void SessionsPage::connectWithCodeSelected()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n)
        return;
    try {
        m_ctx.core.subscriptionService().requireMayConnect(n->vendorId, n->appUserId,
                                                           Clock::nowMs());
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Connect with code"), e);
        return;
    }
    if (m_codeDialog)
        m_codeDialog->close();
    m_codeDialog = new PairingCodeDialog(m_ctx, *n, this);
    m_codeDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_codeDialog->open();
    m_codeDialog->requestCode();
    showQr();
    updateDetail();
}

void SessionsPage::disconnectSelected()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n)
        return;
    try {
        m_ctx.sessions.disconnectNumber(n->vendorId, n->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Disconnect"), e);
    }
    updateDetail();
}

void SessionsPage::logoutSelected()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n)
        return;
    if (PlainMessageBox::question(this, tr("Log out"),
                                  tr("Log +%1 out of WhatsApp? Its browser data is deleted and the "
                                     "next connection needs a new QR scan.")
                                      .arg(n->phoneNumber)) != QMessageBox::Yes)
        return;
    try {
        m_ctx.sessions.logoutNumber(n->vendorId, n->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Log out"), e);
    }
    updateDetail();
}

void SessionsPage::restartSelected()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n)
        return;
    try {
        // Restarting a number that is not running starts it: the checks of Connect apply.
        const QString state = m_ctx.sessions.snapshot(n->vendorId, n->id).state;
        if (state == SessionState::Failed || state == SessionState::Disconnected)
            m_ctx.core.subscriptionService().requireMayConnect(n->vendorId, n->appUserId,
                                                               Clock::nowMs());
        m_ctx.sessions.restartNumber(n->vendorId, n->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Restart"), e);
    }
    updateDetail();
}

void SessionsPage::simulateScanSelected()
{
    const std::optional<WhatsAppNumber> n = selected();
    if (!n || !n->sandbox)
        return;
    try {
        m_ctx.sessions.simulateScan(n->vendorId, n->id);
    } catch (const DomainError &e) {
        ErrorText::show(this, tr("Simulate scan"), e);
    }
    updateDetail();
}
