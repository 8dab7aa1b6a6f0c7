#include "contacts/ContactService.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactJson.h"
#include "contacts/PhoneNormalizer.h"
#include "inbound/OptOutService.h"
#include "platform/JsonNumber.h"
#include "platform/ParallelFor.h" // updateMany

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace {

const QString kPhone = QStringLiteral("phone_number");
const QString kId = QStringLiteral("id");
const QString kOptIn = QStringLiteral("message_opt_in");

DomainError optInNeedsAReason()
{
    return DomainError(DomainError::Kind::Validation, QStringLiteral("reason_required"),
                       QStringLiteral("An opted-out contact is opted back in with a reason: POST "
                                      "/contacts/:userId/:contactId/opt-in {\"reason\"}"),
                       QJsonObject{{QStringLiteral("field"), kOptIn}});
}

DomainError tooMany(int max)
{
    return DomainError(DomainError::Kind::PayloadTooLarge, QStringLiteral("too_many_items"),
                       QStringLiteral("At most %1 items per request").arg(max),
                       QJsonObject{{QStringLiteral("max"), max}});
}

// One parsed input item; filled on worker threads (no exceptions leave them).
struct Parsed
{
    QJsonObject json;
    Contact contact;
    QSet<QString> fields;
    QString reason; // empty = valid
    QString field;
    QString message;
};

void parseItem(Parsed &p, bool forAdd, const PhoneNormalizer &phones)
{
    try {
        // An add needs no field set (name and phone_number are required there); building
        // one per row was a measurable part of a 5,000-contact import.
        p.contact =
            forAdd ? ContactJson::fromJsonForAdd(p.json) : ContactJson::fromJson(p.json, &p.fields);
    } catch (const DomainError &e) {
        p.reason = QStringLiteral("validation_failed");
        p.field = e.details().value(QStringLiteral("field")).toString();
        p.message = e.message();
        return;
    } catch (...) {
        p.reason = QStringLiteral("validation_failed");
        p.message = QStringLiteral("invalid contact");
        return;
    }
    if (!forAdd && !p.fields.contains(kPhone))
        return;
    const auto normalised = phones.normalize(p.contact.phoneNumber);
    if (!normalised) {
        p.reason = QStringLiteral("invalid_phone");
        p.field = kPhone;
        p.message = QStringLiteral("phone_number is not a valid phone number");
        return;
    }
    p.contact.phoneNumber = *normalised;
}

// A positive integer id, also written as a string of digits (as RequestValidator accepts);
// 0 when it is not one.
qint64 positiveId(const QJsonValue &v)
{
    if (v.isDouble())
        return qMax<qint64>(0, JsonNumber::exactInteger(v).value_or(0));
    if (v.isString()) {
        const QString s = v.toString().trimmed();
        if (s.isEmpty() || s.size() > 15)
            return 0;
        for (const QChar c : s) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return 0;
        }
        return s.toLongLong();
    }
    return 0;
}

} // namespace

ContactService::ContactService(CoreServices &core) : m_core(core) {}

void ContactService::requireUser(qint64 vendorId, qint64 userId) const
{
    m_core.users().requireUserOfVendor(vendorId, userId);
}

ContactService::AddResult ContactService::add(qint64 vendorId, qint64 userId,
                                              const QJsonArray &items)
{
    if (items.size() > kMaxItems)
        throw tooMany(kMaxItems);
    requireUser(vendorId, userId);
    return addTo(m_core.contacts(), vendorId, userId, items);
}

ContactService::AddResult ContactService::addOnConnection(const QString &connection,
                                                          qint64 vendorId, qint64 userId,
                                                          const QJsonArray &items)
{
    if (items.size() > kMaxItems)
        throw tooMany(kMaxItems);
    // The stores of m_core live on the thread that opened the database; this one has its own.
    AppUserStore(connection).requireUserOfVendor(vendorId, userId);
    return addTo(ContactStore(connection), vendorId, userId, items);
}

ContactService::AddResult ContactService::addTo(const ContactStore &store, qint64 vendorId,
                                                qint64 userId, const QJsonArray &items)
{
    AddResult result;
    QElapsedTimer stage;
    stage.start();
    double validateMs = 0; // the inserting thread validating, or waiting for a chunk
    double storeMs = 0;    // the inserting thread in SQLite (inserts and the commit)

    const int n = int(items.size());
    std::vector<Parsed> parsed(n);
    // char, not vector<bool>: the threads write neighbouring elements.
    std::vector<char> isObject(n, 1);
    const PhoneNormalizer &phones = m_core.phones();
    const int chunkSize = std::max(1, m_importChunk);
    const int chunks = (n + chunkSize - 1) / chunkSize;

    // Pipelined: chunks are validated in input order by whichever thread is free (the helper
    // threads and this one), while this thread — the one that owns the SQLite connection —
    // inserts the earliest validated chunk. The insert needs one core, validation (JSON
    // fields and libphonenumber) took both before; one after the other they added up.
    // Only const reads of the shared `items` happen on the helpers.
    auto validateChunk = [&](int c) {
        const int end = std::min(n, (c + 1) * chunkSize);
        for (int i = c * chunkSize; i < end; ++i) {
            const QJsonValue v = items.at(i);
            if (!v.isObject()) {
                isObject[i] = 0;
                continue;
            }
            parsed[i].json = v.toObject();
            parseItem(parsed[i], true, phones);
        }
    };
    struct Progress
    {
        std::mutex mutex;
        std::condition_variable validated;
        int nextClaim = 0;       // the next chunk nobody validates yet
        std::vector<char> ready; // per chunk: validated
        bool stop = false;       // the insert failed: helpers stop claiming
    } progress;
    progress.ready.assign(size_t(chunks), 0);
    auto claim = [&]() -> int {
        std::lock_guard<std::mutex> lock(progress.mutex);
        if (progress.stop || progress.nextClaim >= chunks)
            return -1;
        return progress.nextClaim++;
    };
    auto markValidated = [&](int c) {
        {
            std::lock_guard<std::mutex> lock(progress.mutex);
            progress.ready[size_t(c)] = 1;
        }
        progress.validated.notify_all();
    };

    // Helpers only when there are at least two chunks (a thread costs ~0.1 ms, a chunk of
    // 250 items a few ms).
    int helpers =
        chunks > 1 ? std::min(chunks - 1, std::max(1, QThread::idealThreadCount()) - 1) : 0;
    if (!m_insertingThreadValidates && chunks > 0)
        helpers = std::max(helpers, 1); // tests: someone must validate
    std::vector<std::thread> workers;
    // Joined on every way out (an insert that throws included) before `parsed` goes away.
    struct Joiner
    {
        Progress &progress;
        std::vector<std::thread> &workers;
        ~Joiner()
        {
            {
                std::lock_guard<std::mutex> lock(progress.mutex);
                progress.stop = true;
            }
            for (std::thread &w : workers)
                w.join();
        }
    } joiner{progress, workers};
    workers.reserve(size_t(helpers));
    for (int t = 0; t < helpers; ++t) {
        workers.emplace_back([&] {
            for (int c = claim(); c >= 0; c = claim()) {
                validateChunk(c);
                markValidated(c);
            }
        });
    }

    std::optional<ContactStore::ImportSession> session;
    result.added.reserve(n);
    auto skipStored = [&](int i, const QString &reason) {
        QJsonValue given = parsed[i].json.value(kPhone);
        if (given.isUndefined())
            given = QJsonValue(parsed[i].contact.phoneNumber);
        result.skipped.append({i, given, reason, QString(),
                               QStringLiteral("a contact with this phone number exists")});
    };
    for (int c = 0; c < chunks; ++c) {
        stage.restart();
        // Wait for chunk c, validating the next unclaimed one meanwhile.
        for (;;) {
            std::unique_lock<std::mutex> lock(progress.mutex);
            if (progress.ready[size_t(c)])
                break;
            if (m_insertingThreadValidates && progress.nextClaim < chunks) {
                const int next = progress.nextClaim++;
                lock.unlock();
                validateChunk(next);
                markValidated(next);
                continue;
            }
            progress.validated.wait(lock, [&] { return progress.ready[size_t(c)] != 0; });
            break;
        }
        validateMs += stage.nsecsElapsed() / 1e6;
        stage.restart();
        const int end = std::min(n, (c + 1) * chunkSize);
        for (int i = c * chunkSize; i < end; ++i) {
            Parsed &p = parsed[i];
            if (!isObject[i]) {
                result.skipped.append({i, QJsonValue(QJsonValue::Null),
                                       QStringLiteral("validation_failed"), QStringLiteral("body"),
                                       QStringLiteral("each contact must be an object")});
                continue;
            }
            if (!p.reason.isEmpty()) {
                QJsonValue given = p.json.value(kPhone);
                if (given.isUndefined())
                    given = QJsonValue(QJsonValue::Null);
                result.skipped.append({i, given, p.reason, p.field, p.message});
                continue;
            }
            if (!session)
                session.emplace(store, vendorId, userId);
            switch (session->add(p.contact)) {
            case ContactStore::ImportSession::Outcome::Added:
                result.added.append(std::move(p.contact));
                break;
            case ContactStore::ImportSession::Outcome::Duplicate:
                skipStored(i, QStringLiteral("duplicate"));
                break;
            case ContactStore::ImportSession::Outcome::InvalidPhone:
                skipStored(i, QStringLiteral("invalid_phone"));
                break;
            case ContactStore::ImportSession::Outcome::ValidationFailed:
                skipStored(i, QStringLiteral("validation_failed"));
                break;
            }
        }
        storeMs += stage.nsecsElapsed() / 1e6;
    }
    if (session) {
        stage.restart();
        session->commit();
        storeMs += stage.nsecsElapsed() / 1e6;
    }
    result.timings.append({QByteArrayLiteral("validate"), validateMs});
    if (session)
        result.timings.append({QByteArrayLiteral("store"), storeMs});
    // Already in index order: chunks are handled in input order, each item once.
    return result;
}

QList<ContactService::UpdateResult> ContactService::updateMany(qint64 vendorId, qint64 userId,
                                                               const QJsonArray &items)
{
    if (items.size() > kMaxItems)
        throw tooMany(kMaxItems);
    requireUser(vendorId, userId);

    const int n = int(items.size());
    std::vector<Parsed> parsed(n);
    QList<UpdateResult> results(n);
    std::vector<qint64> ids(n, 0);
    for (int i = 0; i < n; ++i) {
        const QJsonValue v = items.at(i);
        if (!v.isObject()) {
            results[i] = {QJsonValue(QJsonValue::Null), QStringLiteral("invalid"),
                          QStringLiteral("each item must be an object with an id")};
            continue;
        }
        parsed[i].json = v.toObject();
        const QJsonValue id = parsed[i].json.value(kId);
        results[i].id = id.isUndefined() ? QJsonValue(QJsonValue::Null) : id;
        const qint64 parsedId = positiveId(id);
        if (parsedId <= 0) {
            results[i].status = QStringLiteral("invalid");
            results[i].error = QStringLiteral("id must be a positive integer");
            continue;
        }
        ids[i] = parsedId;
    }
    const PhoneNormalizer &phones = m_core.phones();
    parallelFor(n, [&](int i) {
        if (ids[i] > 0)
            parseItem(parsed[i], false, phones);
    });

    QList<ContactStore::BatchItem> batch;
    QList<int> batchIndex;
    QList<int> optOuts; // items asking message_opt_in false
    for (int i = 0; i < n; ++i) {
        if (ids[i] <= 0)
            continue;
        if (!parsed[i].reason.isEmpty()) {
            results[i].status = QStringLiteral("invalid");
            results[i].error = parsed[i].message;
            continue;
        }
        // message_opt_in goes through the opt-out rule (as in update()), after the store.
        if (parsed[i].fields.remove(kOptIn)) {
            const auto current = m_core.contacts().find(vendorId, userId, ids[i]);
            if (current && parsed[i].contact.messageOptIn && !current->messageOptIn) {
                results[i].status = QStringLiteral("invalid");
                results[i].error = optInNeedsAReason().message();
                continue;
            }
            if (!parsed[i].contact.messageOptIn)
                optOuts.append(i);
            if (parsed[i].fields.isEmpty()) {
                results[i].status =
                    current ? QStringLiteral("updated") : QStringLiteral("not_found");
                if (!current)
                    results[i].error = QStringLiteral("contact not found");
                continue;
            }
        }
        batch.append({ids[i], parsed[i].contact, parsed[i].fields});
        batchIndex.append(i);
    }
    if (!batch.isEmpty()) {
        const QList<ContactStore::BatchResult> stored =
            m_core.contacts().updateMany(vendorId, userId, batch);
        for (int k = 0; k < stored.size() && k < batchIndex.size(); ++k) {
            UpdateResult &r = results[batchIndex.at(k)];
            r.status = stored.at(k).status;
            r.error = stored.at(k).error;
            if (r.status == QLatin1String("not_found") && r.error.isEmpty())
                r.error = QStringLiteral("contact not found");
        }
    }
    for (int i : std::as_const(optOuts)) {
        if (results[i].status != QLatin1String("updated"))
            continue;
        try {
            m_core.optOuts().optOut(vendorId, userId, ids[i], OptOutService::kApi);
        } catch (const DomainError &e) {
            results[i].status = e.kind() == DomainError::Kind::NotFound
                                    ? QStringLiteral("not_found")
                                    : QStringLiteral("invalid");
            results[i].error = e.message();
        }
    }
    return results;
}

bool ContactService::allUpdated(const QList<UpdateResult> &results)
{
    return std::all_of(results.cbegin(), results.cend(),
                       [](const UpdateResult &r) { return r.status == QLatin1String("updated"); });
}

Contact ContactService::update(qint64 vendorId, qint64 userId, qint64 contactId,
                               const QJsonObject &fields)
{
    requireUser(vendorId, userId);
    QSet<QString> present;
    Contact values = ContactJson::fromJson(fields, &present); // throws validation_failed
    if (present.contains(kPhone)) {
        const auto normalised = m_core.phones().normalize(values.phoneNumber);
        if (!normalised)
            throw DomainError::validation(
                kPhone, QStringLiteral("phone_number is not a valid phone number"));
        values.phoneNumber = *normalised;
    }
    // message_opt_in is the opt-out rule's (OptOutService): opting out records the history
    // and cancels pending messages; opting back in needs a reason, so not by this field.
    std::optional<bool> optIn;
    if (present.remove(kOptIn))
        optIn = values.messageOptIn;
    if (present.isEmpty() || (optIn && *optIn)) {
        const auto current = m_core.contacts().find(vendorId, userId, contactId);
        if (!current)
            throw DomainError::notFound(QStringLiteral("contact"));
        if (optIn && *optIn && !current->messageOptIn)
            throw optInNeedsAReason(); // before anything is written
        if (present.isEmpty() && !(optIn && !*optIn))
            return *current;
    }
    Contact updated = present.isEmpty()
                          ? Contact{}
                          : m_core.contacts().update(vendorId, userId, contactId, values, present);
    if (optIn && !*optIn)
        updated = m_core.optOuts().optOut(vendorId, userId, contactId, OptOutService::kApi).contact;
    return updated;
}

int ContactService::removeMany(qint64 vendorId, qint64 userId, const QList<qint64> &ids)
{
    if (ids.size() > kMaxRemoveIds)
        throw tooMany(kMaxRemoveIds);
    requireUser(vendorId, userId);
    if (ids.isEmpty())
        return 0;
    return m_core.contacts().removeMany(vendorId, userId, ids);
}

ContactStore::Page ContactService::search(qint64 vendorId, qint64 userId, const QString &term,
                                          int page, int limit) const
{
    const QString t = term.trimmed();
    if (t.size() > kMaxSearchLength)
        throw DomainError::validation(
            QStringLiteral("search"),
            QStringLiteral("search must be at most %1 characters").arg(kMaxSearchLength));
    if (page < 1)
        throw DomainError::validation(QStringLiteral("page"), QStringLiteral("page must be ≥ 1"));
    if (limit < 1 || limit > 500)
        throw DomainError::validation(QStringLiteral("limit"),
                                      QStringLiteral("limit must be between 1 and 500"));
    requireUser(vendorId, userId);
    // Phones are not normalised here: digits are matched against the end of the stored
    // number (ContactStore::search drops a whole number's "+", "00" or national "0"), and a
    // short tail such as "7000000" would come back from the normaliser as another number.
    const QString effective = t;
    return m_core.contacts().search(vendorId, userId, effective, page, limit);
}

QJsonObject ContactService::skippedJson(const Skipped &s)
{
    QJsonObject o{{QStringLiteral("index"), s.index},
                  {QStringLiteral("phone_number"), s.phoneNumber},
                  {QStringLiteral("reason"), s.reason}};
    if (!s.field.isEmpty())
        o.insert(QStringLiteral("field"), s.field);
    if (!s.message.isEmpty())
        o.insert(QStringLiteral("message"), s.message);
    return o;
}

QJsonObject ContactService::resultJson(const UpdateResult &r)
{
    QJsonObject o{{QStringLiteral("id"), r.id}, {QStringLiteral("status"), r.status}};
    if (!r.error.isEmpty())
        o.insert(QStringLiteral("error"), r.error);
    return o;
}
