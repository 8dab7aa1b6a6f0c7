#include "security/SecretStore.h"

#include "DomainError.h"
#include "security/FileSecretStore.h"
#include "security/KeychainSecretStore.h"
#include "security/MemorySecretStore.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSecrets, "wamator.secrets")

namespace {

QString fileStorePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("secrets.json"));
}

// Remembers that this data directory keeps its secrets in the keychain. Without it, a run
// where the keychain happens to be unreachable (a headless start outside the desktop session)
// would fall back to a fresh file, generate new keys and silently invalidate every API key.
QString keychainMarkerPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("secrets-in-keychain"));
}

std::unique_ptr<SecretStore> makeFileStore(const QString &dataDir)
{
    return std::make_unique<FileSecretStore>(fileStorePath(dataDir));
}

} // namespace

std::unique_ptr<SecretStore> SecretStore::create(const QString &dataDir)
{
    QDir().mkpath(dataDir);
    const QString forced = qEnvironmentVariable("WAMATOR_SECRET_BACKEND").trimmed().toLower();
    if (forced == QLatin1String("file")) {
        qCInfo(lcSecrets).noquote()
            << "secrets: file" << fileStorePath(dataDir) << "(WAMATOR_SECRET_BACKEND=file)";
        return makeFileStore(dataDir);
    }
    if (forced == QLatin1String("memory")) {
        qCWarning(lcSecrets) << "secrets: memory only (WAMATOR_SECRET_BACKEND=memory); API keys"
                                " and the admin token change at every start";
        return std::make_unique<MemorySecretStore>();
    }
    if (!forced.isEmpty() && forced != QLatin1String("keychain"))
        throw DomainError(
            DomainError::Kind::Unavailable, QStringLiteral("invalid_secret_backend"),
            QStringLiteral("WAMATOR_SECRET_BACKEND must be keychain, file or memory, not \"%1\"")
                .arg(forced));

    // A data directory that already fell back to the file keeps using it: its keys protect the
    // API keys issued so far.
    if (forced.isEmpty() && QFile::exists(fileStorePath(dataDir))) {
        qCInfo(lcSecrets).noquote() << "secrets: file" << fileStorePath(dataDir)
                                    << "(created earlier when no keychain was available)";
        return makeFileStore(dataDir);
    }

    auto keychain =
        std::make_unique<KeychainSecretStore>(KeychainSecretStore::serviceForDataDir(dataDir));
    const QString reason = keychain->probe();
    if (reason.isEmpty()) {
        QFile marker(keychainMarkerPath(dataDir));
        if (!marker.exists() && marker.open(QIODevice::WriteOnly))
            marker.write("The secrets of this data directory are in the OS keychain, service " +
                         keychain->service().toUtf8() + "\n");
        qCInfo(lcSecrets).noquote() << "secrets: OS keychain, service" << keychain->service();
        return keychain;
    }
    if (!forced.isEmpty() || QFile::exists(keychainMarkerPath(dataDir))) {
        throw DomainError(
            DomainError::Kind::Unavailable, QStringLiteral("secret_store_unavailable"),
            QStringLiteral(
                "The OS keychain holds this data directory's secrets but is not reachable "
                "(%1). Start Wamator in the desktop session or unlock the keychain. "
                "To start over with new keys in a file instead (existing API keys stop "
                "working), set WAMATOR_SECRET_BACKEND=file.")
                .arg(reason));
    }
    qCWarning(lcSecrets).noquote()
        << "No OS keychain is available (" + reason + "); keeping secrets in"
        << fileStorePath(dataDir)
        << "(mode 0600) instead. Anyone who can read this user's files can read them.";
    return makeFileStore(dataDir);
}
