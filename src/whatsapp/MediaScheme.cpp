#include "MediaScheme.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>

Q_LOGGING_CATEGORY(lcMediaScheme, "wamator.whatsapp.media")

namespace {
const char kScheme[] = "wamator-media";
bool s_registered = false;

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port() == b.port();
}
} // namespace

void MediaScheme::registerScheme()
{
    if (s_registered)
        return;
    s_registered = true;
    QWebEngineUrlScheme scheme(kScheme);
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    // Secure: readable from https://web.whatsapp.com without mixed-content blocking.
    // CorsEnabled: the page may request it cross-origin (QtWebEngine answers with
    // Access-Control-Allow-Origin set to the requesting origin; the handler checks that origin).
    // ContentSecurityPolicyIgnored: WhatsApp Web's connect-src does not name this scheme.
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled |
                    QWebEngineUrlScheme::ContentSecurityPolicyIgnored);
    QWebEngineUrlScheme::registerScheme(scheme);
}

QByteArray MediaScheme::schemeName()
{
    return QByteArray(kScheme);
}

MediaSchemeHandler::MediaSchemeHandler(const QUrl &pageUrl, QObject *parent)
    : QWebEngineUrlSchemeHandler(parent), m_pageUrl(pageUrl)
{
}

QUrl MediaSchemeHandler::offer(const QString &path, const QString &mimeType)
{
    if (!QFileInfo(path).isFile())
        return {};
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
    const QString token = QString::fromLatin1(raw.toHex());
    m_offers.insert(token, {path, mimeType.toUtf8()});
    QUrl url;
    url.setScheme(QString::fromLatin1(kScheme));
    url.setPath(token);
    return url;
}

void MediaSchemeHandler::withdraw(const QUrl &url)
{
    m_offers.remove(url.path());
}

void MediaSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    const QString token = job->requestUrl().path();
    // One read per token, whatever happens next.
    const auto it = m_offers.constFind(token);
    if (it == m_offers.cend() || job->requestMethod() != QByteArrayLiteral("GET")) {
        ++m_refused;
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    const Offer offer = it.value();
    m_offers.remove(token);
    if (m_pageUrl.isValid() && !sameOrigin(job->initiator(), m_pageUrl)) {
        ++m_refused;
        qCWarning(lcMediaScheme) << "media request from" << job->initiator().toString()
                                 << "refused";
        job->fail(QWebEngineUrlRequestJob::RequestDenied);
        return;
    }
    auto *file = new QFile(offer.path, job);
    if (!file->open(QIODevice::ReadOnly)) {
        ++m_refused;
        job->fail(QWebEngineUrlRequestJob::UrlNotFound);
        return;
    }
    ++m_served;
    job->reply(offer.mimeType, file); // streamed from disk by QtWebEngine
}
