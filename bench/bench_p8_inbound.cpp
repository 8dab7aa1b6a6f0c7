// P8: incoming messages recorded durably from one sandbox session, messages/s (issue #14).
// Runs the real `wamator --headless` binary: simulated customers write through
// POST /sandbox/:userId/:phone/incoming (answered once the simulator's customer has sent the
// message), the production adapter hears each one on the page, and the figure is the rate at
// which they land in received_messages (committed, read from the database file). Every
// message must be there exactly once.
//   WAMATOR_P8_MESSAGES  how many (default 5,000)
//   WAMATOR_P8_PARALLEL  requests in flight (default 48)

#include "../tests/e2e/PipelineHarness.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace e2e;

namespace {

constexpr double kBar = 500.0; // messages/s

int envInt(const char *name, int fallback)
{
    return qEnvironmentVariableIntValue(name) > 0 ? qEnvironmentVariableIntValue(name) : fallback;
}

// wa_message_id → rows, read next to the running app (WAL, read-only).
QHash<QString, int> recorded(const QString &dataDir)
{
    QHash<QString, int> out;
    const QString name = QStringLiteral("p8-reader");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("wamator.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT wa_message_id FROM received_messages")))
                while (q.next())
                    out[q.value(0).toString()] += 1;
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

int rowCount(const QString &dataDir)
{
    int n = -1;
    const QString name = QStringLiteral("p8-counter");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("wamator.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM received_messages")) && q.next())
                n = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size() - 1) + 0.5)));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication qapp(argc, argv);
    const int total = envInt("WAMATOR_P8_MESSAGES", 5000);
    const int parallel = envInt("WAMATOR_P8_PARALLEL", 48);

    QTemporaryDir tmp;
    const QString dataDir = QDir(tmp.path()).filePath(QStringLiteral("data"));
    App app(dataDir);
    if (!app.start()) {
        std::fprintf(stderr, "P8: the app did not start\n%s\n", qPrintable(app.log()));
        return 1;
    }
    Api api(app.port());
    World w;
    if (!setUp(api, w, 100000, QStringLiteral("08031110009")) || !connectAndScan(api, w)) {
        std::fprintf(stderr, "P8: setup failed\n%s\n", qPrintable(app.log()));
        return 1;
    }

    const QString path = QStringLiteral("/sandbox/%1/%2/incoming").arg(w.userId).arg(w.phone);
    // A QNetworkAccessManager opens at most 6 connections to one host: one per 6 requests in
    // flight, so `parallel` really are.
    std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
    for (int k = 0; k < (parallel + 5) / 6; ++k)
        nams.push_back(std::make_unique<QNetworkAccessManager>());
    QSet<QString> acknowledged;
    QList<double> answerMs;
    int next = 0, inFlight = 0, refused = 0;
    QString firstRefusal;
    QElapsedTimer clock;
    std::function<void()> pump = [&] {
        while (inFlight < parallel && next < total) {
            const int i = next++;
            QNetworkRequest req(
                QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(app.port()).arg(path)));
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            req.setRawHeader("x-api-key", w.apiKey.toLatin1());
            const QJsonObject body{
                {"from", QStringLiteral("2348037%1").arg(i % 500, 6, 10, QLatin1Char('0'))},
                {"body", QStringLiteral("P8 reply %1").arg(i)}};
            const qint64 sentAt = clock.nsecsElapsed();
            QNetworkReply *r = nams[size_t(i) % nams.size()]->post(
                req, QJsonDocument(body).toJson(QJsonDocument::Compact));
            ++inFlight;
            QObject::connect(r, &QNetworkReply::finished, r, [&, r, sentAt] {
                --inFlight;
                answerMs << double(clock.nsecsElapsed() - sentAt) / 1e6;
                const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QByteArray bytes = r->readAll();
                if (status == 202) {
                    acknowledged.insert(
                        QJsonDocument::fromJson(bytes).object().value("wa_message_id").toString());
                } else {
                    ++refused;
                    if (firstRefusal.isEmpty())
                        firstRefusal = QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(bytes));
                }
                r->deleteLater();
                pump();
            });
        }
    };
    clock.start();
    pump();
    waitFor([&] { return next >= total && inFlight == 0; }, 600000);
    const double sentSeconds = double(clock.nsecsElapsed()) / 1e9;
    // Recorded: poll the database until every acknowledged message is in it.
    waitFor([&] { return rowCount(dataDir) >= int(acknowledged.size()); }, 120000);
    const double recordedSeconds = double(clock.nsecsElapsed()) / 1e9;

    const QHash<QString, int> rows = recorded(dataDir);
    int lost = 0, doubled = 0;
    for (const QString &id : std::as_const(acknowledged))
        lost += rows.contains(id) ? 0 : 1;
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        doubled += it.value() > 1 ? 1 : 0;
    const double rate = double(rows.size()) / recordedSeconds;

    std::printf("P8 inbound: %d messages from %d customers, %d requests in flight\n", total,
                std::min(total, 500), parallel);
    std::printf("  all sent by the simulator after %.2f s; all recorded after %.2f s\n", sentSeconds,
                recordedSeconds);
    std::printf("  recorded %lld, acknowledged %lld, lost %d, doubled %d, refused %d %s\n",
                qlonglong(rows.size()), qlonglong(acknowledged.size()), lost, doubled, refused,
                qPrintable(firstRefusal));
    std::printf("  route answer p50 %.1f ms, p99 %.1f ms\n", percentile(answerMs, 0.5),
                percentile(answerMs, 0.99));
    const bool pass = rate >= kBar && lost == 0 && doubled == 0 && refused == 0
                      && int(rows.size()) == total;
    std::printf("P8 %.0f messages/s recorded (bar >= %.0f, none lost or doubled): %s\n", rate, kBar,
                pass ? "PASS" : "MISS");
    app.stop();
    return 0;
}
