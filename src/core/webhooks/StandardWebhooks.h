#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Signing and verifying as the Standard Webhooks specification says
// (https://www.standardwebhooks.com, "Signature scheme"), so a receiver checks our requests with
// any Standard Webhooks library:
//   - a secret is "whsec_" + base64 of the key bytes (the prefix is optional when parsing);
//   - the signed content is "<webhook-id>.<webhook-timestamp>.<body>" (the exact body bytes);
//   - the signature is base64(HMAC-SHA256(key, content)), sent as "v1,<signature>"; with
//     several live secrets (rotation overlap) the versioned signatures are space-separated;
//   - a verifier accepts when any "v1," signature of the header matches any of its secrets, and
//     the timestamp is within a tolerance (5 minutes) of its clock.
class StandardWebhooks
{
public:
    static constexpr qint64 kToleranceSecs = 5 * 60;

    // The key bytes of a "whsec_<base64>" secret (or bare base64); empty if it is not base64 or
    // decodes to nothing.
    static QByteArray secretKey(const QString &secret);

    // "v1,<base64>" of one secret.
    static QString signature(const QString &id, qint64 timestampSecs, const QByteArray &body,
                             const QString &secret);
    // The webhook-signature header value: one "v1,<base64>" per secret, space-separated, in
    // the order given (current secret first). Secrets that do not parse are skipped.
    static QString sign(const QString &id, qint64 timestampSecs, const QByteArray &body,
                        const QStringList &secrets);

    // True when the header carries a v1 signature that matches one of the secrets and the
    // timestamp is within kToleranceSecs of nowSecs. Comparisons are constant-time.
    static bool verify(const QString &id, qint64 timestampSecs, const QByteArray &body,
                       const QString &signatureHeader, const QStringList &secrets, qint64 nowSecs);
};
