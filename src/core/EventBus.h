#pragma once

#include <QJsonObject>
#include <QObject>

// In-process fan-out of vendor-visible events (api.md WebSocket events). Core and whatsapp
// publish; the API's WebSocket hub and the GUI subscribe. Payload is the exact JSON object the
// socket sends, including "event" and "user_id".
class EventBus : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    void publish(qint64 vendorId, const QJsonObject &payload)
    {
        Q_EMIT published(vendorId, payload);
    }

    // A number (or its user) was deleted: its session must log out and its profile data go.
    void announceNumberRemoved(qint64 vendorId, qint64 numberId, const QString &sessionId)
    {
        Q_EMIT numberRemoved(vendorId, numberId, sessionId);
    }

    // New pending rows were committed for a user: the dispatcher takes them now instead of at
    // its next poll (which would add up to a poll interval to every message's latency).
    void announceMessagesQueued(qint64 vendorId, qint64 appUserId)
    {
        Q_EMIT messagesQueued(vendorId, appUserId);
    }

    // Every API key of the vendor stopped working (rotation) or the vendor is gone: whatever
    // was authenticated with one of its keys earlier (open event sockets) must end now.
    void announceVendorKeysRevoked(qint64 vendorId) { Q_EMIT vendorKeysRevoked(vendorId); }
    void announceVendorRemoved(qint64 vendorId) { Q_EMIT vendorRemoved(vendorId); }

Q_SIGNALS:
    void published(qint64 vendorId, const QJsonObject &payload);
    void messagesQueued(qint64 vendorId, qint64 appUserId);
    void numberRemoved(qint64 vendorId, qint64 numberId, const QString &sessionId);
    void vendorKeysRevoked(qint64 vendorId);
    void vendorRemoved(qint64 vendorId);
};
