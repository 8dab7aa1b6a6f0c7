#include "TestSupport.h"

#include <QDir>

TempDataDir::TempDataDir() : m_dir(QDir::tempPath() + QStringLiteral("/wamator-test-XXXXXX"))
{
}
