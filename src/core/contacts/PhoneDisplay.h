#pragma once

#include <QString>

// How a stored phone number is written for people and for the composer's recipients: numbers
// are stored as E.164 digits without '+' (Entities.h, PhoneNormalizer), and shown — in every
// table, dialog and CSV export of the window — and passed on as "+digits". One home, so that
// no page writes the prefix its own way.
class PhoneDisplay
{
public:
    // "2348031234567" → "+2348031234567"; "" stays "" (no lone "+" for a missing number).
    static QString e164(const QString &digits);
};
