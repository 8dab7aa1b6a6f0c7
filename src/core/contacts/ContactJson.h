#pragma once

#include "Entities.h"

#include <QJsonObject>
#include <QSet>
#include <QStringList>

// api.md's Contact as JSON, both ways: the one codec the API and the GUI's CSV import share,
// so a contact is validated the same wherever it comes from.
class ContactJson
{
public:
    // Reads the writable fields present in `json` (unknown fields, "id", "created_at" and
    // "updated_at" are ignored) and adds each one read to *presentFields (may be null).
    // Types are checked: strings (JSON null clears an optional one), arrays of strings for
    // kids_names / pets_names / interests / preferred_products, bool message_opt_in, number
    // average_spend, object whatsapp_broadcast_preference, YYYY-MM-DD for dob and
    // anniversary_date; strings are trimmed (notes excepted) and limited to 255 characters
    // (notes 5,000), an empty optional string is stored as null. phone_number is left raw:
    // callers normalise it with PhoneNormalizer. Throws DomainError::validation(field, …).
    static Contact fromJson(const QJsonObject &json, QSet<QString> *presentFields);
    // The same, and name and phone_number must be present (POST /contacts/:userId/add).
    static Contact fromJsonForAdd(const QJsonObject &json, QSet<QString> *presentFields = nullptr);

    // Every api.md field: arrays as JSON arrays, absent optional values as null, times ISO.
    static QJsonObject toJson(const Contact &contact);

    // JSON text written straight into a buffer, byte for byte what QJsonDocument writes, for
    // the paths that handle thousands of contacts at once (import, its answer, the stored
    // arrays): a QJsonDocument per value cost more than the rest of the row's work.
    // `s` as a JSON string literal (UTF-8); returns false and writes nothing when `s` holds
    // a surrogate (non-BMP or broken text), which callers leave to a general writer.
    static bool appendPlainString(QByteArray &out, const QString &s);
    // `array` as compact JSON text (arrays of strings directly, anything else through
    // QJsonDocument).
    static void appendArray(QByteArray &out, const QJsonArray &array);

    // The writable fields, in api.md order (also the column names of contact_lists and the
    // CSV header the GUI understands): name, phone_number, email, … notes.
    static const QStringList &fieldNames();

    static constexpr int kMaxStringLength = 255;
    static constexpr int kMaxNotesLength = 5000;
    static constexpr int kMaxArrayItems = 100;
};
