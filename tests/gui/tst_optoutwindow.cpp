#include "ContactDialog.h"
#include "ContactTableModel.h"
#include "ContactsPage.h"
#include "CoreServices.h"
#include "GuiContext.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "contacts/ContactStore.h"
#include "inbound/OptOutService.h"

#include <QLineEdit>
#include <QSettings>
#include <QTableWidget>
#include <QtTest>

using GuiTestSupport::Owner;

// Opt-out in the window: the contact form shows whether, since when and why a contact opted
// out with the history of changes, and opts them back in only with a recorded reason (the
// service's rule, its error shown); saving the form never undoes an opt-out; the contacts table
// says when and why, and follows an opt-out as it happens.
class TestOptOutWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    Owner m_owner;
    Contact m_ada;

    OptOutService &optOuts() { return m_core->optOuts(); }

private Q_SLOTS:
    void initTestCase()
    {
        GuiLanguage::apply(QStringLiteral("en")); // English plurals
    }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_owner = GuiTestSupport::makeOwner(*m_core);
        Contact c;
        c.name = QStringLiteral("Ada");
        c.phoneNumber = QStringLiteral("2348031111111");
        m_ada = m_core->contacts().addMany(m_owner.vendorId, m_owner.userId, {c}).added.first();
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void optingBackInNeedsAReason()
    {
        optOuts().optOut(m_owner.vendorId, m_owner.userId, m_ada.id, OptOutService::kKeyword);
        const Contact stored = *m_core->contacts().find(m_owner.vendorId, m_owner.userId, m_ada.id);
        ContactDialog dialog(*m_core, m_owner.vendorId, m_owner.userId, stored);
        QVERIFY2(dialog.optOutStateText().startsWith(QStringLiteral("Opted out on ")),
                 qPrintable(dialog.optOutStateText()));
        QVERIFY2(dialog.optOutStateText().contains(QStringLiteral("by keyword from the customer")),
                 qPrintable(dialog.optOutStateText()));
        auto *history = dialog.findChild<QTableWidget *>(QStringLiteral("historyTable"));
        QCOMPARE(history->rowCount(), 1);
        QCOMPARE(history->item(0, 1)->text(), QStringLiteral("Opted out"));

        // No reason: refused with the service's error, nothing changes.
        QVERIFY(!dialog.optIn());
        QCOMPARE(dialog.optOutMessageText(),
                 QStringLiteral("A reason is required to opt a contact back in."));
        QVERIFY(optOuts().state(m_owner.vendorId, m_ada.id).optedOut);
        dialog.findChild<QLineEdit *>(QStringLiteral("optReasonEdit"))
            ->setText(QStringLiteral("   "));
        QVERIFY(!dialog.optIn());
        QVERIFY(optOuts().state(m_owner.vendorId, m_ada.id).optedOut);

        // With a reason: opted in, the reason recorded with the operator as the source.
        dialog.findChild<QLineEdit *>(QStringLiteral("optReasonEdit"))
            ->setText(QStringLiteral("Asked again by phone"));
        QVERIFY(dialog.optIn());
        QVERIFY(!optOuts().state(m_owner.vendorId, m_ada.id).optedOut);
        const QList<OptOutService::HistoryEntry> entries =
            optOuts().history(m_owner.vendorId, m_ada.id);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.first().action, QStringLiteral("opt_in"));
        QCOMPARE(entries.first().source, QStringLiteral("operator"));
        QCOMPARE(entries.first().reason, QStringLiteral("Asked again by phone"));
        QCOMPARE(history->rowCount(), 2);
        QCOMPARE(history->item(0, 3)->text(), QStringLiteral("Asked again by phone"));
        QVERIFY2(dialog.optOutStateText().startsWith(QStringLiteral("Subscribed")),
                 qPrintable(dialog.optOutStateText()));
    }

    // The operator records an opt-out (a customer asked by phone): the same rule as a STOP —
    // source operator, the reason kept, pending messages to the contact cancelled.
    void theOperatorRecordsAnOptOut()
    {
        ContactDialog dialog(*m_core, m_owner.vendorId, m_owner.userId, m_ada);
        QVERIFY2(dialog.optOutStateText().startsWith(QStringLiteral("Subscribed")),
                 qPrintable(dialog.optOutStateText()));
        dialog.findChild<QLineEdit *>(QStringLiteral("optReasonEdit"))
            ->setText(QStringLiteral("Asked by phone"));
        QVERIFY(dialog.optOut());
        QCOMPARE(dialog.optOutMessageText(),
                 QStringLiteral("Opted out; 0 pending messages to this contact cancelled."));
        const OptOutService::State state = optOuts().state(m_owner.vendorId, m_ada.id);
        QVERIFY(state.optedOut);
        QCOMPARE(state.source, QStringLiteral("operator"));
        QCOMPARE(optOuts().history(m_owner.vendorId, m_ada.id).first().reason,
                 QStringLiteral("Asked by phone"));
        QVERIFY2(dialog.optOutStateText().contains(QStringLiteral("by operator")),
                 qPrintable(dialog.optOutStateText()));
    }

    void savingTheFormNeverUndoesAnOptOut()
    {
        // The form was opened while Ada was subscribed; she writes STOP meanwhile.
        ContactDialog dialog(*m_core, m_owner.vendorId, m_owner.userId, m_ada);
        optOuts().optOut(m_owner.vendorId, m_owner.userId, m_ada.id, OptOutService::kKeyword);
        dialog.findChild<QLineEdit *>(QStringLiteral("nicknameEdit"))
            ->setText(QStringLiteral("Ace"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const Contact after = *m_core->contacts().find(m_owner.vendorId, m_owner.userId, m_ada.id);
        QCOMPARE(after.nickname, QStringLiteral("Ace"));
        QVERIFY(!after.messageOptIn);
    }

    void contactsTableSaysWhenAndWhyAndFollowsOptOuts()
    {
        SessionManager sessions(*m_core);
        GuiContext ctx(*m_core, sessions);
        // The page opens on the last user chosen: ours.
        QSettings().setValue(QStringLiteral("contacts/vendor"), m_owner.vendorId);
        QSettings().setValue(QStringLiteral("contacts/user"), m_owner.userId);
        ContactsPage page(ctx);
        page.show();
        ContactTableModel *model = page.model();
        const auto optInCell = [model]() {
            return model->data(model->index(0, ContactTableModel::OptIn)).toString();
        };
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(optInCell(), QStringLiteral("Yes"));

        // An opt-out elsewhere (a customer's STOP) shows without a click, with when and why.
        optOuts().optOut(m_owner.vendorId, m_owner.userId, m_ada.id, OptOutService::kKeyword);
        QTRY_VERIFY2(optInCell().startsWith(QStringLiteral("No — opted out ")),
                     qPrintable(optInCell()));
        QVERIFY2(optInCell().endsWith(QStringLiteral("(keyword from the customer)")),
                 qPrintable(optInCell()));
    }
};

WAMATOR_GUI_TEST_MAIN(TestOptOutWindow)
#include "tst_optoutwindow.moc"
