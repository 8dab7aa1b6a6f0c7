#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class MessagesPage;
}
class CampaignsPanel;
class GuiContext;
class MessageLogModel;
class QTimer;

// The delivery log with filters (user, batch, status, dates), the counts of the selected
// message's batch with "cancel pending", the campaigns (CampaignsPanel: batches with progress,
// state, ETA, pause/resume/cancel) and the compose dialog. Refreshes itself (throttled) when
// message statuses change.
class MessagesPage : public QWidget
{
    Q_OBJECT
public:
    explicit MessagesPage(GuiContext &context, QWidget *parent = nullptr);
    ~MessagesPage() override;

    MessageLogModel *model() const { return m_model; }
    CampaignsPanel *campaigns() const { return m_campaigns; }

public Q_SLOTS:
    void reloadUsers();
    void compose();
    void applyFilter();
    void showBatch(const QString &batchId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateBatch();
    void updatePager();

    std::unique_ptr<Ui::MessagesPage> ui;
    GuiContext &m_ctx;
    MessageLogModel *m_model;
    QTimer *m_liveRefresh;
    CampaignsPanel *m_campaigns;
    QString m_batchId;
    qint64 m_batchVendor = 0;
};
