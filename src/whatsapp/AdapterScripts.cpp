#include "AdapterScripts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcAdapter, "wamator.whatsapp.adapter")

namespace {
QString readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// "" when `st` (a file or a directory) is this user's and nobody else may write to it.
QString ownerProblem(const struct stat &st, const QString &what)
{
    if (st.st_uid != ::geteuid())
        return QStringLiteral("%1 is owned by uid %2, not by this user (uid %3)")
            .arg(what)
            .arg(st.st_uid)
            .arg(::geteuid());
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return QStringLiteral("%1 is writable by others (mode %2)")
            .arg(what)
            .arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
    return {};
}

// Opens the override without following a symlink and checks the very file it opened (no
// window between check and read). Returns -1 and sets `problem` when it may not be used.
int openOverride(const QString &path, QString &problem)
{
    struct stat dir
    {
    };
    const QByteArray dirName = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::stat(dirName.constData(), &dir) != 0) {
        problem = QStringLiteral("its directory cannot be read");
        return -1;
    }
    problem = ownerProblem(dir, QStringLiteral("its directory"));
    if (!problem.isEmpty())
        return -1;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        problem = errno == ELOOP ? QStringLiteral("it is a symbolic link")
                                 : QStringLiteral("it cannot be opened");
        return -1;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        problem = QStringLiteral("it is not a regular file");
    } else {
        problem = ownerProblem(st, QStringLiteral("the file"));
    }
    if (!problem.isEmpty()) {
        ::close(fd);
        return -1;
    }
    return fd;
}
} // namespace

QString AdapterScripts::overridePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("adapter/whatsapp-adapter.js"));
}

QString AdapterScripts::builtInAdapter()
{
    return readAll(QStringLiteral(":/whatsapp/adapter/whatsapp-adapter.js"));
}

QString AdapterScripts::adapter(const QString &dataDir, QString *origin)
{
    if (!dataDir.isEmpty()) {
        const QString path = overridePath(dataDir);
        if (QFileInfo(path).exists() || QFileInfo(path).isSymLink()) {
            QString problem;
            const int fd = openOverride(path, problem);
            if (fd < 0) {
                qCWarning(lcAdapter).noquote()
                    << "refusing the adapter override" << path << "-" << problem
                    << "(chmod go-w, owned by the user running Wamator); using the built-in one";
            } else {
                QFile file;
                QString source;
                if (file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
                    source = QString::fromUtf8(file.readAll());
                else
                    ::close(fd);
                if (!source.trimmed().isEmpty()) {
                    if (origin)
                        *origin = path;
                    return source;
                }
                qCWarning(lcAdapter) << "ignoring unreadable or empty adapter override" << path;
            }
        }
    }
    if (origin)
        *origin = QStringLiteral("built-in");
    return builtInAdapter();
}

QString AdapterScripts::overrideProblem(const QString &path)
{
    QString problem;
    const int fd = openOverride(path, problem);
    if (fd >= 0)
        ::close(fd);
    return problem;
}

QString AdapterScripts::bridge()
{
    const QString channel = readAll(QStringLiteral(":/qtwebchannel/qwebchannel.js"));
    if (channel.isEmpty())
        qCCritical(lcAdapter) << "qwebchannel.js is missing from the Qt resources";
    return channel + QStringLiteral("\n") +
           readAll(QStringLiteral(":/whatsapp/adapter/bridge.js"));
}

QString AdapterScripts::polyfills()
{
    const QString source = readAll(QStringLiteral(":/whatsapp/engine/polyfills.js"));
    if (source.isEmpty())
        qCCritical(lcAdapter) << "polyfills.js is missing from the resources";
    return source;
}

QString AdapterScripts::storagePersist()
{
    return QStringLiteral(
        "(function(){var s=navigator.storage;if(!s)return;"
        "var yes=function(){return Promise.resolve(true);};"
        "try{Object.defineProperty(s,'persist',{value:yes,configurable:true});"
        "Object.defineProperty(s,'persisted',{value:yes,configurable:true});}catch(e){}})();");
}
