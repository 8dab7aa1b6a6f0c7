#include "TestSupport.h"

#include "CoreServices.h"
#include "security/MemorySecretStore.h"

#include <QDir>
#include <QFile>

TempDataDir::TempDataDir() : m_dir(QDir::tempPath() + QStringLiteral("/wamator-test-XXXXXX")) {}

std::unique_ptr<CoreServices> makeCoreServices(const TempDataDir &dir)
{
    CoreServices::Options options;
    options.dataDir = dir.path();
    options.secrets = std::make_unique<MemorySecretStore>();
    auto core = std::make_unique<CoreServices>(std::move(options));
    core->open();
    return core;
}

ScopedEnv::ScopedEnv(const char *name, const std::optional<QByteArray> &value) : m_name(name)
{
    if (qEnvironmentVariableIsSet(name))
        m_previous = qgetenv(name);
    if (value)
        qputenv(name, *value);
    else
        qunsetenv(name);
}

ScopedEnv::~ScopedEnv()
{
    if (m_previous)
        qputenv(m_name.constData(), *m_previous);
    else
        qunsetenv(m_name.constData());
}

QByteArray readWholeFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}
