// The reference of P1 (docs/performance.md, "The bars"): a bare QHttpServer program, in its own process, with one
// route returning a constant JSON object. bench_p1_list loads it and `wamator --headless` with
// the same wrk command, alternating, and reports the ratio. Only API common to QtHttpServer 6.4
// and 6.8 is used (QHttpServer::route, bind() to our own QTcpServer: listen() is gone in 6.8).
// Prints "listening on 127.0.0.1:<port>" once it accepts connections.
// Usage: bare_qhttpserver [port=0]

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServer>
#include <QJsonObject>
#include <QTcpServer>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const quint16 port = argc > 1 ? quint16(QByteArray(argv[1]).toUInt()) : 0;

    QHttpServer server;
    server.route(QStringLiteral("/bare"), [] {
        return QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                           {QStringLiteral("users"), 10}};
    });
    auto *tcp = new QTcpServer(&server);
    if (!tcp->listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "bare_qhttpserver: cannot listen: %s\n",
                     qPrintable(tcp->errorString()));
        return 2;
    }
    server.bind(tcp);
    std::printf("listening on 127.0.0.1:%u\n", unsigned(tcp->serverPort()));
    std::fflush(stdout);
    return app.exec();
}
