#pragma once

#include <QString>
#include <memory>

class QLockFile;

// One Wamator per data directory: two processes on one SQLite file and one set of WebEngine
// profiles would corrupt sessions. A QLockFile (<data>/wamator.lock) holds the PID; a lock
// left by a process that no longer runs (crash, kill -9, power loss) is detected as stale and
// taken over. The lock is released by unlock() or the destructor.
class SingleInstanceLock
{
public:
    explicit SingleInstanceLock(QString dataDir);
    ~SingleInstanceLock();
    SingleInstanceLock(const SingleInstanceLock &) = delete;
    SingleInstanceLock &operator=(const SingleInstanceLock &) = delete;

    bool tryLock();
    void unlock();
    bool isLocked() const;

    // After a failed tryLock(): a sentence for the user naming the data directory and the
    // other process's PID, and that PID (0 if unknown).
    QString errorMessage() const { return m_error; }
    qint64 otherPid() const { return m_otherPid; }
    QString lockFilePath() const;

private:
    QString m_dataDir;
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
    qint64 m_otherPid = 0;
};
