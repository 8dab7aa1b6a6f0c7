#include "platform/JsonNumber.h"

#include <cmath>

std::optional<qint64> JsonNumber::exactInteger(double d)
{
    // Range first: only then is the cast defined.
    if (!std::isfinite(d) || d < -double(kMaxExact) || d > double(kMaxExact))
        return std::nullopt;
    if (d != std::trunc(d))
        return std::nullopt;
    return static_cast<qint64>(d);
}

std::optional<qint64> JsonNumber::exactInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    return exactInteger(v.toDouble());
}
