#include "PairingCodeDialog.h"

#include "DomainError.h"
#include "GuiContext.h"
#include "SessionManager.h"
#include "StatusText.h"
#include "contacts/PhoneDisplay.h"
#include "platform/Clock.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

PairingCodeDialog::PairingCodeDialog(GuiContext &context, const WhatsAppNumber &number,
                                     QWidget *parent)
    : QDialog(parent), m_ctx(context), m_number(number), m_codeLabel(new QLabel(this)),
      m_countdownLabel(new QLabel(this)), m_statusLabel(new QLabel(this)),
      m_copyButton(new QPushButton(tr("&Copy"), this)),
      m_refreshButton(new QPushButton(tr("&Refresh"), this)),
      m_cancelButton(new QPushButton(tr("Cancel (use the QR code)"), this)),
      m_countdown(new QTimer(this))
{
    setWindowTitle(tr("Link %1 with a code").arg(PhoneDisplay::e164(number.phoneNumber)));
    auto *help = new QLabel(
        tr("On the phone of %1: open WhatsApp, tap <b>Settings</b> (or <b>Menu</b>) → <b>Linked "
           "devices</b> → <b>Link a device</b> → <b>Link with phone number instead</b>, and "
           "enter this code.")
            .arg(PhoneDisplay::e164(number.phoneNumber).toHtmlEscaped()),
        this);
    help->setWordWrap(true);

    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSize(32);
    big.setBold(true);
    m_codeLabel->setFont(big);
    m_codeLabel->setAlignment(Qt::AlignCenter);
    m_codeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codeLabel->setMinimumHeight(80);
    m_codeLabel->setAccessibleName(tr("Pairing code"));
    m_countdownLabel->setAlignment(Qt::AlignCenter);
    m_statusLabel->setWordWrap(true);
    m_codeLabel->setObjectName(QStringLiteral("codeLabel"));
    m_copyButton->setObjectName(QStringLiteral("copyButton"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_refreshButton);
    buttons->addStretch();
    buttons->addWidget(m_cancelButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_codeLabel);
    layout->addWidget(m_countdownLabel);
    layout->addWidget(m_statusLabel);
    layout->addLayout(buttons);
    setMinimumWidth(460);

    connect(m_copyButton, &QPushButton::clicked, this, &PairingCodeDialog::copyCode);
    connect(m_refreshButton, &QPushButton::clicked, this, &PairingCodeDialog::refreshCode);
    connect(m_cancelButton, &QPushButton::clicked, this, &PairingCodeDialog::cancelCode);

    SessionManager &sessions = m_ctx.sessions;
    // The page renews the code before it expires: the new one replaces it here.
    connect(&sessions, &SessionManager::pairingCodeChanged, this,
            [this](qint64, qint64 numberId, const QString &code) {
                if (numberId == m_number.id && !code.isEmpty())
                    showCode(code);
            });
    connect(&sessions, &SessionManager::stateChanged, this,
            [this](qint64, qint64 numberId, const QString &state, const QString &reason) {
                if (numberId != m_number.id)
                    return;
                if (state == SessionState::Authenticated || state == SessionState::Ready) {
                    m_code.clear(); // linked: nothing to cancel
                    accept();
                } else if (state == SessionState::Failed) {
                    showError(tr("The session failed: %1").arg(StatusText::sessionReason(reason)));
                }
            });
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, &PairingCodeDialog::updateCountdown);
    m_countdown->start();
    showCode(QString());
}

QString PairingCodeDialog::displayCode(const QString &code)
{
    return code.size() == 8 ? code.left(4) + QLatin1Char('-') + code.mid(4) : code;
}

QString PairingCodeDialog::codeText() const
{
    return m_code.isEmpty() ? QString() : m_codeLabel->text();
}

QString PairingCodeDialog::countdownText() const
{
    return m_countdownLabel->text();
}

QString PairingCodeDialog::statusText() const
{
    return m_statusLabel->text();
}

PairingCodeDialog::Done PairingCodeDialog::onAnswer()
{
    QPointer<PairingCodeDialog> self(this);
    QPointer<SessionManager> sessions(&m_ctx.sessions);
    const qint64 vendorId = m_number.vendorId;
    const qint64 numberId = m_number.id;
    return [self, sessions, vendorId, numberId](bool ok, const QJsonObject &result, const QString &,
                                                const QString &message) {
        if (!self) {
            // Cancelled (or closed) before the code came: what Cancel means, back to the QR.
            if (ok && sessions) {
                try {
                    sessions->cancelPairingCode(
                        vendorId, numberId,
                        [](bool, const QJsonObject &, const QString &, const QString &) {});
                } catch (const DomainError &) {
                    // linked or stopped meanwhile
                }
            }
            return;
        }
        self->m_refreshButton->setEnabled(true);
        if (ok)
            self->showCode(result.value(QStringLiteral("code")).toString());
        else
            self->showError(message);
    };
}

void PairingCodeDialog::requestCode()
{
    m_statusLabel->setText(tr("Asking WhatsApp Web for a code…"));
    m_refreshButton->setEnabled(false);
    try {
        m_ctx.sessions.requestPairingCode(m_number.vendorId, m_number.id, onAnswer());
    } catch (const DomainError &e) {
        showError(e.message());
    }
}

void PairingCodeDialog::refreshCode()
{
    if (m_code.isEmpty()) {
        requestCode();
        return;
    }
    m_statusLabel->setText(tr("Asking WhatsApp Web for a new code…"));
    m_refreshButton->setEnabled(false);
    try {
        m_ctx.sessions.refreshPairingCode(m_number.vendorId, m_number.id, onAnswer());
    } catch (const DomainError &e) {
        showError(e.message());
    }
}

void PairingCodeDialog::copyCode()
{
    if (!m_code.isEmpty())
        QApplication::clipboard()->setText(m_code);
}

void PairingCodeDialog::cancelCode()
{
    m_cancelling = true;
    if (!m_code.isEmpty()) {
        try {
            // Back to the QR; the Sessions page shows it as soon as the page does.
            m_ctx.sessions.cancelPairingCode(
                m_number.vendorId, m_number.id,
                [](bool, const QJsonObject &, const QString &, const QString &) {});
        } catch (const DomainError &) {
            // No code on the page any more (linked or stopped meanwhile): nothing to undo.
        }
        m_code.clear();
    }
    QDialog::reject();
}

void PairingCodeDialog::reject()
{
    if (m_cancelling) {
        QDialog::reject();
        return;
    }
    cancelCode(); // Escape or the window's close button: the code goes too
}

void PairingCodeDialog::showCode(const QString &code)
{
    m_code = code;
    m_codeLabel->setText(code.isEmpty() ? QStringLiteral("····-····") : displayCode(code));
    m_copyButton->setEnabled(!code.isEmpty());
    if (!code.isEmpty())
        m_statusLabel->setText(tr("Waiting for the phone…"));
    updateCountdown();
}

void PairingCodeDialog::showError(const QString &message)
{
    m_statusLabel->setText(tr("No code: %1").arg(message));
    m_refreshButton->setEnabled(true);
}

void PairingCodeDialog::updateCountdown()
{
    qint64 expiresAt = 0;
    try {
        if (!m_code.isEmpty())
            expiresAt =
                m_ctx.sessions.snapshot(m_number.vendorId, m_number.id).pairingCodeExpiresAt;
    } catch (const DomainError &) {
        // the number was deleted meanwhile
    }
    if (expiresAt <= 0) {
        m_countdownLabel->clear();
        return;
    }
    const qint64 seconds = qMax<qint64>(0, (expiresAt - Clock::nowMs() + 999) / 1000);
    m_countdownLabel->setText(tr("Expires in %1:%2 (a new code follows by itself)")
                                  .arg(seconds / 60)
                                  .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}
