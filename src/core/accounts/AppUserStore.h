#pragma once

#include "Entities.h"

#include <optional>

class AppUserStore
{
public:
    explicit AppUserStore(QString connectionName);

    // Email trimmed + lower-cased, unique per vendor: Conflict "email_taken".
    AppUser create(qint64 vendorId, const AppUser &user);
    std::optional<AppUser> find(qint64 vendorId, qint64 userId) const;
    // The user if it is the vendor's, else NotFound "user": another vendor's user is answered
    // like one that does not exist. The one "user of this vendor, or 404" of the API and the
    // window; stores on other connections use AppUserStore(theirConnection).
    AppUser requireUserOfVendor(qint64 vendorId, qint64 userId) const;
    // limit <= 0: all. page is 1-based.
    QList<AppUser> list(qint64 vendorId, int page = 1, int limit = 0) const;
    int count(qint64 vendorId) const;
    struct Patch
    {
        std::optional<QString> name, email, companyName, externalUserId;
        std::optional<QuietHours> quietHours; // off: QuietHours{}
    };
    AppUser update(qint64 vendorId, qint64 userId, const Patch &patch); // NotFound / email_taken
    // Deletes the user with its numbers, contacts and subscriptions (FK cascade); message
    // history stays. Returns false if not found. Callers stop the numbers' sessions first.
    bool remove(qint64 vendorId, qint64 userId);

    // Goes up after every change to app_users made in this process (any vendor, any thread,
    // and the cascade of a vendor's deletion). A reader that keeps a copy of users (the API's
    // users list) notes the value before reading and knows its copy is stale when it moved.
    static quint64 changeCount();
    static void noteChanged();

private:
    QString m_connection;
};
