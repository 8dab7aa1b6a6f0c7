#pragma once

#include "inbound/InboundMessage.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

class CoreServices;
class Session;
class SessionManager;

// Hears what customers send to each number and hands it to the core's InboundRecorder (the
// one path to received_messages): the messages a session reports as they arrive
// (Session::messagesReceived), and on every `ready` the catch-up — the page's
// `recentMessages` from the number's last recorded message minus kCatchUpOverlapMs, paged —
// so what arrived while Wamator was down, reloading or crashed is recorded too. The unique key
// (number, WhatsApp id) makes the overlap and any re-emission harmless (docs/inbound.md).
// The only place that parses the page's message format (the inbound contract, section 1).
class InboundListener : public QObject
{
    Q_OBJECT
public:
    // Attaches to every session the manager creates from now on (and those it has).
    InboundListener(CoreServices &core, SessionManager &sessions, QObject *parent = nullptr);
    // Attaches to nothing: attach() sessions yourself (tests with a fake Session).
    explicit InboundListener(CoreServices &core, QObject *parent = nullptr);
    ~InboundListener() override;

    void attach(Session *session);

    static constexpr qint64 kCatchUpOverlapMs = 120000;
    static constexpr int kCatchUpPageSize = 500;
    static constexpr int kCatchUpTimeoutMs = 60000;

    // One page message → the row to record (without owner or ids resolved). A message without
    // an id gives an empty waMessageId (not recorded).
    static InboundMessage fromPage(const QJsonObject &pageMessage);
    // The page's type → the stored one: chat → text, ptt → voice, vcard/multi_vcard →
    // contact, others as named.
    static QString storedType(const QString &pageType);
    // The received_at of a message heard live: WhatsApp's whole second (pageMs), or the
    // moment we heard it (nowMs) when that falls within that second.
    static qint64 liveReceivedAtMs(qint64 pageMs, qint64 nowMs);

    // Runs the catch-up of the session now (on `ready` it runs by itself). One at a time per
    // session: a second call while one runs does nothing.
    void catchUp(Session *session);

Q_SIGNALS:
    // A catch-up ended: how many messages it stored that were new; ok false when the page
    // failed to answer (the next `ready` tries again).
    void catchUpFinished(qint64 numberId, int recorded, bool ok);

private:
    void onMessages(Session *session, const QJsonArray &messages);
    void requestPage(QPointer<Session> session, qint64 since, const QString &after, int recorded);

    CoreServices &m_core;
    QHash<qint64, bool> m_catchingUp; // numberId → a catch-up is running
};
