#include "contacts/ContactSearchIndex.h"

#include "contacts/ContactTermIds.h"

#include "storage/SqlBulkInsert.h"
#include "storage/SqlSupport.h"

#include <QSet>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace {

enum class Kind
{
    None,
    Letter,
    Digit
};

void appendFolded(QString &out, char32_t cp, int depth = 0)
{
    // Accents: the canonical (or compatibility: "ﬁ", full-width letters) decomposition's
    // letters, without its combining marks.
    if (depth < 3 && QChar::decompositionTag(cp) != QChar::NoDecomposition) {
        const QString d = QChar::decomposition(cp);
        if (!d.isEmpty()) {
            const QList<uint> parts = d.toUcs4();
            for (const uint p : parts) {
                if (!QChar::isMark(p))
                    appendFolded(out, p, depth + 1);
            }
            return;
        }
    }
    const char32_t folded = QChar::toCaseFolded(cp);
    if (QChar::requiresSurrogates(folded)) {
        out += QChar(QChar::highSurrogate(folded));
        out += QChar(QChar::lowSurrogate(folded));
    } else {
        out += QChar(char16_t(folded));
    }
}

void appendWords(QString &out, QStringView text)
{
    Kind prev = Kind::None;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t cp = text.at(i).unicode();
        if (cp < 128) {
            Kind k = Kind::None;
            if (cp >= 'a' && cp <= 'z') {
                k = Kind::Letter;
            } else if (cp >= 'A' && cp <= 'Z') {
                k = Kind::Letter;
                cp += 32;
            } else if (cp >= '0' && cp <= '9') {
                k = Kind::Digit;
            }
            if (k != Kind::None && k != prev && !out.isEmpty() && out.back() != QLatin1Char(' '))
                out += QLatin1Char(' ');
            if (k != Kind::None)
                out += QChar(char16_t(cp));
            prev = k;
            continue;
        }
        if (QChar::isHighSurrogate(cp) && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(char16_t(cp), text.at(i + 1).unicode());
            ++i;
        }
        if (QChar::isMark(cp))
            continue; // a combining accent: part of the word, dropped
        Kind k = Kind::None;
        if (QChar::isLetter(cp))
            k = Kind::Letter;
        else if (QChar::isNumber(cp))
            k = Kind::Digit;
        if (k != Kind::None && k != prev && !out.isEmpty() && out.back() != QLatin1Char(' '))
            out += QLatin1Char(' ');
        if (k == Kind::Digit && QChar::digitValue(cp) >= 0)
            out += QChar(char16_t(u'0' + QChar::digitValue(cp))); // "٣" is 3
        else if (k != Kind::None)
            appendFolded(out, cp);
        prev = k;
    }
}

bool isDigitWord(const QString &w)
{
    return !w.isEmpty() && w.at(0) >= QLatin1Char('0') && w.at(0) <= QLatin1Char('9');
}

QString quoted(const QString &token)
{
    // Tokens hold letters and digits only; the quotes keep FTS5 from reading one as an
    // operator (AND, OR, NOT, NEAR).
    return QLatin1Char('"') + token + QLatin1Char('"');
}

} // namespace

QString ContactSearchIndex::words(QStringView text)
{
    QString out;
    out.reserve(text.size() + 8);
    appendWords(out, text);
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

namespace {

// "u<user id>x": the start of every token of that user's documents (see the header).
QString userPrefix(qint64 userId)
{
    return QLatin1Char('u') + QString::number(userId) + QLatin1Char('x');
}

// Appends each word of the normalised `words` (space-separated) with the user's prefix.
void appendPrefixed(QString &out, const QString &prefix, QStringView words)
{
    qsizetype start = 0;
    while (start < words.size()) {
        qsizetype end = words.indexOf(QLatin1Char(' '), start);
        if (end < 0)
            end = words.size();
        if (end > start) {
            if (!out.isEmpty())
                out += QLatin1Char(' ');
            out += prefix;
            out += words.mid(start, end - start);
        }
        start = end + 1;
    }
}

} // namespace

ContactSearchIndex::Document ContactSearchIndex::document(qint64 userId, const QString &name,
                                                          const QString &email,
                                                          const QString &phoneNumber,
                                                          const QString &companyName)
{
    const QString prefix = userPrefix(userId);
    QString plain;
    plain.reserve(name.size() + email.size() + companyName.size() + 8);
    appendWords(plain, name);
    plain += QLatin1Char(' ');
    appendWords(plain, companyName);
    plain += QLatin1Char(' ');
    // The e-mail's local part only: its domain words (gmail, com) are in nearly every row and
    // would make every prefix of them ("co", "g") merge a posting per contact; a term with
    // "@" is checked against the address itself (ContactStore::search).
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    appendWords(plain, at >= 0 ? QStringView(email).left(at) : QStringView(email));
    Document d;
    d.words.reserve(plain.size() * 2);
    appendPrefixed(d.words, prefix, plain);
    d.phone = prefix;
    for (qsizetype i = phoneNumber.size() - 1; i >= 0; --i) {
        const QChar c = phoneNumber.at(i);
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            d.phone += c;
    }
    return d;
}

namespace {

// The words of a search term as the index has them (an e-mail's local part only), without
// repeats and without prefixes implied by a longer word of the term.
QStringList searchWords(const QString &term)
{
    // A term with "@" is looked up by the words of its local part (see document()).
    const qsizetype at = term.indexOf(QLatin1Char('@'));
    QStringList tokens =
        ContactSearchIndex::words(at >= 0 ? QStringView(term).left(at) : QStringView(term))
            .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    tokens.removeDuplicates();
    // A prefix implied by a longer word of the term ("ma" next to "mary") only adds work.
    QStringList kept;
    for (const QString &t : tokens) {
        bool implied = false;
        for (const QString &other : tokens) {
            if (!isDigitWord(t) && other != t && other.startsWith(t))
                implied = true;
        }
        if (!implied)
            kept << t;
    }
    return kept;
}

// A digit word that is looked up whole, never as a prefix: any but the last word of the term
// ("chinedu 2 okafor"), and a last word of one digit (see matchExpression()).
bool wholeDigits(const QString &t, const QStringList &kept)
{
    return isDigitWord(t) && (t != kept.last() || t.size() < 2);
}

// Up to this many index terms a word is looked up as exact terms (see the header).
constexpr int kMaxExpansion = 16;

// The digits of a term typed the way phones are written ("+234 803-123", "4567"), without a
// whole number's dialling prefix; empty when the term is not phone-like.
QString phoneDigits(const QString &term)
{
    QString digits;
    for (const QChar c : term) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digits += c;
        else if (!QStringView(u" +-().").contains(c))
            return {};
    }
    qsizetype lead = 0;
    while (lead < digits.size() && digits.at(lead) == QLatin1Char('0'))
        ++lead;
    // Leading zeros and "+" of a whole number are dialling prefixes ("0803…", "+234…",
    // "00234…"), not part of the stored digits. Only a number long enough to be a whole one
    // has a dialling prefix to drop; in "0000001" the zeros are the digits looked for.
    if (digits.size() - lead >= 7)
        digits.remove(0, lead);
    return digits;
}

} // namespace

std::optional<QList<QStringList>> ContactSearchIndex::exactWords(qint64 userId, const QString &term,
                                                                 const TermLister &lister)
{
    if (term.contains(QLatin1Char('@')) || !phoneDigits(term).isEmpty())
        return std::nullopt; // the address is checked, the phone looked up: FTS5
    const QStringList kept = searchWords(term);
    if (kept.isEmpty())
        return std::nullopt;
    const QString prefix = userPrefix(userId);
    QList<QStringList> out;
    for (const QString &t : kept) {
        if (wholeDigits(t, kept)) {
            out << QStringList{prefix + t};
            continue;
        }
        const QStringList listed = lister(prefix + t, kMaxExpansion + 1);
        if (listed.size() > kMaxExpansion)
            return std::nullopt; // a short prefix of many words: an FTS5 prefix query
        out << listed;           // (empty: no contact has a word starting so)
    }
    return out;
}

QString ContactSearchIndex::matchExpression(qint64 userId, const QString &term,
                                            const TermLister &lister)
{
    const QString prefix = userPrefix(userId);
    const QStringList kept = searchWords(term);
    if (kept.isEmpty())
        return {};
    QStringList parts;
    bool noWords = false;
    for (const QString &t : kept) {
        // The last word may be half typed ("Contact 0007", "okafor1"): a prefix, digits or not.
        // One digit is left whole even there: "2*" would merge every number starting with 2
        // (the "obi2" of an e-mail is more often typed complete than half).
        if (wholeDigits(t, kept)) {
            parts << QStringLiteral("words:") + quoted(prefix + t);
            continue;
        }
        const QStringList listed = lister ? lister(prefix + t, kMaxExpansion + 1) : QStringList();
        if (lister && listed.isEmpty()) {
            noWords = true; // no contact has a word starting so
            continue;
        }
        if (!listed.isEmpty() && listed.size() <= kMaxExpansion) {
            QStringList exact;
            for (const QString &term : listed)
                exact << quoted(term);
            parts << QStringLiteral("words:(") + exact.join(QLatin1String(" OR ")) +
                         QLatin1Char(')');
        } else {
            parts << QStringLiteral("words:") + quoted(prefix + t) + QStringLiteral("*");
        }
    }
    // (an expression that matches nothing: FTS5 has no literal for it)
    const QString nothing = QStringLiteral("words:") + quoted(prefix + QStringLiteral("x")) +
                            QStringLiteral(" NOT words:") + quoted(prefix + QStringLiteral("x"));
    QString expr = noWords ? QString() : parts.join(QLatin1String(" AND "));

    // Digits typed the way phones are written: also the phone's last digits.
    const QString digits = phoneDigits(term);
    if (!digits.isEmpty()) {
        QString reversed = prefix;
        for (qsizetype i = digits.size() - 1; i >= 0; --i)
            reversed += digits.at(i);
        const QString phone = QStringLiteral("phone:") + quoted(reversed) + QStringLiteral("*");
        return expr.isEmpty() ? phone : phone + QStringLiteral(" OR (") + expr + QLatin1Char(')');
    }
    return expr.isEmpty() ? nothing : expr;
}

QStringList ContactSearchIndex::terms(const Document &doc)
{
    return doc.words.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

void ContactSearchIndex::listTerms(const QSqlDatabase &db, const QStringList &terms)
{
    if (terms.isEmpty())
        return;
    SqlBulkInsert q(
        db, QStringLiteral("INSERT OR IGNORE INTO contact_search_terms (term) VALUES (?)"), 1);
    for (const QString &t : terms) {
        q.bindText(0, t);
        q.exec();
    }
}

QStringList ContactSearchIndex::listedTerms(const QSqlDatabase &db, const QString &prefix, int max)
{
    // [prefix, prefix + U+FFFF): every term starting with prefix (terms are normalised words).
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("SELECT term FROM contact_search_terms WHERE term >= ? AND term < ? "
                           "ORDER BY term LIMIT ?"));
    q.addBindValue(prefix);
    q.addBindValue(QString(prefix + QChar(0xFFFF)));
    q.addBindValue(max);
    SqlSupport::exec(q);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QString ContactSearchIndex::insertSql()
{
    return QStringLiteral("INSERT INTO contact_words (rowid, words, phone) VALUES (?, ?, ?)");
}

void ContactSearchIndex::insert(const QSqlDatabase &db, qint64 contactId, const Document &doc,
                                ContactTermIds &ids)
{
    ids.addAll(terms(doc), contactId);
    QSqlQuery q = SqlSupport::prepare(db, insertSql());
    q.addBindValue(contactId);
    q.addBindValue(doc.words);
    q.addBindValue(doc.phone);
    SqlSupport::exec(q);
}

void ContactSearchIndex::remove(const QSqlDatabase &db, qint64 contactId, const Document &doc,
                                ContactTermIds &ids)
{
    ids.removeAll(terms(doc), contactId);
    // A contentless table forgets a row only when told exactly what it indexed.
    QSqlQuery q = SqlSupport::prepare(
        db, QStringLiteral("INSERT INTO contact_words (contact_words, rowid, words, phone) "
                           "VALUES ('delete', ?, ?, ?)"));
    q.addBindValue(contactId);
    q.addBindValue(doc.words);
    q.addBindValue(doc.phone);
    SqlSupport::exec(q);
}

void ContactSearchIndex::indexAll(const QSqlDatabase &db)
{
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT id, app_user_id, name, email, phone_number, "
                                  "company_name FROM contact_lists ORDER BY id")))
        SqlSupport::fail(rows.lastError(), rows.lastQuery());
    SqlBulkInsert ins(db, insertSql(), 3);
    QSet<QString> seen;
    while (rows.next()) {
        const Document d =
            document(rows.value(1).toLongLong(), rows.value(2).toString(), rows.value(3).toString(),
                     rows.value(4).toString(), rows.value(5).toString());
        ins.bind(0, rows.value(0).toLongLong());
        ins.bindText(1, d.words);
        ins.bindText(2, d.phone);
        ins.exec();
        for (const QString &t : terms(d))
            seen.insert(t);
    }
    listTerms(db, QStringList(seen.cbegin(), seen.cend()));
}
