#include "GuiLanguage.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {
QTranslator *g_app = nullptr;
QTranslator *g_qt = nullptr;
QString g_current = QStringLiteral("en");
} // namespace

QStringList GuiLanguage::available()
{
    return {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("pt_BR")};
}

QString GuiLanguage::current()
{
    return g_current;
}

QString GuiLanguage::apply(const QString &language)
{
    for (QTranslator **t : {&g_app, &g_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    g_current = QStringLiteral("en");
    auto *app = new QTranslator;
    // QTranslator::load(locale, …) tries pt_BR, then pt, in the order the user prefers.
    if (app->load(locale, QStringLiteral("wamator"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(app);
        g_app = app;
        g_current = locale.name().startsWith(QLatin1String("pt")) ? QStringLiteral("pt_BR")
                                                                  : locale.name().left(2);
    } else if (app->load(QStringLiteral(":/i18n/wamator_en.qm"))) {
        // No translation for this language: English, with its plural forms ("1 contact").
        QCoreApplication::installTranslator(app);
        g_app = app;
    } else {
        delete app;
    }
    if (g_app && g_current != QLatin1String("en")) {
        auto *qt = new QTranslator;
        if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt);
            g_qt = qt;
        } else {
            delete qt;
        }
    }
    QLocale::setDefault(locale);
    return g_current;
}
