#include "ContactsPage.h"

#include "BackgroundQuery.h"
#include "ContactDialog.h"
#include "ContactTableModel.h"
#include "CoreServices.h"
#include "CsvImportDialog.h"
#include "CsvReader.h"
#include "DomainError.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "PlainMessageBox.h"
#include "SessionManager.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneDisplay.h"
#include "inbound/OptOutService.h"
#include "numbers/NumberCheckService.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "ui_ContactsPage.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QToolButton>

ContactsPage::ContactsPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::ContactsPage>()), m_ctx(context),
      m_model(new ContactTableModel(context.core.database(), this)),
      m_searchDelay(new QTimer(this)), m_checkButton(new QPushButton(this)),
      m_checkProgress(new QProgressBar(this)), m_checkCancel(new QToolButton(this))
{
    ui->setupUi(this);
    // "Check on WhatsApp" after Delete; its progress and Cancel show while a check runs.
    m_checkButton->setObjectName(QStringLiteral("checkButton"));
    m_checkProgress->setObjectName(QStringLiteral("checkProgress"));
    m_checkCancel->setObjectName(QStringLiteral("checkCancelButton"));
    m_checkButton->setText(tr("Check on WhatsApp"));
    m_checkCancel->setText(tr("Stop check"));
    m_checkProgress->setMaximumWidth(160);
    m_checkProgress->setFormat(QStringLiteral("%v / %m"));
    m_checkProgress->hide();
    m_checkCancel->hide();
    const int after = ui->toolLayout->indexOf(ui->deleteButton) + 1;
    ui->toolLayout->insertWidget(after, m_checkButton);
    ui->toolLayout->insertWidget(after + 1, m_checkProgress);
    ui->toolLayout->insertWidget(after + 2, m_checkCancel);
    connect(m_checkButton, &QPushButton::clicked, this, &ContactsPage::checkSelected);
    connect(m_checkCancel, &QToolButton::clicked, this, &ContactsPage::cancelCheck);
    // Queued: the service signals from inside its round.
    connect(&m_ctx.sessions.numberChecks(), &NumberCheckService::checkChanged, this,
            &ContactsPage::onCheckChanged, Qt::QueuedConnection);
    m_model->setOptOutLookup([&core = m_ctx.core](qint64 vendorId, qint64 contactId) {
        ContactTableModel::OptOut out;
        try {
            const OptOutService::State state = core.optOuts().state(vendorId, contactId);
            out.atMs = state.optedOutAtMs;
            out.source = state.source;
        } catch (const DomainError &) {
            // Deleted meanwhile: the next page read drops the row.
        }
        return out;
    });
    ui->table->setModel(m_model);
    ui->table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    ui->table->horizontalHeader()->setDefaultSectionSize(150);
    ui->table->verticalHeader()->setDefaultSectionSize(ui->table->fontMetrics().height() + 8);
    for (int size : {50, 100, 200, 500})
        ui->pageSizeCombo->addItem(QString::number(size), size);
    ui->pageSizeCombo->setCurrentIndex(1);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250); // one query per pause in typing, not per key
    connect(ui->searchEdit, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this,
            [this]() { m_model->setSearch(ui->searchEdit->text()); });

    connect(ui->userPicker, &UserPicker::userChanged, this, [this](qint64 vendor, qint64 user) {
        m_model->setUser(vendor, user);
        QSettings().setValue(QStringLiteral("contacts/vendor"), vendor);
        QSettings().setValue(QStringLiteral("contacts/user"), user);
        updateButtons();
    });
    connect(m_model, &ContactTableModel::loaded, this, &ContactsPage::updatePager);
    connect(m_model, &ContactTableModel::loadingChanged, this, [this](bool loading) {
        ui->table->setCursor(loading ? Qt::BusyCursor : Qt::ArrowCursor);
        // A search on a big list can take seconds: say so where the count will appear
        // (loaded() puts the count back).
        if (loading && m_model->userId() > 0)
            ui->totalLabel->setText(m_model->search().isEmpty()
                                        ? tr("Loading contacts…")
                                        : tr("Searching for “%1”…").arg(m_model->search()));
    });
    connect(m_model, &ContactTableModel::failed, this, [this](const QString &message) {
        ui->totalLabel->setText(tr("Could not load contacts: %1").arg(message));
    });
    connect(ui->pageSizeCombo, &QComboBox::currentIndexChanged, this,
            [this]() { m_model->setPageSize(ui->pageSizeCombo->currentData().toInt()); });
    connect(ui->firstButton, &QToolButton::clicked, this, [this]() { m_model->setPage(1); });
    connect(ui->prevButton, &QToolButton::clicked, this,
            [this]() { m_model->setPage(m_model->page() - 1); });
    connect(ui->nextButton, &QToolButton::clicked, this,
            [this]() { m_model->setPage(m_model->page() + 1); });
    connect(ui->lastButton, &QToolButton::clicked, this,
            [this]() { m_model->setPage(m_model->pageCount()); });
    connect(ui->pageSpin, &QSpinBox::valueChanged, this,
            [this](int page) { m_model->setPage(page); });
    connect(ui->table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ContactsPage::updateButtons);
    connect(ui->table, &QTableView::doubleClicked, this, &ContactsPage::editContact);
    connect(ui->addButton, &QPushButton::clicked, this, &ContactsPage::addContact);
    connect(ui->editButton, &QPushButton::clicked, this, &ContactsPage::editContact);
    connect(ui->deleteButton, &QPushButton::clicked, this, &ContactsPage::deleteContacts);
    connect(ui->importButton, &QPushButton::clicked, this, &ContactsPage::importCsv);
    connect(ui->exportButton, &QPushButton::clicked, this, &ContactsPage::exportCsv);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this]() {
        ui->searchEdit->setFocus();
        ui->searchEdit->selectAll();
    });
    auto *del = new QShortcut(QKeySequence::Delete, ui->table);
    connect(del, &QShortcut::activated, this, &ContactsPage::deleteContacts);
    auto *add = new QShortcut(QKeySequence::New, this);
    connect(add, &QShortcut::activated, this, &ContactsPage::addContact);
    auto *prev = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp), this);
    connect(prev, &QShortcut::activated, ui->prevButton, &QToolButton::click);
    auto *next = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown), this);
    connect(next, &QShortcut::activated, ui->nextButton, &QToolButton::click);

    // A customer's STOP (or an opt-in elsewhere) shows in the Opt-in column without a click;
    // a burst of them costs one page read.
    auto *optRefresh = new QTimer(this);
    optRefresh->setSingleShot(true);
    optRefresh->setInterval(500);
    connect(optRefresh, &QTimer::timeout, m_model, &ContactTableModel::refresh);
    const auto onOptChange = [this, optRefresh](qint64 vendorId, qint64 userId) {
        if (vendorId == m_model->vendorId() && userId == m_model->userId() &&
            !optRefresh->isActive())
            optRefresh->start();
    };
    m_ctx.core.events().on<ContactOptedOutEvent>(
        this, [onOptChange](qint64 vendorId, const ContactOptedOutEvent &e) {
            onOptChange(vendorId, e.userId);
        });
    m_ctx.core.events().on<ContactOptedInEvent>(
        this, [onOptChange](qint64 vendorId, const ContactOptedInEvent &e) {
            onOptChange(vendorId, e.userId);
        });

    ui->userPicker->setCore(&m_ctx.core);
    ui->userPicker->select(QSettings().value(QStringLiteral("contacts/vendor")).toLongLong(),
                           QSettings().value(QStringLiteral("contacts/user")).toLongLong());
    m_model->setUser(ui->userPicker->vendorId(), ui->userPicker->userId());
    updateButtons();
}

ContactsPage::~ContactsPage() = default;

void ContactsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        m_checkButton->setText(tr("Check on WhatsApp"));
        m_checkCancel->setText(tr("Stop check"));
        updatePager();
    }
    QWidget::changeEvent(event);
}

void ContactsPage::reloadUsers()
{
    ui->userPicker->reload();
}

void ContactsPage::updatePager()
{
    const QLocale locale;
    const bool hasUser = m_model->userId() > 0;
    if (!hasUser)
        ui->totalLabel->setText(tr("Choose a vendor and a user to see their contacts."));
    else if (m_model->totalIsEstimate() && m_model->search().isEmpty())
        // Past the cap the store estimates instead of counting: "10,000+".
        ui->totalLabel->setText(
            tr("%1+ contacts").arg(locale.toString(ContactStore::kExactTotalCap)));
    else if (m_model->totalIsEstimate())
        ui->totalLabel->setText(tr("%1+ contacts match “%2”")
                                    .arg(locale.toString(ContactStore::kExactTotalCap),
                                         m_model->search()));
    else if (m_model->search().isEmpty())
        ui->totalLabel->setText(tr("%n contact(s)", nullptr, m_model->total()));
    else
        ui->totalLabel->setText(
            tr("%n contact(s) match “%1”", nullptr, m_model->total()).arg(m_model->search()));
    {
        const QSignalBlocker block(ui->pageSpin);
        ui->pageSpin->setMaximum(m_model->pageCount());
        ui->pageSpin->setValue(m_model->page());
    }
    ui->pageCountLabel->setText(tr("of %1").arg(locale.toString(m_model->pageCount())));
    ui->firstButton->setEnabled(m_model->page() > 1);
    ui->prevButton->setEnabled(m_model->page() > 1);
    ui->nextButton->setEnabled(m_model->page() < m_model->pageCount());
    ui->lastButton->setEnabled(m_model->page() < m_model->pageCount());
    updateButtons();
}

void ContactsPage::updateButtons()
{
    const bool hasUser = m_model->userId() > 0;
    const int selected = int(ui->table->selectionModel()->selectedRows().size());
    ui->addButton->setEnabled(hasUser);
    ui->importButton->setEnabled(hasUser);
    ui->exportButton->setEnabled(hasUser && m_model->total() > 0);
    ui->editButton->setEnabled(selected == 1);
    ui->deleteButton->setEnabled(selected > 0 && m_deleting == 0);
    m_checkButton->setEnabled(selected > 0 && m_checkId.isEmpty());
    ui->searchEdit->setEnabled(hasUser);
}

void ContactsPage::checkSelected()
{
    QList<qint64> ids;
    for (const QModelIndex &index : ui->table->selectionModel()->selectedRows())
        ids << m_model->contactAt(index.row()).id;
    if (!ids.isEmpty())
        checkContacts(ids);
}

QString ContactsPage::checkContacts(const QList<qint64> &ids)
{
    if (m_model->userId() <= 0 || ids.isEmpty() || !m_checkId.isEmpty())
        return {};
    QStringList phones;
    for (qint64 id : ids) {
        // The rows of one page (≤ 500): their phones are in the model already.
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const Contact c = m_model->contactAt(row);
            if (c.id == id)
                phones << c.phoneNumber;
        }
    }
    try {
        const NumberCheckService::Check c =
            m_ctx.sessions.numberChecks().start(m_model->vendorId(), m_model->userId(), phones);
        m_checkId = c.id;
        m_checkVendor = m_model->vendorId();
        m_checkUser = m_model->userId();
    } catch (const DomainError &e) {
        const QString why = e.code() == QLatin1String("no_ready_number")
                                ? tr("This user has no connected WhatsApp number to ask through. "
                                     "Connect one on the Sessions page first.")
                                : e.message();
        PlainMessageBox::warning(this, tr("Check on WhatsApp"), why);
        return {};
    }
    m_checkProgress->setFormat(QStringLiteral("%v / %m"));
    m_checkProgress->setMaximumWidth(160);
    m_checkProgress->setRange(0, int(phones.size()));
    m_checkProgress->setValue(0);
    m_checkProgress->show();
    m_checkCancel->show();
    updateButtons();
    const QString id = m_checkId;
    onCheckChanged(id); // answered from earlier checks: may be done already
    return id;
}

void ContactsPage::cancelCheck()
{
    if (!m_checkId.isEmpty())
        m_ctx.sessions.numberChecks().cancel(m_checkVendor, m_checkUser, m_checkId);
}

QString ContactsPage::checkStatusText() const
{
    return m_checkProgress->toolTip();
}

void ContactsPage::onCheckChanged(const QString &id)
{
    if (id.isEmpty() || id != m_checkId)
        return;
    const auto c = m_ctx.sessions.numberChecks().find(m_checkVendor, m_checkUser, id);
    if (!c)
        return;
    const int total = int(c->items.size());
    const int done = total - c->count(QStringLiteral("pending"));
    m_checkProgress->setValue(done);
    const QString summary = tr("%1 on WhatsApp, %2 not, %3 invalid")
                                .arg(c->count(QStringLiteral("yes")))
                                .arg(c->count(QStringLiteral("no")))
                                .arg(c->count(QStringLiteral("invalid")));
    m_checkProgress->setToolTip(summary);
    if (c->status == QLatin1String("running"))
        return;
    m_checkId.clear();
    m_checkCancel->hide();
    QString text = summary;
    if (c->status == QLatin1String("cancelled"))
        text = tr("Check stopped: %1").arg(summary);
    else if (c->status == QLatin1String("failed"))
        text = tr("Check stopped, no connected number left: %1").arg(summary);
    // The bar stays with the outcome until the next check.
    m_checkProgress->setToolTip(text);
    m_checkProgress->setFormat(text);
    m_checkProgress->setMaximumWidth(QWIDGETSIZE_MAX);
    updateButtons();
    m_model->refresh(); // the WhatsApp column
}

void ContactsPage::addContact()
{
    if (m_model->userId() <= 0)
        return;
    ContactDialog dialog(m_ctx.core, m_model->vendorId(), m_model->userId(), Contact{}, this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->refresh();
}

void ContactsPage::editContact()
{
    const QModelIndexList rows = ui->table->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return;
    const Contact contact = m_model->contactAt(rows.first().row());
    ContactDialog dialog(m_ctx.core, m_model->vendorId(), m_model->userId(), contact, this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->refresh();
}

void ContactsPage::deleteContacts()
{
    const QModelIndexList rows = ui->table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    QList<qint64> ids;
    for (const QModelIndex &index : rows)
        ids << m_model->contactAt(index.row()).id;
    const QString question =
        ids.size() == 1
            ? tr("Delete the contact %1?").arg(m_model->contactAt(rows.first().row()).name)
            : tr("Delete %n contacts?", nullptr, int(ids.size()));
    if (PlainMessageBox::question(this, tr("Delete contacts"), question) != QMessageBox::Yes)
        return;
    removeContacts(ids, [this](int, const QString &error) {
        if (!error.isEmpty())
            PlainMessageBox::warning(this, tr("Delete contacts"), error);
    });
}

void ContactsPage::removeContacts(const QList<qint64> &ids,
                                  std::function<void(int removed, const QString &error)> done)
{
    const qint64 vendor = m_model->vendorId(), user = m_model->userId();
    ui->deleteButton->setEnabled(false);
    ui->totalLabel->setText(tr("Deleting…"));
    ++m_deleting;
    BackgroundQuery::run<int>(
        m_ctx.core.database(), this,
        [vendor, user, ids](const QString &connection) {
            // ContactService's rules for this call hold by construction: the ids come from one
            // page of the table (≤ 500, under its kMaxRemoveIds), and the store removes only
            // ids of this vendor's user (none if the user is gone).
            ContactStore store(connection);
            // While another connection writes (a CSV import's batch, an API import), the
            // store's DELETE on this fresh connection fails at once with "database is locked"
            // instead of waiting for busy_timeout (its deferred transaction reads before it asks
            // for the write lock, and SQLite does not wait then). This thread can afford to
            // wait: try again for a while, as busy_timeout would have.
            QElapsedTimer waited;
            waited.start();
            for (;;) {
                try {
                    return store.removeMany(vendor, user, ids);
                } catch (const DomainError &e) {
                    if (!e.message().contains(QLatin1String("database is locked")) ||
                        waited.elapsed() > 30000)
                        throw;
                }
                QThread::msleep(50);
            }
        },
        [this, done](const BackgroundQuery::Result<int> &result) {
            --m_deleting;
            m_model->refresh(); // the pager and buttons follow its answer
            done(result.value.value_or(0), result.error);
        });
}

void ContactsPage::importCsv()
{
    if (m_model->userId() <= 0)
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import contacts"),
        QSettings()
            .value(QStringLiteral("contacts/lastDir"),
                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .toString(),
        tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("contacts/lastDir"), QFileInfo(path).absolutePath());
    auto *dialog = new CsvImportDialog(m_ctx.core, m_model->vendorId(), m_model->userId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFile(path);
    connect(dialog, &CsvImportDialog::importFinished, m_model, &ContactTableModel::refresh);
    dialog->open();
}

void ContactsPage::exportCsv()
{
    if (m_model->userId() <= 0)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export contacts"),
        QSettings()
                .value(QStringLiteral("contacts/lastDir"),
                       QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                .toString() +
            QStringLiteral("/contacts.csv"),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    ui->exportButton->setEnabled(false);
    ui->totalLabel->setText(tr("Exporting…"));
    exportTo(path, [this, path](int written, const QString &error) {
        updatePager();
        if (!error.isEmpty())
            PlainMessageBox::warning(this, tr("Export contacts"), error);
        else
            PlainMessageBox::information(this, tr("Export contacts"),
                                         tr("%n contact(s) written to %1.", nullptr, written)
                                             .arg(QDir::toNativeSeparators(path)));
    });
}

void ContactsPage::exportTo(const QString &path,
                            std::function<void(int written, const QString &error)> done)
{
    const qint64 vendor = m_model->vendorId(), user = m_model->userId();
    const QString term = m_model->search();
    BackgroundQuery::run<int>(
        m_ctx.core.database(), this,
        [=](const QString &connection) -> int {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                throw DomainError::internal(file.errorString());
            const QStringList fields = ContactJson::fieldNames();
            QStringList header;
            for (const QString &f : fields)
                header << CsvReader::escape(f);
            file.write("\xEF\xBB\xBF"); // spreadsheets need the BOM to read UTF-8
            file.write(header.join(QLatin1Char(',')).toUtf8() + "\r\n");
            ContactStore store(connection);
            int written = 0;
            constexpr int kPage = 5000;
            for (int page = 1;; ++page) {
                const ContactStore::Page chunk = store.search(vendor, user, term, page, kPage);
                for (const Contact &c : chunk.contacts) {
                    const QJsonObject json = ContactJson::toJson(c);
                    QStringList cells;
                    for (const QString &f : fields) {
                        const QJsonValue v = json.value(f);
                        QString cell;
                        if (v.isArray()) {
                            QStringList items;
                            for (const QJsonValue &item : v.toArray())
                                items << item.toString();
                            cell = items.join(QStringLiteral(", "));
                        } else if (v.isObject()) {
                            cell = QString::fromUtf8(
                                QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
                        } else if (v.isBool()) {
                            cell = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
                        } else if (v.isDouble()) {
                            cell = QString::number(v.toDouble());
                        } else if (f == QLatin1String("phone_number")) {
                            cell = PhoneDisplay::e164(v.toString());
                        } else {
                            cell = v.toString();
                        }
                        cells << CsvReader::escape(cell);
                    }
                    file.write(cells.join(QLatin1Char(',')).toUtf8() + "\r\n");
                    ++written;
                }
                if (chunk.contacts.size() < kPage)
                    break;
            }
            if (!file.commit())
                throw DomainError::internal(file.errorString());
            return written;
        },
        [done](const BackgroundQuery::Result<int> &result) {
            done(result.value.value_or(0), result.error);
        });
}
