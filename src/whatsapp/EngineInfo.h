#pragma once

#include <QString>

// What the running QtWebEngine is, and what follows from it: the one home of the default user
// agent (it names the real Chromium major, so WhatsApp sees the browser it actually talks to)
// and of the "engine too old" test. Core knows nothing of the engine; its `user_agent` setting
// is empty by default, meaning "from the engine" (docs/sessions.md).
class EngineInfo
{
public:
    // The Chromium version QtWebEngine is built on, e.g. "102.0.5005.177".
    static QString chromiumVersion();
    // Its major number, e.g. 102 (0 if the version cannot be read).
    static int chromiumMajor();
    // A desktop Chrome on Linux of that major, without the "QtWebEngine/x" token that
    // QtWebEngine's own default adds (WhatsApp Web refuses browsers it does not know).
    static QString defaultUserAgent();
    // The user agent a session uses: `setting` when set, else defaultUserAgent().
    static QString userAgent(const QString &setting);
    // True when the engine's Chromium major is below `floor` (setting engine_min_chromium).
    static bool isOlderThan(int floor);
};
