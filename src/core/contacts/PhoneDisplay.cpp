#include "contacts/PhoneDisplay.h"

QString PhoneDisplay::e164(const QString &digits)
{
    if (digits.isEmpty())
        return QString();
    return QLatin1Char('+') + digits;
}
