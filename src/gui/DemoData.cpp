#include "DemoData.h"

#include "CoreServices.h"
#include "DomainError.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "contacts/ContactStore.h"
#include "inbound/InboundRecorder.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberRegistry.h"
#include "platform/Clock.h"

#include <QRandomGenerator>
#include <QUuid>

namespace {
const char *const kFirst[] = {"Amaka", "Chidi", "Ngozi", "Tunde", "Bisi", "Emeka", "Funmi",
                              "Ifeanyi", "Kemi", "Segun", "Zainab", "Musa", "Aisha", "Femi",
                              "Yemi", "Obinna", "Chioma", "Kunle", "Halima", "Dayo"};
const char *const kLast[] = {"Okafor", "Adeyemi", "Balogun", "Eze", "Ibrahim", "Okonkwo",
                             "Bello", "Nwosu", "Afolabi", "Danjuma", "Ogunleye", "Umeh"};
const char *const kCompanies[] = {"Lekki Foods", "Ikeja Motors", "Yaba Tech Hub", "Surulere Pharmacy",
                                  "Ajah Fashion House", ""};
const char *const kTiers[] = {"gold", "silver", "bronze"};
} // namespace

DemoData::Seeded DemoData::seed(CoreServices &core)
{
    if (!core.vendors().listAllForOperator().isEmpty())
        throw DomainError::conflict(QStringLiteral("not_empty"),
                                    QStringLiteral("Demo data goes into an empty data directory."));
    Seeded s;
    const VendorAccounts::Issued issued = core.accounts().registerVendor(
        QStringLiteral("Ada Nwachukwu"), QStringLiteral("ada@lagosbakery.example"),
        QStringLiteral("demo-password-1"), QStringLiteral("Lagos Bakery Ltd"),
        QStringLiteral("+2348031110000"));
    s.vendorId = issued.vendor.id;
    s.apiKey = issued.apiKey;
    core.accounts().registerVendor(QStringLiteral("Kofi Mensah"), QStringLiteral("kofi@accrashop.example"),
                                   QStringLiteral("demo-password-2"), QStringLiteral("Accra Shop"),
                                   QStringLiteral("+233201234567"));

    AppUser user;
    user.name = QStringLiteral("Victoria Island branch");
    user.email = QStringLiteral("vi@lagosbakery.example");
    user.companyName = QStringLiteral("Lagos Bakery Ltd");
    user.externalUserId = QStringLiteral("branch-vi");
    s.userId = core.users().create(s.vendorId, user).id;
    AppUser second;
    second.name = QStringLiteral("Ikeja branch");
    second.email = QStringLiteral("ikeja@lagosbakery.example");
    core.users().create(s.vendorId, second);

    Plan starter;
    starter.name = QStringLiteral("Starter");
    starter.maxPhoneNumbers = 2;
    starter.maxMessages = 5000;
    starter.periodDays = 30;
    Plan business;
    business.name = QStringLiteral("Business");
    business.maxPhoneNumbers = 10;
    business.maxMessages = 100000;
    business.periodDays = 30;
    const qint64 planId = core.plans().create(business).id;
    core.plans().create(starter);
    Subscription sub;
    sub.appUserId = s.userId;
    sub.planId = planId;
    sub.startsAt = Clock::nowMs() - 20LL * 86400000;
    sub.endsAt = Clock::nowMs() + 40LL * 86400000;
    core.subscriptions().create(sub);

    NumberRegistry numbers(core);
    s.readyNumberId = numbers.add(s.vendorId, s.userId, QStringLiteral("+2348035550101"),
                                  QStringLiteral("Orders"), true).id;
    s.qrNumberId = numbers.add(s.vendorId, s.userId, QStringLiteral("+2348035550202"),
                               QStringLiteral("Support"), true).id;

    // Contacts with stable pseudo-random details.
    QRandomGenerator rng(2026);
    QList<Contact> contacts;
    for (int i = 0; i < 320; ++i) {
        Contact c;
        const QString first = QString::fromLatin1(kFirst[rng.bounded(int(std::size(kFirst)))]);
        const QString last = QString::fromLatin1(kLast[rng.bounded(int(std::size(kLast)))]);
        c.name = first + QLatin1Char(' ') + last;
        c.nickname = first;
        c.phoneNumber = QStringLiteral("234803%1").arg(2000000 + i * 37, 7, 10, QLatin1Char('0'));
        c.email = QStringLiteral("%1.%2%3@mail.example").arg(first.toLower(), last.toLower()).arg(i);
        c.companyName = QString::fromLatin1(kCompanies[rng.bounded(int(std::size(kCompanies)))]);
        c.customerTier = QString::fromLatin1(kTiers[rng.bounded(int(std::size(kTiers)))]);
        c.messageOptIn = rng.bounded(20) != 0;
        c.averageSpend = double(rng.bounded(2000, 90000)) / 10.0;
        contacts << c;
    }
    core.contacts().addMany(s.vendorId, s.userId, contacts);

    // Two weeks of history, as if the bakery had been sending daily: rows are written at their
    // own (past) time and moved along the status path right away.
    const qint64 day = 86400000;
    for (int d = 13; d >= 1; --d) {
        Clock::setOffsetForTesting(-d * day);
        const int count = 15 + rng.bounded(40);
        QList<Message> batch;
        const QString batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (int i = 0; i < count; ++i) {
            Message m;
            m.batchId = batchId;
            m.vendorId = s.vendorId;
            m.appUserId = s.userId;
            m.fromNumberId = s.readyNumberId;
            m.recipient = contacts.at(rng.bounded(int(contacts.size()))).phoneNumber;
            m.message = QStringLiteral("Good morning! Fresh agege bread and meat pies are ready for pick-up today.");
            m.expiresAt = Clock::nowMs() + day;
            batch << m;
        }
        const QList<Message> stored = core.messages().insertBatch(s.vendorId, batch);
        for (const Message &m : stored) {
            const qint64 at = Clock::nowMs() + 60000;
            const int roll = rng.bounded(100);
            if (roll < 4) {
                core.messages().advance(s.vendorId, m.id, MessageStatus::Failed, at,
                                        QStringLiteral("not_on_whatsapp"));
                continue;
            }
            core.messages().advance(s.vendorId, m.id, MessageStatus::Sent, at);
            if (roll < 12)
                continue;
            core.messages().advance(s.vendorId, m.id, MessageStatus::Delivered, at + 5000);
            if (roll < 45)
                continue;
            core.messages().advance(s.vendorId, m.id, MessageStatus::Read, at + 600000);
        }
    }
    Clock::setOffsetForTesting(0);

    // Some customers answered the last batch (the Conversations page): questions, an order
    // photo, one unknown sender, and one STOP that the opt-out rule applies like a real one.
    struct Reply
    {
        int contact; // index into contacts, -1: a phone not in the list
        const char *type;
        const char *text; // body, or the caption of media
        const char *file;
        int minutesAgo;
    };
    static const Reply kReplies[] = {
        {3, "text", "Please keep two meat pies for me, I'll come at 5.", nullptr, 340},
        {3, "text", "Thank you!", nullptr, 300},
        {17, "text", "What time do you close today?", nullptr, 250},
        {42, "image", "This is the cake I want for Saturday", "cake-idea.jpg", 180},
        {42, "text", "Can you do it in blue?", nullptr, 178},
        {-1, "text", "Hello, I got this number from a friend. Do you deliver to Yaba?", nullptr,
         95},
        {88, "text", "STOP", nullptr, 60},
        {120, "document", "", "invoice-1123.pdf", 20},
    };
    QList<InboundMessage> replies;
    int n = 0;
    for (const Reply &r : kReplies) {
        InboundMessage m;
        m.fromPhone =
            r.contact >= 0 ? contacts.at(r.contact).phoneNumber : QStringLiteral("2348091234567");
        m.chatWid = m.fromPhone + QStringLiteral("@c.us");
        m.type = QString::fromLatin1(r.type);
        if (m.type == InboundMessage::kText) {
            m.body = QString::fromUtf8(r.text);
        } else {
            m.caption = QString::fromUtf8(r.text);
            m.filename = QString::fromLatin1(r.file);
            m.mimetype = m.type == QLatin1String("image") ? QStringLiteral("image/jpeg")
                                                          : QStringLiteral("application/pdf");
            m.size = 180000 + 1000 * n;
        }
        m.waMessageId = QStringLiteral("DEMO%1").arg(++n);
        m.receivedAtMs = Clock::nowMs() - qint64(r.minutesAgo) * 60000;
        replies << m;
    }
    core.inboundRecorder().recordNow(s.vendorId, s.readyNumberId, replies);
    return s;
}
