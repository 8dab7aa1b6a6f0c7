#include "RequestGate.h"

#include "HttpRequestHead.h"

namespace {

bool isRegNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

bool isPort(QByteArrayView p)
{
    if (p.isEmpty() || p.size() > 5)
        return false;
    for (const char c : p)
        if (c < '0' || c > '9')
            return false;
    return true;
}

} // namespace

void RequestGate::setAllowedHosts(const QStringList &hosts)
{
    m_lastAllowedHost.clear();
    m_allowed.clear();
    for (QString h : hosts) {
        h = h.trimmed().toLower();
        if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
            h = h.mid(1, h.size() - 2);
        if (h.endsWith(QLatin1Char('.')))
            h.chop(1);
        if (!h.isEmpty())
            m_allowed << h;
    }
}

bool RequestGate::listensEverywhere() const
{
    return m_listen == QHostAddress::Any || m_listen == QHostAddress::AnyIPv4 ||
           m_listen == QHostAddress::AnyIPv6;
}

bool RequestGate::isJsonMediaType(QByteArrayView contentType)
{
    const qsizetype semi = contentType.indexOf(';');
    QByteArrayView type = semi < 0 ? contentType : contentType.first(semi);
    while (!type.isEmpty() && (type.back() == ' ' || type.back() == '\t'))
        type.chop(1);
    while (!type.isEmpty() && (type.front() == ' ' || type.front() == '\t'))
        type = type.sliced(1);
    return type.compare("application/json", Qt::CaseInsensitive) == 0;
}

bool RequestGate::parseHost(QByteArrayView value, QString &host)
{
    QByteArrayView name;
    QByteArrayView port;
    if (value.startsWith('[')) {
        const qsizetype close = value.indexOf(']');
        if (close < 0)
            return false;
        name = value.sliced(1, close - 1);
        const QByteArrayView after = value.sliced(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(':'))
                return false;
            port = after.sliced(1);
            if (!isPort(port))
                return false;
        }
        const QHostAddress v6(QString::fromLatin1(name.toByteArray()));
        if (v6.isNull() || v6.protocol() != QAbstractSocket::IPv6Protocol)
            return false;
        host = v6.toString().toLower();
        return true;
    }
    const qsizetype colon = value.indexOf(':');
    name = colon < 0 ? value : value.first(colon);
    if (colon >= 0) {
        port = value.sliced(colon + 1);
        if (!isPort(port))
            return false;
    }
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (const char c : name)
        if (!isRegNameChar(c))
            return false;
    host = QString::fromLatin1(name.toByteArray()).toLower();
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    return !host.isEmpty();
}

bool RequestGate::hostAllowed(QByteArrayView hostValue) const
{
    QString host;
    if (!parseHost(hostValue, host))
        return false;
    if (m_allowed.contains(QStringLiteral("*")) || m_allowed.contains(host))
        return true;
    if (host == QLatin1String("localhost"))
        return true;
    const bool everywhere = listensEverywhere();
    const QHostAddress address(host);
    if (!address.isNull()) {
        if (address.isEqual(m_listen, QHostAddress::TolerantConversion))
            return true;
        if (address.isLoopback() && (everywhere || m_listen.isLoopback()))
            return true;
        if (everywhere) {
            for (const QHostAddress &own : m_local)
                if (address.isEqual(own, QHostAddress::TolerantConversion))
                    return true;
        }
        for (const QString &allowed : m_allowed) {
            const QHostAddress a(allowed);
            if (!a.isNull() && address.isEqual(a, QHostAddress::TolerantConversion))
                return true;
        }
        return false;
    }
    return everywhere && !m_localHostName.isEmpty() && host == m_localHostName;
}

std::optional<RequestGate::Refusal> RequestGate::check(const HttpRequestHead &head) const
{
    if (!head.hasHost) {
        if (head.minorVersion >= 1)
            return Refusal{400,
                           "Bad Request",
                           QStringLiteral("bad_request"),
                           QStringLiteral("An HTTP/1.1 request needs a Host header"),
                           {}};
    } else if (m_lastAllowedHost.isEmpty() || head.host != m_lastAllowedHost) {
        QString host;
        if (!parseHost(head.host, host))
            return Refusal{400,
                           "Bad Request",
                           QStringLiteral("bad_request"),
                           QStringLiteral("Invalid Host header"),
                           {}};
        if (!hostAllowed(head.host))
            return Refusal{421, "Misdirected Request", QStringLiteral("misdirected_request"),
                           QStringLiteral("This server does not answer for host %1; add it to "
                                          "allowed_hosts if it is yours")
                               .arg(host),
                           QJsonObject{{QStringLiteral("host"), host}}};
        m_lastAllowedHost = head.host;
    }
    if (head.contentLength > 0 && !isJsonMediaType(head.contentType))
        return Refusal{
            415, "Unsupported Media Type", QStringLiteral("unsupported_media_type"),
            QStringLiteral("A request body must be JSON sent as application/json"),
            QJsonObject{{QStringLiteral("expected"), QStringLiteral("application/json")}}};
    return std::nullopt;
}
