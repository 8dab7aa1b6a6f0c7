#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>
#include <functional>

// libsodium: Argon2id password hashes, 256-bit API keys, HMAC-SHA256 lookup hashes and
// secretbox encryption of API keys (so login can show the current key while a stolen database
// alone yields none). Keys come from the SecretStore (see KeyVault).
class Crypto
{
public:
    static bool init();                                   // sodium_init; safe to call many times
    static QString hashPassword(const QString &password); // crypto_pwhash_str (Argon2id)
    // An empty `hash` (unknown account) costs the same Argon2id time and answers false, so
    // response times do not tell which accounts exist.
    static bool verifyPassword(const QString &password, const QString &hash);
    // The same on the password pool, off the calling thread: a hash takes ~64 MiB and a good
    // fraction of a second, which must not stall the thread that serves the API and the window.
    // The pool has at most 2 threads, which also bounds the memory that Argon2id can take.
    static QFuture<QString> hashPasswordAsync(const QString &password);
    static QFuture<bool> verifyPasswordAsync(const QString &password, const QString &hash);
    // Argon2id computations started so far in this process (hash and verify): lets tests check
    // that a refused request never paid for one.
    static quint64 passwordWorkCount();
    // Tests only: called on the computing thread before each Argon2id (empty = none), so a test
    // can hold password work and watch what the server does meanwhile.
    static void setPasswordWorkHookForTesting(std::function<void()> hook);
    static QString generateApiKey();              // 64 lowercase hex chars
    static QString generateToken(int bytes = 32); // hex
    static QByteArray randomBytes(int n);
    static QString hmacHex(const QByteArray &key, const QString &message);   // HMAC-SHA256, hex
    static QString encrypt(const QByteArray &key, const QString &plaintext); // base64(nonce||box)
    // Empty QString if the ciphertext was tampered with or the key is wrong.
    static QString decrypt(const QByteArray &key, const QString &ciphertextB64);
};
