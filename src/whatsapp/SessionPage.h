#pragma once

#include <QWebEnginePage>

// A session's page: forwards the page's console warnings and errors (the adapter's own
// included) to the log category wamator.whatsapp.page, so an outdated adapter or a broken
// override can be diagnosed from the log file (docs/sessions.md).
class SessionPage : public QWebEnginePage
{
    Q_OBJECT
public:
    SessionPage(QWebEngineProfile *profile, QString sessionId, QObject *parent = nullptr);

protected:
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceID) override;

private:
    QString m_sessionId;
};
