#include "platform/Settings.h"

#include "DomainError.h"
#include "contacts/PhoneNormalizer.h"
#include "platform/JsonNumber.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUrl>

Q_LOGGING_CATEGORY(lcSettings, "wamator.settings")

namespace {

enum class Type
{
    Int,
    Int64,
    Bool,
    String,
    StringList
};

struct Def
{
    QString key;
    Type type;
    QVariant defaultValue;
    QString env; // overriding environment variable, "" if none
    qint64 min = 0;
    qint64 max = 0;
};

// Every setting, its type, default, environment variable and range. docs/configuration.md
// documents the same table; keep them in step.
const QList<Def> &defs()
{
    static const QList<Def> d{
        {QStringLiteral("default_region"), Type::String, QStringLiteral("NG"),
         QStringLiteral("WAMATOR_DEFAULT_REGION")},
        {QStringLiteral("listen_address"), Type::String, QStringLiteral("127.0.0.1"),
         QStringLiteral("WAMATOR_LISTEN")},
        {QStringLiteral("port"), Type::Int, 3000, QStringLiteral("WAMATOR_PORT"), 0, 65535},
        {QStringLiteral("max_body_bytes"), Type::Int64, qint64(1024 * 1024),
         QStringLiteral("WAMATOR_MAX_BODY_BYTES"), 1024, qint64(1024) * 1024 * 1024},
        {QStringLiteral("max_connections"), Type::Int, 512, {}, 1, 100000},
        {QStringLiteral("idle_timeout_seconds"), Type::Int, 30, {}, 1, 3600},
        {QStringLiteral("cors_allowed_origins"), Type::StringList, QStringList(),
         QStringLiteral("WAMATOR_CORS_ORIGINS")},
        // Host names the API answers besides its own address (DNS rebinding guard, api.md).
        {QStringLiteral("allowed_hosts"), Type::StringList, QStringList(),
         QStringLiteral("WAMATOR_ALLOWED_HOSTS")},
        {QStringLiteral("login_max_failures"), Type::Int, 5, {}, 1, 1000},
        {QStringLiteral("login_window_seconds"), Type::Int, 900, {}, 1, 86400},
        {QStringLiteral("login_ban_seconds"), Type::Int, 900, {}, 1, 7 * 86400},
        // "" = a desktop Chrome of the running engine's Chromium major, filled in by the
        // whatsapp layer (EngineInfo): core knows nothing of the engine.
        {QStringLiteral("user_agent"), Type::String, QString(),
         QStringLiteral("WAMATOR_USER_AGENT")},
        // Below this Chromium major the Sessions page warns that real WhatsApp Web may not load.
        {QStringLiteral("engine_min_chromium"), Type::Int, 118,
         QStringLiteral("WAMATOR_ENGINE_MIN_CHROMIUM"), 0, 1000},
        {QStringLiteral("qr_timeout_seconds"), Type::Int, 90,
         QStringLiteral("WAMATOR_QR_TIMEOUT_SECONDS"), 1, 3600},
        {QStringLiteral("qr_max_refreshes"), Type::Int, 5, {}, 0, 100},
        {QStringLiteral("max_concurrent_starts"), Type::Int, 3, {}, 1, 64},
        // The page watchdog (docs/sessions.md): module API in time, heartbeat, recoveries.
        {QStringLiteral("page_load_timeout_seconds"), Type::Int, 60, {}, 1, 3600},
        {QStringLiteral("page_heartbeat_seconds"), Type::Int, 15, {}, 1, 3600},
        {QStringLiteral("page_hang_seconds"), Type::Int, 30, {}, 1, 3600},
        {QStringLiteral("page_recovery_attempts"), Type::Int, 3, {}, 0, 10},
        {QStringLiteral("page_recovery_delay_ms"), Type::Int, 2000, {}, 0, 600000},
        {QStringLiteral("page_recovery_max_delay_ms"), Type::Int, 30000, {}, 0, 3600000},
        {QStringLiteral("pacing_enabled"), Type::Bool, true, QStringLiteral("WAMATOR_PACING")},
        {QStringLiteral("pacing_min_delay_ms"), Type::Int, 4000,
         QStringLiteral("WAMATOR_PACING_MIN_DELAY_MS"), 0, 3600000},
        {QStringLiteral("pacing_max_delay_ms"), Type::Int, 12000,
         QStringLiteral("WAMATOR_PACING_MAX_DELAY_MS"), 0, 3600000},
        {QStringLiteral("typing_ms_per_char"), Type::Int, 40,
         QStringLiteral("WAMATOR_TYPING_MS_PER_CHAR"), 0, 1000},
        {QStringLiteral("typing_max_ms"), Type::Int, 5000, QStringLiteral("WAMATOR_TYPING_MAX_MS"),
         0, 60000},
        {QStringLiteral("daily_cap_per_number"), Type::Int, 1000,
         QStringLiteral("WAMATOR_DAILY_CAP_PER_NUMBER"), 0, 1000000},
        {QStringLiteral("message_ttl_seconds"), Type::Int, 86400,
         QStringLiteral("WAMATOR_MESSAGE_TTL_SECONDS"), 60, 30 * 86400},
        {QStringLiteral("max_send_attempts"), Type::Int, 5,
         QStringLiteral("WAMATOR_MAX_SEND_ATTEMPTS"), 1, 100},
        // Pipeline (docs/pipeline.md): pacing for sandbox numbers too (tests of pacing), and
        // the first retry delay after a transient failure (doubles per attempt, ±25 %).
        {QStringLiteral("pacing_sandbox"), Type::Bool, false,
         QStringLiteral("WAMATOR_PACING_SANDBOX")},
        {QStringLiteral("retry_base_delay_ms"), Type::Int, 2000,
         QStringLiteral("WAMATOR_RETRY_BASE_DELAY_MS"), 1, 600000},
        {QStringLiteral("allow_private_media_urls"), Type::Bool, false,
         QStringLiteral("WAMATOR_ALLOW_PRIVATE_MEDIA_URLS")},
        {QStringLiteral("language"), Type::String, QString(), {}},
        // Opt-out (OptOutService). Keys as the inbound contract names them.
        {QStringLiteral("optout/keywords"),
         Type::StringList,
         QStringList{QStringLiteral("STOP"), QStringLiteral("STOPP"), QStringLiteral("UNSUBSCRIBE"),
                     QStringLiteral("CANCEL"), QStringLiteral("END"), QStringLiteral("QUIT"),
                     QStringLiteral("ARRET"), QStringLiteral("ARRÊT"), QStringLiteral("PARAR"),
                     QStringLiteral("SAIR"), QStringLiteral("CANCELAR")},
         {}},
        {QStringLiteral("optout/optin_keywords"),
         Type::StringList,
         QStringList{QStringLiteral("START"), QStringLiteral("UNSTOP")},
         {}},
        {QStringLiteral("optout/confirmation_enabled"), Type::Bool, false, {}},
        {QStringLiteral("optout/confirmation_template"),
         Type::String,
         QStringLiteral("You will not receive more messages from us. Reply START to subscribe "
                        "again."),
         {}},
        // Webhooks (docs/webhooks.md). Private and loopback receivers are refused by default,
        // like media URLs: an operator who runs the receiver on this machine turns it on.
        {QStringLiteral("webhooks/allow_private_addresses"), Type::Bool, false,
         QStringLiteral("WAMATOR_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES")},
        {QStringLiteral("webhooks/retention_days"), Type::Int, 30, {}, 1, 3650},
        {QStringLiteral("webhooks/max_in_flight"), Type::Int, 4, {}, 1, 64},
        // Number checks (NumberCheckService, docs/api.md "Number check"): how long an answer
        // stands, and the pause between two lookups on one number (lookups are paced like
        // sends: mass lookups get numbers banned too).
        {QStringLiteral("checks/cache_days"), Type::Int, 7, {}, 1, 365},
        {QStringLiteral("checks/min_delay_ms"), Type::Int, 1500, {}, 0, 600000},
        {QStringLiteral("checks/max_delay_ms"), Type::Int, 4000, {}, 0, 600000},
        // Warm-up (SendWindowPolicy, docs/pipeline.md "Quiet hours and warm-up"): the daily limit
        // of a new real number on day 1, 2, … (comma list); none after the last day.
        {QStringLiteral("warmup/enabled"), Type::Bool, true, {}},
        {QStringLiteral("warmup/schedule"),
         Type::String,
         QStringLiteral("20,30,40,50,75,100,150,200,250,300,400,500,600,800"),
         {}},
        {QStringLiteral("warmup/time_zone"), Type::String, QString(), {}}, // "": the system's
        // For tests: sandbox numbers are exempt from the warm-up unless this is on.
        {QStringLiteral("warmup/apply_to_sandbox"), Type::Bool, false,
         QStringLiteral("WAMATOR_WARMUP_SANDBOX")},
    };
    return d;
}

const Def *findDef(const QString &key)
{
    for (const Def &d : defs())
        if (d.key == key)
            return &d;
    return nullptr;
}

[[noreturn]] void invalid(const QString &key, const QString &why)
{
    throw DomainError::validation(key, QStringLiteral("Invalid value for %1: %2").arg(key, why));
}

QString toStored(Type type, const QVariant &v)
{
    switch (type) {
    case Type::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::StringList:
        return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(v.toStringList()))
                                     .toJson(QJsonDocument::Compact));
    case Type::Int:
    case Type::Int64:
    case Type::String:
        break;
    }
    return v.toString();
}

// The stored text back into something coerce() accepts.
QVariant fromStored(Type type, const QString &text)
{
    if (type == Type::StringList) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isArray())
            return doc.array().toVariantList();
        return text; // a comma list typed by hand
    }
    return text;
}

bool isValidOrigin(const QString &origin)
{
    const QUrl u(origin, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty())
        return false;
    if (u.scheme() != QLatin1String("http") && u.scheme() != QLatin1String("https"))
        return false;
    // An origin is scheme://host[:port] and nothing else.
    return (u.path().isEmpty() || u.path() == QLatin1String("/")) && !u.hasQuery() &&
           !u.hasFragment() && u.userInfo().isEmpty();
}

// An allowed_hosts entry: "*", a host name or an IP literal (IPv6 with or without brackets),
// without scheme, port or path: the Host check compares names only.
bool isValidAllowedHost(const QString &host)
{
    if (host == QLatin1String("*"))
        return true;
    QString h = host;
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (!QHostAddress(h).isNull())
        return true;
    static const QRegularExpression name(
        QStringLiteral("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?$"));
    return h.size() <= 253 && name.match(h).hasMatch();
}

} // namespace

Settings::Settings(QString connectionName, QObject *parent)
    : QObject(parent), m_connection(std::move(connectionName))
{
    for (const Def &d : defs())
        m_values.insert(d.key, d.defaultValue);
}

QStringList Settings::keys()
{
    QStringList out;
    for (const Def &d : defs())
        out << d.key;
    return out;
}

QVariant Settings::defaultValue(const QString &key)
{
    const Def *d = findDef(key);
    return d ? d->defaultValue : QVariant();
}

QString Settings::environmentVariable(const QString &key)
{
    const Def *d = findDef(key);
    return d ? d->env : QString();
}

bool Settings::isOverriddenByEnvironment(const QString &key) const
{
    const QReadLocker lock(&m_lock);
    return m_fromEnvironment.contains(key);
}

QVariant Settings::coerce(const QString &key, const QVariant &raw) const
{
    const Def *d = findDef(key);
    if (!d)
        throw DomainError::validation(key, QStringLiteral("Unknown setting %1").arg(key));

    switch (d->type) {
    case Type::Int:
    case Type::Int64: {
        bool ok = false;
        qint64 n = 0;
        if (raw.typeId() == QMetaType::QString || raw.typeId() == QMetaType::QByteArray)
            n = raw.toString().trimmed().toLongLong(&ok);
        else if (raw.typeId() == QMetaType::Double || raw.typeId() == QMetaType::Float) {
            const auto x = JsonNumber::exactInteger(raw.toDouble());
            ok = x.has_value();
            n = x.value_or(0);
        } else if (raw.canConvert<qlonglong>() && raw.typeId() != QMetaType::Bool)
            n = raw.toLongLong(&ok);
        if (!ok)
            invalid(key, QStringLiteral("a whole number is required"));
        if (n < d->min || n > d->max)
            invalid(key, QStringLiteral("must be between %1 and %2").arg(d->min).arg(d->max));
        if (d->type == Type::Int)
            return int(n);
        return n;
    }
    case Type::Bool: {
        if (raw.typeId() == QMetaType::Bool)
            return raw.toBool();
        const QString s = raw.toString().trimmed().toLower();
        if (s == QLatin1String("1") || s == QLatin1String("true") || s == QLatin1String("yes") ||
            s == QLatin1String("on"))
            return true;
        if (s == QLatin1String("0") || s == QLatin1String("false") || s == QLatin1String("no") ||
            s == QLatin1String("off"))
            return false;
        invalid(key, QStringLiteral("true or false is required"));
    }
    case Type::StringList: {
        QStringList items;
        if (raw.typeId() == QMetaType::QStringList || raw.typeId() == QMetaType::QVariantList)
            items = raw.toStringList();
        else
            items = raw.toString().split(QLatin1Char(','));
        QStringList out;
        for (QString item : std::as_const(items)) {
            item = item.trimmed();
            if (item.endsWith(QLatin1Char('/')))
                item.chop(1);
            if (item.isEmpty() || out.contains(item))
                continue;
            if (key == QLatin1String("cors_allowed_origins") && !isValidOrigin(item))
                invalid(
                    key,
                    QStringLiteral("\"%1\" is not an origin like https://example.com").arg(item));
            if (key == QLatin1String("allowed_hosts")) {
                if (!isValidAllowedHost(item))
                    invalid(key, QStringLiteral("\"%1\" is not a host name or IP address like "
                                                "api.example.com (no scheme, port or path)")
                                     .arg(item));
                item = item.toLower();
                if (out.contains(item))
                    continue;
            }
            out << item;
        }
        return out;
    }
    case Type::String:
        break;
    }

    QString s = raw.toString().trimmed();
    if (key == QLatin1String("default_region")) {
        s = s.toUpper();
        if (!PhoneNormalizer::isValidRegion(s))
            invalid(key, QStringLiteral("\"%1\" is not a region code like NG or US").arg(s));
    } else if (key == QLatin1String("listen_address")) {
        if (s != QLatin1String("localhost") && QHostAddress(s).isNull())
            invalid(key, QStringLiteral("\"%1\" is not an IP address").arg(s));
    } else if (key == QLatin1String("user_agent")) {
        if (raw.toString().isEmpty())
            return s; // back to the engine's default
        if (s.isEmpty() || s.size() > 512)
            invalid(key, QStringLiteral("1 to 512 characters are required"));
        for (const QChar c : std::as_const(s))
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                invalid(key, QStringLiteral("only printable ASCII is allowed"));
    } else if (key == QLatin1String("warmup/schedule")) {
        QStringList limits;
        for (const QString &part : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const int n = part.trimmed().toInt(&ok);
            if (!ok || n < 1 || n > 1000000)
                invalid(key, QStringLiteral("\"%1\" is not a daily limit (1 to 1000000); the "
                                            "schedule is a comma list like 20,30,50")
                                 .arg(part.trimmed()));
            limits << QString::number(n);
        }
        if (limits.size() > 366)
            invalid(key, QStringLiteral("the schedule may list up to 366 days"));
        s = limits.join(QLatin1Char(','));
    } else if (key == QLatin1String("warmup/time_zone")) {
        if (!s.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(s.toUtf8()))
            invalid(key, QStringLiteral("\"%1\" is not a time zone like Africa/Lagos").arg(s));
    } else if (key == QLatin1String("language")) {
        static const QRegularExpression re(QStringLiteral("^([a-z]{2,3}([_-][A-Z]{2})?)?$"));
        if (!re.match(s).hasMatch())
            invalid(key, QStringLiteral("\"%1\" is not a language like en or pt_BR").arg(s));
        s.replace(QLatin1Char('-'), QLatin1Char('_'));
    }
    return s;
}

void Settings::load()
{
    QHash<QString, QVariant> loaded;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT key, value FROM settings")))
        throw DomainError(DomainError::Kind::Unavailable, QStringLiteral("database_unavailable"),
                          QStringLiteral("Cannot read the settings: %1").arg(q.lastError().text()));
    while (q.next()) {
        const QString key = q.value(0).toString();
        const Def *d = findDef(key);
        if (!d)
            continue; // a setting of a newer or older version: keep the row, ignore it
        try {
            loaded.insert(key, coerce(key, fromStored(d->type, q.value(1).toString())));
        } catch (const DomainError &e) {
            qCWarning(lcSettings).noquote() << "ignoring the stored" << key << ":" << e.message();
        }
    }

    // Environment overrides win over stored values for this run; they are not written back.
    QSet<QString> fromEnv;
    for (const Def &d : defs()) {
        if (d.env.isEmpty() || !qEnvironmentVariableIsSet(d.env.toUtf8().constData()))
            continue;
        const QString text = qEnvironmentVariable(d.env.toUtf8().constData());
        try {
            loaded.insert(d.key, coerce(d.key, text));
        } catch (const DomainError &e) {
            throw DomainError(DomainError::Kind::Validation, QStringLiteral("invalid_environment"),
                              QStringLiteral("%1=\"%2\": %3").arg(d.env, text, e.message()),
                              QJsonObject{{QStringLiteral("field"), d.env}});
        }
        fromEnv.insert(d.key);
    }

    QStringList changedKeys;
    {
        const QWriteLocker lock(&m_lock);
        for (const Def &d : defs()) {
            const QVariant v = loaded.value(d.key, d.defaultValue);
            if (m_values.value(d.key) != v) {
                m_values.insert(d.key, v);
                changedKeys << d.key;
            }
        }
        m_fromEnvironment = fromEnv;
    }
    for (const QString &k : std::as_const(changedKeys))
        Q_EMIT changed(k);
}

QVariant Settings::value(const QString &key) const
{
    const QReadLocker lock(&m_lock);
    return m_values.value(key);
}

void Settings::store(const QString &key, const QVariant &value)
{
    const Def *d = findDef(key);
    QString text = toStored(d->type, value);
    if (text.isNull())
        text = QLatin1String(""); // a null QString would bind SQL NULL (the column is NOT NULL)
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    // UPDATE then INSERT instead of an upsert: the same statements work on SQLite,
    // PostgreSQL and MySQL.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE settings SET value = ? WHERE key = ?"));
    q.addBindValue(text);
    q.addBindValue(key);
    bool ok = q.exec();
    if (ok && q.numRowsAffected() == 0) {
        q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?)"));
        q.addBindValue(key);
        q.addBindValue(text);
        ok = q.exec();
    }
    if (!ok)
        throw DomainError::internal(
            QStringLiteral("Cannot save the setting %1: %2").arg(key, q.lastError().text()));
}

void Settings::setValue(const QString &key, const QVariant &value)
{
    const QVariant v = coerce(key, value);
    if (key == QLatin1String("pacing_min_delay_ms") &&
        v.toInt() > Settings::value(QStringLiteral("pacing_max_delay_ms")).toInt())
        invalid(key, QStringLiteral("must not exceed pacing_max_delay_ms"));
    if (key == QLatin1String("pacing_max_delay_ms") &&
        v.toInt() < Settings::value(QStringLiteral("pacing_min_delay_ms")).toInt())
        invalid(key, QStringLiteral("must not be below pacing_min_delay_ms"));
    store(key, v);
    bool differs = false;
    {
        const QWriteLocker lock(&m_lock);
        differs = m_values.value(key) != v;
        m_values.insert(key, v);
        // An explicit change from the GUI or API wins over the environment from now on.
        m_fromEnvironment.remove(key);
    }
    if (differs)
        Q_EMIT changed(key);
}

QString Settings::defaultRegion() const
{
    return value(QStringLiteral("default_region")).toString();
}
void Settings::setDefaultRegion(const QString &region)
{
    setValue(QStringLiteral("default_region"), region);
}
QString Settings::listenAddress() const
{
    return value(QStringLiteral("listen_address")).toString();
}
void Settings::setListenAddress(const QString &address)
{
    setValue(QStringLiteral("listen_address"), address);
}
int Settings::port() const
{
    return value(QStringLiteral("port")).toInt();
}
void Settings::setPort(int port)
{
    setValue(QStringLiteral("port"), port);
}
qint64 Settings::maxBodyBytes() const
{
    return value(QStringLiteral("max_body_bytes")).toLongLong();
}
int Settings::maxConnections() const
{
    return value(QStringLiteral("max_connections")).toInt();
}
int Settings::idleTimeoutSeconds() const
{
    return value(QStringLiteral("idle_timeout_seconds")).toInt();
}
QStringList Settings::corsAllowedOrigins() const
{
    return value(QStringLiteral("cors_allowed_origins")).toStringList();
}
QStringList Settings::allowedHosts() const
{
    return value(QStringLiteral("allowed_hosts")).toStringList();
}
int Settings::loginMaxFailures() const
{
    return value(QStringLiteral("login_max_failures")).toInt();
}
int Settings::loginWindowSeconds() const
{
    return value(QStringLiteral("login_window_seconds")).toInt();
}
int Settings::loginBanSeconds() const
{
    return value(QStringLiteral("login_ban_seconds")).toInt();
}
QString Settings::userAgent() const
{
    return value(QStringLiteral("user_agent")).toString();
}
void Settings::setUserAgent(const QString &ua)
{
    setValue(QStringLiteral("user_agent"), ua);
}
int Settings::engineMinChromium() const
{
    return value(QStringLiteral("engine_min_chromium")).toInt();
}
int Settings::qrTimeoutSeconds() const
{
    return value(QStringLiteral("qr_timeout_seconds")).toInt();
}
int Settings::qrMaxRefreshes() const
{
    return value(QStringLiteral("qr_max_refreshes")).toInt();
}
int Settings::maxConcurrentStarts() const
{
    return value(QStringLiteral("max_concurrent_starts")).toInt();
}
int Settings::pageLoadTimeoutSeconds() const
{
    return value(QStringLiteral("page_load_timeout_seconds")).toInt();
}
int Settings::pageHeartbeatSeconds() const
{
    return value(QStringLiteral("page_heartbeat_seconds")).toInt();
}
int Settings::pageHangSeconds() const
{
    return value(QStringLiteral("page_hang_seconds")).toInt();
}
int Settings::pageRecoveryAttempts() const
{
    return value(QStringLiteral("page_recovery_attempts")).toInt();
}
int Settings::pageRecoveryDelayMs() const
{
    return value(QStringLiteral("page_recovery_delay_ms")).toInt();
}
int Settings::pageRecoveryMaxDelayMs() const
{
    return value(QStringLiteral("page_recovery_max_delay_ms")).toInt();
}
bool Settings::pacingEnabled() const
{
    return value(QStringLiteral("pacing_enabled")).toBool();
}
int Settings::pacingMinDelayMs() const
{
    return pacingEnabled() ? value(QStringLiteral("pacing_min_delay_ms")).toInt() : 0;
}
int Settings::pacingMaxDelayMs() const
{
    return pacingEnabled() ? value(QStringLiteral("pacing_max_delay_ms")).toInt() : 0;
}
int Settings::typingMsPerChar() const
{
    return pacingEnabled() ? value(QStringLiteral("typing_ms_per_char")).toInt() : 0;
}
int Settings::typingMaxMs() const
{
    return pacingEnabled() ? value(QStringLiteral("typing_max_ms")).toInt() : 0;
}
int Settings::dailyCapPerNumber() const
{
    return value(QStringLiteral("daily_cap_per_number")).toInt();
}
bool Settings::pacingSandbox() const
{
    return value(QStringLiteral("pacing_sandbox")).toBool();
}
int Settings::retryBaseDelayMs() const
{
    return value(QStringLiteral("retry_base_delay_ms")).toInt();
}
int Settings::messageTtlSeconds() const
{
    return value(QStringLiteral("message_ttl_seconds")).toInt();
}
int Settings::maxSendAttempts() const
{
    return value(QStringLiteral("max_send_attempts")).toInt();
}
bool Settings::allowPrivateMediaUrls() const
{
    return value(QStringLiteral("allow_private_media_urls")).toBool();
}
QString Settings::language() const
{
    return value(QStringLiteral("language")).toString();
}
void Settings::setLanguage(const QString &language)
{
    setValue(QStringLiteral("language"), language);
}

QStringList Settings::optOutKeywords() const
{
    return value(QStringLiteral("optout/keywords")).toStringList();
}
QStringList Settings::optInKeywords() const
{
    return value(QStringLiteral("optout/optin_keywords")).toStringList();
}
bool Settings::optOutConfirmationEnabled() const
{
    return value(QStringLiteral("optout/confirmation_enabled")).toBool();
}
bool Settings::webhooksAllowPrivateAddresses() const
{
    return value(QStringLiteral("webhooks/allow_private_addresses")).toBool();
}
int Settings::webhooksRetentionDays() const
{
    return value(QStringLiteral("webhooks/retention_days")).toInt();
}
int Settings::webhooksMaxInFlight() const
{
    return value(QStringLiteral("webhooks/max_in_flight")).toInt();
}
int Settings::checksCacheDays() const
{
    return value(QStringLiteral("checks/cache_days")).toInt();
}
int Settings::checksMinDelayMs() const
{
    return value(QStringLiteral("checks/min_delay_ms")).toInt();
}
int Settings::checksMaxDelayMs() const
{
    return value(QStringLiteral("checks/max_delay_ms")).toInt();
}
QString Settings::optOutConfirmationTemplate() const
{
    return value(QStringLiteral("optout/confirmation_template")).toString();
}
bool Settings::warmupEnabled() const
{
    return value(QStringLiteral("warmup/enabled")).toBool();
}
QList<int> Settings::warmupSchedule() const
{
    QList<int> out;
    const QStringList parts = value(QStringLiteral("warmup/schedule"))
                                  .toString()
                                  .split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &p : parts)
        out << p.toInt();
    return out;
}
QString Settings::warmupTimeZone() const
{
    return value(QStringLiteral("warmup/time_zone")).toString();
}
bool Settings::warmupApplyToSandbox() const
{
    return value(QStringLiteral("warmup/apply_to_sandbox")).toBool();
}
