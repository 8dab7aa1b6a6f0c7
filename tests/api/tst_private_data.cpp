// The real `wamator --headless` on a data directory it creates itself, with WAMATOR_DEBUG=1 and
// every debug category on (QtHttpServer then logs every request with its headers): no API key,
// admin token or password reaches the log, and everything under the data directory is its
// owner's only (directories 0700, files 0600: database and its -wal/-shm, logs, secrets, lock).

#include "HeadlessAppFixture.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

class TestPrivateData : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void debugLogHasNoSecretsAndFilesAreOwnerOnly()
    {
        QTemporaryDir parent;
        QVERIFY(parent.isValid());
        const QString dataDir = parent.filePath(QStringLiteral("data")); // created by the app
        HeadlessApp app(QStringLiteral(WAMATOR_BINARY), headless::kAdminToken, dataDir);
        app.env().insert(QStringLiteral("WAMATOR_DEBUG"), QStringLiteral("1"));
        // Everything, Qt's own categories too: qt.httpserver then logs each request with its
        // headers (Qt keeps qt.* debug off by default, even with WAMATOR_DEBUG=1).
        app.env().insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        QVERIFY2(app.start(), qPrintable(app.log()));

        const QString password = QStringLiteral("private horse battery 4711");
        const QString key =
            headless::registerVendor(app.port(), QStringLiteral("p@example.com"), password);
        QVERIFY(!key.isEmpty());
        const QByteArray k = key.toUtf8();
        using headless::request;
        using headless::send;
        QCOMPARE(
            send(app.port(), request("GET", "/users/list", {}, "x-api-key: " + k + "\r\n")).status,
            200);
        QCOMPARE(send(app.port(),
                      request("GET", "/users/list", {}, "Authorization: Bearer " + k + "\r\n"))
                     .status,
                 200);
        send(app.port(),
             request("GET", "/users/list?api_key=" + k, {}, "Cookie: session=" + k + "\r\n"));
        QCOMPARE(send(app.port(), request("GET", "/admin/vendors", {},
                                          "x-admin-token: " + headless::kAdminToken + "\r\n"))
                     .status,
                 200);
        send(app.port(),
             request("POST", "/vendors/login",
                     "{\"email\":\"p@example.com\",\"password\":\"" + password.toUtf8() + "\"}"));
        app.stop();

        QByteArray logged = app.log().toUtf8(); // stderr (the journal)
        for (QDirIterator it(dataDir + QStringLiteral("/logs"), QDir::Files); it.hasNext();) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            logged += f.readAll();
        }
        // Not vacuous: the requests were logged, with their headers.
        QVERIFY2(logged.contains("/admin/vendors"), logged.right(2000).constData());
        QVERIFY2(logged.contains("[redacted]"), logged.right(2000).constData());
        QVERIFY2(!logged.contains(k), "the API key is in the log");
        QVERIFY2(!logged.contains(headless::kAdminToken), "the admin token is in the log");
        QVERIFY2(!logged.contains(password.toUtf8()), "the password is in the log");

        // Modes: nothing for the group or others, anywhere below the data directory.
        const auto mode = [](const QString &path) {
            struct stat st
            {
            };
            return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777)
                                                                          : -1;
        };
        QCOMPARE(mode(dataDir), 0700);
        QStringList seen;
        for (QDirIterator it(dataDir,
                             QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                             QDirIterator::Subdirectories);
             it.hasNext();) {
            const QString path = it.next();
            const QFileInfo info(path);
            if (info.isSymLink())
                continue;
            const int expected = info.isDir() ? 0700 : 0600;
            QVERIFY2(mode(path) == expected,
                     qPrintable(QStringLiteral("%1 has mode %2").arg(path).arg(mode(path), 0, 8)));
            seen << QDir(dataDir).relativeFilePath(path);
        }
        for (const QString &must : {QStringLiteral("wamator.sqlite"), QStringLiteral("logs"),
                                    QStringLiteral("logs/wamator.log"), QStringLiteral("profiles")})
            QVERIFY2(seen.contains(must), qPrintable(seen.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestPrivateData)
#include "tst_private_data.moc"
