#include "ComposeDialog.h"
#include "CoreServices.h"
#include "CsvImportDialog.h"
#include "GuiContext.h"
#include "GuiTestSupport.h"
#include "NumberDialog.h"
#include "PlanDialog.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "SubscriptionDialog.h"
#include "TestSupport.h"
#include "UserDialog.h"
#include "VendorDialog.h"
#include "accounts/PlanStore.h"
#include "accounts/VendorStore.h"
#include "messaging/MessageStore.h"
#include "outbox/OutboxDispatcher.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

// issue 6's "done when", through the window's own dialogs and pages: create a vendor and a
// user, a plan and a subscription, add a sandbox number, connect it and simulate the scan,
// import contacts from a CSV, send a templated message and watch it reach `read` (real
// simulator page, real dispatcher).
class TestOperatorFlow : public QObject
{
    Q_OBJECT

    template <typename Dialog>
    static void set(Dialog &d, const char *name, const QString &text)
    {
        auto *edit = d.template findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }

private Q_SLOTS:
    void fromNothingToARead()
    {
        TempDataDir dir;
        std::unique_ptr<CoreServices> core = makeCoreServices(dir);
        SessionManager sessions(*core);
        OutboxDispatcher dispatcher(*core, sessions.sender());
        dispatcher.start();
        GuiContext ctx(*core, sessions);

        // Vendor: a short password is refused with a message, then fixed.
        VendorDialog vendorDialog(*core, Vendor{});
        set(vendorDialog, "nameEdit", QStringLiteral("Ada"));
        set(vendorDialog, "emailEdit", QStringLiteral("ada@bakery.example"));
        set(vendorDialog, "passwordEdit", QStringLiteral("short"));
        set(vendorDialog, "companyEdit", QStringLiteral("Bakery"));
        set(vendorDialog, "phoneEdit", QStringLiteral("+2348031110000"));
        vendorDialog.accept();
        QCOMPARE(vendorDialog.result(), int(QDialog::Rejected));
        QVERIFY(!vendorDialog.errorText().isEmpty());
        set(vendorDialog, "passwordEdit", QStringLiteral("long enough password"));
        vendorDialog.accept();
        QCOMPARE(vendorDialog.result(), int(QDialog::Accepted));
        QCOMPARE(vendorDialog.issuedKey().size(), 64);
        const qint64 vendorId = vendorDialog.vendor().id;

        UserDialog userDialog(*core, vendorId, AppUser{});
        set(userDialog, "nameEdit", QStringLiteral("Branch"));
        set(userDialog, "emailEdit", QStringLiteral("not-an-email"));
        userDialog.accept();
        QCOMPARE(userDialog.result(), int(QDialog::Rejected));
        set(userDialog, "emailEdit", QStringLiteral("branch@bakery.example"));
        userDialog.accept();
        QCOMPARE(userDialog.result(), int(QDialog::Accepted));
        const qint64 userId = userDialog.user().id;

        // Without a subscription the number is refused, in words.
        {
            NumberDialog numberDialog(ctx, vendorId, userId, WhatsAppNumber{});
            numberDialog.setValues(QStringLiteral("08035550101"), QStringLiteral("Orders"), true);
            numberDialog.accept();
            QCOMPARE(numberDialog.result(), int(QDialog::Rejected));
            QVERIFY2(numberDialog.errorText().contains(QStringLiteral("subscription")),
                     qPrintable(numberDialog.errorText()));
        }
        PlanDialog planDialog(*core, Plan{});
        set(planDialog, "nameEdit", QStringLiteral("Starter"));
        planDialog.findChild<QSpinBox *>(QStringLiteral("numbersSpin"))->setValue(2);
        planDialog.findChild<QSpinBox *>(QStringLiteral("messagesSpin"))->setValue(1000);
        planDialog.accept();
        QCOMPARE(planDialog.result(), int(QDialog::Accepted));
        SubscriptionDialog subscriptionDialog(*core, Subscription{});
        subscriptionDialog.selectUser(vendorId, userId);
        subscriptionDialog.accept();
        QCOMPARE(subscriptionDialog.result(), int(QDialog::Accepted));
        QCOMPARE(subscriptionDialog.subscription().appUserId, userId);

        NumberDialog numberDialog(ctx, vendorId, userId, WhatsAppNumber{});
        numberDialog.setValues(QStringLiteral("08035550101"), QStringLiteral("Orders"), true);
        numberDialog.accept();
        QCOMPARE(numberDialog.result(), int(QDialog::Accepted));
        const WhatsAppNumber number = numberDialog.number();
        QCOMPARE(number.phoneNumber, QStringLiteral("2348035550101"));

        // Sessions page: connect, the QR appears natively, simulate the scan.
        SessionsPage sessionsPage(ctx);
        QVERIFY(sessionsPage.selectNumber(number.id));
        sessionsPage.connectSelected();
        QTRY_VERIFY_WITH_TIMEOUT(!sessionsPage.qrText().isEmpty(), 60000);
        QVERIFY(sessionsPage.countdownText().contains(QStringLiteral("refreshes in")));
        sessionsPage.simulateScanSelected();
        QTRY_COMPARE_WITH_TIMEOUT(sessions.snapshot(vendorId, number.id).state, SessionState::Ready, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(sessionsPage.qrText().isEmpty(), 10000);

        // Contacts from a CSV file.
        const QString csv = dir.file(QStringLiteral("contacts.csv"));
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Name;Mobile;Nickname\nChidi Okafor;08031230001;Chidi\nBisi Bello;08031230002;\n"
                    "Wrong;123;\n");
        }
        CsvImportDialog importDialog(*core, vendorId, userId);
        QVERIFY(importDialog.setFile(csv));
        QSignalSpy imported(&importDialog, &CsvImportDialog::importFinished);
        QVERIFY(importDialog.startImport());
        QVERIFY(imported.wait(30000));
        QCOMPARE(importDialog.lastSummary().added, 2);
        QCOMPARE(importDialog.lastSummary().skippedByReason.value(QStringLiteral("invalid_phone")), 1);

        // A templated message with its live preview, sent through the pipeline.
        ComposeDialog compose(ctx, vendorId, userId);
        compose.setMessage(QStringLiteral("Hello {{nickname|friend}}, your cake is ready!"));
        compose.setSearch(QString());
        compose.addAllMatching();
        QCOMPARE(compose.recipientCount(), 2);
        QVERIFY2(compose.previewText().startsWith(QStringLiteral("Hello ")), qPrintable(compose.previewText()));
        QSignalSpy sent(&compose, &ComposeDialog::sent);
        QSignalSpy finished(&compose, &ComposeDialog::sendFinished);
        compose.send(); // queued on a worker thread
        QVERIFY(compose.isSending());
        compose.reject(); // refused while the batch is being queued
        QVERIFY(compose.isSending());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(compose.resultText()));
        QVERIFY(!compose.isSending());
        QCOMPARE(sent.count(), 1);
        QVERIFY(compose.resultText().startsWith(QStringLiteral("2 message(s) queued.")));
        const QString batchId = sent.first().first().toString();

        QTRY_COMPARE_WITH_TIMEOUT(core->messages().countsForBatch(vendorId, batchId).value(MessageStatus::Read), 2, 60000);
        QStringList bodies;
        for (const Message &m : core->messages().listBatch(vendorId, batchId))
            bodies << m.message;
        bodies.sort();
        QCOMPARE(bodies, (QStringList{QStringLiteral("Hello Chidi, your cake is ready!"),
                                      QStringLiteral("Hello friend, your cake is ready!")}));

        // Issue #16: the dialog's other types, through the same pipeline to the page.
        for (const QString &type : {QStringLiteral("location"), QStringLiteral("contact")}) {
            ComposeDialog rich(ctx, vendorId, userId);
            rich.setSearch(QStringLiteral("Chidi"));
            rich.addAllMatching();
            QCOMPARE(rich.recipientCount(), 1);
            rich.setType(type);
            rich.setLocation(6.45, 3.39, QStringLiteral("Cakes for {{nickname}}"), QString());
            rich.setCard(QStringLiteral("Orders desk"), QStringLiteral("08035550101"));
            QSignalSpy richSent(&rich, &ComposeDialog::sent);
            QSignalSpy richDone(&rich, &ComposeDialog::sendFinished);
            rich.send();
            QVERIFY(richDone.wait(30000));
            QVERIFY2(richDone.first().first().toBool(), qPrintable(rich.resultText()));
            const QString richBatch = richSent.first().first().toString();
            QTRY_COMPARE_WITH_TIMEOUT(
                core->messages().countsForBatch(vendorId, richBatch).value(MessageStatus::Read), 1,
                60000);
            const Message m = core->messages().listBatch(vendorId, richBatch).first();
            QCOMPARE(m.messageType, type);
            if (type == QLatin1String("location"))
                QVERIFY2(m.payload.contains(QStringLiteral("\"name\":\"Cakes for Chidi\"")),
                         qPrintable(m.payload));
            else
                QVERIFY2(m.payload.contains(QStringLiteral("FN:Orders desk")),
                         qPrintable(m.payload));
        }
        dispatcher.stop();
    }
};

WAMATOR_GUI_TEST_MAIN(TestOperatorFlow)
#include "tst_operatorflow.moc"
