#include "ConversationModel.h"

#include "BackgroundQuery.h"
#include "StatusText.h"

#include <QBrush>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace {
const QString kIn = QStringLiteral("in");

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(),
                              QLocale::ShortFormat);
}

QString quoteOf(const QString &text)
{
    const QString line = text.simplified();
    return QStringLiteral("“%1”").arg(
        line.size() > 60 ? QString(line.left(59) + QStringLiteral("…")) : line);
}

// The words of a sent message, without its status.
QString outText(const Message &m)
{
    QStringList lines;
    if (!m.mediaUrl.isEmpty()) {
        const QString file = QUrl(m.mediaUrl).fileName();
        lines << QStringLiteral("[%1] %2").arg(StatusText::inboundType(m.messageType),
                                               file.isEmpty() ? m.mediaUrl : file);
        if (!m.caption.isEmpty())
            lines << m.caption;
    }
    if (!m.message.isEmpty())
        lines << m.message;
    return lines.join(QLatin1Char('\n'));
}

// Which row an entry is (a message can come back in an overlapping read).
QString entryKey(const InboundStore::TimelineEntry &e)
{
    return e.direction + QString::number(e.direction == kIn ? e.in.id : e.out.id);
}

// The entry whose WhatsApp id is waId (either direction), or null.
const InboundStore::TimelineEntry *byWaId(const QList<InboundStore::TimelineEntry> &entries,
                                          const QString &waId)
{
    if (waId.isEmpty())
        return nullptr;
    for (const InboundStore::TimelineEntry &e : entries) {
        if ((e.direction == kIn ? e.in.waMessageId : e.out.waMessageId) == waId)
            return &e;
    }
    return nullptr;
}
} // namespace

ConversationModel::ConversationModel(Database &database, QObject *parent)
    : QAbstractListModel(parent), m_database(database)
{
}

void ConversationModel::setConversation(qint64 vendorId, qint64 userId, const QString &key)
{
    const bool same = vendorId == m_vendorId && userId == m_userId && key == m_key;
    m_vendorId = vendorId;
    m_userId = userId;
    m_key = key;
    if (!same) {
        ++m_generation; // a read of the previous conversation is dropped when it answers
        m_loading = false;
        m_refreshAgain = false;
        beginResetModel();
        m_rows.clear();
        m_hasOlder = false;
        endResetModel();
    }
    refresh();
}

void ConversationModel::refresh()
{
    if (m_loading) {
        m_refreshAgain = true; // once the running read answers
        return;
    }
    read(0, qBound(int(kPageSize), int(m_rows.size()), int(kMaxEntries)), false);
}

void ConversationModel::loadOlder()
{
    if (m_rows.isEmpty() || !m_hasOlder || m_loading)
        return;
    // WhatsApp times are whole seconds: a burst shares one received_at, and a page can end in
    // the middle of it. Ask for what is before the next millisecond instead, with room for the
    // loaded entries of that millisecond, which come back again and are dropped.
    const qint64 oldest = m_rows.first().atMs;
    int same = 0;
    while (same < m_rows.size() && m_rows.at(same).atMs == oldest)
        ++same;
    read(oldest + 1, kPageSize + same, true);
}

void ConversationModel::read(qint64 beforeMs, int limit, bool older)
{
    const quint64 generation = ++m_generation;
    if (m_vendorId <= 0 || m_userId <= 0 || m_key.isEmpty()) {
        m_loading = false;
        beginResetModel();
        m_rows.clear();
        m_hasOlder = false;
        endResetModel();
        Q_EMIT loaded();
        return;
    }
    m_loading = true;
    const qint64 vendor = m_vendorId, user = m_userId;
    const QString key = m_key;
    using Entries = QList<InboundStore::TimelineEntry>;
    BackgroundQuery::run<Entries>(
        m_database, this,
        [vendor, user, key, beforeMs, limit](const QString &connection) {
            return InboundStore(connection).conversation(vendor, user, key, beforeMs, limit);
        },
        [this, generation, limit, older](const BackgroundQuery::Result<Entries> &result) {
            if (generation != m_generation)
                return; // another conversation, or a newer read of this one
            m_loading = false;
            if (!result.value) {
                Q_EMIT failed(result.error);
                return;
            }
            const Entries &entries = *result.value;
            if (older) {
                m_hasOlder = entries.size() >= limit;
                QSet<QString> loaded;
                for (const InboundStore::TimelineEntry &e : std::as_const(m_rows)) {
                    if (e.atMs != m_rows.first().atMs)
                        break;
                    loaded.insert(entryKey(e));
                }
                Entries fresh;
                for (const InboundStore::TimelineEntry &e : entries) {
                    if (!loaded.contains(entryKey(e)))
                        fresh << e;
                }
                if (!fresh.isEmpty()) {
                    beginInsertRows({}, 0, int(fresh.size()) - 1);
                    m_rows = fresh + m_rows;
                    endInsertRows();
                }
            } else {
                beginResetModel();
                m_rows = entries;
                m_hasOlder = entries.size() >= limit;
                endResetModel();
            }
            Q_EMIT loaded();
            if (m_refreshAgain) {
                m_refreshAgain = false;
                refresh();
            }
        });
}

InboundStore::TimelineEntry ConversationModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : InboundStore::TimelineEntry{};
}

QString ConversationModel::content(const InboundStore::TimelineEntry &e,
                                   const QList<InboundStore::TimelineEntry> &context)
{
    if (e.direction != kIn) {
        QString text = outText(e.out);
        if (!e.out.errorMessage.isEmpty() &&
            (e.out.status == MessageStatus::Failed || e.out.status == MessageStatus::Cancelled ||
             e.out.status == MessageStatus::Expired))
            text += QLatin1Char('\n') +
                    tr("Not delivered: %1").arg(StatusText::rejectionReason(e.out.errorMessage));
        return text;
    }
    const InboundMessage &m = e.in;
    QStringList lines;
    // What it answers: our message (quoted_message_id) or one of the customer's.
    if (m.quotedMessageId > 0) {
        const InboundStore::TimelineEntry *quoted = nullptr;
        for (const InboundStore::TimelineEntry &c : context) {
            if (c.direction != kIn && c.out.id == m.quotedMessageId)
                quoted = &c;
        }
        lines << (quoted ? tr("↩ Replying to your message %1").arg(quoteOf(outText(quoted->out)))
                         : tr("↩ Replying to your message #%1").arg(m.quotedMessageId));
    } else if (!m.quotedWaMessageId.isEmpty()) {
        const InboundStore::TimelineEntry *quoted = byWaId(context, m.quotedWaMessageId);
        lines << (quoted ? tr("↩ Replying to %1").arg(quoteOf(content(*quoted, {})))
                         : tr("↩ Replying to an earlier message"));
    }
    if (m.type == InboundMessage::kText) {
        lines << m.body;
    } else if (m.type == InboundMessage::kReaction) {
        const InboundStore::TimelineEntry *target = byWaId(context, m.reactionTargetWaId);
        const QString what = target ? quoteOf(content(*target, {})) : tr("a message");
        lines << (m.body.isEmpty() ? tr("Removed the reaction to %1").arg(what)
                                   : tr("Reacted %1 to %2").arg(m.body, what));
    } else if (m.type == InboundMessage::kRevoked) {
        lines << tr("Deleted a message for everyone");
    } else if (m.type == QLatin1String("location")) {
        const QJsonObject at = QJsonDocument::fromJson(m.locationJson.toUtf8()).object();
        QStringList parts;
        for (const char *field : {"name", "address"}) {
            const QString v = at.value(QLatin1String(field)).toString();
            if (!v.isEmpty())
                parts << v;
        }
        parts << QStringLiteral("%1, %2")
                     .arg(at.value(QStringLiteral("lat")).toDouble())
                     .arg(at.value(QStringLiteral("lng")).toDouble());
        lines << QStringLiteral("[%1] %2").arg(StatusText::inboundType(m.type),
                                               parts.join(QStringLiteral(" · ")));
    } else if (m.type == QLatin1String("contact")) {
        // The names of the cards (their FN lines); the cards themselves are in the API.
        QStringList names;
        for (const QJsonValue &card : QJsonDocument::fromJson(m.vcardsJson.toUtf8()).array()) {
            for (const QString &line :
                 card.toString().split(QRegularExpression(QStringLiteral("\r?\n")))) {
                if (line.startsWith(QLatin1String("FN:"), Qt::CaseInsensitive))
                    names << line.mid(3).trimmed();
            }
        }
        lines << QStringLiteral("[%1] %2").arg(StatusText::inboundType(m.type),
                                               names.join(QStringLiteral(", ")));
    } else {
        // Media: what it is and its file; the bytes stay with WhatsApp until asked for
        // (GET /messages/inbound/:id/media).
        QStringList parts{QStringLiteral("[%1]").arg(StatusText::inboundType(m.type))};
        if (!m.filename.isEmpty())
            parts << m.filename;
        QStringList details;
        if (!m.mimetype.isEmpty())
            details << m.mimetype;
        if (m.size > 0)
            details << QLocale().formattedDataSize(m.size);
        if (!details.isEmpty())
            parts << QStringLiteral("(%1)").arg(details.join(QStringLiteral(", ")));
        lines << parts.join(QLatin1Char(' '));
        if (!m.caption.isEmpty())
            lines << m.caption;
    }
    if (m.revokedAtMs > 0)
        lines << tr("(deleted by the customer)");
    return lines.join(QLatin1Char('\n'));
}

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const InboundStore::TimelineEntry &e = m_rows.at(index.row());
    const bool in = e.direction == kIn;
    switch (role) {
    case Qt::DisplayRole: {
        const QString header =
            in ? tr("Customer · %1").arg(when(e.atMs))
               : tr("You · %1 · %2").arg(when(e.atMs), StatusText::messageStatus(e.out.status));
        return QString(header + QLatin1Char('\n') + content(e, m_rows));
    }
    case Qt::TextAlignmentRole:
        return int((in ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return QBrush(in ? QColor(0xf1, 0xf3, 0xf4) : QColor(0xdc, 0xf8, 0xc6));
    case Qt::ToolTipRole: {
        if (in)
            return tr("Received %1").arg(when(e.in.receivedAtMs));
        QStringList times{tr("Queued %1").arg(when(e.out.createdAt))};
        if (e.out.sentAt)
            times << tr("Sent %1").arg(when(e.out.sentAt));
        if (e.out.deliveredAt)
            times << tr("Delivered %1").arg(when(e.out.deliveredAt));
        if (e.out.readAt)
            times << tr("Read %1").arg(when(e.out.readAt));
        return times.join(QLatin1Char('\n'));
    }
    case DirectionRole:
        return e.direction;
    case StatusRole:
        return in ? QString() : e.out.status;
    case ContentRole:
        return content(e, m_rows);
    case AtRole:
        return e.atMs;
    }
    return {};
}
