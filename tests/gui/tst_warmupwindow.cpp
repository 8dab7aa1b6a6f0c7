#include "CoreServices.h"
#include "GuiContext.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SessionManager.h"
#include "SessionsPage.h"
#include "SettingsPage.h"
#include "TestSupport.h"
#include "UserDialog.h"
#include "accounts/AppUserStore.h"
#include "numbers/NumberStore.h"
#include "platform/Settings.h"

#include <QCheckBox>
#include <QLabel>
#include <QTimeEdit>
#include <QtTest>

using GuiTestSupport::Owner;

// Issue #16 in the window: quiet hours in the user dialog, the warm-up's limit and what is
// left today on the Sessions page, and the warm-up settings group.
class TestWarmupWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
    }
    void cleanup()
    {
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void userDialogSetsAndClearsQuietHours()
    {
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        const AppUser before = *m_core->users().find(o.vendorId, o.userId);
        QVERIFY(!before.quietHours.isOn());
        {
            UserDialog dialog(*m_core, o.vendorId, before);
            auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("quietCheck"));
            auto *start = dialog.findChild<QTimeEdit *>(QStringLiteral("quietStartEdit"));
            auto *end = dialog.findChild<QTimeEdit *>(QStringLiteral("quietEndEdit"));
            QVERIFY(check && start && end);
            QVERIFY(!check->isChecked() && !start->isEnabled());
            check->setChecked(true);
            QVERIFY(start->isEnabled());
            start->setTime(QTime(22, 30));
            end->setTime(QTime(22, 30));
            dialog.accept(); // start == end: refused, in words
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
            QVERIFY2(dialog.errorText().contains(QLatin1String("differ")),
                     qPrintable(dialog.errorText()));
            end->setTime(QTime(7, 15));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const AppUser saved = *m_core->users().find(o.vendorId, o.userId);
        QCOMPARE(saved.quietHours.startMinute, 22 * 60 + 30);
        QCOMPARE(saved.quietHours.endMinute, 7 * 60 + 15);
        {
            UserDialog dialog(*m_core, o.vendorId, saved);
            auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("quietCheck"));
            QVERIFY(check->isChecked());
            QCOMPARE(dialog.findChild<QTimeEdit *>(QStringLiteral("quietStartEdit"))->time(),
                     QTime(22, 30));
            check->setChecked(false);
            dialog.accept();
        }
        QVERIFY(!m_core->users().find(o.vendorId, o.userId)->quietHours.isOn());
    }

    void sessionsPageShowsWhatIsLeftToday()
    {
        MainWindow window(*m_core, *m_sessions);
        const Owner o = GuiTestSupport::makeOwner(*m_core);
        m_core->settings().setValue(QStringLiteral("warmup/schedule"), QStringLiteral("25,50"));
        const WhatsAppNumber real = m_core->numbers().add(
            o.vendorId, o.userId, QStringLiteral("2348031234567"), QString(), false);
        const WhatsAppNumber sandbox = m_core->numbers().add(
            o.vendorId, o.userId, QStringLiteral("2348031234568"), QString(), true);
        SessionsPage *page = window.sessionsPage();
        page->reload();
        auto *state = page->findChild<QLabel *>(QStringLiteral("stateLabel"));
        QVERIFY(state);
        QVERIFY(page->selectNumber(real.id));
        QVERIFY2(
            state->text().contains(QLatin1String("Warm-up day 1: 0 of 25 sent today, 25 left")),
            qPrintable(state->text()));
        QVERIFY(page->selectNumber(sandbox.id));
        QVERIFY2(state->text().contains(QLatin1String("no daily warm-up limit")),
                 qPrintable(state->text()));
    }

    void settingsGroupRoundTrips()
    {
        GuiContext ctx(*m_core, *m_sessions);
        {
            SettingsPage page(ctx);
            QCOMPARE(page.fieldValue("warmup/enabled").toBool(), true);
            page.setFieldValue("warmup/schedule", QStringLiteral("10, 20, 40"));
            page.setFieldValue("warmup/time_zone", QStringLiteral("Africa/Lagos"));
            QVERIFY2(page.apply(), qPrintable(page.messageText()));
        }
        Settings &s = m_core->settings();
        QCOMPARE(s.warmupSchedule(), (QList<int>{10, 20, 40}));
        QCOMPARE(s.warmupTimeZone(), QStringLiteral("Africa/Lagos"));
        SettingsPage page(ctx);
        QCOMPARE(page.fieldValue("warmup/schedule").toString(), QStringLiteral("10,20,40"));
        page.setFieldValue("warmup/schedule", QStringLiteral("10, lots"));
        QVERIFY(!page.apply());
        QVERIFY2(page.messageText().contains(QLatin1String("lots")),
                 qPrintable(page.messageText()));
        QCOMPARE(s.warmupSchedule(), (QList<int>{10, 20, 40}));
    }
};

WAMATOR_GUI_TEST_MAIN(TestWarmupWindow)
#include "tst_warmupwindow.moc"
