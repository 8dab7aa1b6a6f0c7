#include "CoreServices.h"
#include "GuiContext.h"
#include "GuiTestSupport.h"
#include "SessionManager.h"
#include "SettingsPage.h"
#include "TestSupport.h"
#include "accounts/VendorAccounts.h"
#include "inbound/OptOutService.h"
#include "platform/Settings.h"

#include <QSignalSpy>
#include <QtTest>

// The settings page round trip: form → Settings (database) → a new form shows the same values;
// invalid values are refused with a message and change nothing.
class TestSettingsPage : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;
    std::unique_ptr<GuiContext> m_ctx;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
        m_ctx = std::make_unique<GuiContext>(*m_core, *m_sessions);
    }
    void cleanup()
    {
        m_ctx.reset();
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void showsTheStoredValues()
    {
        SettingsPage page(*m_ctx);
        QCOMPARE(page.fieldValue("port").toInt(), m_core->settings().port());
        QCOMPARE(page.fieldValue("default_region").toString(), m_core->settings().defaultRegion());
        QCOMPARE(page.fieldValue("qr_timeout_seconds").toInt(), m_core->settings().qrTimeoutSeconds());
        QCOMPARE(page.fieldValue("user_agent").toString(), m_core->settings().userAgent());
        QCOMPARE(page.tokenText(), m_core->accounts().adminToken());
    }

    void roundTrips()
    {
        const QVariantHash values{
            {"listen_address", "0.0.0.0"},     {"port", 3456},
            {"default_region", "br"},          {"pacing_enabled", false},
            {"pacing_min_delay_ms", 15000},    {"pacing_max_delay_ms", 20000},
            {"typing_ms_per_char", 25},        {"daily_cap_per_number", 250},
            {"user_agent", "Mozilla/5.0 Test"}, {"qr_timeout_seconds", 120},
            {"qr_max_refreshes", 3},           {"max_concurrent_starts", 2},
            {"page_load_timeout_seconds", 90}, {"page_heartbeat_seconds", 10},
            {"page_hang_seconds", 45},         {"page_recovery_attempts", 5},
            {"page_recovery_delay_ms", 1500},  {"page_recovery_max_delay_ms", 60000},
            {"language", "fr"}};
        {
            SettingsPage page(*m_ctx);
            QSignalSpy language(&page, &SettingsPage::languageChanged);
            QSignalSpy changed(&m_core->settings(), &Settings::changed);
            for (auto it = values.cbegin(); it != values.cend(); ++it)
                page.setFieldValue(it.key(), it.value());
            QVERIFY2(page.apply(), qPrintable(page.messageText()));
            QCOMPARE(language.count(), 1);
            QCOMPARE(language.first().first().toString(), QStringLiteral("fr"));
            QVERIFY(changed.count() >= values.size());
            QVERIFY(page.messageText().contains(QStringLiteral("next start")));
        }
        Settings &s = m_core->settings();
        QCOMPARE(s.listenAddress(), QStringLiteral("0.0.0.0"));
        QCOMPARE(s.port(), 3456);
        QCOMPARE(s.defaultRegion(), QStringLiteral("BR")); // upper-cased by the form
        QCOMPARE(s.value("pacing_enabled").toBool(), false);
        QCOMPARE(s.value("pacing_min_delay_ms").toInt(), 15000); // raised above the old max
        QCOMPARE(s.value("pacing_max_delay_ms").toInt(), 20000);
        QCOMPARE(s.value("daily_cap_per_number").toInt(), 250);
        QCOMPARE(s.userAgent(), QStringLiteral("Mozilla/5.0 Test"));
        QCOMPARE(s.qrTimeoutSeconds(), 120);
        QCOMPARE(s.qrMaxRefreshes(), 3);
        QCOMPARE(s.language(), QStringLiteral("fr"));
        QCOMPARE(s.pageLoadTimeoutSeconds(), 90);
        QCOMPARE(s.pageHeartbeatSeconds(), 10);
        QCOMPARE(s.pageHangSeconds(), 45);
        QCOMPARE(s.pageRecoveryAttempts(), 5);
        QCOMPARE(s.value("page_recovery_delay_ms").toInt(), 1500);
        QCOMPARE(s.value("page_recovery_max_delay_ms").toInt(), 60000);

        // A new page (and a new run: the values are in the database) shows them back.
        SettingsPage again(*m_ctx);
        for (auto it = values.cbegin(); it != values.cend(); ++it) {
            QVariant expected = it.value();
            if (it.key() == QLatin1String("default_region"))
                expected = QStringLiteral("BR");
            QCOMPARE(again.fieldValue(it.key()).toString(), expected.toString());
        }
        // Both pacing bounds going down works too (min written first).
        again.setFieldValue("pacing_min_delay_ms", 1000);
        again.setFieldValue("pacing_max_delay_ms", 2000);
        QVERIFY2(again.apply(), qPrintable(again.messageText()));
        QCOMPARE(s.value("pacing_max_delay_ms").toInt(), 2000);
        QCOMPARE(s.value("pacing_min_delay_ms").toInt(), 1000);
    }

    // The opt-out keywords, opt-in keywords, confirmation switch and template: typed as the
    // operator writes them, stored as Settings keeps them, applied at once by the rule book.
    void optOutSettingsRoundTrip()
    {
        {
            SettingsPage page(*m_ctx);
            QCOMPARE(page.fieldValue("optout/keywords").toStringList(),
                     m_core->settings().optOutKeywords());
            QCOMPARE(page.fieldValue("optout/confirmation_enabled").toBool(), false);
            page.setFieldValue("optout/keywords", QStringLiteral(" STOP , Basta,, Chega "));
            page.setFieldValue("optout/optin_keywords", QStringLiteral("START, Volta"));
            page.setFieldValue("optout/confirmation_enabled", true);
            page.setFieldValue("optout/confirmation_template",
                               QStringLiteral("Done, {{name}}.\nReply START to come back."));
            QVERIFY2(page.apply(), qPrintable(page.messageText()));
        }
        Settings &s = m_core->settings();
        QCOMPARE(s.optOutKeywords(), (QStringList{QStringLiteral("STOP"), QStringLiteral("Basta"),
                                                  QStringLiteral("Chega")}));
        QCOMPARE(s.optInKeywords(),
                 (QStringList{QStringLiteral("START"), QStringLiteral("Volta")}));
        QVERIFY(s.optOutConfirmationEnabled());
        QCOMPARE(s.optOutConfirmationTemplate(),
                 QStringLiteral("Done, {{name}}.\nReply START to come back."));
        QCOMPARE(m_core->optOuts().classify(QStringLiteral("  basta ")),
                 OptOutService::Keyword::OptOut);
        QCOMPARE(m_core->optOuts().classify(QStringLiteral("VOLTA")),
                 OptOutService::Keyword::OptIn);

        SettingsPage again(*m_ctx);
        QCOMPARE(again.fieldValue("optout/keywords").toStringList(), s.optOutKeywords());
        QCOMPARE(again.fieldValue("optout/optin_keywords").toStringList(), s.optInKeywords());
        QCOMPARE(again.fieldValue("optout/confirmation_enabled").toBool(), true);
        QCOMPARE(again.fieldValue("optout/confirmation_template").toString(),
                 s.optOutConfirmationTemplate());
    }

    void refusesInvalidValues()
    {
        SettingsPage page(*m_ctx);
        page.setFieldValue("default_region", "ZZ");
        QVERIFY(!page.apply());
        QVERIFY2(page.messageText().contains(QStringLiteral("ZZ")), qPrintable(page.messageText()));
        QCOMPARE(m_core->settings().defaultRegion(), QStringLiteral("NG"));

        page.load();
        page.setFieldValue("pacing_min_delay_ms", 9000);
        page.setFieldValue("pacing_max_delay_ms", 5000);
        QVERIFY(!page.apply());
        QVERIFY(m_core->settings().value("pacing_min_delay_ms").toInt() <=
                m_core->settings().value("pacing_max_delay_ms").toInt());

        page.load(); // Revert
        QCOMPARE(page.fieldValue("default_region").toString(), QStringLiteral("NG"));
    }

    void regeneratesTheAdminToken()
    {
        SettingsPage page(*m_ctx);
        const QString before = m_core->accounts().adminToken();
        // regenerateToken() asks first; call the service the way the button's Yes does.
        const QString after = m_core->accounts().regenerateAdminToken();
        page.load();
        QVERIFY(after != before);
        QCOMPARE(page.tokenText(), after);
    }
};

WAMATOR_GUI_TEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
