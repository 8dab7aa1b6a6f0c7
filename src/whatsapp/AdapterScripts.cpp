#include "AdapterScripts.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAdapter, "wamator.whatsapp.adapter")

namespace {
QString readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}
} // namespace

QString AdapterScripts::overridePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("adapter/whatsapp-adapter.js"));
}

QString AdapterScripts::builtInAdapter()
{
    return readAll(QStringLiteral(":/whatsapp/adapter/whatsapp-adapter.js"));
}

QString AdapterScripts::adapter(const QString &dataDir, QString *origin)
{
    if (!dataDir.isEmpty()) {
        const QString path = overridePath(dataDir);
        if (QFile::exists(path)) {
            const QString source = readAll(path);
            if (!source.trimmed().isEmpty()) {
                if (origin)
                    *origin = path;
                return source;
            }
            qCWarning(lcAdapter) << "ignoring unreadable or empty adapter override" << path;
        }
    }
    if (origin)
        *origin = QStringLiteral("built-in");
    return builtInAdapter();
}

QString AdapterScripts::bridge()
{
    const QString channel = readAll(QStringLiteral(":/qtwebchannel/qwebchannel.js"));
    if (channel.isEmpty())
        qCCritical(lcAdapter) << "qwebchannel.js is missing from the Qt resources";
    return channel + QStringLiteral("\n") +
           readAll(QStringLiteral(":/whatsapp/adapter/bridge.js"));
}

QString AdapterScripts::storagePersist()
{
    return QStringLiteral(
        "(function(){var s=navigator.storage;if(!s)return;"
        "var yes=function(){return Promise.resolve(true);};"
        "try{Object.defineProperty(s,'persist',{value:yes,configurable:true});"
        "Object.defineProperty(s,'persisted',{value:yes,configurable:true});}catch(e){}})();");
}
