#include "VendorAccounts.h"

#include "Crypto.h"
#include "DomainError.h"
#include "SecretStore.h"
#include "VendorStore.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <mutex>

#include <sodium.h>

Q_LOGGING_CATEGORY(lcAccounts, "wamator.accounts")

namespace {

const QString kHmacKeyName = QStringLiteral("api-key-hmac");
const QString kEncKeyName = QStringLiteral("api-key-enc");
const QString kAdminTokenName = QStringLiteral("admin-token");
constexpr int kKeyBytes = 32; // HMAC-SHA256 and secretbox keys
constexpr int kMaxPasswordChars = 1024;

DomainError invalidCredentials()
{
    return DomainError(DomainError::Kind::Unauthorized, QStringLiteral("invalid_credentials"),
                       QStringLiteral("Wrong email or password"));
}

// A hash to verify against when the email is unknown, so that an unknown email costs the same
// Argon2 time as a wrong password and response times do not reveal which emails exist.
const QString &dummyHash()
{
    static std::once_flag once;
    static QString hash;
    std::call_once(once, [] { hash = Crypto::hashPassword(Crypto::generateToken(16)); });
    return hash;
}

bool isValidEmail(const QString &email)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$"));
    return email.size() <= 254 && re.match(email).hasMatch();
}

bool looksLikeApiKey(const QString &key)
{
    if (key.size() != 2 * kKeyBytes)
        return false;
    for (const QChar c : key)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

} // namespace

VendorAccounts::VendorAccounts(VendorStore &vendors, SecretStore &secrets)
    : m_vendors(vendors), m_secrets(secrets)
{
}

void VendorAccounts::init(const QString &adminTokenFile)
{
    if (!Crypto::init())
        throw DomainError::internal(QStringLiteral("libsodium could not be initialised"));

    const auto loadKey = [this](const QString &name) {
        const std::optional<QByteArray> stored = m_secrets.read(name);
        if (stored) {
            if (stored->size() != kKeyBytes)
                throw DomainError(DomainError::Kind::Unavailable,
                                  QStringLiteral("secret_store_corrupt"),
                                  QStringLiteral("The secret \"%1\" in the %2 secret store has the "
                                                 "wrong size (%3 bytes instead of %4)")
                                      .arg(name, m_secrets.backendName())
                                      .arg(stored->size())
                                      .arg(kKeyBytes));
            return *stored;
        }
        const QByteArray fresh = Crypto::randomBytes(kKeyBytes);
        if (!m_secrets.write(name, fresh))
            throw DomainError(DomainError::Kind::Unavailable,
                              QStringLiteral("secret_store_unavailable"),
                              QStringLiteral("Cannot save the secret \"%1\" in the %2 secret store")
                                  .arg(name, m_secrets.backendName()));
        qCInfo(lcAccounts).noquote() << "generated a new" << name << "key in the"
                                     << m_secrets.backendName() << "secret store";
        return fresh;
    };
    m_hmacKey = loadKey(kHmacKeyName);
    m_encKey = loadKey(kEncKeyName);

    // The admin token: environment > token file > the stored (generated) one.
    const QString fromEnv = qEnvironmentVariable("WAMATOR_ADMIN_TOKEN").trimmed();
    QString file = adminTokenFile;
    if (file.isEmpty())
        file = qEnvironmentVariable("WAMATOR_ADMIN_TOKEN_FILE").trimmed();
    if (!fromEnv.isEmpty()) {
        m_adminToken = fromEnv;
        m_adminTokenSource = QStringLiteral("environment");
    } else if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            throw DomainError(DomainError::Kind::Unavailable,
                              QStringLiteral("admin_token_file_unreadable"),
                              QStringLiteral("Cannot read the admin token file %1: %2")
                                  .arg(file, f.errorString()));
        const QString token = QString::fromUtf8(f.read(4096)).trimmed();
        if (token.isEmpty())
            throw DomainError(DomainError::Kind::Unavailable,
                              QStringLiteral("admin_token_file_empty"),
                              QStringLiteral("The admin token file %1 is empty").arg(file));
        m_adminToken = token;
        m_adminTokenSource = QStringLiteral("file");
    } else {
        const std::optional<QByteArray> stored = m_secrets.read(kAdminTokenName);
        if (stored && !stored->trimmed().isEmpty()) {
            m_adminToken = QString::fromUtf8(stored->trimmed());
        } else {
            const QString token = Crypto::generateToken(32);
            if (!m_secrets.write(kAdminTokenName, token.toUtf8()))
                throw DomainError(
                    DomainError::Kind::Unavailable, QStringLiteral("secret_store_unavailable"),
                    QStringLiteral("Cannot save the admin token in the %1 secret store")
                        .arg(m_secrets.backendName()));
            m_adminToken = token;
            qCInfo(lcAccounts) << "generated the admin token (the GUI shows it)";
        }
        m_adminTokenSource = QStringLiteral("secret_store");
    }
}

VendorAccounts::Issued VendorAccounts::registerVendor(const QString &name, const QString &email,
                                                      const QString &password,
                                                      const QString &companyName,
                                                      const QString &phoneNumber)
{
    Vendor v;
    v.name = name.trimmed();
    v.email = email.trimmed().toLower();
    v.companyName = companyName.trimmed();
    v.phoneNumber = phoneNumber.trimmed();
    if (v.name.isEmpty())
        throw DomainError::validation(QStringLiteral("name"), QStringLiteral("name is required"));
    if (v.email.isEmpty())
        throw DomainError::validation(QStringLiteral("email"), QStringLiteral("email is required"));
    if (!isValidEmail(v.email))
        throw DomainError::validation(QStringLiteral("email"),
                                      QStringLiteral("email is not a valid email address"));
    const qsizetype pwChars = password.toUcs4().size();
    if (pwChars < 8)
        throw DomainError::validation(QStringLiteral("password"),
                                      QStringLiteral("password must be at least 8 characters"));
    if (pwChars > kMaxPasswordChars)
        throw DomainError::validation(
            QStringLiteral("password"),
            QStringLiteral("password must be at most %1 characters").arg(kMaxPasswordChars));
    if (v.companyName.isEmpty())
        throw DomainError::validation(QStringLiteral("company_name"),
                                      QStringLiteral("company_name is required"));
    if (v.phoneNumber.isEmpty())
        throw DomainError::validation(QStringLiteral("phone_number"),
                                      QStringLiteral("phone_number is required"));

    const QString passwordHash = Crypto::hashPassword(password);
    if (passwordHash.isEmpty())
        throw DomainError::internal(QStringLiteral("Cannot hash the password"));
    const QString key = Crypto::generateApiKey();
    Issued issued;
    issued.vendor = m_vendors.create(v, passwordHash, Crypto::hmacHex(m_hmacKey, key),
                                     Crypto::encrypt(m_encKey, key));
    issued.apiKey = key;
    return issued;
}

VendorAccounts::Issued VendorAccounts::login(const QString &email, const QString &password)
{
    const auto found = m_vendors.findForLogin(email.trimmed().toLower());
    if (!found) {
        Crypto::verifyPassword(password, dummyHash());
        throw invalidCredentials();
    }
    if (!Crypto::verifyPassword(password, found->second))
        throw invalidCredentials();

    Issued issued;
    issued.vendor = found->first;
    const std::optional<QString> encrypted = m_vendors.currentEncryptedKey(issued.vendor.id);
    if (encrypted)
        issued.apiKey = Crypto::decrypt(m_encKey, *encrypted);
    if (issued.apiKey.isEmpty()) {
        // No key, or one sealed with an encryption key that is gone (secrets reset): give the
        // vendor a working key rather than a login that cannot be used.
        qCWarning(lcAccounts) << "vendor" << issued.vendor.id
                              << "had no readable API key at login; issued a new one";
        issued.apiKey = rotateKey(issued.vendor.id);
    }
    return issued;
}

QString VendorAccounts::currentKey(qint64 vendorId) const
{
    if (!m_vendors.find(vendorId))
        throw DomainError::notFound(QStringLiteral("vendor"));
    const std::optional<QString> encrypted = m_vendors.currentEncryptedKey(vendorId);
    return encrypted ? Crypto::decrypt(m_encKey, *encrypted) : QString();
}

QString VendorAccounts::rotateKey(qint64 vendorId)
{
    if (!m_vendors.find(vendorId))
        throw DomainError::notFound(QStringLiteral("vendor"));
    const QString key = Crypto::generateApiKey();
    m_vendors.rotateKey(vendorId, Crypto::hmacHex(m_hmacKey, key), Crypto::encrypt(m_encKey, key));
    return key;
}

std::optional<qint64> VendorAccounts::authenticate(const QString &apiKey) const
{
    const QString key = apiKey.trimmed();
    if (!looksLikeApiKey(key))
        return std::nullopt;
    return m_vendors.vendorForKeyHash(Crypto::hmacHex(m_hmacKey, key));
}

QString VendorAccounts::adminToken() const
{
    return m_adminToken;
}

QString VendorAccounts::regenerateAdminToken()
{
    if (m_adminTokenSource == QLatin1String("environment") ||
        m_adminTokenSource == QLatin1String("file"))
        throw DomainError::conflict(
            QStringLiteral("admin_token_managed_externally"),
            m_adminTokenSource == QLatin1String("environment")
                ? QStringLiteral("The admin token is set by WAMATOR_ADMIN_TOKEN")
                : QStringLiteral("The admin token is set by a token file"));
    const QString token = Crypto::generateToken(32);
    if (!m_secrets.write(kAdminTokenName, token.toUtf8()))
        throw DomainError(DomainError::Kind::Unavailable,
                          QStringLiteral("secret_store_unavailable"),
                          QStringLiteral("Cannot save the admin token in the %1 secret store")
                              .arg(m_secrets.backendName()));
    m_adminToken = token;
    m_adminTokenSource = QStringLiteral("secret_store");
    return token;
}

bool VendorAccounts::checkAdminToken(const QString &token) const
{
    if (m_adminToken.isEmpty())
        return false;
    const QByteArray a = token.toUtf8();
    const QByteArray b = m_adminToken.toUtf8();
    // Only the length can leak, and tokens have a fixed, public length.
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}
