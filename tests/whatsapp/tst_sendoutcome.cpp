#include "WhatsAppMessageSender.h"

#include <QTest>

// WhatsAppMessageSender::outcomeFor: the adapter's error codes → what the dispatcher does with
// the message. Getting one wrong either loses messages (a transient error read as permanent)
// or retries forever what WhatsApp refused for good.
class TestSendOutcome : public QObject
{
    Q_OBJECT
    using Code = MessageSender::Outcome::Code;

private Q_SLOTS:
    void adapterErrorsMapToOutcomes_data()
    {
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("reason");
        QTest::newRow("sent") << true << QString() << int(Code::Ok) << QString();
        QTest::newRow("sent, error ignored")
            << true << QStringLiteral("ERROR_NETWORK") << int(Code::Ok) << QString();
        QTest::newRow("no WhatsApp")
            << false << QStringLiteral("not_on_whatsapp") << int(Code::NotOnWhatsApp)
            << QStringLiteral("not_on_whatsapp");
        // WhatsApp refused this message for good: no retry.
        QTest::newRow("expired") << false << QStringLiteral("ERROR_EXPIRED") << int(Code::Failed)
                                 << QStringLiteral("ERROR_EXPIRED");
        QTest::newRow("cancelled") << false << QStringLiteral("ERROR_CANCELLED")
                                   << int(Code::Failed) << QStringLiteral("ERROR_CANCELLED");
        QTest::newRow("no chat") << false << QStringLiteral("chat_not_found") << int(Code::Failed)
                                 << QStringLiteral("chat_not_found");
        // Everything else is retried (reconciled by message id first, so never sent twice).
        QTest::newRow("network") << false << QStringLiteral("ERROR_NETWORK") << int(Code::Transient)
                                 << QStringLiteral("ERROR_NETWORK");
        QTest::newRow("upload") << false << QStringLiteral("ERROR_UPLOAD") << int(Code::Transient)
                                << QStringLiteral("ERROR_UPLOAD");
        QTest::newRow("timeout") << false << QStringLiteral("timeout") << int(Code::Transient)
                                 << QStringLiteral("timeout");
        QTest::newRow("outdated adapter")
            << false << QStringLiteral("adapter_outdated") << int(Code::Transient)
            << QStringLiteral("adapter_outdated");
        QTest::newRow("unknown") << false << QStringLiteral("something new") << int(Code::Transient)
                                 << QStringLiteral("something new");
        QTest::newRow("no code") << false << QString() << int(Code::Transient)
                                 << QStringLiteral("ERROR_UNKNOWN");
        // Codes are exact: a near miss is not a permanent failure.
        QTest::newRow("case differs") << false << QStringLiteral("error_expired")
                                      << int(Code::Transient) << QStringLiteral("error_expired");
    }
    void adapterErrorsMapToOutcomes()
    {
        QFETCH(bool, ok);
        QFETCH(QString, error);
        QFETCH(int, code);
        QFETCH(QString, reason);
        const MessageSender::Outcome o = WhatsAppMessageSender::outcomeFor(ok, error);
        QCOMPARE(int(o.code), code);
        QCOMPARE(o.error, reason);
    }
};

QTEST_GUILESS_MAIN(TestSendOutcome)
#include "tst_sendoutcome.moc"
