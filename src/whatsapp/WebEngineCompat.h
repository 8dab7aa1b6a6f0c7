#pragma once

#include <functional>

class QObject;
class QWebEnginePage;
class QWebEngineProfile;

// The one place where QtWebEngine 6.4 (Debian 12) and 6.8+ (Debian 13, 6.10 from
// trixie-backports) differ for us, behind QT_VERSION_CHECK.
namespace WebEngineCompat {

// Every permission the page asks for (camera, microphone, notifications, location...) is
// denied: a session page never needs one. 6.8 replaced featurePermissionRequested and
// setFeaturePermission with permissionRequested and QWebEnginePermission.
void denyAllPermissions(QWebEnginePage *page);

// Clears the profile's HTTP cache, then calls done (on the event loop; not if context is gone
// first). 6.7+ clears in the background and a navigation started meanwhile never loads, so
// done waits for clearHttpCacheCompleted; 6.4 has no such signal (and loads right after).
void clearHttpCache(QWebEngineProfile *profile, QObject *context, std::function<void()> done);

} // namespace WebEngineCompat
