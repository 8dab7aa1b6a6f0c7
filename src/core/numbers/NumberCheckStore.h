#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

class Settings;

// The one home of "is this phone on WhatsApp" (docs/api.md "Number check"): WhatsApp's answers
// in number_checks, per vendor, standing checks/cache_days; each answer is copied to the
// vendor's contacts with that phone (whatsapp_status, whatsapp_checked_at) in the same
// transaction. The number check (NumberCheckService) and the send path (OutboxDispatcher) both
// read and feed it, so a phone is not asked twice within the window whoever asked first.
//
// Per vendor, not global: WhatsApp's answer is the same for everyone, but a shared row would
// tell one vendor which phones another had looked up (and when). A vendor's users share rows:
// they are one tenant, and the contacts of each are updated.
class NumberCheckStore
{
public:
    struct Answer
    {
        bool registered = false;
        qint64 checkedAt = 0;
    };

    NumberCheckStore(QString connectionName, const Settings &settings);

    // The answer still standing at `nowMs` (younger than checks/cache_days), or nullopt.
    std::optional<Answer> known(qint64 vendorId, const QString &phone, qint64 nowMs) const;
    // The same for many phones at once (normalised digits); phones without one are absent.
    QHash<QString, Answer> knownMany(qint64 vendorId, const QStringList &phones,
                                     qint64 nowMs) const;
    // Stores WhatsApp's answer and updates the vendor's contacts with this phone.
    void record(qint64 vendorId, const QString &phone, bool registered, qint64 nowMs);

    qint64 cacheMs() const;

private:
    QString m_connection;
    const Settings &m_settings;
};
