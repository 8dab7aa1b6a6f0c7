#pragma once

#include "CsvImportWorker.h"

#include <QDialog>
#include <memory>

namespace Ui {
class CsvImportDialog;
}
class CoreServices;
class QThread;
class SkippedRowsModel;

// CSV import, step by step: pick a file, check the preview, map columns to contact fields
// (guessed from the header), then import on a worker thread with a progress bar and a Cancel
// button, and read the summary of what was skipped and why. The window stays usable.
class CsvImportDialog : public QDialog
{
    Q_OBJECT
public:
    // The import follows ContactService's rules (see CsvImportWorker), the region setting
    // included.
    CsvImportDialog(CoreServices &core, qint64 vendorId, qint64 userId, QWidget *parent = nullptr);
    ~CsvImportDialog() override;

    // Loads the preview and guesses the mapping; false (and a message) if unreadable.
    bool setFile(const QString &path);
    QStringList mapping() const;
    void setMapping(int column, const QString &field);
    void setHasHeader(bool header);
    bool isRunning() const { return m_thread != nullptr; }
    QString statusText() const;
    QString summaryText() const;
    CsvImportWorker::Summary lastSummary() const { return m_summary; }

    static QString fieldLabel(const QString &field);
    static QString reasonLabel(const QString &reason);

public Q_SLOTS:
    bool startImport();
    void cancelImport();
    void reject() override;

Q_SIGNALS:
    void importFinished(const CsvImportWorker::Summary &summary);

private:
    void loadPreview();
    void updateImportButton();
    void onFinished(const CsvImportWorker::Summary &summary);

    std::unique_ptr<Ui::CsvImportDialog> ui;
    CoreServices &m_core;
    qint64 m_vendorId;
    qint64 m_userId;
    QString m_path;
    QThread *m_thread = nullptr;
    CsvImportWorker *m_worker = nullptr;
    SkippedRowsModel *m_skipped;
    CsvImportWorker::Summary m_summary;
};
