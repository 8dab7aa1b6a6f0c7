#include "HttpRequestHead.h"

namespace {

// RFC 9110 tchar: the characters of a method or a field name (the same set QHttpServer's
// header parser accepts in field names).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s)
        if (!isTokenChar(c))
            return false;
    return true;
}

// field-value characters: visible ASCII, SP, HTAB and obs-text; no other control characters.
bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

QByteArrayView trimmedOws(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

bool equalsIgnoringCase(QByteArrayView a, const char *b)
{
    return QByteArrayView(a).compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

void appendCombined(QByteArray &to, QByteArrayView value)
{
    if (!to.isEmpty())
        to += ", ";
    to += value;
}

} // namespace

HttpRequestHead::Scan HttpRequestHead::scan(QByteArrayView data, qsizetype from)
{
    Scan result;
    for (qsizetype i = qMax<qsizetype>(0, from); i < data.size(); ++i) {
        const char c = data[i];
        if (c == '\r') {
            if (i + 1 < data.size() && data[i + 1] != '\n') {
                result.framing = Framing::BareLineEnd;
                return result;
            }
        } else if (c == '\n') {
            if (i == 0 || data[i - 1] != '\r') {
                result.framing = Framing::BareLineEnd;
                return result;
            }
            if (i >= 3 && data[i - 2] == '\n' && data[i - 3] == '\r') {
                result.framing = Framing::Complete;
                result.size = i + 1;
                return result;
            }
        }
    }
    return result;
}

void HttpRequestHead::fail(int status, const char *code, const char *message)
{
    ok = false;
    errorStatus = status;
    errorCode = code;
    errorMessage = message;
}

bool HttpRequestHead::isWebSocketUpgrade() const
{
    return connection.toLower().contains("upgrade") && equalsIgnoringCase(upgrade, "websocket");
}

HttpRequestHead HttpRequestHead::parse(QByteArrayView head)
{
    HttpRequestHead h;
    const Scan s = scan(head);
    if (s.framing == Framing::BareLineEnd) {
        h.fail(400, "bad_request", "Request lines must end with CRLF");
        return h;
    }
    if (s.framing != Framing::Complete || s.size != head.size()) {
        h.fail(400, "bad_request", "Incomplete request head");
        return h;
    }
    return parseFramed(head);
}

HttpRequestHead HttpRequestHead::parseFramed(QByteArrayView head)
{
    HttpRequestHead h;
    // From here on every CR is followed by LF and every LF follows a CR.
    QByteArrayView rest = head.first(head.size() - 2); // keep each line's CRLF, drop the last
    const qsizetype lineEnd = rest.indexOf("\r\n");
    const QByteArrayView requestLine = rest.first(lineEnd);
    rest = rest.sliced(lineEnd + 2);

    // method SP request-target SP HTTP-version, single spaces (RFC 9112 §3).
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1) {
        h.fail(400, "bad_request", "Malformed request line");
        return h;
    }
    h.method = requestLine.first(sp1).toByteArray();
    h.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(h.method)) {
        h.fail(400, "bad_request", "Malformed request method");
        return h;
    }
    for (const char c : std::as_const(h.target)) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            h.fail(400, "bad_request", "Malformed request target");
            return h;
        }
    }
    if (version == "HTTP/1.1") {
        h.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        h.minorVersion = 0;
    } else {
        h.fail(400, "bad_request", "Only HTTP/1.0 and HTTP/1.1 are spoken here");
        return h;
    }

    bool transferEncoding = false;
    while (!rest.isEmpty()) {
        const qsizetype end = rest.indexOf("\r\n");
        const QByteArrayView line = rest.first(end);
        rest = rest.sliced(end + 2);
        if (line.isEmpty() || line.front() == ' ' || line.front() == '\t') {
            // obs-fold (RFC 9112 §5.2): a server may refuse it; QHttpServer would join it.
            h.fail(400, "bad_request", "Folded header lines are not accepted");
            return h;
        }
        if (line.size() > kMaxFieldLineBytes) {
            h.fail(431, "header_too_large", "A header field is too large");
            return h;
        }
        if (++h.fieldCount > kMaxFields) {
            h.fail(431, "header_too_large", "Too many header fields");
            return h;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon))) {
            h.fail(400, "bad_request", "Malformed header field name");
            return h;
        }
        const QByteArrayView name = line.first(colon);
        const QByteArrayView raw = line.sliced(colon + 1);
        for (const char c : raw) {
            if (!isFieldValueChar(c)) {
                h.fail(400, "bad_request", "Control character in a header field value");
                return h;
            }
        }
        const QByteArrayView value = trimmedOws(raw);
        if (equalsIgnoringCase(name, "content-length")) {
            // Digits only: no sign, no spaces inside, no list ("5, 5"); 18 digits cannot
            // overflow a qint64.
            bool digits = !value.isEmpty() && value.size() <= 18;
            for (const char c : value)
                digits = digits && c >= '0' && c <= '9';
            const qint64 n = digits ? value.toLongLong() : -1;
            if (!digits || (h.hasContentLength && n != h.contentLength)) {
                h.fail(400, "bad_request", "Invalid Content-Length");
                return h;
            }
            h.contentLength = n;
            h.hasContentLength = true;
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            if (!equalsIgnoringCase(value, "identity"))
                transferEncoding = true;
        } else if (equalsIgnoringCase(name, "host")) {
            if (h.hasHost) {
                h.fail(400, "bad_request", "More than one Host header");
                return h;
            }
            h.hasHost = true;
            h.host = value.toByteArray();
        } else if (equalsIgnoringCase(name, "content-type")) {
            if (h.hasContentType) {
                h.fail(400, "bad_request", "More than one Content-Type header");
                return h;
            }
            h.hasContentType = true;
            h.contentType = value.toByteArray();
        } else if (equalsIgnoringCase(name, "upgrade")) {
            appendCombined(h.upgrade, value);
        } else if (equalsIgnoringCase(name, "connection")) {
            appendCombined(h.connection, value);
        }
    }
    if (transferEncoding) {
        h.fail(411, "length_required",
               "Chunked request bodies are not accepted; send Content-Length");
        return h;
    }
    h.ok = true;
    return h;
}
