#pragma once

#include <QtGlobal>

class Settings;

// When a message that failed transiently is tried again (docs/pipeline.md, "Retries"):
// `retry_base_delay_ms × 2^(attempt−1)` with ±25 % jitter, at most 10 minutes, and no try
// after `max_send_attempts`. The settings are read at each call (the settings page may change
// them while the dispatcher runs).
class RetryPolicy
{
public:
    explicit RetryPolicy(const Settings &settings) : m_settings(settings) {}

    // True when `attempts` attempts were made and none may follow.
    bool exhausted(int attempts) const;
    // The time of the next try after attempt number `attempts` failed at `nowMs`.
    qint64 nextAttemptAt(int attempts, qint64 nowMs) const;

    static qint64 backoffMs(int attempt, qint64 baseMs); // with jitter
    static constexpr qint64 kMaxBackoffMs = 10LL * 60 * 1000;

private:
    qint64 baseMs() const;

    const Settings &m_settings;
};
