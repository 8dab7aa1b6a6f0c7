#pragma once

#include <QString>

// The process-wide Qt message handler: every qDebug/qCInfo/qCWarning/... line goes, as
// "2026-11-25T10:00:00.123Z warning wamator.db: message", to <logsDir>/wamator.log (rotated by
// size: wamator.log.1 is the newest old file) and, when asked, to stderr (the journal, for
// headless runs). Thread-safe; a message logged while a message is being written (by Qt's own
// file code) goes to stderr only. Debug output is off unless WAMATOR_DEBUG=1 or
// QT_LOGGING_RULES says otherwise. Every line, to the file and to stderr, goes through
// redact() first, whoever logged it (QtHttpServer's own debug lines print whole request
// headers). The logs directory is 0700, the files (rotated ones too) 0600.
class Logging
{
public:
    // Installs the handler. Returns false (and keeps logging to stderr) if the log file cannot
    // be opened. Calling it again switches to the new directory.
    static bool init(const QString &logsDir, bool toStderr);
    // Restores the previous handler and closes the file (tests, orderly shutdown).
    static void shutdown();

    // Rotation: when the file would grow past maxBytes it becomes wamator.log.1, .1 becomes
    // .2, ... and the oldest beyond maxFiles is deleted. Default 5 MiB × 5 files.
    static void setRotation(qint64 maxBytes, int maxFiles);
    static QString logFilePath(); // empty before init()

    // The text with the values of secrets replaced by "[redacted]": the headers x-api-key,
    // authorization, x-admin-token, cookie (as "name: value", "name=value" or QDebug's
    // ("name","value") pairs, also in URLs' queries) and JSON fields such as password,
    // api_key or token.
    static QString redact(const QString &text);
};
