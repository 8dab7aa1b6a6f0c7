#include "ContactTableModel.h"
#include "ContactsPage.h"
#include "CoreServices.h"
#include "GuiContext.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "contacts/ContactStore.h"
#include "numbers/NumberCheckStore.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using GuiTestSupport::Owner;

// "Check on WhatsApp" on the Contacts page: the WhatsApp column shows each contact's status
// (NumberCheckStore), the action on selected contacts runs a check through the same service as
// the API and shows its progress and outcome, and says why when the user has no ready number.
class TestNumberCheckWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    Owner m_owner;
    QList<Contact> m_contacts;

private Q_SLOTS:
    void initTestCase() { GuiLanguage::apply(QStringLiteral("en")); }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_owner = GuiTestSupport::makeOwner(*m_core);
        Contact a;
        a.name = QStringLiteral("Ada");
        a.phoneNumber = QStringLiteral("2348031111111");
        Contact b;
        b.name = QStringLiteral("Bola");
        b.phoneNumber = QStringLiteral("2348032222222");
        m_contacts = m_core->contacts().addMany(m_owner.vendorId, m_owner.userId, {a, b}).added;
        QSettings().setValue(QStringLiteral("contacts/vendor"), m_owner.vendorId);
        QSettings().setValue(QStringLiteral("contacts/user"), m_owner.userId);
    }
    void cleanup()
    {
        m_core.reset();
        m_dir.reset();
    }

    void checksSelectedContacts()
    {
        SessionManager sessions(*m_core);
        GuiContext ctx(*m_core, sessions);
        ContactsPage page(ctx);
        page.show();
        ContactTableModel *model = page.model();
        QTRY_COMPARE(model->rowCount(), 2);
        const auto cell = [model](int row) {
            return model->data(model->index(row, ContactTableModel::WhatsApp)).toString();
        };
        QCOMPARE(model->headerData(ContactTableModel::WhatsApp, Qt::Horizontal).toString(),
                 QStringLiteral("WhatsApp"));
        QCOMPARE(cell(0), QStringLiteral("Not checked"));
        auto *button = page.findChild<QPushButton *>(QStringLiteral("checkButton"));
        QVERIFY(button);
        QVERIFY(!button->isEnabled()); // nothing selected

        // Nothing known and no ready number: refused, and the window says why.
        auto *table = page.findChild<QTableView *>(QStringLiteral("table"));
        table->selectAll();
        QVERIFY(button->isEnabled());
        {
            auto seen = GuiTestSupport::dismissNextBox();
            button->click();
            QVERIFY(seen->shown);
            QVERIFY2(seen->text.contains(QStringLiteral("no connected WhatsApp number")),
                     qPrintable(seen->text));
        }
        QVERIFY(page.runningCheck().isEmpty());

        // Known answers (an earlier check or send): the check completes from them and the
        // column shows them.
        const qint64 now = Clock::nowMs();
        m_core->numberChecks().record(m_owner.vendorId, QStringLiteral("2348031111111"), true, now);
        m_core->numberChecks().record(m_owner.vendorId, QStringLiteral("2348032222222"), false,
                                      now);
        table->selectAll();
        button->click();
        QTRY_VERIFY(page.runningCheck().isEmpty());
        auto *bar = page.checkProgress();
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->value(), 2);
        QCOMPARE(page.checkStatusText(), QStringLiteral("1 on WhatsApp, 1 not, 0 invalid"));
        QTRY_COMPARE(cell(0), QStringLiteral("On WhatsApp"));
        QCOMPARE(cell(1), QStringLiteral("Not on WhatsApp"));
        QVERIFY(!model->data(model->index(1, ContactTableModel::WhatsApp), Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
    }

    // Through a real simulator page, paced so the check stays running after its first answer:
    // the progress moves, Stop ends it, and what was answered stays.
    void aRunningCheckShowsProgressAndStops()
    {
        m_core->settings().setValue(QStringLiteral("pacing_sandbox"), true);
        m_core->settings().setValue(QStringLiteral("checks/max_delay_ms"), 600000);
        m_core->settings().setValue(QStringLiteral("checks/min_delay_ms"), 600000);
        const qint64 numberId =
            m_core->numbers()
                .add(m_owner.vendorId, m_owner.userId, QStringLiteral("2348030000001"), {}, true)
                .id;
        SessionManager sessions(*m_core);
        GuiContext ctx(*m_core, sessions);
        sessions.connectNumber(m_owner.vendorId, numberId);
        QTRY_VERIFY_WITH_TIMEOUT(!sessions.snapshot(m_owner.vendorId, numberId).qr.isEmpty(),
                                 60000);
        sessions.simulateScan(m_owner.vendorId, numberId);
        QTRY_COMPARE_WITH_TIMEOUT(sessions.snapshot(m_owner.vendorId, numberId).state,
                                  SessionState::Ready, 60000);

        ContactsPage page(ctx);
        page.show();
        ContactTableModel *model = page.model();
        QTRY_COMPARE(model->rowCount(), 2);
        page.findChild<QTableView *>(QStringLiteral("table"))->selectAll();
        page.findChild<QPushButton *>(QStringLiteral("checkButton"))->click();
        QVERIFY(!page.runningCheck().isEmpty());
        auto *stop = page.findChild<QToolButton *>(QStringLiteral("checkCancelButton"));
        QVERIFY(stop->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(page.checkProgress()->value(), 1, 30000);
        QVERIFY(!page.runningCheck().isEmpty()); // the second waits its pause
        stop->click();
        QTRY_VERIFY(page.runningCheck().isEmpty());
        QVERIFY(!stop->isVisible());
        QCOMPARE(page.checkStatusText(),
                 QStringLiteral("Check stopped: 1 on WhatsApp, 0 not, 0 invalid"));
        QTRY_COMPARE(model->data(model->index(0, ContactTableModel::WhatsApp)).toString(),
                     QStringLiteral("On WhatsApp"));
        QCOMPARE(model->data(model->index(1, ContactTableModel::WhatsApp)).toString(),
                 QStringLiteral("Not checked"));
    }
};

WAMATOR_GUI_TEST_MAIN(TestNumberCheckWindow)
#include "tst_numbercheckwindow.moc"
