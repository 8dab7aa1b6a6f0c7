#include "security/Crypto.h"

#include <sodium.h>

#include <QLoggingCategory>
#include <QMutex>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <mutex>

Q_LOGGING_CATEGORY(lcCrypto, "wamator.crypto")

namespace {

QString toHex(const unsigned char *data, size_t len)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(data), int(len)).toHex());
}

void ensureInit()
{
    if (!Crypto::init())
        qFatal("libsodium could not be initialised");
}

std::atomic<quint64> g_passwordWork{0};
QMutex g_hookMutex;
std::function<void()> g_hook; // guarded by g_hookMutex

void beforePasswordWork()
{
    ++g_passwordWork;
    std::function<void()> hook;
    {
        const QMutexLocker lock(&g_hookMutex);
        hook = g_hook;
    }
    if (hook)
        hook();
}

// Argon2id's 64 MiB per computation: two at a time keep a burst of logins and registrations
// from taking hundreds of megabytes (the rest wait in the queue) and leave a core to the UI.
QThreadPool &passwordPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(2);
        p->setObjectName(QStringLiteral("wamator-passwords"));
        return p;
    }();
    return *pool;
}

QString hashNow(const QString &password)
{
    ensureInit();
    const QByteArray pw = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    // Argon2id with the interactive limits: about 64 MiB and well under a second, so login
    // stays usable while offline guessing stays expensive.
    if (crypto_pwhash_str(out, pw.constData(), static_cast<unsigned long long>(pw.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        qCCritical(lcCrypto) << "crypto_pwhash_str failed (out of memory?)";
        return {};
    }
    return QString::fromLatin1(out);
}

// Verified against when the account is unknown, so that it costs the same as a wrong password.
const QString &dummyHash()
{
    static std::once_flag once;
    static QString hash;
    std::call_once(once, [] { hash = hashNow(Crypto::generateToken(16)); });
    return hash;
}

} // namespace

bool Crypto::init()
{
    // sodium_init is itself idempotent and thread-safe; 1 means "already done".
    return sodium_init() >= 0;
}

QString Crypto::hashPassword(const QString &password)
{
    beforePasswordWork();
    return hashNow(password);
}

bool Crypto::verifyPassword(const QString &password, const QString &hash)
{
    ensureInit();
    beforePasswordWork();
    if (hash.isEmpty()) {
        const QByteArray dummy = dummyHash().toLatin1();
        const QByteArray pw = password.toUtf8();
        const int spent = crypto_pwhash_str_verify(dummy.constData(), pw.constData(),
                                                   static_cast<unsigned long long>(pw.size()));
        Q_UNUSED(spent); // the time is the point, not the answer
        return false;
    }
    const QByteArray h = hash.toLatin1();
    if (h.isEmpty() || h.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray pw = password.toUtf8();
    // crypto_pwhash_str_verify wants a NUL-terminated string; QByteArray always has one.
    return crypto_pwhash_str_verify(h.constData(), pw.constData(),
                                    static_cast<unsigned long long>(pw.size())) == 0;
}

QFuture<QString> Crypto::hashPasswordAsync(const QString &password)
{
    return QtConcurrent::run(&passwordPool(), [password] { return hashPassword(password); });
}

QFuture<bool> Crypto::verifyPasswordAsync(const QString &password, const QString &hash)
{
    return QtConcurrent::run(&passwordPool(),
                             [password, hash] { return verifyPassword(password, hash); });
}

quint64 Crypto::passwordWorkCount()
{
    return g_passwordWork.load();
}

void Crypto::setPasswordWorkHookForTesting(std::function<void()> hook)
{
    const QMutexLocker lock(&g_hookMutex);
    g_hook = std::move(hook);
}

QString Crypto::generateApiKey()
{
    return generateToken(32);
}

QString Crypto::generateToken(int bytes)
{
    const QByteArray r = randomBytes(bytes);
    return QString::fromLatin1(r.toHex());
}

QByteArray Crypto::randomBytes(int n)
{
    ensureInit();
    if (n <= 0)
        return {};
    QByteArray out(n, Qt::Uninitialized);
    randombytes_buf(out.data(), static_cast<size_t>(n));
    return out;
}

QString Crypto::hmacHex(const QByteArray &key, const QString &message)
{
    ensureInit();
    const QByteArray msg = message.toUtf8();
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    // The _init variant takes a key of any length (hashed when longer than a block).
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char *>(key.constData()),
                                static_cast<size_t>(key.size()));
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char *>(msg.constData()),
                                  static_cast<unsigned long long>(msg.size()));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_memzero(&st, sizeof st);
    return toHex(mac, sizeof mac);
}

QString Crypto::encrypt(const QByteArray &key, const QString &plaintext)
{
    ensureInit();
    if (key.size() != crypto_secretbox_KEYBYTES) {
        qCCritical(lcCrypto) << "encrypt: the key must be" << crypto_secretbox_KEYBYTES << "bytes";
        return {};
    }
    const QByteArray msg = plaintext.toUtf8();
    QByteArray out(int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) + msg.size(),
                   Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(msg.constData()),
                          static_cast<unsigned long long>(msg.size()), nonce,
                          reinterpret_cast<const unsigned char *>(key.constData()));
    return QString::fromLatin1(out.toBase64());
}

QString Crypto::decrypt(const QByteArray &key, const QString &ciphertextB64)
{
    ensureInit();
    if (key.size() != crypto_secretbox_KEYBYTES)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(ciphertextB64.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return {};
    const QByteArray &in = decoded.decoded;
    const int minSize = int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES);
    if (in.size() < minSize)
        return {};
    const auto *nonce = reinterpret_cast<const unsigned char *>(in.constData());
    const auto *box = nonce + crypto_secretbox_NONCEBYTES;
    const auto boxLen =
        static_cast<unsigned long long>(in.size() - int(crypto_secretbox_NONCEBYTES));
    QByteArray plain(in.size() - minSize, Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()), box, boxLen,
                                   nonce,
                                   reinterpret_cast<const unsigned char *>(key.constData())) != 0)
        return {};
    return QString::fromUtf8(plain);
}
