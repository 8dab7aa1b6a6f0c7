#include "WebEngineCompat.h"

#include <QPointer>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <memory>
#include <utility>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QWebEnginePermission>
#endif

namespace WebEngineCompat {

namespace {
constexpr int kClearHttpCacheBoundMs = 10000;
}

void denyAllPermissions(QWebEnginePage *page)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QObject::connect(page, &QWebEnginePage::permissionRequested, page,
                     [](QWebEnginePermission permission) { permission.deny(); });
#else
    QObject::connect(page, &QWebEnginePage::featurePermissionRequested, page,
                     [page](const QUrl &origin, QWebEnginePage::Feature feature) {
                         page->setFeaturePermission(origin, feature,
                                                    QWebEnginePage::PermissionDeniedByUser);
                     });
#endif
}

void clearHttpCache(QWebEngineProfile *profile, QObject *context, std::function<void()> done)
{
    if (!profile) {
        QTimer::singleShot(0, context, std::move(done));
        return;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 7, 0)
    // Once: on the signal, or after a bound if it never comes (the cache is then left as is).
    auto once = std::make_shared<std::function<void()>>(std::move(done));
    auto connection = std::make_shared<QMetaObject::Connection>();
    auto finish = [once, connection] {
        QObject::disconnect(*connection);
        if (*once)
            std::exchange(*once, nullptr)();
    };
    *connection =
        QObject::connect(profile, &QWebEngineProfile::clearHttpCacheCompleted, context, finish);
    QTimer::singleShot(kClearHttpCacheBoundMs, context, finish);
    profile->clearHttpCache();
#else
    profile->clearHttpCache();
    QTimer::singleShot(0, context, std::move(done));
#endif
}

} // namespace WebEngineCompat
