// R2: the GUI's CSV import reader on any bytes (bad UTF-8, unclosed quotes, stray CRs, huge
// rows). Properties: it stops (at the end or with an error), rows respect kMaxColumns and
// kMaxFieldLength, and a field written with escape() reads back as exactly that field.
#include "CsvReader.h"
#include "FuzzInput.h"

#include <QBuffer>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    {
        QBuffer buffer(&input);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QStringList row;
        int rows = 0;
        while (reader.readRow(&row)) {
            if (++rows > int(size) + 2)
                fuzz::fail("more rows than input bytes");
            if (row.size() > CsvReader::kMaxColumns)
                fuzz::fail("row over kMaxColumns");
            for (const QString &f : row)
                if (f.size() > CsvReader::kMaxFieldLength)
                    fuzz::fail("field over kMaxFieldLength");
        }
    }

    // escape() round trip on the input as one field (first 256 characters). escape() is for
    // exports opened in spreadsheets: a leading = + - @ is defused with a quote character on
    // purpose, and a leading byte-order mark is the file's, so those fields are left out.
    const QString field = QString::fromUtf8(input.left(256));
    if (!field.isEmpty()
        && (QStringLiteral("=+-@").contains(field.at(0)) || field.at(0) == QChar(0xFEFF)))
        return 0;
    for (const QChar delimiter : {QChar(u','), QChar(u';'), QChar(u'\t')}) {
        QByteArray line = (CsvReader::escape(field, delimiter) + delimiter
                           + QLatin1String("end\n"))
                              .toUtf8();
        QBuffer buffer(&line);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer, delimiter);
        QStringList row;
        if (!reader.readRow(&row))
            fuzz::fail("an escaped field could not be read back");
        if (row.size() != 2)
            fuzz::fail("an escaped field did not read back as one field");
        if (row.at(0) != field)
            fuzz::fail("an escaped field did not read back as itself");
    }
    return 0;
}
