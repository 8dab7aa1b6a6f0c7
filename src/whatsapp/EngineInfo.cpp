#include "EngineInfo.h"

#include <QtWebEngineCore/qtwebenginecoreglobal.h>

QString EngineInfo::chromiumVersion()
{
    return QString::fromLatin1(qWebEngineChromiumVersion());
}

int EngineInfo::chromiumMajor()
{
    return chromiumVersion().section(QLatin1Char('.'), 0, 0).toInt();
}

QString EngineInfo::defaultUserAgent()
{
    // Chrome's reduced user agent: only the major is real, the rest is always 0.0.0.
    return QStringLiteral("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                          "Chrome/%1.0.0.0 Safari/537.36")
        .arg(chromiumMajor());
}

QString EngineInfo::userAgent(const QString &setting)
{
    return setting.isEmpty() ? defaultUserAgent() : setting;
}

bool EngineInfo::isOlderThan(int floor)
{
    return chromiumMajor() < floor;
}
