#pragma once

#include <QString>
#include <QUrl>
#include <QWebEngineUrlSchemeHandler>

// The built-in WhatsApp Web simulator (sandbox numbers, tests) is served from the application's
// resources through its own URL scheme, `wamator-sim://simulator/`. A fixed origin matters: the
// simulator keeps its pairing and received messages in IndexedDB, which is stored per origin, so
// a loopback HTTP server (new port every run) would lose them on restart.
class SimulatorScheme
{
public:
    // Registers the scheme with QtWebEngine. Must run before the QGuiApplication/QApplication
    // is created (the app's main() and every WebEngine test call it); calling it twice is fine.
    static void registerScheme();

    static QByteArray schemeName();
    // The simulator page, e.g. pageUrl("refMs=500&missing=WAWebCmd") for tests.
    static QUrl pageUrl(const QString &query = {});
};

// Serves ":/whatsapp/simulator/*" for wamator-sim://simulator/*. Install it on each profile
// that loads the simulator: profile->installUrlSchemeHandler(SimulatorScheme::schemeName(), h).
class SimulatorSchemeHandler : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
public:
    explicit SimulatorSchemeHandler(QObject *parent = nullptr);
    void requestStarted(QWebEngineUrlRequestJob *job) override;
};
