#include "DashboardPage.h"

#include "BackgroundQuery.h"
#include "CoreServices.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "SessionManager.h"
#include "StatusText.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "ui_DashboardPage.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QStackedBarSeries>
#include <QTimeZone>
#include <QTimer>
#include <QValueAxis>

namespace {
struct DashboardData
{
    QMap<qint64, QHash<QString, int>> daily;
    int queueDepth = 0;
};
constexpr qint64 kDayMs = 86400000;
} // namespace

DashboardPage::DashboardPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::DashboardPage>()), m_ctx(context),
      m_throttle(new QTimer(this)), m_chart(new QChart), m_chartView(new QChartView(m_chart, this))
{
    ui->setupUi(this);
    const QStringList states{SessionState::Ready,        SessionState::QrPending,
                             SessionState::Starting,     SessionState::Authenticated,
                             SessionState::Disconnected, SessionState::Failed};
    for (const QString &s : states) {
        auto *tile = new QLabel(ui->sessionsBox);
        tile->setObjectName(QStringLiteral("tile_") + s);
        tile->setAlignment(Qt::AlignCenter);
        tile->setMinimumWidth(110);
        tile->setStyleSheet(
            QStringLiteral("QLabel { border: 1px solid %1; border-left: 6px solid %1;"
                           " border-radius: 6px; padding: 8px; }")
                .arg(StatusText::sessionColor(s).name()));
        ui->tilesLayout->addWidget(tile);
        m_tiles.insert(s, tile);
    }
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(260);
    ui->chartLayout->addWidget(m_chartView);

    m_throttle->setSingleShot(true);
    m_throttle->setInterval(2000);
    connect(m_throttle, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(&m_ctx.sessions, &SessionManager::stateChanged, this, &DashboardPage::scheduleRefresh);
    // Message counts change with status events; QR events change nothing shown here.
    m_ctx.core.events().on<MessageStatusEvent>(
        this, [this](qint64, const MessageStatusEvent &) { scheduleRefresh(); });
    connect(&m_ctx.core.settings(), &Settings::changed, this, &DashboardPage::scheduleRefresh);
    // A slow heartbeat catches what no event announces (expiry, another node's work).
    auto *heartbeat = new QTimer(this);
    heartbeat->setInterval(30000);
    connect(heartbeat, &QTimer::timeout, this, &DashboardPage::scheduleRefresh);
    heartbeat->start();
    refresh();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        refresh();
    }
    QWidget::changeEvent(event);
}

void DashboardPage::scheduleRefresh()
{
    if (isVisible() && !m_throttle->isActive())
        m_throttle->start();
}

void DashboardPage::refreshSessions()
{
    m_stateCounts.clear();
    for (const WhatsAppNumber &n : m_ctx.core.numbers().listAllForOperator())
        ++m_stateCounts[m_ctx.sessions.snapshot(n.vendorId, n.id).state];
    for (auto it = m_tiles.cbegin(); it != m_tiles.cend(); ++it)
        it.value()->setText(
            QStringLiteral("<div style='font-size:20pt; font-weight:600'>%1</div>%2")
                .arg(m_stateCounts.value(it.key()))
                .arg(StatusText::sessionState(it.key()).toHtmlEscaped()));
    const Settings &settings = m_ctx.core.settings();
    ui->apiLabel->setText(
        QStringLiteral("http://%1:%2").arg(settings.listenAddress()).arg(settings.port()));
}

void DashboardPage::refresh()
{
    refreshSessions();
    if (m_refreshing)
        return;
    m_refreshing = true;
    const qint64 today = Clock::nowMs() / kDayMs * kDayMs;
    const qint64 since = today - (kDays - 1) * kDayMs;
    BackgroundQuery::run<DashboardData>(
        m_ctx.core.database(), this,
        [since](const QString &connection) {
            MessageStore store(connection);
            DashboardData data;
            data.daily = store.dailyCounts(since);
            data.queueDepth = store.queueDepth();
            return data;
        },
        [this, since](const BackgroundQuery::Result<DashboardData> &result) {
            m_refreshing = false;
            if (!result.value)
                return;
            m_queueDepth = result.value->queueDepth;
            ui->queueLabel->setText(QLocale().toString(m_queueDepth));

            m_chart->removeAllSeries();
            for (QAbstractAxis *axis : m_chart->axes())
                m_chart->removeAxis(axis);
            auto *series = new QStackedBarSeries;
            QStringList days;
            for (int d = 0; d < kDays; ++d)
                days << QLocale().toString(
                    QDateTime::fromMSecsSinceEpoch(since + d * kDayMs, QTimeZone::utc()).date(),
                    QStringLiteral("dd MMM"));
            int total = 0, maxDay = 0;
            QVector<int> dayTotals(kDays, 0);
            for (const QString &status : MessageStatus::all()) {
                auto *set = new QBarSet(StatusText::messageStatus(status));
                set->setColor(StatusText::messageColor(status));
                set->setBorderColor(StatusText::messageColor(status));
                bool any = false;
                for (int d = 0; d < kDays; ++d) {
                    const int n = result.value->daily.value(since + d * kDayMs).value(status);
                    *set << n;
                    any = any || n > 0;
                    total += n;
                    dayTotals[d] += n;
                }
                if (any)
                    series->append(set);
                else
                    delete set;
            }
            for (int n : dayTotals)
                maxDay = qMax(maxDay, n);
            m_chartTotal = total;
            m_chart->addSeries(series);
            auto *x = new QBarCategoryAxis;
            x->append(days);
            auto *y = new QValueAxis;
            y->setRange(0, qMax(4, int(maxDay * 1.1) + 1));
            y->setLabelFormat(QStringLiteral("%d"));
            y->applyNiceNumbers();
            m_chart->addAxis(x, Qt::AlignBottom);
            m_chart->addAxis(y, Qt::AlignLeft);
            series->attachAxis(x);
            series->attachAxis(y);
            m_chart->legend()->setVisible(series->count() > 0);
            ui->totalsLabel->setText(QLocale().toString(total));
            ui->totalsHint->setText(tr("messages queued since %1").arg(days.value(0)));
            Q_EMIT refreshed();
        });
}
