#pragma once

#include <QUrl>
#include <QWebEnginePage>

// A session's page: forwards the page's console warnings and errors (the adapter's own
// included) to the log category wamator.whatsapp.page, so an outdated adapter or a broken
// override can be diagnosed from the log file (docs/sessions.md).
//
// It also stays on its origin: the adapter and the bridge are injected into every document
// of the main frame, and whatever runs there can talk to the bridge (DOM events), so a link,
// redirect or script that would take the main frame elsewhere (another site, file:, data:)
// is refused. The origin is that of the session's URL: https://web.whatsapp.com for real
// numbers, wamator-sim://simulator for sandbox ones.
class SessionPage : public QWebEnginePage
{
    Q_OBJECT
public:
    SessionPage(QWebEngineProfile *profile, QString sessionId, QObject *parent = nullptr);

    // Main-frame navigations are allowed only to URLs of the same scheme, host and port as
    // `url`. An empty URL allows none.
    void setHomeUrl(const QUrl &url) { m_home = url; }
    static bool sameOrigin(const QUrl &a, const QUrl &b);

Q_SIGNALS:
    void navigationRefused(const QUrl &url);
    // A console error of the page (an uncaught exception among them): the session's watchdog
    // reads the ones that say the engine broke WhatsApp's scripts (`cr:1234 is not defined`).
    void consoleError(const QString &message);

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceID) override;
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;

private:
    QString m_sessionId;
    QUrl m_home;
};
