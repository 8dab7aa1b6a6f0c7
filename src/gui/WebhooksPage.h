#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class WebhooksPage;
}
class GuiContext;
class WebhookEndpointModel;
class WebhookDeliveryModel;
class QTimer;

// A vendor's webhooks (issue #15): the endpoints with their health (enabled, failing since,
// why disabled, the newest delivery), add and edit (WebhookDialog; a new endpoint's secret is
// shown once, like an API key), enable/disable, rotate the secret, send a test event, delete;
// and the selected endpoint's delivery log filtered by status and start time, with the answer's
// first bytes and Replay. Everything goes through WebhookStore and WebhookOutbox, the API's
// services. Reads run on worker threads; endpoint changes (from the API too), new deliveries
// and disabled endpoints refresh what is on screen, coalesced, and attempts' results are read
// again every few seconds while the page is visible.
class WebhooksPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 3000;

    explicit WebhooksPage(GuiContext &context, QWidget *parent = nullptr);
    ~WebhooksPage() override;

    WebhookEndpointModel *endpoints() const { return m_endpoints; }
    WebhookDeliveryModel *deliveries() const { return m_deliveries; }
    qint64 vendorId() const;
    bool selectVendor(qint64 vendorId);
    // Selects the endpoint's row once it is listed (now, or after the running read).
    void selectEndpoint(qint64 endpointId);
    qint64 currentEndpointId() const;
    qint64 currentDeliveryId() const;
    bool selectDelivery(int row);
    // The status filter ("" = any) and the start of the log (0 = all).
    void setDeliveryFilter(const QString &status, qint64 sinceMs);
    // The line under the buttons: what the last action did, or what is disabled.
    QString noticeText() const;
    QString deliveryDetailText() const;
    // How often the visible page reads attempts' results again (kPollMs); 0 stops it (tests
    // that must see a refresh come from an event, not from the poll).
    void setPollInterval(int ms);

public Q_SLOTS:
    void reloadVendors();
    void refresh();
    void addEndpoint();
    void editEndpoint();
    // Disables an enabled endpoint, enables a disabled one (delivery resumes where it stopped).
    void toggleEnabled();
    void rotateSecret();
    void sendTest();
    void deleteEndpoint();
    void replay();

Q_SIGNALS:
    // A write finished (ok = it went through); the notice line says what happened.
    void actionFinished(bool ok);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onVendorChanged();
    void onEndpointsLoaded();
    void onEndpointChanged();
    void applyDeliveryFilter();
    void updateButtons();
    void updateNotice();
    void scheduleEndpoints();
    void scheduleDeliveries();
    void report(const QString &text, bool ok);
    void showSecret(const QString &url, const QString &secret, bool rotated);
    void fillStatusCombo();

    std::unique_ptr<Ui::WebhooksPage> ui;
    GuiContext &m_ctx;
    WebhookEndpointModel *m_endpoints;
    WebhookDeliveryModel *m_deliveries;
    QTimer *m_endpointsRefresh;
    QTimer *m_deliveriesRefresh;
    QTimer *m_poll;
    qint64 m_wantEndpoint = 0; // to select when the list arrives
    qint64 m_wantDelivery = 0;
    qint64 m_shownEndpoint = 0; // whose log is shown
    QString m_result;           // the last action's outcome
    bool m_resultOk = true;
    bool m_stale = false;
};
