#pragma once

#include "webhooks/WebhookEndpoint.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class EventBus;
class Settings;
class WebhookOutbox;

// A vendor's webhook endpoints (webhook_endpoints, docs/webhooks.md): the rules of creating,
// changing and removing them (at most kMaxEndpoints per vendor, the URL address policy, known
// event names), their signing secrets (encrypted at rest with a key from the SecretStore, shown
// once, rotation keeps the previous one signing for 24 hours) and their health as the deliverer
// records it. The API and the window both come here.
//
// Every vendor-facing call takes the vendor id and answers NotFound for another vendor's
// endpoint. The calls by endpoint id alone (secrets, setDisabled, markFailing, markHealthy,
// endpoint) are the deliverer's.
//
// Every write invalidates WebhookOutbox's "who listens" cache for the vendor.
class WebhookStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxEndpoints = 10;
    static constexpr qint64 kPreviousSecretTtlMs = 24LL * 3600 * 1000;
    static constexpr int kMaxUrlLength = 2048;
    static constexpr int kMaxDescriptionLength = 500;

    // encKey: 32 bytes (crypto_secretbox key) from the SecretStore ("webhook-secret-enc").
    WebhookStore(QString connectionName, QByteArray encKey, Settings &settings, EventBus &events,
                 WebhookOutbox &outbox, QObject *parent = nullptr);

    struct Created
    {
        WebhookEndpoint endpoint;
        QString secret; // "whsec_<base64>": shown to the vendor once
    };
    // Validation: url (invalid_url | url_not_allowed), events (unknown_event, or empty),
    // description too long, app_user_id not a user of the vendor (NotFound "user");
    // Conflict webhook_limit at kMaxEndpoints.
    Created create(qint64 vendorId, const QString &url, const QStringList &events,
                   qint64 appUserId = 0, const QString &description = QString());

    QList<WebhookEndpoint> list(qint64 vendorId) const;             // by id
    WebhookEndpoint find(qint64 vendorId, qint64 endpointId) const; // NotFound "webhook"

    // Only the fields that are set change. appUserId 0 = widen to every user; description
    // "" = none. Setting enabled = true on a disabled endpoint clears disabled_* and
    // failing_since (delivery resumes where it stopped: its pending rows are still there).
    struct Patch
    {
        std::optional<QString> url;
        std::optional<QStringList> events;
        std::optional<qint64> appUserId;
        std::optional<QString> description;
        std::optional<bool> enabled;
    };
    WebhookEndpoint update(qint64 vendorId, qint64 endpointId, const Patch &patch);
    // Its deliveries go with it (ON DELETE CASCADE); the events other endpoints share stay.
    void remove(qint64 vendorId, qint64 endpointId);
    // A new secret (returned, shown once); the old one keeps signing for kPreviousSecretTtlMs.
    QString rotateSecret(qint64 vendorId, qint64 endpointId);

    // --- the deliverer's calls (by endpoint id; no vendor check) ---
    std::optional<WebhookEndpoint> endpoint(qint64 endpointId) const;
    // Every enabled endpoint of every vendor (the deliverer's work list).
    QList<WebhookEndpoint> enabledEndpoints() const;
    // The plaintext secrets that sign now: the current first, then the previous one while its
    // 24 hours last (Clock). Empty for an unknown endpoint.
    QStringList secrets(qint64 endpointId) const;
    // Disables the endpoint with `reason` (failing_3_days | gone) and publishes
    // WebhookDisabledEvent on the EventBus (callers do not publish it). No-op (false) if it
    // was already disabled or is gone.
    bool setDisabled(qint64 endpointId, const QString &reason);
    // The failing streak: markFailing sets failing_since to sinceMs if it is not set yet;
    // markHealthy clears it.
    void markFailing(qint64 endpointId, qint64 sinceMs);
    void markHealthy(qint64 endpointId);

    // The URL rules (throws Validation invalid_url / url_not_allowed): http or https with a
    // host; a literal address or a host name that is always refused (link-local, cloud
    // metadata); private and loopback literal addresses and "localhost" unless
    // webhooks/allow_private_addresses. Names are resolved again at delivery time.
    void checkUrl(const QString &url) const;

Q_SIGNALS:
    // An endpoint of the vendor was created, changed, disabled or removed.
    void changed(qint64 vendorId, qint64 endpointId);

private:
    QString newSecret() const;
    QString seal(const QString &secret) const;
    QStringList checkedEvents(const QStringList &events) const;
    void checkUser(qint64 vendorId, qint64 appUserId) const;

    QString m_connection;
    QByteArray m_encKey;
    Settings &m_settings;
    EventBus &m_events;
    WebhookOutbox &m_outbox;
};
