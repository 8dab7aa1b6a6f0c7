#include "webhooks/StandardWebhooks.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

// Our signatures must verify with the Standard Webhooks reference implementations: a known
// vector of the spec's libraries, the npm `standardwebhooks` package (a real receiver-side
// client) and a Python HMAC check of our own.
class TestStandardWebhooks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownVector();
    void secretParsing();
    void twoSecretsDuringRotation();
    void verifyRejects();
    void pythonHmacCheck();
    void npmStandardWebhooksVerifies();
};

namespace {
// From the Standard Webhooks / Svix libraries' own tests.
const QString kSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QString kId = QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek");
const qint64 kTimestamp = 1614265330;
const QByteArray kPayload = "{\"test\": 2432232314}";
const QString kExpected = QStringLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

const QString kOtherSecret =
    QStringLiteral("whsec_") + QString::fromLatin1(QByteArray(32, '\x5a').toBase64());
} // namespace

void TestStandardWebhooks::knownVector()
{
    QCOMPARE(StandardWebhooks::signature(kId, kTimestamp, kPayload, kSecret), kExpected);
    QCOMPARE(StandardWebhooks::sign(kId, kTimestamp, kPayload, {kSecret}), kExpected);
    QVERIFY(StandardWebhooks::verify(kId, kTimestamp, kPayload, kExpected, {kSecret}, kTimestamp));
}

void TestStandardWebhooks::secretParsing()
{
    QCOMPARE(StandardWebhooks::secretKey(kSecret),
             QByteArray::fromBase64("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    // The prefix is optional (the libraries accept a bare base64 secret too).
    QCOMPARE(StandardWebhooks::secretKey(QStringLiteral("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
             StandardWebhooks::secretKey(kSecret));
    QVERIFY(StandardWebhooks::secretKey(QStringLiteral("whsec_not base64!")).isEmpty());
    QVERIFY(StandardWebhooks::secretKey(QStringLiteral("whsec_")).isEmpty());
    QVERIFY(StandardWebhooks::signature(kId, kTimestamp, kPayload, QStringLiteral("whsec_%%"))
                .isEmpty());
}

void TestStandardWebhooks::twoSecretsDuringRotation()
{
    const QString header =
        StandardWebhooks::sign(kId, kTimestamp, kPayload, {kOtherSecret, kSecret});
    const QStringList parts = header.split(QLatin1Char(' '));
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(1), kExpected); // current first, previous second
    QVERIFY(parts.at(0).startsWith(QLatin1String("v1,")));
    // A receiver holding either secret accepts.
    QVERIFY(StandardWebhooks::verify(kId, kTimestamp, kPayload, header, {kSecret}, kTimestamp));
    QVERIFY(
        StandardWebhooks::verify(kId, kTimestamp, kPayload, header, {kOtherSecret}, kTimestamp));
}

void TestStandardWebhooks::verifyRejects()
{
    const qint64 now = kTimestamp;
    QVERIFY(!StandardWebhooks::verify(kId, kTimestamp, kPayload + " ", kExpected, {kSecret}, now));
    QVERIFY(!StandardWebhooks::verify(kId + QLatin1Char('x'), kTimestamp, kPayload, kExpected,
                                      {kSecret}, now));
    QVERIFY(!StandardWebhooks::verify(kId, kTimestamp, kPayload, kExpected, {kOtherSecret}, now));
    QVERIFY(!StandardWebhooks::verify(kId, kTimestamp, kPayload,
                                      QStringLiteral("v2,") + kExpected.mid(3), {kSecret}, now));
    // Outside the 5-minute tolerance either way.
    QVERIFY(!StandardWebhooks::verify(kId, kTimestamp, kPayload, kExpected, {kSecret}, now + 301));
    QVERIFY(!StandardWebhooks::verify(kId, kTimestamp, kPayload, kExpected, {kSecret}, now - 301));
    QVERIFY(StandardWebhooks::verify(kId, kTimestamp, kPayload, kExpected, {kSecret}, now + 300));
}

void TestStandardWebhooks::pythonHmacCheck()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!python.isEmpty(), "python3 is not installed (scripts/install-deps --test installs it)");
    // Our own reading of the spec, independent of the C++ code: HMAC-SHA256 over
    // id.timestamp.body with the base64-decoded secret after "whsec_".
    const QString script =
        QStringLiteral("import sys, hmac, hashlib, base64\n"
                       "secret, msg_id, ts = sys.argv[1], sys.argv[2], sys.argv[3]\n"
                       "body = sys.stdin.buffer.read()\n"
                       "key = base64.b64decode(secret[len('whsec_'):])\n"
                       "content = msg_id.encode() + b'.' + ts.encode() + b'.' + body\n"
                       "print('v1,' + base64.b64encode(hmac.new(key, content, "
                       "hashlib.sha256).digest()).decode())\n");
    const QByteArray body =
        QStringLiteral("{\"type\":\"message_received\",\"timestamp\":"
                       "\"2026-12-06T12:00:00Z\",\"data\":{\"text\":\"héllo ✓\"}}")
            .toUtf8();
    const qint64 ts = QDateTime::currentSecsSinceEpoch();
    for (const QString &secret : {kSecret, kOtherSecret}) {
        QProcess p;
        p.start(python, {QStringLiteral("-c"), script, secret, kId, QString::number(ts)});
        QVERIFY(p.waitForStarted());
        p.write(body);
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromLatin1(p.readAllStandardOutput().trimmed()),
                 StandardWebhooks::signature(kId, ts, body, secret));
    }
}

void TestStandardWebhooks::npmStandardWebhooksVerifies()
{
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    // scripts/install-deps --test installs them: missing is a broken setup, not a reason to pass.
    QVERIFY2(!npm.isEmpty() && !node.isEmpty(),
             "npm/node are not installed (scripts/install-deps --test installs them)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess install;
    install.setWorkingDirectory(dir.path());
    install.start(npm, {QStringLiteral("install"), QStringLiteral("--no-audit"),
                        QStringLiteral("--no-fund"), QStringLiteral("--silent"),
                        QStringLiteral("standardwebhooks@1")});
    QVERIFY(install.waitForFinished(90000));
    QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());

    // The package verifies what we sign (headers as we send them) and throws otherwise; the
    // script prints one line per case.
    const QString script =
        QStringLiteral("const {Webhook} = require('standardwebhooks');\n"
                       "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
                       "for (const c of input) {\n"
                       "  try {\n"
                       "    new Webhook(c.secret).verify(c.body, {'webhook-id': c.id,\n"
                       "      'webhook-timestamp': String(c.ts), 'webhook-signature': c.sig});\n"
                       "    console.log('ok');\n"
                       "  } catch (e) { console.log('rejected'); }\n"
                       "}\n");
    const qint64 ts = QDateTime::currentSecsSinceEpoch();
    const QByteArray body = QStringLiteral("{\"type\":\"message_status\",\"timestamp\":"
                                           "\"2026-12-06T12:00:00Z\",\"data\":{\"status\":\"read\","
                                           "\"text\":\"ünïcode ✓\"}}")
                                .toUtf8();
    const QString twoSig = StandardWebhooks::sign(kId, ts, body, {kOtherSecret, kSecret});
    auto make = [&](const QString &secret, const QString &sig, const QByteArray &b) {
        return QJsonObject{{QStringLiteral("secret"), secret},
                           {QStringLiteral("id"), kId},
                           {QStringLiteral("ts"), ts},
                           {QStringLiteral("sig"), sig},
                           {QStringLiteral("body"), QString::fromUtf8(b)}};
    };
    const QJsonArray cases{
        make(kSecret, StandardWebhooks::sign(kId, ts, body, {kSecret}), body),
        make(kSecret, twoSig, body),      // the previous secret during the rotation overlap
        make(kOtherSecret, twoSig, body), // the new one
        make(kSecret, StandardWebhooks::sign(kId, ts, body, {kSecret}), body + " "), // tampered
        make(kOtherSecret, StandardWebhooks::sign(kId, ts, body, {kSecret}), body),  // wrong key
    };
    QProcess run;
    run.setWorkingDirectory(dir.path());
    run.start(node, {QStringLiteral("-e"), script});
    QVERIFY(run.waitForStarted());
    run.write(QJsonDocument(cases).toJson(QJsonDocument::Compact));
    run.closeWriteChannel();
    QVERIFY(run.waitForFinished(30000));
    QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
    QCOMPARE(QString::fromLatin1(run.readAllStandardOutput())
                 .split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             QStringList({QStringLiteral("ok"), QStringLiteral("ok"), QStringLiteral("ok"),
                          QStringLiteral("rejected"), QStringLiteral("rejected")}));
}

QTEST_GUILESS_MAIN(TestStandardWebhooks)
#include "tst_standardwebhooks.moc"
