#include "ChatListModel.h"

#include "StatusText.h"
#include "contacts/PhoneDisplay.h"
#include "numbers/NumberStore.h"

#include <QBrush>
#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace {
// Today's messages by their time, older ones with the date.
QString when(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    if (at.date() == QDate::currentDate())
        return QLocale().toString(at.time(), QLocale::ShortFormat);
    return QLocale().toString(at, QLocale::ShortFormat);
}
} // namespace

ChatListModel::ChatListModel(Database &database, QObject *parent)
    : QAbstractTableModel(parent),
      m_read(
          database, this,
          [this]() -> CoalescedRead<ChatsRead>::Work {
              const qint64 vendor = m_vendorId, user = m_userId, number = m_numberId;
              return [vendor, user, number](const QString &connection) {
                  ChatsRead read;
                  read.chats = InboundStore(connection).chats(vendor, user, number);
                  for (const WhatsAppNumber &n : NumberStore(connection).listForUser(vendor, user))
                      read.numberPhones.insert(n.id, PhoneDisplay::e164(n.phoneNumber));
                  return read;
              };
          },
          [this] { return m_vendorId > 0 && m_userId > 0; },
          [this](const BackgroundQuery::Result<ChatsRead> &result) {
              if (!result.value) {
                  Q_EMIT failed(result.error);
                  return;
              }
              beginResetModel();
              m_rows = result.value->chats;
              m_numberPhones = result.value->numberPhones;
              endResetModel();
              Q_EMIT loaded();
          })
{
}

void ChatListModel::setUser(qint64 vendorId, qint64 userId, qint64 numberId)
{
    m_vendorId = vendorId;
    m_userId = userId;
    m_numberId = numberId;
    m_read.invalidate(); // a running read is for the old choice: its answer is dropped
    refresh();
}

void ChatListModel::refresh()
{
    if (m_vendorId <= 0 || m_userId <= 0) {
        m_read.invalidate();
        beginResetModel();
        m_rows.clear();
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    // The user or number changed, or something new arrived meanwhile: read (again).
    m_read.request();
}

InboundStore::Chat ChatListModel::chatAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : InboundStore::Chat{};
}

int ChatListModel::rowOf(qint64 numberId, const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).numberId == numberId && chatKey(m_rows.at(i)) == key)
            return i;
    }
    return -1;
}

int ChatListModel::unreadTotal() const
{
    int total = 0;
    for (const InboundStore::Chat &c : m_rows)
        total += c.unread;
    return total;
}

QString ChatListModel::chatKey(const InboundStore::Chat &chat)
{
    return chat.phone.isEmpty() ? chat.fromLid : chat.phone;
}

QString ChatListModel::customerText(const InboundStore::Chat &chat)
{
    const QString who = chat.phone.isEmpty() ? chat.fromLid : PhoneDisplay::e164(chat.phone);
    return chat.contactName.isEmpty() ? who : tr("%1 (%2)").arg(chat.contactName, who);
}

QString ChatListModel::preview(const InboundMessage &m)
{
    if (m.type == InboundMessage::kText)
        return m.body.simplified();
    if (m.type == InboundMessage::kReaction)
        return m.body.isEmpty() ? tr("Removed a reaction") : tr("Reacted %1").arg(m.body);
    if (m.type == InboundMessage::kRevoked)
        return tr("Deleted a message");
    QStringList parts{QStringLiteral("[%1]").arg(StatusText::inboundType(m.type))};
    if (!m.filename.isEmpty())
        parts << m.filename;
    if (!m.caption.isEmpty())
        parts << m.caption.simplified();
    return parts.join(QLatin1Char(' '));
}

int ChatListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChatListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const InboundStore::Chat &c = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Customer:
            return c.optedOut ? tr("%1 · opted out").arg(customerText(c)) : customerText(c);
        case LastMessage:
            return preview(c.last).left(120);
        case Received:
            return when(c.last.receivedAtMs);
        case Unread:
            return c.unread > 0 ? QLocale().toString(c.unread) : QString();
        case Number:
            return m_numberPhones.value(c.numberId);
        }
    } else if (role == Qt::FontRole && c.unread > 0 &&
               (index.column() == Customer || index.column() == Unread)) {
        QFont bold;
        bold.setBold(true);
        return bold;
    } else if (role == Qt::ForegroundRole && index.column() == Customer && c.optedOut) {
        return QBrush(StatusText::messageColor(QStringLiteral("failed")));
    } else if (role == Qt::TextAlignmentRole && index.column() == Unread) {
        return int(Qt::AlignCenter);
    } else if (role == Qt::ToolTipRole && index.column() == LastMessage) {
        return preview(c.last);
    } else if (role == Qt::ToolTipRole && index.column() == Received) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(c.last.receivedAtMs).toLocalTime(),
                                  QLocale::LongFormat);
    } else if (role == Qt::UserRole) {
        return c.unread;
    }
    return {};
}

QVariant ChatListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    switch (section) {
    case Customer:
        return tr("Customer");
    case LastMessage:
        return tr("Last message");
    case Received:
        return tr("Received");
    case Unread:
        return tr("Unread");
    case Number:
        return tr("To number");
    }
    return {};
}
