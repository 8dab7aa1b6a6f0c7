#pragma once

// The real `wamator --headless` binary as an attacker or a load generator sees it (R4, R5 and
// bench_r4_soak): a temp data directory whose settings are written before start (the limits
// that have no environment variable: idle timeout, max connections, login throttle), the port
// read from the "listening on" line, the server's resident memory from /proc, raw HTTP from a
// chosen source address (127.0.0.2 is a different client than 127.0.0.1 on loopback), and a
// driver for N concurrent keep-alive connections. Header-only, no Q_OBJECT.

#include "CoreServices.h"
#include "MemorySecretStore.h"
#include "Settings.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QDeadlineTimer>
#include <QEventLoop>
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

class App
{
public:
    App() = default;
    ~App() { stop(); }

    QString dataDir() const { return m_dir.path(); }
    quint16 port() const { return m_port; }
    qint64 pid() const { return m_proc ? m_proc->processId() : 0; }
    bool running() const { return m_proc && m_proc->state() != QProcess::NotRunning; }
    QString log() const { return QString::fromUtf8(m_output.right(3000)); }

    // Settings written into the data directory's database before the binary starts.
    bool start(const QVariantHash &settings = {}, int timeoutMs = 60000)
    {
        if (!m_dir.isValid())
            return false;
        try {
            CoreServices::Options o;
            o.dataDir = m_dir.path();
            o.secrets = std::make_unique<MemorySecretStore>();
            CoreServices core(std::move(o));
            core.open();
            for (auto it = settings.begin(); it != settings.end(); ++it)
                core.settings().setValue(it.key(), it.value());
        } catch (const std::exception &e) {
            qWarning() << "headless::App: cannot prepare settings:" << e.what();
            return false;
        }
        m_proc = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("WAMATOR_ADMIN_TOKEN"), QString::fromLatin1(kAdminToken));
        env.insert(QStringLiteral("WAMATOR_SECRET_BACKEND"), QStringLiteral("file"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
        m_proc->setProcessEnvironment(env);
        m_proc->setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(m_proc.get(), &QProcess::readyRead, m_proc.get(),
                         [this] { m_output += m_proc->readAll(); });
        m_proc->start(QStringLiteral(WAMATOR_BINARY),
                      {QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir.path(),
                       QStringLiteral("--port"), QStringLiteral("0")});
        if (!m_proc->waitForStarted(10000))
            return false;
        static const QRegularExpression re(QStringLiteral("listening on [0-9.]+:(\\d+)"));
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            const auto m = re.match(QString::fromUtf8(m_output));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
                return true;
            }
            if (m_proc->state() == QProcess::NotRunning)
                return false;
            wait(20);
        }
        return false;
    }

    void stop()
    {
        if (!running())
            return;
        m_proc->terminate();
        if (!m_proc->waitForFinished(20000)) {
            m_proc->kill();
            m_proc->waitForFinished(5000);
        }
    }

    // VmRSS of the server process in KiB (0 if unknown).
    qint64 rssKiB() const
    {
        QFile f(QStringLiteral("/proc/%1/status").arg(pid()));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        return 0;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_proc;
    QByteArray m_output;
    quint16 m_port = 0;
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
