#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <cstdio>
#include <cstdlib>
#include <cstring>

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "Run many WhatsApp numbers from one window, with a local REST API."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QCoreApplication::translate("CommandLine", "Run without a window: only the API and sessions."));
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QCoreApplication::translate("CommandLine", "Address the API listens on (default 127.0.0.1)."),
        QStringLiteral("address"));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("CommandLine", "Port the API listens on (default 3000)."),
        QStringLiteral("port"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("CommandLine", "Data directory (default %1).")
            .arg(defaultDataDir()),
        QStringLiteral("dir"));
    const QCommandLineOption tokenFile(
        QStringLiteral("admin-token-file"),
        QCoreApplication::translate("CommandLine",
                                    "Read the operator's admin token from this file (for services "
                                    "without a desktop keychain)."),
        QStringLiteral("file"));
    parser.addOptions({headless, listen, port, dataDir, tokenFile});
    parser.process(arguments);

    CommandLine cl;
    cl.headless = parser.isSet(headless);
    cl.dataDir = parser.value(dataDir);
    if (cl.dataDir.isEmpty())
        cl.dataDir = qEnvironmentVariable("WAMATOR_DATA_DIR");
    if (cl.dataDir.isEmpty())
        cl.dataDir = defaultDataDir();
    cl.dataDir = QDir(cl.dataDir).absolutePath();
    cl.listenAddress = parser.value(listen);
    if (parser.isSet(port)) {
        bool ok = false;
        const int p = parser.value(port).toInt(&ok);
        if (!ok || p < 0 || p > 65535) {
            std::fprintf(stderr, "wamator: --port must be a number from 0 to 65535, got \"%s\"\n",
                         qPrintable(parser.value(port)));
            std::exit(64);
        }
        cl.port = p;
    }
    cl.adminTokenFile = parser.value(tokenFile);
    if (cl.adminTokenFile.isEmpty())
        cl.adminTokenFile = qEnvironmentVariable("WAMATOR_ADMIN_TOKEN_FILE");
    return cl;
}

bool CommandLine::isInfoRequest(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (!std::strcmp(a, "-h") || !std::strcmp(a, "--help") || !std::strcmp(a, "-v")
            || !std::strcmp(a, "--version") || !std::strcmp(a, "--help-all"))
            return true;
    }
    return false;
}

bool CommandLine::wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--headless"))
            return true;
    }
    return isInfoRequest(argc, argv);
}

QString CommandLine::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}
