#pragma once

#include "Entities.h"

#include <QHash>
#include <QPointer>
#include <QWidget>
#include <memory>

namespace Ui {
class SessionsPage;
}
class GuiContext;
class PairingCodeDialog;
class QTimer;
class QWebEngineView;

// Every WhatsApp number with its vendor, user, label and a coloured state; the actions of
// SessionManager; the QR code drawn natively with a countdown to its refresh; and the live
// WhatsApp Web page of any running session, one QWebEngineView per session kept in a stack
// (switching numbers never reloads a page).
class SessionsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SessionsPage(GuiContext &context, QWidget *parent = nullptr);
    ~SessionsPage() override;

    qint64 selectedNumberId() const;
    bool selectNumber(qint64 numberId);
    QString qrText() const;
    QString countdownText() const;
    int rowCount() const;
    // The selected number's state as shown (rich text): state, reason, what to do.
    QString stateText() const;
    // The banner shown when the engine's Chromium is older than engine_min_chromium; "" when
    // hidden.
    QString engineWarningText() const;
    // The open "Connect with code" dialog, or null.
    PairingCodeDialog *pairingCodeDialog() const;

public Q_SLOTS:
    void reload();
    void connectSelected();
    // Link with phone number instead: the pairing code dialog (the checks of Connect apply).
    void connectWithCodeSelected();
    void disconnectSelected();
    void logoutSelected();
    void restartSelected();
    void simulateScanSelected();
    void showWebView();
    void showQr();
    // Hides the engine banner for the rest of this run (it warns once, it does not nag).
    void dismissEngineWarning();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onStateChanged(qint64 vendorId, qint64 numberId, const QString &state,
                        const QString &reason);
    void onSessionDestroyed(qint64 numberId);
    void updateEngineWarning();
    void updateDetail();
    void updateCountdown();
    void updateWebView();
    void applyFilter();
    void setRowState(int row, const QString &state, const QString &reason);
    int rowOf(qint64 numberId) const;
    std::optional<WhatsAppNumber> selected() const;

    std::unique_ptr<Ui::SessionsPage> ui;
    GuiContext &m_ctx;
    QHash<qint64, WhatsAppNumber> m_numbers;
    QHash<qint64, QWebEngineView *> m_views;
    QTimer *m_countdown;
    bool m_engineWarningDismissed = false;
    QPointer<PairingCodeDialog> m_codeDialog;
};
