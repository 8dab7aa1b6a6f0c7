#pragma once

#include <QtGlobal>

struct ApiResponse;
class QHttpServerResponder;
class QObject;
class QTcpSocket;

// The one place where QtHttpServer 6.4 (Debian 12) and 6.8 (Debian 13) differ for us, behind
// QT_VERSION_CHECK. What changed in 6.8 (see docs/development.md, "Debian 13 / Qt 6.8"):
// - handleRequest()/missingHandler() get a QHttpServerResponder instead of the socket, and no
//   makeResponder(): ApiHttpServer finds the socket through GuardedTcpServer::connectionOf();
// - a WebSocket upgrade no longer reaches handleRequest(): a verifier decides it
//   (addWebSocketUpgradeVerifier), see ApiHttpServer's constructor;
// - the responder writes status, headers and body in one call, and adds Content-Length itself;
// - the socket's readyRead is read by a per-connection protocol handler (the socket's parent),
//   not by the server object, and a live responder pauses reading on that connection.
namespace HttpServerCompat {

// True when QtHttpServer hands WebSocket upgrades to a verifier (6.8) instead of handleRequest.
constexpr bool kUpgradeVerifier = QT_VERSION >= QT_VERSION_CHECK(6, 8, 0);

// Writes a complete answer (status line, headers, body) through the responder.
void write(QHttpServerResponder &responder, const ApiResponse &response);

// The object whose readyRead slot feeds this socket's bytes to QtHttpServer: the server
// itself in 6.4, the connection's protocol handler (the socket's parent) in 6.8.
QObject *httpReader(QTcpSocket *socket, QObject *httpServer);

// Deletes a closed socket, unless QtHttpServer 6.8's protocol handler owns it (its parent):
// that handler deletes it itself once no responder is left, and would touch a socket deleted
// under it.
void release(QTcpSocket *socket);

// A refused WebSocket handshake: 6.8 writes our 404 and closes, then its protocol handler goes
// at once and deletes the socket with it, before the 404 has left (the client saw a bare
// close). In 6.8 the socket is taken from the handler so the answer is sent first; it is
// deleted when it disconnects. Nothing to do in 6.4.
void keepForRefusal(QTcpSocket *socket);

} // namespace HttpServerCompat
