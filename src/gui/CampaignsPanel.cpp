#include "CampaignsPanel.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "PlainMessageBox.h"
#include "StatusText.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr int kShown = 50; // batches listed
} // namespace

CampaignsPanel::CampaignsPanel(GuiContext &context, QWidget *parent)
    : QWidget(parent), m_ctx(context), m_service(context.core), m_title(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_pause(new QPushButton(this)),
      m_resume(new QPushButton(this)), m_cancel(new QPushButton(this)), m_status(new QLabel(this)),
      m_liveRefresh(new QTimer(this))
{
    setObjectName(QStringLiteral("campaignsPanel"));
    m_table->setObjectName(QStringLiteral("campaignsTable"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(Batch, 220);
    m_table->horizontalHeader()->resizeSection(State, 100);
    m_table->horizontalHeader()->resizeSection(Progress, 320);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_title, 1);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    retranslate();

    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this]() {
        updateButtons();
        const int row = m_table->currentRow();
        if (row >= 0 && row < m_batches.size())
            Q_EMIT batchChosen(m_batches.at(row).batchId, m_batches.at(row).vendorId);
    });
    connect(m_pause, &QPushButton::clicked, this, [this]() {
        act(tr("Pause campaign"),
            [this](const CampaignService::Batch &b) { m_service.pause(b.vendorId, b.batchId); });
    });
    connect(m_resume, &QPushButton::clicked, this, [this]() {
        act(tr("Resume campaign"),
            [this](const CampaignService::Batch &b) { m_service.resume(b.vendorId, b.batchId); });
    });
    connect(m_cancel, &QPushButton::clicked, this, [this]() {
        act(tr("Cancel campaign"), [this](const CampaignService::Batch &b) {
            if (PlainMessageBox::question(
                    this, tr("Cancel campaign"),
                    tr("Cancel every message of this batch that is not sent yet?")) !=
                QMessageBox::Yes)
                return;
            const int n = m_service.cancel(b.vendorId, b.batchId);
            m_status->setText(tr("%n message(s) cancelled.", nullptr, n));
        });
    });

    // Status events arrive per message: refresh at most once a second.
    m_liveRefresh->setSingleShot(true);
    m_liveRefresh->setInterval(1000);
    connect(m_liveRefresh, &QTimer::timeout, this, &CampaignsPanel::refresh);
    auto later = [this]() {
        if (!m_liveRefresh->isActive())
            m_liveRefresh->start();
    };
    m_ctx.core.events().on<MessageStatusEvent>(
        this, [later](qint64, const MessageStatusEvent &) { later(); });
    m_ctx.core.events().on<BatchStateEvent>(this,
                                            [later](qint64, const BatchStateEvent &) { later(); });
    connect(&m_ctx.core.events(), &EventBus::messagesQueued, this, later);
    refresh();
}

CampaignsPanel::~CampaignsPanel() = default;

void CampaignsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
    QWidget::changeEvent(event);
}

void CampaignsPanel::retranslate()
{
    m_title->setText(tr("<b>Campaigns</b>"));
    m_pause->setText(tr("&Pause"));
    m_pause->setToolTip(tr("Stop taking this batch's messages (one already being sent finishes)"));
    m_resume->setText(tr("Res&ume"));
    m_cancel->setText(tr("Cance&l"));
    m_cancel->setToolTip(tr("Cancel the batch's messages not sent yet"));
    m_table->setHorizontalHeaderLabels(
        {tr("Batch"), tr("State"), tr("Progress"), tr("Estimated end")});
}

QString CampaignsPanel::stateName(const QString &state)
{
    if (state == CampaignService::kScheduled)
        return tr("Scheduled");
    if (state == CampaignService::kRunning)
        return tr("Running");
    if (state == CampaignService::kPaused)
        return tr("Paused");
    if (state == CampaignService::kCompleted)
        return tr("Completed");
    if (state == CampaignService::kCancelled)
        return tr("Cancelled");
    return state;
}

void CampaignsPanel::setUser(qint64 vendorId, qint64 userId)
{
    m_vendorId = vendorId;
    m_userId = userId;
    refresh();
}

void CampaignsPanel::refresh()
{
    const QString selected = selectedBatch();
    try {
        m_batches = m_userId > 0 ? m_service.list(m_vendorId, m_userId, 0, kShown)
                                 : m_service.listRecent(kShown);
    } catch (const DomainError &e) {
        m_batches.clear();
        m_status->setText(ErrorText::describe(e));
    }
    const QLocale locale;
    QSignalBlocker block(m_table);
    m_table->setRowCount(int(m_batches.size()));
    for (int row = 0; row < m_batches.size(); ++row) {
        const CampaignService::Batch &b = m_batches.at(row);
        const QString when =
            b.sendAt > 0 ? tr("at %1").arg(locale.toString(QDateTime::fromMSecsSinceEpoch(b.sendAt),
                                                           QLocale::ShortFormat))
                         : locale.toString(QDateTime::fromMSecsSinceEpoch(b.createdAt),
                                           QLocale::ShortFormat);
        auto *batch = new QTableWidgetItem(QStringLiteral("%1 · %2").arg(b.batchId.left(8), when));
        batch->setToolTip(b.batchId);
        batch->setData(Qt::UserRole, b.batchId);
        m_table->setItem(row, Batch, batch);
        m_table->setItem(row, State, new QTableWidgetItem(stateName(b.state)));
        const int sent = b.counts.value(MessageStatus::Sent) +
                         b.counts.value(MessageStatus::Delivered) +
                         b.counts.value(MessageStatus::Read);
        const int delivered =
            b.counts.value(MessageStatus::Delivered) + b.counts.value(MessageStatus::Read);
        const int failed =
            b.counts.value(MessageStatus::Failed) + b.counts.value(MessageStatus::Expired);
        auto *bar = qobject_cast<QProgressBar *>(m_table->cellWidget(row, Progress));
        if (!bar) {
            bar = new QProgressBar(m_table);
            m_table->setCellWidget(row, Progress, bar);
        }
        bar->setRange(0, std::max(1, b.total));
        bar->setValue(b.total - b.left);
        bar->setFormat(tr("%1 sent · %2 delivered · %3 failed of %4")
                           .arg(locale.toString(sent), locale.toString(delivered),
                                locale.toString(failed), locale.toString(b.total)));
        m_table->setItem(row, Eta,
                         new QTableWidgetItem(
                             b.etaMs > 0 ? locale.toString(QDateTime::fromMSecsSinceEpoch(b.etaMs),
                                                           QLocale::ShortFormat)
                                         : QString()));
    }
    if (!selected.isEmpty())
        selectBatch(selected);
    updateButtons();
}

int CampaignsPanel::rowOf(const QString &batchId) const
{
    for (int row = 0; row < m_batches.size(); ++row)
        if (m_batches.at(row).batchId == batchId)
            return row;
    return -1;
}

QString CampaignsPanel::selectedBatch() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_batches.size() && m_table->selectionModel()->isRowSelected(row)
               ? m_batches.at(row).batchId
               : QString();
}

bool CampaignsPanel::selectBatch(const QString &batchId)
{
    const int row = rowOf(batchId);
    if (row < 0)
        return false;
    m_table->selectRow(row);
    updateButtons();
    return true;
}

QString CampaignsPanel::progressText(const QString &batchId) const
{
    const int row = rowOf(batchId);
    const auto *bar =
        row < 0 ? nullptr : qobject_cast<const QProgressBar *>(m_table->cellWidget(row, Progress));
    return bar ? bar->text() : QString();
}

QString CampaignsPanel::stateText(const QString &batchId) const
{
    const int row = rowOf(batchId);
    const QTableWidgetItem *item = row < 0 ? nullptr : m_table->item(row, State);
    return item ? item->text() : QString();
}

void CampaignsPanel::updateButtons()
{
    const int row = rowOf(selectedBatch());
    const CampaignService::Batch *b = row < 0 ? nullptr : &m_batches.at(row);
    const bool open = b && b->left > 0;
    m_pause->setEnabled(open && b->state != CampaignService::kPaused);
    m_resume->setEnabled(open && b->state == CampaignService::kPaused);
    m_cancel->setEnabled(open);
}

void CampaignsPanel::act(const QString &title,
                         const std::function<void(const CampaignService::Batch &)> &f)
{
    const int row = rowOf(selectedBatch());
    if (row < 0)
        return;
    const CampaignService::Batch b = m_batches.at(row);
    try {
        f(b);
    } catch (const DomainError &e) {
        ErrorText::show(this, title, e);
    }
    refresh();
}
