#include "webhooks/WebhookStore.h"

#include "DomainError.h"
#include "EventBus.h"
#include "messaging/MediaFetcher.h"
#include "platform/Clock.h"
#include "platform/Settings.h"
#include "security/Crypto.h"
#include "storage/SqlSupport.h"
#include "webhooks/WebhookOutbox.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {

const QString kColumns = QStringLiteral(
    "id, api_consumer_id, app_user_id, url, events, description, enabled, disabled_reason,"
    " disabled_at, failing_since, created_at, updated_at");

WebhookEndpoint readEndpoint(const QSqlQuery &q)
{
    WebhookEndpoint e;
    e.id = q.value(0).toLongLong();
    e.vendorId = q.value(1).toLongLong();
    e.appUserId = q.value(2).toLongLong();
    e.url = q.value(3).toString();
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array())
        e.events << v.toString();
    e.description = SqlSupport::text(q, 5);
    e.enabled = q.value(6).toInt() != 0;
    e.disabledReason = SqlSupport::text(q, 7);
    e.disabledAt = q.value(8).toLongLong();
    e.failingSince = q.value(9).toLongLong();
    e.createdAt = q.value(10).toLongLong();
    e.updatedAt = q.value(11).toLongLong();
    return e;
}

QString eventsJson(const QStringList &events)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(events)).toJson(QJsonDocument::Compact));
}

[[noreturn]] void badUrl(const QString &code, const QString &message)
{
    throw DomainError(DomainError::Kind::Validation, code, message,
                      QJsonObject{{QStringLiteral("field"), QStringLiteral("url")}});
}

constexpr int kSecretBytes = 32; // Standard Webhooks: 24..64

} // namespace

WebhookStore::WebhookStore(QString connectionName, QByteArray encKey, Settings &settings,
                           EventBus &events, WebhookOutbox &outbox, QObject *parent)
    : QObject(parent), m_connection(std::move(connectionName)), m_encKey(std::move(encKey)),
      m_settings(settings), m_events(events), m_outbox(outbox)
{
}

void WebhookStore::checkUrl(const QString &raw) const
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        badUrl(QStringLiteral("invalid_url"), QStringLiteral("url is required"));
    if (text.size() > kMaxUrlLength)
        badUrl(QStringLiteral("invalid_url"),
               QStringLiteral("url is longer than %1 characters").arg(kMaxUrlLength));
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        url.host().isEmpty())
        badUrl(QStringLiteral("invalid_url"),
               QStringLiteral("url must be an absolute http or https URL with a host"));

    const bool allowPrivate = m_settings.webhooksAllowPrivateAddresses();
    QString host = url.host().toLower();
    while (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    QHostAddress address;
    if (address.setAddress(host)) {
        bool isV4 = false;
        const quint32 v4 = address.toIPv4Address(&isV4); // ::ffff:a.b.c.d is a.b.c.d
        if (isV4)
            address = QHostAddress(v4);
        if (MediaFetcher::isAlwaysRefused(address))
            badUrl(QStringLiteral("url_not_allowed"),
                   QStringLiteral("link-local and cloud metadata addresses are never allowed"));
        if (!allowPrivate && MediaFetcher::isPrivateAddress(address))
            badUrl(QStringLiteral("url_not_allowed"),
                   QStringLiteral("private and loopback addresses are not allowed (setting "
                                  "webhooks/allow_private_addresses)"));
        return;
    }
    if (MediaFetcher::isMetadataHost(host))
        badUrl(QStringLiteral("url_not_allowed"),
               QStringLiteral("cloud metadata hosts are never allowed"));
    if (!allowPrivate &&
        (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost"))))
        badUrl(QStringLiteral("url_not_allowed"),
               QStringLiteral("private and loopback addresses are not allowed (setting "
                              "webhooks/allow_private_addresses)"));
    // Other names are resolved, and their addresses checked, at every delivery (the deliverer).
}

QStringList WebhookStore::checkedEvents(const QStringList &events) const
{
    QStringList out;
    for (const QString &raw : events) {
        const QString e = raw.trimmed();
        if (e == WebhookEndpoint::kAllEvents)
            return {QString(WebhookEndpoint::kAllEvents)}; // everything, now and later
        if (!WebhookEndpoint::eventTypes().contains(e))
            throw DomainError(DomainError::Kind::Validation, QStringLiteral("unknown_event"),
                              QStringLiteral("unknown event type \"%1\" (known: %2, or *)")
                                  .arg(e, WebhookEndpoint::eventTypes().join(QStringLiteral(", "))),
                              QJsonObject{{QStringLiteral("field"), QStringLiteral("events")},
                                          {QStringLiteral("event"), e}});
        if (!out.contains(e))
            out << e;
    }
    if (out.isEmpty())
        throw DomainError::validation(QStringLiteral("events"),
                                      QStringLiteral("events must list at least one event type"));
    return out;
}

void WebhookStore::checkUser(qint64 vendorId, qint64 appUserId) const
{
    if (appUserId == 0)
        return;
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(
        db, QStringLiteral("SELECT 1 FROM app_users WHERE id = ? AND api_consumer_id = ?"),
        {appUserId, vendorId});
    if (appUserId < 0 || !q.next())
        throw DomainError::notFound(QStringLiteral("User"));
}

QString WebhookStore::newSecret() const
{
    return QStringLiteral("whsec_") +
           QString::fromLatin1(Crypto::randomBytes(kSecretBytes).toBase64());
}

QString WebhookStore::seal(const QString &secret) const
{
    return Crypto::encrypt(m_encKey, secret);
}

WebhookStore::Created WebhookStore::create(qint64 vendorId, const QString &url,
                                           const QStringList &events, qint64 appUserId,
                                           const QString &description)
{
    checkUrl(url);
    const QStringList types = checkedEvents(events);
    if (description.size() > kMaxDescriptionLength)
        throw DomainError::validation(
            QStringLiteral("description"),
            QStringLiteral("description is longer than %1 characters").arg(kMaxDescriptionLength));
    checkUser(vendorId, appUserId);

    Created created;
    created.secret = newSecret();
    const qint64 now = Clock::nowMs();
    QSqlDatabase db = SqlSupport::database(m_connection);
    {
        SqlSupport::Transaction tx(db);
        QSqlQuery count = SqlSupport::run(
            db, QStringLiteral("SELECT COUNT(*) FROM webhook_endpoints WHERE api_consumer_id = ?"),
            {vendorId});
        if (count.next() && count.value(0).toInt() >= kMaxEndpoints)
            throw DomainError::conflict(
                QStringLiteral("webhook_limit"),
                QStringLiteral("a vendor has at most %1 webhook endpoints").arg(kMaxEndpoints));
        const QString desc = description.trimmed().isEmpty() ? QString() : description.trimmed();
        const QSqlQuery q = SqlSupport::run(
            db,
            QStringLiteral("INSERT INTO webhook_endpoints (api_consumer_id, app_user_id, url,"
                           " events, description, secret_enc, enabled, created_at, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"),
            {vendorId, SqlSupport::nullableInt(appUserId), url.trimmed(), eventsJson(types),
             SqlSupport::text(desc), seal(created.secret), now, now});
        created.endpoint.id = q.lastInsertId().toLongLong();
        tx.commit();
    }
    m_outbox.invalidate(vendorId);
    created.endpoint = find(vendorId, created.endpoint.id);
    Q_EMIT changed(vendorId, created.endpoint.id);
    return created;
}

QList<WebhookEndpoint> WebhookStore::list(qint64 vendorId) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT ") + kColumns +
                                      QStringLiteral(" FROM webhook_endpoints WHERE"
                                                     " api_consumer_id = ? ORDER BY id"),
                                  {vendorId});
    QList<WebhookEndpoint> out;
    while (q.next())
        out.append(readEndpoint(q));
    return out;
}

WebhookEndpoint WebhookStore::find(qint64 vendorId, qint64 endpointId) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT ") + kColumns +
                                      QStringLiteral(" FROM webhook_endpoints WHERE id = ? AND"
                                                     " api_consumer_id = ?"),
                                  {endpointId, vendorId});
    if (!q.next())
        throw DomainError::notFound(QStringLiteral("Webhook"));
    return readEndpoint(q);
}

WebhookEndpoint WebhookStore::update(qint64 vendorId, qint64 endpointId, const Patch &patch)
{
    const WebhookEndpoint before = find(vendorId, endpointId);
    QStringList sets;
    QVariantList values;
    if (patch.url) {
        checkUrl(*patch.url);
        sets << QStringLiteral("url = ?");
        values << patch.url->trimmed();
    }
    if (patch.events) {
        sets << QStringLiteral("events = ?");
        values << eventsJson(checkedEvents(*patch.events));
    }
    if (patch.appUserId) {
        checkUser(vendorId, *patch.appUserId);
        sets << QStringLiteral("app_user_id = ?");
        values << SqlSupport::nullableInt(*patch.appUserId);
    }
    if (patch.description) {
        if (patch.description->size() > kMaxDescriptionLength)
            throw DomainError::validation(QStringLiteral("description"),
                                          QStringLiteral("description is longer than %1 characters")
                                              .arg(kMaxDescriptionLength));
        const QString d = patch.description->trimmed();
        sets << QStringLiteral("description = ?");
        values << SqlSupport::text(d.isEmpty() ? QString() : d);
    }
    const qint64 now = Clock::nowMs();
    if (patch.enabled && *patch.enabled && !before.enabled) {
        // Re-enabled: the failing streak starts over and the deliveries it kept pending go
        // at once (from where they stopped, in order).
        sets << QStringLiteral("enabled = 1") << QStringLiteral("disabled_reason = NULL")
             << QStringLiteral("disabled_at = NULL") << QStringLiteral("failing_since = NULL");
    } else if (patch.enabled && !*patch.enabled && before.enabled) {
        sets << QStringLiteral("enabled = 0") << QStringLiteral("disabled_reason = 'manual'")
             << QStringLiteral("disabled_at = ?");
        values << now;
    }
    if (sets.isEmpty())
        return before;
    sets << QStringLiteral("updated_at = ?");
    values << now << endpointId << vendorId;
    QSqlDatabase db = SqlSupport::database(m_connection);
    {
        SqlSupport::Transaction tx(db);
        SqlSupport::run(db,
                        QStringLiteral("UPDATE webhook_endpoints SET ") +
                            sets.join(QStringLiteral(", ")) +
                            QStringLiteral(" WHERE id = ? AND api_consumer_id = ?"),
                        values);
        if (patch.enabled && *patch.enabled && !before.enabled)
            SqlSupport::run(db,
                            QStringLiteral("UPDATE webhook_deliveries SET next_attempt_at = 0"
                                           " WHERE endpoint_id = ? AND status = 'pending'"),
                            {endpointId});
        tx.commit();
    }
    m_outbox.invalidate(vendorId);
    Q_EMIT changed(vendorId, endpointId);
    return find(vendorId, endpointId);
}

void WebhookStore::remove(qint64 vendorId, qint64 endpointId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    const QSqlQuery q = SqlSupport::run(
        db, QStringLiteral("DELETE FROM webhook_endpoints WHERE id = ? AND api_consumer_id = ?"),
        {endpointId, vendorId});
    if (q.numRowsAffected() != 1)
        throw DomainError::notFound(QStringLiteral("Webhook"));
    m_outbox.invalidate(vendorId);
    Q_EMIT changed(vendorId, endpointId);
}

QString WebhookStore::rotateSecret(qint64 vendorId, qint64 endpointId)
{
    const QString secret = newSecret();
    const qint64 now = Clock::nowMs();
    QSqlDatabase db = SqlSupport::database(m_connection);
    {
        SqlSupport::Transaction tx(db);
        // The current secret becomes the previous one (a previous one still in its 24 hours is
        // dropped: two rotations within a day leave the last two secrets).
        const QSqlQuery q = SqlSupport::run(
            db,
            QStringLiteral("UPDATE webhook_endpoints SET previous_secret_enc = secret_enc,"
                           " previous_secret_expires_at = ?, secret_enc = ?, updated_at = ?"
                           " WHERE id = ? AND api_consumer_id = ?"),
            {now + kPreviousSecretTtlMs, seal(secret), now, endpointId, vendorId});
        if (q.numRowsAffected() != 1)
            throw DomainError::notFound(QStringLiteral("Webhook"));
        tx.commit();
    }
    Q_EMIT changed(vendorId, endpointId);
    return secret;
}

std::optional<WebhookEndpoint> WebhookStore::endpoint(qint64 endpointId) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT ") + kColumns +
                                      QStringLiteral(" FROM webhook_endpoints WHERE id = ?"),
                                  {endpointId});
    if (!q.next())
        return std::nullopt;
    return readEndpoint(q);
}

QList<WebhookEndpoint> WebhookStore::enabledEndpoints() const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(db, QStringLiteral("SELECT ") + kColumns +
                                          QStringLiteral(" FROM webhook_endpoints WHERE"
                                                         " enabled = 1 ORDER BY id"));
    QList<WebhookEndpoint> out;
    while (q.next())
        out.append(readEndpoint(q));
    return out;
}

QStringList WebhookStore::secrets(qint64 endpointId) const
{
    const QSqlDatabase db = SqlSupport::database(m_connection);
    QSqlQuery q = SqlSupport::run(db,
                                  QStringLiteral("SELECT secret_enc, previous_secret_enc,"
                                                 " previous_secret_expires_at FROM"
                                                 " webhook_endpoints WHERE id = ?"),
                                  {endpointId});
    QStringList out;
    if (!q.next())
        return out;
    const QString current = Crypto::decrypt(m_encKey, q.value(0).toString());
    if (!current.isEmpty())
        out << current;
    const QString previousEnc = SqlSupport::text(q, 1);
    if (!previousEnc.isEmpty() && q.value(2).toLongLong() > Clock::nowMs()) {
        const QString previous = Crypto::decrypt(m_encKey, previousEnc);
        if (!previous.isEmpty())
            out << previous;
    }
    return out;
}

bool WebhookStore::setDisabled(qint64 endpointId, const QString &reason)
{
    const qint64 now = Clock::nowMs();
    QSqlDatabase db = SqlSupport::database(m_connection);
    const QSqlQuery q = SqlSupport::run(
        db,
        QStringLiteral("UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?,"
                       " disabled_at = ?, updated_at = ? WHERE id = ? AND enabled = 1"),
        {reason, now, now, endpointId});
    if (q.numRowsAffected() != 1)
        return false;
    const std::optional<WebhookEndpoint> e = endpoint(endpointId);
    if (!e)
        return false; // removed meanwhile
    m_outbox.invalidate(e->vendorId);
    Q_EMIT changed(e->vendorId, endpointId);
    m_events.publish(e->vendorId,
                     WebhookDisabledEvent{e->appUserId, endpointId, e->url, reason, now});
    return true;
}

void WebhookStore::markFailing(qint64 endpointId, qint64 sinceMs)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::run(db,
                    QStringLiteral("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?"
                                   " AND failing_since IS NULL"),
                    {sinceMs, endpointId});
}

void WebhookStore::markHealthy(qint64 endpointId)
{
    QSqlDatabase db = SqlSupport::database(m_connection);
    SqlSupport::run(db,
                    QStringLiteral("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ?"
                                   " AND failing_since IS NOT NULL"),
                    {endpointId});
}
