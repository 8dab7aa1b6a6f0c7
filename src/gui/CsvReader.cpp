#include "CsvReader.h"

#include <QCoreApplication>
#include <QIODevice>

namespace {
constexpr qint64 kChunk = 64 * 1024;
} // namespace

CsvReader::CsvReader(QIODevice *device, QChar delimiter)
    : m_device(device), m_delimiter(delimiter), m_decoder(QStringDecoder::Utf8)
{
}

bool CsvReader::fill()
{
    if (m_eof || !m_device)
        return false;
    const QByteArray bytes = m_device->read(kChunk);
    if (bytes.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_bytesRead += bytes.size();
    // Drop what was consumed so the buffer stays the size of one chunk plus one row.
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    m_buffer += m_decoder.decode(bytes);
    return true;
}

bool CsvReader::atEnd() const
{
    return m_pos >= m_buffer.size() && (m_eof || !m_device || m_device->atEnd());
}

QChar CsvReader::detectDelimiter(const QString &firstLine)
{
    int comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (const QChar c : firstLine) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == QLatin1Char(','))
            ++comma;
        else if (c == QLatin1Char(';'))
            ++semicolon;
        else if (c == QLatin1Char('\t'))
            ++tab;
    }
    if (tab > comma && tab > semicolon)
        return QLatin1Char('\t');
    if (semicolon > comma)
        return QLatin1Char(';');
    return QLatin1Char(',');
}

QString CsvReader::escape(const QString &field, QChar delimiter)
{
    const bool needsQuotes = field.contains(delimiter) || field.contains(QLatin1Char('"')) ||
                             field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r')) ||
                             (!field.isEmpty() && (field.front().isSpace() || field.back().isSpace()));
    // The reader trims unquoted fields of all white space, so any leading or trailing white
    // space (tabs included) must be quoted to survive a round trip.
    // A leading = + - @ makes spreadsheets run the cell as a formula: quote it as text.
    const bool formula = !field.isEmpty() && QStringLiteral("=+-@").contains(field.at(0)) &&
                         !(field.at(0) == QLatin1Char('+') && field.size() > 1 &&
                           field.mid(1).toLongLong() > 0);
    QString out = field;
    out.replace(QLatin1String("\""), QLatin1String("\"\""));
    if (formula)
        out.prepend(QLatin1Char('\''));
    return needsQuotes || formula ? QStringLiteral("\"%1\"").arg(out) : out;
}

bool CsvReader::readRow(QStringList *fields)
{
    fields->clear();
    if (!m_error.isEmpty())
        return false;
    if (!m_started) {
        m_started = true;
        while (m_buffer.indexOf(QLatin1Char('\n')) < 0 && fill()) {
            if (m_buffer.size() > kMaxFieldLength * 4)
                break;
        }
        if (m_buffer.startsWith(QChar(0xFEFF)))
            m_pos = 1;
        if (m_delimiter.isNull())
            m_delimiter = detectDelimiter(m_buffer.mid(m_pos, m_buffer.indexOf(QLatin1Char('\n'))));
    }
    // Skip blank lines between rows.
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill())
            return false;
        const QChar c = m_buffer.at(m_pos);
        if (c == QLatin1Char('\n')) {
            ++m_line;
            ++m_pos;
        } else if (c == QLatin1Char('\r')) {
            ++m_pos;
        } else {
            break;
        }
    }
    m_rowLine = m_line;
    QString field;
    bool quoted = false;     // inside quotes
    bool wasQuoted = false;  // this field began with a quote
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill()) {
            if (quoted) {
                m_error = tr("Line %1: a quoted field is never closed.").arg(m_rowLine);
                return false;
            }
            fields->append(field);
            return true;
        }
        const QChar c = m_buffer.at(m_pos++);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (m_pos >= m_buffer.size())
                    fill();
                if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++m_pos;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++m_line;
                field += c;
            }
        } else if (c == m_delimiter) {
            fields->append(wasQuoted ? field : field.trimmed());
            field.clear();
            wasQuoted = false;
            if (fields->size() >= kMaxColumns) {
                m_error = tr("Line %1: more than %2 columns.").arg(m_rowLine).arg(kMaxColumns);
                return false;
            }
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (c == QLatin1Char('\r')) {
                if (m_pos >= m_buffer.size())
                    fill();
                if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == QLatin1Char('\n'))
                    ++m_pos;
            }
            ++m_line;
            fields->append(wasQuoted ? field : field.trimmed());
            return true;
        } else if (c == QLatin1Char('"') && field.trimmed().isEmpty() && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
            field.clear();
        } else {
            field += c;
        }
        if (field.size() > kMaxFieldLength) {
            m_error = tr("Line %1: a field is longer than %2 characters (is this a CSV file?).")
                          .arg(m_rowLine)
                          .arg(kMaxFieldLength);
            return false;
        }
    }
}
