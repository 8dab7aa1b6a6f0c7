#include "outbox/SendPacer.h"

#include "platform/Settings.h"

#include <QRandomGenerator>
#include <algorithm>

SendPacer::Pacing SendPacer::pacingFor(bool sandbox) const
{
    Pacing p;
    const Settings &s = m_settings;
    const bool sandboxPacing = s.pacingSandbox();
    const bool paced = !sandbox || sandboxPacing;
    // The daily cap protects a real number from bans whatever WAMATOR_PACING says.
    p.dailyCap = paced ? s.dailyCapPerNumber() : 0;
    p.on = s.pacingEnabled() && paced;
    if (!p.on)
        return p;
    p.minDelayMs = s.pacingMinDelayMs();
    p.maxDelayMs = std::max(p.minDelayMs, s.pacingMaxDelayMs());
    p.typingMsPerChar = s.typingMsPerChar();
    p.typingMaxMs = s.typingMaxMs();
    return p;
}

int SendPacer::windowFor(bool sandbox) const
{
    return pacingFor(sandbox).on ? 1 : m_unpacedWindow;
}

qint64 SendPacer::typingMs(const Pacing &p, const QString &shown)
{
    return p.on ? std::min<qint64>(qint64(shown.size()) * p.typingMsPerChar, p.typingMaxMs) : 0;
}

qint64 SendPacer::nextSendAt(const Pacing &p, qint64 nowMs)
{
    const int spread = std::max(0, p.maxDelayMs - p.minDelayMs);
    return nowMs + p.minDelayMs +
           (spread > 0 ? QRandomGenerator::global()->bounded(spread + 1) : 0);
}
