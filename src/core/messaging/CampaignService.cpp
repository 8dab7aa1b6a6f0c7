#include "messaging/CampaignService.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "accounts/AppUserStore.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberStore.h"
#include "outbox/SendPacer.h"
#include "platform/Clock.h"
#include "storage/Database.h"
#include "webhooks/WebhookOutbox.h"

#include <algorithm>

const QString CampaignService::kScheduled = QStringLiteral("scheduled");
const QString CampaignService::kRunning = QStringLiteral("running");
const QString CampaignService::kPaused = QStringLiteral("paused");
const QString CampaignService::kCompleted = QStringLiteral("completed");
const QString CampaignService::kCancelled = QStringLiteral("cancelled");

namespace {

int openCount(const QHash<QString, int> &counts)
{
    return counts.value(MessageStatus::Scheduled) + counts.value(MessageStatus::Pending) +
           counts.value(MessageStatus::Sending);
}

bool validBatchId(const QString &batchId)
{
    return !batchId.isEmpty() && batchId.size() <= 64;
}

} // namespace

CampaignService::CampaignService(CoreServices &core)
    : m_core(core), m_store(std::make_unique<BatchStore>(core.database().connectionName()))
{
}

CampaignService::~CampaignService() = default;

QString CampaignService::stateOf(const QHash<QString, int> &counts, bool paused)
{
    const int open = openCount(counts);
    if (open == 0)
        return counts.value(MessageStatus::Cancelled) > 0 ? kCancelled : kCompleted;
    if (paused)
        return kPaused;
    if (counts.value(MessageStatus::Scheduled) == open)
        return kScheduled;
    return kRunning;
}

QList<CampaignService::Batch> CampaignService::complete(const QList<BatchStore::Row> &rows) const
{
    QStringList ids;
    for (const BatchStore::Row &r : rows)
        ids << r.batchId;
    const QHash<QString, QHash<QString, int>> counts = m_store->countsFor(ids);
    QList<Batch> out;
    out.reserve(rows.size());
    for (const BatchStore::Row &r : rows) {
        Batch b;
        b.batchId = r.batchId;
        b.vendorId = r.vendorId;
        b.userId = r.userId;
        b.sendAt = r.sendAt;
        b.pausedAt = r.pausedAt;
        b.createdAt = r.createdAt;
        const QHash<QString, int> c = counts.value(r.batchId);
        for (const QString &status : MessageStatus::all()) {
            b.counts.insert(status, c.value(status, 0));
            b.total += c.value(status, 0);
        }
        b.left = openCount(b.counts);
        b.state = stateOf(b.counts, r.pausedAt > 0);
        b.etaMs = etaOf(b);
        out << b;
    }
    return out;
}

qint64 CampaignService::etaOf(const Batch &b) const
{
    if (b.state != kScheduled && b.state != kRunning)
        return 0;
    const qint64 now = Clock::nowMs();
    const qint64 start = b.state == kScheduled ? std::max(now, b.sendAt) : now;
    // The numbers that may send it: the one it asked for, else the user's numbers (ready
    // ones when there are, since only those take rows).
    QList<WhatsAppNumber> numbers;
    const BatchStore::Sample sample = m_store->sample(b.batchId);
    if (sample.fromNumberId > 0) {
        if (const auto n = m_core.numbers().find(b.vendorId, sample.fromNumberId))
            numbers << *n;
    } else {
        numbers = m_core.numbers().listReadyForUser(b.vendorId, b.userId);
        if (numbers.isEmpty())
            numbers = m_core.numbers().listForUser(b.vendorId, b.userId);
    }
    if (numbers.isEmpty())
        return start;
    const SendPacer pacer(m_core.settings());
    // Sends per millisecond of every number together; one unpaced number makes it "now".
    double rate = 0;
    for (const WhatsAppNumber &n : std::as_const(numbers)) {
        const SendPacer::Pacing p = pacer.pacingFor(n.sandbox);
        if (!p.on)
            return start;
        const double interval =
            (p.minDelayMs + p.maxDelayMs) / 2.0 + double(SendPacer::typingMs(p, sample.shown));
        if (interval <= 0)
            return start;
        rate += 1.0 / interval;
    }
    return start + qint64(b.left / rate);
}

CampaignService::Batch CampaignService::require(qint64 vendorId, const QString &batchId) const
{
    if (!validBatchId(batchId))
        throw DomainError::notFound(QStringLiteral("batch"));
    const std::optional<BatchStore::Row> row = m_store->find(vendorId, batchId);
    if (!row)
        throw DomainError::notFound(QStringLiteral("batch"));
    return complete({*row}).first();
}

CampaignService::Batch CampaignService::batch(qint64 vendorId, const QString &batchId) const
{
    return require(vendorId, batchId);
}

QList<CampaignService::Batch> CampaignService::list(qint64 vendorId, qint64 userId, int offset,
                                                    int limit) const
{
    m_core.users().requireUserOfVendor(vendorId, userId);
    return complete(m_store->listForUser(vendorId, userId, offset, limit));
}

int CampaignService::count(qint64 vendorId, qint64 userId) const
{
    m_core.users().requireUserOfVendor(vendorId, userId);
    return m_store->countForUser(vendorId, userId);
}

QList<CampaignService::Batch> CampaignService::listRecent(int limit) const
{
    return complete(m_store->listRecent(limit));
}

CampaignService::Batch CampaignService::pause(qint64 vendorId, const QString &batchId)
{
    Batch b = require(vendorId, batchId);
    if (b.left == 0)
        throw DomainError(DomainError::Kind::Conflict, QStringLiteral("batch_finished"),
                          QStringLiteral("The batch has nothing left to send (%1)").arg(b.state),
                          QJsonObject{{QStringLiteral("state"), b.state}});
    if (b.pausedAt > 0)
        return b;
    m_store->setPaused(vendorId, batchId, Clock::nowMs());
    b = require(vendorId, batchId);
    publishState(b);
    return b;
}

CampaignService::Batch CampaignService::resume(qint64 vendorId, const QString &batchId)
{
    Batch b = require(vendorId, batchId);
    if (b.left == 0)
        throw DomainError(DomainError::Kind::Conflict, QStringLiteral("batch_finished"),
                          QStringLiteral("The batch has nothing left to send (%1)").arg(b.state),
                          QJsonObject{{QStringLiteral("state"), b.state}});
    if (b.pausedAt == 0)
        return b;
    m_store->setPaused(vendorId, batchId, 0);
    b = require(vendorId, batchId);
    publishState(b);
    // Its pending rows are takeable again: the dispatcher looks now, not at its next wake.
    m_core.events().announceMessagesQueued(vendorId, b.userId);
    return b;
}

int CampaignService::cancel(qint64 vendorId, const QString &batchId)
{
    if (!validBatchId(batchId) || !m_core.messages().batchExists(vendorId, batchId))
        throw DomainError::notFound(QStringLiteral("batch"));
    const QList<Message> cancelled =
        m_core.messages().cancelPending(vendorId, batchId, &m_core.webhookOutbox());
    const qint64 now = Clock::nowMs();
    for (Message m : cancelled) {
        m.status = MessageStatus::Cancelled;
        m_core.events().publish(vendorId,
                                MessageStatusEvent::of(m, m.updatedAt > 0 ? m.updatedAt : now));
    }
    // The batch's state changed only if nothing is left (a message still sending keeps it
    // running): then one batch_state event says so.
    if (!cancelled.isEmpty()) {
        if (const std::optional<BatchStore::Row> row = m_store->find(vendorId, batchId)) {
            const Batch after = complete({*row}).first();
            if (after.left == 0)
                publishState(after);
        }
    }
    return cancelled.size();
}

void CampaignService::publishState(const Batch &b)
{
    m_core.events().publish(b.vendorId,
                            BatchStateEvent{b.userId, b.batchId, b.state, Clock::nowMs()});
}
