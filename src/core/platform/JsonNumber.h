#pragma once

#include <QJsonValue>
#include <optional>

// The one place where a JSON number becomes an integer. A JSON number is a double: casting
// one that is not finite or does not fit (1e300, -1e300, NaN) to an integer is undefined
// behaviour, a fraction (1.5) is not an integer, and beyond 2^53 (9007199254740993) the
// double no longer says which integer the client wrote. All of these give nullopt; callers
// turn that into their own validation error naming the field.
namespace JsonNumber {
// Largest magnitude that a double holds exactly together with its neighbours: 2^53 - 1.
constexpr qint64 kMaxExact = 9007199254740991LL;

std::optional<qint64> exactInteger(double d);
// A JSON number (not a string, not a bool) that is an exact integer.
std::optional<qint64> exactInteger(const QJsonValue &v);
} // namespace JsonNumber
