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
    static QString adapter(const QString &dataDir, QString *origin = nullptr);
    static QString builtInAdapter();
    static QString overridePath(const QString &dataDir);
    // qwebchannel.js followed by the bridge.
    static QString bridge();
    // QtWebEngine never grants navigator.storage.persist(); WhatsApp Web wants it (WhatSie's fix).
    static QString storagePersist();
};
