#include "outbox/OutboxDispatcher.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "EventBus.h"
#include "accounts/SubscriptionService.h"
#include "accounts/SubscriptionStore.h"
#include "messaging/CampaignService.h"
#include "messaging/MediaFetcher.h"
#include "messaging/RichMessage.h"
#include "messaging/VoiceConverter.h"
#include "numbers/NumberCheckStore.h"
#include "numbers/NumberStore.h"
#include "outbox/DispatchGuard.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "storage/Database.h"
#include "webhooks/WebhookOutbox.h"

#include <QLoggingCategory>
#include <QPointer>
#include <algorithm>

Q_LOGGING_CATEGORY(lcDispatch, "wamator.pipeline.dispatch")

namespace {
constexpr int kFetchSize = 200;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kExpirySweepMs = 1000;
constexpr int kExpiryBatch = 1000;

const QString kNotOnWhatsApp = QStringLiteral("not_on_whatsapp");

// Exceptions never unwind through Qt's event loop (DispatchGuard.h).
template <typename F> void guarded(const char *what, F &&f)
{
    dispatchGuarded(what, std::forward<F>(f));
}

} // namespace

OutboxDispatcher::OutboxDispatcher(CoreServices &core, MessageSender &sender, QObject *parent)
    : QObject(parent), m_core(core), m_sender(sender),
      m_queue(
          std::make_unique<OutboxQueue>(core.database().connectionName(), &core.webhookOutbox())),
      m_media(new MediaFetcher(core.dataDir() + QStringLiteral("/media"), this)),
      m_voice(new VoiceConverter(this)), m_pacer(core.settings()), m_retry(core.settings()),
      m_mediaBudget(this), m_mediaCleaner(*m_queue, *m_media, this),
      m_reconciler(*m_queue, sender, reconcilerHooks(), this),
      m_acks(
          *m_queue, [this](const OutboxQueue::Change &c) { publish(c.message, c.atMs); }, this)
{
    // The warm-up's daily count goes up in each claim's transaction (SendWindowPolicy).
    m_queue->setClaimHook([this](const QSqlDatabase &db, qint64 numberId, qint64 nowMs) {
        m_core.sendWindow().countClaim(db, numberId, nowMs);
    });
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
                m_mediaCleaner.schedule(m);
            }
        });
    // The kind the download decided is the message_type from now on (docs/api.md).
    connect(m_media, &MediaFetcher::kindDecided, this,
            [this](const QString &batchId, const QString &url, MediaTypes::Kind kind) {
                guarded("media type",
                        [&]() { m_queue->storeDecidedMediaKind(batchId, url, kind); });
            });
    m_core.events().on<BatchStateEvent>(this, [this](qint64 vendorId, const BatchStateEvent &e) {
        if (e.state == CampaignService::kPaused)
            dropBatchRows(vendorId, e.userId, e.batchId);
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
        guarded("final ack flush", [this]() { m_acks.flush(); });
}

// What reconciliation's outcomes do to the dispatcher's state.
OutboxReconciler::Hooks OutboxDispatcher::reconcilerHooks()
{
    OutboxReconciler::Hooks h;
    h.publish = [this](const Message &m, qint64 atMs) { publish(m, atMs); };
    h.ack = [this](const OutboxQueue::Ack &ack) { m_acks.add(ack); };
    h.retry = [this](const Message &m, const QString &error) { transientFailure(m, error, true); };
    h.wake = [this](const OutboxQueue::UserKey &key) { wakeUser(key); };
    h.numberReady = [this](qint64 numberId) {
        auto it = m_lanes.find(numberId);
        return it != m_lanes.end() && it->ready;
    };
    h.finished = [this](qint64 numberId) { schedulePump(numberId); };
    return h;
}

OutboxDispatcher::Stats OutboxDispatcher::stats() const
{
    Stats s = m_stats;
    s.reconciled = m_reconciler.checks();
    return s;
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
        const int sending = m_reconciler.takeOver(now);
        if (sending > 0)
            qCInfo(lcDispatch) << sending << "messages left in sending: reconciling";
        refreshScheduled();
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
        if (m_reconciler.hasRows(lane.numberId))
            m_reconciler.reconcile(lane.numberId);
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
        guarded("ack flush", [this]() { m_acks.flush(); });
}

void OutboxDispatcher::wake()
{
    if (m_running)
        guarded("wake", [this]() { pollTick(); });
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
        lane.createdAt = n.createdAt;
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
    if (m_reconciler.hasRows(numberId))
        m_reconciler.reconcile(numberId);
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
    if (!m_running || !lane.ready || m_reconciler.busy(lane.numberId) ||
        lane.inFlight >= windowFor(lane))
        return;
    const qint64 now = Clock::nowMs();
    const SendPacer::Pacing p = pacingFor(lane);
    if (p.dailyCap > 0) {
        const qint64 dayStart = SendPacer::dayStartOf(now);
        if (lane.dayStart != dayStart) {
            lane.dayStart = dayStart;
            lane.dayCount = m_queue->sentCountSince(lane.numberId, dayStart);
        }
        if (SendPacer::dailyCapReached(p, lane.dayCount, lane.inFlight)) {
            armLaneTimer(lane, dayStart + SendPacer::kDayMs); // the user's other numbers keep going
            return;
        }
    }
    if (p.on && now < lane.nextSendAt) {
        armLaneTimer(lane, lane.nextSendAt);
        return;
    }
    const int window = p.on ? 1 : windowFor(lane);
    while (lane.inFlight < window && lane.ready && !m_reconciler.busy(lane.numberId) &&
           !SendPacer::dailyCapReached(p, lane.dayCount, lane.inFlight)) {
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
        // Quiet hours and the warm-up's daily limit: the row, or the number, waits.
        const SendWindowPolicy::Verdict v = m_core.sendWindow().verdict(
            {lane.numberId, lane.sandbox, lane.createdAt, lane.inFlight}, m, now);
        if (v.action != SendWindowPolicy::Action::Send) {
            if (!holdForSendWindow(lane, m, v))
                return;
            continue;
        }
        ++lane.inFlight;
        m_users[keyOf(lane)].recipientsInFlight.insert(m.recipient);
        stepRegistration(lane.numberId, lane.generation, m);
    }
}

bool OutboxDispatcher::holdForSendWindow(Lane &lane, const Message &m,
                                         const SendWindowPolicy::Verdict &v)
{
    const OutboxQueue::UserKey key{m.vendorId, m.appUserId};
    auto wakeAt = [this, &key](qint64 at) {
        auto it = m_retryAt.find(key);
        if (it == m_retryAt.end() || it.value() > at)
            m_retryAt.insert(key, at);
    };
    if (v.action == SendWindowPolicy::Action::HoldLane) {
        // Back in line for the user's other numbers; this one waits for its next day (or
        // for its sends under way to end: each end pumps it again).
        releaseRow(m, true);
        if (v.until > 0) {
            armLaneTimer(lane, v.until);
            wakeAt(v.until);
        }
        return false;
    }
    // Stays pending, due at the end of the quiet window (or tomorrow): not fetched again
    // before then, so the lane does not spin on it.
    m_queue->holdUntil(m.vendorId, m.id, v.until, Clock::nowMs());
    releaseRow(m, false);
    wakeAt(v.until);
    return true;
}

bool OutboxDispatcher::userSubscribed(UserQueue &uq, const Lane &lane, qint64 now)
{
    const quint64 changes = SubscriptionStore::changeCount();
    if (uq.subscriptionCheckedAt < 0 || now - uq.subscriptionCheckedAt >= kSubscriptionRecheckMs ||
        changes != uq.subscriptionChanges) {
        uq.subscriptionCheckedAt = now;
        uq.subscriptionChanges = changes;
        uq.subscribed =
            m_core.subscriptionService().active(lane.vendorId, lane.userId, now).has_value();
        if (uq.subscribed)
            m_subscriptionHeld.remove(keyOf(lane));
        else
            m_subscriptionHeld.insert(keyOf(lane));
    }
    return uq.subscribed;
}

int OutboxDispatcher::windowFor(const Lane &lane) const
{
    return m_pacer.windowFor(lane.sandbox);
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
    const qint64 now = Clock::nowMs();
    std::optional<bool> cached = m_registrations.lookup(numberId, m.recipient, now);
    if (!cached) {
        // A number check or another number of the vendor answered within checks/cache_days
        // (NumberCheckStore, the one rule): a known "no" fails without asking again.
        if (const auto known = m_core.numberChecks().known(m.vendorId, m.recipient, now)) {
            cached = known->registered;
            m_registrations.remember(numberId, m.recipient, known->registered, now);
        }
    }
    if (cached) {
        if (!*cached) {
            failMessage(m, kNotOnWhatsApp);
            finishStep(numberId, m);
            return;
        }
        stepMedia(numberId, gen, m);
        return;
    }
    ++m_stats.registrationChecks;
    QPointer<OutboxDispatcher> self(this);
    m_sender.isRegistered(
        numberId, m.recipient, [self, numberId, gen, m](MessageSender::Outcome o, bool registered) {
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
                    d->m_registrations.remember(numberId, m.recipient, yes, now);
                    d->m_core.numberChecks().record(m.vendorId, m.recipient, yes, now);
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
                    d->transientFailure(
                        m,
                        o.error.isEmpty() ? QStringLiteral("registration_check_failed") : o.error,
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
    // A voice note is converted to OGG/Opus after the download (VoiceConverter); its failure
    // fails the batch like a failed download.
    const bool voice = m.messageType == QLatin1String("voice");
    m_media->fetch(m.batchId, m.mediaUrl,
                   [self, numberId, gen, m, voice](const MediaFetcher::Result &fetched) {
                       if (!self)
                           return;
                       if (voice && fetched.ok && !fetched.media.voice) {
                           self->m_voice->convert(
                               fetched.media.path,
                               [self, numberId, gen, m, fetched](const VoiceConverter::Result &c) {
                                   if (!self)
                                       return;
                                   MediaFetcher::Result converted = fetched;
                                   converted.media.voice = true;
                                   if (c.ok) {
                                       converted.media.path = c.path;
                                       converted.media.size = c.size;
                                       converted.media.mimetype =
                                           QStringLiteral("audio/ogg; codecs=opus");
                                       converted.media.kind = MediaTypes::Kind::Audio;
                                   } else {
                                       qCWarning(lcDispatch) << "voice note of batch" << m.batchId
                                                             << c.error << c.detail;
                                       converted.ok = false;
                                       converted.error = c.error;
                                       converted.detail = c.detail;
                                   }
                                   self->stepMediaFetched(numberId, gen, m, converted);
                               });
                           return;
                       }
                       self->stepMediaFetched(numberId, gen, m, fetched);
                   });
}

void OutboxDispatcher::stepMediaFetched(qint64 numberId, quint64 gen, const Message &m,
                                        const MediaFetcher::Result &r)
{
    QPointer<OutboxDispatcher> self(this);
    {
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
            d->m_mediaBudget.acquire(
                media.size, [self, numberId, gen, m, media](MediaBudget::Lease lease) {
                    if (!self)
                        return;
                    MessageSender::Media leased = media;
                    leased.lease = std::move(lease);
                    guarded("media", [&]() { self->stepMediaGranted(numberId, gen, m, leased); });
                });
        });
    }
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

void OutboxDispatcher::stepClaim(qint64 numberId, quint64 gen, Message m,
                                 const MessageSender::Media &media)
{
    // A retry on the number that tried before: WhatsApp may hold the earlier attempt after all
    // (a network error reported for a message that did go out). Ask before sending again.
    if (!m.waMessageId.isEmpty() && m.numberId == numberId && m.attempts > 0) {
        QPointer<OutboxDispatcher> self(this);
        const QString previous = m.waMessageId;
        m_sender.hasMessage(
            numberId, m.recipient, previous,
            [self, numberId, gen, m, media, previous](MessageSender::Outcome o, bool exists,
                                                      int ack) {
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
                            m, o.error.isEmpty() ? QStringLiteral("ERROR_UNKNOWN") : o.error,
                            false);
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
                            d->m_acks.add({numberId, previous, a, now});
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

    const SendPacer::Pacing p = pacingFor(lane.value());
    const QString shown = m.messageType == QLatin1String("text") ? m.message : m.caption;
    const qint64 typing = SendPacer::typingMs(p, shown);
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
    // Rich types and quotes (RichMessage): the payload stored with the row says what to send.
    const QJsonObject payload = RichMessage::parsePayload(m.payload);
    const bool quoted = payload.contains(QLatin1String("quoted"));
    if (RichMessage::isRichType(m.messageType) && m.messageType != QLatin1String("voice")) {
        QJsonObject content = payload;
        content.insert(QStringLiteral("type"), m.messageType);
        m_sender.sendRich(numberId, m.recipient, content, m.waMessageId, done);
    } else if (m.messageType == QLatin1String("text") || media.path.isEmpty()) {
        if (quoted) {
            QJsonObject content = payload;
            content.insert(QStringLiteral("type"), QStringLiteral("text"));
            content.insert(QStringLiteral("body"), m.message);
            m_sender.sendRich(numberId, m.recipient, content, m.waMessageId, done);
        } else {
            m_sender.sendText(numberId, m.recipient, m.message, m.waMessageId, done);
        }
    } else {
        const QString caption = m.caption.isEmpty() ? m.message : m.caption;
        MessageSender::Media sent = media;
        sent.quoted = payload.value(QLatin1String("quoted")).toObject();
        const QString filename = payload.value(QLatin1String("filename")).toString();
        if (!filename.isEmpty())
            sent.filename = filename; // the vendor's name wins over the URL's or the server's
        m_sender.sendMedia(numberId, m.recipient, sent, caption, m.waMessageId, done);
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
        m_acks.add({numberId, m.waMessageId, 1, now});
        if (lane != m_lanes.end())
            ++lane->dayCount;
        break;
    case Code::NotOnWhatsApp:
        m_registrations.remember(numberId, m.recipient, false, now);
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
            m_reconciler.add(numberId, m);
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
        const SendPacer::Pacing p = pacingFor(lane.value());
        if (p.on)
            lane->nextSendAt = SendPacer::nextSendAt(p, now);
    }
    finishStep(numberId, m);
}

void OutboxDispatcher::transientFailure(Message m, const QString &error, bool claimed)
{
    const qint64 now = Clock::nowMs();
    const int attempts = claimed ? m.attempts : m.attempts + 1;
    if (m_retry.exhausted(attempts)) {
        failMessage(m, error);
        return;
    }
    const qint64 next = m_retry.nextAttemptAt(attempts, now);
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
            refreshScheduled(); // the new rows may be a scheduled batch
        }
        if (now >= m_nextScheduledAt)
            promoteScheduled(now);
        QList<OutboxQueue::UserKey> woken;
        for (auto it = m_retryAt.begin(); it != m_retryAt.end();) {
            if (it.value() <= now) {
                const OutboxQueue::UserKey k = it.key();
                it = m_retryAt.erase(it);
                wakeUser(k);
                woken << k;
            } else {
                ++it;
            }
        }
        // One wake-up per user is kept (the earliest): the user's later ones (rows held by
        // quiet hours in other zones, other retries) are read back from the table.
        for (const OutboxQueue::UserKey &k : std::as_const(woken)) {
            const qint64 next = m_queue->nextAttemptAfter(k, now);
            if (next > 0 && !m_retryAt.contains(k))
                m_retryAt.insert(k, next);
        }
        if (now >= m_nextExpiryAt) {
            expireTick();
            m_nextExpiryAt = now + kExpirySweepMs;
        }
    });
}

void OutboxDispatcher::refreshScheduled()
{
    ++m_stats.scheduleLookups;
    m_nextScheduledAt = m_queue->earliestScheduled().value_or(kNoneScheduled);
}

void OutboxDispatcher::promoteScheduled(qint64 now)
{
    const QList<OutboxQueue::Promoted> promoted = m_queue->promoteDue(now);
    refreshScheduled();
    CampaignService campaigns(m_core);
    for (const OutboxQueue::Promoted &p : promoted) {
        m_stats.promoted += p.count;
        qCInfo(lcDispatch) << p.count << "scheduled messages of batch" << p.batchId << "due";
        // The batch's state event (running, or paused if it was paused while it waited).
        BatchStateEvent e{p.user.userId, p.batchId, CampaignService::kRunning, now};
        try {
            e.state = campaigns.batch(p.user.vendorId, p.batchId).state;
        } catch (const DomainError &) {
            // a batch without its row (queued around the migration): "running" it is
        }
        m_core.events().publish(p.user.vendorId, e);
        wakeUser(p.user);
    }
}

void OutboxDispatcher::dropBatchRows(qint64 vendorId, qint64 userId, const QString &batchId)
{
    auto uq = m_users.find({vendorId, userId});
    if (uq == m_users.end())
        return;
    uq->rows.removeIf([&](const Message &m) {
        if (m.batchId != batchId)
            return false;
        uq->reserved.remove(m.id);
        return true;
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
    m_acks.add({numberId, waMessageId, ack, Clock::nowMs()});
}

void OutboxDispatcher::publish(const Message &m, qint64 atMs)
{
    m_core.events().publish(m.vendorId, MessageStatusEvent::of(m, atMs));
    Q_EMIT statusChanged(m.vendorId, m.id, m.status);
    m_mediaCleaner.schedule(m);
}
