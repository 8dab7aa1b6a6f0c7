#include "Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>

#include <cstdio>

namespace {

struct LogState
{
    QMutex mutex;
    QFile file;
    QString path;
    qint64 size = 0; // bytes in the current file, kept here to avoid a stat() per line
    bool toStderr = true;
    bool installed = false;
    qint64 maxBytes = 5LL * 1024 * 1024;
    int maxFiles = 5;
    QtMessageHandler previous = nullptr;
};

LogState &state()
{
    static LogState s;
    return s;
}

thread_local bool t_inHandler = false;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "unknown";
}

// Called with the mutex held. Renames wamator.log → .1 → .2 …, dropping the oldest.
void rotateLocked(LogState &s)
{
    s.file.close();
    QFile::remove(s.path + QLatin1Char('.') + QString::number(s.maxFiles));
    for (int i = s.maxFiles - 1; i >= 1; --i) {
        const QString from = s.path + QLatin1Char('.') + QString::number(i);
        if (QFile::exists(from))
            QFile::rename(from, s.path + QLatin1Char('.') + QString::number(i + 1));
    }
    if (s.maxFiles >= 1)
        QFile::rename(s.path, s.path + QStringLiteral(".1"));
    else
        QFile::remove(s.path);
    s.file.setFileName(s.path);
    s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
    s.size = s.file.isOpen() ? s.file.size() : 0;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    const QByteArray line = QDateTime::currentDateTimeUtc()
                                .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"))
                                .toUtf8() +
                            ' ' + levelName(type) + ' ' +
                            (context.category ? context.category : "default") + ": " +
                            msg.toUtf8() + '\n';

    LogState &s = state();
    if (t_inHandler) {
        // Qt's file code warned while we were writing: the mutex is ours already.
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        return;
    }
    t_inHandler = true;
    {
        const QMutexLocker lock(&s.mutex);
        if (s.file.isOpen()) {
            if (s.maxBytes > 0 && s.size > 0 && s.size + line.size() > s.maxBytes)
                rotateLocked(s);
            if (s.file.isOpen()) {
                s.file.write(line);
                s.file.flush();
                s.size += line.size();
            }
        }
        if (s.toStderr || !s.file.isOpen()) {
            std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
            std::fflush(stderr);
        }
    }
    t_inHandler = false;
}

} // namespace

bool Logging::init(const QString &logsDir, bool toStderr)
{
    LogState &s = state();
    bool ok = true;
    {
        const QMutexLocker lock(&s.mutex);
        s.toStderr = toStderr;
        if (s.file.isOpen())
            s.file.close();
        QDir().mkpath(logsDir);
        s.path = QDir(logsDir).filePath(QStringLiteral("wamator.log"));
        s.file.setFileName(s.path);
        ok = s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
        s.size = ok ? s.file.size() : 0;
        if (!s.installed) {
            s.previous = qInstallMessageHandler(handler);
            s.installed = true;
        }
    }
    if (!qEnvironmentVariableIsSet("QT_LOGGING_RULES") &&
        qEnvironmentVariableIntValue("WAMATOR_DEBUG") == 0)
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    if (!ok)
        qWarning("Cannot open the log file %s; logging to stderr only", qPrintable(s.path));
    return ok;
}

void Logging::shutdown()
{
    LogState &s = state();
    const QMutexLocker lock(&s.mutex);
    if (s.installed) {
        qInstallMessageHandler(s.previous);
        s.installed = false;
        s.previous = nullptr;
    }
    s.file.close();
}

void Logging::setRotation(qint64 maxBytes, int maxFiles)
{
    LogState &s = state();
    const QMutexLocker lock(&s.mutex);
    s.maxBytes = maxBytes;
    s.maxFiles = qMax(0, maxFiles);
}

QString Logging::logFilePath()
{
    LogState &s = state();
    const QMutexLocker lock(&s.mutex);
    return s.path;
}
