#pragma once

#include "Entities.h"

#include <QDialog>
#include <functional>

class GuiContext;
class QJsonObject;
class QLabel;
class QPushButton;
class QTimer;

// "Link with phone number instead" for one number: asks SessionManager for a pairing code
// (starting the session when needed) and shows it large (XXXX-XXXX) and copyable, with its
// expiry counting down, Refresh (a new code now) and Cancel (back to the QR). A renewed code
// (the page renews it before it expires) replaces it; the dialog closes by itself once the
// number is linked.
class PairingCodeDialog : public QDialog
{
    Q_OBJECT
public:
    PairingCodeDialog(GuiContext &context, const WhatsAppNumber &number, QWidget *parent = nullptr);

    // What the dialog shows (tests): the code as XXXX-XXXX ("" while none), the countdown and
    // the status line (waiting, errors).
    QString codeText() const;
    QString countdownText() const;
    QString statusText() const;

    // "ABCDEFGH" → "ABCD-EFGH", as WhatsApp shows it.
    static QString displayCode(const QString &code);

public Q_SLOTS:
    void requestCode();
    void refreshCode();
    void copyCode();
    // Back to the QR, then closes.
    void cancelCode();

protected:
    void reject() override;

private:
    void showCode(const QString &code);
    void showError(const QString &message);
    void updateCountdown();
    using Done = std::function<void(bool, const QJsonObject &, const QString &, const QString &)>;
    Done onAnswer();

    GuiContext &m_ctx;
    WhatsAppNumber m_number;
    QString m_code;
    QLabel *m_codeLabel;
    QLabel *m_countdownLabel;
    QLabel *m_statusLabel;
    QPushButton *m_copyButton;
    QPushButton *m_refreshButton;
    QPushButton *m_cancelButton;
    QTimer *m_countdown;
    bool m_cancelling = false;
};
