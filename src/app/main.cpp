#include <QCommandLineParser>
#include <QCoreApplication>

// Interim entry point until the layers land (see the lead's pending wiring).
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("wamator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(WAMATOR_VERSION));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    return 0;
}
