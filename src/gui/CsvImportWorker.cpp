#include "CsvImportWorker.h"

#include "CoreServices.h"
#include "CsvReader.h"
#include "DomainError.h"
#include "ErrorText.h"
#include "contacts/ContactJson.h"
#include "contacts/ContactService.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneNormalizer.h"
#include "storage/Database.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace {
const QSet<QString> &arrayFields()
{
    static const QSet<QString> fields{QStringLiteral("kids_names"), QStringLiteral("pets_names"),
                                      QStringLiteral("interests"),
                                      QStringLiteral("preferred_products")};
    return fields;
}

struct PendingRow
{
    int line;
    QString phone;
};
} // namespace

CsvImportWorker::CsvImportWorker(CoreServices &core, Options options, QObject *parent)
    : QObject(parent), m_core(core), m_options(std::move(options))
{
    qRegisterMetaType<CsvImportWorker::Summary>();
}

QString CsvImportWorker::guessField(const QString &header)
{
    QString h = header.trimmed().toLower();
    h.replace(QRegularExpression(QStringLiteral("[\\s\\-\\.]+")), QStringLiteral("_"));
    if (ContactJson::fieldNames().contains(h))
        return h;
    static const QHash<QString, QString> synonyms{
        {QStringLiteral("phone"), QStringLiteral("phone_number")},
        {QStringLiteral("phonenumber"), QStringLiteral("phone_number")},
        {QStringLiteral("mobile"), QStringLiteral("phone_number")},
        {QStringLiteral("mobile_number"), QStringLiteral("phone_number")},
        {QStringLiteral("cell"), QStringLiteral("phone_number")},
        {QStringLiteral("msisdn"), QStringLiteral("phone_number")},
        {QStringLiteral("whatsapp"), QStringLiteral("phone_number")},
        {QStringLiteral("number"), QStringLiteral("phone_number")},
        {QStringLiteral("telephone"), QStringLiteral("phone_number")},
        {QStringLiteral("telefone"), QStringLiteral("phone_number")},
        {QStringLiteral("téléphone"), QStringLiteral("phone_number")},
        {QStringLiteral("celular"), QStringLiteral("phone_number")},
        {QStringLiteral("full_name"), QStringLiteral("name")},
        {QStringLiteral("contact"), QStringLiteral("name")},
        {QStringLiteral("contact_name"), QStringLiteral("name")},
        {QStringLiteral("nom"), QStringLiteral("name")},
        {QStringLiteral("nome"), QStringLiteral("name")},
        {QStringLiteral("e_mail"), QStringLiteral("email")},
        {QStringLiteral("email_address"), QStringLiteral("email")},
        {QStringLiteral("mail"), QStringLiteral("email")},
        {QStringLiteral("company"), QStringLiteral("company_name")},
        {QStringLiteral("organisation"), QStringLiteral("company_name")},
        {QStringLiteral("organization"), QStringLiteral("company_name")},
        {QStringLiteral("entreprise"), QStringLiteral("company_name")},
        {QStringLiteral("empresa"), QStringLiteral("company_name")},
        {QStringLiteral("birthday"), QStringLiteral("dob")},
        {QStringLiteral("date_of_birth"), QStringLiteral("dob")},
        {QStringLiteral("birth_date"), QStringLiteral("dob")},
        {QStringLiteral("tier"), QStringLiteral("customer_tier")},
        {QStringLiteral("opt_in"), QStringLiteral("message_opt_in")},
        {QStringLiteral("optin"), QStringLiteral("message_opt_in")},
        {QStringLiteral("language"), QStringLiteral("language_preference")},
        {QStringLiteral("title"), QStringLiteral("job_title")},
        {QStringLiteral("note"), QStringLiteral("notes")},
        {QStringLiteral("comments"), QStringLiteral("notes")},
    };
    return synonyms.value(h);
}

bool CsvImportWorker::rowToJson(const QStringList &row, const QStringList &mapping,
                                QJsonObject *out, QString *field, QString *message)
{
    *out = QJsonObject();
    for (int i = 0; i < row.size() && i < mapping.size(); ++i) {
        const QString &f = mapping.at(i);
        const QString cell = row.at(i).trimmed();
        if (f.isEmpty() || cell.isEmpty())
            continue;
        if (arrayFields().contains(f)) {
            QJsonArray items;
            for (const QString &part :
                 cell.split(QRegularExpression(QStringLiteral("[,;|]")), Qt::SkipEmptyParts)) {
                if (!part.trimmed().isEmpty())
                    items.append(part.trimmed());
            }
            out->insert(f, items);
        } else if (f == QLatin1String("message_opt_in")) {
            static const QSet<QString> yes{QStringLiteral("1"),   QStringLiteral("true"),
                                           QStringLiteral("yes"), QStringLiteral("y"),
                                           QStringLiteral("oui"), QStringLiteral("sim"),
                                           QStringLiteral("x")};
            static const QSet<QString> no{QStringLiteral("0"),   QStringLiteral("false"),
                                          QStringLiteral("no"),  QStringLiteral("n"),
                                          QStringLiteral("non"), QStringLiteral("não"),
                                          QStringLiteral("nao")};
            const QString v = cell.toLower();
            if (yes.contains(v)) {
                out->insert(f, true);
            } else if (no.contains(v)) {
                out->insert(f, false);
            } else {
                *field = f;
                *message = QStringLiteral("\"%1\" is not yes or no").arg(cell);
                return false;
            }
        } else if (f == QLatin1String("average_spend")) {
            bool ok = false;
            QString number = cell;
            number.remove(QLatin1Char(' '));
            double value = number.toDouble(&ok);
            if (!ok) // "1234,50" from a European spreadsheet
                value = QString(number).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&ok);
            if (!ok) {
                *field = f;
                *message = QStringLiteral("\"%1\" is not a number").arg(cell);
                return false;
            }
            out->insert(f, value);
        } else if (f == QLatin1String("whatsapp_broadcast_preference")) {
            const QJsonDocument doc = QJsonDocument::fromJson(cell.toUtf8());
            if (!doc.isObject()) {
                *field = f;
                *message = QStringLiteral("not a JSON object");
                return false;
            }
            out->insert(f, doc.object());
        } else {
            out->insert(f, cell);
        }
    }
    return true;
}

void CsvImportWorker::run()
{
    Summary summary;
    QFile file(m_options.filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        summary.error = tr("Cannot open %1: %2").arg(m_options.filePath, file.errorString());
        Q_EMIT finished(summary);
        return;
    }
    const qint64 total = file.size();
    static QAtomicInteger<quint64> counter;
    QString connection;
    try {
        connection = m_core.database().openThreadConnection(
            QStringLiteral("csv-import-%1").arg(counter.fetchAndAddRelaxed(1)));
    } catch (const DomainError &e) {
        summary.error = e.message();
        Q_EMIT finished(summary);
        return;
    }

    {
        ContactService service(m_core);
        const auto skip = [&summary](int line, const QString &phone, const QString &reason,
                                     const QString &field, const QString &detail) {
            ++summary.skipped;
            ++summary.skippedByReason[reason];
            if (summary.skippedRows.size() < kMaxReportedRows)
                summary.skippedRows.append({line, phone, reason, field, detail});
        };
        QList<PendingRow> pending;
        QJsonArray items;
        const auto flush = [&]() {
            const ContactService::AddResult result =
                service.addOnConnection(connection, m_options.vendorId, m_options.userId, items);
            summary.added += int(result.added.size());
            for (const ContactService::Skipped &s : result.skipped) {
                const PendingRow &p = pending.value(s.index);
                skip(p.line, p.phone, s.reason, s.field, s.message);
            }
            pending.clear();
            items = QJsonArray();
        };

        CsvReader reader(&file, m_options.delimiter);
        QElapsedTimer sinceProgress; // progress is for eyes: ten times a second is plenty
        sinceProgress.start();
        QStringList row;
        bool header = m_options.hasHeader;
        try {
            flush(); // nothing yet: refuses a user who is not the vendor's before any row
        } catch (const DomainError &e) {
            summary.refused = ErrorText::describe(e);
        }
        try {
            while (summary.refused.isEmpty() && reader.readRow(&row)) {
                if (header) {
                    header = false;
                    continue;
                }
                ++summary.rows;
                QJsonObject json;
                QString field, message;
                const bool blank = std::all_of(row.cbegin(), row.cend(), [](const QString &c) {
                    return c.trimmed().isEmpty();
                });
                if (blank) {
                    skip(reader.rowLine(), QString(), QStringLiteral("empty_row"), QString(),
                         QString());
                } else if (!rowToJson(row, m_options.mapping, &json, &field, &message)) {
                    skip(reader.rowLine(), QString(), QStringLiteral("validation_failed"), field,
                         field + QStringLiteral(": ") + message);
                } else {
                    pending.append(
                        {reader.rowLine(), json.value(QStringLiteral("phone_number")).toString()});
                    items.append(json);
                }
                if (pending.size() >= kBatchSize)
                    flush();
                if (sinceProgress.hasExpired(kProgressIntervalMs)) {
                    Q_EMIT progress(reader.bytesConsumed(), total, summary.added, summary.skipped);
                    sinceProgress.restart();
                }
                if (m_cancel.loadRelaxed()) {
                    summary.cancelled = true;
                    break;
                }
            }
            if (!summary.cancelled && !pending.isEmpty())
                flush();
            if (!reader.error().isEmpty())
                summary.error = reader.error();
        } catch (const DomainError &e) {
            summary.error = e.message();
        }
        Q_EMIT progress(reader.bytesConsumed(), total, summary.added, summary.skipped);
    }
    Database::closeThreadConnection(connection);
    Q_EMIT finished(summary);
}
