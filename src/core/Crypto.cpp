#include "Crypto.h"

#include <sodium.h>

#include <QLoggingCategory>

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

} // namespace

bool Crypto::init()
{
    // sodium_init is itself idempotent and thread-safe; 1 means "already done".
    return sodium_init() >= 0;
}

QString Crypto::hashPassword(const QString &password)
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

bool Crypto::verifyPassword(const QString &password, const QString &hash)
{
    ensureInit();
    const QByteArray h = hash.toLatin1();
    if (h.isEmpty() || h.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray pw = password.toUtf8();
    // crypto_pwhash_str_verify wants a NUL-terminated string; QByteArray always has one.
    return crypto_pwhash_str_verify(h.constData(), pw.constData(),
                                    static_cast<unsigned long long>(pw.size())) == 0;
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
