#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class HttpRequestHead;

// Who may talk to the API, judged on a request head before anything reads the request (the TCP
// guard asks, so WebSocket handshakes to /events are judged too). Two rules, one home:
// - Host: a browser page can reach 127.0.0.1 through a name it controls (DNS rebinding); the
//   browser then sends that name as Host. Only the listen address, `localhost`, loopback
//   literals (when listening on loopback or on every interface), the machine's own addresses
//   and host name (when listening on every interface) and the names in the allowed_hosts
//   setting are answered; any other Host gets 421 misdirected_request. The port is not
//   compared (the name is what a rebinding attack changes). HTTP/1.1 without Host gets 400.
// - Content-Type: any web page may POST a text/plain or form body cross-site without a CORS
//   preflight; JSON (application/json) can only be sent cross-site after a preflight. So a
//   request with a body must say application/json (parameters allowed), else 415
//   unsupported_media_type. Body-less requests (POST /connect/...) need no Content-Type.
class RequestGate
{
public:
    struct Refusal
    {
        int status = 0;
        QByteArray reason; // HTTP reason phrase
        QString code;
        QString message;
        QJsonObject details;
    };

    // The address and port the server listens on.
    void setListenAddress(const QHostAddress &address)
    {
        m_listen = address;
        m_lastAllowedHost.clear();
    }
    // Names or IP literals always accepted as Host ("*" accepts any Host: the check is off).
    void setAllowedHosts(const QStringList &hosts);
    // When listening on every interface: the machine's own addresses and host name.
    void setLocalAddresses(const QList<QHostAddress> &addresses)
    {
        m_local = addresses;
        m_lastAllowedHost.clear();
    }
    void setLocalHostName(const QString &name)
    {
        m_localHostName = name.toLower();
        m_lastAllowedHost.clear();
    }

    std::optional<Refusal> check(const HttpRequestHead &head) const;
    // True when listening on 0.0.0.0 or :: (every interface).
    bool listensEverywhere() const;

    // True when a Host value names this server (syntax errors are false too).
    bool hostAllowed(QByteArrayView hostValue) const;
    // application/json, any case, parameters allowed ("application/json; charset=utf-8").
    static bool isJsonMediaType(QByteArrayView contentType);
    // Splits a Host value into its host part (brackets removed, lower case, no trailing dot)
    // and checks its syntax; false when it is not a valid uri-host[:port].
    static bool parseHost(QByteArrayView hostValue, QString &host);

private:
    QHostAddress m_listen{QHostAddress::LocalHost};
    QStringList m_allowed;
    QList<QHostAddress> m_local;
    QString m_localHostName;
    // The last Host value (as sent) that was allowed: a client sends the same one on every
    // request, and judging it (parsing an IP literal, comparing addresses) cost more than the
    // rest of the gate. Cleared by every setter, so a rule change is never judged on an old
    // verdict.
    mutable QByteArray m_lastAllowedHost;
};
