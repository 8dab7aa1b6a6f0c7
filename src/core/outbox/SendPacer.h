#pragma once

#include <QString>
#include <QtGlobal>
#include <algorithm>

class Settings;

// How fast one WhatsApp number may send (docs/pipeline.md, "Pacing (per number)"): the pause
// between sends, the typing shown before one, the daily cap, and how many sends may be in
// flight at once. Real numbers are paced (WhatsApp bans numbers that send like machines);
// sandbox numbers only when the `pacing_sandbox` setting asks. The settings are read at each
// call: the settings page may change them while the dispatcher runs.
class SendPacer
{
public:
    struct Pacing
    {
        bool on = false; // delays and typing
        int minDelayMs = 0;
        int maxDelayMs = 0;
        int typingMsPerChar = 0;
        int typingMaxMs = 0;
        int dailyCap = 0; // 0: none
    };

    explicit SendPacer(const Settings &settings) : m_settings(settings) {}

    Pacing pacingFor(bool sandbox) const;

    // Sends in flight at once on a number: one while paced; an unpaced number keeps a window
    // so WhatsApp's round trip does not cap its throughput.
    int windowFor(bool sandbox) const;
    void setUnpacedWindow(int n) { m_unpacedWindow = std::max(1, n); }
    static constexpr int kUnpacedWindow = 64;

    // The number sent `sentToday` messages this UTC day and has `inFlight` under way.
    static bool dailyCapReached(const Pacing &p, int sentToday, int inFlight)
    {
        return p.dailyCap > 0 && sentToday + inFlight >= p.dailyCap;
    }
    static constexpr qint64 kDayMs = 24LL * 3600 * 1000;
    static qint64 dayStartOf(qint64 nowMs) { return nowMs - nowMs % kDayMs; }

    // Typing shown before a send of `shown` (0: none).
    static qint64 typingMs(const Pacing &p, const QString &shown);
    // The earliest start of the number's next send after one finished at `nowMs`: a random
    // pause between the minimum and the maximum delay.
    static qint64 nextSendAt(const Pacing &p, qint64 nowMs);

private:
    const Settings &m_settings;
    int m_unpacedWindow = kUnpacedWindow;
};
