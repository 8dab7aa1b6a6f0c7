#include "platform/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>

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

constexpr QFileDevice::Permissions kOwnerOnlyFile =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOwnerOnlyDir =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// The names whose values are secrets: request headers and the JSON fields of bodies.
const QString &secretNames()
{
    static const QString names = QStringLiteral(
        "x-api-key|x-admin-token|proxy-authorization|authorization|set-cookie|cookie|"
        "api[_-]?key|apikey|admin[_-]?token|access[_-]?token|refresh[_-]?token|token|"
        "password|passwd|passphrase|secret");
    return names;
}

// Replaces, in every match, the first of `groups` that captured something.
QString redactGroups(const QString &in, const QRegularExpression &re,
                     std::initializer_list<int> groups)
{
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = re.globalMatch(in);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        for (const int g : groups) {
            if (m.capturedStart(g) < 0)
                continue;
            out += QStringView(in).mid(last, m.capturedStart(g) - last);
            out += QLatin1String("[redacted]");
            last = m.capturedEnd(g);
            break;
        }
    }
    if (last == 0)
        return in;
    out += QStringView(in).mid(last);
    return out;
}

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
    s.file.setPermissions(kOwnerOnlyFile); // renamed files keep theirs
    s.size = s.file.isOpen() ? s.file.size() : 0;
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    const QByteArray line = QDateTime::currentDateTimeUtc()
                                .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz'Z'"))
                                .toUtf8() +
                            ' ' + levelName(type) + ' ' +
                            (context.category ? context.category : "default") + ": " +
                            Logging::redact(msg).toUtf8() + '\n';

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
        // The log holds session ids, phone numbers and peers' addresses: owner only.
        QFile::setPermissions(logsDir, kOwnerOnlyDir);
        s.path = QDir(logsDir).filePath(QStringLiteral("wamator.log"));
        s.file.setFileName(s.path);
        ok = s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
        s.size = ok ? s.file.size() : 0;
        if (ok)
            s.file.setPermissions(kOwnerOnlyFile);
        for (int i = 1; i <= s.maxFiles; ++i) { // left by an older version, maybe 0644
            const QString old = s.path + QLatin1Char('.') + QString::number(i);
            if (QFile::exists(old))
                QFile::setPermissions(old, kOwnerOnlyFile);
        }
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

QString Logging::redact(const QString &text)
{
    // Cheap test first: most lines name no secret at all.
    static const QLatin1String hints[] = {QLatin1String("key"),  QLatin1String("token"),
                                          QLatin1String("auth"), QLatin1String("cookie"),
                                          QLatin1String("pass"), QLatin1String("secret")};
    bool maybe = false;
    for (const QLatin1String &h : hints)
        maybe = maybe || text.contains(h, Qt::CaseInsensitive);
    if (!maybe)
        return text;
    // Lines are logged from any thread: one compiled pattern per thread (QRegularExpression
    // is reentrant, not documented thread-safe).
    // ("x-api-key","value") and ('cookie', 'value'): QDebug's header pairs, also when QDebug
    // quoted them once more (\"x-api-key\",\"value\").
    thread_local const QRegularExpression pair(
        QStringLiteral(R"re(\\*(["'])(?:%1)\\*\1\s*,\s*\\*(["'])(.*?)\\*\2)re").arg(secretNames()),
        QRegularExpression::CaseInsensitiveOption);
    // name: value, name=value, "name": "value", \"name\":\"value\" (JSON inside QDebug's
    // quotes); an unquoted value runs to the end of the line or to , & ) } ] \ or a quote.
    // No word boundary before the name: in QDebug's "a\r\nx-api-key: …" a letter precedes it.
    thread_local const QRegularExpression keyValue(
        QStringLiteral(
            R"re((?:%1)(?:\\*["'])?\s*[:=]\s*(?:"((?:[^"\\]|\\.)*)"|\\+"(.*?)\\+"|'([^']*)'|([^\s"'\\,&)}\]][^\r\n"'\\,&)}\]]*)))re")
            .arg(secretNames()),
        QRegularExpression::CaseInsensitiveOption);
    return redactGroups(redactGroups(text, pair, {3}), keyValue, {1, 2, 3, 4});
}
