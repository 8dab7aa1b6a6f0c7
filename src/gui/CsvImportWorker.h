#pragma once

#include <QAtomicInt>
#include <QChar>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class CoreServices;

// Imports a CSV file into a user's contacts on a worker thread with its own database
// connection (move it to a QThread and call run()). Each row becomes an api.md Contact object
// through the column mapping; the objects go to ContactService::addOnConnection in batches of
// kBatchSize (one transaction each), so the rules are POST /contacts/:userId/add's: the user
// must be the vendor's (checked before the first row), ContactJson's validation, the region
// setting for numbers without a country code, the same skipped reasons and messages. Nothing
// aborts the import except cancel(), a refused user or an unreadable file: bad rows are
// skipped and reported by reason.
class CsvImportWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatchSize = 1000;
    static constexpr int kMaxReportedRows = 10000;
    // progress() at most this often (and once at the end): every signal is an event the GUI
    // thread handles and a lock on its event queue the worker takes.
    static constexpr int kProgressIntervalMs = 100;

    struct Options
    {
        QString filePath;
        QChar delimiter; // null = detect
        bool hasHeader = true;
        QStringList mapping; // per column: api.md field name, or empty to ignore
        qint64 vendorId = 0;
        qint64 userId = 0;
    };
    struct SkippedRow
    {
        int line = 0;
        QString phoneNumber;
        QString reason; // duplicate | invalid_phone | validation_failed | empty_row
        QString field;  // the offending field, as the API names it (may be empty)
        QString detail; // the API's message for the row (or why its cell could not be read)
    };
    struct Summary
    {
        int rows = 0; // data rows read
        int added = 0;
        int skipped = 0;
        QHash<QString, int> skippedByReason;
        QList<SkippedRow> skippedRows; // the first kMaxReportedRows
        bool cancelled = false;
        QString error;   // the file could not be read to the end
        QString refused; // nothing was imported: the core refused (e.g. user not found), in words
    };

    CsvImportWorker(CoreServices &core, Options options, QObject *parent = nullptr);

    // Thread-safe; the import stops after the current row (committed batches stay).
    void cancel() { m_cancel.storeRelaxed(1); }

    // One CSV row → api.md JSON. Empty cells are left out. Array fields split on , ; or |,
    // message_opt_in reads yes/no/true/false/1/0 (English, French, Portuguese), average_spend a
    // number, whatsapp_broadcast_preference a JSON object. On a cell that cannot be read,
    // returns false with *field and *message set.
    static bool rowToJson(const QStringList &row, const QStringList &mapping, QJsonObject *out,
                          QString *field, QString *message);
    // The api.md field a header most likely means ("Mobile" → phone_number), or "".
    static QString guessField(const QString &header);

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void progress(qint64 bytesDone, qint64 bytesTotal, int added, int skipped);
    void finished(const CsvImportWorker::Summary &summary);

private:
    CoreServices &m_core;
    Options m_options;
    QAtomicInt m_cancel{0};
};

Q_DECLARE_METATYPE(CsvImportWorker::Summary)
