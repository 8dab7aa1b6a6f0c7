#include "contacts/ContactTermIds.h"

#include "DomainError.h"
#include "contacts/ContactSearchIndex.h"
#include "storage/SqlBulkInsert.h"
#include "storage/SqlSupport.h"

#include <QSqlQuery>
#include <QVariant>
#include <QtAlgorithms>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <map>
#include <sqlite3.h>

namespace {

constexpr int kBlockIds = 1 << ContactTermIds::kBlockBits;
constexpr int kWords = kBlockIds / 64;
// A block with this many ids or more is stored as its bitmap (kBlockIds / 8 bytes), one with
// fewer as its sorted 16-bit offsets (at most 510 bytes): a blob of exactly 512 bytes is a
// bitmap.
constexpr int kBitmapFrom = kBlockIds / 16;
constexpr int kBitmapBytes = kBlockIds / 8;

using Bits = std::array<quint64, kWords>;

void decode(const QByteArray &blob, Bits &bits)
{
    const auto *p = reinterpret_cast<const uchar *>(blob.constData());
    if (blob.size() == kBitmapBytes) {
        for (int w = 0; w < kWords; ++w)
            bits[w] = qFromLittleEndian<quint64>(p + 8 * w);
        return;
    }
    bits.fill(0);
    for (qsizetype i = 0; i + 1 < blob.size(); i += 2) {
        const quint16 offset = qFromLittleEndian<quint16>(p + i) & (kBlockIds - 1);
        bits[offset / 64] |= quint64(1) << (offset % 64);
    }
}

int count(const Bits &bits)
{
    int n = 0;
    for (const quint64 w : bits)
        n += qPopulationCount(w);
    return n;
}

QByteArray encode(const Bits &bits, int n)
{
    QByteArray blob;
    if (n >= kBitmapFrom) {
        blob.resize(kBitmapBytes);
        auto *p = reinterpret_cast<uchar *>(blob.data());
        for (int w = 0; w < kWords; ++w)
            qToLittleEndian<quint64>(bits[w], p + 8 * w);
        return blob;
    }
    blob.resize(2 * n);
    auto *p = reinterpret_cast<uchar *>(blob.data());
    for (int w = 0; w < kWords; ++w) {
        for (quint64 x = bits[w]; x; x &= x - 1) {
            qToLittleEndian<quint16>(quint16(w * 64 + qCountTrailingZeroBits(x)), p);
            p += 2;
        }
    }
    return blob;
}

} // namespace

void ContactTermIds::add(const QString &term, qint64 contactId)
{
    m_changes[term].emplace_back(contactId, true);
}

void ContactTermIds::remove(const QString &term, qint64 contactId)
{
    m_changes[term].emplace_back(contactId, false);
}

void ContactTermIds::addAll(const QStringList &terms, qint64 contactId, QStringList *newTerms)
{
    for (const QString &t : terms) {
        const qsizetype before = m_changes.size();
        m_changes[t].emplace_back(contactId, true);
        if (newTerms && m_changes.size() != before)
            newTerms->append(t);
    }
}

void ContactTermIds::removeAll(const QStringList &terms, qint64 contactId)
{
    for (const QString &t : terms)
        remove(t, contactId);
}

namespace {

// The block reads and writes of flush(): an import changes a few thousand (term, block) rows a
// batch, so on SQLite these talk to the library directly (as SqlBulkInsert does; Qt's
// binding and QVariants cost more than SQLite's own work here), else through QSqlQuery.
class BlockIo
{
public:
    explicit BlockIo(const QSqlDatabase &db) : m_db(SqlBulkInsert::directHandle(db))
    {
        if (!m_db) {
            m_read = SqlSupport::prepare(db, QString::fromLatin1(kRead));
            m_write = SqlSupport::prepare(db, QString::fromLatin1(kWrite));
            m_drop = SqlSupport::prepare(db, QString::fromLatin1(kDrop));
            return;
        }
        m_stmts[0] = prepare(kRead);
        m_stmts[1] = prepare(kWrite);
        m_stmts[2] = prepare(kDrop);
    }
    ~BlockIo()
    {
        for (sqlite3_stmt *st : m_stmts)
            sqlite3_finalize(st);
    }
    BlockIo(const BlockIo &) = delete;
    BlockIo &operator=(const BlockIo &) = delete;

    // The block's ids into bits (none when it has no row).
    void read(const QString &term, qint64 block, Bits &bits)
    {
        bits.fill(0);
        if (!m_db) {
            m_read.bindValue(0, term);
            m_read.bindValue(1, block);
            SqlSupport::exec(m_read);
            if (m_read.next())
                decode(m_read.value(0).toByteArray(), bits);
            m_read.finish();
            return;
        }
        sqlite3_stmt *st = m_stmts[0];
        bindKey(st, term, block);
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const int n = sqlite3_column_bytes(st, 0);
            decode(
                QByteArray::fromRawData(static_cast<const char *>(sqlite3_column_blob(st, 0)), n),
                bits);
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            fail();
    }
    void write(const QString &term, qint64 block, const QByteArray &blob)
    {
        if (!m_db) {
            m_write.bindValue(0, term);
            m_write.bindValue(1, block);
            m_write.bindValue(2, blob);
            SqlSupport::exec(m_write);
            return;
        }
        sqlite3_stmt *st = m_stmts[1];
        bindKey(st, term, block);
        check(sqlite3_bind_blob(st, 3, blob.constData(), int(blob.size()), SQLITE_STATIC));
        step(st);
    }
    void drop(const QString &term, qint64 block)
    {
        if (!m_db) {
            m_drop.bindValue(0, term);
            m_drop.bindValue(1, block);
            SqlSupport::exec(m_drop);
            return;
        }
        sqlite3_stmt *st = m_stmts[2];
        bindKey(st, term, block);
        step(st);
    }

private:
    static constexpr const char *kRead =
        "SELECT ids FROM contact_term_ids WHERE term = ? AND block = ?";
    static constexpr const char *kWrite =
        "INSERT OR REPLACE INTO contact_term_ids (term, block, ids) VALUES (?, ?, ?)";
    static constexpr const char *kDrop =
        "DELETE FROM contact_term_ids WHERE term = ? AND block = ?";

    sqlite3_stmt *prepare(const char *sql)
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &st, nullptr) != SQLITE_OK)
            fail();
        return st;
    }
    void bindKey(sqlite3_stmt *st, const QString &term, qint64 block)
    {
        check(sqlite3_bind_text16(st, 1, term.utf16(), int(term.size() * 2), SQLITE_STATIC));
        check(sqlite3_bind_int64(st, 2, block));
    }
    void step(sqlite3_stmt *st)
    {
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            fail();
    }
    void check(int rc)
    {
        if (rc != SQLITE_OK)
            fail();
    }
    [[noreturn]] void fail()
    {
        throw DomainError::internal(
            QStringLiteral("database error: %1").arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_stmts[3] = {nullptr, nullptr, nullptr};
    QSqlQuery m_read, m_write, m_drop;
};

} // namespace

void ContactTermIds::flush(const QSqlDatabase &db)
{
    if (m_changes.isEmpty())
        return;
    BlockIo io(db);
    Bits bits;
    for (auto it = m_changes.cbegin(); it != m_changes.cend(); ++it) {
        const QString &term = it.key();
        // Per block, the changes in their order (an update removes, then adds again).
        std::map<qint64, std::vector<std::pair<int, bool>>> blocks;
        for (const auto &[id, added] : it.value())
            blocks[id >> kBlockBits].emplace_back(int(id & (kBlockIds - 1)), added);
        for (const auto &[block, changes] : blocks) {
            if (m_freshFrom >= 0 && (block << kBlockBits) >= m_freshFrom)
                bits.fill(0);
            else
                io.read(term, block, bits);
            for (const auto &[offset, added] : changes) {
                const quint64 bit = quint64(1) << (offset % 64);
                if (added)
                    bits[offset / 64] |= bit;
                else
                    bits[offset / 64] &= ~bit;
            }
            const int n = count(bits);
            if (n == 0)
                io.drop(term, block);
            else
                io.write(term, block, encode(bits, n));
        }
    }
    m_changes.clear();
}

ContactTermIds::Matches ContactTermIds::match(const QSqlDatabase &db,
                                              const QList<QStringList> &words, qint64 offset,
                                              qint64 limit)
{
    Matches result;
    if (words.isEmpty())
        return result;
    // Each word: its blocks (the union of its terms' sets), by block number.
    std::vector<std::map<qint64, Bits>> sets(size_t(words.size()));
    QSqlQuery q = SqlSupport::prepare(
        db,
        QStringLiteral("SELECT block, ids FROM contact_term_ids WHERE term = ? ORDER BY block"));
    q.setForwardOnly(true);
    Bits bits;
    for (qsizetype w = 0; w < words.size(); ++w) {
        if (words.at(w).isEmpty())
            return result; // a word no contact has
        for (const QString &term : words.at(w)) {
            q.bindValue(0, term);
            SqlSupport::exec(q);
            while (q.next()) {
                decode(q.value(1).toByteArray(), bits);
                auto [slot, fresh] = sets[size_t(w)].try_emplace(q.value(0).toLongLong(), bits);
                if (!fresh) {
                    for (int i = 0; i < kWords; ++i)
                        slot->second[i] |= bits[i];
                }
            }
            q.finish();
        }
        if (sets[size_t(w)].empty())
            return result;
    }
    // Driven by the word with the fewest blocks; the others are looked up.
    std::sort(sets.begin(), sets.end(),
              [](const auto &a, const auto &b) { return a.size() < b.size(); });
    for (const auto &[block, first] : sets.front()) {
        Bits both = first;
        bool any = true;
        for (size_t s = 1; s < sets.size() && any; ++s) {
            const auto other = sets[s].find(block);
            if (other == sets[s].end()) {
                any = false;
                break;
            }
            quint64 seen = 0;
            for (int i = 0; i < kWords; ++i) {
                both[i] &= other->second[i];
                seen |= both[i];
            }
            any = seen != 0;
        }
        if (!any)
            continue;
        const int n = count(both);
        // The page's ids: those at [offset, offset + limit) of the matches in id order.
        if (result.ids.size() < limit && result.total + n > offset) {
            qint64 position = result.total;
            for (int i = 0; i < kWords && result.ids.size() < limit; ++i) {
                for (quint64 x = both[i]; x && result.ids.size() < limit; x &= x - 1) {
                    if (position++ >= offset)
                        result.ids
                            << ((block << kBlockBits) | (i * 64 + qCountTrailingZeroBits(x)));
                }
            }
        }
        result.total += n;
    }
    return result;
}

void ContactTermIds::rebuild(const QSqlDatabase &db)
{
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT id, app_user_id, name, email, phone_number, "
                                  "company_name FROM contact_lists ORDER BY id")))
        SqlSupport::fail(rows.lastError(), rows.lastQuery());
    ContactTermIds ids;
    int pending = 0;
    while (rows.next()) {
        const ContactSearchIndex::Document d = ContactSearchIndex::document(
            rows.value(1).toLongLong(), rows.value(2).toString(), rows.value(3).toString(),
            rows.value(4).toString(), rows.value(5).toString());
        ids.addAll(ContactSearchIndex::terms(d), rows.value(0).toLongLong());
        if (++pending == 50000) { // bounded memory on a large list
            ids.flush(db);
            pending = 0;
        }
    }
    ids.flush(db);
}
