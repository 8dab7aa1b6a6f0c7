#include "webhooks/StandardWebhooks.h"

#include <QMessageAuthenticationCode>

namespace {
const QLatin1String kSecretPrefix("whsec_");
const QLatin1String kVersion("v1,");

QByteArray hmac(const QByteArray &key, const QString &id, qint64 timestampSecs,
                const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(id.toUtf8());
    mac.addData(".", 1);
    mac.addData(QByteArray::number(timestampSecs));
    mac.addData(".", 1);
    mac.addData(body);
    return mac.result();
}

// Constant-time equality: a receiver-side check must not leak how many bytes matched.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}
} // namespace

QByteArray StandardWebhooks::secretKey(const QString &secret)
{
    QString text = secret.trimmed();
    if (text.startsWith(kSecretPrefix))
        text = text.mid(kSecretPrefix.size());
    const auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return {};
    return decoded.decoded;
}

QString StandardWebhooks::signature(const QString &id, qint64 timestampSecs, const QByteArray &body,
                                    const QString &secret)
{
    const QByteArray key = secretKey(secret);
    if (key.isEmpty())
        return {};
    return kVersion + QString::fromLatin1(hmac(key, id, timestampSecs, body).toBase64());
}

QString StandardWebhooks::sign(const QString &id, qint64 timestampSecs, const QByteArray &body,
                               const QStringList &secrets)
{
    QStringList parts;
    for (const QString &secret : secrets) {
        const QString s = signature(id, timestampSecs, body, secret);
        if (!s.isEmpty())
            parts.append(s);
    }
    return parts.join(QLatin1Char(' '));
}

bool StandardWebhooks::verify(const QString &id, qint64 timestampSecs, const QByteArray &body,
                              const QString &signatureHeader, const QStringList &secrets,
                              qint64 nowSecs)
{
    if (qAbs(nowSecs - timestampSecs) > kToleranceSecs)
        return false;
    QList<QByteArray> expected;
    for (const QString &secret : secrets) {
        const QByteArray key = secretKey(secret);
        if (!key.isEmpty())
            expected.append(hmac(key, id, timestampSecs, body));
    }
    const QStringList given = signatureHeader.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    bool ok = false;
    for (const QString &part : given) {
        if (!part.startsWith(kVersion))
            continue; // other versions (v1a, ...) are not ours to check
        const auto decoded = QByteArray::fromBase64Encoding(
            part.mid(kVersion.size()).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            continue;
        for (const QByteArray &e : expected)
            ok |= sameBytes(decoded.decoded, e); // no early exit: same time whichever matched
    }
    return ok;
}
