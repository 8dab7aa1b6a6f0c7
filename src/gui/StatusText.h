#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QString>

// Words and colours for session states and message statuses, the same on every page.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)

public:
    static QString sessionState(const QString &state);
    static QColor sessionColor(const QString &state);
    static QString sessionReason(const QString &reason);
    static QString messageStatus(const QString &status);
    static QColor messageColor(const QString &status);
};
