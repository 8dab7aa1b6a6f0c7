#pragma once

#include <QByteArray>

// The Chromium switches every WhatsApp session runs with, set through
// QTWEBENGINE_CHROMIUM_FLAGS before QtWebEngine starts. A gateway has no use for Chromium's
// background calls to Google (component updates, field trials, safe-browsing lists): they leak
// which machine runs WhatsApp sessions and cost memory in every process. Headless runs render
// offscreen, where the GPU process only adds memory. An operator's own
// QTWEBENGINE_CHROMIUM_FLAGS is left exactly as given.
class ChromiumFlags
{
public:
    static QByteArray defaults(bool headless);
    // Sets the defaults unless the environment already has flags; returns what is in effect.
    static QByteArray apply(bool headless);
};
