#include "security/KeychainSecretStore.h"

#include "DomainError.h"

#include <QDir>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <memory>

#include <qt6keychain/keychain.h>

Q_DECLARE_LOGGING_CATEGORY(lcSecrets)

namespace {

struct JobResult
{
    bool done = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};

// Runs a started-by-us job to completion or timeout. The job deletes itself when it finishes
// (autoDelete): after a timeout it may still finish later, so it only ever touches the shared
// result, never this stack frame.
std::shared_ptr<JobResult> runJob(QKeychain::Job *job, int timeoutMs)
{
    auto result = std::make_shared<JobResult>();
    QEventLoop loop;
    QPointer<QEventLoop> loopPtr(&loop);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, job, [result, loopPtr](QKeychain::Job *j) {
        result->done = true;
        result->error = j->error();
        result->errorString = j->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
            result->data = read->binaryData();
        if (loopPtr)
            loopPtr->quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job->start();
    if (!result->done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!result->done) {
        result->error = QKeychain::OtherError;
        result->errorString =
            QStringLiteral("no answer from the keychain within %1 s").arg(timeoutMs / 1000);
    }
    return result;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service)), m_timeoutMs(timeoutMs)
{
}

QString KeychainSecretStore::serviceForDataDir(const QString &dataDir)
{
    return QStringLiteral("wamator:") + QDir(dataDir).absolutePath();
}

std::optional<QByteArray> KeychainSecretStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    const auto r = runJob(job, m_timeoutMs);
    if (r->error == QKeychain::NoError)
        return r->data;
    if (r->error == QKeychain::EntryNotFound)
        return std::nullopt;
    m_lastError = r->errorString;
    qCWarning(lcSecrets).noquote() << "keychain read of" << key << "failed:" << r->errorString;
    throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("secret_store_unavailable"),
                      QStringLiteral("The OS keychain could not be read (%1)").arg(r->errorString));
}

bool KeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setBinaryData(value);
    const auto r = runJob(job, m_timeoutMs);
    if (r->error == QKeychain::NoError)
        return true;
    m_lastError = r->errorString;
    qCWarning(lcSecrets).noquote() << "keychain write of" << key << "failed:" << r->errorString;
    return false;
}

bool KeychainSecretStore::remove(const QString &key)
{
    // The Secret Service reports success for deleting a missing entry; look first so remove()
    // answers "was there" the same way on every backend.
    try {
        if (!read(key))
            return false;
    } catch (const DomainError &) {
        return false;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    const auto r = runJob(job, m_timeoutMs);
    if (r->error == QKeychain::NoError)
        return true;
    if (r->error != QKeychain::EntryNotFound) {
        m_lastError = r->errorString;
        qCWarning(lcSecrets).noquote()
            << "keychain delete of" << key << "failed:" << r->errorString;
    }
    return false;
}

QString KeychainSecretStore::probe()
{
    const QString key = QStringLiteral("probe");
    const QByteArray value = QByteArrayLiteral("wamator-probe");
    auto *w = new QKeychain::WritePasswordJob(m_service);
    w->setKey(key);
    w->setBinaryData(value);
    const auto wr = runJob(w, m_timeoutMs);
    if (wr->error != QKeychain::NoError)
        return m_lastError =
                   wr->errorString.isEmpty() ? QStringLiteral("write failed") : wr->errorString;
    auto *r = new QKeychain::ReadPasswordJob(m_service);
    r->setKey(key);
    const auto rr = runJob(r, m_timeoutMs);
    if (rr->error != QKeychain::NoError)
        return m_lastError =
                   rr->errorString.isEmpty() ? QStringLiteral("read failed") : rr->errorString;
    if (rr->data != value)
        return m_lastError = QStringLiteral("the keychain returned different data than was stored");
    auto *d = new QKeychain::DeletePasswordJob(m_service);
    d->setKey(key);
    runJob(d, m_timeoutMs);
    return {};
}
