#pragma once

#include <QJsonObject>
#include <QObject>

// The C++ end of the page bridge, published over QWebChannel to the ApplicationWorld script
// (resources/whatsapp/adapter/bridge.js). Messages are JSON strings in both directions.
class SessionBridge : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Called by the page: one adapter event.
    Q_INVOKABLE void fromPage(const QString &json);
    // To the page: one request.
    void send(const QJsonObject &message);

Q_SIGNALS:
    void toPage(const QString &json);
    void received(const QJsonObject &message);
};
