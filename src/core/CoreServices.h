#pragma once

#include <QObject>
#include <QString>
#include <memory>

class Database;
class Settings;
class SecretStore;
class EventBus;
class PhoneNormalizer;
class VendorStore;
class AppUserStore;
class NumberStore;
class PlanStore;
class SubscriptionStore;
class SubscriptionService;
class ContactStore;
class NumberCheckStore;
class MessageStore;
class VendorAccounts;
class InboundStore;
class InboundRecorder;
class OptOutService;
class WebhookStore;
class WebhookOutbox;
class SendWindowPolicy;

// Wires the core for one data directory: the database (opened and migrated), settings, secrets,
// the stores on the owning thread's connection, accounts and the event bus. The app, the API,
// the GUI and tests all start from one of these.
class CoreServices : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString dataDir;
        std::unique_ptr<SecretStore> secrets; // null → SecretStore::create(dataDir)
        QString adminTokenFile;               // --admin-token-file
    };
    explicit CoreServices(Options options, QObject *parent = nullptr);
    ~CoreServices() override;

    // Opens the database, loads settings, keys and the admin token. Throws DomainError with a
    // message fit for the user (newer schema, unreadable file, unwritable directory).
    void open();

    QString dataDir() const;
    QString databasePath() const; // <data>/wamator.sqlite
    QString profilesDir() const;  // <data>/profiles
    QString logsDir() const;      // <data>/logs

    Database &database();
    Settings &settings();
    SecretStore &secrets();
    EventBus &events();
    PhoneNormalizer &phones(); // follows settings().defaultRegion()
    VendorStore &vendors();
    AppUserStore &users();
    NumberStore &numbers();
    PlanStore &plans();
    SubscriptionStore &subscriptions();
    // The rules of plans and subscriptions (active check, plan limits, extending): the API
    // and the window share this one.
    SubscriptionService &subscriptionService();
    ContactStore &contacts();
    // "Is this phone on WhatsApp": the answers of number checks and sends, per vendor.
    NumberCheckStore &numberChecks();
    MessageStore &messages();
    VendorAccounts &accounts();
    // Messages customers sent (received_messages): recording exactly once, the vendor's reads.
    InboundStore &inbound();
    // The one path from the pages to the store (coalesced batches, events, opt-out keywords).
    InboundRecorder &inboundRecorder();
    // The opt-out rules (keywords, operator opt-in with a reason, cancelling pending messages).
    OptOutService &optOuts();
    // A vendor's webhook endpoints and their secrets (docs/webhooks.md).
    WebhookStore &webhooks();
    // Stages webhook events inside the producers' transactions; test and replay.
    WebhookOutbox &webhookOutbox();
    // When a message may leave: quiet hours and the warm-up's daily limit (the dispatcher's
    // gate; the API and the window show the numbers' "left today").
    SendWindowPolicy &sendWindow();

private:
    struct Private;
    std::unique_ptr<Private> d;
};
