#pragma once

#include <QCoreApplication>
#include <QString>

class DomainError;
class QWidget;

// Turns a core DomainError into words for the operator, in the window's language: known codes
// get a translated sentence, anything else falls back to the core's (English) message.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    static QString describe(const DomainError &error);
    static QString fieldName(const QString &apiField);
    // A modal warning with the description; returns nothing, the caller just stops.
    static void show(QWidget *parent, const QString &action, const DomainError &error);
};
