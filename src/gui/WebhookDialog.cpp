#include "WebhookDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "WebhookText.h"
#include "accounts/AppUserStore.h"
#include "ui_WebhookDialog.h"
#include "webhooks/WebhookStore.h"

#include <QCheckBox>
#include <QPushButton>

WebhookDialog::WebhookDialog(CoreServices &core, qint64 vendorId, const WebhookEndpoint &endpoint,
                             QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::WebhookDialog>()), m_core(core),
      m_vendorId(vendorId), m_endpoint(endpoint)
{
    ui->setupUi(this);
    setWindowTitle(endpoint.id ? tr("Edit webhook endpoint") : tr("New webhook endpoint"));
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &WebhookDialog::accept);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &WebhookDialog::reject);
    ui->errorLabel->setVisible(false);

    // The types the store accepts, one box each (the same list the API validates against).
    for (const QString &type : WebhookEndpoint::eventTypes()) {
        auto *box = new QCheckBox(WebhookText::eventType(type), ui->eventsBox);
        box->setObjectName(type + QStringLiteral("Check"));
        ui->eventsLayout->addWidget(box);
        m_eventChecks.insert(type, box);
    }
    connect(ui->allEventsCheck, &QCheckBox::toggled, this, &WebhookDialog::updateEventBoxes);

    // A vendor has a handful of users: read here, like the user pickers.
    ui->userCombo->addItem(tr("Every user of the vendor"), qint64(0));
    for (const AppUser &u : m_core.users().list(vendorId))
        ui->userCombo->addItem(
            u.email.isEmpty() ? u.name : QStringLiteral("%1 <%2>").arg(u.name, u.email), u.id);

    if (endpoint.id) {
        ui->urlEdit->setText(endpoint.url);
        setEvents(endpoint.events);
        setUser(endpoint.appUserId);
        ui->descriptionEdit->setText(endpoint.description);
        ui->enabledCheck->setChecked(endpoint.enabled);
        if (!endpoint.enabled)
            ui->enabledCheck->setToolTip(
                tr("Enabling resumes delivery from where it stopped, in order."));
    } else {
        ui->allEventsCheck->setChecked(true);
        ui->enabledCheck->setVisible(false); // a new endpoint starts enabled
    }
    updateEventBoxes();
}

WebhookDialog::~WebhookDialog() = default;

QString WebhookDialog::errorText() const
{
    return ui->errorLabel->text();
}

void WebhookDialog::setUrl(const QString &url)
{
    ui->urlEdit->setText(url);
}

void WebhookDialog::setEvents(const QStringList &events)
{
    ui->allEventsCheck->setChecked(events.contains(QString(WebhookEndpoint::kAllEvents)));
    for (auto it = m_eventChecks.cbegin(); it != m_eventChecks.cend(); ++it)
        it.value()->setChecked(events.contains(it.key()));
    updateEventBoxes();
}

void WebhookDialog::setUser(qint64 appUserId)
{
    const int index = ui->userCombo->findData(appUserId);
    if (index >= 0) {
        ui->userCombo->setCurrentIndex(index);
    } else if (appUserId > 0) {
        // Not in the list any more (removed meanwhile): shown as its id, kept as it is.
        ui->userCombo->addItem(tr("User %1").arg(appUserId), appUserId);
        ui->userCombo->setCurrentIndex(ui->userCombo->count() - 1);
    }
}

void WebhookDialog::setDescription(const QString &description)
{
    ui->descriptionEdit->setText(description);
}

void WebhookDialog::updateEventBoxes()
{
    const bool all = ui->allEventsCheck->isChecked();
    for (QCheckBox *box : std::as_const(m_eventChecks))
        box->setEnabled(!all);
}

QStringList WebhookDialog::checkedEvents() const
{
    if (ui->allEventsCheck->isChecked())
        return {QString(WebhookEndpoint::kAllEvents)};
    QStringList events;
    for (const QString &type : WebhookEndpoint::eventTypes()) {
        if (m_eventChecks.value(type)->isChecked())
            events << type;
    }
    return events;
}

void WebhookDialog::accept()
{
    const QStringList events = checkedEvents();
    const qint64 user = ui->userCombo->currentData().toLongLong();
    const QString url = ui->urlEdit->text().trimmed();
    const QString description = ui->descriptionEdit->text().trimmed();
    try {
        // The store names an empty list too; the form says it in its own words first.
        if (events.isEmpty())
            throw DomainError::validation(QStringLiteral("events"),
                                          tr("Choose at least one event type."));
        WebhookStore &store = m_core.webhooks();
        if (m_endpoint.id == 0) {
            const WebhookStore::Created created =
                store.create(m_vendorId, url, events, user, description);
            m_endpoint = created.endpoint;
            m_secret = created.secret;
        } else {
            WebhookStore::Patch patch;
            patch.url = url;
            patch.events = events;
            patch.appUserId = user;
            patch.description = description;
            patch.enabled = ui->enabledCheck->isChecked();
            m_endpoint = store.update(m_vendorId, m_endpoint.id, patch);
        }
    } catch (const DomainError &e) {
        ui->errorLabel->setText(ErrorText::describe(e));
        ui->errorLabel->setVisible(true);
        return;
    }
    QDialog::accept();
}
