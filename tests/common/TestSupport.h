#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <memory>
#include <optional>

class CoreServices;

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

// An opened CoreServices on `dir` (database migrated, settings loaded, accounts initialised)
// with an in-memory secret store, so tests never touch the keychain. Throws like open().
std::unique_ptr<CoreServices> makeCoreServices(const TempDataDir &dir);

// Sets (or, with nullopt, unsets) an environment variable for the lifetime of the object and
// restores the previous state afterwards.
class ScopedEnv
{
public:
    ScopedEnv(const char *name, const std::optional<QByteArray> &value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    QByteArray m_name;
    std::optional<QByteArray> m_previous;
};

// The whole file, or an empty array if it cannot be read.
QByteArray readWholeFile(const QString &path);
