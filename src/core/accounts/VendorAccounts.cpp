#include "accounts/VendorAccounts.h"

#include "DomainError.h"
#include "accounts/VendorStore.h"
#include "contacts/PhoneNormalizer.h"
#include "security/Crypto.h"
#include "security/SecretStore.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>

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

DomainError adminTokenTooShort(const QString &origin, qsizetype length)
{
    return DomainError(DomainError::Kind::Unavailable, QStringLiteral("admin_token_too_short"),
                       QStringLiteral("The admin token from %1 has %2 characters; it must have "
                                      "at least %3 (for example the output of `openssl rand -hex "
                                      "32`)")
                           .arg(origin)
                           .arg(length)
                           .arg(VendorAccounts::MinAdminTokenLength));
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

VendorAccounts::VendorAccounts(VendorStore &vendors, SecretStore &secrets,
                               const PhoneNormalizer &phones)
    : m_vendors(vendors), m_secrets(secrets), m_phones(phones)
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
    {
        const QMutexLocker lock(&m_keyHashesMutex);
        m_keyHashes.clear(); // hashes under another HMAC key
    }
    m_encKey = loadKey(kEncKeyName);

    // The admin token: environment > token file > the stored (generated) one.
    const QString fromEnv = qEnvironmentVariable("WAMATOR_ADMIN_TOKEN").trimmed();
    QString file = adminTokenFile;
    if (file.isEmpty())
        file = qEnvironmentVariable("WAMATOR_ADMIN_TOKEN_FILE").trimmed();
    if (!fromEnv.isEmpty()) {
        if (fromEnv.size() < MinAdminTokenLength)
            throw adminTokenTooShort(QStringLiteral("WAMATOR_ADMIN_TOKEN"), fromEnv.size());
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
        if (token.size() < MinAdminTokenLength)
            throw adminTokenTooShort(QStringLiteral("the file %1").arg(file), token.size());
        m_adminToken = token;
        m_adminTokenSource = QStringLiteral("file");
    } else {
        const std::optional<QByteArray> stored = m_secrets.read(kAdminTokenName);
        const QString storedToken = stored ? QString::fromUtf8(stored->trimmed()) : QString();
        if (storedToken.size() >= MinAdminTokenLength) {
            m_adminToken = storedToken;
        } else {
            // Wamator generates 64 characters; a shorter stored one was put there by hand and
            // is too weak to keep. The window shows the new one.
            if (!storedToken.isEmpty())
                qCWarning(lcAccounts) << "the stored admin token is shorter than"
                                      << MinAdminTokenLength << "characters; generated a new one";
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

QString VendorAccounts::normalizedPhone(const QString &raw) const
{
    const QString trimmed = raw.trimmed();
    if (trimmed.isEmpty())
        throw DomainError::validation(QStringLiteral("phone_number"),
                                      QStringLiteral("phone_number is required"));
    const std::optional<QString> e164 = m_phones.normalize(trimmed);
    if (!e164)
        throw DomainError::validation(
            QStringLiteral("phone_number"),
            QStringLiteral("phone_number is not a valid phone number (international with +, or "
                           "national in region %1)")
                .arg(m_phones.defaultRegion()));
    return *e164;
}

VendorAccounts::Registration VendorAccounts::checkRegistration(const QString &name,
                                                               const QString &email,
                                                               const QString &password,
                                                               const QString &companyName,
                                                               const QString &phoneNumber) const
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
    v.phoneNumber = normalizedPhone(v.phoneNumber);
    // Before any Argon2id: a taken email costs a query, not 64 MiB and a core.
    if (m_vendors.emailTaken(v.email))
        throw DomainError::conflict(QStringLiteral("email_taken"),
                                    QStringLiteral("A vendor with this email already exists"));
    return Registration{v, password};
}

VendorAccounts::Issued VendorAccounts::completeRegistration(const Registration &registration,
                                                            const QString &passwordHash)
{
    if (passwordHash.isEmpty())
        throw DomainError::internal(QStringLiteral("Cannot hash the password"));
    const QString key = Crypto::generateApiKey();
    Issued issued;
    issued.vendor =
        m_vendors.create(registration.vendor, passwordHash, Crypto::hmacHex(m_hmacKey, key),
                         Crypto::encrypt(m_encKey, key));
    issued.apiKey = key;
    return issued;
}

VendorAccounts::Issued VendorAccounts::registerVendor(const QString &name, const QString &email,
                                                      const QString &password,
                                                      const QString &companyName,
                                                      const QString &phoneNumber)
{
    const Registration r = checkRegistration(name, email, password, companyName, phoneNumber);
    return completeRegistration(r, Crypto::hashPassword(r.password));
}

Vendor VendorAccounts::updateProfile(qint64 vendorId, const std::optional<QString> &name,
                                     const std::optional<QString> &companyName,
                                     const std::optional<QString> &phoneNumber)
{
    std::optional<QString> n, company, phone;
    if (name) {
        n = name->trimmed();
        if (n->isEmpty())
            throw DomainError::validation(QStringLiteral("name"),
                                          QStringLiteral("name must not be empty"));
    }
    if (companyName)
        company = companyName->trimmed();
    if (phoneNumber)
        phone = normalizedPhone(*phoneNumber);
    return m_vendors.update(vendorId, n, company, phone);
}

VendorAccounts::LoginCheck VendorAccounts::lookupLogin(const QString &email) const
{
    LoginCheck check;
    if (const auto found = m_vendors.findForLogin(email.trimmed().toLower())) {
        check.vendor = found->first;
        check.passwordHash = found->second;
    }
    return check;
}

VendorAccounts::Issued VendorAccounts::login(const QString &email, const QString &password)
{
    const LoginCheck check = lookupLogin(email);
    return completeLogin(check, Crypto::verifyPassword(password, check.passwordHash));
}

VendorAccounts::Issued VendorAccounts::completeLogin(const LoginCheck &check, bool passwordMatches)
{
    if (!check.vendor || check.passwordHash.isEmpty() || !passwordMatches)
        throw invalidCredentials();
    // The vendor may have gone while its password was being verified elsewhere.
    const std::optional<Vendor> vendor = m_vendors.find(check.vendor->id);
    if (!vendor)
        throw invalidCredentials();

    Issued issued;
    issued.vendor = *vendor;
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
    return m_vendors.vendorForKeyHash(keyHash(key));
}

QString VendorAccounts::keyHash(const QString &key) const
{
    // Every authenticated request presents its key again, and the HMAC was the largest part of
    // authenticating it (P1, docs/performance.md). The HMAC of a key never changes, so it is
    // remembered for a bounded set of keys; whether the hash still names a valid key is asked
    // of the VendorStore every time, so a rotated or removed key is refused as before. Holding
    // keys in memory exposes nothing new: this process holds the key that decrypts every
    // stored key (m_encKey).
    {
        const QMutexLocker lock(&m_keyHashesMutex);
        const auto it = m_keyHashes.constFind(key);
        if (it != m_keyHashes.cend())
            return *it;
    }
    const QString hash = Crypto::hmacHex(m_hmacKey, key);
    const QMutexLocker lock(&m_keyHashesMutex);
    if (m_keyHashes.size() >= kMaxRememberedKeyHashes)
        m_keyHashes.clear(); // a spray of valid-looking keys: start again rather than grow
    m_keyHashes.insert(key, hash);
    return hash;
}

qsizetype VendorAccounts::rememberedKeyHashes() const
{
    const QMutexLocker lock(&m_keyHashesMutex);
    return m_keyHashes.size();
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
