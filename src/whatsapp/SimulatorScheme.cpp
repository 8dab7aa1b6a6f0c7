#include "SimulatorScheme.h"

#include "MediaScheme.h"

#include <QBuffer>
#include <QFile>
#include <QLoggingCategory>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

Q_LOGGING_CATEGORY(lcSimulatorScheme, "wamator.simulator")

namespace {
const char kScheme[] = "wamator-sim";
const char kHost[] = "simulator";
bool s_registered = false;

QByteArray mimeFor(const QString &path)
{
    if (path.endsWith(QLatin1String(".html")))
        return QByteArrayLiteral("text/html");
    if (path.endsWith(QLatin1String(".js")))
        return QByteArrayLiteral("text/javascript");
    if (path.endsWith(QLatin1String(".css")))
        return QByteArrayLiteral("text/css");
    if (path.endsWith(QLatin1String(".svg")))
        return QByteArrayLiteral("image/svg+xml");
    if (path.endsWith(QLatin1String(".png")))
        return QByteArrayLiteral("image/png");
    return QByteArrayLiteral("application/octet-stream");
}
} // namespace

// Q_INIT_RESOURCE must be used outside any namespace.
static void initWhatsAppResources()
{
    // whatsapp.qrc is compiled into a static library: without an explicit reference the linker
    // drops its initializer and ":/whatsapp/..." does not exist. Repeating it is harmless.
    Q_INIT_RESOURCE(whatsapp);
}

void SimulatorScheme::registerScheme()
{
    initWhatsAppResources();
    // Every session page (simulator or WhatsApp Web) reads media through wamator-media:, and
    // every WebEngine entry point calls this function before the application object exists.
    MediaScheme::registerScheme();
    if (s_registered)
        return;
    s_registered = true;
    QWebEngineUrlScheme scheme(kScheme);
    // Host syntax gives the scheme a real (non-opaque) origin "wamator-sim://simulator": without
    // it Chromium treats every page as an opaque origin and refuses IndexedDB and localStorage.
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Host);
    scheme.setDefaultPort(QWebEngineUrlScheme::PortUnspecified);
    // Secure: a secure context, so crypto.subtle (sha256 of media) and IndexedDB are available
    // exactly as on https://web.whatsapp.com. CorsEnabled: fetch/XHR of our own resources work.
    // Nothing more: the simulator needs no file:// or qrc: access (no LocalAccessAllowed), as
    // web.whatsapp.com has none.
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled);
    QWebEngineUrlScheme::registerScheme(scheme);
}

QByteArray SimulatorScheme::schemeName()
{
    return QByteArray(kScheme);
}

QUrl SimulatorScheme::pageUrl(const QString &query)
{
    QUrl url;
    url.setScheme(QString::fromLatin1(kScheme));
    url.setHost(QString::fromLatin1(kHost));
    url.setPath(QStringLiteral("/index.html"));
    if (!query.isEmpty())
        url.setQuery(query.startsWith(QLatin1Char('?')) ? query.mid(1) : query);
    return url;
}

SimulatorSchemeHandler::SimulatorSchemeHandler(QObject *parent) : QWebEngineUrlSchemeHandler(parent)
{
    initWhatsAppResources();
}

void SimulatorSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    const QUrl url = job->requestUrl();
    if (url.host() != QLatin1String(kHost)) {
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    QString path = url.path();
    if (path.isEmpty() || path == QLatin1String("/"))
        path = QStringLiteral("/index.html");
    // Resolve "." and ".." so nothing outside the simulator directory can be read.
    path = QUrl(QStringLiteral("x:") + path).adjusted(QUrl::NormalizePathSegments).path();
    if (path.contains(QLatin1String("..")) || !path.startsWith(QLatin1Char('/'))) {
        job->fail(QWebEngineUrlRequestJob::UrlInvalid);
        return;
    }
    QFile file(QStringLiteral(":/whatsapp/simulator") + path);
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcSimulatorScheme) << "not found:" << path;
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    auto *buffer = new QBuffer(job);
    buffer->setData(file.readAll());
    buffer->open(QIODevice::ReadOnly);
    job->reply(mimeFor(path), buffer);
}
