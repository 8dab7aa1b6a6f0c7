#pragma once

#include "Events.h"

#include <QJsonObject>
#include <QMetaMethod>
#include <QObject>

#include <utility>

// In-process fan-out of vendor-visible events (docs/api.md "WebSocket events"; their types live
// in Events.h). Core and whatsapp publish typed events; listeners take them by type (on<T>)
// and the API's WebSocket hub takes their JSON (published), built in one place.
class EventBus : public QObject
{
    Q_OBJECT
public:
    explicit EventBus(QObject *parent = nullptr) : QObject(parent)
    {
        qRegisterMetaType<Event>(); // queued to listeners on other threads
    }

    void publish(qint64 vendorId, const Event &event)
    {
        Q_EMIT occurred(vendorId, event);
        // The JSON only when someone takes it (EventHub builds its own, once per event, only
        // when a socket wants it): a batch's status events cost no second copy each.
        static const QMetaMethod json = QMetaMethod::fromSignal(&EventBus::published);
        if (isSignalConnected(json))
            Q_EMIT published(vendorId, Events::toJson(event));
    }

    // Calls f(vendorId, const E &) in context's thread for every published event of type E.
    template <class E, class F> QMetaObject::Connection on(const QObject *context, F f)
    {
        return connect(this, &EventBus::occurred, context,
                       [f = std::move(f)](qint64 vendorId, const Event &event) {
                           if (const E *e = std::get_if<E>(&event))
                               f(vendorId, *e);
                       });
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
    // Every event, typed (Events.h).
    void occurred(qint64 vendorId, const Event &event);
    // The same event as the exact JSON object the WebSocket sends, including "event" and
    // "user_id" (Events::toJson).
    void published(qint64 vendorId, const QJsonObject &payload);
    void messagesQueued(qint64 vendorId, qint64 appUserId);
    void numberRemoved(qint64 vendorId, qint64 numberId, const QString &sessionId);
    void vendorKeysRevoked(qint64 vendorId);
    void vendorRemoved(qint64 vendorId);
};
