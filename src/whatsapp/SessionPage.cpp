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
    const QString text = QStringLiteral("%1 %2:%3: %4")
                             .arg(m_sessionId, sourceID, QString::number(lineNumber),
                                  message.left(2000));
    switch (level) {
    case ErrorMessageLevel:
        qCWarning(lcPage).noquote() << "error" << text;
        break;
    case WarningMessageLevel:
        qCInfo(lcPage).noquote() << "warning" << text;
        break;
    default:
        qCDebug(lcPage).noquote() << text;
        break;
    }
}
