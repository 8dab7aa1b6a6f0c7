#pragma once

#include <QObject>
#include <QReadWriteLock>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariant>

// Typed application settings, stored in the database's `settings` table so the GUI and a
// headless run share them. Environment variables override the stored value at start-up
// (WAMATOR_DEFAULT_REGION, WAMATOR_MAX_BODY_BYTES, ...; see docs/configuration.md).
// Setters write through and emit changed(key) so services apply them without a restart.
class Settings : public QObject
{
    Q_OBJECT
public:
    explicit Settings(QString connectionName, QObject *parent = nullptr);

    // Loads stored values and applies environment overrides.
    void load();

    QString defaultRegion() const; // "NG"
    void setDefaultRegion(const QString &region);

    QString listenAddress() const; // "127.0.0.1"
    void setListenAddress(const QString &address);
    int port() const; // 3000
    void setPort(int port);

    qint64 maxBodyBytes() const;            // 1 MiB
    int maxConnections() const;             // 512
    int idleTimeoutSeconds() const;         // 30
    QStringList corsAllowedOrigins() const; // empty
    QStringList allowedHosts() const;       // empty: Host names the API answers besides its
                                            // own address ("*": any; docs/configuration.md)
    int loginMaxFailures() const;           // 5
    int loginWindowSeconds() const;         // 900
    int loginBanSeconds() const;            // 900

    // Sessions
    QString userAgent() const; // "" = a desktop Chrome of the running engine (EngineInfo)
    void setUserAgent(const QString &ua);
    int engineMinChromium() const;   // 118: older engines get a warning on the Sessions page
    int qrTimeoutSeconds() const;    // 90 (the original's failsafe)
    int qrMaxRefreshes() const;      // 5
    int maxConcurrentStarts() const; // 3
    // The page watchdog (docs/sessions.md)
    int pageLoadTimeoutSeconds() const; // 60: hello → WhatsApp's module API
    int pageHeartbeatSeconds() const;   // 15: adapter ping interval
    int pageHangSeconds() const;        // 30: an unanswered ping this long = hung page
    int pageRecoveryAttempts() const;   // 3 per start, then `failed`
    int pageRecoveryDelayMs() const;    // 2000, doubling per attempt...
    int pageRecoveryMaxDelayMs() const; // 30000 ...up to this

    // Pipeline (real numbers; sandbox numbers have no pacing)
    bool pacingEnabled() const;         // true; WAMATOR_PACING=0 turns pacing off for
                                        // real numbers too (tests). When off, the delay
                                        // and typing getters below return 0.
    int pacingMinDelayMs() const;       // 4000
    int pacingMaxDelayMs() const;       // 12000
    int typingMsPerChar() const;        // 40 (capped at typingMaxMs)
    int typingMaxMs() const;            // 5000
    int dailyCapPerNumber() const;      // 1000
    bool pacingSandbox() const;         // false: sandbox numbers are not paced
    int retryBaseDelayMs() const;       // 2000: first retry after a transient failure
    int messageTtlSeconds() const;      // 86400
    int maxSendAttempts() const;        // 5
    bool allowPrivateMediaUrls() const; // false: file_url may not reach private addresses

    // Opt-out (OptOutService, docs/inbound.md): keywords are compared as whole messages,
    // trimmed, case- and accent-insensitive.
    QStringList optOutKeywords() const;         // optout/keywords: STOP, STOPP, UNSUBSCRIBE, …
    QStringList optInKeywords() const;          // optout/optin_keywords: START, UNSTOP
    bool optOutConfirmationEnabled() const;     // optout/confirmation_enabled: false
    QString optOutConfirmationTemplate() const; // optout/confirmation_template

    // Webhooks (docs/webhooks.md)
    bool webhooksAllowPrivateAddresses() const; // false: endpoints may not be private/loopback
    int webhooksRetentionDays() const;          // 30: the delivery log is pruned after this
    int webhooksMaxInFlight() const;            // 4 requests at a time per endpoint

    // Number checks (NumberCheckService, docs/api.md "Number check")
    int checksCacheDays() const;  // checks/cache_days: 7, an answer is not asked again before
    int checksMinDelayMs() const; // checks/min_delay_ms: 1500 between lookups on one number
    int checksMaxDelayMs() const; // checks/max_delay_ms: 4000
    // Warm-up of new real numbers (SendWindowPolicy, docs/pipeline.md)
    bool warmupEnabled() const;        // warmup/enabled: true
    QList<int> warmupSchedule() const; // warmup/schedule: day 1, day 2, … limits
    QString warmupTimeZone() const;    // warmup/time_zone: "" = the system's
    bool warmupApplyToSandbox() const; // warmup/apply_to_sandbox: false (tests)

    QString language() const; // "" = system locale
    void setLanguage(const QString &language);

    // Generic access for the settings page and tests. Keys are the snake_case names of
    // docs/configuration.md ("default_region", "port", ...). value() of an unknown key is an
    // invalid QVariant; setValue() throws DomainError validation_failed (details.field = key)
    // for an unknown key or an invalid value, and writes through to the database.
    QVariant value(const QString &key) const;
    void setValue(const QString &key, const QVariant &value);
    static QStringList keys();
    static QVariant defaultValue(const QString &key);
    // The environment variable that overrides `key`, or "" if none.
    static QString environmentVariable(const QString &key);
    // True when the running value of `key` came from its environment variable.
    bool isOverriddenByEnvironment(const QString &key) const;

Q_SIGNALS:
    void changed(const QString &key);

private:
    // Checks and converts a value for `key`; throws DomainError validation_failed.
    QVariant coerce(const QString &key, const QVariant &raw) const;
    void store(const QString &key, const QVariant &value);

    QString m_connection;
    QVariantHash m_values;
    QSet<QString> m_fromEnvironment;
    // Services on worker threads (the dispatcher) read settings the GUI thread may change.
    mutable QReadWriteLock m_lock;
};
