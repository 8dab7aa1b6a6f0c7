#include "MessagesPage.h"

#include "CampaignsPanel.h"
#include "ComposeDialog.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "MessageLogModel.h"
#include "PlainMessageBox.h"
#include "StatusText.h"
#include "messaging/MessageComposer.h"
#include "ui_MessagesPage.h"

#include <QDate>
#include <QEvent>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QShortcut>
#include <QTimeZone>
#include <QTimer>

MessagesPage::MessagesPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::MessagesPage>()), m_ctx(context),
      m_model(new MessageLogModel(context.core.database(), this)), m_liveRefresh(new QTimer(this)),
      m_campaigns(new CampaignsPanel(context, this))
{
    ui->setupUi(this);
    ui->splitter->addWidget(m_campaigns);
    ui->splitter->setStretchFactor(2, 2);
    // Choosing a campaign shows its counts below the log (its messages with "only this batch").
    connect(m_campaigns, &CampaignsPanel::batchChosen, this,
            [this](const QString &batchId, qint64 vendorId) {
                m_batchId = batchId;
                m_batchVendor = vendorId;
                updateBatch();
            });
    ui->table->setModel(m_model);
    ui->table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    ui->table->horizontalHeader()->resizeSection(MessageLogModel::Created, 140);
    ui->table->horizontalHeader()->resizeSection(MessageLogModel::Recipient, 140);
    ui->table->horizontalHeader()->resizeSection(MessageLogModel::Status, 100);
    ui->table->horizontalHeader()->resizeSection(MessageLogModel::Body, 320);
    ui->table->verticalHeader()->hide();
    ui->splitter->setStretchFactor(0, 4);
    ui->splitter->setStretchFactor(1, 1);

    ui->statusCombo->addItem(tr("Any status"), QString());
    for (const QString &s : MessageStatus::all())
        ui->statusCombo->addItem(StatusText::messageStatus(s), s);
    ui->fromDate->setDate(QDate::currentDate().addDays(-7));
    ui->toDate->setDate(QDate::currentDate());
    ui->fromDate->setEnabled(false);
    ui->toDate->setEnabled(false);

    ui->userPicker->setCore(&m_ctx.core, true);
    connect(ui->userPicker, &UserPicker::userChanged, this, &MessagesPage::applyFilter);
    connect(ui->batchEdit, &QLineEdit::editingFinished, this, &MessagesPage::applyFilter);
    connect(ui->batchEdit, &QLineEdit::textChanged, this, [this](const QString &t) {
        if (t.isEmpty())
            applyFilter();
    });
    connect(ui->statusCombo, &QComboBox::currentIndexChanged, this, &MessagesPage::applyFilter);
    connect(ui->fromCheck, &QCheckBox::toggled, ui->fromDate, &QWidget::setEnabled);
    connect(ui->toCheck, &QCheckBox::toggled, ui->toDate, &QWidget::setEnabled);
    for (QCheckBox *c : {ui->fromCheck, ui->toCheck})
        connect(c, &QCheckBox::toggled, this, &MessagesPage::applyFilter);
    for (QDateEdit *d : {ui->fromDate, ui->toDate})
        connect(d, &QDateEdit::dateChanged, this, &MessagesPage::applyFilter);
    connect(ui->prevButton, &QToolButton::clicked, this,
            [this]() { m_model->setPage(m_model->page() - 1); });
    connect(ui->nextButton, &QToolButton::clicked, this,
            [this]() { m_model->setPage(m_model->page() + 1); });
    connect(ui->refreshButton, &QToolButton::clicked, this, [this]() {
        m_model->refresh();
        updateBatch();
    });
    connect(m_model, &MessageLogModel::loaded, this, &MessagesPage::updatePager);
    connect(m_model, &MessageLogModel::failed, this, [this](const QString &message) {
        ui->totalLabel->setText(tr("Could not load the log: %1").arg(message));
    });
    connect(ui->table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const Message m = m_model->messageAt(current.row());
                m_batchId = m.batchId;
                m_batchVendor = m.vendorId;
                updateBatch();
            });
    connect(ui->onlyBatchButton, &QPushButton::clicked, this, [this]() { showBatch(m_batchId); });
    connect(ui->cancelBatchButton, &QPushButton::clicked, this, [this]() {
        if (m_batchId.isEmpty())
            return;
        if (PlainMessageBox::question(
                this, tr("Cancel pending messages"),
                tr("Cancel every message of this batch that is not sent yet?")) != QMessageBox::Yes)
            return;
        try {
            const int n = m_ctx.composer().cancelBatch(m_batchVendor, m_batchId);
            ui->totalLabel->setText(tr("%n message(s) cancelled.", nullptr, n));
        } catch (const DomainError &e) {
            ErrorText::show(this, tr("Cancel pending messages"), e);
        }
        m_model->refresh();
        updateBatch();
    });
    connect(ui->composeButton, &QPushButton::clicked, this, &MessagesPage::compose);
    auto *composeShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_M), this);
    connect(composeShortcut, &QShortcut::activated, this, &MessagesPage::compose);
    auto *refresh = new QShortcut(QKeySequence::Refresh, this);
    connect(refresh, &QShortcut::activated, ui->refreshButton, &QToolButton::click);

    // Status events arrive per message; refresh at most every two seconds.
    m_liveRefresh->setSingleShot(true);
    m_liveRefresh->setInterval(2000);
    connect(m_liveRefresh, &QTimer::timeout, this, [this]() {
        if (!isVisible())
            return;
        m_model->refresh();
        updateBatch();
    });
    m_ctx.core.events().on<MessageStatusEvent>(this, [this](qint64, const MessageStatusEvent &) {
        if (!m_liveRefresh->isActive())
            m_liveRefresh->start();
    });
    applyFilter();
    updateBatch();
}

MessagesPage::~MessagesPage() = default;

void MessagesPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        ui->statusCombo->setItemText(0, tr("Any status"));
        for (int i = 1; i < ui->statusCombo->count(); ++i)
            ui->statusCombo->setItemText(
                i, StatusText::messageStatus(ui->statusCombo->itemData(i).toString()));
        updatePager();
        updateBatch();
    }
    QWidget::changeEvent(event);
}

void MessagesPage::reloadUsers()
{
    ui->userPicker->reload();
}

void MessagesPage::applyFilter()
{
    MessageStore::Filter f;
    f.vendorId = ui->userPicker->vendorId();
    f.appUserId = ui->userPicker->userId();
    f.batchId = ui->batchEdit->text().trimmed();
    f.status = ui->statusCombo->currentData().toString();
    // Whole local days, as the operator sees dates.
    if (ui->fromCheck->isChecked())
        f.fromMs = ui->fromDate->date().startOfDay().toMSecsSinceEpoch();
    if (ui->toCheck->isChecked())
        f.toMs = ui->toDate->date().addDays(1).startOfDay().toMSecsSinceEpoch() - 1;
    m_model->setFilter(f);
    m_campaigns->setUser(f.vendorId, f.appUserId);
    ui->composeButton->setEnabled(f.appUserId > 0);
    ui->composeButton->setToolTip(f.appUserId > 0
                                      ? tr("Send a message to contacts of the chosen user (Ctrl+M)")
                                      : tr("Choose a vendor and a user first."));
}

void MessagesPage::showBatch(const QString &batchId)
{
    ui->batchEdit->setText(batchId);
    applyFilter();
}

void MessagesPage::updatePager()
{
    ui->totalLabel->setText(tr("%n message(s)", nullptr, m_model->total()));
    ui->pageLabel->setText(tr("Page %1 of %2").arg(m_model->page()).arg(m_model->pageCount()));
    ui->prevButton->setEnabled(m_model->page() > 1);
    ui->nextButton->setEnabled(m_model->page() < m_model->pageCount());
}

void MessagesPage::updateBatch()
{
    const bool has = !m_batchId.isEmpty();
    ui->onlyBatchButton->setEnabled(has);
    ui->cancelBatchButton->setEnabled(false);
    if (!has) {
        ui->batchTitle->setText(tr("Select a message to see its batch."));
        ui->countsLabel->clear();
        return;
    }
    try {
        const MessageComposer::BatchView view = m_ctx.composer().batch(m_batchVendor, m_batchId);
        int total = 0;
        QStringList parts;
        for (const QString &s : MessageStatus::all()) {
            const int n = view.counts.value(s);
            total += n;
            if (n > 0)
                parts << QStringLiteral("<span style='color:%1'>●</span> %2: <b>%3</b>")
                             .arg(StatusText::messageColor(s).name(),
                                  StatusText::messageStatus(s).toHtmlEscaped(),
                                  QLocale().toString(n));
        }
        ui->batchTitle->setText(tr("Batch %1 — %n message(s)", nullptr, total).arg(m_batchId));
        ui->countsLabel->setText(parts.join(QStringLiteral(" &nbsp; ")));
        ui->cancelBatchButton->setEnabled(view.counts.value(MessageStatus::Pending) > 0 ||
                                          view.counts.value(MessageStatus::Scheduled) > 0);
    } catch (const DomainError &e) {
        ui->batchTitle->setText(ErrorText::describe(e));
        ui->countsLabel->clear();
    }
}

void MessagesPage::compose()
{
    const qint64 vendor = ui->userPicker->vendorId(), user = ui->userPicker->userId();
    if (vendor <= 0 || user <= 0) {
        PlainMessageBox::information(this, tr("New message"),
                                     tr("Choose a vendor and a user first: messages go to that "
                                        "user's contacts from that user's numbers."));
        return;
    }
    ComposeDialog dialog(m_ctx, vendor, user, this);
    connect(&dialog, &ComposeDialog::sent, this, [this, vendor](const QString &batchId) {
        m_batchId = batchId;
        m_batchVendor = vendor;
        m_model->refresh();
        updateBatch();
        m_campaigns->refresh();
        m_campaigns->selectBatch(batchId);
    });
    dialog.exec();
}
