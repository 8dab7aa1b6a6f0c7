#pragma once

// Header-only support for the benchmarks (bench/CMakeLists.txt builds each bench_*.cpp alone):
// a blocking HTTP/1.1 keep-alive client over a plain POSIX socket, meant to run on its own
// thread while the server under test runs on the main thread's event loop, and percentiles.

#include <QByteArray>
#include <QHash>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QPair>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

class BenchHttp
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        double ms = 0; // wall time of the round trip
        QByteArray serverTiming; // the Server-Timing header, if any
    };

    explicit BenchHttp(quint16 port) : m_port(port) {}
    ~BenchHttp() { closeSocket(); }

    QList<QPair<QByteArray, QByteArray>> headers; // sent with every request

    Reply request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {})
    {
        QElapsedTimer t;
        t.start();
        Reply r;
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (m_fd < 0 && !connectSocket())
                return r;
            QByteArray req = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
            for (const auto &h : headers)
                req += h.first + ": " + h.second + "\r\n";
            if (!body.isEmpty() || method == "POST" || method == "PATCH" || method == "PUT")
                req += "Content-Type: application/json\r\nContent-Length: "
                       + QByteArray::number(body.size()) + "\r\n";
            req += "\r\n";
            req += body;
            if (!sendAll(req) || !readReply(r)) {
                closeSocket(); // the server closed an idle keep-alive connection: retry once
                continue;
            }
            break;
        }
        r.ms = t.nsecsElapsed() / 1e6;
        return r;
    }

private:
    bool connectSocket()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return false;
        int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(m_port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            closeSocket();
            return false;
        }
        m_buffer.clear();
        return true;
    }
    void closeSocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    bool sendAll(const QByteArray &data)
    {
        qsizetype off = 0;
        while (off < data.size()) {
            const ssize_t n = ::send(m_fd, data.constData() + off, size_t(data.size() - off), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            off += n;
        }
        return true;
    }
    bool fill()
    {
        char buf[65536];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0)
            return false;
        m_buffer.append(buf, n);
        return true;
    }
    bool readReply(Reply &r)
    {
        qsizetype end;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill())
                return false;
        }
        const QByteArray head = m_buffer.left(end);
        m_buffer.remove(0, end + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> statusLine = lines.value(0).split(' ');
        r.status = statusLine.value(1).toInt();
        qsizetype length = 0;
        bool chunked = false;
        for (const QByteArray &line : lines) {
            const QByteArray l = line.trimmed().toLower();
            if (l.startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
            else if (l.startsWith("transfer-encoding:") && l.contains("chunked"))
                chunked = true;
            else if (l.startsWith("server-timing:"))
                r.serverTiming = line.trimmed().mid(14).trimmed();
        }
        if (chunked) {
            r.body.clear();
            while (true) {
                qsizetype eol;
                while ((eol = m_buffer.indexOf("\r\n")) < 0)
                    if (!fill())
                        return false;
                const qsizetype size = m_buffer.left(eol).trimmed().toLongLong(nullptr, 16);
                m_buffer.remove(0, eol + 2);
                while (m_buffer.size() < size + 2)
                    if (!fill())
                        return false;
                r.body += m_buffer.left(size);
                m_buffer.remove(0, size + 2);
                if (size == 0)
                    return true;
            }
        }
        while (m_buffer.size() < length)
            if (!fill())
                return false;
        r.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        return true;
    }

    quint16 m_port;
    int m_fd = -1;
    QByteArray m_buffer;
};

// Runs `work` on a client thread while the calling (server) thread keeps its event loop going.
inline void runClient(const std::function<void()> &work)
{
    std::atomic<bool> done{false};
    std::thread client([&] {
        work();
        done = true;
    });
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done)
            loop.quit();
    });
    poll.start(1);
    loop.exec();
    client.join();
}

inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t i = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[i];
}

// "parse;dur=1.2, normalise;dur=0.3" of every run → "parse 1.2, normalise 0.3" (medians).
inline QByteArray medianStages(const QList<QByteArray> &headers)
{
    QList<QByteArray> names;
    QHash<QByteArray, std::vector<double>> values;
    for (const QByteArray &h : headers) {
        for (const QByteArray &part : h.split(',')) {
            const QList<QByteArray> kv = part.trimmed().split(';');
            if (kv.size() != 2 || !kv.at(1).startsWith("dur="))
                continue;
            if (!values.contains(kv.at(0)))
                names.append(kv.at(0));
            values[kv.at(0)].push_back(kv.at(1).mid(4).toDouble());
        }
    }
    QByteArray out;
    for (const QByteArray &name : names)
        out += (out.isEmpty() ? "" : ", ") + name + ' ' + QByteArray::number(percentile(values.value(name), 0.5), 'f', 1);
    return out;
}
