#pragma once

// A CoreServices on a real SQLite file with two vendors, their users, numbers, contacts and a
// subscription, for the inbound and opt-out tests. Header-only, like StoreFixture.

#include "CoreServices.h"
#include "DomainError.h"
#include "TestSupport.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "contacts/ContactService.h"
#include "inbound/InboundMessage.h"
#include "messaging/MessageComposer.h"
#include "numbers/NumberStore.h"
#include "platform/Clock.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>
#include <memory>

class InboundFixture
{
public:
    // John's phone: a contact of user A1 and of vendor B's user; not of A2.
    static inline const QString kJohn = QStringLiteral("2348031234567");
    static inline const QString kMary = QStringLiteral("2348031234568");
    static inline const QString kStranger = QStringLiteral("2348039999999");

    InboundFixture()
    {
        dir = std::make_unique<TempDataDir>();
        core = makeCoreServices(*dir);
        vendorA = registerVendor(QStringLiteral("a@example.com"));
        vendorB = registerVendor(QStringLiteral("b@example.com"));
        userA1 = makeUser(vendorA, QStringLiteral("a1@example.com"));
        userA2 = makeUser(vendorA, QStringLiteral("a2@example.com"));
        userB1 = makeUser(vendorB, QStringLiteral("b1@example.com"));
        numberA1 = core->numbers()
                       .add(vendorA, userA1, QStringLiteral("2348030000001"), QString(), true)
                       .id;
        numberA1b = core->numbers()
                        .add(vendorA, userA1, QStringLiteral("2348030000002"), QString(), true)
                        .id;
        numberA2 = core->numbers()
                       .add(vendorA, userA2, QStringLiteral("2348030000003"), QString(), true)
                       .id;
        numberB1 = core->numbers()
                       .add(vendorB, userB1, QStringLiteral("2348030000004"), QString(), true)
                       .id;
        subscribe(userA1, 1000);
        subscribe(userA2, 1000);
        ContactService(*core).add(
            vendorA, userA1,
            QJsonArray{
                QJsonObject{{"name", "John"}, {"phone_number", QString(QLatin1Char('+') + kJohn)}},
                QJsonObject{{"name", "Mary"},
                            {"phone_number", QString(QLatin1Char('+') + kMary)}}});
        ContactService(*core).add(
            vendorA, userA2,
            QJsonArray{QJsonObject{{"name", "Mary"},
                                   {"phone_number", QString(QLatin1Char('+') + kMary)}}});
        ContactService(*core).add(
            vendorB, userB1,
            QJsonArray{QJsonObject{{"name", "John B"},
                                   {"phone_number", QString(QLatin1Char('+') + kJohn)}}});
        johnA1 = contactId(userA1, kJohn);
        maryA1 = contactId(userA1, kMary);
        maryA2 = contactId(userA2, kMary);
        johnB1 = contactId(userB1, kJohn);
    }
    ~InboundFixture()
    {
        core.reset();
        dir.reset();
    }

    qint64 registerVendor(const QString &email)
    {
        return core->accounts()
            .registerVendor(QStringLiteral("V"), email, QStringLiteral("password1"),
                            QStringLiteral("V"), QStringLiteral("08031230000"))
            .vendor.id;
    }
    qint64 makeUser(qint64 vendorId, const QString &email)
    {
        AppUser u;
        u.name = QStringLiteral("U");
        u.email = email;
        return core->users().create(vendorId, u).id;
    }
    void subscribe(qint64 userId, int maxMessages)
    {
        Plan p;
        p.name = QStringLiteral("P");
        p.maxPhoneNumbers = 5;
        p.maxMessages = maxMessages;
        const Plan plan = core->plans().create(p);
        Subscription s;
        s.appUserId = userId;
        s.planId = plan.id;
        s.startsAt = Clock::nowMs() - 1000;
        s.endsAt = Clock::nowMs() + 86400000LL;
        core->subscriptions().create(s);
    }
    qint64 contactId(qint64 userId, const QString &phone)
    {
        return scalar(QStringLiteral("SELECT id FROM contact_lists WHERE app_user_id = ? AND "
                                     "phone_number = ?"),
                      {userId, phone})
            .toLongLong();
    }

    // Queues one pending message per phone from the user (the real path: MessageComposer).
    MessageComposer::Outcome queue(qint64 vendorId, qint64 userId, const QStringList &phones,
                                   const QString &text = QStringLiteral("Hello"))
    {
        MessageComposer::Request r;
        r.userId = userId;
        for (const QString &p : phones)
            r.recipients << MessageComposer::Recipient{QStringLiteral("+") + p, {}};
        r.message = text;
        return MessageComposer(*core).compose(vendorId, r);
    }

    // A page-style incoming message, as the listener builds it (owner filled by the caller or
    // the recorder).
    static InboundMessage text(const QString &waId, const QString &phone, const QString &body,
                               qint64 receivedAtMs = 1765000000000)
    {
        InboundMessage m;
        m.waMessageId = waId;
        m.fromPhone = phone;
        m.chatWid = phone + QStringLiteral("@c.us");
        m.type = QStringLiteral("text");
        m.body = body;
        m.receivedAtMs = receivedAtMs;
        return m;
    }
    InboundMessage owned(InboundMessage m, qint64 vendorId, qint64 userId, qint64 numberId) const
    {
        m.vendorId = vendorId;
        m.appUserId = userId;
        m.numberId = numberId;
        return m;
    }

    QVariant scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(core->database().connection());
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }
    int count(const QString &sql, const QVariantList &binds = {})
    {
        return scalar(sql, binds).toInt();
    }

    std::unique_ptr<TempDataDir> dir;
    std::unique_ptr<CoreServices> core;
    qint64 vendorA = 0, vendorB = 0;
    qint64 userA1 = 0, userA2 = 0, userB1 = 0;
    qint64 numberA1 = 0, numberA1b = 0, numberA2 = 0, numberB1 = 0;
    qint64 johnA1 = 0, maryA1 = 0, maryA2 = 0, johnB1 = 0;
};

// The DomainError code `f` throws, or "".
inline QString errorCode(const std::function<void()> &f)
{
    try {
        f();
    } catch (const DomainError &e) {
        return e.code();
    }
    return QString();
}
