#pragma once

#include "Entities.h"
#include "messaging/MessageComposer.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <memory>

namespace Ui {
class ComposeDialog;
}
class GuiContext;
class QTimer;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

// Compose and send a message to contacts of one user through MessageComposer, the same path
// as POST /messages: contact picker with search, template text with a live preview rendered by
// TemplateRenderer for one chosen contact, optional file URL and caption, sending number.
class ComposeDialog : public QDialog
{
    Q_OBJECT
public:
    ComposeDialog(GuiContext &context, qint64 vendorId, qint64 userId, QWidget *parent = nullptr);
    ~ComposeDialog() override;

    void setSearch(const QString &term);
    void addAllMatching();
    void setMessage(const QString &text);
    int recipientCount() const;
    QString previewText() const;
    QString resultText() const;
    // The message types of issue #16: "text" (text and/or file), "location", "contact",
    // "voice" (the file URL is the audio).
    void setType(const QString &type);
    void setLocation(double lat, double lng, const QString &name, const QString &address);
    void setCard(const QString &name, const QString &phone, const QString &email = {},
                 const QString &company = {});
    // Opened from a conversation: the message quotes this one.
    void setReplyTo(const RichMessage::Target &target, const QString &preview);

    bool isSending() const { return m_sending; }
    // "Send at" (optional): an invalid QDateTime sends now.
    void setSendAt(const QDateTime &when);

public Q_SLOTS:
    // Starts queuing the message on a worker thread (its own database connection: a batch of
    // thousands takes a noticeable moment and the window must not freeze). The dialog stays
    // usable for reading but cannot send again or close until sendFinished().
    void send();
    // Closing while the batch is being queued is refused (it would hide whether it was).
    void reject() override;

Q_SIGNALS:
    void sent(const QString &batchId);
    // After every send(): ok = something was queued; otherwise resultText() says why.
    void sendFinished(bool ok);

private:
    void runSearch();
    void addContacts(const QList<Contact> &contacts);
    void updatePreview();
    void updateState();
    void setSending(bool sending);
    void showOutcome(const MessageComposer::Outcome &outcome);

    std::unique_ptr<Ui::ComposeDialog> ui;
    GuiContext &m_ctx;
    qint64 m_vendorId;
    qint64 m_userId;
    QHash<qint64, Contact> m_results;
    QHash<QString, Contact> m_chosen; // by phone
    QTimer *m_searchDelay;
    class QPushButton *m_sendButton;
    class QCheckBox *m_sendAtCheck;
    class QDateTimeEdit *m_sendAtEdit;
    bool m_sending = false;
    // Issue #16: the type and its fields, rows of the message form shown for their type.
    QComboBox *m_typeCombo = nullptr;
    QDoubleSpinBox *m_latSpin = nullptr;
    QDoubleSpinBox *m_lngSpin = nullptr;
    QLineEdit *m_placeEdit = nullptr;
    QLineEdit *m_addressEdit = nullptr;
    QLineEdit *m_cardNameEdit = nullptr;
    QLineEdit *m_cardPhoneEdit = nullptr;
    QLineEdit *m_cardEmailEdit = nullptr;
    QLineEdit *m_cardCompanyEdit = nullptr;
    QLabel *m_replyLabel = nullptr;
    RichMessage::Target m_replyTo;
    void buildTypeRows();
    void updateTypeRows();
    QString currentType() const;
};
