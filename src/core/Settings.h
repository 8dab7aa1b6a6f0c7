#pragma once

#include <QObject>
#include <QString>
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

    QString defaultRegion() const;            // "NG"
    void setDefaultRegion(const QString &region);

    QString listenAddress() const;            // "127.0.0.1"
    void setListenAddress(const QString &address);
    int port() const;                          // 3000
    void setPort(int port);

    qint64 maxBodyBytes() const;               // 1 MiB
    int maxConnections() const;                // 512
    int idleTimeoutSeconds() const;            // 30
    QStringList corsAllowedOrigins() const;    // empty
    int loginMaxFailures() const;              // 5
    int loginWindowSeconds() const;            // 900
    int loginBanSeconds() const;               // 900

    // Sessions
    QString userAgent() const;                 // a current desktop Chrome UA
    void setUserAgent(const QString &ua);
    int qrTimeoutSeconds() const;              // 90 (the original's failsafe)
    int qrMaxRefreshes() const;                // 5
    int maxConcurrentStarts() const;           // 3

    // Pipeline (real numbers; sandbox numbers have no pacing)
    int pacingMinDelayMs() const;              // 4000
    int pacingMaxDelayMs() const;              // 12000
    int typingMsPerChar() const;               // 40 (capped at typingMaxMs)
    int typingMaxMs() const;                   // 5000
    int dailyCapPerNumber() const;             // 1000
    int messageTtlSeconds() const;             // 86400
    int maxSendAttempts() const;               // 5
    bool allowPrivateMediaUrls() const;        // true

    QString language() const;                  // "" = system locale
    void setLanguage(const QString &language);

    // Generic access for the settings page and tests.
    QVariant value(const QString &key) const;
    void setValue(const QString &key, const QVariant &value);

Q_SIGNALS:
    void changed(const QString &key);

private:
    QString m_connection;
    QVariantHash m_values;
};
