#include "contacts/ContactStore.h"

#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactSearchIndex.h"
#include "contacts/ContactTermIds.h"
#include "platform/Clock.h"
#include "storage/Database.h"
#include "storage/SqlBulkInsert.h"
#include "storage/SqlSupport.h"
#include "storage/TenantScope.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <unordered_set>

namespace {

// Column order of every SELECT; the writable columns are ContactJson::fieldNames() (same
// names as api.md), between app_user_id and created_at.
enum Column
{
    ColId,
    ColVendor,
    ColUser,
    ColFirstField, // name
    ColCreatedAt = ColFirstField + 24,
    ColUpdatedAt,
    ColWhatsAppStatus,
    ColWhatsAppCheckedAt,
};

const QString &selectColumns()
{
    static const QString cols = [] {
        QStringList list{QStringLiteral("c.id"), QStringLiteral("c.api_consumer_id"),
                         QStringLiteral("c.app_user_id")};
        for (const QString &f : ContactJson::fieldNames())
            list << QStringLiteral("c.") + f;
        list << QStringLiteral("c.created_at") << QStringLiteral("c.updated_at")
             << QStringLiteral("c.whatsapp_status") << QStringLiteral("c.whatsapp_checked_at");
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
    case 0:
        return c.name;
    case 1:
        return c.phoneNumber;
    case 2:
        return SqlSupport::text(c.email);
    case 3:
        return SqlSupport::text(c.companyName);
    case 4:
        return SqlSupport::text(c.gender);
    case 5:
        return SqlSupport::text(c.dob);
    case 6:
        return SqlSupport::text(c.ageGroup);
    case 7:
        return SqlSupport::text(c.languagePreference);
    case 8:
        return SqlSupport::text(c.timezone);
    case 9:
        return SqlSupport::text(c.nickname);
    case 10:
        return SqlSupport::text(c.customSalutation);
    case 11:
        return SqlSupport::text(c.partnerName);
    case 12:
        return SqlSupport::text(c.anniversaryDate);
    case 13:
        return jsonText(c.kidsNames);
    case 14:
        return jsonText(c.petsNames);
    case 15:
        return SqlSupport::text(c.jobTitle);
    case 16:
        return SqlSupport::text(c.industry);
    case 17:
        return jsonText(c.interests);
    case 18:
        return jsonText(c.preferredProducts);
    case 19:
        return c.messageOptIn ? 1 : 0;
    case 20:
        return SqlSupport::text(c.customerTier);
    case 21:
        return c.averageSpend ? QVariant(*c.averageSpend) : QVariant(QMetaType::fromType<double>());
    case 22:
        return c.hasBroadcastPreference
                   ? QVariant(QString::fromUtf8(QJsonDocument(c.whatsappBroadcastPreference)
                                                    .toJson(QJsonDocument::Compact)))
                   : SqlSupport::text(QString());
    case 23:
        return SqlSupport::text(c.notes);
    }
    Q_UNREACHABLE();
    return {};
}

// The Contact member behind writable field number i when it is bound as plain text (as
// fieldValue binds it), else null: the bulk insert binds those in place (SqlBulkInsert::bindText).
QString Contact::*textMemberOf(int i)
{
    static QString Contact::*const members[] = {
        &Contact::name,
        &Contact::phoneNumber,
        &Contact::email,
        &Contact::companyName,
        &Contact::gender,
        &Contact::dob,
        &Contact::ageGroup,
        &Contact::languagePreference,
        &Contact::timezone,
        &Contact::nickname,
        &Contact::customSalutation,
        &Contact::partnerName,
        &Contact::anniversaryDate,
        nullptr,
        nullptr,
        &Contact::jobTitle,
        &Contact::industry,
        nullptr,
        nullptr,
        nullptr,
        &Contact::customerTier,
        nullptr,
        nullptr,
        &Contact::notes,
    };
    static_assert(std::size(members) == 24);
    return (i >= 0 && i < int(std::size(members))) ? members[i] : nullptr;
}

// The string-array member behind writable field number i (stored as JSON text), else null.
QJsonArray Contact::*arrayMemberOf(int i)
{
    switch (i) {
    case 13:
        return &Contact::kidsNames;
    case 14:
        return &Contact::petsNames;
    case 17:
        return &Contact::interests;
    case 18:
        return &Contact::preferredProducts;
    }
    return nullptr;
}

// `first`: the column of c.id (the query may put other values before the contact's).
Contact readContact(const QSqlQuery &q, int first = 0)
{
    Contact c;
    c.id = q.value(first + ColId).toLongLong();
    c.vendorId = q.value(first + ColVendor).toLongLong();
    c.appUserId = q.value(first + ColUser).toLongLong();
    auto text = [&](int i) { return SqlSupport::text(q, first + ColFirstField + i); };
    auto value = [&](int i) { return q.value(first + ColFirstField + i); };
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
        c.whatsappBroadcastPreference =
            QJsonDocument::fromJson(value(22).toString().toUtf8()).object();
        c.hasBroadcastPreference = true;
    }
    c.notes = text(23);
    c.createdAt = q.value(first + ColCreatedAt).toLongLong();
    c.updatedAt = q.value(first + ColUpdatedAt).toLongLong();
    c.whatsappStatus = q.value(first + ColWhatsAppStatus).toString();
    c.whatsappCheckedAt = q.value(first + ColWhatsAppCheckedAt).toLongLong();
    return c;
}

void requireUser(const QSqlDatabase &db, qint64 vendorId, qint64 userId)
{
    AppUserStore(db.connectionName()).requireUserOfVendor(vendorId, userId);
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

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE");
}

// The search index document of a stored contact, read before it changes or goes.
std::optional<ContactSearchIndex::Document> storedDocument(const QSqlDatabase &db, qint64 contactId)
{
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT app_user_id, name, email, phone_number, company_name FROM "
                           "contact_lists WHERE id = ?"));
    q.addBindValue(contactId);
    SqlSupport::exec(q);
    if (!q.next())
        return std::nullopt;
    return ContactSearchIndex::document(q.value(0).toLongLong(), SqlSupport::text(q, 1),
                                        SqlSupport::text(q, 2), SqlSupport::text(q, 3),
                                        SqlSupport::text(q, 4));
}

} // namespace

void ContactStore::removeInBulk(const QSqlDatabase &db, const std::function<void()> &remove)
{
    // The removed rows' index documents stay: their tokens carry the removed user's id,
    // which no search asks for again (user ids are never reused), and un-indexing would cost
    // as much as indexing (~1 µs a row per word). Search joins live rows anyway.
    SqlSupport::Transaction tx(db);
    remove();
    tx.commit();
}

ContactStore::ContactStore(QString connectionName) : m_connection(std::move(connectionName)) {}

struct ContactStore::ImportSession::Impl
{
    // Duplicates against stored rows are found by the UNIQUE (app_user_id, phone_number)
    // index itself: ON CONFLICT DO NOTHING inserts nothing and reports 0 changed rows, so there
    // is no lookup per row and no race with a concurrent import. (PostgreSQL accepts the same
    // clause; MySQL would use INSERT IGNORE.) Prepared once per session.
    Impl(const QSqlDatabase &database, qint64 vendor, qint64 user)
        : db(database), vendorId(vendor), userId(user), now(Clock::nowMs()),
          q(db,
            QStringLiteral("INSERT INTO contact_lists (api_consumer_id, app_user_id, %1, "
                           "created_at, updated_at) VALUES (?, ?, %2, ?, ?) "
                           "ON CONFLICT (app_user_id, phone_number) DO NOTHING")
                .arg(ContactJson::fieldNames().join(QLatin1String(", ")),
                     SqlSupport::placeholders(int(ContactJson::fieldNames().size()))),
            int(ContactJson::fieldNames().size()) + 4),
          index(isSqlite(db)
                    ? std::make_unique<SqlBulkInsert>(db, ContactSearchIndex::insertSql(), 3)
                    : nullptr),
          tx(db)
    {
    }

    QSqlDatabase db;
    qint64 vendorId;
    qint64 userId;
    qint64 now;
    SqlBulkInsert q; // declared before tx: the rollback runs before the statement is freed
    // The row's search document, in the same transaction (SQLite: the index is FTS5).
    std::unique_ptr<SqlBulkInsert> index;
    QStringList newTerms;   // of which not yet written to contact_search_terms
    ContactTermIds termIds; // the rows' word terms, written at commit
    qint64 added = 0;       // rows inserted so far
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
    QByteArray arrays[4]; // JSON of the array fields of the row being inserted
};

ContactStore::ImportSession::ImportSession(const ContactStore &store, qint64 vendorId,
                                           qint64 userId)
{
    QSqlDatabase db = SqlSupport::database(store.m_connection);
    requireUser(db, vendorId, userId);
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
    if (d->index) {
        // Findable once the transaction commits: no index to catch up with later.
        const ContactSearchIndex::Document doc =
            ContactSearchIndex::document(d->userId, c.name, c.email, c.phoneNumber, c.companyName);
        SqlBulkInsert &ix = *d->index;
        ix.bind(0, c.id);
        ix.bindText(1, doc.words);
        ix.bindText(2, doc.phone);
        ix.exec();
        const QStringList terms = ContactSearchIndex::terms(doc);
        if (!d->added++)
            d->termIds.setFreshFrom(c.id); // the session's first new id
        // New words go to the term list once per import (most words repeat): the terms new
        // to this session's ContactTermIds (one hash lookup a word for both).
        d->termIds.addAll(terms, c.id, &d->newTerms);
    }
    c.vendorId = d->vendorId;
    c.appUserId = d->userId;
    c.createdAt = c.updatedAt = d->now;
    return Outcome::Added;
}

void ContactStore::ImportSession::commit()
{
    ContactSearchIndex::listTerms(d->db, d->newTerms);
    d->newTerms.clear();
    d->termIds.flush(d->db);
    d->tx.commit();
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
    const TenantScope scope = TenantScope::user(vendorId, userId, QStringLiteral("c"));
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM contact_lists c WHERE c.id = ? AND %2")
                .arg(selectColumns(), scope.sql()));
    q.addBindValue(contactId);
    scope.bind(q);
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
        throw DomainError::validation(QStringLiteral("name"),
                                      QStringLiteral("name must not be empty"));
    if (indexes.contains(1) && values.phoneNumber.isEmpty())
        throw DomainError::validation(QStringLiteral("phone_number"),
                                      QStringLiteral("phone_number must not be empty"));
    // name, phone_number, email, company_name: the searched fields (ContactSearchIndex).
    const bool searched =
        isSqlite(db) && std::any_of(indexes.cbegin(), indexes.cend(), [](int i) { return i <= 3; });
    const std::optional<ContactSearchIndex::Document> before =
        searched ? storedDocument(db, contactId) : std::nullopt;
    QStringList sets;
    for (int i : indexes)
        sets << ContactJson::fieldNames().at(i) + QStringLiteral(" = ?");
    sets << QStringLiteral("updated_at = ?");
    // Whether the phone is on WhatsApp was the old phone's answer (NumberCheckStore keeps the
    // answers by phone; the next check or send tells this one).
    if (indexes.contains(1))
        sets << QStringLiteral("whatsapp_status = 'unknown'")
             << QStringLiteral("whatsapp_checked_at = NULL");
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QSqlQuery q =
        SqlSupport::prepare(db, QStringLiteral("UPDATE contact_lists SET %1 WHERE id = ? AND %2")
                                    .arg(sets.join(QLatin1String(", ")), scope.sql()));
    for (int i : indexes)
        q.addBindValue(fieldValue(values, i));
    q.addBindValue(Clock::nowMs());
    q.addBindValue(contactId);
    scope.bind(q);
    if (!q.exec()) {
        if (SqlSupport::isUniqueViolation(q.lastError()))
            throw DomainError::conflict(
                QStringLiteral("duplicate"),
                QStringLiteral("Another contact of this user has this phone number"));
        SqlSupport::fail(q.lastError(), q.lastQuery());
    }
    if (q.numRowsAffected() < 1)
        throw DomainError::notFound(QStringLiteral("contact"));
    if (before) {
        ContactTermIds ids;
        ContactSearchIndex::remove(db, contactId, *before, ids);
        if (const auto after = storedDocument(db, contactId)) {
            ContactSearchIndex::insert(db, contactId, *after, ids);
            ContactSearchIndex::listTerms(db, ContactSearchIndex::terms(*after));
        }
        ids.flush(db);
    }
}

} // namespace

Contact ContactStore::update(qint64 vendorId, qint64 userId, qint64 contactId,
                             const Contact &values, const QSet<QString> &fields)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::Transaction tx(db); // the row and its search document change together
    updateOne(db, vendorId, userId, contactId, values, fields);
    tx.commit();
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
    const TenantScope scope = TenantScope::user(vendorId, userId);
    for (int start = 0; start < unique.size(); start += kInChunk) {
        const int n = std::min<int>(kInChunk, unique.size() - start);
        if (isSqlite(db)) {
            // The documents of the rows about to go (only this vendor's user's).
            QSqlQuery old = SqlSupport::prepare(
                db, QStringLiteral("SELECT id, name, email, phone_number, company_name FROM "
                                   "contact_lists WHERE %1 AND id IN (%2)")
                        .arg(scope.sql(), SqlSupport::placeholders(n)));
            scope.bind(old);
            for (int i = 0; i < n; ++i)
                old.addBindValue(unique.at(start + i));
            SqlSupport::exec(old);
            ContactTermIds ids;
            while (old.next())
                ContactSearchIndex::remove(
                    db, old.value(0).toLongLong(),
                    ContactSearchIndex::document(userId, SqlSupport::text(old, 1),
                                                 SqlSupport::text(old, 2), SqlSupport::text(old, 3),
                                                 SqlSupport::text(old, 4)),
                    ids);
            ids.flush(db);
        }
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("DELETE FROM contact_lists WHERE %1 AND id IN (%2)")
                    .arg(scope.sql(), SqlSupport::placeholders(n)));
        scope.bind(q);
        for (int i = 0; i < n; ++i)
            q.addBindValue(unique.at(start + i));
        SqlSupport::exec(q);
        removed += q.numRowsAffected();
    }
    tx.commit();
    return removed;
}

namespace {

// Past ContactStore::kExactTotalCap matches `total` is an estimate (api.md): counting every
// match of a common name on a 1,000,000-contact list would read all of its postings.
constexpr int kExactTotalCap = ContactStore::kExactTotalCap;

// A search of words looked up as exact terms (ContactSearchIndex::exactWords): the matching
// ids and their exact count come from ContactTermIds, then the page's rows by id.
ContactStore::Page wordSearch(const QSqlDatabase &db, qint64 vendorId, qint64 userId,
                              const QList<QStringList> &words, qint64 offset, int limit)
{
    ContactStore::Page result;
    const ContactTermIds::Matches m = ContactTermIds::match(db, words, offset, limit);
    // Past the cap the API promises no exact figure (api.md); this one happens to be exact.
    result.total = int(std::min<qint64>(m.total, std::numeric_limits<int>::max()));
    result.totalIsEstimate = m.total > kExactTotalCap;
    if (m.ids.isEmpty())
        return result;
    const TenantScope owner = TenantScope::user(vendorId, userId, QStringLiteral("c"));
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT %1 FROM contact_lists c WHERE c.id IN (%2) AND %3 ORDER BY c.id")
                .arg(selectColumns(), SqlSupport::placeholders(int(m.ids.size())), owner.sql()));
    for (const qint64 id : m.ids)
        q.addBindValue(id);
    owner.bind(q);
    q.setForwardOnly(true);
    SqlSupport::exec(q);
    while (q.next())
        result.contacts << readContact(q);
    return result;
}

// SQLite: the search index (ContactSearchIndex) drives; matches come in id order (FTS5's
// rowid order), so a page stops reading once it has its rows, and the count stops at the cap.
ContactStore::Page indexedSearch(const QSqlDatabase &db, qint64 vendorId, qint64 userId,
                                 const QString &term, qint64 offset, int limit)
{
    ContactStore::Page result;
    // The index knows users, not vendors: another vendor's user has no contacts here.
    if (!AppUserStore(db.connectionName()).find(vendorId, userId))
        return result;
    const ContactSearchIndex::TermLister lister = [&db](const QString &prefix, int max) {
        return ContactSearchIndex::listedTerms(db, prefix, max);
    };
    // Words only (no phone digits, no address, no short prefix of many words): the page and
    // an exact total from the sets of ContactTermIds. FTS5 would walk every posting of the
    // words to count their matches (a word in a tenth of the list, or two common words ANDed,
    // took 15-27 ms on 1,000,000 contacts).
    if (limit > 0 && !term.isEmpty()) {
        if (const auto words = ContactSearchIndex::exactWords(userId, term, lister))
            return wordSearch(db, vendorId, userId, *words, offset, limit);
    }
    const QString match =
        term.isEmpty() ? QString() : ContactSearchIndex::matchExpression(userId, term, lister);
    // An e-mail address (a term with "@") is one string, not words in any order: the index
    // finds the candidates by the words before the "@", the address itself is then checked
    // ("ana.obi@x" must not find "ana.obi2@x"). With nothing before the "@" ("@acme.com") it
    // is a scan of the user's list.
    const bool email = term.contains(QLatin1Char('@'));
    if (!term.isEmpty() && match.isEmpty() && !email)
        return result; // only punctuation: nothing to look for

    // The matches as c.id, in id order ("FROM … WHERE …"), and their binds. With the index
    // and no e-mail check the ids come from the index alone: every token carries the user.
    QString ids;
    QVariantList idBinds;
    const TenantScope owner = TenantScope::user(vendorId, userId, QStringLiteral("c"));
    if (!match.isEmpty() && !email) {
        ids = QStringLiteral("SELECT rowid AS id FROM contact_words WHERE contact_words MATCH ? "
                             "ORDER BY rowid");
        idBinds << match;
    } else if (!match.isEmpty()) {
        ids = QStringLiteral("SELECT c.id AS id FROM contact_words w CROSS JOIN contact_lists c "
                             "ON c.id = w.rowid WHERE w.contact_words MATCH ? AND ") +
              owner.sql() + QStringLiteral(" AND instr(LOWER(c.email), ?) > 0 ORDER BY w.rowid");
        idBinds << match;
        idBinds.append(owner.values());
        idBinds << term.toLower();
    } else {
        ids = QStringLiteral("SELECT c.id AS id FROM contact_lists c WHERE ") + owner.sql();
        idBinds.append(owner.values());
        if (email) {
            ids += QStringLiteral(" AND instr(LOWER(c.email), ?) > 0");
            idBinds << term.toLower();
        }
        ids += QStringLiteral(" ORDER BY c.id");
    }

    if (limit <= 0) {
        // Every match, counted exactly.
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("SELECT %1 FROM (%2) AS m CROSS JOIN contact_lists c ON c.id = m.id "
                               "ORDER BY m.id")
                    .arg(selectColumns(), ids));
        SqlSupport::bind(q, idBinds);
        q.setForwardOnly(true);
        SqlSupport::exec(q);
        while (q.next())
            result.contacts << readContact(q);
        result.total = int(result.contacts.size());
        return result;
    }

    // One evaluation of the search for the page and the count: the first cap + 1 matches
    // (ids only) are materialised once, counted, and the page's rows read among them.
    const qint64 capped = kExactTotalCap + 1;
    int counted = -1;
    qint64 last = 0;
    if (offset + limit <= capped) {
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("WITH m AS MATERIALIZED (%1 LIMIT %2) SELECT (SELECT COUNT(*) FROM "
                               "m), (SELECT MAX(id) FROM m), %3 FROM m CROSS JOIN contact_lists c "
                               "ON c.id = m.id ORDER BY m.id LIMIT %4 OFFSET %5")
                    .arg(ids)
                    .arg(capped)
                    .arg(selectColumns())
                    .arg(limit)
                    .arg(offset));
        SqlSupport::bind(q, idBinds);
        q.setForwardOnly(true);
        SqlSupport::exec(q);
        while (q.next()) {
            counted = q.value(0).toInt();
            last = q.value(1).toLongLong();
            // readContact reads columns from 0: shift past the two counts.
            result.contacts << readContact(q, 2);
        }
    } else {
        QSqlQuery q = SqlSupport::prepare(
            db, QStringLiteral("SELECT %1 FROM (%2) AS m CROSS JOIN contact_lists c ON c.id = m.id "
                               "ORDER BY m.id LIMIT %3 OFFSET %4")
                    .arg(selectColumns(), ids)
                    .arg(limit)
                    .arg(offset));
        SqlSupport::bind(q, idBinds);
        q.setForwardOnly(true);
        SqlSupport::exec(q);
        while (q.next())
            result.contacts << readContact(q);
    }
    const int got = int(result.contacts.size());
    if (counted < 0) {
        if (got < limit && got > 0) {
            result.total = int(offset) + got; // the last page
            return result;
        }
        QSqlQuery count = SqlSupport::run(
            db, QStringLiteral("SELECT COUNT(*), MAX(id) FROM (%1 LIMIT %2)").arg(ids).arg(capped),
            idBinds);
        count.next();
        counted = count.value(0).toInt();
        last = count.value(1).toLongLong();
    }
    if (counted <= kExactTotalCap) {
        result.total = counted;
        return result;
    }
    // Past the cap: the share of the user's id range the first cap + 1 matches took, scaled
    // to the whole range (two index probes). Ids of one list grow together, so the matches'
    // density up to there is the list's.
    const TenantScope list = TenantScope::user(vendorId, userId);
    QSqlQuery span =
        SqlSupport::run(db,
                        QStringLiteral("SELECT (SELECT MIN(id) FROM contact_lists WHERE %1), "
                                       "(SELECT MAX(id) FROM contact_lists WHERE %1)")
                            .arg(list.sql()),
                        list.values() + list.values());
    span.next();
    const qint64 first = span.value(0).toLongLong();
    const qint64 end = span.value(1).toLongLong();
    const double share = double(last - first + 1) / double(std::max<qint64>(1, end - first + 1));
    const double estimate = double(capped) / std::max(share, 1e-9);
    result.total = int(
        std::llround(std::clamp<double>(estimate, double(std::max<qint64>(capped, offset + got)),
                                        double(std::numeric_limits<int>::max()))));
    result.totalIsEstimate = true;
    return result;
}

} // namespace

ContactStore::Page ContactStore::search(qint64 vendorId, qint64 userId, const QString &term,
                                        int page, int limit) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const QString t = term.trimmed();
    const qint64 offset = limit > 0 ? qint64(std::max(page, 1) - 1) * limit : 0;
    if (isSqlite(db))
        return indexedSearch(db, vendorId, userId, t, offset, limit);

    // Other databases (no index of ours): a scan with LIKE, substring semantics.
    const TenantScope owner = TenantScope::user(vendorId, userId, QStringLiteral("c"));
    const QString like = QStringLiteral(
        "(LOWER(c.name) LIKE ? ESCAPE '!' OR LOWER(c.email) LIKE ? ESCAPE '!' OR "
        "LOWER(c.phone_number) LIKE ? ESCAPE '!' OR LOWER(c.company_name) LIKE ? ESCAPE '!')");
    const QString pattern = likePattern(t);
    QString fromWhere = QStringLiteral("FROM contact_lists c WHERE ") + owner.sql();
    QVariantList binds = owner.values();
    if (!t.isEmpty()) {
        fromWhere += QStringLiteral(" AND ") + like;
        binds << pattern << pattern << pattern << pattern;
    }
    QString sql = QStringLiteral("SELECT %1 ").arg(selectColumns()) + fromWhere +
                  QStringLiteral(" ORDER BY c.id");
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

    const int got = int(result.contacts.size());
    if (limit <= 0 || (got < limit && (offset == 0 || got > 0))) {
        result.total = int(offset) + got;
        return result;
    }
    QSqlQuery c = SqlSupport::prepare(db, QStringLiteral("SELECT COUNT(*) ") + fromWhere);
    for (const QVariant &b : binds)
        c.addBindValue(b);
    SqlSupport::exec(c);
    result.total = c.next() ? c.value(0).toInt() : 0;
    return result;
}

QHash<QString, Contact> ContactStore::findByPhones(qint64 vendorId, qint64 userId,
                                                   const QStringList &phones) const
{
    return findByPhones(vendorId, userId, phones, ContactJson::fieldNames());
}

QHash<QString, Contact> ContactStore::findByPhones(qint64 vendorId, qint64 userId,
                                                   const QStringList &phones,
                                                   const QStringList &fields) const
{
    QHash<QString, Contact> out;
    QStringList unique = phones;
    unique.removeDuplicates();
    unique.removeAll(QString());
    if (unique.isEmpty())
        return out;
    const QStringList &names = ContactJson::fieldNames();
    QList<bool> wanted(names.size(), false);
    const int opt = fieldIndex(QStringLiteral("message_opt_in"));
    wanted[fieldIndex(QStringLiteral("phone_number"))] = true;
    wanted[opt] = true;
    bool allText = true; // every field asked for (but the opt-in) is plain text
    for (const QString &f : fields) {
        const int i = fieldIndex(f);
        if (i < 0)
            continue;
        wanted[i] = true;
        allText = allText && (i == opt || textMemberOf(i));
    }
    // Plain-text fields only (a send's templates): only those columns are selected and read
    // into the Contact directly. Qt's driver turns every selected column of every row into a
    // QVariant (QSqlQuery::next was half of this lookup's time with all 29 columns), so the
    // fewer columns, the cheaper. Anything else: every column, read by readContact.
    QList<int> lean; // writable field numbers in select order, after id, created_at, updated_at
    QString columns;
    if (allText) {
        QStringList list{QStringLiteral("c.id"), QStringLiteral("c.created_at"),
                         QStringLiteral("c.updated_at")};
        for (int i = 0; i < names.size(); ++i) {
            if (wanted.at(i)) {
                lean << i;
                list << QStringLiteral("c.") + names.at(i);
            }
        }
        columns = list.join(QLatin1String(", "));
    } else {
        columns = selectColumns();
    }
    QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q;
    int preparedFor = -1;
    const TenantScope scope = TenantScope::user(vendorId, userId, QStringLiteral("c"));
    out.reserve(unique.size());
    for (int start = 0; start < unique.size(); start += kInChunk) {
        const int n = std::min<int>(kInChunk, unique.size() - start);
        if (n != preparedFor) {
            q = SqlSupport::prepare(
                // The unary + keeps the planner off idx_contacts_owner (a scan of all the
                // user's contacts): the UNIQUE (app_user_id, phone_number) index answers.
                db, QStringLiteral(
                        "SELECT %1 FROM contact_lists c WHERE +%2 AND c.phone_number IN (%3)")
                        .arg(columns, scope.sql(), SqlSupport::placeholders(n)));
            q.setForwardOnly(true);
            preparedFor = n;
        }
        const int first = scope.bindAt(q, 0);
        for (int i = 0; i < n; ++i)
            q.bindValue(first + i, unique.at(start + i));
        SqlSupport::exec(q);
        while (q.next()) {
            if (!allText) {
                Contact c = readContact(q);
                out.insert(c.phoneNumber, std::move(c));
                continue;
            }
            Contact c;
            c.id = q.value(0).toLongLong();
            c.vendorId = vendorId;
            c.appUserId = userId;
            c.createdAt = q.value(1).toLongLong();
            c.updatedAt = q.value(2).toLongLong();
            for (int k = 0; k < lean.size(); ++k) {
                if (lean.at(k) == opt)
                    c.messageOptIn = q.value(3 + k).toInt() != 0;
                else
                    c.*textMemberOf(lean.at(k)) = SqlSupport::text(q, 3 + k);
            }
            out.insert(c.phoneNumber, std::move(c));
        }
    }
    return out;
}

int ContactStore::countForUser(qint64 vendorId, qint64 userId) const
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const TenantScope scope = TenantScope::user(vendorId, userId);
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT COUNT(*) FROM contact_lists WHERE ") + scope.sql());
    scope.bind(q);
    SqlSupport::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}
