#pragma once

#include <QHash>
#include <QString>
#include <QUrl>
#include <QWebEngineUrlSchemeHandler>

// Media files reach the WhatsApp page through their own URL scheme, `wamator-media:<token>`,
// instead of as base64 inside the adapter request: the page reads the bytes straight from
// MediaFetcher's cache file (QWebEngineUrlRequestJob streams the QFile), so a send costs no
// JSON/base64 copies in this process and the web channel carries only the URL.
//
// Who can read a file: the handler is installed per session profile (another number's page
// cannot reach it), a token is 256 random bits, good for one read and withdrawn when the send
// ends, and only a request made by the session's own page origin is served.
class MediaScheme
{
public:
    // Registers the scheme with QtWebEngine. Must run before the application object exists;
    // SimulatorScheme::registerScheme() calls it (every WebEngine entry point calls that one).
    static void registerScheme();
    static QByteArray schemeName();
};

class MediaSchemeHandler : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
public:
    // pageUrl: the session's page; only requests from its origin are served.
    explicit MediaSchemeHandler(const QUrl &pageUrl, QObject *parent = nullptr);

    void setPageUrl(const QUrl &pageUrl) { m_pageUrl = pageUrl; }
    // A one-time URL for the file; empty when the file cannot be opened.
    QUrl offer(const QString &path, const QString &mimeType);
    // Forgets an offer that was not read (the send ended without it).
    void withdraw(const QUrl &url);
    int offersOpen() const { return int(m_offers.size()); }
    int served() const { return m_served; }
    int refused() const { return m_refused; }

    void requestStarted(QWebEngineUrlRequestJob *job) override;

private:
    struct Offer
    {
        QString path;
        QByteArray mimeType;
    };
    QUrl m_pageUrl;
    QHash<QString, Offer> m_offers; // token → file
    int m_served = 0;
    int m_refused = 0;
};
