#include "security/Crypto.h"

#include <QRegularExpression>
#include <QtTest>

class TestCrypto : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(Crypto::init());
        QVERIFY(Crypto::init());
    }
    void hashAndVerify();
    void wrongPassword();
    void garbageHash();
    void keyFormat();
    void randomness();
    void hmacStable();
    void encryptRoundTrip();
    void tamperedCiphertext();
    void wrongKey();
};

void TestCrypto::hashAndVerify()
{
    const QString pw = QString::fromUtf8("correct horse battery staple ✓");
    const QString h = Crypto::hashPassword(pw);
    QVERIFY(h.startsWith(QLatin1String("$argon2id$")));
    QVERIFY(!h.contains(pw));
    QVERIFY(Crypto::verifyPassword(pw, h));
    // Salted: the same password hashes differently each time, and both verify.
    const QString h2 = Crypto::hashPassword(pw);
    QVERIFY(h != h2);
    QVERIFY(Crypto::verifyPassword(pw, h2));
}

void TestCrypto::wrongPassword()
{
    const QString h = Crypto::hashPassword(QStringLiteral("password123"));
    QVERIFY(!Crypto::verifyPassword(QStringLiteral("password124"), h));
    QVERIFY(!Crypto::verifyPassword(QStringLiteral("Password123"), h));
    QVERIFY(!Crypto::verifyPassword(QString(), h));
}

void TestCrypto::garbageHash()
{
    QVERIFY(!Crypto::verifyPassword(QStringLiteral("x"), QString()));
    QVERIFY(!Crypto::verifyPassword(QStringLiteral("x"), QStringLiteral("$argon2id$garbage")));
    QVERIFY(!Crypto::verifyPassword(QStringLiteral("x"), QString(500, QLatin1Char('a'))));
}

void TestCrypto::keyFormat()
{
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    for (int i = 0; i < 20; ++i)
        QVERIFY(hex64.match(Crypto::generateApiKey()).hasMatch());
    QCOMPARE(Crypto::generateToken(16).size(), 32);
    QCOMPARE(Crypto::randomBytes(24).size(), 24);
    QVERIFY(Crypto::randomBytes(0).isEmpty());
}

void TestCrypto::randomness()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i)
        seen.insert(Crypto::generateApiKey());
    QCOMPARE(seen.size(), 1000);
}

void TestCrypto::hmacStable()
{
    const QByteArray key = QByteArrayLiteral("0123456789abcdef0123456789abcdef");
    const QString a = Crypto::hmacHex(key, QStringLiteral("message"));
    QCOMPARE(a.size(), 64);
    QCOMPARE(Crypto::hmacHex(key, QStringLiteral("message")), a);
    QVERIFY(Crypto::hmacHex(key, QStringLiteral("messagf")) != a);
    QVERIFY(Crypto::hmacHex(QByteArrayLiteral("another key 0123456789abcdef0123"),
                            QStringLiteral("message")) != a);
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    QCOMPARE(
        Crypto::hmacHex(QByteArrayLiteral("Jefe"), QStringLiteral("what do ya want for nothing?")),
        QStringLiteral("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

void TestCrypto::encryptRoundTrip()
{
    const QByteArray key = Crypto::randomBytes(32);
    const QString plain = Crypto::generateApiKey();
    const QString c1 = Crypto::encrypt(key, plain);
    const QString c2 = Crypto::encrypt(key, plain);
    QVERIFY(!c1.isEmpty());
    QVERIFY(c1 != c2); // random nonce
    QVERIFY(!c1.contains(plain));
    QCOMPARE(Crypto::decrypt(key, c1), plain);
    QCOMPARE(Crypto::decrypt(key, c2), plain);
    const QString unicode = QString::fromUtf8("héllo wörld 🔑");
    QCOMPARE(Crypto::decrypt(key, Crypto::encrypt(key, unicode)), unicode);
    // A key of the wrong size is refused rather than used.
    QVERIFY(Crypto::encrypt(QByteArrayLiteral("short"), plain).isEmpty());
}

void TestCrypto::tamperedCiphertext()
{
    const QByteArray key = Crypto::randomBytes(32);
    const QString c = Crypto::encrypt(key, QStringLiteral("secret"));
    QByteArray raw = QByteArray::fromBase64(c.toLatin1());
    for (int i : {0, 30, int(raw.size()) - 1}) {
        QByteArray t = raw;
        t[i] = char(t[i] ^ 0x01);
        QCOMPARE(Crypto::decrypt(key, QString::fromLatin1(t.toBase64())), QString());
    }
    QCOMPARE(Crypto::decrypt(key, QString::fromLatin1(raw.left(raw.size() - 1).toBase64())),
             QString());
    QCOMPARE(Crypto::decrypt(key, QStringLiteral("not base64 !!!")), QString());
    QCOMPARE(Crypto::decrypt(key, QString()), QString());
    QCOMPARE(Crypto::decrypt(key, QStringLiteral("AAAA")), QString());
}

void TestCrypto::wrongKey()
{
    const QString c = Crypto::encrypt(Crypto::randomBytes(32), QStringLiteral("secret"));
    QCOMPARE(Crypto::decrypt(Crypto::randomBytes(32), c), QString());
    QCOMPARE(Crypto::decrypt(QByteArrayLiteral("short"), c), QString());
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
