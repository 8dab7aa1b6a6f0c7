#pragma once

#include <QString>

// The JavaScript a session injects into every navigation: the adapter (main world), the bridge
// (ApplicationWorld, after qwebchannel.js) and the storage-persistence fix (main world).
class AdapterScripts
{
public:
    // <dataDir>/adapter/whatsapp-adapter.js when it exists and is readable, else the built-in
    // resource. Read at every session start, so a fixed adapter needs no rebuild, only a
    // reconnect. `origin` (optional) says which one was used, for the log.
    // The override runs inside the WhatsApp page with the user's login: it is used only if it
    // is a regular file (not a symlink) owned by this process's user and neither it nor its
    // directory is writable by the group or others; otherwise it is refused with a warning
    // and the built-in adapter is used.
    static QString adapter(const QString &dataDir, QString *origin = nullptr);
    // Why the override at `path` may not be used ("" when it may), for the warning and tests.
    static QString overrideProblem(const QString &path);
    static QString builtInAdapter();
    static QString overridePath(const QString &dataDir);
    // qwebchannel.js followed by the bridge.
    static QString bridge();
    // ES2022–ES2025 built-ins an older engine lacks, each defined only when missing (main
    // world, before the page's own scripts; docs/sessions.md).
    static QString polyfills();
    // QtWebEngine never grants navigator.storage.persist(); WhatsApp Web wants it (WhatSie's fix).
    static QString storagePersist();
};
