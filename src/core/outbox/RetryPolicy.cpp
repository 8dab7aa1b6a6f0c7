#include "outbox/RetryPolicy.h"

#include "platform/Settings.h"

#include <QRandomGenerator>
#include <algorithm>

bool RetryPolicy::exhausted(int attempts) const
{
    return attempts >= m_settings.maxSendAttempts();
}

qint64 RetryPolicy::nextAttemptAt(int attempts, qint64 nowMs) const
{
    return nowMs + backoffMs(attempts, baseMs());
}

qint64 RetryPolicy::baseMs() const
{
    const qint64 v = m_settings.retryBaseDelayMs(); // bounded 1..600,000 by Settings
    return v > 0 ? v : 2000;
}

qint64 RetryPolicy::backoffMs(int attempt, qint64 baseMs)
{
    const int shift = std::clamp(attempt - 1, 0, 20);
    const qint64 raw = std::min<qint64>(kMaxBackoffMs, baseMs * (qint64(1) << shift));
    // ±25 % jitter so numbers that failed together do not retry together.
    const double factor = 0.75 + 0.5 * QRandomGenerator::global()->generateDouble();
    return std::max<qint64>(1, qint64(double(raw) * factor));
}
