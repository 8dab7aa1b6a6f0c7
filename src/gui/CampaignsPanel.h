#pragma once

#include "messaging/CampaignService.h"

#include <QWidget>

#include <functional>

class GuiContext;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

// The Messages page's campaigns: the batches of the chosen user (or the newest of every
// vendor) with their state, a progress bar (sent / delivered / failed of the total), the ETA,
// and Pause / Resume / Cancel for the selected one. Every rule is CampaignService's (the same
// calls as the REST API); the table follows batch_state and message_status events, refreshed
// at most once a second.
class CampaignsPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        Batch,
        State,
        Progress,
        Eta,
        ColumnCount
    };

    explicit CampaignsPanel(GuiContext &context, QWidget *parent = nullptr);
    ~CampaignsPanel() override;

    // 0: the newest batches of every vendor.
    void setUser(qint64 vendorId, qint64 userId);
    QString selectedBatch() const;
    bool selectBatch(const QString &batchId);

    QTableWidget *table() const { return m_table; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resumeButton() const { return m_resume; }
    QPushButton *cancelButton() const { return m_cancel; }
    // The progress bar's text of a batch's row ("" when the batch is not shown).
    QString progressText(const QString &batchId) const;
    QString stateText(const QString &batchId) const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // The operator chose a batch (its messages may be shown in the log).
    void batchChosen(const QString &batchId, qint64 vendorId);

protected:
    void changeEvent(QEvent *event) override;

private:
    static QString stateName(const QString &state);
    void retranslate();
    void updateButtons();
    void act(const QString &title, const std::function<void(const CampaignService::Batch &)> &f);
    int rowOf(const QString &batchId) const;

    GuiContext &m_ctx;
    CampaignService m_service;
    qint64 m_vendorId = 0;
    qint64 m_userId = 0;
    QList<CampaignService::Batch> m_batches;
    QLabel *m_title;
    QTableWidget *m_table;
    QPushButton *m_pause;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    QLabel *m_status;
    QTimer *m_liveRefresh;
};
