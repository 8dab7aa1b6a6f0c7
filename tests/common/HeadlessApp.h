#pragma once

// The real `wamator --headless` binary as the out-of-process tests and benchmarks run it: on a
// given data directory (or a temp one of its own), on a free port (--port 0) read back from its
// "listening on addr:port" line, with the test environment (admin token, file secret backend so
// that a restart keeps the vendors' API keys valid, offscreen, no Chromium sandbox) plus whatever
// the caller adds. Stop, kill -9 and restart; everything it prints is kept for failure messages.
//
// Header-only: the benchmarks include it (through tests/api/HeadlessAppFixture.h and
// tests/e2e/PipelineHarness.h) without linking the test libraries, and the binary's path comes
// from the caller because WAMATOR_BINARY is only defined for the targets that run it.

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QTemporaryDir>
#include <QtCore/qtestsupport_core.h>

#include <csignal>
#include <memory>
#include <sys/prctl.h>

class HeadlessApp
{
public:
    // An empty `dataDir`: a temp directory owned by this object, removed with it.
    HeadlessApp(QString binary, QByteArray adminToken, QString dataDir = {})
        : m_binary(std::move(binary)), m_adminToken(std::move(adminToken)),
          m_dataDir(std::move(dataDir))
    {
        if (m_dataDir.isEmpty()) {
            m_ownDir = std::make_unique<QTemporaryDir>();
            if (m_ownDir->isValid())
                m_dataDir = m_ownDir->path();
        }
    }
    ~HeadlessApp() { stop(); }
    HeadlessApp(const HeadlessApp &) = delete;
    HeadlessApp &operator=(const HeadlessApp &) = delete;

    // Variables added to (or overriding) the test environment at the next start().
    QProcessEnvironment &env() { return m_env; }
    QString dataDir() const { return m_dataDir; }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_proc ? m_proc->processId() : 0; }
    bool running() const { return m_proc && m_proc->state() != QProcess::NotRunning; }
    // The tail of what the app printed since its last start.
    QString log() const { return QString::fromUtf8(m_output.right(4000)); }

    // Starts the binary and waits for its "listening on" line; false if it did not come (the
    // process exited, or `timeoutMs` passed).
    bool start(int timeoutMs = 60000)
    {
        if (m_dataDir.isEmpty())
            return false; // no temp directory could be made
        m_proc = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WAMATOR_ADMIN_TOKEN"), QString::fromLatin1(m_adminToken));
        env.insert(QStringLiteral("WAMATOR_SECRET_BACKEND"), QStringLiteral("file"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
        for (const QString &k : m_env.keys())
            env.insert(k, m_env.value(k));
        m_proc->setProcessEnvironment(env);
        m_proc->setProcessChannelMode(QProcess::MergedChannels);
        // The app dies with the test, even when the test itself is killed (watchdog, crash).
        m_proc->setChildProcessModifier([]() { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_output.clear();
        m_port = 0;
        QObject::connect(m_proc.get(), &QProcess::readyRead, m_proc.get(),
                         [this]() { m_output += m_proc->readAll(); });
        m_proc->start(m_binary, {QStringLiteral("--headless"), QStringLiteral("--data-dir"),
                                 m_dataDir, QStringLiteral("--port"), QStringLiteral("0")});
        if (!m_proc->waitForStarted(10000))
            return false;
        static const QRegularExpression re(QStringLiteral("listening on [0-9.]+:(\\d+)"));
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto m = re.match(QString::fromUtf8(m_output));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
                return true;
            }
            if (m_proc->state() == QProcess::NotRunning)
                return false;
            QTest::qWait(20);
        }
        return false;
    }

    // SIGTERM, then SIGKILL if the app has not exited after 20 s.
    void stop()
    {
        if (!running())
            return;
        m_proc->terminate();
        if (!m_proc->waitForFinished(20000)) {
            m_proc->kill();
            m_proc->waitForFinished(5000);
        }
    }

    // A crash as the operating system sees it: no shutdown code runs.
    void kill9()
    {
        if (!running())
            return;
        ::kill(pid_t(m_proc->processId()), SIGKILL);
        m_proc->waitForFinished(10000);
    }

    // VmRSS of the app's process in KiB (0 if unknown).
    qint64 rssKiB() const
    {
        QFile f(QStringLiteral("/proc/%1/status").arg(pid()));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        return 0;
    }

private:
    QString m_binary;
    QByteArray m_adminToken;
    std::unique_ptr<QTemporaryDir> m_ownDir;
    QString m_dataDir;
    QProcessEnvironment m_env;
    std::unique_ptr<QProcess> m_proc;
    QByteArray m_output;
    quint16 m_port = 0;
};
