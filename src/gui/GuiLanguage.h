#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QTranslator;

// Loads the window's translations (compiled into the binary under :/i18n) and Qt's own for
// the standard dialogs, by the language setting or else the system locale. Switching installs
// the new translators at once; widgets retranslate on QEvent::LanguageChange.
class GuiLanguage
{
    Q_DECLARE_TR_FUNCTIONS(GuiLanguage)

public:
    // "" = system locale. Returns the language actually used ("en" when none matched).
    static QString apply(const QString &language);
    static QString current();
    static QStringList available(); // en, fr, pt_BR
};
