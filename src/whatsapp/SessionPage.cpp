#include "SessionPage.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPage, "wamator.whatsapp.page")

SessionPage::SessionPage(QWebEngineProfile *profile, QString sessionId, QObject *parent)
    : QWebEnginePage(profile, parent), m_sessionId(std::move(sessionId))
{
}

void SessionPage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                           const QString &message, int lineNumber,
                                           const QString &sourceID)
{
    // WhatsApp Web logs a lot at info level; keep warnings and errors, and everything at debug.
    const QString text =
        QStringLiteral("%1 %2:%3: %4")
            .arg(m_sessionId, sourceID, QString::number(lineNumber), message.left(2000));
    switch (level) {
    case ErrorMessageLevel:
        qCWarning(lcPage).noquote() << "error" << text;
        Q_EMIT consoleError(message);
        break;
    case WarningMessageLevel:
        qCInfo(lcPage).noquote() << "warning" << text;
        break;
    default:
        qCDebug(lcPage).noquote() << text;
        break;
    }
}

bool SessionPage::sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) {
        const QString scheme = u.scheme().toLower();
        return u.port(scheme == QLatin1String("https")  ? 443
                      : scheme == QLatin1String("http") ? 80
                                                        : -1);
    };
    return a.isValid() && b.isValid() && !a.scheme().isEmpty() &&
           a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

bool SessionPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    // Frames below the main one get neither the adapter nor the bridge (runsOnSubFrames is
    // off, the web channel lives in the ApplicationWorld), so they may go where WhatsApp sends
    // them.
    if (!isMainFrame || sameOrigin(url, m_home))
        return QWebEnginePage::acceptNavigationRequest(url, type, isMainFrame);
    qCWarning(lcPage).noquote() << m_sessionId << "refused navigation away from"
                                << m_home.toDisplayString(QUrl::RemoveQuery | QUrl::RemovePath)
                                << "to" << url.toDisplayString(QUrl::RemoveQuery);
    Q_EMIT navigationRefused(url);
    return false;
}
