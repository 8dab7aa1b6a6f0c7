#include "platform/SingleInstanceLock.h"

#include <QDir>
#include <QLockFile>

SingleInstanceLock::SingleInstanceLock(QString dataDir) : m_dataDir(std::move(dataDir)) {}

SingleInstanceLock::~SingleInstanceLock()
{
    unlock();
}

QString SingleInstanceLock::lockFilePath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("wamator.lock"));
}

bool SingleInstanceLock::tryLock()
{
    if (isLocked())
        return true;
    m_error.clear();
    m_otherPid = 0;
    if (!QDir().mkpath(m_dataDir)) {
        m_error = QStringLiteral("Cannot create the data directory %1.").arg(m_dataDir);
        return false;
    }
    m_lock = std::make_unique<QLockFile>(lockFilePath());
    // Never stale by age: an instance may run for months. Staleness comes only from the owner
    // PID no longer running on this host, which QLockFile checks by itself.
    m_lock->setStaleLockTime(0);
    if (m_lock->tryLock(0))
        return true;

    const QLockFile::LockError err = m_lock->error();
    qint64 pid = 0;
    QString host, app;
    const bool haveInfo = m_lock->getLockInfo(&pid, &host, &app);
    m_lock.reset();
    if (err == QLockFile::LockFailedError) {
        m_otherPid = haveInfo ? pid : 0;
        m_error =
            haveInfo
                ? QStringLiteral(
                      "Another Wamator (PID %1 on %2) is already using the data directory %3. "
                      "Close it first, or start this one with a different --data-dir.")
                      .arg(pid)
                      .arg(host, QDir::toNativeSeparators(m_dataDir))
                : QStringLiteral("Another Wamator is already using the data directory %1. Close it "
                                 "first, or start this one with a different --data-dir.")
                      .arg(QDir::toNativeSeparators(m_dataDir));
    } else if (err == QLockFile::PermissionError) {
        m_error = QStringLiteral("Cannot create the lock file %1: permission denied. Is the data "
                                 "directory %2 writable by this user?")
                      .arg(lockFilePath(), QDir::toNativeSeparators(m_dataDir));
    } else {
        m_error = QStringLiteral("Cannot lock the data directory %1 (lock file %2).")
                      .arg(QDir::toNativeSeparators(m_dataDir), lockFilePath());
    }
    return false;
}

void SingleInstanceLock::unlock()
{
    if (m_lock) {
        m_lock->unlock();
        m_lock.reset();
    }
}

bool SingleInstanceLock::isLocked() const
{
    return m_lock && m_lock->isLocked();
}
