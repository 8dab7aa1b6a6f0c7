#include "WebhooksPage.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "PlainMessageBox.h"
#include "SecretDialog.h"
#include "WebhookDeliveryModel.h"
#include "WebhookDialog.h"
#include "WebhookEndpointModel.h"
#include "WebhookText.h"
#include "accounts/VendorStore.h"
#include "ui_WebhooksPage.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QSettings>
#include <QShortcut>
#include <QTimer>

namespace {
// Staged events arrive per message (hundreds a second on a busy vendor): lists are read again
// at most this often.
constexpr int kRefreshDelayMs = 250;
} // namespace

WebhooksPage::WebhooksPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::WebhooksPage>()), m_ctx(context),
      m_endpoints(new WebhookEndpointModel(context.core, this)),
      m_deliveries(new WebhookDeliveryModel(context.core.database(), this)),
      m_endpointsRefresh(new QTimer(this)), m_deliveriesRefresh(new QTimer(this)),
      m_poll(new QTimer(this))
{
    ui->setupUi(this);
    ui->endpointsTable->setModel(m_endpoints);
    ui->endpointsTable->verticalHeader()->hide();
    ui->endpointsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    ui->endpointsTable->horizontalHeader()->resizeSection(WebhookEndpointModel::Url, 280);
    ui->endpointsTable->horizontalHeader()->resizeSection(WebhookEndpointModel::Health, 200);
    ui->endpointsTable->horizontalHeader()->resizeSection(WebhookEndpointModel::LastDelivery, 200);
    ui->deliveriesTable->setModel(m_deliveries);
    ui->deliveriesTable->verticalHeader()->hide();
    ui->deliveriesTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    ui->deliveriesTable->horizontalHeader()->resizeSection(WebhookDeliveryModel::Outcome, 220);
    ui->splitter->setStretchFactor(0, 2);
    ui->splitter->setStretchFactor(1, 3);
    ui->sinceEdit->setDateTime(QDateTime::currentDateTime().addDays(-1));
    ui->sinceEdit->setEnabled(false);
    fillStatusCombo();

    connect(ui->vendorCombo, &QComboBox::currentIndexChanged, this, &WebhooksPage::onVendorChanged);
    connect(m_endpoints, &WebhookEndpointModel::loaded, this, &WebhooksPage::onEndpointsLoaded);
    connect(m_endpoints, &WebhookEndpointModel::failed, this, [this](const QString &message) {
        report(tr("Could not load the endpoints: %1").arg(message), false);
    });
    connect(ui->endpointsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebhooksPage::onEndpointChanged);
    connect(ui->endpointsTable, &QTableView::doubleClicked, this, &WebhooksPage::editEndpoint);
    connect(m_deliveries, &WebhookDeliveryModel::loaded, this, [this]() {
        if (m_wantDelivery > 0) {
            const int row = m_deliveries->rowOf(m_wantDelivery);
            if (row >= 0)
                ui->deliveriesTable->selectRow(row);
        }
        const int n = m_deliveries->rowCount();
        ui->deliveriesTotal->setText(
            n >= WebhookDeliveryModel::kLimit
                ? tr("The newest %n deliveries (narrow the filter to see older ones).", nullptr, n)
                : tr("%n delivery(ies)", nullptr, n));
        updateButtons();
    });
    connect(m_deliveries, &WebhookDeliveryModel::failed, this, [this](const QString &message) {
        ui->deliveriesTotal->setText(tr("Could not load the deliveries: %1").arg(message));
    });
    connect(ui->deliveriesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const WebhookDeliveryStore::Entry e = m_deliveries->entryAt(current.row());
                m_wantDelivery = e.id;
                ui->deliveryDetail->setText(WebhookDeliveryModel::detailText(e));
                updateButtons();
            });
    connect(ui->statusCombo, &QComboBox::currentIndexChanged, this,
            &WebhooksPage::applyDeliveryFilter);
    connect(ui->sinceCheck, &QCheckBox::toggled, this, [this](bool on) {
        ui->sinceEdit->setEnabled(on);
        applyDeliveryFilter();
    });
    connect(ui->sinceEdit, &QDateTimeEdit::dateTimeChanged, this, [this]() {
        if (ui->sinceCheck->isChecked())
            applyDeliveryFilter();
    });

    connect(ui->refreshButton, &QToolButton::clicked, this, &WebhooksPage::refresh);
    connect(ui->addButton, &QPushButton::clicked, this, &WebhooksPage::addEndpoint);
    connect(ui->editButton, &QPushButton::clicked, this, &WebhooksPage::editEndpoint);
    connect(ui->enableButton, &QPushButton::clicked, this, &WebhooksPage::toggleEnabled);
    connect(ui->rotateButton, &QPushButton::clicked, this, &WebhooksPage::rotateSecret);
    connect(ui->testButton, &QPushButton::clicked, this, &WebhooksPage::sendTest);
    connect(ui->deleteButton, &QPushButton::clicked, this, &WebhooksPage::deleteEndpoint);
    connect(ui->replayButton, &QPushButton::clicked, this, &WebhooksPage::replay);
    auto *reload = new QShortcut(QKeySequence::Refresh, this);
    connect(reload, &QShortcut::activated, this, &WebhooksPage::refresh);
    auto *add = new QShortcut(QKeySequence::New, this);
    connect(add, &QShortcut::activated, this, &WebhooksPage::addEndpoint);

    // Live: endpoint changes from anywhere (the API, the deliverer's health marks go through
    // the store's changed signal too), disabled endpoints, new deliveries. Coalesced.
    for (QTimer *t : {m_endpointsRefresh, m_deliveriesRefresh}) {
        t->setSingleShot(true);
        t->setInterval(kRefreshDelayMs);
    }
    connect(m_endpointsRefresh, &QTimer::timeout, this, [this]() {
        if (!isVisible()) {
            m_stale = true;
            return;
        }
        m_endpoints->refresh();
    });
    connect(m_deliveriesRefresh, &QTimer::timeout, this, [this]() {
        if (!isVisible()) {
            m_stale = true;
            return;
        }
        m_deliveries->refresh();
    });
    connect(&m_ctx.core.webhooks(), &WebhookStore::changed, this, [this](qint64 vendorId) {
        if (vendorId == this->vendorId())
            scheduleEndpoints();
    });
    m_ctx.core.events().on<WebhookDisabledEvent>(
        this, [this](qint64 vendorId, const WebhookDisabledEvent &) {
            if (vendorId == this->vendorId())
                scheduleEndpoints();
        });
    connect(&m_ctx.core.webhookOutbox(), &WebhookOutbox::staged, this, [this](qint64 vendorId) {
        if (vendorId == this->vendorId())
            scheduleDeliveries();
    });
    // An attempt's result (a retry's code, a success) has no event: read again while shown.
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, [this]() {
        if (!isVisible())
            return;
        m_endpoints->refresh();
        m_deliveries->refresh();
    });
    m_poll->start();

    reloadVendors();
    selectVendor(QSettings().value(QStringLiteral("webhooks/vendor")).toLongLong());
    onVendorChanged();
}

WebhooksPage::~WebhooksPage() = default;

void WebhooksPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        fillStatusCombo();
        updateButtons();
        updateNotice();
    }
    QWidget::changeEvent(event);
}

void WebhooksPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void WebhooksPage::fillStatusCombo()
{
    const QSignalBlocker block(ui->statusCombo);
    const QString keep = ui->statusCombo->currentData().toString();
    ui->statusCombo->clear();
    ui->statusCombo->addItem(tr("Any"), QString());
    for (const QString &s :
         {QStringLiteral("pending"), QStringLiteral("succeeded"), QStringLiteral("failed")})
        ui->statusCombo->addItem(WebhookText::deliveryStatus(s), s);
    ui->statusCombo->setCurrentIndex(qMax(0, ui->statusCombo->findData(keep)));
}

void WebhooksPage::reloadVendors()
{
    const QSignalBlocker block(ui->vendorCombo);
    const qint64 keep = vendorId();
    ui->vendorCombo->clear();
    // A few vendors per installation: read here, like the user pickers.
    for (const Vendor &v : m_ctx.core.vendors().listAllForOperator())
        ui->vendorCombo->addItem(
            v.companyName.isEmpty() ? v.name : QStringLiteral("%1 (%2)").arg(v.name, v.companyName),
            v.id);
    ui->vendorCombo->setCurrentIndex(qMax(0, ui->vendorCombo->findData(keep)));
    if (vendorId() != keep)
        onVendorChanged();
}

qint64 WebhooksPage::vendorId() const
{
    return ui->vendorCombo->currentData().toLongLong();
}

bool WebhooksPage::selectVendor(qint64 vendorId)
{
    const int index = ui->vendorCombo->findData(vendorId);
    if (index < 0)
        return false;
    ui->vendorCombo->setCurrentIndex(index); // onVendorChanged when it differs
    return true;
}

void WebhooksPage::onVendorChanged()
{
    if (vendorId() > 0)
        QSettings().setValue(QStringLiteral("webhooks/vendor"), vendorId());
    m_shownEndpoint = 0;
    m_wantDelivery = 0;
    m_result.clear();
    m_deliveries->setFilter(vendorId(), 0, QString(), 0);
    m_endpoints->setVendor(vendorId());
    updateButtons();
}

void WebhooksPage::selectEndpoint(qint64 endpointId)
{
    m_wantEndpoint = endpointId;
    const int row = m_endpoints->rowOf(endpointId);
    if (row >= 0)
        ui->endpointsTable->selectRow(row);
}

qint64 WebhooksPage::currentEndpointId() const
{
    return m_endpoints->rowAt(ui->endpointsTable->currentIndex().row()).endpoint.id;
}

qint64 WebhooksPage::currentDeliveryId() const
{
    return m_deliveries->entryAt(ui->deliveriesTable->currentIndex().row()).id;
}

bool WebhooksPage::selectDelivery(int row)
{
    if (row < 0 || row >= m_deliveries->rowCount())
        return false;
    ui->deliveriesTable->selectRow(row);
    return true;
}

void WebhooksPage::setDeliveryFilter(const QString &status, qint64 sinceMs)
{
    const QSignalBlocker blockStatus(ui->statusCombo);
    const QSignalBlocker blockCheck(ui->sinceCheck);
    const QSignalBlocker blockEdit(ui->sinceEdit);
    ui->statusCombo->setCurrentIndex(qMax(0, ui->statusCombo->findData(status)));
    ui->sinceCheck->setChecked(sinceMs > 0);
    ui->sinceEdit->setEnabled(sinceMs > 0);
    if (sinceMs > 0)
        ui->sinceEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(sinceMs));
    applyDeliveryFilter();
}

void WebhooksPage::onEndpointsLoaded()
{
    // Keep (or take) the selection: the wanted endpoint, else the one shown, else the first.
    qint64 want = m_wantEndpoint > 0 ? m_wantEndpoint : m_shownEndpoint;
    int row = m_endpoints->rowOf(want);
    if (row < 0 && m_endpoints->rowCount() > 0)
        row = 0;
    if (row >= 0 && m_endpoints->rowOf(m_wantEndpoint) == row)
        m_wantEndpoint = 0;
    {
        const QSignalBlocker block(ui->endpointsTable->selectionModel());
        if (row >= 0)
            ui->endpointsTable->selectRow(row);
        else
            ui->endpointsTable->clearSelection();
    }
    onEndpointChanged();
    updateNotice();
}

void WebhooksPage::onEndpointChanged()
{
    const qint64 id = currentEndpointId();
    if (id != m_shownEndpoint) {
        m_shownEndpoint = id;
        m_wantDelivery = 0;
        ui->deliveryDetail->clear();
        applyDeliveryFilter();
    }
    updateButtons();
}

void WebhooksPage::applyDeliveryFilter()
{
    const qint64 since =
        ui->sinceCheck->isChecked() ? ui->sinceEdit->dateTime().toMSecsSinceEpoch() : 0;
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    ui->deliveriesBox->setTitle(r.endpoint.id ? tr("Deliveries to %1").arg(r.endpoint.url)
                                              : tr("Deliveries"));
    m_deliveries->setFilter(vendorId(), r.endpoint.id, ui->statusCombo->currentData().toString(),
                            since);
}

void WebhooksPage::updateButtons()
{
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    const bool has = r.endpoint.id > 0;
    ui->addButton->setEnabled(vendorId() > 0);
    for (QPushButton *b :
         {ui->editButton, ui->enableButton, ui->rotateButton, ui->testButton, ui->deleteButton})
        b->setEnabled(has);
    ui->enableButton->setText(has && !r.endpoint.enabled ? tr("Ena&ble") : tr("Disa&ble"));
    ui->enableButton->setToolTip(
        has && !r.endpoint.enabled
            ? tr("Enable: delivery resumes from where it stopped, in order")
            : tr("Disable: events are still recorded and wait until it is enabled again"));
    ui->replayButton->setEnabled(has && currentDeliveryId() > 0);
}

void WebhooksPage::updateNotice()
{
    QString text = m_result;
    const int disabled = m_endpoints->disabledCount();
    if (text.isEmpty() && disabled > 0)
        text = tr("%n endpoint(s) disabled: events for them are kept. Select one and press "
                  "Enable to resume delivery from where it stopped.",
                  nullptr, disabled);
    if (text.isEmpty() && vendorId() > 0 && m_endpoints->rowCount() == 0)
        text = tr("No endpoints yet. Add one to have this vendor's events POSTed to a URL, "
                  "signed (Standard Webhooks).");
    if (vendorId() <= 0)
        text = tr("Create a vendor first (Vendors and users page).");
    ui->noticeLabel->setText(text);
    ui->noticeLabel->setStyleSheet(
        (!m_resultOk || (m_result.isEmpty() && disabled > 0))
            ? QStringLiteral("color: %1;")
                  .arg(WebhookText::deliveryColor(QStringLiteral("failed")).name())
            : QString());
}

QString WebhooksPage::noticeText() const
{
    return ui->noticeLabel->text();
}

QString WebhooksPage::deliveryDetailText() const
{
    return ui->deliveryDetail->text();
}

void WebhooksPage::setPollInterval(int ms)
{
    m_poll->stop();
    if (ms > 0) {
        m_poll->setInterval(ms);
        m_poll->start();
    }
}

void WebhooksPage::report(const QString &text, bool ok)
{
    m_result = text;
    m_resultOk = ok;
    updateNotice();
    Q_EMIT actionFinished(ok);
}

void WebhooksPage::scheduleEndpoints()
{
    if (!m_endpointsRefresh->isActive())
        m_endpointsRefresh->start();
}

void WebhooksPage::scheduleDeliveries()
{
    if (!m_deliveriesRefresh->isActive())
        m_deliveriesRefresh->start();
}

void WebhooksPage::refresh()
{
    m_endpoints->refresh();
    m_deliveries->refresh();
}

void WebhooksPage::showSecret(const QString &url, const QString &secret, bool rotated)
{
    const QString message =
        rotated ? tr("The new signing secret of %1. It is shown only now: copy it to the "
                     "receiver. The previous secret keeps signing alongside for 24 hours, so "
                     "the receiver can switch without losing an event.")
                      .arg(url)
                : tr("The signing secret of %1. It is shown only now: copy it to the receiver, "
                     "which verifies the webhook-signature header with it (any Standard "
                     "Webhooks library).")
                      .arg(url);
    SecretDialog dialog(tr("Webhook signing secret"), message, secret, this);
    dialog.setObjectName(QStringLiteral("webhookSecretDialog"));
    dialog.exec();
}

void WebhooksPage::addEndpoint()
{
    if (vendorId() <= 0)
        return;
    WebhookDialog dialog(m_ctx.core, vendorId(), WebhookEndpoint{}, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    report(tr("Endpoint %1 added.").arg(dialog.endpoint().url), true);
    selectEndpoint(dialog.endpoint().id);
    m_endpoints->refresh();
    showSecret(dialog.endpoint().url, dialog.secret(), false);
}

void WebhooksPage::editEndpoint()
{
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    if (r.endpoint.id == 0)
        return;
    WebhookDialog dialog(m_ctx.core, vendorId(), r.endpoint, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    report(tr("Endpoint %1 saved.").arg(dialog.endpoint().url), true);
    m_endpoints->refresh();
}

void WebhooksPage::toggleEnabled()
{
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    if (r.endpoint.id == 0)
        return;
    WebhookStore::Patch patch;
    patch.enabled = !r.endpoint.enabled;
    try {
        const WebhookEndpoint e = m_ctx.core.webhooks().update(vendorId(), r.endpoint.id, patch);
        report(e.enabled ? tr("%1 enabled: delivery resumes from where it stopped.").arg(e.url)
                         : tr("%1 disabled: its events wait until it is enabled again.").arg(e.url),
               true);
    } catch (const DomainError &e) {
        report(ErrorText::describe(e), false);
    }
    m_endpoints->refresh();
}

void WebhooksPage::rotateSecret()
{
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    if (r.endpoint.id == 0)
        return;
    QString secret;
    try {
        secret = m_ctx.core.webhooks().rotateSecret(vendorId(), r.endpoint.id);
    } catch (const DomainError &e) {
        report(ErrorText::describe(e), false);
        return;
    }
    report(tr("New signing secret for %1; the previous one signs too for 24 hours.")
               .arg(r.endpoint.url),
           true);
    showSecret(r.endpoint.url, secret, true);
}

void WebhooksPage::sendTest()
{
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    if (r.endpoint.id == 0)
        return;
    try {
        const WebhookOutbox::Staged staged =
            m_ctx.core.webhookOutbox().stageTest(vendorId(), r.endpoint.id);
        m_wantDelivery = staged.deliveryId;
        report(r.endpoint.enabled
                   ? tr("Test event %1 queued for %2.").arg(staged.eventId, r.endpoint.url)
                   : tr("Test event %1 queued for %2; it leaves when the endpoint is enabled.")
                         .arg(staged.eventId, r.endpoint.url),
               true);
    } catch (const DomainError &e) {
        report(ErrorText::describe(e), false);
    }
    m_deliveries->refresh();
}

void WebhooksPage::deleteEndpoint()
{
    const WebhookEndpointModel::Row r =
        m_endpoints->rowAt(ui->endpointsTable->currentIndex().row());
    if (r.endpoint.id == 0)
        return;
    if (PlainMessageBox::warning(this, tr("Delete webhook endpoint"),
                                 tr("Delete %1? Its delivery log and the deliveries still "
                                    "waiting for it go with it.")
                                     .arg(r.endpoint.url),
                                 QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) != QMessageBox::Yes)
        return;
    try {
        m_ctx.core.webhooks().remove(vendorId(), r.endpoint.id);
        report(tr("Endpoint %1 deleted.").arg(r.endpoint.url), true);
    } catch (const DomainError &e) {
        report(ErrorText::describe(e), false);
    }
    m_endpoints->refresh();
}

void WebhooksPage::replay()
{
    const qint64 endpoint = m_deliveries->endpointId();
    const WebhookDeliveryStore::Entry d =
        m_deliveries->entryAt(ui->deliveriesTable->currentIndex().row());
    if (endpoint == 0 || d.id == 0)
        return;
    try {
        const WebhookOutbox::Staged staged =
            m_ctx.core.webhookOutbox().replay(vendorId(), endpoint, d.id);
        m_wantDelivery = staged.deliveryId;
        report(tr("Event %1 queued again (delivery %2, the same webhook-id).")
                   .arg(staged.eventId)
                   .arg(staged.deliveryId),
               true);
    } catch (const DomainError &e) {
        report(ErrorText::describe(e), false);
    }
    m_deliveries->refresh();
}
