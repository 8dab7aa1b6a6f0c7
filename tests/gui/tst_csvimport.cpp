#include "CoreServices.h"
#include "CsvImportDialog.h"
#include "CsvImportWorker.h"
#include "CsvReader.h"
#include "GuiTestSupport.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "platform/Settings.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using GuiTestSupport::Owner;

// CSV import: the reader (quotes, separators, BOM, broken files), the column mapping, the
// worker's per-row outcomes, cancel, and the dialog's summary.
class TestCsvImport : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    Owner m_owner;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir->file(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return path;
    }

    static QList<QStringList> readAll(const QByteArray &bytes, QString *error = nullptr)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QList<QStringList> rows;
        QStringList row;
        while (reader.readRow(&row))
            rows << row;
        if (error)
            *error = reader.error();
        return rows;
    }

    CsvImportWorker::Summary runDialog(CsvImportDialog &dialog)
    {
        QSignalSpy done(&dialog, &CsvImportDialog::importFinished);
        if (!dialog.startImport())
            return {};
        if (!done.wait(60000))
            return {};
        return dialog.lastSummary();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_owner = GuiTestSupport::makeOwner(*m_core);
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void readerHandlesQuotesAndLineBreaks()
    {
        const QList<QStringList> rows = readAll("\xEF\xBB\xBFname,notes\r\n\"Doe, Jane\",\"said "
                                                "\"\"hi\"\"\nthen left\"\r\n\r\n  Bob  , plain \n");
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0), (QStringList{QStringLiteral("name"), QStringLiteral("notes")}));
        QCOMPARE(rows.at(1).at(0), QStringLiteral("Doe, Jane"));
        QCOMPARE(rows.at(1).at(1), QStringLiteral("said \"hi\"\nthen left"));
        QCOMPARE(rows.at(2), (QStringList{QStringLiteral("Bob"), QStringLiteral("plain")}));
    }

    void readerDetectsTheSeparator()
    {
        QCOMPARE(readAll("a;b;c\n1;2;3\n").at(1).size(), 3);
        QCOMPARE(readAll("a\tb\n1\t2\n").at(1).size(), 2);
        QCOMPARE(CsvReader::detectDelimiter(QStringLiteral("\"x;y\",b,c")), QLatin1Char(','));
    }

    void readerStopsOnBrokenInput()
    {
        QString error;
        readAll("name,phone\n\"never closed,123\n", &error);
        QVERIFY(error.contains(QStringLiteral("never closed")));

        QByteArray huge(CsvReader::kMaxFieldLength + 10, 'x');
        readAll(huge, &error);
        QVERIFY(error.contains(QStringLiteral("longer than")));

        QByteArray wide;
        for (int i = 0; i < CsvReader::kMaxColumns + 5; ++i)
            wide += "a,";
        readAll(wide, &error);
        QVERIFY(error.contains(QStringLiteral("columns")));

        // Random bytes: no crash, no hang, whatever comes out.
        QRandomGenerator rng(42);
        for (int round = 0; round < 50; ++round) {
            QByteArray junk(int(rng.bounded(1, 20000)), Qt::Uninitialized);
            for (char &c : junk)
                c = char(rng.bounded(256));
            readAll(junk);
        }
    }

    void exportEscapesForSpreadsheets()
    {
        QCOMPARE(CsvReader::escape(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(CsvReader::escape(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(CsvReader::escape(QStringLiteral("say \"x\"")),
                 QStringLiteral("\"say \"\"x\"\"\""));
        QCOMPARE(CsvReader::escape(QStringLiteral("=1+1")), QStringLiteral("\"'=1+1\""));
        QCOMPARE(CsvReader::escape(QStringLiteral("+2348031234567")),
                 QStringLiteral("+2348031234567"));
    }

    void guessesTheMappingFromTheHeader()
    {
        QCOMPARE(CsvImportWorker::guessField(QStringLiteral("Full Name")), QStringLiteral("name"));
        QCOMPARE(CsvImportWorker::guessField(QStringLiteral("Mobile")),
                 QStringLiteral("phone_number"));
        QCOMPARE(CsvImportWorker::guessField(QStringLiteral("E-mail")), QStringLiteral("email"));
        QCOMPARE(CsvImportWorker::guessField(QStringLiteral("phone_number")),
                 QStringLiteral("phone_number"));
        QCOMPARE(CsvImportWorker::guessField(QStringLiteral("Kids Names")),
                 QStringLiteral("kids_names"));
        QCOMPARE(CsvImportWorker::guessField(QStringLiteral("favourite colour")), QString());

        const QString path = write(QStringLiteral("c.csv"),
                                   "Full Name;Mobile;Colour;E-mail\nAda;08031234567;red;a@x.io\n");
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        QVERIFY(dialog.setFile(path));
        QCOMPARE(dialog.mapping(),
                 (QStringList{QStringLiteral("name"), QStringLiteral("phone_number"), QString(),
                              QStringLiteral("email")}));
    }

    void rowToJsonReadsTypedCells()
    {
        const QStringList mapping{QStringLiteral("name"), QStringLiteral("kids_names"),
                                  QStringLiteral("message_opt_in"),
                                  QStringLiteral("average_spend")};
        QJsonObject json;
        QString field, message;
        QVERIFY(CsvImportWorker::rowToJson({QStringLiteral("Ada"), QStringLiteral("Byron; Anne"),
                                            QStringLiteral("non"), QStringLiteral("1234,50")},
                                           mapping, &json, &field, &message));
        QCOMPARE(json.value("kids_names").toArray().size(), 2);
        QCOMPARE(json.value("message_opt_in").toBool(), false);
        QCOMPARE(json.value("average_spend").toDouble(), 1234.5);
        QVERIFY(
            !CsvImportWorker::rowToJson({QStringLiteral("Ada"), QString(), QStringLiteral("maybe")},
                                        mapping, &json, &field, &message));
        QCOMPARE(field, QStringLiteral("message_opt_in"));
    }

    void importsAndReportsWhatWasSkippedAndWhy()
    {
        const QString path =
            write(QStringLiteral("contacts.csv"),
                  "name,phone,email,dob\n"
                  "Ada,08031234567,ada@example.com,1990-05-31\n"
                  "Bob,+14155550123,,\n"
                  "Ada again,0803 123 4567,,\n"    // duplicate of line 2 after normalisation
                  "Carl,12345,,\n"                 // invalid phone
                  "Dora,08031234568,,31/12/1990\n" // bad date
                  ",,,\n"                          // empty row
                  ",08031234569,,\n"               // no name
                  "Eve,08031234570,eve@example.com,\n");
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        QVERIFY(dialog.setFile(path));
        const CsvImportWorker::Summary s = runDialog(dialog);
        QCOMPARE(s.rows, 8);
        QCOMPARE(s.added, 3);
        QCOMPARE(s.skipped, 5);
        QCOMPARE(s.skippedByReason.value("duplicate"), 1);
        QCOMPARE(s.skippedByReason.value("invalid_phone"), 1);
        QCOMPARE(s.skippedByReason.value("validation_failed"), 2);
        QCOMPARE(s.skippedByReason.value("empty_row"), 1);
        QVERIFY(!s.cancelled);
        QVERIFY(s.error.isEmpty());
        // Lines are the file's own (header = line 1).
        QList<int> lines;
        for (const CsvImportWorker::SkippedRow &r : s.skippedRows)
            lines << r.line;
        std::sort(lines.begin(), lines.end());
        QCOMPARE(lines, (QList<int>{4, 5, 6, 7, 8}));
        QVERIFY(dialog.summaryText().contains(
            QStringLiteral("8 rows read, 3 contacts added, 5 skipped.")));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("Duplicate phone number: 1")));
        // The table of skipped rows (a view over a model: an import may skip 10,000 rows).
        const auto *table = dialog.findChild<QTableView *>(QStringLiteral("skippedTable"));
        QVERIFY(table && table->model());
        const QAbstractItemModel *skipped = table->model();
        QCOMPARE(skipped->rowCount(), 5);
        QCOMPARE(skipped->columnCount(), 4);
        QCOMPARE(skipped->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Reason"));
        QStringList duplicateRow;
        for (int r = 0; r < skipped->rowCount(); ++r) {
            if (skipped->index(r, 0).data().toString() == QLatin1String("4"))
                for (int c = 0; c < 4; ++c)
                    duplicateRow << skipped->index(r, c).data().toString();
        }
        // The detail is the API's message for the same row (ContactService's).
        QCOMPARE(duplicateRow,
                 (QStringList{QStringLiteral("4"), QStringLiteral("0803 123 4567"),
                              QStringLiteral("Duplicate phone number"),
                              QStringLiteral("a contact with this phone number exists")}));
        QCOMPARE(m_core->contacts().countForUser(m_owner.vendorId, m_owner.userId), 3);
        const auto found = m_core->contacts().findByPhones(m_owner.vendorId, m_owner.userId,
                                                           {QStringLiteral("14155550123")});
        QCOMPARE(found.value(QStringLiteral("14155550123")).name, QStringLiteral("Bob"));
    }

    // #13: the import had its own normaliser with the region it was given when the dialog
    // opened ("NG" when none); it now goes through ContactService, whose normaliser follows
    // the region setting — also when the setting changes while the dialog is open.
    void numbersWithoutCountryCodeFollowTheRegionSetting()
    {
        const QString path =
            write(QStringLiteral("gb.csv"), "name,phone\nAda,07911 123456\nBob,+2348031234567\n");
        QCOMPARE(m_core->settings().defaultRegion(), QStringLiteral("NG"));
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        QVERIFY(dialog.setFile(path));
        m_core->settings().setDefaultRegion(QStringLiteral("GB"));
        const CsvImportWorker::Summary s = runDialog(dialog);
        QCOMPARE(s.skipped, 0);
        QCOMPARE(s.added, 2);
        const auto found = m_core->contacts().findByPhones(
            m_owner.vendorId, m_owner.userId,
            {QStringLiteral("447911123456"), QStringLiteral("2348031234567")});
        QCOMPARE(found.value(QStringLiteral("447911123456")).name, QStringLiteral("Ada"));
        QCOMPARE(found.value(QStringLiteral("2348031234567")).name, QStringLiteral("Bob"));
    }

    // #13: a user of another vendor is refused before any row is read (the old worker read
    // the file, reported its bad rows as skipped for that user, and failed at the first
    // insert — or never, when no row was valid).
    void aUserOfAnotherVendorIsRefused()
    {
        const qint64 otherVendor =
            m_core->accounts()
                .registerVendor(QStringLiteral("Other"), QStringLiteral("other@example.com"),
                                QStringLiteral("correct horse battery"),
                                QStringLiteral("Other Ltd"), QStringLiteral("2348000000001"))
                .vendor.id;
        AppUser user;
        user.name = QStringLiteral("Theirs");
        user.email = QStringLiteral("theirs@example.com");
        const qint64 theirUser = m_core->users().create(otherVendor, user).id;
        for (const QByteArray &rows :
             {QByteArray("Carl,12345\n"), QByteArray("Ada,08031234567\nCarl,12345\n")}) {
            const QString path = write(QStringLiteral("x.csv"), "name,phone\n" + rows);
            CsvImportDialog dialog(*m_core, m_owner.vendorId, theirUser);
            QVERIFY(dialog.setFile(path));
            const CsvImportWorker::Summary s = runDialog(dialog);
            QVERIFY2(!s.refused.isEmpty(), qPrintable(dialog.summaryText()));
            QCOMPARE(s.rows, 0);
            QCOMPARE(s.added, 0);
            QCOMPARE(s.skipped, 0);
            QVERIFY(dialog.summaryText().contains(QStringLiteral("Nothing was imported")));
            QCOMPARE(m_core->contacts().countForUser(otherVendor, theirUser), 0);
        }
    }

    // #13: a row the API would refuse is skipped by the window with the API's reason, field
    // and message (ContactService::add on the same objects, for another user of the vendor).
    void skippedRowsReadAsTheApiAnswers()
    {
        const QByteArray csv = "name,phone,email,dob\n"
                               "Ada,08031234567,ada@example.com,\n"
                               "Ada again,+234 803 123 4567,,\n" // duplicate
                               "Carl,12345,,\n"                  // invalid phone
                               "Dora,08031234568,not-an-email,\n"
                               "Eve,08031234569,,31/12/1990\n"
                               ",08031234570,,\n" // no name
                               "Fay,,,\n";        // no phone
        const QString path = write(QStringLiteral("api.csv"), csv);
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        QVERIFY(dialog.setFile(path));
        const CsvImportWorker::Summary window = runDialog(dialog);
        QCOMPARE(window.added, 1);
        QCOMPARE(window.skippedRows.size(), 6);

        AppUser other;
        other.name = QStringLiteral("Other");
        other.email = QStringLiteral("other-user@example.com");
        const qint64 otherUser = m_core->users().create(m_owner.vendorId, other).id;
        const QList<QStringList> rows = readAll(csv);
        QJsonArray items;
        for (int i = 1; i < rows.size(); ++i) {
            QJsonObject json;
            QString field, message;
            QVERIFY(
                CsvImportWorker::rowToJson(rows.at(i), dialog.mapping(), &json, &field, &message));
            items.append(json);
        }
        const ContactService::AddResult api =
            ContactService(*m_core).add(m_owner.vendorId, otherUser, items);
        QCOMPARE(api.skipped.size(), window.skippedRows.size());
        for (int k = 0; k < api.skipped.size(); ++k) {
            const ContactService::Skipped &a = api.skipped.at(k);
            const CsvImportWorker::SkippedRow &w = window.skippedRows.at(k);
            QCOMPARE(w.line, a.index + 2); // header = line 1
            QCOMPARE(w.reason, a.reason);
            QCOMPARE(w.field, a.field);
            QCOMPARE(w.detail, a.message);
            QVERIFY(!w.detail.isEmpty());
        }
    }

    void mappingMustNameNameAndPhone()
    {
        const QString path = write(QStringLiteral("m.csv"), "a,b\nAda,08031234567\n");
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        dialog.setHasHeader(true);
        QVERIFY(dialog.setFile(path));
        QVERIFY(!dialog.startImport());
        QCOMPARE(dialog.statusText(), QStringLiteral("Map a column to Name."));
        dialog.setMapping(0, QStringLiteral("name"));
        QVERIFY(!dialog.startImport());
        QCOMPARE(dialog.statusText(), QStringLiteral("Map a column to Phone number."));
        dialog.setMapping(1, QStringLiteral("name"));
        QCOMPARE(dialog.statusText(), QStringLiteral("Map a column to Phone number."));
        dialog.setMapping(1, QStringLiteral("phone_number"));
        QVERIFY(dialog.statusText().isEmpty());
        QCOMPARE(runDialog(dialog).added, 1);
    }

    void withoutHeaderTheFirstRowIsData()
    {
        const QString path = write(QStringLiteral("h.csv"), "Ada,08031234567\nBob,08031234568\n");
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        dialog.setHasHeader(false);
        QVERIFY(dialog.setFile(path));
        QCOMPARE(dialog.mapping(),
                 (QStringList{QStringLiteral("name"), QStringLiteral("phone_number")}));
        QCOMPARE(runDialog(dialog).added, 2);
    }

    void badFilesNeverCrash()
    {
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        QVERIFY(!dialog.setFile(m_dir->file(QStringLiteral("missing.csv"))));
        QVERIFY(dialog.statusText().startsWith(QStringLiteral("Cannot open the file")));
        QVERIFY(!dialog.setFile(write(QStringLiteral("empty.csv"), QByteArray())));
        QCOMPARE(dialog.statusText(), QStringLiteral("The file is empty."));
        QVERIFY(!dialog.setFile(write(QStringLiteral("huge.csv"), QByteArray(200000, 'z'))));
        QVERIFY(dialog.statusText().contains(QStringLiteral("cannot be read as CSV")));

        // A file that breaks in the middle: the rows before it are imported, the error is told.
        const QString broken =
            write(QStringLiteral("broken.csv"), "name,phone\nAda,08031234567\nBob,\"0803123");
        QVERIFY(dialog.setFile(broken));
        const CsvImportWorker::Summary s = runDialog(dialog);
        QCOMPARE(s.added, 1);
        QVERIFY(s.error.contains(QStringLiteral("never closed")));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("could not be read to the end")));

        // Binary junk with a plausible mapping.
        QByteArray junk("name,phone\n");
        QRandomGenerator rng(7);
        for (int i = 0; i < 30000; ++i)
            junk += char(rng.bounded(256));
        CsvImportDialog junkDialog(*m_core, m_owner.vendorId, m_owner.userId);
        if (junkDialog.setFile(write(QStringLiteral("junk.csv"), junk))) {
            junkDialog.setMapping(0, QStringLiteral("name"));
            if (junkDialog.mapping().size() > 1) {
                junkDialog.setMapping(1, QStringLiteral("phone_number"));
                runDialog(junkDialog); // any outcome but a crash
            }
        }
    }


    // Progress reaches the window at most every kProgressIntervalMs, however fast rows go
    // (every 200 rows before: hundreds of events a second for the GUI thread to handle).
    void progressIsThrottled()
    {
        QByteArray big("name,phone\n");
        for (int i = 0; i < 60000; ++i)
            big += QStringLiteral("Person %1,+234803%2\n")
                       .arg(i)
                       .arg(i, 7, 10, QLatin1Char('0'))
                       .toUtf8();
        CsvImportWorker::Options options;
        options.filePath = write(QStringLiteral("big.csv"), big);
        options.mapping = {QStringLiteral("name"), QStringLiteral("phone_number")};
        options.vendorId = m_owner.vendorId;
        options.userId = m_owner.userId;
        CsvImportWorker worker(*m_core, options);
        int signals_ = 0;
        connect(
            &worker, &CsvImportWorker::progress, this, [&signals_]() { ++signals_; },
            Qt::DirectConnection);
        CsvImportWorker::Summary summary;
        connect(
            &worker, &CsvImportWorker::finished, this,
            [&summary](const CsvImportWorker::Summary &s) { summary = s; }, Qt::DirectConnection);
        QElapsedTimer clock;
        clock.start();
        worker.run(); // on this thread: the count does not depend on scheduling
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(summary.added, 60000);
        QVERIFY(signals_ >= 1); // the last one, at least
        QVERIFY2(
            signals_ <= elapsed / CsvImportWorker::kProgressIntervalMs + 2,
            qPrintable(QStringLiteral("%1 progress signals in %2 ms").arg(signals_).arg(elapsed)));
    }

    void cancelStopsTheImport()
    {
        QByteArray big("name,phone\n");
        for (int i = 0; i < 60000; ++i)
            big += QStringLiteral("Person %1,+234803%2\n")
                       .arg(i)
                       .arg(i, 7, 10, QLatin1Char('0'))
                       .toUtf8();
        const QString path = write(QStringLiteral("big.csv"), big);
        CsvImportDialog dialog(*m_core, m_owner.vendorId, m_owner.userId);
        QVERIFY(dialog.setFile(path));
        QSignalSpy done(&dialog, &CsvImportDialog::importFinished);
        QVERIFY(dialog.startImport());
        QVERIFY(dialog.isRunning());
        dialog.cancelImport();
        QVERIFY(done.wait(60000));
        const CsvImportWorker::Summary s = dialog.lastSummary();
        QVERIFY(s.cancelled);
        QVERIFY(s.added < 60000);
        QCOMPARE(m_core->contacts().countForUser(m_owner.vendorId, m_owner.userId), s.added);
        QVERIFY(dialog.summaryText().startsWith(QStringLiteral("Import cancelled.")));
        QVERIFY(!dialog.isRunning());
    }
};

WAMATOR_GUI_TEST_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
