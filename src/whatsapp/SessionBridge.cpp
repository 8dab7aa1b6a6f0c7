#include "SessionBridge.h"

#include <QJsonDocument>


void SessionBridge::fromPage(const QString &json)
{
    // The page is not trusted to be well-formed: ignore anything that is not a JSON object.
    if (json.size() > 64 * 1024 * 1024)
        return;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return;
    Q_EMIT received(doc.object());
}

void SessionBridge::send(const QJsonObject &message)
{
    Q_EMIT toPage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}
