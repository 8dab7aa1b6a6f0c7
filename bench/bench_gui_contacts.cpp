// Window responsiveness on a 1,000,000-contact list (#12): the real MainWindow and ContactsPage
// (offscreen) over a data directory holding one user's realistic list, driven like an operator
// would: open the page, scroll, go to the last page and back, type search terms letter by
// letter, clear, switch users, and import a CSV through the real CsvImportDialog /
// CsvImportWorker. An EventLoopStallMonitor records every gap of the GUI thread's event loop;
// the figure per action is the longest stall (bar: none over 100 ms) and the time until the
// page showed the answer (informative: that is the store's speed, P4's business).
//
//   bench_gui_contacts [--contacts N] [--import N] [--import-all] [--data DIR] [--dataset FILE]
//                      [--fill-only]
//
// --data keeps the data directory between runs (filling 1,000,000 contacts takes minutes);
// --dataset reads contacts-dataset.py output (one JSON array per line) instead of running it.
// --import-all also imports the whole dataset once as CSV (1,000,000 rows by default).

#include "ContactTableModel.h"
#include "ContactsPage.h"
#include "CoreServices.h"
#include "CsvImportDialog.h"
#include "CsvReader.h"
#include "EventLoopStallMonitor.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "SimulatorScheme.h"
#include "UserPicker.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "security/MemorySecretStore.h"
#include "storage/Database.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QScrollBar>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <cstdio>
#include <functional>

namespace {

constexpr qint64 kBarMs = 100;

// Terms of each kind that `contacts-dataset.py --queries` prints for the default seed (hit
// counts on 100,000 rows; about ten times that on 1,000,000): a full name, a first name in
// about a tenth of the list, an e-mail local part, phone digits, companies common and rare.
const QStringList kTerms{QStringLiteral("Chinedu Okafor"),  QStringLiteral("Chinedu"),
                         QStringLiteral("chinedu.okafor9"), QStringLiteral("4832054"),
                         QStringLiteral("Aba Bakery"),      QStringLiteral("Asaba Properties")};

QString datasetTool()
{
    const QString fromEnv = qEnvironmentVariable("WAMATOR_CONTACTS_DATASET");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStringLiteral(WAMATOR_SOURCE_DIR "/../../shared/tools/contacts-dataset.py");
}

// Calls `batch` with each JSON array of the dataset (a file, or the tool's output as it comes).
bool forEachBatch(const QString &datasetFile, int count,
                  const std::function<void(const QJsonArray &)> &batch)
{
    const auto parse = [&](const QByteArray &line) {
        if (!line.trimmed().isEmpty())
            batch(QJsonDocument::fromJson(line).array());
    };
    if (!datasetFile.isEmpty()) {
        QFile f(datasetFile);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        int seen = 0;
        while (!f.atEnd() && seen < count) {
            const QJsonArray items = QJsonDocument::fromJson(f.readLine()).array();
            QJsonArray part;
            for (const QJsonValue &v : items) {
                if (seen++ < count)
                    part.append(v);
            }
            batch(part);
        }
        return true;
    }
    QProcess tool;
    tool.start(QStringLiteral("python3"),
               {datasetTool(), QStringLiteral("--count"), QString::number(count),
                QStringLiteral("--batch"), QStringLiteral("5000")});
    if (!tool.waitForStarted())
        return false;
    while (tool.state() != QProcess::NotRunning || tool.canReadLine()) {
        if (!tool.canReadLine() && !tool.waitForReadyRead(60000) && !tool.canReadLine())
            continue;
        while (tool.canReadLine())
            parse(tool.readLine());
    }
    parse(tool.readAll());
    return tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0;
}

// New contacts for the import with the dataset's names, e-mails and companies: the last seven
// digits of each phone reversed, so most rows are new to the list and a few collide (as in a
// real second list).
QString importPhone(const QString &phone)
{
    if (phone.size() < 8)
        return phone;
    QString tail = phone.right(7);
    std::reverse(tail.begin(), tail.end());
    return QStringLiteral("+") + phone.left(phone.size() - 7) + tail;
}

bool writeCsv(const QString &path, const QString &datasetFile, int count)
{
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    const QStringList fields{QStringLiteral("name"),     QStringLiteral("phone_number"),
                             QStringLiteral("email"),    QStringLiteral("company_name"),
                             QStringLiteral("nickname"), QStringLiteral("notes")};
    out.write(fields.join(QLatin1Char(',')).toUtf8() + "\r\n");
    return forEachBatch(datasetFile, count, [&](const QJsonArray &items) {
        QByteArray chunk;
        for (const QJsonValue &v : items) {
            const QJsonObject c = v.toObject();
            QStringList cells;
            for (const QString &f : fields) {
                const QString value = c.value(f).toString();
                cells << CsvReader::escape(f == QLatin1String("phone_number") ? importPhone(value)
                                                                              : value);
            }
            chunk += cells.join(QLatin1Char(',')).toUtf8() + "\r\n";
        }
        out.write(chunk);
    });
}

struct Row
{
    QString action;
    qint64 maxStallMs = 0;
    qint64 cpuMs = -1; // the GUI thread's CPU time during that stall
    QString where;
    qint64 answerMs = 0;
    QString histogram;
};

class Bench
{
public:
    Bench(MainWindow &window, EventLoopStallMonitor &monitor)
        : m_window(window), m_page(window.contactsPage()), m_model(m_page->model()),
          m_monitor(monitor)
    {
    }

    // Runs `act`, then lets the loop run until `done` holds; records the longest stall.
    void measure(const QString &action, const std::function<void()> &act,
                 const std::function<bool()> &done)
    {
        m_monitor.reset();
        m_monitor.setPhase(action);
        QElapsedTimer clock;
        clock.start();
        act();
        while (!done() && clock.elapsed() < 600000)
            QTest::qWait(5);
        QTest::qWait(50); // whatever the answer set off (repaint, pager) counts too
        Row row{action,
                m_monitor.maxStallMs(),
                m_monitor.maxStallCpuMs(),
                m_monitor.maxStallWhere(),
                clock.elapsed() - 50,
                m_monitor.histogramText()};
        std::printf("%-40s max stall %5lld ms (cpu %4lld)  answer %7lld ms  %s  [%s]\n",
                    qPrintable(action), row.maxStallMs, row.cpuMs, row.answerMs,
                    qPrintable(row.where), qPrintable(row.histogram));
        std::fflush(stdout);
        m_rows << row;
    }

    // Waits for the model's next answer after `act` (loading goes up, then down).
    void measureLoad(const QString &action, const std::function<void()> &act)
    {
        bool seen = false;
        const auto c1 =
            QObject::connect(m_model, &ContactTableModel::loaded, [&seen]() { seen = true; });
        const auto c2 = QObject::connect(m_model, &ContactTableModel::failed,
                                         [&seen](const QString &) { seen = true; });
        measure(action, act, [&]() { return seen && !m_model->isLoading(); });
        QObject::disconnect(c1);
        QObject::disconnect(c2);
    }

    const QList<Row> &rows() const { return m_rows; }
    ContactsPage *page() const { return m_page; }
    ContactTableModel *model() const { return m_model; }

private:
    MainWindow &m_window;
    ContactsPage *m_page;
    ContactTableModel *m_model;
    EventLoopStallMonitor &m_monitor;
    QList<Row> m_rows;
};

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    SimulatorScheme::registerScheme();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QStandardPaths::setTestModeEnabled(true); // the bench's QSettings stay out of ~/.config
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("wamator-bench"));
    app.setApplicationName(QStringLiteral("bench_gui_contacts"));

    int contacts = 1000000, importRows = 100000;
    bool importAll = false, fillOnly = false;
    QString dataDir, datasetFile;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--contacts") && i + 1 < args.size())
            contacts = args.at(++i).toInt();
        else if (a == QLatin1String("--import") && i + 1 < args.size())
            importRows = args.at(++i).toInt();
        else if (a == QLatin1String("--import-all"))
            importAll = true;
        else if (a == QLatin1String("--fill-only"))
            fillOnly = true;
        else if (a == QLatin1String("--data") && i + 1 < args.size())
            dataDir = args.at(++i);
        else if (a == QLatin1String("--dataset") && i + 1 < args.size())
            datasetFile = args.at(++i);
    }
    QTemporaryDir tempDir;
    if (dataDir.isEmpty())
        dataDir = tempDir.path();
    QDir().mkpath(dataDir);
    const bool fresh = !QFile::exists(dataDir + QStringLiteral("/bench-ready"));

    CoreServices::Options options;
    options.dataDir = dataDir;
    options.secrets = std::make_unique<MemorySecretStore>();
    CoreServices core(std::move(options));
    core.open();

    qint64 vendorId = 0, userId = 0, otherUserId = 0;
    if (fresh) {
        vendorId =
            core.accounts()
                .registerVendor(QStringLiteral("Bench Vendor"), QStringLiteral("bench@example.com"),
                                QStringLiteral("bench-password"), QStringLiteral("Bench Ltd"),
                                QStringLiteral("08031234567"))
                .vendor.id;
        AppUser big;
        big.name = QStringLiteral("Big List");
        big.email = QStringLiteral("big@example.com");
        userId = core.users().create(vendorId, big).id;
        AppUser small;
        small.name = QStringLiteral("Small List");
        small.email = QStringLiteral("small@example.com");
        otherUserId = core.users().create(vendorId, small).id;

        QElapsedTimer fill;
        fill.start();
        ContactService service(core);
        int added = 0;
        const bool ok = forEachBatch(datasetFile, contacts, [&](const QJsonArray &items) {
            added += int(service.add(vendorId, userId, items).added.size());
            if (added % 100000 < 5000)
                std::fprintf(stderr, "  %d contacts stored (%.0f s)\n", added,
                             fill.elapsed() / 1000.0);
        });
        if (!ok) {
            std::fprintf(stderr, "could not read the dataset (%s)\n", qPrintable(datasetTool()));
            return 2;
        }
        std::fprintf(stderr, "%d contacts stored and indexed in %.0f s\n", added,
                     fill.elapsed() / 1000.0);
        QFile ready(dataDir + QStringLiteral("/bench-ready"));
        if (!ready.open(QIODevice::WriteOnly))
            return 2;
        // The last id of the list as filled: contacts imported by a run are removed before the
        // next one, so every run imports into the same list.
        QSqlQuery last(core.database().connection());
        last.exec(QStringLiteral("SELECT MAX(id) FROM contact_lists"));
        const qint64 lastId = last.next() ? last.value(0).toLongLong() : 0;
        ready.write(QByteArray::number(vendorId) + ' ' + QByteArray::number(userId) + ' ' +
                    QByteArray::number(otherUserId) + ' ' + QByteArray::number(lastId) + '\n');
    } else {
        QFile ready(dataDir + QStringLiteral("/bench-ready"));
        if (!ready.open(QIODevice::ReadOnly))
            return 2;
        const QList<QByteArray> ids = ready.readAll().trimmed().split(' ');
        vendorId = ids.value(0).toLongLong();
        userId = ids.value(1).toLongLong();
        otherUserId = ids.value(2).toLongLong();
        const qint64 lastId = ids.value(3).toLongLong();
        if (lastId > 0) {
            QSqlQuery imported(core.database().connection());
            imported.prepare(QStringLiteral("SELECT id FROM contact_lists WHERE id > ?"));
            imported.addBindValue(lastId);
            imported.exec();
            QList<qint64> stale;
            while (imported.next())
                stale << imported.value(0).toLongLong();
            for (qsizetype at = 0; at < stale.size(); at += 10000)
                core.contacts().removeMany(vendorId, userId, stale.mid(at, 10000));
            if (!stale.isEmpty())
                std::fprintf(stderr, "removed the %lld contacts the last run imported\n",
                             qint64(stale.size()));
        }
    }
    const int listSize =
        ContactStore(core.database().connectionName()).countForUser(vendorId, userId);
    if (fillOnly)
        return 0;

    QSettings().clear();
    QSettings().setValue(QStringLiteral("contacts/vendor"), vendorId);
    QSettings().setValue(QStringLiteral("contacts/user"), userId);

    SessionManager sessions(core);
    MainWindow window(core, sessions);
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 2;
    QTest::qWait(500);

    EventLoopStallMonitor monitor(kBarMs);
    monitor.start();
    Bench bench(window, monitor);
    ContactsPage *page = bench.page();
    ContactTableModel *model = bench.model();
    auto *table = page->findChild<QTableView *>(QStringLiteral("table"));
    auto *search = page->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *users = page->findChild<QComboBox *>(QStringLiteral("userCombo"));
    auto *pageSize = page->findChild<QComboBox *>(QStringLiteral("pageSizeCombo"));

    std::printf("bench_gui_contacts: %s contacts in the list, offscreen window\n",
                qPrintable(QLocale(QLocale::English).toString(listSize)));

    bench.measure(
        QStringLiteral("open the contacts page"), [&]() { window.showPage(MainWindow::Contacts); },
        [&]() { return model->total() > 0 && !model->isLoading(); });
    bench.measureLoad(QStringLiteral("page size 500"),
                      [&]() { pageSize->setCurrentIndex(pageSize->findData(500)); });
    bench.measure(
        QStringLiteral("scroll the page to the end and back"),
        [&]() {
            QScrollBar *bar = table->verticalScrollBar();
            for (int v = 0; v <= bar->maximum(); v += 20) {
                bar->setValue(v);
                QTest::qWait(2);
            }
            for (int v = bar->maximum(); v >= 0; v -= 20) {
                bar->setValue(v);
                QTest::qWait(2);
            }
        },
        []() { return true; });
    bench.measureLoad(QStringLiteral("last page"), [&]() {
        page->findChild<QToolButton *>(QStringLiteral("lastButton"))->click();
    });
    bench.measureLoad(QStringLiteral("next-to-last page"), [&]() {
        page->findChild<QToolButton *>(QStringLiteral("prevButton"))->click();
    });
    bench.measureLoad(QStringLiteral("first page"), [&]() {
        page->findChild<QToolButton *>(QStringLiteral("firstButton"))->click();
    });
    for (const QString &term : kTerms) {
        bench.measureLoad(QStringLiteral("type \"%1\"").arg(term), [&]() {
            search->setFocus();
            QTest::keyClicks(search, term, Qt::NoModifier, 120); // a brisk typist
        });
        bench.measureLoad(QStringLiteral("  clear the search"), [&]() { search->clear(); });
    }
    bench.measureLoad(QStringLiteral("select the small list's user"),
                      [&]() { users->setCurrentIndex(users->findData(otherUserId)); });
    bench.measureLoad(QStringLiteral("select the big list's user"),
                      [&]() { users->setCurrentIndex(users->findData(userId)); });

    const auto importCsv = [&](int rows) {
        const QString csv = dataDir + QStringLiteral("/import-%1.csv").arg(rows);
        if (!QFile::exists(csv) && !writeCsv(csv, datasetFile, rows)) {
            std::fprintf(stderr, "could not write %s\n", qPrintable(csv));
            return;
        }
        CsvImportDialog *dialog = nullptr;
        bool finished = false;
        bench.measure(
            QStringLiteral("  open the import dialog (preview)"),
            [&]() {
                // What ContactsPage::importCsv does once the file is chosen.
                dialog = new CsvImportDialog(core, vendorId, userId, page);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                QObject::connect(dialog, &CsvImportDialog::importFinished, model,
                                 &ContactTableModel::refresh);
                QObject::connect(dialog, &CsvImportDialog::importFinished,
                                 [&finished]() { finished = true; });
                dialog->setFile(csv);
                dialog->open();
            },
            []() { return true; });
        bench.measure(
            QStringLiteral("CSV import of %1 rows").arg(QLocale(QLocale::English).toString(rows)),
            [&]() { dialog->startImport(); }, [&]() { return finished && !model->isLoading(); });
        const CsvImportWorker::Summary s = dialog->lastSummary();
        std::printf("  %d rows: %d added, %d skipped\n", s.rows, s.added, s.skipped);
        bench.measure(
            QStringLiteral("  close the import dialog"), [&]() { dialog->close(); },
            []() { return true; });
    };
    importCsv(importRows);
    if (importAll)
        importCsv(listSize);

    monitor.stop();
    qint64 worst = 0;
    for (const Row &r : bench.rows())
        worst = qMax(worst, r.maxStallMs);
    std::printf("bench_gui_contacts: worst stall %lld ms (bar: none over %lld ms) %s\n", worst,
                kBarMs, worst <= kBarMs ? "PASS" : "FAIL");
    return 0;
}
