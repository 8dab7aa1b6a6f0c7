#include "ContactStore.h"

#include "Clock.h"
#include "ContactJson.h"
#include "Database.h"
#include "DomainError.h"
#include "SqlBulkInsert.h"
#include "SqlSupport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <unordered_set>
#include <atomic>
#include <iterator>
#include <chrono>

namespace {

// Column order of every SELECT; the writable columns are ContactJson::fieldNames() (same
// names as api.md), between app_user_id and created_at.
enum Column {
    ColId,
    ColVendor,
    ColUser,
    ColFirstField, // name
    ColCreatedAt = ColFirstField + 24,
    ColUpdatedAt,
};

const QString &selectColumns()
{
    static const QString cols = [] {
        QStringList list{QStringLiteral("c.id"), QStringLiteral("c.api_consumer_id"),
                         QStringLiteral("c.app_user_id")};
        for (const QString &f : ContactJson::fieldNames())
            list << QStringLiteral("c.") + f;
        list << QStringLiteral("c.created_at") << QStringLiteral("c.updated_at");
        return list.join(QLatin1String(", "));
    }();
    return cols;
}

int fieldIndex(const QString &field)
{
    static const QHash<QString, int> index = [] {
        QHash<QString, int> h;
        const QStringList &names = ContactJson::fieldNames();
        for (int i = 0; i < names.size(); ++i)
            h.insert(names.at(i), i);
        return h;
    }();
    return index.value(field, -1);
}

QVariant jsonText(const QJsonArray &a)
{
    if (a.isEmpty())
        return SqlSupport::text(QString());
    QByteArray text;
    ContactJson::appendArray(text, a);
    return QString::fromUtf8(text);
}

QJsonArray jsonArray(const QVariant &v)
{
    if (v.isNull())
        return {};
    return QJsonDocument::fromJson(v.toString().toUtf8()).array();
}

// The value to bind for writable field number i (ContactJson::fieldNames() order).
QVariant fieldValue(const Contact &c, int i)
{
    switch (i) {
    case 0: return c.name;
    case 1: return c.phoneNumber;
    case 2: return SqlSupport::text(c.email);
    case 3: return SqlSupport::text(c.companyName);
    case 4: return SqlSupport::text(c.gender);
    case 5: return SqlSupport::text(c.dob);
    case 6: return SqlSupport::text(c.ageGroup);
    case 7: return SqlSupport::text(c.languagePreference);
    case 8: return SqlSupport::text(c.timezone);
    case 9: return SqlSupport::text(c.nickname);
    case 10: return SqlSupport::text(c.customSalutation);
    case 11: return SqlSupport::text(c.partnerName);
    case 12: return SqlSupport::text(c.anniversaryDate);
    case 13: return jsonText(c.kidsNames);
    case 14: return jsonText(c.petsNames);
    case 15: return SqlSupport::text(c.jobTitle);
    case 16: return SqlSupport::text(c.industry);
    case 17: return jsonText(c.interests);
    case 18: return jsonText(c.preferredProducts);
    case 19: return c.messageOptIn ? 1 : 0;
    case 20: return SqlSupport::text(c.customerTier);
    case 21:
        return c.averageSpend ? QVariant(*c.averageSpend) : QVariant(QMetaType::fromType<double>());
    case 22:
        return c.hasBroadcastPreference
                   ? QVariant(QString::fromUtf8(
                         QJsonDocument(c.whatsappBroadcastPreference).toJson(QJsonDocument::Compact)))
                   : SqlSupport::text(QString());
    case 23: return SqlSupport::text(c.notes);
    }
    Q_UNREACHABLE();
    return {};
}

// The Contact member behind writable field number i when it is bound as plain text (as
// fieldValue binds it), else null: the bulk insert binds those in place (SqlBulkInsert::bindText).
QString Contact::*textMemberOf(int i)
{
    static QString Contact::*const members[] = {
        &Contact::name, &Contact::phoneNumber, &Contact::email, &Contact::companyName,
        &Contact::gender, &Contact::dob, &Contact::ageGroup, &Contact::languagePreference,
        &Contact::timezone, &Contact::nickname, &Contact::customSalutation, &Contact::partnerName,
        &Contact::anniversaryDate, nullptr, nullptr, &Contact::jobTitle, &Contact::industry,
        nullptr, nullptr, nullptr, &Contact::customerTier, nullptr, nullptr, &Contact::notes,
    };
    static_assert(std::size(members) == 24);
    return (i >= 0 && i < int(std::size(members))) ? members[i] : nullptr;
}

// The string-array member behind writable field number i (stored as JSON text), else null.
QJsonArray Contact::*arrayMemberOf(int i)
{
    switch (i) {
    case 13: return &Contact::kidsNames;
    case 14: return &Contact::petsNames;
    case 17: return &Contact::interests;
    case 18: return &Contact::preferredProducts;
    }
    return nullptr;
}

Contact readContact(const QSqlQuery &q)
{
    Contact c;
    c.id = q.value(ColId).toLongLong();
    c.vendorId = q.value(ColVendor).toLongLong();
    c.appUserId = q.value(ColUser).toLongLong();
    auto text = [&](int i) { return SqlSupport::text(q, ColFirstField + i); };
    auto value = [&](int i) { return q.value(ColFirstField + i); };
    c.name = text(0);
    c.phoneNumber = text(1);
    c.email = text(2);
    c.companyName = text(3);
    c.gender = text(4);
    c.dob = text(5);
    c.ageGroup = text(6);
    c.languagePreference = text(7);
    c.timezone = text(8);
    c.nickname = text(9);
    c.customSalutation = text(10);
    c.partnerName = text(11);
    c.anniversaryDate = text(12);
    c.kidsNames = jsonArray(value(13));
    c.petsNames = jsonArray(value(14));
    c.jobTitle = text(15);
    c.industry = text(16);
    c.interests = jsonArray(value(17));
    c.preferredProducts = jsonArray(value(18));
    c.messageOptIn = value(19).toInt() != 0;
    c.customerTier = text(20);
    if (!value(21).isNull())
        c.averageSpend = value(21).toDouble();
    if (!value(22).isNull()) {
        c.whatsappBroadcastPreference = QJsonDocument::fromJson(value(22).toString().toUtf8()).object();
        c.hasBroadcastPreference = true;
    }
    c.notes = text(23);
    c.createdAt = q.value(ColCreatedAt).toLongLong();
    c.updatedAt = q.value(ColUpdatedAt).toLongLong();
    return c;
}

void requireUser(const QSqlDatabase &db, qint64 vendorId, qint64 userId)
{
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT 1 FROM app_users WHERE id = ? AND api_consumer_id = ?"));
    q.addBindValue(userId);
    q.addBindValue(vendorId);
    SqlSupport::exec(q);
    if (!q.next())
        throw DomainError::notFound(QStringLiteral("user"));
}

// FTS5 phrase syntax: the whole term in double quotes, inner quotes doubled, so operators,
// parentheses, '*', ':' and column filters in user input are plain text and cannot error.
QString ftsPhrase(const QString &term)
{
    QString t = term;
    t.remove(QChar(0));
    t.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

QString likePattern(const QString &term)
{
    QString t = term.toLower();
    t.replace(QLatin1Char('!'), QLatin1String("!!"));
    t.replace(QLatin1Char('%'), QLatin1String("!%"));
    t.replace(QLatin1Char('_'), QLatin1String("!_"));
    return QLatin1Char('%') + t + QLatin1Char('%');
}

// Ids/phones per IN (...) list. Small on purpose: Qt binds positional parameters by name
// lookups that grow with the parameter count, so 100 is faster than 500 and far below every
// driver's limit.
constexpr int kInChunk = 100;

Q_LOGGING_CATEGORY(lcContacts, "wamator.contacts")

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}

// --- SQLite only: the deferred FTS5 index (see the comment in Migrations.cpp) ---

// Rows an import may index in its own request; more go to the background indexer. ~50 µs a
// row on the reference machine, so this stays around 10 ms.
constexpr int kSyncIndexRows = 200;
// Rows per background transaction: short, so other writers wait only a few tens of ms.
constexpr int kBackgroundChunk = 250;
constexpr int kBackgroundPauseMs = 10;
// While imports keep coming, the indexer waits until none has started for this long. On two
// cores its trigram work (~50 µs a row) otherwise took a third of the CPU during a 100,000-row
// import and held the write lock the next batch needed (P3); search stays correct meanwhile
// (unindexed rows are matched with LIKE) and the index catches up once the import is over.
constexpr qint64 kImportQuietMs = 300;
// When the last bulk import in this process began or ended (steady clock, ms).
std::atomic<qint64> g_lastImportMs{0};

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void noteImport()
{
    g_lastImportMs.store(steadyMs(), std::memory_order_relaxed);
}
// Digits of a long numeric term looked up in the index (the rest is checked with LIKE).
constexpr int kPhoneTail = 7;

int backlogOf(const QSqlDatabase &db)
{
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT (SELECT COALESCE(MAX(id), 0) FROM contact_lists) - "
                           "(SELECT indexed_up_to FROM contact_search_state)"));
    SqlSupport::exec(q);
    return q.next() ? std::max(0, q.value(0).toInt()) : 0;
}

// One transaction: the next rows after the watermark go into the index and the watermark
// moves past them. BEGIN IMMEDIATE takes the write lock first (waiting on busy_timeout), so
// the read of the watermark cannot go stale under another writer.
int indexChunk(const QSqlDatabase &db, int maxRows)
{
    SqlSupport::exec(db, QStringLiteral("BEGIN IMMEDIATE"));
    try {
        QSqlQuery w = SqlSupport::prepare(
            db, QStringLiteral("SELECT indexed_up_to, (SELECT MAX(id) FROM (SELECT id FROM "
                               "contact_lists WHERE id > (SELECT indexed_up_to FROM "
                               "contact_search_state) ORDER BY id LIMIT ?) AS next_rows) "
                               "FROM contact_search_state"));
        w.addBindValue(maxRows);
        SqlSupport::exec(w);
        if (!w.next())
            throw DomainError::internal(QStringLiteral("contact_search_state is empty"));
        const qint64 from = w.value(0).toLongLong();
        const qint64 to = w.value(1).isNull() ? 0 : w.value(1).toLongLong();
        w.finish();
        int indexed = 0;
        if (to > from) {
            QSqlQuery ins = SqlSupport::prepare(
                db, QStringLiteral("INSERT INTO contact_search (rowid, name, email, phone_number, "
                                   "company_name) SELECT id, name, email, phone_number, "
                                   "company_name FROM contact_lists WHERE id > ? AND id <= ?"));
            ins.addBindValue(from);
            ins.addBindValue(to);
            SqlSupport::exec(ins);
            indexed = ins.numRowsAffected();
            QSqlQuery up = SqlSupport::prepare(
                db, QStringLiteral("UPDATE contact_search_state SET indexed_up_to = ?"));
            up.addBindValue(to);
            SqlSupport::exec(up);
        }
        SqlSupport::exec(db, QStringLiteral("COMMIT"));
        return indexed;
    } catch (...) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        throw;
    }
}

// One background indexer per database file at a time; a request while it runs makes it go
// round once more.
struct BackgroundIndexing
{
    QMutex mutex;
    QWaitCondition idle;
    QHash<QString, bool> running; // file → "run again"
    bool stopping = false;
};

BackgroundIndexing &background()
{
    static BackgroundIndexing *b = new BackgroundIndexing; // outlives static destruction
    return *b;
}

void runIndexer(const QString &path)
{
    BackgroundIndexing &b = background();
    const QString name = QStringLiteral("wamator-contact-indexer-%1")
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        try {
            if (!db.open())
                throw DomainError::internal(db.lastError().text());
            Database::applyPragmas(db);
            for (;;) {
                {
                    QMutexLocker lock(&b.mutex);
                    if (b.stopping)
                        break;
                    b.running[path] = false;
                }
                for (;;) {
                    // Yield to an import in progress (see kImportQuietMs).
                    bool stop = false;
                    for (qint64 quiet = steadyMs() - g_lastImportMs.load(std::memory_order_relaxed);
                         quiet < kImportQuietMs;
                         quiet = steadyMs() - g_lastImportMs.load(std::memory_order_relaxed)) {
                        {
                            QMutexLocker lock(&b.mutex);
                            stop = b.stopping;
                        }
                        if (stop)
                            break;
                        QThread::msleep(ulong(std::clamp<qint64>(kImportQuietMs - quiet, 1, 50)));
                    }
                    if (stop || indexChunk(db, kBackgroundChunk) <= 0)
                        break;
                    {
                        QMutexLocker lock(&b.mutex);
                        if (b.stopping)
                            break;
                    }
                    // Leave the write lock free for a moment between chunks so imports and
                    // the dispatcher are not queued behind a long catch-up.
                    QThread::msleep(kBackgroundPauseMs);
                }
                QMutexLocker lock(&b.mutex);
                if (!b.running.value(path) || b.stopping)
                    break;
            }
        } catch (const DomainError &e) {
            qCWarning(lcContacts) << "search indexing stopped:" << e.message();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    QMutexLocker lock(&b.mutex);
    b.running.remove(path);
    b.idle.wakeAll();
}

void scheduleIndexing(const QString &path)
{
    BackgroundIndexing &b = background();
    QMutexLocker lock(&b.mutex);
    if (b.stopping)
        return;
    static bool hooked = false;
    if (!hooked && QCoreApplication::instance()) {
        hooked = true;
        // Shutdown must not wait for a long catch-up: the rest is indexed at the next start.
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, [] {
            QMutexLocker l(&background().mutex);
            background().stopping = true;
        });
    }
    auto it = b.running.find(path);
    if (it != b.running.end()) {
        it.value() = true;
        return;
    }
    b.running.insert(path, false);
    QThreadPool::globalInstance()->start([path] { runIndexer(path); });
}

} // namespace

int ContactStore::indexPending(int maxRows)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    if (!isSqlite(db) || maxRows <= 0)
        return 0;
    return indexChunk(db, maxRows);
}

int ContactStore::indexBacklog() const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    return isSqlite(db) ? backlogOf(db) : 0;
}

void ContactStore::removeInBulk(const QSqlDatabase &db, const std::function<void()> &remove)
{
    if (!isSqlite(db)) {
        SqlSupport::Transaction tx(db);
        remove();
        tx.commit();
        return;
    }
    // The flag is set and cleared inside the transaction: no other connection ever sees it.
    SqlSupport::Transaction tx(db);
    SqlSupport::exec(db, QStringLiteral("UPDATE contact_search_state SET keep_deleted = 1"));
    remove();
    SqlSupport::exec(db, QStringLiteral("UPDATE contact_search_state SET keep_deleted = 0"));
    tx.commit();
}

void ContactStore::waitForBackgroundIndexing()
{
    BackgroundIndexing &b = background();
    QMutexLocker lock(&b.mutex);
    while (!b.running.isEmpty())
        b.idle.wait(&b.mutex);
}

ContactStore::ContactStore(QString connectionName) : m_connection(std::move(connectionName)) {}

struct ContactStore::ImportSession::Impl
{
    // Duplicates against stored rows are found by the UNIQUE (app_user_id, phone_number)
    // index itself: ON CONFLICT DO NOTHING inserts nothing and reports 0 changed rows, so there
    // is no lookup per row and no race with a concurrent import. (PostgreSQL accepts the same
    // clause; MySQL would use INSERT IGNORE.) Prepared once per session.
    Impl(const QSqlDatabase &database, qint64 vendor, qint64 user)
        : db(database),
          vendorId(vendor),
          userId(user),
          now(Clock::nowMs()),
          q(db,
            QStringLiteral("INSERT INTO contact_lists (api_consumer_id, app_user_id, %1, "
                           "created_at, updated_at) VALUES (?, ?, %2, ?, ?) "
                           "ON CONFLICT (app_user_id, phone_number) DO NOTHING")
                .arg(ContactJson::fieldNames().join(QLatin1String(", ")),
                     SqlSupport::placeholders(int(ContactJson::fieldNames().size()))),
            int(ContactJson::fieldNames().size()) + 4),
          tx(db)
    {
    }

    QSqlDatabase db;
    qint64 vendorId;
    qint64 userId;
    qint64 now;
    SqlBulkInsert q; // declared before tx: the rollback runs before the statement is freed
    SqlSupport::Transaction tx;
    // Phones of this session so far. Normalised phones are E.164 digits: those are kept as
    // numbers (one integer hash instead of a string hash and compare); a string with a leading
    // zero, another character or more than 18 digits goes to the string set, so two
    // different strings never share a key.
    bool firstSighting(const QString &phone)
    {
        const qsizetype len = phone.size();
        bool digits = len > 0 && len <= 18 && phone.at(0) != QLatin1Char('0');
        qint64 value = 0;
        for (qsizetype i = 0; digits && i < len; ++i) {
            const char16_t ch = phone.at(i).unicode();
            if (ch < u'0' || ch > u'9')
                digits = false;
            else
                value = value * 10 + (ch - u'0');
        }
        if (digits)
            return seenDigits.insert(value).second;
        const qsizetype before = seenOther.size();
        seenOther.insert(phone);
        return seenOther.size() != before;
    }
    std::unordered_set<qint64> seenDigits;
    QSet<QString> seenOther;
    bool anyAdded = false;
    QByteArray arrays[4]; // JSON of the array fields of the row being inserted
};

ContactStore::ImportSession::ImportSession(const ContactStore &store, qint64 vendorId, qint64 userId)
{
    QSqlDatabase db = SqlSupport::database(store.m_connection);
    requireUser(db, vendorId, userId);
    noteImport();
    d = std::make_unique<Impl>(db, vendorId, userId);
}

ContactStore::ImportSession::~ImportSession() = default;

ContactStore::ImportSession::Outcome ContactStore::ImportSession::add(Contact &c)
{
    if (c.phoneNumber.isEmpty())
        return Outcome::InvalidPhone;
    if (c.name.trimmed().isEmpty())
        return Outcome::ValidationFailed;
    if (!d->firstSighting(c.phoneNumber))
        return Outcome::Duplicate;
    SqlBulkInsert &q = d->q;
    const int n = int(ContactJson::fieldNames().size());
    q.bind(0, d->vendorId);
    q.bind(1, d->userId);
    int array = 0;
    for (int f = 0; f < n; ++f) {
        if (QString Contact::*const member = textMemberOf(f)) {
            q.bindText(2 + f, c.*member); // `c` outlives the exec()
        } else if (QJsonArray Contact::*const list = arrayMemberOf(f)) {
            // As jsonText: an empty array is NULL, else its JSON, written straight as UTF-8
            // into a buffer the session keeps (no QString, no QVariant per value).
            const QJsonArray &a = c.*list;
            QByteArray &buffer = d->arrays[array++];
            if (a.isEmpty()) {
                q.bindText(2 + f, QString());
            } else {
                buffer.truncate(0);
                ContactJson::appendArray(buffer, a);
                q.bindUtf8(2 + f, buffer);
            }
        } else {
            q.bind(2 + f, fieldValue(c, f));
        }
    }
    q.bind(2 + n, d->now);
    q.bind(3 + n, d->now);
    q.exec();
    if (q.changes() < 1)
        return Outcome::Duplicate;
    c.id = q.lastInsertId();
    c.vendorId = d->vendorId;
    c.appUserId = d->userId;
    c.createdAt = c.updatedAt = d->now;
    d->anyAdded = true;
    return Outcome::Added;
}

void ContactStore::ImportSession::commit()
{
    d->tx.commit();
    noteImport();
    const QSqlDatabase &db = d->db;
    if (isSqlite(db) && d->anyAdded) {
        // The rows are committed whatever happens here: indexing is bookkeeping, and search
        // covers unindexed rows anyway.
        try {
            if (backlogOf(db) <= kSyncIndexRows)
                indexChunk(db, kSyncIndexRows);
            else
                scheduleIndexing(db.databaseName());
        } catch (const DomainError &e) {
            qCWarning(lcContacts) << "search indexing deferred:" << e.message();
            scheduleIndexing(db.databaseName());
        }
    }
}

ContactStore::AddResult ContactStore::addMany(qint64 vendorId, qint64 userId,
                                              const QList<Contact> &contacts)
{
    AddResult result;
    if (contacts.isEmpty()) {
        requireUser(SqlSupport::database(m_connection), vendorId, userId);
        return result;
    }
    ImportSession session(*this, vendorId, userId);
    result.added.reserve(contacts.size());
    for (int i = 0; i < contacts.size(); ++i) {
        Contact c = contacts.at(i);
        switch (session.add(c)) {
        case ImportSession::Outcome::Added:
            result.added.append(std::move(c));
            break;
        case ImportSession::Outcome::Duplicate:
            result.skipped.append({i, c.phoneNumber, QStringLiteral("duplicate")});
            break;
        case ImportSession::Outcome::InvalidPhone:
            result.skipped.append({i, c.phoneNumber, QStringLiteral("invalid_phone")});
            break;
        case ImportSession::Outcome::ValidationFailed:
            result.skipped.append({i, c.phoneNumber, QStringLiteral("validation_failed")});
            break;
        }
    }
    session.commit();
    return result;
}

std::optional<Contact> ContactStore::find(qint64 vendorId, qint64 userId, qint64 contactId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM contact_lists c WHERE c.id = ? AND "
                           "c.api_consumer_id = ? AND c.app_user_id = ?")
                .arg(selectColumns()));
    q.addBindValue(contactId);
    q.addBindValue(vendorId);
    q.addBindValue(userId);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return readContact(q);
}

namespace {

// One UPDATE of the given writable fields; throws NotFound / Validation / Conflict "duplicate".
void updateOne(const QSqlDatabase &db, qint64 vendorId, qint64 userId, qint64 contactId,
               const Contact &values, const QSet<QString> &fields)
{
    QList<int> indexes;
    for (const QString &f : fields) {
        const int i = fieldIndex(f);
        if (i >= 0)
            indexes << i;
    }
    std::sort(indexes.begin(), indexes.end());
    if (indexes.contains(0) && values.name.trimmed().isEmpty())
        throw DomainError::validation(QStringLiteral("name"), QStringLiteral("name must not be empty"));
    if (indexes.contains(1) && values.phoneNumber.isEmpty())
        throw DomainError::validation(QStringLiteral("phone_number"),
                                      QStringLiteral("phone_number must not be empty"));
    QStringList sets;
    for (int i : indexes)
        sets << ContactJson::fieldNames().at(i) + QStringLiteral(" = ?");
    sets << QStringLiteral("updated_at = ?");
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("UPDATE contact_lists SET %1 WHERE id = ? AND api_consumer_id = ? AND "
                           "app_user_id = ?")
                .arg(sets.join(QLatin1String(", "))));
    for (int i : indexes)
        q.addBindValue(fieldValue(values, i));
    q.addBindValue(Clock::nowMs());
    q.addBindValue(contactId);
    q.addBindValue(vendorId);
    q.addBindValue(userId);
    if (!q.exec()) {
        if (SqlSupport::isUniqueViolation(q.lastError()))
            throw DomainError::conflict(QStringLiteral("duplicate"),
                                        QStringLiteral("Another contact of this user has this phone number"));
        SqlSupport::fail(q.lastError(), q.lastQuery());
    }
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("contact"));
}

} // namespace

Contact ContactStore::update(qint64 vendorId, qint64 userId, qint64 contactId,
                             const Contact &values, const QSet<QString> &fields)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    updateOne(db, vendorId, userId, contactId, values, fields);
    const auto c = find(vendorId, userId, contactId);
    if (!c)
        throw DomainError::notFound(QStringLiteral("contact"));
    return *c;
}

QList<ContactStore::BatchResult> ContactStore::updateMany(qint64 vendorId, qint64 userId,
                                                          const QList<BatchItem> &items)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QList<BatchResult> results;
    results.reserve(items.size());
    SqlSupport::Transaction tx(db);
    for (const BatchItem &item : items) {
        try {
            updateOne(db, vendorId, userId, item.id, item.values, item.fields);
            results.append({item.id, QStringLiteral("updated"), QString()});
        } catch (const DomainError &e) {
            if (e.kind() == DomainError::Kind::NotFound)
                results.append({item.id, QStringLiteral("not_found"), e.message()});
            else if (e.kind() == DomainError::Kind::Internal)
                throw; // a broken database fails the whole batch (rolled back)
            else
                results.append({item.id, QStringLiteral("invalid"), e.message()});
        }
    }
    tx.commit();
    return results;
}

int ContactStore::removeMany(qint64 vendorId, qint64 userId, const QList<qint64> &ids)
{
    QList<qint64> unique = ids;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    if (unique.isEmpty())
        return 0;
    QSqlDatabase db = SqlSupport::database(m_connection);
    int removed = 0;
    SqlSupport::Transaction tx(db);
    for (int start = 0; start < unique.size(); start += kInChunk) {
        const int n = std::min<int>(kInChunk, unique.size() - start);
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("DELETE FROM contact_lists WHERE api_consumer_id = ? AND "
                               "app_user_id = ? AND id IN (%1)")
                    .arg(SqlSupport::placeholders(n)));
        q.addBindValue(vendorId);
        q.addBindValue(userId);
        for (int i = 0; i < n; ++i)
            q.addBindValue(unique.at(start + i));
        SqlSupport::exec(q);
        removed += q.numRowsAffected();
    }
    tx.commit();
    return removed;
}

ContactStore::Page ContactStore::search(qint64 vendorId, qint64 userId, const QString &term,
                                        int page, int limit) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const QString t = term.trimmed();
    const qint64 offset = limit > 0 ? qint64(std::max(page, 1) - 1) * limit : 0;
    // The trigram index needs at least 3 characters (code points, not UTF-16 units).
    const bool useFts = isSqlite(db) && t.toUcs4().size() >= 3;

    const QString owner = QStringLiteral("c.api_consumer_id = ? AND c.app_user_id = ?");
    const QString like = QStringLiteral(
        "(LOWER(c.name) LIKE ? ESCAPE '!' OR LOWER(c.email) LIKE ? ESCAPE '!' OR "
        "LOWER(c.phone_number) LIKE ? ESCAPE '!' OR LOWER(c.company_name) LIKE ? ESCAPE '!')");
    const QString pattern = likePattern(t);

    // Each part is "FROM ... WHERE ..." with its binds; the result is their UNION ALL.
    struct Part
    {
        QString fromWhere;
        QVariantList binds;
    };
    QList<Part> parts;
    if (t.isEmpty()) {
        parts.append({QStringLiteral("FROM contact_lists c WHERE ") + owner, {vendorId, userId}});
    } else if (useFts) {
        // SQLite only. Indexed rows: driven by the FTS5 trigram index (CROSS JOIN fixes the
        // join order), then this vendor's user's rows kept by primary-key lookups. The phrase
        // is a case-insensitive substring match.
        // Long digit strings are phone numbers, whose leading trigrams (country and operator
        // codes) are in nearly every row: matching their last digits and checking the whole
        // term on the few candidates reads a fraction of the index.
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        if (t.size() > kPhoneTail && digits.match(t).hasMatch()) {
            parts.append({QStringLiteral("FROM contact_search CROSS JOIN contact_lists c ON c.id = "
                                         "contact_search.rowid WHERE contact_search MATCH ? AND ")
                              + owner + QStringLiteral(" AND ") + like,
                          {ftsPhrase(t.right(kPhoneTail)), vendorId, userId, pattern, pattern,
                           pattern, pattern}});
        } else {
            parts.append({QStringLiteral("FROM contact_search CROSS JOIN contact_lists c ON c.id = "
                                         "contact_search.rowid WHERE contact_search MATCH ? AND ")
                              + owner,
                          {ftsPhrase(t), vendorId, userId}});
        }
        // Rows the index has not caught up with yet (normally none: an id range scan).
        parts.append({QStringLiteral("FROM contact_lists c WHERE c.id > (SELECT indexed_up_to "
                                     "FROM contact_search_state) AND ")
                          + owner + QStringLiteral(" AND ") + like,
                      {vendorId, userId, pattern, pattern, pattern, pattern}});
    } else {
        // Short terms (and databases without the index): a scan with LIKE.
        parts.append({QStringLiteral("FROM contact_lists c WHERE ") + owner + QStringLiteral(" AND ") + like,
                      {vendorId, userId, pattern, pattern, pattern, pattern}});
    }

    QVariantList binds;
    for (const Part &part : parts)
        binds << part.binds;

    if (useFts) {
        // A backlog left by an interrupted run (the app quit mid-catch-up) is picked up by the
        // first search rather than waiting for the next import.
        if (backlogOf(db) > kSyncIndexRows)
            scheduleIndexing(db.databaseName());
        // The index is evaluated once: all matching ids (total = their number), then only the
        // page's rows are read. Counting separately would run the FTS query twice.
        QStringList idSelects;
        for (const Part &part : parts)
            idSelects << QStringLiteral("SELECT c.id ") + part.fromWhere;
        QSqlQuery ids = SqlSupport::prepare(
            db, idSelects.join(QLatin1String(" UNION ALL ")) + QStringLiteral(" ORDER BY 1"));
        for (const QVariant &b : binds)
            ids.addBindValue(b);
        ids.setForwardOnly(true);
        SqlSupport::exec(ids);
        QList<qint64> all;
        while (ids.next())
            all << ids.value(0).toLongLong();
        ids.finish();
        Page result;
        result.total = all.size();
        const qint64 end = limit > 0 ? std::min<qint64>(all.size(), offset + limit) : all.size();
        for (qint64 start = offset; start < end; start += kInChunk) {
            const int n = int(std::min<qint64>(kInChunk, end - start));
            QSqlQuery rows = SqlSupport::prepare(
                db, QStringLiteral("SELECT %1 FROM contact_lists c WHERE c.id IN (%2) ORDER BY c.id")
                        .arg(selectColumns(), SqlSupport::placeholders(n)));
            for (int i = 0; i < n; ++i)
                rows.addBindValue(all.at(int(start) + i));
            rows.setForwardOnly(true);
            SqlSupport::exec(rows);
            while (rows.next())
                result.contacts << readContact(rows);
        }
        return result;
    }

    QStringList selects;
    for (const Part &part : parts)
        selects << QStringLiteral("SELECT %1 ").arg(selectColumns()) + part.fromWhere;
    QString sql = selects.join(QLatin1String(" UNION ALL ")) + QStringLiteral(" ORDER BY 1");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT ? OFFSET ?");
    Page result;
    QSqlQuery q = SqlSupport::prepare(db, sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (limit > 0) {
        q.addBindValue(limit);
        q.addBindValue(offset);
    }
    q.setForwardOnly(true);
    SqlSupport::exec(q);
    while (q.next())
        result.contacts << readContact(q);
    q.finish();

    const int got = result.contacts.size();
    if (limit <= 0 || (got < limit && (offset == 0 || got > 0))) {
        result.total = int(offset) + got; // the last page: no need to count
        return result;
    }
    QStringList counts;
    for (const Part &part : parts)
        counts << QStringLiteral("(SELECT COUNT(*) ") + part.fromWhere + QLatin1Char(')');
    QSqlQuery c = SqlSupport::prepare(db, QStringLiteral("SELECT ") + counts.join(QLatin1String(" + ")));
    for (const QVariant &b : binds)
        c.addBindValue(b);
    SqlSupport::exec(c);
    result.total = c.next() ? c.value(0).toInt() : 0;
    return result;
}

QHash<QString, Contact> ContactStore::findByPhones(qint64 vendorId, qint64 userId,
                                                   const QStringList &phones) const
{
    QHash<QString, Contact> out;
    QStringList unique = phones;
    unique.removeDuplicates();
    unique.removeAll(QString());
    if (unique.isEmpty())
        return out;
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q;
    int preparedFor = -1;
    for (int start = 0; start < unique.size(); start += kInChunk) {
        const int n = std::min<int>(kInChunk, unique.size() - start);
        if (n != preparedFor) {
            q = SqlSupport::prepare(
                // The unary + keeps the planner off idx_contacts_owner (a scan of all the
                // user's contacts): the UNIQUE (app_user_id, phone_number) index answers.
                db, QStringLiteral("SELECT %1 FROM contact_lists c WHERE +c.api_consumer_id = ? "
                                   "AND c.app_user_id = ? AND c.phone_number IN (%2)")
                        .arg(selectColumns(), SqlSupport::placeholders(n)));
            q.setForwardOnly(true);
            preparedFor = n;
        }
        q.bindValue(0, vendorId);
        q.bindValue(1, userId);
        for (int i = 0; i < n; ++i)
            q.bindValue(2 + i, unique.at(start + i));
        SqlSupport::exec(q);
        while (q.next()) {
            Contact c = readContact(q);
            out.insert(c.phoneNumber, std::move(c));
        }
    }
    return out;
}

int ContactStore::countForUser(qint64 vendorId, qint64 userId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM contact_lists WHERE api_consumer_id = ? AND "
                           "app_user_id = ?"));
    q.addBindValue(vendorId);
    q.addBindValue(userId);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}
