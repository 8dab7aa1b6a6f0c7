#include "ChromiumFlags.h"

#include <QtGlobal>

QByteArray ChromiumFlags::defaults(bool headless)
{
    QByteArray flags = "--disable-background-networking --disable-component-update";
    if (headless)
        flags += " --disable-gpu";
    return flags;
}

QByteArray ChromiumFlags::apply(bool headless)
{
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", defaults(headless));
    return qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
}
