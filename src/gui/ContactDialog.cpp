#include "ContactDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "StatusText.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactService.h"
#include "contacts/PhoneDisplay.h"
#include "contacts/PhoneNormalizer.h"
#include "inbound/OptOutService.h"
#include "ui_ContactDialog.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QPushButton>
#include <QTextDocument>

namespace {
QJsonArray splitList(const QString &text)
{
    QJsonArray out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            out.append(item);
    }
    return out;
}

QString joinList(const QJsonArray &items)
{
    QStringList out;
    for (const QJsonValue &v : items)
        out << v.toString();
    return out.join(QStringLiteral(", "));
}
} // namespace

ContactDialog::ContactDialog(CoreServices &core, qint64 vendorId, qint64 userId,
                             const Contact &contact, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::ContactDialog>()), m_core(core),
      m_vendorId(vendorId), m_userId(userId), m_contactId(contact.id)
{
    ui->setupUi(this);
    setWindowTitle(contact.id ? tr("Edit contact") : tr("New contact"));
    load(contact);
    ui->tabs->setTabVisible(ui->tabs->indexOf(ui->optOutTab), contact.id != 0);
    if (contact.id != 0) {
        // Opting in or out is a recorded change with a source (and, to opt back in, a reason):
        // the Opt-out tab does it, not this box.
        ui->optInCheck->setEnabled(false);
        ui->optInCheck->setToolTip(
            tr("Changed on the Opt-out tab, where every change is recorded."));
        ui->historyTable->setColumnCount(4);
        ui->historyTable->setHorizontalHeaderLabels(
            {tr("When"), tr("Change"), tr("Source"), tr("Reason")});
        ui->historyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        connect(ui->optInButton, &QPushButton::clicked, this, &ContactDialog::optIn);
        connect(ui->optOutButton, &QPushButton::clicked, this, &ContactDialog::optOut);
        loadOptOut();
    }
    ui->nameEdit->setFocus();
}

ContactDialog::~ContactDialog() = default;

void ContactDialog::load(const Contact &c)
{
    ui->nameEdit->setText(c.name);
    ui->phoneEdit->setText(PhoneDisplay::e164(c.phoneNumber)); // "" for a new contact
    ui->emailEdit->setText(c.email);
    ui->companyEdit->setText(c.companyName);
    ui->nicknameEdit->setText(c.nickname);
    ui->salutationEdit->setText(c.customSalutation);
    ui->tierEdit->setText(c.customerTier);
    ui->spendEdit->setText(c.averageSpend ? QLocale().toString(*c.averageSpend, 'f', 2) : QString());
    ui->optInCheck->setChecked(c.messageOptIn);
    ui->genderEdit->setText(c.gender);
    ui->dobEdit->setText(c.dob);
    ui->ageGroupEdit->setText(c.ageGroup);
    ui->languageEdit->setText(c.languagePreference);
    ui->timezoneEdit->setText(c.timezone);
    ui->partnerEdit->setText(c.partnerName);
    ui->anniversaryEdit->setText(c.anniversaryDate);
    ui->kidsEdit->setText(joinList(c.kidsNames));
    ui->petsEdit->setText(joinList(c.petsNames));
    ui->jobTitleEdit->setText(c.jobTitle);
    ui->industryEdit->setText(c.industry);
    ui->interestsEdit->setText(joinList(c.interests));
    ui->productsEdit->setText(joinList(c.preferredProducts));
    if (c.hasBroadcastPreference)
        ui->broadcastEdit->setText(QString::fromUtf8(
            QJsonDocument(c.whatsappBroadcastPreference).toJson(QJsonDocument::Compact)));
    ui->notesEdit->setPlainText(c.notes);
}

QJsonObject ContactDialog::toJson() const
{
    QJsonObject o;
    const auto text = [&o](const char *field, const QString &value) {
        // Empty optional fields are sent as null so an edit can clear them.
        o.insert(QLatin1String(field),
                 value.trimmed().isEmpty() ? QJsonValue() : QJsonValue(value));
    };
    o.insert(QStringLiteral("name"), ui->nameEdit->text());
    o.insert(QStringLiteral("phone_number"), ui->phoneEdit->text().trimmed());
    text("email", ui->emailEdit->text());
    text("company_name", ui->companyEdit->text());
    text("nickname", ui->nicknameEdit->text());
    text("custom_salutation", ui->salutationEdit->text());
    text("customer_tier", ui->tierEdit->text());
    text("gender", ui->genderEdit->text());
    text("dob", ui->dobEdit->text());
    text("age_group", ui->ageGroupEdit->text());
    text("language_preference", ui->languageEdit->text());
    text("timezone", ui->timezoneEdit->text());
    text("partner_name", ui->partnerEdit->text());
    text("anniversary_date", ui->anniversaryEdit->text());
    text("job_title", ui->jobTitleEdit->text());
    text("industry", ui->industryEdit->text());
    text("notes", ui->notesEdit->toPlainText());
    o.insert(QStringLiteral("kids_names"), splitList(ui->kidsEdit->text()));
    o.insert(QStringLiteral("pets_names"), splitList(ui->petsEdit->text()));
    o.insert(QStringLiteral("interests"), splitList(ui->interestsEdit->text()));
    o.insert(QStringLiteral("preferred_products"), splitList(ui->productsEdit->text()));
    // A new contact starts as the box says; an existing one keeps its state (OptOutService
    // changes it, recorded), so a form opened before a customer wrote STOP cannot undo it.
    if (m_contactId == 0)
        o.insert(QStringLiteral("message_opt_in"), ui->optInCheck->isChecked());

    const QString spend = ui->spendEdit->text().trimmed();
    if (spend.isEmpty()) {
        o.insert(QStringLiteral("average_spend"), QJsonValue());
    } else {
        bool ok = false;
        double value = QLocale().toDouble(spend, &ok);
        if (!ok)
            value = spend.toDouble(&ok); // "12.50" typed in a French locale
        // Not a number: send the text so validation names the field.
        o.insert(QStringLiteral("average_spend"), ok ? QJsonValue(value) : QJsonValue(spend));
    }
    const QString broadcast = ui->broadcastEdit->text().trimmed();
    if (broadcast.isEmpty()) {
        o.insert(QStringLiteral("whatsapp_broadcast_preference"), QJsonValue());
    } else {
        const QJsonDocument doc = QJsonDocument::fromJson(broadcast.toUtf8());
        o.insert(QStringLiteral("whatsapp_broadcast_preference"),
                 doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(broadcast));
    }
    return o;
}

QWidget *ContactDialog::editorFor(const QString &f) const
{
    const QHash<QString, QWidget *> editors{
        {QStringLiteral("name"), ui->nameEdit},
        {QStringLiteral("phone_number"), ui->phoneEdit},
        {QStringLiteral("email"), ui->emailEdit},
        {QStringLiteral("company_name"), ui->companyEdit},
        {QStringLiteral("nickname"), ui->nicknameEdit},
        {QStringLiteral("custom_salutation"), ui->salutationEdit},
        {QStringLiteral("customer_tier"), ui->tierEdit},
        {QStringLiteral("average_spend"), ui->spendEdit},
        {QStringLiteral("gender"), ui->genderEdit},
        {QStringLiteral("dob"), ui->dobEdit},
        {QStringLiteral("age_group"), ui->ageGroupEdit},
        {QStringLiteral("language_preference"), ui->languageEdit},
        {QStringLiteral("timezone"), ui->timezoneEdit},
        {QStringLiteral("partner_name"), ui->partnerEdit},
        {QStringLiteral("anniversary_date"), ui->anniversaryEdit},
        {QStringLiteral("kids_names"), ui->kidsEdit},
        {QStringLiteral("pets_names"), ui->petsEdit},
        {QStringLiteral("job_title"), ui->jobTitleEdit},
        {QStringLiteral("industry"), ui->industryEdit},
        {QStringLiteral("interests"), ui->interestsEdit},
        {QStringLiteral("preferred_products"), ui->productsEdit},
        {QStringLiteral("whatsapp_broadcast_preference"), ui->broadcastEdit},
        {QStringLiteral("notes"), ui->notesEdit},
    };
    return editors.value(f);
}

void ContactDialog::showError(const QString &field, const QString &message)
{
    ui->errorLabel->setText(message);
    ui->errorLabel->setVisible(!message.isEmpty());
    if (QWidget *editor = editorFor(field)) {
        // Bring the editor's tab forward so the operator sees what to fix.
        for (int i = 0; i < ui->tabs->count(); ++i) {
            if (ui->tabs->widget(i)->isAncestorOf(editor))
                ui->tabs->setCurrentIndex(i);
        }
        editor->setFocus();
    }
}

QString ContactDialog::errorText() const
{
    return ui->errorLabel->text();
}

bool ContactDialog::validate()
{
    const QJsonObject json = toJson();
    try {
        ContactJson::fromJsonForAdd(json);
    } catch (const DomainError &e) {
        const QString field = e.details().value(QStringLiteral("field")).toString();
        QString message;
        if (field == QLatin1String("name") && json.value(field).toString().trimmed().isEmpty())
            message = tr("Name is required.");
        else if (field == QLatin1String("phone_number") && json.value(field).toString().isEmpty())
            message = tr("Phone number is required.");
        else if (field == QLatin1String("dob") || field == QLatin1String("anniversary_date"))
            message = tr("%1 must be a date like 1990-05-31.").arg(ErrorText::fieldName(field));
        else if (field == QLatin1String("average_spend"))
            message = tr("Average spend must be a number.");
        else if (field == QLatin1String("whatsapp_broadcast_preference"))
            message = tr("Broadcast preference must be a JSON object like {\"frequency\": \"weekly\"}.");
        else
            message = ErrorText::describe(e);
        showError(field, message);
        return false;
    }
    if (!m_core.phones().normalize(json.value(QStringLiteral("phone_number")).toString())) {
        showError(QStringLiteral("phone_number"),
                  tr("\"%1\" is not a valid phone number for region %2. Use the international "
                     "form, e.g. +2348031234567.")
                      .arg(json.value(QStringLiteral("phone_number")).toString(),
                           m_core.phones().defaultRegion()));
        return false;
    }
    showError(QString(), QString());
    return true;
}

void ContactDialog::accept()
{
    if (!validate())
        return;
    try {
        ContactService service(m_core);
        if (m_contactId == 0) {
            const ContactService::AddResult result =
                service.add(m_vendorId, m_userId, QJsonArray{toJson()});
            if (!result.skipped.isEmpty()) {
                const ContactService::Skipped &s = result.skipped.first();
                if (s.reason == QLatin1String("duplicate"))
                    showError(QStringLiteral("phone_number"),
                              tr("This user already has a contact with this phone number."));
                else if (s.reason == QLatin1String("invalid_phone"))
                    showError(QStringLiteral("phone_number"), tr("The phone number is not valid."));
                else
                    showError(s.field, s.message);
                return;
            }
            m_saved = result.added.value(0);
        } else {
            m_saved = service.update(m_vendorId, m_userId, m_contactId, toJson());
        }
    } catch (const DomainError &e) {
        const QString field = e.details().value(QStringLiteral("field")).toString();
        showError(e.code() == QLatin1String("duplicate") ? QStringLiteral("phone_number") : field,
                  ErrorText::describe(e));
        return;
    }
    QDialog::accept();
}

void ContactDialog::loadOptOut()
{
    const QLocale locale;
    const auto when = [&locale](qint64 ms) {
        return locale.toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                               QLocale::ShortFormat);
    };
    try {
        const OptOutService::State state = m_core.optOuts().state(m_vendorId, m_contactId);
        QString text;
        if (!state.optedOut)
            text = tr("<b>Subscribed:</b> this contact receives messages.");
        else if (state.optedOutAtMs > 0)
            text = tr("<b>Opted out</b> on %1 by %2: messages to this contact are refused.")
                       .arg(when(state.optedOutAtMs).toHtmlEscaped(),
                            StatusText::optOutSource(state.source).toHtmlEscaped());
        else
            text = tr("<b>Opted out:</b> messages to this contact are refused.");
        ui->optStateLabel->setText(text);
        ui->optInCheck->setChecked(!state.optedOut);
        ui->optInButton->setEnabled(state.optedOut);
        ui->optOutButton->setEnabled(!state.optedOut);

        const QList<OptOutService::HistoryEntry> history =
            m_core.optOuts().history(m_vendorId, m_contactId);
        ui->historyTable->setRowCount(int(history.size()));
        for (int row = 0; row < history.size(); ++row) {
            const OptOutService::HistoryEntry &h = history.at(row);
            const QStringList cells{when(h.atMs),
                                    h.action == QLatin1String("opt_in") ? tr("Opted in")
                                                                        : tr("Opted out"),
                                    StatusText::optOutSource(h.source), h.reason};
            for (int column = 0; column < cells.size(); ++column)
                ui->historyTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
        ui->historyLabel->setText(history.isEmpty() ? tr("No opt-out or opt-in recorded.")
                                                    : tr("History (newest first):"));
    } catch (const DomainError &e) {
        ui->optStateLabel->setText(ErrorText::describe(e).toHtmlEscaped());
        ui->optInButton->setEnabled(false);
        ui->optOutButton->setEnabled(false);
    }
}

bool ContactDialog::optIn()
{
    return changeOptIn(true);
}

bool ContactDialog::optOut()
{
    return changeOptIn(false);
}

bool ContactDialog::changeOptIn(bool in)
{
    if (m_contactId == 0)
        return false;
    const QString reason = ui->optReasonEdit->text();
    try {
        OptOutService &service = m_core.optOuts();
        const OptOutService::Result result =
            in ? service.optIn(m_vendorId, m_userId, m_contactId, OptOutService::kOperator, reason)
               : service.optOut(m_vendorId, m_userId, m_contactId, OptOutService::kOperator,
                                reason);
        ui->optReasonEdit->clear();
        ui->optMessageLabel->setStyleSheet(QString());
        if (in)
            ui->optMessageLabel->setText(tr("Opted back in; the reason is recorded."));
        else
            ui->optMessageLabel->setText(
                tr("Opted out; %n pending message(s) to this contact cancelled.", nullptr,
                   result.cancelled));
    } catch (const DomainError &e) {
        ui->optMessageLabel->setStyleSheet(QStringLiteral("color: #b03a2e; font-weight: 600;"));
        ui->optMessageLabel->setText(ErrorText::describe(e));
        ui->optReasonEdit->setFocus();
        loadOptOut();
        return false;
    }
    loadOptOut();
    return true;
}

QString ContactDialog::optOutStateText() const
{
    QTextDocument doc;
    doc.setHtml(ui->optStateLabel->text());
    return doc.toPlainText();
}

QString ContactDialog::optOutMessageText() const
{
    return ui->optMessageLabel->text();
}
