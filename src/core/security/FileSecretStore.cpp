#include "security/FileSecretStore.h"

#include "platform/Clock.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

FileSecretStore::FileSecretStore(QString filePath) : m_path(std::move(filePath)) {}

void FileSecretStore::loadLocked()
{
    if (m_loaded)
        return;
    m_loaded = true;
    m_values.clear();
    QFile f(m_path);
    if (!f.exists())
        return;
    if (!f.open(QIODevice::ReadOnly)) {
        qCWarning(lcSecrets) << "cannot read the secrets file" << m_path << ":" << f.errorString();
        return;
    }
    // Tighten permissions someone loosened by hand.
    if ((f.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0)
        f.setPermissions(kOwnerOnly);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(1 << 20), &err);
    f.close();
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        const QString why = err.error != QJsonParseError::NoError
                                ? err.errorString()
                                : QStringLiteral("not a JSON object");
        QString aside = m_path + QStringLiteral(".corrupt-") + QString::number(Clock::nowMs());
        for (int i = 1; QFile::exists(aside); ++i)
            aside = m_path + QStringLiteral(".corrupt-%1-%2").arg(Clock::nowMs()).arg(i);
        if (!QFile::rename(m_path, aside))
            aside = QStringLiteral("(could not move it aside)");
        qCWarning(lcSecrets).noquote()
            << "the secrets file" << m_path << "is corrupt (" + why + "); moved it to" << aside
            << "and starting with new secrets: API keys issued before stop working";
        return;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString())
            continue;
        const auto decoded = QByteArray::fromBase64Encoding(it.value().toString().toLatin1());
        if (decoded)
            m_values.insert(it.key(), decoded.decoded);
    }
}

bool FileSecretStore::saveLocked()
{
    QJsonObject o;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
        o.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly)) {
        qCWarning(lcSecrets) << "cannot write the secrets file" << m_path << ":" << f.errorString();
        return false;
    }
    // The temporary file gets the final permissions before any secret is written to it.
    f.setPermissions(kOwnerOnly);
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit()) {
        qCWarning(lcSecrets) << "cannot write the secrets file" << m_path << ":" << f.errorString();
        return false;
    }
    QFile::setPermissions(m_path, kOwnerOnly);
    return true;
}

std::optional<QByteArray> FileSecretStore::read(const QString &key)
{
    const QMutexLocker lock(&m_mutex);
    loadLocked();
    const auto it = m_values.constFind(key);
    if (it == m_values.cend())
        return std::nullopt;
    return *it;
}

bool FileSecretStore::write(const QString &key, const QByteArray &value)
{
    const QMutexLocker lock(&m_mutex);
    loadLocked();
    const auto old = m_values.value(key);
    const bool existed = m_values.contains(key);
    m_values.insert(key, value);
    if (saveLocked())
        return true;
    if (existed)
        m_values.insert(key, old);
    else
        m_values.remove(key);
    return false;
}

bool FileSecretStore::remove(const QString &key)
{
    const QMutexLocker lock(&m_mutex);
    loadLocked();
    if (!m_values.contains(key))
        return false;
    const QByteArray old = m_values.take(key);
    if (saveLocked())
        return true;
    m_values.insert(key, old);
    return false;
}
