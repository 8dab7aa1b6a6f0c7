#include "ConversationsPage.h"

#include "BackgroundQuery.h"
#include "ChatListModel.h"
#include "ContactDialog.h"
#include "ConversationModel.h"
#include "CoreServices.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "EventBus.h"
#include "GuiContext.h"
#include "SessionManager.h"
#include "StatusText.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneDisplay.h"
#include "inbound/OptOutService.h"
#include "messaging/MessageComposer.h"
#include "numbers/NumberStore.h"
#include "storage/Database.h"
#include "ui_ConversationsPage.h"

#include <QDateTime>
#include <QEvent>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace {
// Events come per message (hundreds a second from a busy number): the lists are read again at
// most this often.
constexpr int kRefreshDelayMs = 250;
} // namespace

ConversationsPage::ConversationsPage(GuiContext &context, QWidget *parent)
    : QWidget(parent), ui(std::make_unique<Ui::ConversationsPage>()), m_ctx(context),
      m_chats(new ChatListModel(context.core.database(), this)),
      m_conversation(new ConversationModel(context.core.database(), this)),
      m_chatsRefresh(new QTimer(this)), m_timelineRefresh(new QTimer(this))
{
    ui->setupUi(this);
    ui->chatsTable->setModel(m_chats);
    ui->chatsTable->verticalHeader()->hide();
    ui->chatsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    ui->chatsTable->horizontalHeader()->resizeSection(ChatListModel::Customer, 190);
    ui->chatsTable->horizontalHeader()->resizeSection(ChatListModel::LastMessage, 170);
    ui->chatsTable->horizontalHeader()->resizeSection(ChatListModel::Received, 90);
    ui->chatsTable->horizontalHeader()->resizeSection(ChatListModel::Unread, 56);
    ui->timeline->setModel(m_conversation);
    ui->timeline->setUniformItemSizes(false);
    ui->splitter->setStretchFactor(0, 2);
    ui->splitter->setStretchFactor(1, 3);
    ui->splitter->setSizes({520, 680});

    ui->userPicker->setCore(&m_ctx.core);
    connect(ui->userPicker, &UserPicker::userChanged, this, &ConversationsPage::onUserChanged);
    connect(ui->numberCombo, &QComboBox::currentIndexChanged, this, [this]() {
        m_chats->setUser(m_chats->vendorId(), m_chats->userId(),
                         ui->numberCombo->currentData().toLongLong());
    });
    connect(m_chats, &ChatListModel::loaded, this, &ConversationsPage::onChatsLoaded);
    connect(m_chats, &ChatListModel::failed, this, [this](const QString &message) {
        ui->totalLabel->setText(tr("Could not load the chats: %1").arg(message));
    });
    connect(ui->chatsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const InboundStore::Chat chat = m_chats->chatAt(current.row());
                if (chat.numberId != m_chat.numberId ||
                    ChatListModel::chatKey(chat) != ChatListModel::chatKey(m_chat))
                    showChat(chat);
            });
    connect(m_conversation, &ConversationModel::loaded, this, [this]() {
        ui->olderButton->setEnabled(m_conversation->hasOlder());
        if (m_followNewest)
            ui->timeline->scrollToBottom();
        m_followNewest = true;
    });
    connect(m_conversation, &ConversationModel::failed, this, [this](const QString &message) {
        ui->replyResult->setText(tr("Could not load the conversation: %1").arg(message));
    });
    connect(ui->olderButton, &QPushButton::clicked, this, [this]() {
        m_followNewest = false; // stay where the operator reads
        m_conversation->loadOlder();
    });
    connect(ui->refreshButton, &QToolButton::clicked, this, &ConversationsPage::refresh);
    connect(ui->sendButton, &QPushButton::clicked, this, &ConversationsPage::sendReply);
    connect(ui->contactButton, &QPushButton::clicked, this, &ConversationsPage::openContact);
    connect(ui->markReadButton, &QPushButton::clicked, this, &ConversationsPage::markRead);
    // Reply (quote) and React on the selected message (issue #16).
    m_quoteButton = new QPushButton(tr("&Quote"), this);
    m_quoteButton->setToolTip(tr("The next reply quotes the selected message"));
    m_reactButton = new QPushButton(tr("R&eact"), this);
    m_reactButton->setToolTip(tr("React to the selected message with an emoji"));
    auto *reactions = new QMenu(m_reactButton);
    for (const QString &emoji : {QStringLiteral("👍"), QStringLiteral("❤️"), QStringLiteral("😂"),
                                 QStringLiteral("😮"), QStringLiteral("😢"), QStringLiteral("🙏")})
        reactions->addAction(emoji, this, [this, emoji]() { reactToSelected(emoji); });
    reactions->addAction(tr("Remove my reaction"), this, [this]() { reactToSelected(QString()); });
    m_reactButton->setMenu(reactions);
    ui->headerLayout->insertWidget(1, m_quoteButton);
    ui->headerLayout->insertWidget(2, m_reactButton);
    m_quoteLabel = new QLabel(this);
    m_quoteLabel->setWordWrap(true);
    m_quoteLabel->hide();
    static_cast<QBoxLayout *>(ui->replyResult->parentWidget()->layout())
        ->insertWidget(ui->replyResult->parentWidget()->layout()->indexOf(ui->replyResult),
                       m_quoteLabel);
    connect(m_quoteButton, &QPushButton::clicked, this, &ConversationsPage::quoteSelected);
    connect(ui->replyEdit, &QPlainTextEdit::textChanged, this,
            &ConversationsPage::updateReplyState);
    auto *send = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), ui->replyEdit);
    send->setContext(Qt::WidgetShortcut);
    connect(send, &QShortcut::activated, this, &ConversationsPage::sendReply);
    auto *reload = new QShortcut(QKeySequence::Refresh, this);
    connect(reload, &QShortcut::activated, this, &ConversationsPage::refresh);

    // Live: new messages, status changes of what we sent, opt-outs. Coalesced per kind.
    for (QTimer *t : {m_chatsRefresh, m_timelineRefresh}) {
        t->setSingleShot(true);
        t->setInterval(kRefreshDelayMs);
    }
    connect(m_chatsRefresh, &QTimer::timeout, this, [this]() {
        if (!isVisible()) {
            m_stale = true;
            return;
        }
        m_chats->refresh();
    });
    connect(m_timelineRefresh, &QTimer::timeout, this, [this]() {
        if (!isVisible()) {
            m_stale = true;
            return;
        }
        m_conversation->refresh();
    });
    EventBus &events = m_ctx.core.events();
    events.on<MessageReceivedEvent>(this, [this](qint64 vendorId, const MessageReceivedEvent &e) {
        if (vendorId != m_chats->vendorId() || e.userId != m_chats->userId())
            return;
        scheduleChats();
        if (isOpenChat(e.message))
            scheduleTimeline();
    });
    events.on<MessageStatusEvent>(this, [this](qint64 vendorId, const MessageStatusEvent &e) {
        if (vendorId == m_chats->vendorId() && e.userId == m_chats->userId() &&
            !m_chat.phone.isEmpty() && e.recipient == m_chat.phone)
            scheduleTimeline();
    });
    events.on<ContactOptedOutEvent>(this, [this](qint64 vendorId, const ContactOptedOutEvent &e) {
        if (vendorId == m_chats->vendorId() && e.userId == m_chats->userId())
            scheduleChats();
    });
    events.on<ContactOptedInEvent>(this, [this](qint64 vendorId, const ContactOptedInEvent &e) {
        if (vendorId == m_chats->vendorId() && e.userId == m_chats->userId())
            scheduleChats();
    });

    ui->userPicker->select(QSettings().value(QStringLiteral("conversations/vendor")).toLongLong(),
                           QSettings().value(QStringLiteral("conversations/user")).toLongLong());
    onUserChanged(ui->userPicker->vendorId(), ui->userPicker->userId());
}

ConversationsPage::~ConversationsPage() = default;

void ConversationsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        if (ui->numberCombo->count() > 0)
            ui->numberCombo->setItemText(0, tr("All numbers"));
        updateHeader();
        updateTotals();
    }
    QWidget::changeEvent(event);
}

void ConversationsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

bool ConversationsPage::selectUser(qint64 vendorId, qint64 userId)
{
    return ui->userPicker->select(vendorId, userId);
}

void ConversationsPage::reloadUsers()
{
    ui->userPicker->reload();
    fillNumbers(); // a number may have been added or removed
}

void ConversationsPage::onUserChanged(qint64 vendorId, qint64 userId)
{
    QSettings().setValue(QStringLiteral("conversations/vendor"), vendorId);
    QSettings().setValue(QStringLiteral("conversations/user"), userId);
    showChat({});
    fillNumbers();
    m_chats->setUser(vendorId, userId, ui->numberCombo->currentData().toLongLong());
}

void ConversationsPage::fillNumbers()
{
    const QSignalBlocker block(ui->numberCombo);
    const qint64 keep = ui->numberCombo->currentData().toLongLong();
    ui->numberCombo->clear();
    ui->numberCombo->addItem(tr("All numbers"), qint64(0));
    const qint64 vendor = ui->userPicker->vendorId(), user = ui->userPicker->userId();
    if (vendor > 0 && user > 0) {
        // A user has a handful of numbers (their plan's limit): read here, like the pickers.
        for (const WhatsAppNumber &n : m_ctx.core.numbers().listForUser(vendor, user))
            ui->numberCombo->addItem(
                n.label.isEmpty()
                    ? PhoneDisplay::e164(n.phoneNumber)
                    : QStringLiteral("%1 (%2)").arg(PhoneDisplay::e164(n.phoneNumber), n.label),
                n.id);
    }
    ui->numberCombo->setCurrentIndex(qMax(0, ui->numberCombo->findData(keep)));
    ui->numberCombo->setEnabled(ui->numberCombo->count() > 1);
}

void ConversationsPage::refresh()
{
    m_chats->refresh();
    if (m_chat.numberId > 0)
        m_conversation->refresh();
}

void ConversationsPage::scheduleChats()
{
    if (!m_chatsRefresh->isActive())
        m_chatsRefresh->start();
}

void ConversationsPage::scheduleTimeline()
{
    if (!m_timelineRefresh->isActive())
        m_timelineRefresh->start();
}

bool ConversationsPage::isOpenChat(const InboundMessage &m) const
{
    if (m_chat.numberId == 0)
        return false;
    // The timeline is the user's with this customer across numbers: any number counts.
    if (!m_chat.phone.isEmpty())
        return m.fromPhone == m_chat.phone;
    return !m_chat.fromLid.isEmpty() && m.fromLid == m_chat.fromLid;
}

void ConversationsPage::onChatsLoaded()
{
    // Keep the open chat selected (it moves to the top when the customer writes again), and
    // take its fresh unread count and opt-out state.
    if (m_chat.numberId > 0) {
        const int row = m_chats->rowOf(m_chat.numberId, ChatListModel::chatKey(m_chat));
        if (row >= 0) {
            m_chat = m_chats->chatAt(row);
            const QSignalBlocker block(ui->chatsTable->selectionModel());
            ui->chatsTable->selectRow(row);
        }
    }
    updateHeader();
    updateTotals();
    updateReplyState();
}

bool ConversationsPage::openChat(int row)
{
    if (row < 0 || row >= m_chats->rowCount())
        return false;
    ui->chatsTable->selectRow(row); // showChat through currentRowChanged
    if (m_chat.numberId != m_chats->chatAt(row).numberId ||
        ChatListModel::chatKey(m_chat) != ChatListModel::chatKey(m_chats->chatAt(row)))
        showChat(m_chats->chatAt(row));
    return true;
}

void ConversationsPage::showChat(const InboundStore::Chat &chat)
{
    if (chat.numberId != m_chat.numberId || chat.phone != m_chat.phone)
        clearQuote(); // a quote belongs to its chat
    m_chat = chat;
    ui->replyResult->clear();
    m_followNewest = true;
    m_conversation->setConversation(m_chats->vendorId(), m_chats->userId(),
                                    chat.numberId > 0 ? ChatListModel::chatKey(chat) : QString());
    ui->olderButton->setEnabled(false);
    updateHeader();
    updateReplyState();
}

QString ConversationsPage::headerText() const
{
    return ui->contactTitle->text();
}

void ConversationsPage::updateHeader()
{
    // A customer not in the list can be added (replies need it); the form starts with the phone.
    ui->contactButton->setEnabled(m_chat.contactId > 0 || !m_chat.phone.isEmpty());
    ui->contactButton->setText(
        m_chat.contactId > 0 || m_chat.numberId == 0 ? tr("C&ontact…") : tr("&Add to contacts…"));
    ui->markReadButton->setEnabled(m_chat.unread > 0 && !m_marking);
    if (m_chat.numberId == 0) {
        ui->contactTitle->setText(tr("Select a chat to see the conversation."));
        return;
    }
    QString text =
        QStringLiteral("<b>%1</b>").arg(ChatListModel::customerText(m_chat).toHtmlEscaped());
    if (m_chat.contactId == 0)
        text += QStringLiteral("<br>") +
                tr("Not in the user's contact list: replies are refused until it is added.")
                    .toHtmlEscaped();
    if (m_chat.optedOut) {
        // When and why, as stored (a primary-key read of one contact).
        QString since;
        try {
            const OptOutService::State state =
                m_ctx.core.optOuts().state(m_chats->vendorId(), m_chat.contactId);
            if (state.optedOutAtMs > 0)
                since =
                    tr("Opted out on %1 (%2).")
                        .arg(QLocale().toString(
                                 QDateTime::fromMSecsSinceEpoch(state.optedOutAtMs).toLocalTime(),
                                 QLocale::ShortFormat),
                             StatusText::optOutSource(state.source));
        } catch (const DomainError &) {
        }
        if (since.isEmpty())
            since = tr("Opted out.");
        text += QStringLiteral("<br><span style='color:%1'>%2 %3</span>")
                    .arg(StatusText::messageColor(QStringLiteral("failed")).name(),
                         since.toHtmlEscaped(),
                         tr("Messages to this contact are refused.").toHtmlEscaped());
    }
    ui->contactTitle->setText(text);
}

void ConversationsPage::updateTotals()
{
    if (m_chats->userId() <= 0) {
        ui->totalLabel->setText(tr("Choose a vendor and a user to see who wrote to them."));
        return;
    }
    ui->totalLabel->setText(tr("%n chat(s)", nullptr, m_chats->rowCount()) + QStringLiteral(" · ") +
                            tr("%n unread", nullptr, m_chats->unreadTotal()));
}

void ConversationsPage::updateReplyState()
{
    const bool open = m_chat.numberId > 0;
    const bool canReply = open && !m_chat.phone.isEmpty();
    if (m_quoteButton) { // made in the constructor, after the first calls here
        m_quoteButton->setEnabled(canReply);
        m_reactButton->setEnabled(canReply && !m_sending);
    }
    ui->replyEdit->setEnabled(canReply && !m_sending);
    ui->sendButton->setEnabled(canReply && !m_sending &&
                               !ui->replyEdit->toPlainText().trimmed().isEmpty());
    if (open && !canReply)
        ui->replyEdit->setPlaceholderText(
            tr("WhatsApp has not told this sender's phone number yet (only its @lid id): a reply "
               "needs the number."));
    else
        ui->replyEdit->setPlaceholderText(tr("Write a reply… (Ctrl+Return sends)"));
}

void ConversationsPage::setReplyText(const QString &text)
{
    ui->replyEdit->setPlainText(text);
}

QString ConversationsPage::replyResultText() const
{
    return ui->replyResult->text();
}

void ConversationsPage::sendReply()
{
    const QString text = ui->replyEdit->toPlainText();
    if (m_sending || m_chat.numberId == 0 || m_chat.phone.isEmpty() || text.trimmed().isEmpty())
        return;
    MessageComposer::Request request;
    request.userId = m_chats->userId();
    request.recipients.append({PhoneDisplay::e164(m_chat.phone), QJsonObject()});
    request.message = text;
    request.fromNumberId = m_chat.numberId; // answer from the number they wrote to
    request.rich.replyTo = m_quote;
    queue(request, tr("Reply queued."), true);
}

std::optional<RichMessage::Target> ConversationsPage::selectedTarget() const
{
    const QModelIndex index = ui->timeline->currentIndex();
    if (m_chat.numberId == 0 || !index.isValid())
        return std::nullopt;
    const InboundStore::TimelineEntry entry = m_conversation->entryAt(index.row());
    RichMessage::Target t;
    if (entry.direction == QLatin1String("in") && entry.in.id > 0) {
        t.kind = RichMessage::Target::Kind::Received;
        t.id = entry.in.id;
    } else if (entry.out.id > 0) {
        t.kind = RichMessage::Target::Kind::Sent;
        t.id = entry.out.id;
    } else {
        return std::nullopt;
    }
    return t;
}

bool ConversationsPage::quoteSelected()
{
    const auto target = selectedTarget();
    if (!target)
        return false;
    m_quote = *target;
    const QModelIndex index = ui->timeline->currentIndex();
    m_quoteLabel->setText(
        tr("Replying to: %1").arg(index.data(ConversationModel::ContentRole).toString().left(120)));
    m_quoteLabel->show();
    ui->replyEdit->setFocus();
    return true;
}

void ConversationsPage::clearQuote()
{
    m_quote = {};
    if (!m_quoteLabel)
        return;
    m_quoteLabel->clear();
    m_quoteLabel->hide();
}

QString ConversationsPage::quoteText() const
{
    return m_quoteLabel->text();
}

bool ConversationsPage::reactToSelected(const QString &emoji)
{
    const auto target = selectedTarget();
    if (!target || m_sending || m_chat.phone.isEmpty())
        return false;
    MessageComposer::Request request;
    request.userId = m_chats->userId();
    request.recipients.append({PhoneDisplay::e164(m_chat.phone), QJsonObject()});
    request.rich.type = QStringLiteral("reaction");
    request.rich.reactionTo = *target;
    request.rich.emoji = emoji;
    queue(request,
          emoji.isEmpty() ? tr("Reaction removal queued.") : tr("Reaction %1 queued.").arg(emoji),
          false);
    return true;
}

void ConversationsPage::queue(const MessageComposer::Request &request, const QString &done,
                              bool clearsReply)
{
    const qint64 vendorId = m_chats->vendorId();
    m_sending = true;
    updateReplyState();
    ui->replyResult->setText(tr("Queuing…"));

    // The same path, rules and transaction as POST /messages and the compose dialog, on a
    // worker thread with its own connection.
    struct Result
    {
        MessageComposer::Outcome outcome;
        std::optional<DomainError> error;
    };
    CoreServices &core = m_ctx.core;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher, done, clearsReply]() {
        watcher->deleteLater();
        const Result r = watcher->result();
        m_sending = false;
        QString reason;
        if (r.error && r.error->code() == QLatin1String("no_valid_recipients"))
            reason = r.error->details()
                         .value(QStringLiteral("results"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("reason"))
                         .toString();
        else if (!r.error && r.outcome.queued == 0 && !r.outcome.results.isEmpty())
            reason = r.outcome.results.first().reason;
        bool queued = false;
        if (!reason.isEmpty()) {
            ui->replyResult->setText(
                tr("The reply was not queued: %1.").arg(StatusText::rejectionReason(reason)));
        } else if (r.error) {
            ui->replyResult->setText(ErrorText::describe(*r.error));
        } else {
            queued = true;
            ui->replyResult->setText(done);
            if (clearsReply) {
                ui->replyEdit->clear();
                clearQuote();
            }
            m_followNewest = true;
            m_conversation->refresh();
        }
        updateReplyState();
        Q_EMIT replyFinished(queued);
    });
    watcher->setFuture(QtConcurrent::run([&core, vendorId, request]() {
        Result r;
        QString connection;
        try {
            connection = core.database().openThreadConnection(QStringLiteral("reply"));
            MessageComposer composer(core, connection);
            r.outcome = composer.compose(vendorId, request);
        } catch (const DomainError &e) {
            r.error = e;
        } catch (const std::exception &e) {
            r.error = DomainError::internal(QString::fromUtf8(e.what()));
        }
        if (!connection.isEmpty())
            Database::closeThreadConnection(connection);
        return r;
    }));
}

void ConversationsPage::openContact()
{
    Contact contact;
    if (m_chat.contactId > 0) {
        const std::optional<Contact> stored =
            m_ctx.core.contacts().find(m_chats->vendorId(), m_chats->userId(), m_chat.contactId);
        if (!stored)
            return;
        contact = *stored;
    } else if (!m_chat.phone.isEmpty()) {
        contact.phoneNumber = m_chat.phone; // a new contact with the customer's number
    } else {
        return;
    }
    ContactDialog dialog(m_ctx.core, m_chats->vendorId(), m_chats->userId(), contact, this);
    dialog.exec();
    m_chats->refresh(); // the name, the opt-out state, or a contact that now exists
}

void ConversationsPage::markRead()
{
    if (m_chat.numberId == 0 || m_chat.unread == 0 || m_marking)
        return;
    // The chat's newest message: recording it read records the earlier ones of the chat too,
    // as WhatsApp's receipt is for the whole chat.
    const InboundMessage last = m_chat.last;
    const qint64 vendorId = m_chats->vendorId();
    const auto finish = [this](bool ok, const QString &text) {
        m_marking = false;
        ui->replyResult->setText(text);
        updateHeader();
        if (ok)
            m_chats->refresh();
        Q_EMIT markReadFinished(ok);
    };
    m_marking = true;
    updateHeader();
    ui->replyResult->setText(tr("Sending the read receipt…"));
    try {
        m_ctx.sessions.sendSeen(
            last.numberId, last.chatWid,
            [guard = QPointer<ConversationsPage>(this), finish, vendorId, id = last.id](
                bool ok, const QJsonObject &, const QString &error, const QString &message) {
                if (!guard)
                    return;
                if (!ok) {
                    finish(false, tr("The read receipt was not sent: %1")
                                      .arg(message.isEmpty() ? error : message));
                    return;
                }
                // WhatsApp has the receipt: now it is recorded, on a worker thread (a write
                // waits for the database's write lock, which a CSV import holds for a while).
                BackgroundQuery::run<InboundMessage>(
                    guard->m_ctx.core.database(), guard,
                    [vendorId, id](const QString &connection) {
                        return InboundStore(connection).markRead(vendorId, id);
                    },
                    [finish](const BackgroundQuery::Result<InboundMessage> &result) {
                        if (result.value)
                            finish(true, tr("Marked as read."));
                        else
                            finish(false, result.error);
                    });
            });
    } catch (const DomainError &e) {
        finish(false, ErrorText::describe(e)); // no ready session for the number
    }
}
