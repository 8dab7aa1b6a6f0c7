#pragma once

#include "inbound/InboundStore.h"
#include "messaging/MessageComposer.h"

#include <QWidget>
#include <memory>

namespace Ui {
class ConversationsPage;
}
class GuiContext;
class ChatListModel;
class ConversationModel;
class QTimer;
class QPushButton;
class QLabel;

// What customers wrote back: the chats of a user (per number and customer, newest first, with
// unread counts), the timeline of the selected customer in both directions with statuses, and
// a reply box that queues through MessageComposer like POST /messages (so an opted-out contact
// is refused by the same rule, and the refusal is shown in words). Every read is on a worker
// thread; new messages (message_received), status changes and opt-outs refresh what is on
// screen, coalesced, and a hidden page catches up when it is shown.
class ConversationsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ConversationsPage(GuiContext &context, QWidget *parent = nullptr);
    ~ConversationsPage() override;

    ChatListModel *chats() const { return m_chats; }
    ConversationModel *conversation() const { return m_conversation; }
    bool selectUser(qint64 vendorId, qint64 userId);
    // Opens the chat at this row of chats(); false when there is none.
    bool openChat(int row);
    InboundStore::Chat currentChat() const { return m_chat; }
    QString headerText() const;
    void setReplyText(const QString &text);
    QString replyResultText() const;
    // Reply and React on the selected timeline entry (issue #16): the next reply quotes it,
    // or a reaction to it is queued, through MessageComposer like POST /messages' reply_to and
    // type reaction. False when no entry of the open chat is selected.
    bool quoteSelected();
    void clearQuote();
    QString quoteText() const;
    bool reactToSelected(const QString &emoji);
    bool isSending() const { return m_sending; }

public Q_SLOTS:
    void reloadUsers();
    void refresh();
    // Queues the reply box's text to the open chat's customer from the number they wrote to,
    // on a worker thread; replyFinished tells how it went.
    void sendReply();
    // The contact form of the open chat's customer, or a new contact with their phone when
    // they are not in the user's list.
    void openContact();
    // The read receipt for the open chat through its number's session (the operator's choice,
    // never automatic), then its messages are recorded as read — as POST
    // /messages/inbound/:id/read does. markReadFinished tells how it went.
    void markRead();

Q_SIGNALS:
    void replyFinished(bool queued);
    void markReadFinished(bool ok);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onUserChanged(qint64 vendorId, qint64 userId);
    void fillNumbers();
    void onChatsLoaded();
    void showChat(const InboundStore::Chat &chat);
    void updateHeader();
    void updateReplyState();
    void updateTotals();
    void scheduleChats();
    void scheduleTimeline();
    bool isOpenChat(const InboundMessage &message) const;
    std::optional<RichMessage::Target> selectedTarget() const;
    // Queues on a worker thread; `done` is the text shown when it was queued.
    void queue(const MessageComposer::Request &request, const QString &done, bool clearsReply);

    std::unique_ptr<Ui::ConversationsPage> ui;
    GuiContext &m_ctx;
    ChatListModel *m_chats;
    ConversationModel *m_conversation;
    QTimer *m_chatsRefresh;
    QTimer *m_timelineRefresh;
    InboundStore::Chat m_chat; // the open chat; numberId 0 when none
    bool m_stale = false;      // events arrived while hidden
    bool m_sending = false;
    bool m_marking = false;
    bool m_followNewest = true; // scroll to the newest entry after a refresh
    RichMessage::Target m_quote; // what the next reply quotes; kind None when nothing
    QPushButton *m_quoteButton = nullptr;
    QPushButton *m_reactButton = nullptr;
    QLabel *m_quoteLabel = nullptr;
};
