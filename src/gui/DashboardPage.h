#pragma once

#include <QHash>
#include <QWidget>
#include <memory>

namespace Ui {
class DashboardPage;
}
class GuiContext;
class QChart;
class QChartView;
class QLabel;
class QTimer;

// Sessions by state, queue depth and a stacked bar chart of messages per day by status
// (MessageStore::dailyCounts, read on a worker thread). Session changes and message events
// schedule a refresh, at most one per two seconds, and only while the page is visible.
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPage(GuiContext &context, QWidget *parent = nullptr);
    ~DashboardPage() override;

    static constexpr int kDays = 14;
    int sessionCount(const QString &state) const { return m_stateCounts.value(state); }
    int queueDepth() const { return m_queueDepth; }
    int chartTotal() const { return m_chartTotal; }

public Q_SLOTS:
    void refresh();
    void scheduleRefresh();

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refreshSessions();

    std::unique_ptr<Ui::DashboardPage> ui;
    GuiContext &m_ctx;
    QTimer *m_throttle;
    QChart *m_chart;
    QChartView *m_chartView;
    QHash<QString, QLabel *> m_tiles;
    QHash<QString, int> m_stateCounts;
    int m_queueDepth = 0;
    int m_chartTotal = 0;
    bool m_refreshing = false;
};
