#include "numbers/NumberCheckService.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "contacts/PhoneNormalizer.h"
#include "numbers/NumberCheckStore.h"
#include "numbers/NumberStore.h"
#include "outbox/MessageSender.h"
#include "outbox/SendPacer.h"
#include "platform/Clock.h"
#include "platform/Settings.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRandomGenerator>
#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcChecks, "wamator.checks")

namespace {
const QString kPending = QStringLiteral("pending");
const QString kRunning = QStringLiteral("running");

QString newCheckId()
{
    quint32 words[3];
    QRandomGenerator::system()->fillRange(words);
    QString hex;
    for (quint32 w : words)
        hex += QStringLiteral("%1").arg(w, 8, 16, QLatin1Char('0'));
    return QStringLiteral("chk_") + hex;
}
} // namespace

int NumberCheckService::Check::count(const QString &itemStatus) const
{
    return int(std::count_if(items.cbegin(), items.cend(),
                             [&](const Item &i) { return i.status == itemStatus; }));
}

NumberCheckService::NumberCheckService(CoreServices &core, MessageSender &sender, QObject *parent)
    : QObject(parent), m_core(core), m_sender(sender)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { pump(); });
    // A number that comes back (or goes away) changes who can ask.
    connect(&m_sender, &MessageSender::readinessChanged, this, [this] { schedule(0); });
}

NumberCheckService::Check NumberCheckService::start(qint64 vendorId, qint64 userId,
                                                    const QStringList &phones)
{
    m_core.users().requireUserOfVendor(vendorId, userId);
    if (phones.isEmpty())
        throw DomainError::validation(QStringLiteral("phones"),
                                      QStringLiteral("Give at least one phone number to check"));
    if (phones.size() > kMaxPhones)
        throw DomainError(DomainError::Kind::Validation, QStringLiteral("too_many_phones"),
                          QStringLiteral("At most %1 phone numbers per check (%2 given)")
                              .arg(kMaxPhones)
                              .arg(phones.size()),
                          {{QStringLiteral("field"), QStringLiteral("phones")},
                           {QStringLiteral("max"), kMaxPhones}});
    const qint64 now = Clock::nowMs();
    prune(now);
    int running = 0;
    for (const Job &j : std::as_const(m_jobs))
        if (j.check.vendorId == vendorId && j.check.appUserId == userId &&
            j.check.status == kRunning)
            ++running;
    if (running >= kMaxRunningPerUser)
        throw DomainError::conflict(
            QStringLiteral("too_many_checks"),
            QStringLiteral("This user already has %1 checks running; wait for one to finish")
                .arg(running));

    Job job;
    job.check.id = newCheckId();
    job.check.vendorId = vendorId;
    job.check.appUserId = userId;
    job.check.status = kRunning;
    job.check.createdAt = now;
    job.check.items.reserve(phones.size());
    const PhoneNormalizer &normalizer = m_core.phones();
    for (const QString &input : phones) {
        Item item;
        item.input = input;
        if (const std::optional<QString> phone = normalizer.normalize(input)) {
            item.phone = *phone;
            item.status = kPending;
            auto &indexes = job.items[*phone];
            if (indexes.isEmpty())
                job.queue << *phone;
            indexes << int(job.check.items.size());
        } else {
            item.status = QStringLiteral("invalid");
        }
        job.check.items << item;
    }
    // What is known is answered now; the rest needs a ready number.
    const QHash<QString, NumberCheckStore::Answer> known =
        m_core.numberChecks().knownMany(vendorId, job.queue, now);
    for (auto it = known.cbegin(); it != known.cend(); ++it)
        answer(job, it.key(), it->registered ? QStringLiteral("yes") : QStringLiteral("no"), true,
               it->checkedAt, {});
    job.queue.removeIf([&](const QString &p) { return known.contains(p); });
    if (!job.queue.isEmpty() && readyNumbers(vendorId, userId).isEmpty())
        throw DomainError::conflict(
            QStringLiteral("no_ready_number"),
            QStringLiteral("This user has no connected WhatsApp number to ask through; "
                           "connect one (POST /connect) and try again"));
    if (job.queue.isEmpty())
        finish(job, QStringLiteral("completed"), {}, now);
    const QString id = job.check.id;
    m_jobs.insert(id, std::move(job));
    m_order << id;
    schedule(0);
    return m_jobs.value(id).check;
}

std::optional<NumberCheckService::Check> NumberCheckService::find(qint64 vendorId, qint64 userId,
                                                                  const QString &id) const
{
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend() || it->check.vendorId != vendorId || it->check.appUserId != userId)
        return std::nullopt;
    Check c = it->check;
    if (c.status == kRunning) {
        // The remaining lookups at the pace of the user's ready numbers.
        const QList<WhatsAppNumber> ready = readyNumbers(vendorId, userId);
        qint64 perLookup = 0;
        for (const WhatsAppNumber &n : ready)
            perLookup = std::max(perLookup, meanDelayMs(n.sandbox));
        c.etaMs = qint64(it->queue.size()) * perLookup / std::max<qsizetype>(1, ready.size());
    }
    return c;
}

std::optional<NumberCheckService::Check> NumberCheckService::cancel(qint64 vendorId, qint64 userId,
                                                                    const QString &id)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end() || it->check.vendorId != vendorId || it->check.appUserId != userId)
        return std::nullopt;
    if (it->check.status != kRunning)
        return it->check;
    finish(*it, QStringLiteral("cancelled"), {}, Clock::nowMs());
    const Check c = it->check;
    Q_EMIT checkChanged(id);
    return c;
}

void NumberCheckService::answer(Job &job, const QString &phone, const QString &status, bool cached,
                                qint64 at, const QString &error)
{
    for (int i : job.items.value(phone)) {
        Item &item = job.check.items[i];
        item.status = status;
        item.cached = cached;
        item.checkedAt = at;
        item.error = error;
    }
}

bool NumberCheckService::applyKnown(Job &job, const QString &phone, qint64 now)
{
    const auto known = m_core.numberChecks().known(job.check.vendorId, phone, now);
    if (!known)
        return false;
    answer(job, phone, known->registered ? QStringLiteral("yes") : QStringLiteral("no"), true,
           known->checkedAt, {});
    return true;
}

void NumberCheckService::finish(Job &job, const QString &status, const QString &error, qint64 now)
{
    job.check.status = status;
    job.check.error = error;
    job.check.finishedAt = now;
    job.queue.clear();
    for (Item &item : job.check.items)
        if (item.status == kPending)
            item.status = QStringLiteral("unchecked");
}

void NumberCheckService::prune(qint64 now)
{
    // Finished checks per user: past kMaxKeptPerUser the oldest go.
    QHash<qint64, int> kept;
    for (const QString &id : std::as_const(m_order)) {
        const auto it = m_jobs.constFind(id);
        if (it != m_jobs.cend() && it->check.status != kRunning)
            ++kept[it->check.appUserId];
    }
    m_order.removeIf([&](const QString &id) {
        const auto it = m_jobs.constFind(id);
        if (it == m_jobs.cend())
            return true;
        const bool finished = it->check.status != kRunning && it->inFlight == 0;
        int &count = kept[it->check.appUserId];
        const bool old =
            finished && (it->check.finishedAt + kKeepFinishedMs <= now || count >= kMaxKeptPerUser);
        if (old) {
            --count;
            m_jobs.remove(id);
        }
        return old;
    });
}

QList<WhatsAppNumber> NumberCheckService::readyNumbers(qint64 vendorId, qint64 userId) const
{
    // The sessions say what is ready (the dispatcher's rule), not the stored state.
    QList<WhatsAppNumber> numbers = m_core.numbers().listForUser(vendorId, userId);
    numbers.removeIf([&](const WhatsAppNumber &n) { return !m_sender.isReady(n.id); });
    return numbers;
}

qint64 NumberCheckService::nextLookupAt(bool sandbox, qint64 now) const
{
    SendPacer::Pacing p = SendPacer(m_core.settings()).pacingFor(sandbox);
    if (!p.on)
        return now;
    const Settings &s = m_core.settings();
    p.minDelayMs = s.checksMinDelayMs();
    p.maxDelayMs = std::max(p.minDelayMs, s.checksMaxDelayMs());
    return SendPacer::nextSendAt(p, now);
}

qint64 NumberCheckService::meanDelayMs(bool sandbox) const
{
    if (!SendPacer(m_core.settings()).pacingFor(sandbox).on)
        return 0;
    const Settings &s = m_core.settings();
    return (qint64(s.checksMinDelayMs()) + std::max(s.checksMinDelayMs(), s.checksMaxDelayMs())) /
           2;
}

void NumberCheckService::schedule(qint64 atMs)
{
    const qint64 wait = std::max<qint64>(0, atMs - Clock::nowMs());
    if (m_timer.isActive() && m_timer.remainingTime() <= wait)
        return;
    m_timer.start(int(std::min<qint64>(wait, 3600LL * 1000)));
}

void NumberCheckService::pump()
{
    const qint64 now = Clock::nowMs();
    qint64 next = std::numeric_limits<qint64>::max();
    QHash<qint64, QList<WhatsAppNumber>> readyOf; // per user, read once per round
    QStringList changed; // signalled after the round: a slot may start another check
    for (const QString &id : std::as_const(m_order)) {
        auto it = m_jobs.find(id);
        if (it == m_jobs.end() || it->check.status != kRunning)
            continue;
        Job &job = *it;
        const qint64 user = job.check.appUserId;
        if (!readyOf.contains(user)) {
            readyOf.insert(user, readyNumbers(job.check.vendorId, user));
        }
        const QList<WhatsAppNumber> &ready = readyOf[user];
        for (const WhatsAppNumber &n : ready) {
            if (job.queue.isEmpty())
                break;
            if (m_busy.contains(n.id))
                continue;
            const qint64 at = m_nextAt.value(n.id, 0);
            if (at > now) {
                next = std::min(next, at);
                continue;
            }
            // Another check or a send may have answered since this check started.
            while (!job.queue.isEmpty() && applyKnown(job, job.queue.first(), now))
                job.queue.removeFirst();
            if (job.queue.isEmpty())
                break;
            lookup(job, n.id, n.sandbox, job.queue.takeFirst());
        }
        if (job.queue.isEmpty() && job.inFlight == 0)
            finish(job, QStringLiteral("completed"), {}, now);
        else if (ready.isEmpty() && job.inFlight == 0)
            // Nobody left to ask through: what was answered stays, the rest is "unchecked".
            finish(job, QStringLiteral("failed"), QStringLiteral("no_ready_number"), now);
        changed << id;
    }
    if (next != std::numeric_limits<qint64>::max())
        schedule(next);
    for (const QString &id : std::as_const(changed))
        Q_EMIT checkChanged(id);
}

void NumberCheckService::lookup(Job &job, qint64 numberId, bool sandbox, const QString &phone)
{
    m_busy.insert(numberId);
    ++job.inFlight;
    ++job.check.lookups;
    const QString id = job.check.id;
    QPointer<NumberCheckService> self(this);
    m_sender.isRegistered(
        numberId, phone,
        [self, id, numberId, sandbox, phone](MessageSender::Outcome o, bool registered) {
            if (!self)
                return;
            NumberCheckService *d = self.data();
            const qint64 now = Clock::nowMs();
            d->m_busy.remove(numberId);
            d->m_nextAt.insert(numberId, d->nextLookupAt(sandbox, now));
            auto it = d->m_jobs.find(id);
            if (it == d->m_jobs.end()) // not pruned while a lookup is in flight; defensive
                return;
            using Code = MessageSender::Outcome::Code;
            try {
                if (o.code == Code::Ok || o.code == Code::NotOnWhatsApp) {
                    const bool yes = o.code == Code::Ok && registered;
                    // Recorded even when the check was cancelled meanwhile: it is an answer.
                    d->m_core.numberChecks().record(it->check.vendorId, phone, yes, now);
                    if (it->check.status == kRunning)
                        d->answer(*it, phone, yes ? QStringLiteral("yes") : QStringLiteral("no"),
                                  false, now, {});
                } else if (it->check.status == kRunning) {
                    if (o.code == Code::Transient && !d->m_sender.isReady(numberId))
                        it->queue.prepend(phone); // the number went away: another one asks
                    else
                        d->answer(*it, phone, QStringLiteral("error"), false, now,
                                  o.error.isEmpty() ? QStringLiteral("lookup_failed") : o.error);
                }
            } catch (const DomainError &e) {
                qCWarning(lcChecks) << "number check" << id << "could not record:" << e.message();
                if (it->check.status == kRunning)
                    d->answer(*it, phone, QStringLiteral("error"), false, now, e.code());
            }
            --it->inFlight;
            d->schedule(0);
        });
}
