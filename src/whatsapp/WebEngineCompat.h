#pragma once

class QWebEnginePage;

// The one place where QtWebEngine 6.4 (Debian 12) and 6.8+ (Debian 13, 6.10 from
// trixie-backports) differ for us, behind QT_VERSION_CHECK.
namespace WebEngineCompat {

// Every permission the page asks for (camera, microphone, notifications, location...) is
// denied: a session page never needs one. 6.8 replaced featurePermissionRequested and
// setFeaturePermission with permissionRequested and QWebEnginePermission.
void denyAllPermissions(QWebEnginePage *page);

} // namespace WebEngineCompat
