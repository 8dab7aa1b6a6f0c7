#pragma once

#include <QString>
#include <QStringList>
#include <optional>

// The command line of `wamator` (see docs/configuration.md and the man page).
struct CommandLine
{
    bool headless = false;
    QString dataDir;           // empty → the platform's app-data location
    QString listenAddress;     // empty → settings (127.0.0.1)
    std::optional<int> port;   // unset → settings (3000)
    QString adminTokenFile;    // --admin-token-file / WAMATOR_ADMIN_TOKEN_FILE

    // Parses argv; prints help/version/errors and exits the process for those.
    static CommandLine parse(const QStringList &arguments);
    // Before the QApplication exists: is --headless (or -h/-v) on the command line?
    static bool wantsHeadless(int argc, char **argv);
    // --help / --version: print and leave, without warnings about the environment.
    static bool isInfoRequest(int argc, char **argv);
    static QString defaultDataDir();
};
