#pragma once

#include <QByteArray>
#include <QChar>
#include <QCoreApplication>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

class QIODevice;

// A streaming RFC 4180 reader for contact imports: quoted fields with "" escapes and line
// breaks, CRLF or LF, a UTF-8 byte-order mark, and the delimiter guessed from the first line
// (comma, semicolon or tab, as spreadsheets export them). It reads in chunks, so a file of any
// size costs little memory, and it stops with an error instead of growing without bound on a
// broken file (an unclosed quote, a binary file, a row of thousands of columns).
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    static constexpr int kMaxFieldLength = 64 * 1024;
    static constexpr int kMaxColumns = 1024;

    // delimiter null = detect from the first line.
    explicit CsvReader(QIODevice *device, QChar delimiter = QChar());

    // The next row; false at the end of the input or on an error (see error()).
    bool readRow(QStringList *fields);
    QString error() const { return m_error; }
    bool atEnd() const;
    // 1-based physical line on which the last row returned starts.
    int rowLine() const { return m_rowLine; }
    qint64 bytesConsumed() const { return m_bytesRead; }
    QChar delimiter() const { return m_delimiter; }

    static QChar detectDelimiter(const QString &firstLine);
    // One field for a CSV file written with this delimiter (export).
    static QString escape(const QString &field, QChar delimiter = QLatin1Char(','));

private:
    bool fill(); // appends decoded text to the buffer; false at the end of the device

    QIODevice *m_device;
    QChar m_delimiter;
    QStringDecoder m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    qint64 m_bytesRead = 0;
    bool m_eof = false;
    bool m_started = false;
    int m_line = 1;
    int m_rowLine = 0;
    QString m_error;
};
