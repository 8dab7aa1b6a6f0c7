#include "CoreServices.h"

#include "DomainError.h"
#include "EventBus.h"
#include "accounts/AppUserStore.h"
#include "accounts/PlanStore.h"
#include "accounts/SubscriptionService.h"
#include "accounts/SubscriptionStore.h"
#include "accounts/VendorAccounts.h"
#include "accounts/VendorStore.h"
#include "contacts/ContactStore.h"
#include "contacts/PhoneNormalizer.h"
#include "inbound/InboundRecorder.h"
#include "inbound/InboundStore.h"
#include "inbound/OptOutService.h"
#include "messaging/MessageStore.h"
#include "numbers/NumberCheckStore.h"
#include "numbers/NumberStore.h"
#include "outbox/SendWindowPolicy.h"
#include "platform/Settings.h"
#include "security/Crypto.h"
#include "security/SecretStore.h"
#include "storage/Database.h"
#include "webhooks/WebhookOutbox.h"
#include "webhooks/WebhookStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCore, "wamator.core")

struct CoreServices::Private
{
    Options options;
    QString dataDir;
    bool opened = false;
    std::unique_ptr<Database> database;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<EventBus> events;
    std::unique_ptr<PhoneNormalizer> phones;
    std::unique_ptr<VendorStore> vendors;
    std::unique_ptr<AppUserStore> users;
    std::unique_ptr<NumberStore> numbers;
    std::unique_ptr<PlanStore> plans;
    std::unique_ptr<SubscriptionStore> subscriptions;
    std::unique_ptr<SubscriptionService> subscriptionService;
    std::unique_ptr<ContactStore> contacts;
    std::unique_ptr<NumberCheckStore> numberChecks;
    std::unique_ptr<MessageStore> messages;
    std::unique_ptr<VendorAccounts> accounts;
    std::unique_ptr<InboundStore> inbound;
    std::unique_ptr<OptOutService> optOuts;
    std::unique_ptr<InboundRecorder> inboundRecorder;
    std::unique_ptr<WebhookOutbox> webhookOutbox;
    std::unique_ptr<WebhookStore> webhooks;
    std::unique_ptr<SendWindowPolicy> sendWindow;

    template <typename T> T &require(const std::unique_ptr<T> &p, const char *what) const
    {
        if (!p)
            throw DomainError::internal(
                QStringLiteral("CoreServices::%1() used before open()").arg(QLatin1String(what)));
        return *p;
    }
};

namespace {

// Each CoreServices gets its own connection name so that several can live in one process
// (tests, and a future multi-profile app) without sharing a QSqlDatabase.
QString uniqueConnectionName()
{
    static QAtomicInt counter;
    const int n = counter.fetchAndAddRelaxed(1);
    return n == 0 ? QStringLiteral("wamator") : QStringLiteral("wamator-%1").arg(n);
}

// The key that seals webhook signing secrets in the database (a copy of the database alone
// yields none). Created on first use, like the API-key keys (VendorAccounts).
QByteArray webhookSecretKey(SecretStore &secrets)
{
    const QString name = QStringLiteral("webhook-secret-enc");
    constexpr int kKeyBytes = 32; // crypto_secretbox_KEYBYTES
    if (const std::optional<QByteArray> stored = secrets.read(name)) {
        if (stored->size() != kKeyBytes)
            throw DomainError(DomainError::Kind::Unavailable,
                              QStringLiteral("secret_store_corrupt"),
                              QStringLiteral("The secret \"%1\" in the %2 secret store has the "
                                             "wrong size (%3 bytes instead of %4)")
                                  .arg(name, secrets.backendName())
                                  .arg(stored->size())
                                  .arg(kKeyBytes));
        return *stored;
    }
    const QByteArray fresh = Crypto::randomBytes(kKeyBytes);
    if (!secrets.write(name, fresh))
        throw DomainError(DomainError::Kind::Unavailable,
                          QStringLiteral("secret_store_unavailable"),
                          QStringLiteral("Cannot save the secret \"%1\" in the %2 secret store")
                              .arg(name, secrets.backendName()));
    return fresh;
}

} // namespace

CoreServices::CoreServices(Options options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->dataDir = QDir(options.dataDir).absolutePath();
    d->options = std::move(options);
    d->events = std::make_unique<EventBus>();
    d->phones = std::make_unique<PhoneNormalizer>();
}

CoreServices::~CoreServices()
{
    // Stores and accounts hold only the connection name; the database goes last. The recorder
    // writes what it still holds first.
    if (d->inboundRecorder)
        d->inboundRecorder->flush();
    d->inboundRecorder.reset();
    d->sendWindow.reset();
    d->optOuts.reset();
    d->inbound.reset();
    d->webhooks.reset();
    d->webhookOutbox.reset();
    d->accounts.reset();
    d->messages.reset();
    d->numberChecks.reset();
    d->contacts.reset();
    d->subscriptionService.reset();
    d->subscriptions.reset();
    d->plans.reset();
    d->numbers.reset();
    d->users.reset();
    d->vendors.reset();
    d->settings.reset();
    if (d->database)
        d->database->close();
    d->database.reset();
}

void CoreServices::open()
{
    if (d->opened)
        return;
    if (d->dataDir.isEmpty())
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("data_dir_missing"),
                          QStringLiteral("No data directory was given"));
    if (!QDir().mkpath(d->dataDir) || !QFileInfo(d->dataDir).isWritable())
        throw DomainError(
            DomainError::Kind::Unavailable, QStringLiteral("data_dir_unwritable"),
            QStringLiteral("The data directory %1 cannot be created or is not writable")
                .arg(QDir::toNativeSeparators(d->dataDir)));
    // Owner only (0700): the database, the logs, the WhatsApp profiles (logins) and the
    // secrets live here. An existing directory is tightened too.
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QFile::setPermissions(d->dataDir, ownerOnly);
    for (const QString &dir : {profilesDir(), logsDir()}) {
        QDir().mkpath(dir);
        QFile::setPermissions(dir, ownerOnly);
    }

    if (!Crypto::init())
        throw DomainError::internal(QStringLiteral("libsodium could not be initialised"));

    d->database = std::make_unique<Database>(databasePath(), uniqueConnectionName());
    d->database->open();
    const QString conn = d->database->connectionName();

    d->settings = std::make_unique<Settings>(conn);
    d->settings->load();
    d->phones->setDefaultRegion(d->settings->defaultRegion());
    connect(d->settings.get(), &Settings::changed, this, [this](const QString &key) {
        if (key == QLatin1String("default_region"))
            d->phones->setDefaultRegion(d->settings->defaultRegion());
    });

    d->secrets =
        d->options.secrets ? std::move(d->options.secrets) : SecretStore::create(d->dataDir);

    d->vendors = std::make_unique<VendorStore>(conn, d->events.get());
    d->users = std::make_unique<AppUserStore>(conn);
    d->numbers = std::make_unique<NumberStore>(conn);
    d->plans = std::make_unique<PlanStore>(conn);
    d->subscriptions = std::make_unique<SubscriptionStore>(conn);
    d->subscriptionService = std::make_unique<SubscriptionService>(conn);
    d->contacts = std::make_unique<ContactStore>(conn);
    d->numberChecks = std::make_unique<NumberCheckStore>(conn, *d->settings);
    d->messages = std::make_unique<MessageStore>(conn);

    d->accounts = std::make_unique<VendorAccounts>(*d->vendors, *d->secrets, *d->phones);
    d->accounts->init(d->options.adminTokenFile);

    d->webhookOutbox = std::make_unique<WebhookOutbox>(conn, d->events.get());
    d->webhooks = std::make_unique<WebhookStore>(conn, webhookSecretKey(*d->secrets), *d->settings,
                                                 *d->events, *d->webhookOutbox);

    d->sendWindow = std::make_unique<SendWindowPolicy>(*d->settings, conn);
    d->inbound = std::make_unique<InboundStore>(conn, d->webhookOutbox.get());
    d->optOuts = std::make_unique<OptOutService>(*this);
    d->inboundRecorder = std::make_unique<InboundRecorder>(*this, *d->inbound, *d->optOuts);
    // Before anything is sent: a STOP recorded just before a crash is honoured first.
    d->optOuts->applyPending();

    d->opened = true;
    qCInfo(lcCore).noquote() << "data directory" << d->dataDir
                             << "| secrets:" << d->secrets->backendName();
}

QString CoreServices::dataDir() const
{
    return d->dataDir;
}
QString CoreServices::databasePath() const
{
    return QDir(d->dataDir).filePath(QStringLiteral("wamator.sqlite"));
}
QString CoreServices::profilesDir() const
{
    return QDir(d->dataDir).filePath(QStringLiteral("profiles"));
}
QString CoreServices::logsDir() const
{
    return QDir(d->dataDir).filePath(QStringLiteral("logs"));
}

Database &CoreServices::database()
{
    return d->require(d->database, "database");
}
Settings &CoreServices::settings()
{
    return d->require(d->settings, "settings");
}
SecretStore &CoreServices::secrets()
{
    return d->require(d->secrets, "secrets");
}
EventBus &CoreServices::events()
{
    return *d->events;
}
PhoneNormalizer &CoreServices::phones()
{
    return *d->phones;
}
VendorStore &CoreServices::vendors()
{
    return d->require(d->vendors, "vendors");
}
AppUserStore &CoreServices::users()
{
    return d->require(d->users, "users");
}
NumberStore &CoreServices::numbers()
{
    return d->require(d->numbers, "numbers");
}
PlanStore &CoreServices::plans()
{
    return d->require(d->plans, "plans");
}
SubscriptionStore &CoreServices::subscriptions()
{
    return d->require(d->subscriptions, "subscriptions");
}
SubscriptionService &CoreServices::subscriptionService()
{
    return d->require(d->subscriptionService, "subscriptionService");
}
ContactStore &CoreServices::contacts()
{
    return d->require(d->contacts, "contacts");
}
MessageStore &CoreServices::messages()
{
    return d->require(d->messages, "messages");
}
VendorAccounts &CoreServices::accounts()
{
    return d->require(d->accounts, "accounts");
}
InboundStore &CoreServices::inbound()
{
    return d->require(d->inbound, "inbound");
}
InboundRecorder &CoreServices::inboundRecorder()
{
    return d->require(d->inboundRecorder, "inboundRecorder");
}
OptOutService &CoreServices::optOuts()
{
    return d->require(d->optOuts, "optOuts");
}
WebhookStore &CoreServices::webhooks()
{
    return d->require(d->webhooks, "webhooks");
}
NumberCheckStore &CoreServices::numberChecks()
{
    return d->require(d->numberChecks, "numberChecks");
}

WebhookOutbox &CoreServices::webhookOutbox()
{
    return d->require(d->webhookOutbox, "webhookOutbox");
}
SendWindowPolicy &CoreServices::sendWindow()
{
    return d->require(d->sendWindow, "sendWindow");
}
