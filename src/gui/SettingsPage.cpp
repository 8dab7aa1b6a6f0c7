#include "SettingsPage.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "GuiContext.h"
#include "PlainMessageBox.h"
#include "accounts/VendorAccounts.h"
#include "platform/Settings.h"
#include "ui_SettingsPage.h"

#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QMessageBox>
#include <QPlainTextEdit>

namespace {
// Order matters: the maximum delay is written before the minimum when both move up, and the
// other way round when both move down (Settings refuses min > max at every step).
const QStringList &keys()
{
    static const QStringList k{QStringLiteral("listen_address"),
                               QStringLiteral("port"),
                               QStringLiteral("default_region"),
                               QStringLiteral("pacing_enabled"),
                               QStringLiteral("pacing_max_delay_ms"),
                               QStringLiteral("pacing_min_delay_ms"),
                               QStringLiteral("typing_ms_per_char"),
                               QStringLiteral("daily_cap_per_number"),
                               QStringLiteral("user_agent"),
                               QStringLiteral("qr_timeout_seconds"),
                               QStringLiteral("qr_max_refreshes"),
                               QStringLiteral("max_concurrent_starts"),
                               QStringLiteral("page_load_timeout_seconds"),
                               QStringLiteral("page_heartbeat_seconds"),
                               QStringLiteral("page_hang_seconds"),
                               QStringLiteral("page_recovery_attempts"),
                               QStringLiteral("page_recovery_delay_ms"),
                               QStringLiteral("page_recovery_max_delay_ms"),
                               QStringLiteral("optout/keywords"),
                               QStringLiteral("optout/optin_keywords"),
                               QStringLiteral("optout/confirmation_enabled"),
                               QStringLiteral("optout/confirmation_template"),
                               QStringLiteral("checks/cache_days"),
                               QStringLiteral("warmup/enabled"),
                               QStringLiteral("warmup/schedule"),
                               QStringLiteral("warmup/time_zone"),
                               QStringLiteral("language")};
    return k;
}

// Settings kept as lists, edited as comma-separated text.
bool isListKey(const QString &key)
{
    return key == QLatin1String("optout/keywords") || key == QLatin1String("optout/optin_keywords");
}
} // namespace

SettingsPage::SettingsPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::SettingsPage>()), m_ctx(context)
{
    ui->setupUi(this);
    ui->restartNote->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    ui->languageCombo->addItem(tr("System language"), QString());
    ui->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    ui->languageCombo->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    ui->languageCombo->addItem(QStringLiteral("Português (Brasil)"), QStringLiteral("pt_BR"));
    connect(ui->applyButton, &QPushButton::clicked, this, &SettingsPage::apply);
    connect(ui->revertButton, &QPushButton::clicked, this, &SettingsPage::load);
    connect(ui->showTokenButton, &QToolButton::toggled, this, [this](bool show) {
        ui->tokenEdit->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        ui->showTokenButton->setText(show ? tr("Hide") : tr("Show"));
    });
    connect(ui->copyTokenButton, &QToolButton::clicked, this, [this]() {
        QGuiApplication::clipboard()->setText(m_ctx.core.accounts().adminToken());
        showMessage(tr("The admin token is on the clipboard."), false);
    });
    connect(ui->regenerateTokenButton, &QToolButton::clicked, this, &SettingsPage::regenerateToken);
    connect(ui->pacingCheck, &QCheckBox::toggled, this, [this](bool on) {
        for (QWidget *w : {static_cast<QWidget *>(ui->minDelaySpin), static_cast<QWidget *>(ui->maxDelaySpin),
                           static_cast<QWidget *>(ui->typingSpin)})
            w->setEnabled(on && w->property("lockedByEnvironment").toString().isEmpty());
    });
    connect(ui->optOutConfirmCheck, &QCheckBox::toggled, this, [this](bool on) {
        ui->optOutTemplateEdit->setEnabled(
            on && ui->optOutTemplateEdit->property("lockedByEnvironment").toString().isEmpty());
    });
    load();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        ui->languageCombo->setItemText(0, tr("System language"));
        ui->showTokenButton->setText(ui->showTokenButton->isChecked() ? tr("Hide") : tr("Show"));
    }
    QWidget::changeEvent(event);
}

QWidget *SettingsPage::editorFor(const QString &key) const
{
    const QHash<QString, QWidget *> editors{
        {QStringLiteral("listen_address"), ui->listenEdit},
        {QStringLiteral("port"), ui->portSpin},
        {QStringLiteral("default_region"), ui->regionEdit},
        {QStringLiteral("pacing_enabled"), ui->pacingCheck},
        {QStringLiteral("pacing_min_delay_ms"), ui->minDelaySpin},
        {QStringLiteral("pacing_max_delay_ms"), ui->maxDelaySpin},
        {QStringLiteral("typing_ms_per_char"), ui->typingSpin},
        {QStringLiteral("daily_cap_per_number"), ui->dailyCapSpin},
        {QStringLiteral("user_agent"), ui->userAgentEdit},
        {QStringLiteral("qr_timeout_seconds"), ui->qrTimeoutSpin},
        {QStringLiteral("qr_max_refreshes"), ui->qrRefreshSpin},
        {QStringLiteral("max_concurrent_starts"), ui->startsSpin},
        {QStringLiteral("page_load_timeout_seconds"), ui->pageLoadSpin},
        {QStringLiteral("page_heartbeat_seconds"), ui->heartbeatSpin},
        {QStringLiteral("page_hang_seconds"), ui->hangSpin},
        {QStringLiteral("page_recovery_attempts"), ui->recoveryAttemptsSpin},
        {QStringLiteral("page_recovery_delay_ms"), ui->recoveryDelaySpin},
        {QStringLiteral("page_recovery_max_delay_ms"), ui->recoveryMaxDelaySpin},
        {QStringLiteral("optout/keywords"), ui->optOutKeywordsEdit},
        {QStringLiteral("optout/optin_keywords"), ui->optInKeywordsEdit},
        {QStringLiteral("optout/confirmation_enabled"), ui->optOutConfirmCheck},
        {QStringLiteral("optout/confirmation_template"), ui->optOutTemplateEdit},
        {QStringLiteral("checks/cache_days"), ui->checksCacheDaysSpin},
        {QStringLiteral("warmup/enabled"), ui->warmupCheck},
        {QStringLiteral("warmup/schedule"), ui->warmupScheduleEdit},
        {QStringLiteral("warmup/time_zone"), ui->warmupZoneEdit},
        {QStringLiteral("language"), ui->languageCombo},
    };
    return editors.value(key);
}

QVariant SettingsPage::fieldValue(const QString &key) const
{
    QWidget *w = editorFor(key);
    if (isListKey(key)) {
        // Typed as "STOP, UNSUBSCRIBE": compared and stored as the list Settings keeps.
        QStringList items;
        for (const QString &part : qobject_cast<QLineEdit *>(w)->text().split(QLatin1Char(','))) {
            if (!part.trimmed().isEmpty())
                items << part.trimmed();
        }
        return items;
    }
    if (auto *e = qobject_cast<QLineEdit *>(w))
        return key == QLatin1String("default_region") ? e->text().trimmed().toUpper()
                                                      : e->text().trimmed();
    if (auto *e = qobject_cast<QPlainTextEdit *>(w))
        return e->toPlainText().trimmed();
    if (auto *s = qobject_cast<QSpinBox *>(w))
        return s->value();
    if (auto *c = qobject_cast<QCheckBox *>(w))
        return c->isChecked();
    if (auto *c = qobject_cast<QComboBox *>(w))
        return c->currentData();
    return {};
}

void SettingsPage::setFieldValue(const QString &key, const QVariant &value)
{
    QWidget *w = editorFor(key);
    if (isListKey(key))
        qobject_cast<QLineEdit *>(w)->setText(value.toStringList().join(QStringLiteral(", ")));
    else if (auto *e = qobject_cast<QLineEdit *>(w))
        e->setText(value.toString());
    else if (auto *e = qobject_cast<QPlainTextEdit *>(w))
        e->setPlainText(value.toString());
    else if (auto *s = qobject_cast<QSpinBox *>(w))
        s->setValue(value.toInt());
    else if (auto *c = qobject_cast<QCheckBox *>(w))
        c->setChecked(value.toBool());
    else if (auto *c = qobject_cast<QComboBox *>(w))
        c->setCurrentIndex(qMax(0, c->findData(value.toString())));
}

void SettingsPage::load()
{
    Settings &settings = m_ctx.core.settings();
    for (const QString &key : keys()) {
        setFieldValue(key, settings.value(key));
        QWidget *w = editorFor(key);
        const bool locked = settings.isOverriddenByEnvironment(key);
        w->setProperty("lockedByEnvironment",
                       locked ? Settings::environmentVariable(key) : QString());
        w->setEnabled(!locked);
        w->setToolTip(locked ? tr("Set by the environment variable %1.")
                                   .arg(Settings::environmentVariable(key))
                             : QString());
    }
    ui->pacingCheck->toggled(ui->pacingCheck->isChecked());
    ui->optOutConfirmCheck->toggled(ui->optOutConfirmCheck->isChecked());
    ui->tokenEdit->setText(m_ctx.core.accounts().adminToken());
    const QString source = m_ctx.core.accounts().adminTokenSource();
    ui->regenerateTokenButton->setEnabled(source != QLatin1String("environment") &&
                                          source != QLatin1String("file"));
    ui->tokenHint->setText(
        source == QLatin1String("environment")
            ? tr("Sent as the x-admin-token header to the /admin routes. Set by WAMATOR_ADMIN_TOKEN.")
        : source == QLatin1String("file")
            ? tr("Sent as the x-admin-token header to the /admin routes. Read from the token file.")
            : tr("Sent as the x-admin-token header to the /admin routes."));
    showMessage(tr("The listen address and port take effect at the next start; everything else "
                   "applies at once."),
                false);
}

void SettingsPage::showMessage(const QString &text, bool error)
{
    ui->restartNote->setText(text);
    ui->restartNote->setStyleSheet(error ? QStringLiteral("color: #b03a2e; font-weight: 600;")
                                         : QString());
}

QString SettingsPage::messageText() const
{
    return ui->restartNote->text();
}

QString SettingsPage::tokenText() const
{
    return ui->tokenEdit->text();
}

bool SettingsPage::apply()
{
    Settings &settings = m_ctx.core.settings();
    QStringList order = keys();
    // Both pacing bounds moving down: write the minimum first.
    if (fieldValue(QStringLiteral("pacing_max_delay_ms")).toInt() <
        settings.value(QStringLiteral("pacing_min_delay_ms")).toInt())
        order.swapItemsAt(order.indexOf(QStringLiteral("pacing_max_delay_ms")),
                          order.indexOf(QStringLiteral("pacing_min_delay_ms")));
    const QString oldLanguage = settings.language();
    bool restartNeeded = false;
    for (const QString &key : std::as_const(order)) {
        QWidget *w = editorFor(key);
        if (!w->isEnabled() && !w->property("lockedByEnvironment").toString().isEmpty())
            continue;
        const QVariant value = fieldValue(key);
        if (value == settings.value(key))
            continue;
        try {
            settings.setValue(key, value);
        } catch (const DomainError &e) {
            showMessage(ErrorText::describe(e), true);
            w->setFocus();
            return false;
        }
        if (key == QLatin1String("listen_address") || key == QLatin1String("port"))
            restartNeeded = true;
    }
    showMessage(restartNeeded ? tr("Saved. The new address and port take effect at the next start.")
                              : tr("Saved and applied."),
                false);
    if (settings.language() != oldLanguage)
        Q_EMIT languageChanged(settings.language());
    return true;
}

void SettingsPage::regenerateToken()
{
    if (PlainMessageBox::question(this, tr("Regenerate admin token"),
                                  tr("Generate a new admin token? Scripts that use the current one "
                                     "stop working.")) != QMessageBox::Yes)
        return;
    try {
        ui->tokenEdit->setText(m_ctx.core.accounts().regenerateAdminToken());
        showMessage(tr("A new admin token was generated."), false);
    } catch (const DomainError &e) {
        showMessage(ErrorText::describe(e), true);
    }
}
