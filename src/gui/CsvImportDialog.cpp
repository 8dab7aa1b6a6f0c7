#include "CsvImportDialog.h"

#include "CsvReader.h"
#include "SkippedRowsModel.h"
#include "contacts/ContactJson.h"
#include "ui_CsvImportDialog.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QLocale>
#include <QThread>

namespace {
constexpr int kPreviewRows = 20;

QChar delimiterChar(const QString &s)
{
    return s.isEmpty() ? QChar() : s.at(0);
}
} // namespace

CsvImportDialog::CsvImportDialog(CoreServices &core, qint64 vendorId, qint64 userId,
                                 QWidget *parent)
    : QDialog(parent), ui(std::make_unique<Ui::CsvImportDialog>()), m_core(core),
      m_vendorId(vendorId), m_userId(userId), m_skipped(new SkippedRowsModel(this))
{
    ui->setupUi(this);
    ui->skippedTable->setModel(m_skipped);
    ui->delimiterCombo->addItem(tr("Automatic"), QString());
    ui->delimiterCombo->addItem(tr("Comma (,)"), QStringLiteral(","));
    ui->delimiterCombo->addItem(tr("Semicolon (;)"), QStringLiteral(";"));
    ui->delimiterCombo->addItem(tr("Tab"), QStringLiteral("\t"));
    ui->mappingTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    ui->mappingTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    ui->skippedTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);

    connect(ui->browseButton, &QPushButton::clicked, this, [this]() {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import contacts"), QString(),
                                         tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
        if (!path.isEmpty())
            setFile(path);
    });
    connect(ui->headerCheck, &QCheckBox::toggled, this, [this]() { loadPreview(); });
    connect(ui->delimiterCombo, &QComboBox::currentIndexChanged, this, [this]() { loadPreview(); });
    connect(ui->importButton, &QPushButton::clicked, this, &CsvImportDialog::startImport);
    connect(ui->cancelButton, &QPushButton::clicked, this, &CsvImportDialog::reject);
}

CsvImportDialog::~CsvImportDialog()
{
    if (m_thread) {
        m_worker->cancel();
        m_thread->quit();
        m_thread->wait();
    }
}

QString CsvImportDialog::fieldLabel(const QString &f)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("name"), QT_TR_NOOP("Name")},
        {QStringLiteral("phone_number"), QT_TR_NOOP("Phone number")},
        {QStringLiteral("email"), QT_TR_NOOP("Email")},
        {QStringLiteral("company_name"), QT_TR_NOOP("Company")},
        {QStringLiteral("gender"), QT_TR_NOOP("Gender")},
        {QStringLiteral("dob"), QT_TR_NOOP("Date of birth")},
        {QStringLiteral("age_group"), QT_TR_NOOP("Age group")},
        {QStringLiteral("language_preference"), QT_TR_NOOP("Language")},
        {QStringLiteral("timezone"), QT_TR_NOOP("Time zone")},
        {QStringLiteral("nickname"), QT_TR_NOOP("Nickname")},
        {QStringLiteral("custom_salutation"), QT_TR_NOOP("Salutation")},
        {QStringLiteral("partner_name"), QT_TR_NOOP("Partner")},
        {QStringLiteral("anniversary_date"), QT_TR_NOOP("Anniversary")},
        {QStringLiteral("kids_names"), QT_TR_NOOP("Children")},
        {QStringLiteral("pets_names"), QT_TR_NOOP("Pets")},
        {QStringLiteral("job_title"), QT_TR_NOOP("Job title")},
        {QStringLiteral("industry"), QT_TR_NOOP("Industry")},
        {QStringLiteral("interests"), QT_TR_NOOP("Interests")},
        {QStringLiteral("preferred_products"), QT_TR_NOOP("Preferred products")},
        {QStringLiteral("message_opt_in"), QT_TR_NOOP("Opt-in")},
        {QStringLiteral("customer_tier"), QT_TR_NOOP("Customer tier")},
        {QStringLiteral("average_spend"), QT_TR_NOOP("Average spend")},
        {QStringLiteral("whatsapp_broadcast_preference"), QT_TR_NOOP("Broadcast preference")},
        {QStringLiteral("notes"), QT_TR_NOOP("Notes")},
    };
    const char *label = labels.value(f);
    return label ? tr(label) : f;
}

QString CsvImportDialog::reasonLabel(const QString &reason)
{
    if (reason == QLatin1String("duplicate"))
        return tr("Duplicate phone number");
    if (reason == QLatin1String("invalid_phone"))
        return tr("Invalid phone number");
    if (reason == QLatin1String("validation_failed"))
        return tr("Invalid value");
    if (reason == QLatin1String("empty_row"))
        return tr("Empty row");
    return reason;
}

bool CsvImportDialog::setFile(const QString &path)
{
    m_path = path;
    ui->fileEdit->setText(QDir::toNativeSeparators(path));
    loadPreview();
    return ui->mappingTable->rowCount() > 0;
}

void CsvImportDialog::setHasHeader(bool header)
{
    ui->headerCheck->setChecked(header);
}

void CsvImportDialog::loadPreview()
{
    ui->mappingTable->setRowCount(0);
    ui->previewTable->clear();
    ui->previewTable->setRowCount(0);
    ui->previewTable->setColumnCount(0);
    ui->statusLabel->clear();
    if (m_path.isEmpty()) {
        updateImportButton();
        return;
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        ui->statusLabel->setText(tr("Cannot open the file: %1").arg(file.errorString()));
        updateImportButton();
        return;
    }
    CsvReader reader(&file, delimiterChar(ui->delimiterCombo->currentData().toString()));
    QList<QStringList> rows;
    QStringList row;
    while (rows.size() <= kPreviewRows && reader.readRow(&row))
        rows.append(row);
    if (!reader.error().isEmpty() && rows.isEmpty()) {
        ui->statusLabel->setText(tr("This file cannot be read as CSV. %1").arg(reader.error()));
        updateImportButton();
        return;
    }
    if (rows.isEmpty()) {
        ui->statusLabel->setText(tr("The file is empty."));
        updateImportButton();
        return;
    }
    int columns = 0;
    for (const QStringList &r : rows)
        columns = qMax(columns, int(r.size()));
    const bool header = ui->headerCheck->isChecked();
    const QStringList headers = header ? rows.first() : QStringList();
    const QList<QStringList> data = header ? rows.mid(1) : rows;

    ui->previewTable->setColumnCount(columns);
    QStringList titles;
    for (int c = 0; c < columns; ++c)
        titles << (header ? headers.value(c) : tr("Column %1").arg(c + 1));
    ui->previewTable->setHorizontalHeaderLabels(titles);
    ui->previewTable->setRowCount(int(qMin<qsizetype>(data.size(), kPreviewRows)));
    for (int r = 0; r < ui->previewTable->rowCount(); ++r) {
        for (int c = 0; c < columns; ++c)
            ui->previewTable->setItem(r, c, new QTableWidgetItem(data.at(r).value(c)));
    }

    ui->mappingTable->setRowCount(columns);
    QSet<QString> used;
    for (int c = 0; c < columns; ++c) {
        ui->mappingTable->setItem(c, 0, new QTableWidgetItem(titles.at(c)));
        QStringList examples;
        for (int r = 0; r < data.size() && examples.size() < 3; ++r) {
            if (!data.at(r).value(c).isEmpty())
                examples << data.at(r).value(c);
        }
        ui->mappingTable->setItem(c, 1, new QTableWidgetItem(examples.join(QStringLiteral(" · "))));
        auto *combo = new QComboBox(ui->mappingTable);
        combo->setObjectName(QStringLiteral("mapping%1").arg(c));
        combo->addItem(tr("(ignore)"), QString());
        for (const QString &f : ContactJson::fieldNames())
            combo->addItem(fieldLabel(f), f);
        QString guess = header ? CsvImportWorker::guessField(headers.value(c)) : QString();
        if (!header && c < 2) // no header: the common "name,phone" layout
            guess = c == 0 ? QStringLiteral("name") : QStringLiteral("phone_number");
        if (!guess.isEmpty() && !used.contains(guess)) {
            combo->setCurrentIndex(combo->findData(guess));
            used.insert(guess);
        }
        connect(combo, &QComboBox::currentIndexChanged, this, [this]() { updateImportButton(); });
        ui->mappingTable->setCellWidget(c, 2, combo);
    }
    updateImportButton();
}

QStringList CsvImportDialog::mapping() const
{
    QStringList out;
    for (int c = 0; c < ui->mappingTable->rowCount(); ++c) {
        const auto *combo = qobject_cast<QComboBox *>(ui->mappingTable->cellWidget(c, 2));
        out << (combo ? combo->currentData().toString() : QString());
    }
    return out;
}

void CsvImportDialog::setMapping(int column, const QString &field)
{
    if (auto *combo = qobject_cast<QComboBox *>(ui->mappingTable->cellWidget(column, 2)))
        combo->setCurrentIndex(qMax(0, combo->findData(field)));
}

void CsvImportDialog::updateImportButton()
{
    const QStringList m = mapping();
    QString problem;
    if (m_path.isEmpty() || m.isEmpty()) {
        problem = QString();
    } else if (!m.contains(QStringLiteral("name"))) {
        problem = tr("Map a column to Name.");
    } else if (!m.contains(QStringLiteral("phone_number"))) {
        problem = tr("Map a column to Phone number.");
    } else {
        QSet<QString> seen;
        for (const QString &f : m) {
            if (!f.isEmpty() && seen.contains(f)) {
                problem = tr("%1 is mapped twice.").arg(fieldLabel(f));
                break;
            }
            seen.insert(f);
        }
    }
    if (!m.isEmpty())
        ui->statusLabel->setText(problem);
    ui->importButton->setEnabled(!m_path.isEmpty() && !m.isEmpty() && problem.isEmpty() &&
                                 !m_thread);
}

QString CsvImportDialog::statusText() const
{
    return ui->statusLabel->text();
}

QString CsvImportDialog::summaryText() const
{
    return ui->summaryLabel->text();
}

bool CsvImportDialog::startImport()
{
    updateImportButton();
    if (!ui->importButton->isEnabled())
        return false;
    CsvImportWorker::Options options;
    options.filePath = m_path;
    options.delimiter = delimiterChar(ui->delimiterCombo->currentData().toString());
    options.hasHeader = ui->headerCheck->isChecked();
    options.mapping = mapping();
    options.vendorId = m_vendorId;
    options.userId = m_userId;

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("csv-import")); // the OS thread's name too
    m_worker = new CsvImportWorker(m_core, options);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &CsvImportWorker::run);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CsvImportWorker::progress, this,
            [this](qint64 done, qint64 total, int added, int skipped) {
                ui->progressBar->setValue(total > 0 ? int(done * 1000 / total) : 0);
                ui->summaryLabel->setText(
                    tr("%1 added, %2 skipped so far…")
                        .arg(QLocale().toString(added), QLocale().toString(skipped)));
            });
    connect(m_worker, &CsvImportWorker::finished, this, &CsvImportDialog::onFinished);

    ui->stack->setCurrentWidget(ui->runPage);
    ui->importButton->setEnabled(false);
    ui->cancelButton->setText(tr("Cancel import"));
    ui->statusLabel->setText(tr("Importing…"));
    m_skipped->setRows({});
    m_thread->start();
    return true;
}

void CsvImportDialog::cancelImport()
{
    if (m_worker)
        m_worker->cancel();
    ui->statusLabel->setText(tr("Cancelling…"));
}

void CsvImportDialog::reject()
{
    if (m_thread) {
        cancelImport();
        return; // the dialog stays open to show the summary; Close then closes it
    }
    QDialog::reject();
}

void CsvImportDialog::onFinished(const CsvImportWorker::Summary &summary)
{
    m_summary = summary;
    m_thread->quit();
    m_thread->wait();
    m_thread->deleteLater();
    m_thread = nullptr;
    m_worker = nullptr;

    const QLocale locale;
    QStringList lines;
    if (summary.cancelled)
        lines << tr("Import cancelled. Contacts saved before cancelling stay.");
    if (!summary.refused.isEmpty())
        lines << tr("Nothing was imported: %1").arg(summary.refused);
    if (!summary.error.isEmpty())
        lines << tr("The file could not be read to the end: %1").arg(summary.error);
    lines << tr("%1 rows read, %2 contacts added, %3 skipped.")
                 .arg(locale.toString(summary.rows), locale.toString(summary.added),
                      locale.toString(summary.skipped));
    for (auto it = summary.skippedByReason.cbegin(); it != summary.skippedByReason.cend(); ++it)
        lines << QStringLiteral("• %1: %2").arg(reasonLabel(it.key()), locale.toString(it.value()));
    if (summary.skippedRows.size() < summary.skipped)
        lines << tr("The table lists the first %1 skipped rows.")
                     .arg(locale.toString(summary.skippedRows.size()));
    ui->summaryLabel->setText(lines.join(QLatin1Char('\n')));
    ui->progressBar->setValue(ui->progressBar->maximum());

    m_skipped->setRows(summary.skippedRows);
    ui->statusLabel->setText(summary.cancelled ? tr("Cancelled.") : tr("Done."));
    ui->cancelButton->setText(tr("Close"));
    Q_EMIT importFinished(summary);
}
