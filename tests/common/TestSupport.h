#pragma once

#include <QString>
#include <QTemporaryDir>

// Shared by all tests: a fresh data directory per test case, removed afterwards.
class TempDataDir
{
public:
    TempDataDir();
    QString path() const { return m_dir.path(); }
    QString file(const QString &name) const { return m_dir.filePath(name); }
    bool isValid() const { return m_dir.isValid(); }

private:
    QTemporaryDir m_dir;
};
