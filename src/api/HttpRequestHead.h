#pragma once

#include <QByteArray>
#include <QByteArrayView>

// One HTTP/1.x request head (request line and header fields), read without a socket so the
// TCP guard and the fuzzer share it. Strict on purpose: QHttpServer 6.4 reads heads loosely
// (bare LF line ends, obs-fold, a header block it cannot parse silently dropped), and every
// head the guard frames differently from QHttpServer is a way to smuggle a body past the
// guard's limits. So anything but CRLF line ends, token field names and plain field values
// is refused before QHttpServer sees it.
class HttpRequestHead
{
public:
    // QHttpServer 6.4 (QHttpHeaderParser) drops the whole header block when it has more fields
    // or a longer field line than this; the guard refuses such heads (431) instead.
    static constexpr int kMaxFields = 100;
    static constexpr int kMaxFieldLineBytes = 8 * 1024;

    enum class Framing
    {
        Incomplete, // no CRLFCRLF yet, nothing wrong so far
        Complete,   // the head ends at `size`
        BareLineEnd // an LF without CR before it, or a CR without LF after it
    };
    struct Scan
    {
        Framing framing = Framing::Incomplete;
        qsizetype size = 0; // Complete: bytes of the head including its final CRLFCRLF
    };

    // Looks for the end of the head that starts at data[0]. Bytes before `from` were scanned
    // already (pass the previous size - 1: a CR at the end is only judged with its successor).
    static Scan scan(QByteArrayView data, qsizetype from = 0);

    // Parses a complete head (data up to and including CRLFCRLF, nothing after it).
    static HttpRequestHead parse(QByteArrayView head);
    // The same for a head scan() has framed already (Complete, `size` bytes): the TCP guard
    // frames every head as it arrives and does not go over its line ends a second time.
    static HttpRequestHead parseFramed(QByteArrayView head);

    bool ok = false;
    // When !ok: the answer to give (400 bad_request, 411 length_required, 431 header_too_large).
    int errorStatus = 0;
    QByteArray errorCode;
    QByteArray errorMessage;

    QByteArray method;
    QByteArray target;
    int minorVersion = 1; // HTTP/1.<minorVersion>, 0 or 1
    int fieldCount = 0;
    qint64 contentLength = 0; // 0 when absent
    bool hasContentLength = false;
    bool hasHost = false;
    QByteArray host; // the Host value, trimmed
    bool hasContentType = false;
    QByteArray contentType;
    QByteArray upgrade;    // all Upgrade fields joined by ", " (as QHttpServer does)
    QByteArray connection; // all Connection fields joined by ", "

    // True when QHttpServer 6.4 hands this request to its WebSocket server (if the handler
    // agrees): Connection contains "upgrade" and Upgrade is exactly "websocket".
    bool isWebSocketUpgrade() const;

private:
    void fail(int status, const char *code, const char *message);
};
