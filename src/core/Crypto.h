#pragma once

#include <QByteArray>
#include <QString>

// libsodium: Argon2id password hashes, 256-bit API keys, HMAC-SHA256 lookup hashes and
// secretbox encryption of API keys (so login can show the current key while a stolen database
// alone yields none). Keys come from the SecretStore (see KeyVault).
class Crypto
{
public:
    static bool init(); // sodium_init; safe to call many times
    static QString hashPassword(const QString &password);          // crypto_pwhash_str (Argon2id)
    static bool verifyPassword(const QString &password, const QString &hash);
    static QString generateApiKey();                                // 64 lowercase hex chars
    static QString generateToken(int bytes = 32);                   // hex
    static QByteArray randomBytes(int n);
    static QString hmacHex(const QByteArray &key, const QString &message); // HMAC-SHA256, hex
    static QString encrypt(const QByteArray &key, const QString &plaintext); // base64(nonce||box)
    // Empty QString if the ciphertext was tampered with or the key is wrong.
    static QString decrypt(const QByteArray &key, const QString &ciphertextB64);
};
