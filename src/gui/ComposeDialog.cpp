#include "ComposeDialog.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "GuiContext.h"
#include "StatusText.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactService.h"
#include "contacts/PhoneDisplay.h"
#include "messaging/MessageComposer.h"
#include "messaging/TemplateRenderer.h"
#include "numbers/NumberStore.h"
#include "storage/Database.h"
#include "ui_ComposeDialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace {
QString itemText(const Contact &c)
{
    return c.name + QStringLiteral("  (+") + c.phoneNumber + QLatin1Char(')');
}
} // namespace

ComposeDialog::ComposeDialog(GuiContext &context, qint64 vendorId, qint64 userId, QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::ComposeDialog>()), m_ctx(context),
      m_vendorId(vendorId), m_userId(userId), m_searchDelay(new QTimer(this))
{
    ui->setupUi(this);
    ui->splitter->setStretchFactor(0, 2);
    ui->splitter->setStretchFactor(1, 3);
    m_sendButton = ui->buttonBox->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_sendButton->setDefault(true);
    connect(ui->buttonBox, &QDialogButtonBox::accepted, this, &ComposeDialog::send);
    connect(ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (const std::optional<AppUser> user = m_ctx.core.users().find(vendorId, userId))
        ui->userLabel->setText(tr("From %1 <%2>").arg(user->name, user->email));
    ui->fromCombo->addItem(tr("Any ready number of this user"), qint64(0));
    for (const WhatsAppNumber &n : m_ctx.core.numbers().listForUser(vendorId, userId))
        ui->fromCombo->addItem(
            QStringLiteral("+%1 %2 — %3")
                .arg(n.phoneNumber, n.label, StatusText::sessionState(n.state)),
            n.id);

    // "Send at": optional; the batch waits as scheduled until then (MessageComposer's rules:
    // a past time sends now, at most kMaxScheduleDays ahead).
    {
        auto *row = new QWidget(this);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        m_sendAtCheck = new QCheckBox(tr("Later, at"), row);
        m_sendAtCheck->setObjectName(QStringLiteral("sendAtCheck"));
        m_sendAtEdit = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), row);
        m_sendAtEdit->setObjectName(QStringLiteral("sendAtEdit"));
        m_sendAtEdit->setCalendarPopup(true);
        m_sendAtEdit->setMinimumDateTime(QDateTime::currentDateTime());
        m_sendAtEdit->setMaximumDateTime(
            QDateTime::currentDateTime().addDays(MessageComposer::kMaxScheduleDays));
        m_sendAtEdit->setEnabled(false);
        layout->addWidget(m_sendAtCheck);
        layout->addWidget(m_sendAtEdit, 1);
        connect(m_sendAtCheck, &QCheckBox::toggled, m_sendAtEdit, &QWidget::setEnabled);
        int fromRow = -1;
        QFormLayout::ItemRole role;
        ui->messageLayout->getWidgetPosition(ui->fromCombo, &fromRow, &role);
        ui->messageLayout->insertRow(fromRow + 1, tr("Send:"), row);
    }

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_searchDelay, &QTimer::timeout, this, &ComposeDialog::runSearch);
    connect(ui->searchEdit, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(ui->addButton, &QPushButton::clicked, this, [this]() {
        QList<Contact> picked;
        for (QListWidgetItem *item : ui->resultsList->selectedItems())
            picked << m_results.value(item->data(Qt::UserRole).toLongLong());
        addContacts(picked);
    });
    connect(ui->resultsList, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        addContacts({m_results.value(item->data(Qt::UserRole).toLongLong())});
    });
    connect(ui->addAllButton, &QPushButton::clicked, this, &ComposeDialog::addAllMatching);
    connect(ui->removeButton, &QPushButton::clicked, this, [this]() {
        for (QListWidgetItem *item : ui->chosenList->selectedItems()) {
            m_chosen.remove(item->data(Qt::UserRole).toString());
            delete item;
        }
        updateState();
    });
    connect(ui->chosenList, &QListWidget::currentRowChanged, this, &ComposeDialog::updatePreview);
    connect(ui->textEdit, &QPlainTextEdit::textChanged, this, &ComposeDialog::updatePreview);
    connect(ui->captionEdit, &QLineEdit::textChanged, this, &ComposeDialog::updatePreview);
    connect(ui->fileEdit, &QLineEdit::textChanged, this, &ComposeDialog::updateState);
    buildTypeRows();
    runSearch();
    updateState();
}

ComposeDialog::~ComposeDialog() = default;

void ComposeDialog::setSearch(const QString &term)
{
    ui->searchEdit->setText(term);
    runSearch();
}

void ComposeDialog::setMessage(const QString &text)
{
    ui->textEdit->setPlainText(text);
}

int ComposeDialog::recipientCount() const
{
    return int(m_chosen.size());
}

QString ComposeDialog::previewText() const
{
    return ui->previewLabel->text();
}

QString ComposeDialog::resultText() const
{
    return ui->resultLabel->text();
}

void ComposeDialog::runSearch()
{
    ui->resultsList->clear();
    m_results.clear();
    try {
        const ContactStore::Page page = ContactService(m_ctx.core).search(
            m_vendorId, m_userId, ui->searchEdit->text(), 1, 200);
        for (const Contact &c : page.contacts) {
            m_results.insert(c.id, c);
            auto *item = new QListWidgetItem(itemText(c), ui->resultsList);
            item->setData(Qt::UserRole, c.id);
            if (!c.messageOptIn) {
                item->setForeground(StatusText::messageColor(QStringLiteral("failed")));
                item->setToolTip(tr("Opted out: messages to this contact are refused."));
            }
        }
        if (page.total > page.contacts.size())
            ui->resultsList->addItem(tr("… %n more match(es); refine the search or add all.",
                                        nullptr, int(page.total - page.contacts.size())));
    } catch (const DomainError &e) {
        ui->resultLabel->setText(ErrorText::describe(e));
    }
    updatePreview();
}

void ComposeDialog::addAllMatching()
{
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        ContactService service(m_ctx.core);
        QList<Contact> all;
        for (int page = 1; all.size() < MessageComposer::kMaxRecipients; ++page) {
            const ContactStore::Page chunk =
                service.search(m_vendorId, m_userId, ui->searchEdit->text(), page, 500);
            all += chunk.contacts;
            if (chunk.contacts.size() < 500)
                break;
        }
        addContacts(all.mid(0, MessageComposer::kMaxRecipients));
    } catch (const DomainError &e) {
        ui->resultLabel->setText(ErrorText::describe(e));
    }
    QGuiApplication::restoreOverrideCursor();
}

void ComposeDialog::addContacts(const QList<Contact> &contacts)
{
    ui->chosenList->setUpdatesEnabled(false);
    for (const Contact &c : contacts) {
        if (c.id == 0 || m_chosen.contains(c.phoneNumber) ||
            m_chosen.size() >= MessageComposer::kMaxRecipients)
            continue;
        m_chosen.insert(c.phoneNumber, c);
        auto *item = new QListWidgetItem(itemText(c), ui->chosenList);
        item->setData(Qt::UserRole, c.phoneNumber);
    }
    ui->chosenList->setUpdatesEnabled(true);
    if (ui->chosenList->currentRow() < 0 && ui->chosenList->count() > 0)
        ui->chosenList->setCurrentRow(0);
    updateState();
}

void ComposeDialog::updatePreview()
{
    Contact contact;
    if (QListWidgetItem *item = ui->chosenList->currentItem())
        contact = m_chosen.value(item->data(Qt::UserRole).toString());
    else if (!m_chosen.isEmpty())
        contact = m_chosen.cbegin().value();
    else if (!m_results.isEmpty() && ui->resultsList->count() > 0)
        contact = m_results.value(ui->resultsList->item(0)->data(Qt::UserRole).toLongLong());
    const QJsonObject fields = contact.id ? ContactJson::toJson(contact) : QJsonObject();
    QString preview = TemplateRenderer::render(ui->textEdit->toPlainText(), {}, fields);
    const QString caption = TemplateRenderer::render(ui->captionEdit->text(), {}, fields);
    if (!ui->fileEdit->text().trimmed().isEmpty())
        preview += QStringLiteral("\n📎 ") + ui->fileEdit->text().trimmed() +
                   (caption.isEmpty() ? QString() : QStringLiteral("\n") + caption);
    ui->previewTitle->setText(contact.id ? tr("Preview for %1:").arg(contact.name) : tr("Preview:"));
    ui->previewLabel->setText(preview);
}

void ComposeDialog::buildTypeRows()
{
    // Rows added after "Send from": the type, then the fields of location and contact card
    // (hidden unless their type is chosen), and the quoted message when there is one.
    m_typeCombo = new QComboBox(this);
    m_typeCombo->addItem(tr("Text and/or file"), QStringLiteral("text"));
    m_typeCombo->addItem(tr("Location"), QStringLiteral("location"));
    m_typeCombo->addItem(tr("Contact card"), QStringLiteral("contact"));
    m_typeCombo->addItem(tr("Voice note (file URL of the audio)"), QStringLiteral("voice"));
    auto coordinate = [this](double limit) {
        auto *spin = new QDoubleSpinBox(this);
        spin->setRange(-limit, limit);
        spin->setDecimals(6);
        return spin;
    };
    m_latSpin = coordinate(90);
    m_lngSpin = coordinate(180);
    m_placeEdit = new QLineEdit(this);
    m_placeEdit->setPlaceholderText(tr("Optional name (templates allowed)"));
    m_addressEdit = new QLineEdit(this);
    m_addressEdit->setPlaceholderText(tr("Optional address (templates allowed)"));
    m_cardNameEdit = new QLineEdit(this);
    m_cardPhoneEdit = new QLineEdit(this);
    m_cardEmailEdit = new QLineEdit(this);
    m_cardCompanyEdit = new QLineEdit(this);
    m_replyLabel = new QLabel(this);
    m_replyLabel->setWordWrap(true);
    QFormLayout *form = ui->messageLayout;
    int row = 0;
    QFormLayout::ItemRole role;
    form->getWidgetPosition(ui->fromCombo, &row, &role);
    const std::pair<QString, QWidget *> rows[] = {{tr("T&ype:"), m_typeCombo},
                                                  {tr("Latitude:"), m_latSpin},
                                                  {tr("Longitude:"), m_lngSpin},
                                                  {tr("Place name:"), m_placeEdit},
                                                  {tr("Address:"), m_addressEdit},
                                                  {tr("Card name:"), m_cardNameEdit},
                                                  {tr("Card phone:"), m_cardPhoneEdit},
                                                  {tr("Card email:"), m_cardEmailEdit},
                                                  {tr("Card company:"), m_cardCompanyEdit},
                                                  {tr("Replying to:"), m_replyLabel}};
    for (const auto &[label, widget] : rows)
        form->insertRow(++row, label, widget);
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this, &ComposeDialog::updateTypeRows);
    for (QLineEdit *edit : {m_placeEdit, m_addressEdit, m_cardNameEdit, m_cardPhoneEdit})
        connect(edit, &QLineEdit::textChanged, this, &ComposeDialog::updateState);
    updateTypeRows();
}

QString ComposeDialog::currentType() const
{
    return m_typeCombo ? m_typeCombo->currentData().toString() : QStringLiteral("text");
}

void ComposeDialog::updateTypeRows()
{
    const QString type = currentType();
    QFormLayout *form = ui->messageLayout;
    const bool location = type == QLatin1String("location");
    const bool contact = type == QLatin1String("contact");
    for (QWidget *w : {static_cast<QWidget *>(m_latSpin), static_cast<QWidget *>(m_lngSpin),
                       static_cast<QWidget *>(m_placeEdit), static_cast<QWidget *>(m_addressEdit)})
        form->setRowVisible(w, location);
    for (QWidget *w : {m_cardNameEdit, m_cardPhoneEdit, m_cardEmailEdit, m_cardCompanyEdit})
        form->setRowVisible(w, contact);
    form->setRowVisible(ui->textEdit, !location && !contact);
    form->setRowVisible(ui->captionEdit, type == QLatin1String("text"));
    form->setRowVisible(ui->fileEdit,
                        type == QLatin1String("text") || type == QLatin1String("voice"));
    form->setRowVisible(m_replyLabel, m_replyTo.isSet());
    updateState();
}

void ComposeDialog::setType(const QString &type)
{
    const int index = m_typeCombo->findData(type);
    if (index >= 0)
        m_typeCombo->setCurrentIndex(index);
}

void ComposeDialog::setLocation(double lat, double lng, const QString &name, const QString &address)
{
    m_latSpin->setValue(lat);
    m_lngSpin->setValue(lng);
    m_placeEdit->setText(name);
    m_addressEdit->setText(address);
}

void ComposeDialog::setCard(const QString &name, const QString &phone, const QString &email,
                            const QString &company)
{
    m_cardNameEdit->setText(name);
    m_cardPhoneEdit->setText(phone);
    m_cardEmailEdit->setText(email);
    m_cardCompanyEdit->setText(company);
}

void ComposeDialog::setReplyTo(const RichMessage::Target &target, const QString &preview)
{
    m_replyTo = target;
    m_replyLabel->setText(preview);
    updateTypeRows();
}

void ComposeDialog::updateState()
{
    ui->chosenLabel->setText(tr("%n recipient(s) chosen", nullptr, int(m_chosen.size())));
    const QString type = currentType();
    const bool hasContent =
        type == QLatin1String("location") ||
        (type == QLatin1String("contact") && !m_cardNameEdit->text().trimmed().isEmpty() &&
         !m_cardPhoneEdit->text().trimmed().isEmpty()) ||
        (type == QLatin1String("voice") && !ui->fileEdit->text().trimmed().isEmpty()) ||
        (type == QLatin1String("text") && (!ui->textEdit->toPlainText().trimmed().isEmpty() ||
                                           !ui->fileEdit->text().trimmed().isEmpty()));
    m_sendButton->setEnabled(!m_chosen.isEmpty() && hasContent);
    updatePreview();
}

void ComposeDialog::send()
{
    if (m_sending || m_chosen.isEmpty())
        return;
    MessageComposer::Request request;
    request.userId = m_userId;
    for (const Contact &c : std::as_const(m_chosen))
        request.recipients.append({PhoneDisplay::e164(c.phoneNumber), QJsonObject()});
    request.message = ui->textEdit->toPlainText();
    request.fileUrl = ui->fileEdit->text().trimmed();
    request.caption = ui->captionEdit->text();
    request.templateId = ui->templateEdit->text().trimmed();
    request.fromNumberId = ui->fromCombo->currentData().toLongLong();
    if (m_sendAtCheck->isChecked())
        request.sendAt = m_sendAtEdit->dateTime().toMSecsSinceEpoch();
    // Issue #16: the type's fields, checked by MessageComposer (RichMessage) like the API's.
    const QString type = currentType();
    request.rich.replyTo = m_replyTo;
    if (type == QLatin1String("location")) {
        request.rich.type = type;
        request.message.clear();
        request.fileUrl.clear();
        request.caption.clear();
        request.rich.location = RichMessage::Location{m_latSpin->value(), m_lngSpin->value(),
                                                      m_placeEdit->text(), m_addressEdit->text()};
    } else if (type == QLatin1String("contact")) {
        request.rich.type = type;
        request.message.clear();
        request.fileUrl.clear();
        request.caption.clear();
        request.rich.cards.append({m_cardNameEdit->text(), m_cardPhoneEdit->text(),
                                   m_cardEmailEdit->text(), m_cardCompanyEdit->text()});
    } else if (type == QLatin1String("voice")) {
        request.rich.type = type;
        request.message.clear(); // a voice note has no text
        request.caption.clear();
    }
    setSending(true);
    ui->resultLabel->setText(tr("Queuing %n message(s)…", nullptr, int(request.recipients.size())));

    // Same rules and one transaction as POST /messages, on a worker thread with its own
    // connection; the dispatcher is woken by the queued rows (EventBus::messagesQueued).
    struct Result
    {
        MessageComposer::Outcome outcome;
        std::optional<DomainError> error;
    };
    CoreServices &core = m_ctx.core;
    const qint64 vendorId = m_vendorId;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher]() {
        watcher->deleteLater();
        const Result r = watcher->result();
        setSending(false);
        if (r.error) {
            ui->resultLabel->setText(ErrorText::describe(*r.error));
            Q_EMIT sendFinished(false);
            return;
        }
        showOutcome(r.outcome);
        Q_EMIT sent(r.outcome.batchId);
        Q_EMIT sendFinished(true);
    });
    watcher->setFuture(QtConcurrent::run([&core, vendorId, request]() {
        Result r;
        const QString connection =
            core.database().openThreadConnection(QStringLiteral("compose"));
        try {
            MessageComposer composer(core, connection);
            r.outcome = composer.compose(vendorId, request);
        } catch (const DomainError &e) {
            r.error = e;
        } catch (const std::exception &e) {
            r.error = DomainError::internal(QString::fromUtf8(e.what()));
        }
        Database::closeThreadConnection(connection);
        return r;
    }));
}

void ComposeDialog::setSendAt(const QDateTime &when)
{
    m_sendAtCheck->setChecked(when.isValid());
    if (when.isValid()) {
        m_sendAtEdit->setMinimumDateTime(std::min(when, m_sendAtEdit->minimumDateTime()));
        m_sendAtEdit->setDateTime(when);
    }
}

void ComposeDialog::showOutcome(const MessageComposer::Outcome &outcome)
{
    QStringList lines;
    lines << tr("%n message(s) queued.", nullptr, outcome.queued);
    if (outcome.sendAt > 0)
        lines << tr("They will be sent at %1.")
                     .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(outcome.sendAt),
                                             QLocale::ShortFormat));
    if (outcome.rejected > 0) {
        QHash<QString, int> reasons;
        for (const MessageComposer::RecipientResult &r : outcome.results) {
            if (!r.queued)
                ++reasons[r.reason];
        }
        lines << tr("%n recipient(s) refused:", nullptr, outcome.rejected);
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it) {
            lines << QStringLiteral("• %1: %2")
                         .arg(StatusText::rejectionReason(it.key()),
                              QLocale().toString(it.value()));
        }
    }
    ui->resultLabel->setText(lines.join(QLatin1Char('\n')));
    m_chosen.clear();
    ui->chosenList->clear();
    updateState();
}

void ComposeDialog::setSending(bool sending)
{
    m_sending = sending;
    if (sending)
        QGuiApplication::setOverrideCursor(Qt::BusyCursor);
    else
        QGuiApplication::restoreOverrideCursor();
    // The batch being queued is exactly what is on screen: nothing may change under it.
    const QList<QWidget *> inputs{ui->textEdit,   ui->fileEdit,  ui->captionEdit,  ui->templateEdit,
                                  ui->fromCombo,  ui->addButton, ui->addAllButton, ui->removeButton,
                                  ui->chosenList, ui->buttonBox, m_sendAtCheck};
    for (QWidget *w : inputs)
        w->setEnabled(!sending);
    if (!sending)
        updateState();
}

void ComposeDialog::reject()
{
    // Closing while the batch is being queued would hide whether it was: wait for the answer.
    if (m_sending)
        return;
    QDialog::reject();
}
