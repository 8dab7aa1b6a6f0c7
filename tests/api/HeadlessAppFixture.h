#pragma once

// The real `wamator --headless` binary as an attacker or a load generator sees it (R4, R5 and
// bench_r4_soak), launched by HeadlessApp (tests/common) on a temp data directory whose
// settings are written before start (the limits that have no environment variable: idle
// timeout, max connections, login throttle); raw HTTP from a chosen source address (127.0.0.2
// is a different client than 127.0.0.1 on loopback), and a driver for N concurrent keep-alive
// connections. Header-only, no Q_OBJECT.

#include "../common/HeadlessApp.h" // relative: the benchmarks have no tests/common on their path
#include "CoreServices.h"
#include "platform/Settings.h"
#include "security/MemorySecretStore.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QVariantHash>

#include <memory>
#include <vector>

namespace headless {

inline const QByteArray kAdminToken = "robustness-admin-token-0123456789abcdef";

// Waits that spin the event loop without the test library (bench_r4_soak links none).
template<typename Predicate>
bool waitFor(Predicate done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (done())
            return true;
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(int(qBound<qint64>(qint64(1), deadline.remainingTime(), qint64(10))), &loop,
                           &QEventLoop::quit);
        loop.exec();
    }
}
inline void wait(int ms)
{
    (void)waitFor([] { return false; }, ms);
}

// The binary on a temp data directory whose settings are written before it starts.
class App : public HeadlessApp
{
public:
    App() : HeadlessApp(QStringLiteral(WAMATOR_BINARY), kAdminToken) {}

    // Settings written into the data directory's database before the binary starts.
    bool start(const QVariantHash &settings = {}, int timeoutMs = 60000)
    {
        if (dataDir().isEmpty())
            return false; // no temp directory: never let CoreServices fall back to a default one
        try {
            CoreServices::Options o;
            o.dataDir = dataDir();
            o.secrets = std::make_unique<MemorySecretStore>();
            CoreServices core(std::move(o));
            core.open();
            for (auto it = settings.begin(); it != settings.end(); ++it)
                core.settings().setValue(it.key(), it.value());
        } catch (const std::exception &e) {
            qWarning() << "headless::App: cannot prepare settings:" << e.what();
            return false;
        }
        return HeadlessApp::start(timeoutMs);
    }
};

struct Answer
{
    int status = 0; // 0: none (closed or timed out)
    QByteArray head;
    QByteArray body;
    bool closed = false;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const int colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    QString describe() const
    {
        return QStringLiteral("HTTP %1 %2%3").arg(status).arg(QString::fromUtf8(body.left(300)),
                                                            closed ? QStringLiteral(" (closed)") : QString());
    }
};

// Takes one complete answer (Content-Length framed) off the front of `buffer`.
inline bool takeAnswer(QByteArray &buffer, Answer &out)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    Answer a;
    a.head = buffer.left(end);
    qint64 length = 0;
    const QByteArray cl = a.header("content-length");
    if (!cl.isEmpty())
        length = cl.toLongLong();
    if (buffer.size() < end + 4 + length)
        return false;
    a.status = a.head.split(' ').value(1).toInt();
    a.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    out = a;
    return true;
}

// One request on a fresh connection from `source` (the server runs in another process, so
// blocking waits are fine).
inline Answer send(quint16 port, const QByteArray &request, int timeoutMs = 15000,
                   const QHostAddress &source = QHostAddress(QHostAddress::LocalHost))
{
    QTcpSocket s;
    Answer a;
    if (!s.bind(source, 0) ) {
        a.closed = true;
        return a;
    }
    s.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!s.waitForConnected(timeoutMs))
        return a;
    s.write(request);
    QByteArray buffer;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (takeAnswer(buffer, a))
            return a;
        if (s.state() != QAbstractSocket::ConnectedState && s.bytesAvailable() == 0) {
            a.closed = true;
            return a;
        }
        s.waitForReadyRead(100);
        buffer += s.readAll();
    }
    return a;
}

inline QByteArray request(const QByteArray &method, const QByteArray &path,
                          const QByteArray &body = {}, const QByteArray &extraHeaders = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
             + "\r\n";
    return r + "Connection: close\r\n\r\n" + body;
}

// Registers a vendor; returns its API key ("" on failure).
inline QString registerVendor(quint16 port, const QString &email, const QString &password)
{
    const QByteArray body = QJsonDocument(QJsonObject{{"name", "Robust Vendor"},
                                                      {"email", email},
                                                      {"password", password},
                                                      {"company_name", "R Ltd"},
                                                      {"phone_number", "08035550000"}})
                                .toJson(QJsonDocument::Compact);
    const Answer a = send(port, request("POST", "/vendors/register", body));
    return a.json().value(QStringLiteral("api_key")).toString();
}

// N keep-alive connections, each sending GET `path` again as soon as the previous answer is in
// (R4). Counts answers and errors (non-2xx, a connection the server closed or reset, an answer
// that never came). Runs in this thread's event loop.
class LoadDriver
{
public:
    LoadDriver(quint16 port, QByteArray path, QByteArray apiKey)
        : m_port(port), m_path(std::move(path)), m_apiKey(std::move(apiKey))
    {
    }
    ~LoadDriver() { closeAll(); }

    qint64 answers = 0;
    qint64 errors = 0;
    int connected = 0;
    QStringList errorSamples;

    // Opens `connections` sockets, runs for `seconds`, then stops sending (sockets stay open).
    void run(int connections, int seconds)
    {
        m_running = true;
        for (int i = 0; i < connections; ++i) {
            auto c = std::make_unique<Conn>();
            Conn *raw = c.get();
            QObject::connect(&raw->socket, &QTcpSocket::connected, &raw->socket, [this, raw] {
                ++connected;
                sendNext(raw);
            });
            QObject::connect(&raw->socket, &QTcpSocket::readyRead, &raw->socket, [this, raw] {
                raw->buffer += raw->socket.readAll();
                Answer a;
                while (takeAnswer(raw->buffer, a)) {
                    raw->waiting = false;
                    ++answers;
                    if (a.status < 200 || a.status >= 300)
                        error(QStringLiteral("status %1: %2").arg(a.status).arg(QString::fromUtf8(a.body.left(200))));
                    if (m_running)
                        sendNext(raw);
                }
            });
            QObject::connect(&raw->socket, &QTcpSocket::disconnected, &raw->socket, [this, raw] {
                if (!m_closing)
                    error(QStringLiteral("the server closed a connection"));
            });
            QObject::connect(&raw->socket, &QAbstractSocket::errorOccurred, &raw->socket,
                             [this](QAbstractSocket::SocketError e) {
                                 if (!m_closing && e != QAbstractSocket::RemoteHostClosedError)
                                     error(QStringLiteral("socket error %1").arg(int(e)));
                             });
            raw->socket.connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
            m_conns.push_back(std::move(c));
        }
        // The clock starts once every connection is up (or refused).
        (void)waitFor([this, connections] { return connected + int(errors) >= connections; },
                      15000);
        wait(seconds * 1000);
        m_running = false;
        // Let the last answers in; one still missing after 10 s is an error.
        (void)waitFor([this] {
            for (const auto &c : m_conns)
                if (c->waiting)
                    return false;
            return true;
        }, 10000);
        for (const auto &c : m_conns)
            if (c->waiting)
                error(QStringLiteral("an answer never came"));
    }

    // Keep-alive sockets still open (not closed by the server).
    int openSockets() const
    {
        int n = 0;
        for (const auto &c : m_conns)
            if (c->socket.state() == QAbstractSocket::ConnectedState)
                ++n;
        return n;
    }

    void closeAll()
    {
        m_closing = true;
        for (auto &c : m_conns)
            c->socket.abort();
        m_conns.clear();
    }

    void expectServerClose() { m_closing = true; }

private:
    struct Conn
    {
        QTcpSocket socket;
        QByteArray buffer;
        bool waiting = false;
    };
    void sendNext(Conn *c)
    {
        c->waiting = true;
        c->socket.write("GET " + m_path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + m_apiKey
                        + "\r\n\r\n");
    }
    void error(const QString &what)
    {
        ++errors;
        if (errorSamples.size() < 10)
            errorSamples << what;
    }

    quint16 m_port;
    QByteArray m_path;
    QByteArray m_apiKey;
    std::vector<std::unique_ptr<Conn>> m_conns;
    bool m_running = false;
    bool m_closing = false;
};

} // namespace headless
