#include "CoreServices.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "GuiLanguage.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "NoticeBar.h"
#include "SecretDialog.h"
#include "SessionManager.h"
#include "TestSupport.h"
#include "WebhookDeliveryModel.h"
#include "WebhookDialog.h"
#include "WebhookEndpointModel.h"
#include "WebhooksPage.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QTimer>
#include <QtTest>

using GuiTestSupport::Owner;

namespace {
const QString kUrlA = QStringLiteral("https://hooks.example.com/a");
const QString kUrlB = QStringLiteral("https://hooks.example.com/b");

// The secret the next modal SecretDialog showed (it is closed at once); empty if none came.
struct SeenSecret
{
    QString title;
    QString message;
    QString secret;
};
std::shared_ptr<SeenSecret> catchNextSecret()
{
    auto seen = std::make_shared<SeenSecret>();
    auto *timer = new QTimer;
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, timer, [seen, timer]() {
        auto *dialog = qobject_cast<SecretDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        seen->title = dialog->windowTitle();
        seen->secret = dialog->findChild<QLineEdit *>(QStringLiteral("valueEdit"))->text();
        if (auto *label = dialog->findChild<QLabel *>(QStringLiteral("messageLabel")))
            seen->message = label->text();
        dialog->reject();
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
    return seen;
}
} // namespace

// The Webhooks page on a real database: endpoints with their health and newest delivery, the
// form's rules (the store's, in words), enable/disable, secret rotation shown once, a test
// event, the delivery log with its filters and replay, live refresh when an endpoint changes
// elsewhere, and the window's notice when an endpoint is disabled.
class TestWebhooksPage : public QObject
{
    Q_OBJECT
    std::unique_ptr<TempDataDir> m_dir;
    std::unique_ptr<CoreServices> m_core;
    std::unique_ptr<SessionManager> m_sessions;
    std::unique_ptr<GuiContext> m_ctx;
    Owner m_owner;

    WebhookEndpoint create(const QString &url, const QStringList &events = {QStringLiteral("*")},
                           qint64 userId = 0)
    {
        return m_core->webhooks().create(m_owner.vendorId, url, events, userId).endpoint;
    }
    void exec(const QString &sql)
    {
        QSqlQuery q(m_core->database().connection());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }
    // What the deliverer records after an attempt, written directly (the page only reads it).
    void finish(qint64 deliveryId, const QString &status, int code, const QString &error,
                const QString &response = QString())
    {
        QSqlQuery q(m_core->database().connection());
        q.prepare(QStringLiteral(
            "UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, "
            "last_status_code = ?, last_latency_ms = 12, last_error = ?, last_response = ?, "
            "delivered_at = ?, updated_at = ? WHERE id = ?"));
        q.addBindValue(status);
        q.addBindValue(code > 0 ? QVariant(code) : QVariant(QMetaType(QMetaType::Int)));
        q.addBindValue(error.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(error));
        q.addBindValue(response);
        q.addBindValue(status == QLatin1String("succeeded")
                           ? QVariant(Clock::nowMs())
                           : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(Clock::nowMs());
        q.addBindValue(deliveryId);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

private Q_SLOTS:
    void initTestCase() { GuiLanguage::apply(QStringLiteral("en")); }
    void init()
    {
        QSettings().clear();
        m_dir = std::make_unique<TempDataDir>();
        m_core = makeCoreServices(*m_dir);
        m_sessions = std::make_unique<SessionManager>(*m_core);
        m_ctx = std::make_unique<GuiContext>(*m_core, *m_sessions);
        m_owner = GuiTestSupport::makeOwner(*m_core);
    }
    void cleanup()
    {
        // Reads a destroyed page started may still run on the pool: the database must outlive
        // them.
        QThreadPool::globalInstance()->waitForDone();
        Clock::setOffsetForTesting(0);
        m_ctx.reset();
        m_sessions.reset();
        m_core.reset();
        m_dir.reset();
    }

    void endpointsShowHealthAndTheNewestDelivery()
    {
        const WebhookEndpoint healthy = create(kUrlA);
        const WebhookEndpoint failing = create(kUrlB, {QStringLiteral("message_status")});
        const WebhookEndpoint gone = create(QStringLiteral("https://old.example.com/hook"));
        // Another vendor's endpoint is never listed.
        const Owner other = GuiTestSupport::makeOwner(*m_core, QStringLiteral("other@example.com"));
        m_core->webhooks().create(other.vendorId, QStringLiteral("https://other.example.com/x"),
                                  {QStringLiteral("*")});

        const WebhookOutbox::Staged test =
            m_core->webhookOutbox().stageTest(m_owner.vendorId, healthy.id);
        finish(test.deliveryId, QStringLiteral("succeeded"), 200, QString());
        m_core->webhooks().markFailing(failing.id, Clock::nowMs() - 3600000);
        QVERIFY(m_core->webhooks().setDisabled(gone.id, QStringLiteral("gone")));

        WebhooksPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectVendor(m_owner.vendorId));
        WebhookEndpointModel *model = page.endpoints();
        QTRY_COMPARE(model->rowCount(), 3);
        const auto cell = [model](qint64 id, int column) {
            return model->data(model->index(model->rowOf(id), column)).toString();
        };
        QCOMPARE(cell(healthy.id, WebhookEndpointModel::Health), QStringLiteral("Enabled"));
        QVERIFY2(cell(healthy.id, WebhookEndpointModel::LastDelivery)
                     .startsWith(QStringLiteral("Succeeded · 200, ")),
                 qPrintable(cell(healthy.id, WebhookEndpointModel::LastDelivery)));
        QCOMPARE(cell(healthy.id, WebhookEndpointModel::Events), QStringLiteral("All events"));
        QCOMPARE(cell(healthy.id, WebhookEndpointModel::User), QStringLiteral("All users"));
        QVERIFY2(cell(failing.id, WebhookEndpointModel::Health)
                     .startsWith(QStringLiteral("Failing since ")),
                 qPrintable(cell(failing.id, WebhookEndpointModel::Health)));
        QCOMPARE(cell(failing.id, WebhookEndpointModel::LastDelivery), QStringLiteral("None yet"));
        QCOMPARE(cell(failing.id, WebhookEndpointModel::Events), QStringLiteral("message_status"));
        QVERIFY2(cell(gone.id, WebhookEndpointModel::Health)
                     .startsWith(QStringLiteral("Disabled: the receiver answered 410 Gone")),
                 qPrintable(cell(gone.id, WebhookEndpointModel::Health)));
        QVERIFY2(page.noticeText().contains(QStringLiteral("1 endpoint disabled")),
                 qPrintable(page.noticeText()));
    }

    void readsLeaveTheEventLoopTurning()
    {
        create(kUrlA);
        WebhooksPage page(*m_ctx);
        QVERIFY(page.selectVendor(m_owner.vendorId));
        // The list arrives from a worker thread: asking for it returns before any row is there.
        QSignalSpy loaded(page.endpoints(), &WebhookEndpointModel::loaded);
        const int before = page.endpoints()->readsStarted();
        page.refresh();
        QCOMPARE(loaded.count(), 0);
        QVERIFY(loaded.wait());
        QCOMPARE(page.endpoints()->rowCount(), 1);
        // A burst of refreshes while a read runs costs one more read, not one each.
        const int started = page.endpoints()->readsStarted();
        for (int i = 0; i < 20; ++i)
            page.endpoints()->refresh();
        QTRY_COMPARE(page.endpoints()->readsStarted(), started + 1);
        QVERIFY(page.endpoints()->readsStarted() - before <= 3);
    }

    void theFormNamesEachRuleAndShowsTheSecretOnce()
    {
        WebhookDialog dialog(*m_core, m_owner.vendorId, WebhookEndpoint{});
        dialog.setUrl(QStringLiteral("ftp://hooks.example.com/x"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(dialog.errorText().startsWith(QStringLiteral("URL: an http:// or https://")),
                 qPrintable(dialog.errorText()));
        // Metadata addresses are always refused; loopback unless the operator allows it.
        dialog.setUrl(QStringLiteral("http://169.254.169.254/latest"));
        dialog.accept();
        QVERIFY2(dialog.errorText().contains(QStringLiteral("not allowed")),
                 qPrintable(dialog.errorText()));
        dialog.setUrl(QStringLiteral("http://127.0.0.1:9000/hook"));
        dialog.accept();
        QVERIFY2(dialog.errorText().contains(QStringLiteral("webhooks/allow_private_addresses")),
                 qPrintable(dialog.errorText()));
        dialog.setUrl(kUrlA);
        dialog.setEvents({});
        dialog.accept();
        QCOMPARE(dialog.errorText(), QStringLiteral("Events: Choose at least one event type."));
        QVERIFY(m_core->webhooks().list(m_owner.vendorId).isEmpty());

        dialog.setEvents({QStringLiteral("message_received"), QStringLiteral("contact_opted_out")});
        dialog.setUser(m_owner.userId);
        dialog.setDescription(QStringLiteral("CRM"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.secret().startsWith(QStringLiteral("whsec_")));
        const WebhookEndpoint stored =
            m_core->webhooks().find(m_owner.vendorId, dialog.endpoint().id);
        QCOMPARE(stored.url, kUrlA);
        QCOMPARE(stored.events, QStringList({QStringLiteral("message_received"),
                                             QStringLiteral("contact_opted_out")}));
        QCOMPARE(stored.appUserId, m_owner.userId);
        QCOMPARE(stored.description, QStringLiteral("CRM"));
        QCOMPARE(m_core->webhooks().secrets(stored.id), QStringList{dialog.secret()});

        // Ten endpoints at most: the eleventh is refused in words.
        for (int i = 2; i <= 10; ++i)
            create(QStringLiteral("https://hooks.example.com/%1").arg(i));
        WebhookDialog eleventh(*m_core, m_owner.vendorId, WebhookEndpoint{});
        eleventh.setUrl(QStringLiteral("https://hooks.example.com/11"));
        eleventh.accept();
        QVERIFY2(
            eleventh.errorText().contains(QStringLiteral("most webhook endpoints allowed (10)")),
            qPrintable(eleventh.errorText()));
    }

    void addingFromThePageShowsTheSecretAndSelectsIt()
    {
        WebhooksPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectVendor(m_owner.vendorId));
        // Fill the form the page opens, then catch the secret dialog that follows.
        std::shared_ptr<SeenSecret> seen;
        QTimer::singleShot(50, this, [&seen]() {
            auto *dialog = qobject_cast<WebhookDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setUrl(kUrlB);
            seen = catchNextSecret();
            dialog->accept();
        });
        page.addEndpoint();
        QTRY_VERIFY(seen && !seen->secret.isEmpty());
        const QList<WebhookEndpoint> all = m_core->webhooks().list(m_owner.vendorId);
        QCOMPARE(all.size(), 1);
        QCOMPARE(m_core->webhooks().secrets(all.first().id), QStringList{seen->secret});
        QVERIFY(seen->message.contains(kUrlB));
        QTRY_COMPARE(page.currentEndpointId(), all.first().id);
    }

    void disablingAndEnablingGoThroughTheStore()
    {
        const WebhookEndpoint e = create(kUrlA);
        WebhooksPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectVendor(m_owner.vendorId));
        QTRY_COMPARE(page.currentEndpointId(), e.id);
        auto *toggle = page.findChild<QPushButton *>(QStringLiteral("enableButton"));
        QCOMPARE(toggle->text(), QStringLiteral("Disa&ble"));
        page.toggleEnabled();
        WebhookEndpoint stored = m_core->webhooks().find(m_owner.vendorId, e.id);
        QVERIFY(!stored.enabled);
        QVERIFY(stored.disabledAt > 0);
        QTRY_COMPARE(toggle->text(), QStringLiteral("Ena&ble"));

        // Failing, then disabled by the deliverer; enabling clears the streak and the reason.
        exec(QStringLiteral("UPDATE webhook_endpoints SET failing_since = 1, disabled_reason = "
                            "'failing_3_days' WHERE id = %1")
                 .arg(e.id));
        page.refresh();
        QTRY_VERIFY(page.endpoints()
                        ->data(page.endpoints()->index(0, WebhookEndpointModel::Health))
                        .toString()
                        .contains(QStringLiteral("every delivery failed for 3 days")));
        page.toggleEnabled();
        stored = m_core->webhooks().find(m_owner.vendorId, e.id);
        QVERIFY(stored.enabled);
        QVERIFY(stored.disabledReason.isNull());
        QCOMPARE(stored.failingSince, 0);
        QVERIFY2(page.noticeText().contains(QStringLiteral("resumes from where it stopped")),
                 qPrintable(page.noticeText()));
        QTRY_COMPARE(page.endpoints()
                         ->data(page.endpoints()->index(0, WebhookEndpointModel::Health))
                         .toString(),
                     QStringLiteral("Enabled"));
    }

    void rotatingShowsTheNewSecretOnceAndKeepsTheOldOne()
    {
        const WebhookStore::Created created =
            m_core->webhooks().create(m_owner.vendorId, kUrlA, {QStringLiteral("*")});
        WebhooksPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectVendor(m_owner.vendorId));
        QTRY_COMPARE(page.currentEndpointId(), created.endpoint.id);
        const std::shared_ptr<SeenSecret> seen = catchNextSecret();
        page.rotateSecret();
        QVERIFY(seen->secret.startsWith(QStringLiteral("whsec_")));
        QVERIFY(seen->secret != created.secret);
        QVERIFY(seen->message.contains(QStringLiteral("24 hours")));
        QCOMPARE(m_core->webhooks().secrets(created.endpoint.id),
                 QStringList({seen->secret, created.secret}));
    }

    void aTestEventAndTheLogWithFiltersAndReplay()
    {
        const WebhookEndpoint e = create(kUrlA);
        const WebhookEndpoint other = create(kUrlB);
        // Two hours ago: a delivery that failed for good with the receiver's answer.
        Clock::setOffsetForTesting(-2 * 3600000LL);
        const WebhookOutbox::Staged old = m_core->webhookOutbox().stageTest(m_owner.vendorId, e.id);
        Clock::setOffsetForTesting(0);
        finish(old.deliveryId, QStringLiteral("failed"), 400, QStringLiteral("http_400"),
               QStringLiteral("{\"error\":\"bad signature\"}"));
        const WebhookOutbox::Staged ok = m_core->webhookOutbox().stageTest(m_owner.vendorId, e.id);
        finish(ok.deliveryId, QStringLiteral("succeeded"), 204, QString());
        m_core->webhookOutbox().stageTest(m_owner.vendorId, other.id); // another endpoint's

        WebhooksPage page(*m_ctx);
        page.show();
        QVERIFY(page.selectVendor(m_owner.vendorId));
        page.selectEndpoint(e.id);
        QTRY_COMPARE(page.currentEndpointId(), e.id);
        WebhookDeliveryModel *log = page.deliveries();
        QTRY_COMPARE(log->rowCount(), 2);
        QCOMPARE(log->entryAt(0).id, ok.deliveryId); // newest first
        QCOMPARE(log->entryAt(1).id, old.deliveryId);

        // Send test: a webhook.test delivery for this endpoint appears, pending, selected.
        page.sendTest();
        QTRY_COMPARE(log->rowCount(), 3);
        QCOMPARE(log->entryAt(0).eventType, QStringLiteral("webhook.test"));
        QCOMPARE(log->entryAt(0).status, QStringLiteral("pending"));
        QTRY_COMPARE(page.currentDeliveryId(), log->entryAt(0).id);
        QVERIFY2(page.noticeText().startsWith(QStringLiteral("Test event msg_")),
                 qPrintable(page.noticeText()));

        // Filters: by status, then by start time.
        page.setDeliveryFilter(QStringLiteral("failed"), 0);
        QTRY_COMPARE(log->rowCount(), 1);
        QCOMPARE(log->entryAt(0).id, old.deliveryId);
        QVERIFY(page.selectDelivery(0));
        QVERIFY2(page.deliveryDetailText().contains(QStringLiteral("bad signature")),
                 qPrintable(page.deliveryDetailText()));
        QVERIFY2(page.deliveryDetailText().contains(QStringLiteral("HTTP 400")),
                 qPrintable(page.deliveryDetailText()));
        page.setDeliveryFilter(QString(), Clock::nowMs() - 3600000);
        QTRY_COMPARE(log->rowCount(), 2);
        QVERIFY(log->rowOf(old.deliveryId) < 0);
        page.setDeliveryFilter(QStringLiteral("failed"), Clock::nowMs() - 3600000);
        QTRY_COMPARE(log->rowCount(), 0);

        // Replay the failed one: a new delivery of the same event (same webhook-id).
        page.setDeliveryFilter(QString(), 0);
        QTRY_COMPARE(log->rowCount(), 3);
        QVERIFY(page.selectDelivery(log->rowOf(old.deliveryId)));
        QCOMPARE(page.currentDeliveryId(), old.deliveryId);
        page.replay();
        QTRY_COMPARE(log->rowCount(), 4);
        const WebhookDeliveryStore::Entry again = log->entryAt(0);
        QVERIFY(again.id > old.deliveryId);
        QCOMPARE(again.eventId, old.eventId);
        QCOMPARE(again.status, QStringLiteral("pending"));
        QVERIFY2(page.noticeText().contains(old.eventId), qPrintable(page.noticeText()));
    }

    void changesMadeElsewhereShowUpLive()
    {
        WebhooksPage page(*m_ctx);
        page.setPollInterval(0); // what follows must come from events, not from the poll
        page.show();
        QVERIFY(page.selectVendor(m_owner.vendorId));
        QTRY_VERIFY(page.noticeText().startsWith(QStringLiteral("No endpoints yet")));
        // The API writes through the same store: the page follows without a refresh.
        const WebhookEndpoint e = create(kUrlA);
        QTRY_COMPARE(page.endpoints()->rowCount(), 1);
        m_core->webhooks().setDisabled(e.id, QStringLiteral("failing_3_days"));
        QTRY_VERIFY(!page.endpoints()->rowAt(0).endpoint.enabled);
        // New deliveries (staged for the selected endpoint) show in its log.
        QTRY_COMPARE(page.currentEndpointId(), e.id);
        m_core->webhookOutbox().stageTest(m_owner.vendorId, e.id);
        QTRY_COMPARE(page.deliveries()->rowCount(), 1);
    }

    void aDisabledEndpointIsAnnouncedInTheWindow()
    {
        const WebhookEndpoint e = create(kUrlA);
        MainWindow window(*m_core, *m_sessions);
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showPage(MainWindow::Dashboard);
        NoticeBar *notice = window.noticeBar();
        QVERIFY(!notice->isVisible());

        // The deliverer disables it (3 days of failures): WebhookStore publishes the event.
        QVERIFY(m_core->webhooks().setDisabled(e.id, QStringLiteral("failing_3_days")));
        QTRY_VERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(kUrlA), qPrintable(notice->text()));
        QVERIFY2(notice->text().contains(QStringLiteral("Vendor")), qPrintable(notice->text()));
        QVERIFY2(notice->text().contains(QStringLiteral("every delivery failed for 3 days")),
                 qPrintable(notice->text()));

        // "Show webhooks" opens the page on that vendor and endpoint.
        QTest::mouseClick(notice->actionButton(), Qt::LeftButton);
        QCOMPARE(window.currentPage(), int(MainWindow::Webhooks));
        QCOMPARE(window.webhooksPage()->vendorId(), m_owner.vendorId);
        QTRY_COMPARE(window.webhooksPage()->currentEndpointId(), e.id);
        QTRY_VERIFY(!window.webhooksPage()->endpoints()->rowAt(0).endpoint.enabled);

        // Closing the notice hides it; the next one shows again.
        notice->dismiss();
        QVERIFY(!notice->isVisible());
        WebhookDisabledEvent gone;
        gone.endpointId = e.id;
        gone.url = kUrlB;
        gone.reason = QStringLiteral("gone");
        m_core->events().publish(m_owner.vendorId, gone);
        QTRY_VERIFY(notice->isVisible());
        QCOMPARE(notice->notices().size(), 1);
        QVERIFY(notice->text().contains(QStringLiteral("410 Gone")));
    }
};

WAMATOR_GUI_TEST_MAIN(TestWebhooksPage)
#include "tst_webhookspage.moc"
