#pragma once

// A real SQLite file in a temp dir, opened and migrated, plus helpers to create vendors and
// users, for the store tests. Header-only so each test executable takes what it uses.

#include "DomainError.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/VendorStore.h"
#include "contacts/ContactStore.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QStringList>
#include <QUuid>
#include <QVariant>
#include <functional>
#include <memory>

class StoreFixture
{
public:
    StoreFixture()
        : m_db(std::make_unique<Database>(
            m_dir.file(QStringLiteral("wamator.sqlite")),
            QStringLiteral("store-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces)))
    {
        m_db->open();
    }
    ~StoreFixture()
    {
        m_db->close();
    }

    QString conn() const { return m_db->connectionName(); }
    Database &database() { return *m_db; }
    const TempDataDir &dir() const { return m_dir; }

    qint64 vendor(const QString &email)
    {
        VendorStore vendors(conn());
        Vendor v;
        v.name = QStringLiteral("Vendor ") + email;
        v.email = email;
        return vendors.create(v, QStringLiteral("hash"), QStringLiteral("key-") + email,
                              QStringLiteral("enc-") + email)
            .id;
    }
    qint64 user(qint64 vendorId, const QString &email)
    {
        AppUserStore users(conn());
        AppUser u;
        u.name = QStringLiteral("User ") + email;
        u.email = email;
        return users.create(vendorId, u).id;
    }

    // A single value from raw SQL (checks the stores cannot fake).
    QVariant scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }

private:
    TempDataDir m_dir;
    std::unique_ptr<Database> m_db;
};

// The DomainError `f` throws, or nullopt (QVERIFY on the result).
inline std::optional<DomainError> thrown(const std::function<void()> &f)
{
    try {
        f();
    } catch (const DomainError &e) {
        return e;
    }
    return std::nullopt;
}

// A contact with the fields the contact and search tests vary.
inline Contact contact(const QString &name, const QString &phone, const QString &email = {},
                       const QString &company = {})
{
    Contact c;
    c.name = name;
    c.phoneNumber = phone;
    c.email = email;
    c.companyName = company;
    return c;
}

// The names on a page of contacts, in order.
inline QStringList names(const ContactStore::Page &page)
{
    QStringList out;
    for (const Contact &c : page.contacts)
        out << c.name;
    return out;
}
