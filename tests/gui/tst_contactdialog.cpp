#include "ContactDialog.h"
#include "CoreServices.h"
#include "GuiTestSupport.h"
#include "TestSupport.h"
#include "contacts/ContactStore.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QtTest>

using GuiTestSupport::Owner;

// The contact form: every problem is named in words next to the buttons, its field gets the
// focus, and a valid form is saved through ContactService (phone normalised).
class TestContactDialog : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    Owner m_owner;

    static void set(ContactDialog &d, const char *name, const QString &text)
    {
        auto *edit = d.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_owner = GuiTestSupport::makeOwner(*m_core);
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void nameIsRequired()
    {
        ContactDialog d(*m_core, m_owner.vendorId, m_owner.userId, Contact{});
        set(d, "phoneEdit", QStringLiteral("08031234567"));
        QVERIFY(!d.validate());
        QCOMPARE(d.errorText(), QStringLiteral("Name is required."));
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QCOMPARE(m_core->contacts().countForUser(m_owner.vendorId, m_owner.userId), 0);
    }

    void phoneIsRequiredAndValid()
    {
        ContactDialog d(*m_core, m_owner.vendorId, m_owner.userId, Contact{});
        set(d, "nameEdit", QStringLiteral("Ada"));
        QVERIFY(!d.validate());
        QCOMPARE(d.errorText(), QStringLiteral("Phone number is required."));
        set(d, "phoneEdit", QStringLiteral("12345"));
        QVERIFY(!d.validate());
        QVERIFY2(d.errorText().contains(QStringLiteral("is not a valid phone number")),
                 qPrintable(d.errorText()));
        QVERIFY(d.errorText().contains(QStringLiteral("NG")));
    }

    void datesNumbersAndObjectsAreChecked()
    {
        ContactDialog d(*m_core, m_owner.vendorId, m_owner.userId, Contact{});
        d.show();
        set(d, "nameEdit", QStringLiteral("Ada"));
        set(d, "phoneEdit", QStringLiteral("08031234567"));
        set(d, "dobEdit", QStringLiteral("31/05/1990"));
        QVERIFY(!d.validate());
        QCOMPARE(d.errorText(), QStringLiteral("Date of birth must be a date like 1990-05-31."));
        // The field's tab came forward.
        auto *tabs = d.findChild<QTabWidget *>(QStringLiteral("tabs"));
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("personalTab"));

        set(d, "dobEdit", QStringLiteral("1990-05-31"));
        set(d, "spendEdit", QStringLiteral("lots"));
        QVERIFY(!d.validate());
        QCOMPARE(d.errorText(), QStringLiteral("Average spend must be a number."));

        set(d, "spendEdit", QStringLiteral("12.5"));
        set(d, "broadcastEdit", QStringLiteral("weekly"));
        QVERIFY(!d.validate());
        QVERIFY(d.errorText().startsWith(QStringLiteral("Broadcast preference must be a JSON object")));

        set(d, "broadcastEdit", QStringLiteral("{\"frequency\": \"weekly\"}"));
        QVERIFY2(d.validate(), qPrintable(d.errorText()));
        QVERIFY(d.errorText().isEmpty());
    }

    void savesANormalisedContactAndRefusesADuplicate()
    {
        {
            ContactDialog d(*m_core, m_owner.vendorId, m_owner.userId, Contact{});
            set(d, "nameEdit", QStringLiteral("Ada Lovelace"));
            set(d, "phoneEdit", QStringLiteral("0803 123 4567"));
            set(d, "kidsEdit", QStringLiteral("Byron, Anne"));
            d.findChild<QPlainTextEdit *>(QStringLiteral("notesEdit"))->setPlainText(QStringLiteral("VIP"));
            d.accept();
            QCOMPARE(d.result(), int(QDialog::Accepted));
            const Contact saved = d.savedContact();
            QVERIFY(saved.id > 0);
            QCOMPARE(saved.phoneNumber, QStringLiteral("2348031234567"));
            QCOMPARE(saved.kidsNames.size(), 2);
            QCOMPARE(saved.notes, QStringLiteral("VIP"));
        }
        ContactDialog d(*m_core, m_owner.vendorId, m_owner.userId, Contact{});
        set(d, "nameEdit", QStringLiteral("Someone else"));
        set(d, "phoneEdit", QStringLiteral("+2348031234567"));
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QCOMPARE(d.errorText(), QStringLiteral("This user already has a contact with this phone number."));
        QCOMPARE(m_core->contacts().countForUser(m_owner.vendorId, m_owner.userId), 1);
    }

    void editsAndClearsFields()
    {
        Contact c;
        c.name = QStringLiteral("Grace");
        c.phoneNumber = QStringLiteral("2348030000001");
        c.email = QStringLiteral("grace@example.com");
        const Contact stored =
            m_core->contacts().addMany(m_owner.vendorId, m_owner.userId, {c}).added.first();
        ContactDialog d(*m_core, m_owner.vendorId, m_owner.userId, stored);
        QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("emailEdit"))->text(), c.email);
        set(d, "nameEdit", QStringLiteral("Grace Hopper"));
        set(d, "emailEdit", QString());
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const Contact after = *m_core->contacts().find(m_owner.vendorId, m_owner.userId, stored.id);
        QCOMPARE(after.name, QStringLiteral("Grace Hopper"));
        QVERIFY(after.email.isEmpty());
    }
};

WAMATOR_GUI_TEST_MAIN(TestContactDialog)
#include "tst_contactdialog.moc"
