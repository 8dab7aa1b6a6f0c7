#pragma once

#include "webhooks/WebhookEndpoint.h"

#include <QDialog>
#include <QMap>
#include <memory>

namespace Ui {
class WebhookDialog;
}
class CoreServices;
class QCheckBox;

// Registers or edits one webhook endpoint of a vendor through WebhookStore, as POST and PATCH
// /webhooks do: the URL, the event types (or every type), the user it is narrowed to and a
// description; an existing endpoint can also be enabled or disabled here. The store's rules
// (address policy, event names, ten endpoints) answer in the form's error line. A new
// endpoint's signing secret is in secret() after accept, for the caller to show once.
class WebhookDialog : public QDialog
{
    Q_OBJECT
public:
    WebhookDialog(CoreServices &core, qint64 vendorId, const WebhookEndpoint &endpoint,
                  QWidget *parent = nullptr);
    ~WebhookDialog() override;

    WebhookEndpoint endpoint() const { return m_endpoint; }
    QString secret() const { return m_secret; }
    QString errorText() const;

    // For tests and callers that fill the form.
    void setUrl(const QString &url);
    void setEvents(const QStringList &events);
    void setUser(qint64 appUserId);
    void setDescription(const QString &description);

public Q_SLOTS:
    void accept() override;

private:
    QStringList checkedEvents() const;
    void updateEventBoxes();

    std::unique_ptr<Ui::WebhookDialog> ui;
    CoreServices &m_core;
    qint64 m_vendorId;
    WebhookEndpoint m_endpoint;
    QString m_secret;
    QMap<QString, QCheckBox *> m_eventChecks;
};
