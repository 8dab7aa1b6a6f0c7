#include "OutboxDispatcher.h"

#include "Clock.h"
#include "CoreServices.h"
#include "Database.h"
#include "DomainError.h"
#include "EventBus.h"
#include "MediaFetcher.h"
#include "NumberStore.h"
#include "Settings.h"
#include "SubscriptionStore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <algorithm>
#include <exception>

Q_LOGGING_CATEGORY(lcDispatch, "wamator.pipeline.dispatch")

namespace {
constexpr int kFetchSize = 200;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kRegisteredTtlMs = 6LL * 3600 * 1000;
constexpr qint64 kNotRegisteredTtlMs = 3600LL * 1000;
constexpr qint64 kMaxBackoffMs = 10LL * 60 * 1000;
constexpr int kExpirySweepMs = 1000;
constexpr int kExpiryBatch = 1000;

const QString kNotOnWhatsApp = QStringLiteral("not_on_whatsapp");

// The dispatcher runs inside the event loop: an exception (a broken database, a bug) must not
// unwind through Qt. Log it and keep serving; the rows stay where the database has them.
template <typename F>
void guarded(const char *what, F &&f)
{
    try {
        f();
    } catch (const DomainError &e) {
        qCCritical(lcDispatch) << what << "failed:" << e.code() << e.message();
    } catch (const std::exception &e) {
        qCCritical(lcDispatch) << what << "failed:" << e.what();
    }
}

} // namespace

OutboxDispatcher::OutboxDispatcher(CoreServices &core, MessageSender &sender, QObject *parent)
    : QObject(parent), m_core(core), m_sender(sender),
      m_queue(std::make_unique<OutboxQueue>(core.database().connectionName())),
      m_media(new MediaFetcher(core.dataDir() + QStringLiteral("/media"), this))
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this]() { flushAcks(); });
    m_pollTimer.setInterval(100);
    connect(&m_pollTimer, &QTimer::timeout, this, [this]() { pollTick(); });
    m_pumpTimer.setSingleShot(true);
    m_pumpTimer.setInterval(0);
    connect(&m_pumpTimer, &QTimer::timeout, this, [this]() { runPumps(); });

    connect(&m_sender, &MessageSender::readinessChanged, this,
            &OutboxDispatcher::onReadinessChanged);
    connect(&m_sender, &MessageSender::ackChanged, this, &OutboxDispatcher::onAckChanged);
    connect(&m_core.events(), &EventBus::numberRemoved, this,
            [this](qint64 vendorId, qint64 numberId, const QString &) {
                onNumberRemoved(vendorId, numberId);
            });
    // A batch cancelled through the API (MessageComposer) is not seen by publish(): its cached
    // media file is dropped from its events.
    m_core.events().on<MessageStatusEvent>(
        this, [this](qint64 vendorId, const MessageStatusEvent &e) {
            if (e.status == MessageStatus::Cancelled) {
                Message m;
                m.vendorId = vendorId;
                m.batchId = e.batchId;
                m.status = MessageStatus::Cancelled;
                m.messageType = QStringLiteral("unknown"); // the URL is looked up later
                scheduleMediaCleanup(m);
            }
        });
    connect(&m_core.events(), &EventBus::messagesQueued, this,
            [this](qint64 vendorId, qint64 appUserId) {
                if (m_running)
                    wakeUser({vendorId, appUserId});
            });
}

OutboxDispatcher::~OutboxDispatcher()
{
    // Acks already received are worth keeping; a lost flush is healed by reconciliation.
    if (!m_acks.isEmpty())
        guarded("final ack flush", [this]() { flushAcks(); });
}

void OutboxDispatcher::setPollIntervalMs(int ms)
{
    m_pollTimer.setInterval(std::max(1, ms));
}

void OutboxDispatcher::start()
{
    if (m_running)
        return;
    m_running = true;
    const qint64 now = Clock::nowMs();
    guarded("start", [&]() {
        m_lastMaxId = m_queue->maxMessageId();
        // Rows a previous run left in `sending`: they were claimed, maybe handed to WhatsApp.
        // Each is checked against its number's session before that number sends anything.
        const QList<Message> sending = m_queue->listSendingForReconciliation();
        for (Message m : sending) {
            if (m.waMessageId.isEmpty() || m.numberId == 0) {
                if (m_queue->returnToPending(m.vendorId, m.id, now)) {
                    m.status = MessageStatus::Pending;
                    publish(m, now);
                }
                continue;
            }
            m_reconcile[m.numberId] << m;
        }
        if (!sending.isEmpty())
            qCInfo(lcDispatch) << sending.size() << "messages left in sending: reconciling";
        const QHash<OutboxQueue::UserKey, qint64> earliest = m_queue->earliestAttemptPerUser();
        for (auto it = earliest.cbegin(); it != earliest.cend(); ++it)
            if (it.value() > now)
                m_retryAt.insert(it.key(), it.value());
        loadLanes();
        m_media->pruneDisk(qint64(m_core.settings().messageTtlSeconds()) * 1000 + kDayMs);
    });
    for (Lane &lane : m_lanes) {
        if (!lane.ready)
            continue;
        if (m_reconcile.contains(lane.numberId))
            reconcileLane(lane);
        else
            schedulePump(lane.numberId);
    }
    m_nextExpiryAt = 0;
    m_pollTimer.start();
}

void OutboxDispatcher::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_pumpTimer.stop();
    if (!m_acks.isEmpty())
        guarded("ack flush", [this]() { flushAcks(); });
}

void OutboxDispatcher::wake()
{
    if (m_running)
        guarded("wake", [this]() { pollTick(); });
}

qint64 OutboxDispatcher::backoffMs(int attempt, qint64 baseMs)
{
    const int shift = std::clamp(attempt - 1, 0, 20);
    const qint64 raw = std::min<qint64>(kMaxBackoffMs, baseMs * (qint64(1) << shift));
    // ±25 % jitter so numbers that failed together do not retry together.
    const double factor = 0.75 + 0.5 * QRandomGenerator::global()->generateDouble();
    return std::max<qint64>(1, qint64(double(raw) * factor));
}

OutboxDispatcher::Pacing OutboxDispatcher::pacingFor(const Lane &lane) const
{
    Pacing p;
    const Settings &s = m_core.settings();
    const bool sandboxPacing = s.pacingSandbox();
    const bool paced = !lane.sandbox || sandboxPacing;
    // The daily cap protects a real number from bans whatever WAMATOR_PACING says.
    p.dailyCap = paced ? s.dailyCapPerNumber() : 0;
    p.on = s.pacingEnabled() && paced;
    if (!p.on)
        return p;
    p.minDelayMs = s.pacingMinDelayMs();
    p.maxDelayMs = std::max(p.minDelayMs, s.pacingMaxDelayMs());
    p.typingMsPerChar = s.typingMsPerChar();
    p.typingMaxMs = s.typingMaxMs();
    return p;
}

qint64 OutboxDispatcher::retryBaseMs() const
{
    const qint64 v = m_core.settings().retryBaseDelayMs(); // bounded 1..600,000 by Settings
    return v > 0 ? v : 2000;
}

// --- lanes (one per WhatsApp number) ---

void OutboxDispatcher::loadLanes()
{
    const QList<WhatsAppNumber> numbers = m_core.numbers().listAllForOperator();
    for (const WhatsAppNumber &n : numbers) {
        if (m_lanes.contains(n.id))
            continue;
        Lane lane;
        lane.numberId = n.id;
        lane.vendorId = n.vendorId;
        lane.userId = n.appUserId;
        lane.sandbox = n.sandbox;
        lane.ready = m_sender.isReady(n.id);
        m_lanes.insert(n.id, lane);
    }
}

OutboxDispatcher::Lane *OutboxDispatcher::laneFor(qint64 numberId)
{
    auto it = m_lanes.find(numberId);
    if (it == m_lanes.end()) {
        guarded("load numbers", [this]() { loadLanes(); });
        it = m_lanes.find(numberId);
        if (it == m_lanes.end())
            return nullptr;
    }
    return &it.value();
}

void OutboxDispatcher::onReadinessChanged(qint64 numberId, bool ready)
{
    Lane *lane = laneFor(numberId);
    if (!lane)
        return;
    if (!ready) {
        if (lane->ready)
            ++lane->generation;
        lane->ready = false;
        return;
    }
    if (lane->ready)
        return;
    lane->ready = true;
    lane->dry = false;
    if (!m_running)
        return;
    // Rows aimed at this number can be fetched now.
    wakeUser(keyOf(*lane));
    if (m_reconcile.contains(numberId))
        reconcileLane(*lane);
}

void OutboxDispatcher::onNumberRemoved(qint64, qint64 numberId)
{
    auto it = m_lanes.find(numberId);
    if (it == m_lanes.end())
        return;
    if (it->inFlight > 0) {
        it->ready = false;
        ++it->generation;
        return;
    }
    m_lanes.erase(it);
}

void OutboxDispatcher::schedulePump(qint64 numberId)
{
    m_pumpSet.insert(numberId);
    if (!m_pumpTimer.isActive())
        m_pumpTimer.start();
}

void OutboxDispatcher::schedulePumpUser(const OutboxQueue::UserKey &key)
{
    for (const Lane &lane : std::as_const(m_lanes))
        if (lane.vendorId == key.vendorId && lane.userId == key.userId && lane.ready)
            schedulePump(lane.numberId);
}

void OutboxDispatcher::wakeUser(const OutboxQueue::UserKey &key)
{
    auto it = m_users.find(key);
    if (it != m_users.end())
        it->dry = false;
    for (Lane &lane : m_lanes)
        if (lane.vendorId == key.vendorId && lane.userId == key.userId)
            lane.dry = false;
    schedulePumpUser(key);
}

void OutboxDispatcher::runPumps()
{
    const QSet<qint64> ids = std::exchange(m_pumpSet, {});
    for (qint64 id : ids) {
        auto it = m_lanes.find(id);
        if (it != m_lanes.end())
            guarded("pump", [&]() { pumpLane(it.value()); });
    }
}

void OutboxDispatcher::armLaneTimer(Lane &lane, qint64 atMs)
{
    if (lane.timerArmed)
        return;
    lane.timerArmed = true;
    const qint64 wait = std::max<qint64>(0, atMs - Clock::nowMs());
    const qint64 id = lane.numberId;
    QTimer::singleShot(int(std::min<qint64>(wait, kDayMs)), this, [this, id]() {
        auto it = m_lanes.find(id);
        if (it == m_lanes.end())
            return;
        it->timerArmed = false;
        schedulePump(id);
    });
}

void OutboxDispatcher::pumpLane(Lane &lane)
{
    if (!m_running || !lane.ready || lane.reconciling || lane.inFlight >= windowFor(lane))
        return;
    const qint64 now = Clock::nowMs();
    const Pacing p = pacingFor(lane);
    if (p.dailyCap > 0) {
        const qint64 dayStart = now - now % kDayMs;
        if (lane.dayStart != dayStart) {
            lane.dayStart = dayStart;
            lane.dayCount = m_queue->sentCountSince(lane.numberId, dayStart);
        }
        if (lane.dayCount + lane.inFlight >= p.dailyCap) {
            armLaneTimer(lane, dayStart + kDayMs); // the user's other numbers keep going
            return;
        }
    }
    if (p.on && now < lane.nextSendAt) {
        armLaneTimer(lane, lane.nextSendAt);
        return;
    }
    const int window = p.on ? 1 : windowFor(lane);
    while (lane.inFlight < window && lane.ready && !lane.reconciling
           && (p.dailyCap <= 0 || lane.dayCount + lane.inFlight < p.dailyCap)) {
        Message m;
        if (!takeRow(lane, &m))
            return;
        // Rows queued while the subscription was active are not sent once it has ended (run
        // out, or ended early by the operator): they wait, pending, for a renewal, and expire
        // with "subscription_inactive" if none comes in time.
        if (!userSubscribed(m_users[keyOf(lane)], lane, now)) {
            releaseRow(m, true);
            armLaneTimer(lane, now + kSubscriptionRecheckMs);
            return;
        }
        ++lane.inFlight;
        m_users[keyOf(lane)].recipientsInFlight.insert(m.recipient);
        stepRegistration(lane.numberId, lane.generation, m);
    }
}

bool OutboxDispatcher::userSubscribed(UserQueue &uq, const Lane &lane, qint64 now)
{
    const quint64 changes = SubscriptionStore::changeCount();
    if (uq.subscriptionCheckedAt < 0 || now - uq.subscriptionCheckedAt >= kSubscriptionRecheckMs ||
        changes != uq.subscriptionChanges) {
        uq.subscriptionCheckedAt = now;
        uq.subscriptionChanges = changes;
        uq.subscribed = m_core.subscriptions().active(lane.vendorId, lane.userId, now).has_value();
        if (uq.subscribed)
            m_subscriptionHeld.remove(keyOf(lane));
        else
            m_subscriptionHeld.insert(keyOf(lane));
    }
    return uq.subscribed;
}

int OutboxDispatcher::windowFor(const Lane &lane) const
{
    return pacingFor(lane).on ? 1 : m_unpacedWindow;
}

void OutboxDispatcher::endFlight(Lane &lane, const Message &m)
{
    lane.inFlight = std::max(0, lane.inFlight - 1);
    auto uq = m_users.find(keyOf(lane));
    if (uq != m_users.end())
        uq->recipientsInFlight.remove(m.recipient);
}

bool OutboxDispatcher::takeRow(Lane &lane, Message *out)
{
    UserQueue &uq = m_users[keyOf(lane)];
    auto pick = [&]() {
        for (int i = 0; i < uq.rows.size(); ++i) {
            // A row another number tried stays with it until that number reconciles it.
            const qint64 pinned = OutboxQueue::pinnedNumber(uq.rows.at(i));
            if ((pinned == 0 || pinned == lane.numberId) &&
                !uq.recipientsInFlight.contains(uq.rows.at(i).recipient)) {
                *out = uq.rows.takeAt(i);
                return true;
            }
        }
        return false;
    };
    if (pick())
        return true;

    const qint64 now = Clock::nowMs();
    QList<Message> fetched;
    if (uq.rows.isEmpty()) {
        if (uq.dry)
            return false;
        QList<qint64> ready;
        for (const Lane &l : std::as_const(m_lanes))
            if (l.ready && l.vendorId == lane.vendorId && l.userId == lane.userId)
                ready << l.numberId;
        fetched = m_queue->duePending(lane.vendorId, lane.userId, ready, true, now,
                                      kFetchSize + int(uq.reserved.size()));
    } else {
        // Everything queued asks for other numbers: look for work this one may do.
        if (lane.dry)
            return false;
        fetched = m_queue->duePending(lane.vendorId, lane.userId, {lane.numberId}, true, now,
                                      kFetchSize + int(uq.reserved.size()));
    }
    int added = 0;
    for (const Message &m : std::as_const(fetched)) {
        if (uq.reserved.contains(m.id))
            continue;
        uq.reserved.insert(m.id);
        uq.rows << m;
        ++added;
    }
    if (added == 0) {
        if (uq.rows.isEmpty())
            uq.dry = true;
        else
            lane.dry = true;
        return false;
    }
    if (!pick()) {
        lane.dry = true;
        schedulePumpUser(keyOf(lane)); // the rows are for the user's other numbers
        return false;
    }
    return true;
}

void OutboxDispatcher::releaseRow(const Message &m, bool requeue)
{
    auto it = m_users.find({m.vendorId, m.appUserId});
    if (it == m_users.end())
        return;
    if (requeue) {
        it->rows.prepend(m); // stays reserved; next in line again
        it->dry = false;
        return;
    }
    it->reserved.remove(m.id);
}

void OutboxDispatcher::finishStep(qint64 numberId, const Message &m)
{
    releaseRow(m, false);
    auto it = m_lanes.find(numberId);
    if (it == m_lanes.end())
        return;
    endFlight(it.value(), m);
    schedulePump(numberId);
}

// The lane lost its session before the claim: the row goes back, untouched, to the front of
// the user's queue (any ready number of the user may take it).
void OutboxDispatcher::abandonStep(qint64 numberId, const Message &m)
{
    releaseRow(m, true);
    auto it = m_lanes.find(numberId);
    if (it != m_lanes.end())
        endFlight(it.value(), m);
    schedulePumpUser({m.vendorId, m.appUserId});
}

// --- the steps of one send ---

void OutboxDispatcher::stepRegistration(qint64 numberId, quint64 gen, Message m)
{
    const QString cacheKey = QString::number(numberId) + QLatin1Char('|') + m.recipient;
    const qint64 now = Clock::nowMs();
    const auto cached = m_registrations.constFind(cacheKey);
    if (cached != m_registrations.cend() && cached->until > now) {
        if (!cached->registered) {
            failMessage(m, kNotOnWhatsApp);
            finishStep(numberId, m);
            return;
        }
        stepMedia(numberId, gen, m);
        return;
    }
    ++m_stats.registrationChecks;
    QPointer<OutboxDispatcher> self(this);
    m_sender.isRegistered(numberId, m.recipient, [self, numberId, gen, m, cacheKey](
                                                     MessageSender::Outcome o, bool registered) {
        if (!self)
            return;
        guarded("registration check", [&]() {
            OutboxDispatcher *d = self.data();
            const qint64 now = Clock::nowMs();
            auto lane = d->m_lanes.find(numberId);
            if (lane == d->m_lanes.end()) {
                d->releaseRow(m, false);
                return;
            }
            using Code = MessageSender::Outcome::Code;
            if (o.code == Code::Ok || o.code == Code::NotOnWhatsApp) {
                const bool yes = o.code == Code::Ok && registered;
                if (d->m_registrations.size() > 200000)
                    d->m_registrations.clear();
                d->m_registrations.insert(
                    cacheKey, {yes, now + (yes ? kRegisteredTtlMs : kNotRegisteredTtlMs)});
                if (!yes) {
                    d->failMessage(m, kNotOnWhatsApp);
                    d->finishStep(numberId, m);
                    return;
                }
                if (lane->generation != gen || !lane->ready) {
                    d->abandonStep(numberId, m);
                    return;
                }
                d->stepMedia(numberId, gen, m);
                return;
            }
            if (o.code == Code::Transient) {
                ++d->m_stats.transient;
                if (lane->generation != gen || !lane->ready || !d->m_sender.isReady(numberId)) {
                    // The session went away: the row is untouched (still pending).
                    d->abandonStep(numberId, m);
                    return;
                }
                d->transientFailure(m, o.error.isEmpty() ? QStringLiteral("registration_check_failed")
                                                         : o.error,
                                    false);
                d->finishStep(numberId, m);
                return;
            }
            d->failMessage(m, o.error.isEmpty() ? QStringLiteral("registration_check_failed")
                                                : o.error);
            d->finishStep(numberId, m);
        });
    });
}

void OutboxDispatcher::stepMedia(qint64 numberId, quint64 gen, Message m)
{
    if (m.messageType == QLatin1String("text") || m.mediaUrl.isEmpty()) {
        stepClaim(numberId, gen, m, {});
        return;
    }
    m_media->setAllowPrivateAddresses(m_core.settings().allowPrivateMediaUrls());
    m_media->protectLocalPort(quint16(m_core.settings().port()));
    QPointer<OutboxDispatcher> self(this);
    m_media->fetch(m.batchId, m.mediaUrl, [self, numberId, gen, m](const MediaFetcher::Result &r) {
        if (!self)
            return;
        guarded("media", [&]() {
            OutboxDispatcher *d = self.data();
            if (!r.ok) {
                // The file is the batch's: every message of it fails with the same reason.
                const qint64 now = Clock::nowMs();
                const QList<Message> failed =
                    d->m_queue->failPendingOfBatch(m.vendorId, m.batchId, r.error, now);
                QSet<qint64> ids;
                for (const Message &f : failed) {
                    ids.insert(f.id);
                    d->publish(f, now);
                }
                auto uq = d->m_users.find({m.vendorId, m.appUserId});
                if (uq != d->m_users.end()) {
                    uq->rows.removeIf([&](const Message &x) { return ids.contains(x.id); });
                    for (qint64 id : ids)
                        if (id != m.id)
                            uq->reserved.remove(id);
                }
                d->finishStep(numberId, m);
                return;
            }
            // The row stays pending (unclaimed) while it waits for room in the media budget.
            const MessageSender::Media media = r.media;
            d->acquireMedia(
                media.size, [self, numberId, gen, m, media](std::shared_ptr<void> lease) {
                    if (!self)
                        return;
                    MessageSender::Media leased = media;
                    leased.lease = std::move(lease);
                    guarded("media", [&]() { self->stepMediaGranted(numberId, gen, m, leased); });
                });
        });
    });
}

void OutboxDispatcher::stepMediaGranted(qint64 numberId, quint64 gen, const Message &m,
                                        const MessageSender::Media &media)
{
    auto lane = m_lanes.find(numberId);
    if (lane == m_lanes.end()) {
        releaseRow(m, false);
        return;
    }
    if (lane->generation != gen || !lane->ready) {
        abandonStep(numberId, m);
        return;
    }
    stepClaim(numberId, gen, m, media);
}

void OutboxDispatcher::acquireMedia(qint64 bytes,
                                    std::function<void(std::shared_ptr<void>)> granted)
{
    // First come, first served: a small file does not overtake a big one that waits.
    if (m_mediaWaiters.isEmpty() &&
        (m_mediaInFlight == 0 || m_mediaInFlight + bytes <= m_mediaCap)) {
        std::shared_ptr<void> lease = makeMediaLease(bytes);
        QTimer::singleShot(0, this, [granted = std::move(granted), lease]() { granted(lease); });
        return;
    }
    m_mediaWaiters.append({bytes, std::move(granted)});
}

std::shared_ptr<void> OutboxDispatcher::makeMediaLease(qint64 bytes)
{
    m_mediaInFlight += bytes;
    QPointer<OutboxDispatcher> self(this);
    return std::shared_ptr<void>(new char, [self, bytes](void *p) {
        delete static_cast<char *>(p);
        if (self)
            self->releaseMedia(bytes);
    });
}

void OutboxDispatcher::releaseMedia(qint64 bytes)
{
    m_mediaInFlight = std::max<qint64>(0, m_mediaInFlight - bytes);
    while (!m_mediaWaiters.isEmpty()) {
        const qint64 next = m_mediaWaiters.first().first;
        if (m_mediaInFlight != 0 && m_mediaInFlight + next > m_mediaCap)
            break;
        auto waiter = m_mediaWaiters.takeFirst();
        std::shared_ptr<void> lease = makeMediaLease(next);
        // Later: this may run inside the destruction of the last copy of another lease.
        QTimer::singleShot(0, this,
                           [granted = std::move(waiter.second), lease]() { granted(lease); });
    }
}

void OutboxDispatcher::scheduleMediaCleanup(const Message &m)
{
    if (m.messageType == QLatin1String("text") || m.batchId.isEmpty() ||
        m.status == MessageStatus::Pending || m.status == MessageStatus::Sending)
        return;
    const QString key =
        QString::number(m.vendorId) + QLatin1Char('|') + m.batchId + QLatin1Char('|') + m.mediaUrl;
    if (m_mediaCleanup.isEmpty())
        QTimer::singleShot(0, this, [this]() { runMediaCleanup(); });
    m_mediaCleanup.insert(key, {m.vendorId, m.batchId, m.mediaUrl});
}

void OutboxDispatcher::runMediaCleanup()
{
    const QHash<QString, BatchFile> batches = std::exchange(m_mediaCleanup, {});
    guarded("media cleanup", [&]() {
        for (const BatchFile &b : batches) {
            // A row still pending (a retry, one waiting for the budget) or sending (its send
            // not acknowledged yet) may read the file: keep it.
            if (m_queue->batchHasOpenRows(b.vendorId, b.batchId))
                continue;
            const QString url =
                b.url.isEmpty() ? m_queue->batchMediaUrl(b.vendorId, b.batchId) : b.url;
            if (!url.isEmpty())
                m_media->forgetBatch(b.batchId, url);
        }
    });
}

void OutboxDispatcher::stepClaim(qint64 numberId, quint64 gen, Message m,
                                 const MessageSender::Media &media)
{
    // A retry on the number that tried before: WhatsApp may hold the earlier attempt after all
    // (a network error reported for a message that did go out). Ask before sending again.
    if (!m.waMessageId.isEmpty() && m.numberId == numberId && m.attempts > 0) {
        QPointer<OutboxDispatcher> self(this);
        const QString previous = m.waMessageId;
        m_sender.hasMessage(numberId, m.recipient, previous, [self, numberId, gen, m, media, previous](
                                                    MessageSender::Outcome o, bool exists, int ack) {
            if (!self)
                return;
            guarded("retry check", [&]() {
                OutboxDispatcher *d = self.data();
                const qint64 now = Clock::nowMs();
                // No answer: nothing is known about the first attempt, so do not send again.
                // The row stays pending on this number (pinnedNumber) and asks again at its
                // next try.
                if (o.code != MessageSender::Outcome::Code::Ok) {
                    auto lane = d->m_lanes.find(numberId);
                    if (lane == d->m_lanes.end() || lane->generation != gen || !lane->ready ||
                        !d->m_sender.isReady(numberId)) {
                        d->abandonStep(numberId, m);
                        return;
                    }
                    ++d->m_stats.transient;
                    d->transientFailure(
                        m, o.error.isEmpty() ? QStringLiteral("ERROR_UNKNOWN") : o.error, false);
                    d->finishStep(numberId, m);
                    return;
                }
                // Held with a server ack: it went out, record it instead of sending again.
                // Held at ack 0 (WhatsApp never got it out, e.g. ERROR_NETWORK) or failed
                // (-1): send anew under a new id.
                if (exists && ack >= 1) {
                    Message claimed = m;
                    if (!d->m_queue->claim(m.vendorId, m.id, numberId, previous, now)) {
                        d->finishStep(numberId, m);
                        return;
                    }
                    claimed.status = MessageStatus::Sending;
                    claimed.errorMessage = QString();
                    claimed.attempts += 1;
                    d->publish(claimed, now);
                    for (int a = 1; a <= std::min(ack, 3); ++a)
                        d->queueAck({numberId, previous, a, now});
                    d->finishStep(numberId, m);
                    return;
                }
                Message fresh = m;
                fresh.waMessageId.clear(); // not held (or failed there): send anew
                d->stepClaim(numberId, gen, fresh, media);
            });
        });
        return;
    }

    auto lane = m_lanes.find(numberId);
    if (lane == m_lanes.end()) {
        releaseRow(m, false);
        return;
    }
    const QString waId = m_sender.newMessageId();
    const qint64 now = Clock::nowMs();
    if (waId.isEmpty() || !m_queue->claim(m.vendorId, m.id, numberId, waId, now)) {
        finishStep(numberId, m); // cancelled, expired or failed meanwhile
        return;
    }
    m.status = MessageStatus::Sending;
    m.numberId = numberId;
    m.waMessageId = waId;
    m.errorMessage = QString();
    m.attempts += 1;
    m.updatedAt = now;
    publish(m, now);

    const Pacing p = pacingFor(lane.value());
    const QString shown = m.messageType == QLatin1String("text") ? m.message : m.caption;
    const qint64 typing =
        p.on ? std::min<qint64>(qint64(shown.size()) * p.typingMsPerChar, p.typingMaxMs) : 0;
    if (typing <= 0) {
        stepSend(numberId, gen, m, media);
        return;
    }
    m_sender.setTyping(numberId, m.recipient, true);
    QPointer<OutboxDispatcher> self(this);
    QTimer::singleShot(int(typing), this, [self, numberId, gen, m, media]() {
        if (!self)
            return;
        self->m_sender.setTyping(numberId, m.recipient, false);
        guarded("send", [&]() { self->stepSend(numberId, gen, m, media); });
    });
}

void OutboxDispatcher::stepSend(qint64 numberId, quint64 gen, Message m,
                                const MessageSender::Media &media)
{
    auto lane = m_lanes.find(numberId);
    if (lane == m_lanes.end() || lane->generation != gen || !lane->ready) {
        // Claimed but certainly not handed over: back to pending for a ready number.
        const qint64 now = Clock::nowMs();
        if (m_queue->returnToPending(m.vendorId, m.id, now)) {
            m.status = MessageStatus::Pending;
            publish(m, now);
        }
        releaseRow(m, false);
        if (lane != m_lanes.end())
            endFlight(lane.value(), m);
        wakeUser({m.vendorId, m.appUserId});
        return;
    }
    ++m_stats.sends;
    QPointer<OutboxDispatcher> self(this);
    // The completion holds the media lease: the bytes count as in flight until WhatsApp
    // answered (or the session gave up on the send).
    auto done = [self, numberId, m, lease = media.lease](MessageSender::Outcome o) {
        Q_UNUSED(lease);
        if (!self)
            return;
        guarded("send result", [&]() { self->onSendDone(numberId, m, o); });
    };
    if (m.messageType == QLatin1String("text") || media.path.isEmpty()) {
        m_sender.sendText(numberId, m.recipient, m.message, m.waMessageId, done);
    } else {
        const QString caption = m.caption.isEmpty() ? m.message : m.caption;
        m_sender.sendMedia(numberId, m.recipient, media, caption, m.waMessageId, done);
    }
}

void OutboxDispatcher::onSendDone(qint64 numberId, Message m, const MessageSender::Outcome &o)
{
    const qint64 now = Clock::nowMs();
    auto lane = m_lanes.find(numberId);
    using Code = MessageSender::Outcome::Code;
    switch (o.code) {
    case Code::Ok:
        ++m_stats.sentOk;
        queueAck({numberId, m.waMessageId, 1, now});
        if (lane != m_lanes.end())
            ++lane->dayCount;
        break;
    case Code::NotOnWhatsApp:
        m_registrations.insert(QString::number(numberId) + QLatin1Char('|') + m.recipient,
                               {false, now + kNotRegisteredTtlMs});
        failMessage(m, kNotOnWhatsApp);
        break;
    case Code::Failed:
        failMessage(m, o.error.isEmpty() ? QStringLiteral("send_failed") : o.error);
        break;
    case Code::Transient:
        ++m_stats.transient;
        if (!m_sender.isReady(numberId) || lane == m_lanes.end() || !lane->ready) {
            // The session went away with the send: whether WhatsApp got it is unknown. The
            // row stays `sending` and is checked by its id once the session is back.
            m_reconcile[numberId] << m;
            releaseRow(m, false);
            if (lane != m_lanes.end()) {
                if (lane->ready)
                    ++lane->generation;
                lane->ready = false; // readinessChanged(true) will reconcile
                endFlight(lane.value(), m);
            }
            return;
        }
        transientFailure(m, o.error.isEmpty() ? QStringLiteral("send_failed") : o.error, true);
        break;
    }
    if (lane != m_lanes.end()) {
        const Pacing p = pacingFor(lane.value());
        if (p.on) {
            const int spread = std::max(0, p.maxDelayMs - p.minDelayMs);
            lane->nextSendAt =
                now + p.minDelayMs + (spread > 0 ? QRandomGenerator::global()->bounded(spread + 1) : 0);
        }
    }
    finishStep(numberId, m);
}

void OutboxDispatcher::transientFailure(Message m, const QString &error, bool claimed)
{
    const qint64 now = Clock::nowMs();
    const int attempts = claimed ? m.attempts : m.attempts + 1;
    if (attempts >= m_core.settings().maxSendAttempts()) {
        failMessage(m, error);
        return;
    }
    const qint64 next = now + backoffMs(attempts, retryBaseMs());
    if (!m_queue->reschedule(m.vendorId, m.id, next, error, now))
        return;
    const OutboxQueue::UserKey key{m.vendorId, m.appUserId};
    auto it = m_retryAt.find(key);
    if (it == m_retryAt.end() || it.value() > next)
        m_retryAt.insert(key, next);
    if (claimed) {
        m.status = MessageStatus::Pending;
        m.errorMessage = error;
        m.updatedAt = now;
        publish(m, now);
    }
}

void OutboxDispatcher::failMessage(const Message &m, const QString &error)
{
    const qint64 now = Clock::nowMs();
    const std::optional<Message> row = m_queue->fail(m.vendorId, m.id, error, now);
    if (row)
        publish(*row, now);
}

// --- crash safety ---

void OutboxDispatcher::reconcileLane(Lane &lane)
{
    QList<Message> rows = m_reconcile.take(lane.numberId);
    if (rows.isEmpty()) {
        schedulePump(lane.numberId);
        return;
    }
    lane.reconciling = true;
    const qint64 numberId = lane.numberId;
    auto remaining = std::make_shared<int>(int(rows.size()));
    QPointer<OutboxDispatcher> self(this);
    auto oneDone = [self, numberId, remaining]() {
        if (--*remaining > 0 || !self)
            return;
        auto it = self->m_lanes.find(numberId);
        if (it == self->m_lanes.end())
            return;
        it->reconciling = false;
        if (self->m_reconcile.contains(numberId) && it->ready) {
            // Some checks could not be answered: try again shortly, still before any send.
            it->reconciling = true;
            QTimer::singleShot(1000, self.data(), [self, numberId]() {
                auto lane = self->m_lanes.find(numberId);
                if (lane == self->m_lanes.end())
                    return;
                lane->reconciling = false;
                if (lane->ready)
                    self->reconcileLane(lane.value());
            });
            return;
        }
        self->schedulePump(numberId);
    };
    for (const Message &m : std::as_const(rows)) {
        ++m_stats.reconciled;
        m_sender.hasMessage(numberId, m.recipient, m.waMessageId, [self, numberId, m, oneDone](
                                                         MessageSender::Outcome o, bool exists, int ack) {
            if (!self)
                return;
            guarded("reconcile", [&]() {
                OutboxDispatcher *d = self.data();
                const qint64 now = Clock::nowMs();
                if (o.code != MessageSender::Outcome::Code::Ok) {
                    d->m_reconcile[numberId] << m;
                } else if (exists && ack >= 1) {
                    for (int a = 1; a <= std::min(ack, 3); ++a)
                        d->queueAck({numberId, m.waMessageId, a, now});
                } else if (exists) {
                    // Held but not acknowledged by the server (ack 0) or failed there (-1):
                    // retry after a backoff; the retry asks again by this id first, so if
                    // WhatsApp gets it out meanwhile it is recorded, not sent twice.
                    d->transientFailure(m, ack == 0 ? QStringLiteral("ERROR_PENDING")
                                                    : QStringLiteral("ERROR_UNKNOWN"),
                                        true);
                    d->wakeUser({m.vendorId, m.appUserId});
                } else {
                    Message back = m;
                    if (d->m_queue->returnToPending(m.vendorId, m.id, now)) {
                        back.status = MessageStatus::Pending;
                        d->publish(back, now);
                    }
                    d->wakeUser({m.vendorId, m.appUserId});
                }
            });
            oneDone();
        });
    }
}

// --- timers ---

void OutboxDispatcher::pollTick()
{
    if (!m_running)
        return;
    guarded("poll", [this]() {
        const qint64 now = Clock::nowMs();
        const qint64 maxId = m_queue->maxMessageId();
        if (maxId > m_lastMaxId) {
            const QList<OutboxQueue::UserKey> users = m_queue->usersWithPendingAfter(m_lastMaxId);
            m_lastMaxId = maxId;
            for (const OutboxQueue::UserKey &k : users)
                wakeUser(k);
        }
        for (auto it = m_retryAt.begin(); it != m_retryAt.end();) {
            if (it.value() <= now) {
                const OutboxQueue::UserKey k = it.key();
                it = m_retryAt.erase(it);
                wakeUser(k);
            } else {
                ++it;
            }
        }
        if (now >= m_nextExpiryAt) {
            expireTick();
            m_nextExpiryAt = now + kExpirySweepMs;
        }
    });
}

void OutboxDispatcher::expireTick()
{
    const qint64 now = Clock::nowMs();
    const QList<Message> expired = m_queue->expireOverdue(now, kExpiryBatch, m_subscriptionHeld);
    for (const Message &m : expired) {
        publish(m, now);
        auto uq = m_users.find({m.vendorId, m.appUserId});
        if (uq != m_users.end()) {
            const qsizetype before = uq->rows.size();
            uq->rows.removeIf([&](const Message &x) { return x.id == m.id; });
            if (uq->rows.size() != before)
                uq->reserved.remove(m.id);
        }
    }
    if (expired.size() == kExpiryBatch)
        m_nextExpiryAt = 0; // more to do: next tick
}

void OutboxDispatcher::onAckChanged(qint64 numberId, const QString &waMessageId, int ack)
{
    if (OutboxQueue::statusForAck(ack).isEmpty())
        return;
    queueAck({numberId, waMessageId, ack, Clock::nowMs()});
}

void OutboxDispatcher::queueAck(const OutboxQueue::Ack &ack)
{
    m_acks << ack;
    // Acks are written in batches (one transaction per flush): at hundreds of messages per
    // second a transaction per ack would be the bottleneck. A crash before the flush is
    // healed by reconciliation (the row is still `sending` with its id).
    if (m_acks.size() >= 500)
        flushAcks();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(m_flushIntervalMs);
}

void OutboxDispatcher::flushAcks()
{
    if (m_acks.isEmpty())
        return;
    const QList<OutboxQueue::Ack> batch = std::exchange(m_acks, {});
    m_flushTimer.stop();
    guarded("ack flush", [&]() {
        const QList<OutboxQueue::Change> changes = m_queue->recordAcks(batch);
        for (const OutboxQueue::Change &c : changes)
            publish(c.message, c.atMs);
    });
}

void OutboxDispatcher::publish(const Message &m, qint64 atMs)
{
    m_core.events().publish(m.vendorId, MessageStatusEvent::of(m, atMs));
    Q_EMIT statusChanged(m.vendorId, m.id, m.status);
    scheduleMediaCleanup(m);
}
